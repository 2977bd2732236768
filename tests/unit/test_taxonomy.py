"""Taxonomies: the terms in use, their sheets, their labels, and levels across school systems."""

from __future__ import annotations

from pathlib import Path

import pytest

from atelier.core import knowledge, taxonomy, vocabulary
from atelier.core.knowledge import KnowledgeBase
from atelier.core.settings import Settings
from atelier.core.taxonomy import Term
from atelier.core.vocabulary import Vocabulary
from conftest import community, sheet, write_files

# Dates are all different, so "newest first" has one answer.
SHEETS = {
    "maths-4e": sheet(
        title="Jeu de fractions en 4e",
        subject="mathematiques",
        level="fr-4e",
        tags=["fractions", "oral"],
        challenges=["timing"],
        outcome="worked",
        community="cdp-maths",
        date="2025-03-01",
    ),
    "maths-sec-2": sheet(
        title="Fractions en 2e secondaire",
        subject="mathematiques",
        level="qc-sec-2",
        tags=["fractions"],
        outcome="did-not-work",
        date="2025-04-01",
    ),
    "francais-4e": sheet(
        title="Débat en 4e",
        subject="francais",
        level="fr-4e",
        tags=["oral"],
        challenges=["timing", "oral-participation"],
        community="cdp-maths",
        date="2025-01-10",
    ),
    "brouillon-3e": sheet(
        title="Un brouillon",
        subject="svt",
        level="fr-3e",
        tags=["secret", "oral"],
        challenges=["assessment"],
        outcome="mixed",
        community="cdp-secret",
        status="draft",
        date="2025-05-01",
    ),
}
COMMUNITIES = {
    "cdp-maths": community(name="Maths en partage"),
    "cdp-secret": community(name="Communauté sans fiche publiée"),
}

# What every taxonomy must hold: term id → its published sheets, newest first.
EXPECTED = {
    "subject": {"francais": ["francais-4e"], "mathematiques": ["maths-sec-2", "maths-4e"]},
    "level": {"fr-4e": ["maths-4e", "francais-4e"], "qc-sec-2": ["maths-sec-2"]},
    "community": {"cdp-maths": ["maths-4e", "francais-4e"]},
    "tag": {"fractions": ["maths-sec-2", "maths-4e"], "oral": ["maths-4e", "francais-4e"]},
    "challenge": {"timing": ["maths-4e", "francais-4e"], "oral-participation": ["francais-4e"]},
    "outcome": {"worked": ["maths-4e"], "did-not-work": ["maths-sec-2"]},
}


def load(root: Path, lang: str = "fr") -> KnowledgeBase:
    write_files(root / "practices", {f"{k}.md": v for k, v in SHEETS.items()})
    write_files(root / "communities", {f"{k}.md": v for k, v in COMMUNITIES.items()})
    kb, report = knowledge.load(Settings(root, lang=lang))
    assert [d.render() for d in report.errors] == []
    return kb


@pytest.fixture(scope="module")
def terms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Term]]:
    return taxonomy.build(load(tmp_path_factory.mktemp("taxonomy")))


@pytest.fixture(scope="module")
def levels() -> Vocabulary:
    vocabularies, report = vocabulary.load()
    assert report.errors == []
    return vocabularies["levels"]


# --- build ---------------------------------------------------------------------------------


def test_every_taxonomy_is_built(terms: dict[str, dict[str, Term]]) -> None:
    assert list(terms) == [t.name for t in taxonomy.TAXONOMIES]


@pytest.mark.parametrize("name", list(EXPECTED))
def test_only_terms_in_use_each_with_its_published_sheets_newest_first(
    terms: dict[str, dict[str, Term]], name: str
) -> None:
    found = {term_id: term.sheets for term_id, term in terms[name].items()}
    assert found == EXPECTED[name]


def test_drafts_give_no_term_and_appear_in_no_term(terms: dict[str, dict[str, Term]]) -> None:
    # svt, fr-3e, secret, assessment, mixed and cdp-secret are used by the draft only
    assert "svt" not in terms["subject"]
    assert "fr-3e" not in terms["level"]
    assert "secret" not in terms["tag"]
    assert "assessment" not in terms["challenge"]
    assert "mixed" not in terms["outcome"]
    assert "cdp-secret" not in terms["community"]
    # a term the draft shares with published sheets does not list it
    every_listed = {i for group in terms.values() for term in group.values() for i in term.sheets}
    assert "brouillon-3e" not in every_listed


def test_terms_know_their_taxonomy_id_and_url(terms: dict[str, dict[str, Term]]) -> None:
    for name, group in terms.items():
        folder = taxonomy.BY_NAME[name].folder
        for term_id, term in group.items():
            assert (term.taxonomy, term.id) == (name, term_id)
            assert term.url == f"{folder}/{term_id}/"
    assert terms["subject"]["mathematiques"].url == "subjects/mathematiques/"
    assert terms["level"]["qc-sec-2"].url == "levels/qc-sec-2/"


