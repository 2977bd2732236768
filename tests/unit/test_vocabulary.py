"""Vocabularies: shipped defaults, site extensions, suggestions, levels across systems."""

from __future__ import annotations

from pathlib import Path

from atelier.core import vocabulary

VOCABULARIES, REPORT = vocabulary.load()


def test_shipped_vocabularies_load_without_problems() -> None:
    assert REPORT.items == []
    for name in vocabulary.NAMES:
        assert len(VOCABULARIES[name].terms) >= 3, name


def test_labels_follow_the_page_language_and_quebec_usage() -> None:
    subjects = VOCABULARIES["subjects"]
    assert subjects.label("mathematiques", "fr") == "Mathématiques"
    assert subjects.label("mathematiques", "fr-CA") == "Mathématique"
    assert subjects.label("mathematiques", "en") == "Mathematics"
    assert subjects.label("francais", "fr-CA") == "Français, langue d'enseignement"


def test_levels_carry_their_system_and_isced_level() -> None:
    levels = VOCABULARIES["levels"]
    assert (levels["fr-4e"].system, levels["fr-4e"].isced, levels["fr-4e"].ages) == (
        "fr",
        (2,),
        (13, 13),
    )
    assert (levels["qc-sec-2"].system, levels["qc-sec-2"].isced) == ("qc", (2,))
    assert levels["fr-dut"].deprecated and levels["fr-dut"].replaced_by == "fr-but"


def test_labels_that_collide_across_the_atlantic_are_told_apart() -> None:
    levels = VOCABULARIES["levels"]
    labels = [term.label("fr") for term in levels]
    assert len(labels) == len(set(labels))
    assert levels.label("fr-cycle-3", "fr") != levels.label("qc-primaire-c3", "fr")


def test_suggestions_for_common_guesses() -> None:
    levels, subjects = VOCABULARIES["levels"], VOCABULARIES["subjects"]
    assert levels.suggest("lycee") == "fr-lycee"
    assert levels.suggest("4e") == "fr-4e"
    assert levels.suggest("sec 2") == "qc-sec-2"
    assert subjects.suggest("Maths") == "mathematiques"
    assert subjects.suggest("histoire") == "histoire-geographie"


def test_a_site_extends_and_overrides_vocabularies(tmp_path: Path) -> None:
    extra = tmp_path / "vocabulaires.yml"
    extra.write_text(
        "subjects:\n"
        '  - id: robotique\n    labels: {fr: "Robotique", en: "Robotics"}\n'
        '  - id: musique\n    labels: {fr: "Musique et chant"}\n'
        "levels:\n"
        "  - id: fr-ulis\n    system: fr\n    isced: [1, 2]\n    ages: [6, 16]\n"
        '    labels: {fr: "ULIS", en: "ULIS (France)"}\n',
        encoding="utf-8",
    )
    vocabularies, report = vocabulary.load([extra], root=tmp_path)
    assert report.items == []
    subjects = vocabularies["subjects"]
    assert subjects.label("robotique", "en") == "Robotics"
    assert subjects.label("musique", "fr") == "Musique et chant"
    assert subjects.label("musique", "en") == "Music"  # untouched labels are kept
    assert vocabularies["levels"]["fr-ulis"].isced == (1, 2)


def test_a_broken_extension_is_reported_with_its_line(tmp_path: Path) -> None:
    extra = tmp_path / "vocabulaires.yml"
    extra.write_text("sujets:\n  - id: x\n    labels: {fr: X}\n", encoding="utf-8")
    _, report = vocabulary.load([extra], root=tmp_path)
    assert [d.render("fr") for d in report.items] == [
        "vocabulaires.yml:1: vocabulaire inconnu « sujets » : possibles : "
        + ", ".join(vocabulary.NAMES)
    ]


def test_json_export_has_every_vocabulary() -> None:
    data = VOCABULARIES.as_json()
    assert set(data) == set(vocabulary.NAMES)
    fr4e = next(term for term in data["levels"] if term["id"] == "fr-4e")
    assert fr4e["isced"] == [2] and fr4e["system"] == "fr"