def test_labels_come_from_the_vocabularies(terms: dict[str, dict[str, Term]]) -> None:
    labels = {name: {i: t.label for i, t in group.items()} for name, group in terms.items()}
    # the site's language (fr), not fr-CA, even for a Québec sheet's subject
    assert labels["subject"] == {"francais": "Français", "mathematiques": "Mathématiques"}
    assert labels["level"] == {"fr-4e": "Quatrième (4e, collège)", "qc-sec-2": "2e secondaire"}
    assert labels["challenge"] == {
        "timing": "Gestion du temps",
        "oral-participation": "Prise de parole",
    }
    assert labels["outcome"] == {"worked": "Ça a marché", "did-not-work": "Ça n'a pas marché"}
    assert labels["community"] == {"cdp-maths": "Maths en partage"}  # the community's name
    assert labels["tag"] == {"fractions": "fractions", "oral": "oral"}  # tags are their own label


def test_labels_follow_the_site_language(tmp_path: Path) -> None:
    terms = taxonomy.build(load(tmp_path, lang="en"))
    assert terms["subject"]["mathematiques"].label == "Mathematics"
    assert terms["level"]["fr-4e"].label == "Quatrième — France (grade 8)"
    assert terms["outcome"]["did-not-work"].label == "It did not work"


def test_terms_are_in_vocabulary_order_tags_by_label(terms: dict[str, dict[str, Term]]) -> None:
    assert list(terms["subject"]) == ["francais", "mathematiques"]  # subjects.yml order
    assert list(terms["level"]) == ["fr-4e", "qc-sec-2"]
    assert list(terms["challenge"]) == ["timing", "oral-participation"]
    assert list(terms["outcome"]) == ["worked", "did-not-work"]
    assert list(terms["tag"]) == ["fractions", "oral"]


def test_values_reads_each_taxonomy_of_a_sheet(tmp_path: Path) -> None:
    kb = load(tmp_path)
    one = kb.sheets["maths-4e"]
    assert taxonomy.values(one, "subject") == ("mathematiques",)
    assert taxonomy.values(one, "level") == ("fr-4e",)
    assert taxonomy.values(one, "community") == ("cdp-maths",)
    assert taxonomy.values(one, "tag") == ("fractions", "oral")
    assert taxonomy.values(one, "challenge") == ("timing",)
    assert taxonomy.values(one, "outcome") == ("worked",)
    assert taxonomy.values(kb.sheets["francais-4e"], "outcome") == ()


def test_an_empty_knowledge_base_has_no_term(tmp_path: Path) -> None:
    kb, report = knowledge.load(tmp_path)
    assert report.errors == []
    assert taxonomy.build(kb) == {t.name: {} for t in taxonomy.TAXONOMIES}


# --- equivalent levels ---------------------------------------------------------------------


def test_secondaire_2_is_equivalent_to_quatrieme(levels: Vocabulary) -> None:
    found = taxonomy.equivalent_levels(levels, "qc-sec-2")
    assert "fr-4e" in found
    # ISCED 2 and age 13: the year, plus the French groupings that contain age 13
    assert found == ["fr-cycle-4", "fr-college", "fr-4e"]
    assert "fr-5e" not in found and "fr-3e" not in found


def test_quatrieme_is_equivalent_to_secondaire_2(levels: Vocabulary) -> None:
    found = taxonomy.equivalent_levels(levels, "fr-4e")
    assert "qc-sec-2" in found
    assert found == ["qc-sec-c1", "qc-sec-2"]


def test_cinquieme_is_equivalent_to_secondaire_1(levels: Vocabulary) -> None:
    found = taxonomy.equivalent_levels(levels, "fr-5e")
    assert "qc-sec-1" in found
    assert found == ["qc-sec-c1", "qc-sec-1"]
    assert "fr-5e" in taxonomy.equivalent_levels(levels, "qc-sec-1")


def test_equivalents_are_never_of_the_same_system(levels: Vocabulary) -> None:
    for level in levels:
        for other in taxonomy.equivalent_levels(levels, level.id):
            assert levels[other].system in ("fr", "qc"), (level.id, other)
            assert levels[other].system != level.system, (level.id, other)


def test_deprecated_levels_are_never_equivalents(levels: Vocabulary) -> None:
    assert levels["fr-dut"].deprecated  # the fixture this test relies on
    found = taxonomy.equivalent_levels(levels, "qc-cegep")
    assert "fr-bts" in found  # same ISCED level (5), overlapping ages
    assert "fr-dut" not in found  # also ISCED 5, overlapping ages, but deprecated
    for level in levels:
        assert not any(levels[o].deprecated for o in taxonomy.equivalent_levels(levels, level.id))


def test_equivalence_is_symmetric_between_current_levels(levels: Vocabulary) -> None:
    for level in levels:
        if level.deprecated:
            continue
        for other in taxonomy.equivalent_levels(levels, level.id):
            assert level.id in taxonomy.equivalent_levels(levels, other), (level.id, other)


@pytest.mark.parametrize("level_id", ["all-levels", "adult-education", "inconnu", ""])
def test_cross_system_or_unknown_levels_have_no_equivalent(
    levels: Vocabulary, level_id: str
) -> None:
    assert taxonomy.equivalent_levels(levels, level_id) == []
