"""The sheet schema (reliability.md §a.B and §a.D): golden messages for each kind of mistake."""

from __future__ import annotations

import datetime as dt

import pytest

from atelier.core import reader, schema, vocabulary
from atelier.core.diagnostics import Report
from atelier.core.model import Sheet

TODAY = dt.date(2026, 11, 30)
VOCABULARIES, _ = vocabulary.load()
BODY = "\n".join(f"## {s.fr}\n\nTexte.\n" for s in schema.SECTIONS if s.recommended)
FIELDS = {
    "title": '"Débat mouvant en 4e : la parole captée"',
    "summary": '"Un débat où les élèves se déplacent selon leur avis."',
    "subject": "francais",
    "level": "fr-4e",
    "authors": '["Claire Martin"]',
    "date": "2026-03-14",
    "what_went_wrong": '\n  - "Les élèves timides ne se sont pas déplacés."',
}


def front(**changes: str | None) -> str:
    fields = {**FIELDS, **changes}
    lines = [f"{key}: {value}" for key, value in fields.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + BODY


def check(text: str, lang: str = "fr") -> tuple[Sheet | None, list[str]]:
    report = Report()
    source = reader.read_bytes(text.encode(), "practices/debat.md", report)
    sheet = None
    if source is not None:
        sheet = schema.read_sheet(source, "debat", VOCABULARIES, report, today=TODAY)
    return sheet, [d.render(lang) for d in report.items]


def test_a_complete_sheet_is_valid() -> None:
    sheet, messages = check(front(tags="[oral, argumentation]", duration_minutes="55"))
    assert messages == []
    assert sheet is not None
    assert sheet.levels == ("fr-4e",)
    assert sheet.date == dt.date(2026, 3, 14)
    assert sheet.duration_minutes == 55
    assert sheet.what_went_wrong == ("Les élèves timides ne se sont pas déplacés.",)
    assert sheet.lines["level"] == 5


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"level": "lycee"},
            "practices/debat.md:5: level: « lycee » n'est pas un niveau connu — vouliez-vous "
            "dire « fr-lycee » ?",
        ),
        (
            {"level": "no"},
            "practices/debat.md:5: level: YAML lit « no » comme un booléen (vrai/faux) : mettez "
            'la valeur entre guillemets ("no") si c\'est bien ce que vous voulez écrire',
        ),
        (
            {"title": "yes"},
            "practices/debat.md:2: title: YAML lit « yes » comme un booléen (vrai/faux) : "
            'mettez la valeur entre guillemets ("yes") si c\'est bien ce que vous voulez écrire',
        ),
        (
            {"subject": "Maths"},
            "practices/debat.md:4: subject: « Maths » n'est pas une discipline connue — "
            "vouliez-vous dire « mathematiques » ?",
        ),
        (
            {"title": None},
            "practices/debat.md:1: title: champ obligatoire manquant : ajoutez « title: … » à "
            "l'en-tête",
        ),
        (
            {"title": "[a, b]"},
            "practices/debat.md:2: title: un texte est attendu, pas une liste",
        ),
        (
            {"title": "{a: 1}"},
            "practices/debat.md:2: title: un texte est attendu, pas des sous-champs",
        ),
        (
            {"title": '"' + "x" * 121 + '"'},
            "practices/debat.md:2: title: 121 caractères, la limite est 120 : raccourcissez",
        ),
        (
            {"date": "2024-02-30"},
            "practices/debat.md:7: date: « 2024-02-30 » n'est pas une vraie date : vérifiez le "
            "jour et le mois",
        ),
        (
            {"date": "14/03/2026"},
            "practices/debat.md:7: date: « 14/03/2026 » n'est pas une date au format AAAA-MM-JJ "
            "(par exemple 2026-03-14)",
        ),
        (
            {"date": "2027-01-01"},
            "practices/debat.md:7: date: la date 2027-01-01 est dans le futur : indiquez quand "
            "la pratique a eu lieu",
        ),
        (
            {"what_went_wrong": "[]"},
            "practices/debat.md:8: what_went_wrong: la valeur est vide : écrivez-la ou "
            "supprimez la ligne",
        ),
        (
            {"what_went_wrong": '"À compléter"'},
            "practices/debat.md:8: what_went_wrong: texte du modèle laissé tel quel (« À "
            "compléter ») : remplacez-le par votre récit",
        ),
        (
            {"duration_minutes": "1:30"},
            "practices/debat.md:10: duration_minutes: « 1:30 » : écrivez la durée en minutes "
            "(90), YAML lirait « 1:30 » comme 90 sans prévenir",
        ),
        (
            {"duration_minutes": "0"},
            "practices/debat.md:10: duration_minutes: « 0 » n'est pas un nombre entier de "
            "minutes (écrivez par exemple 55)",
        ),
        (
            {"duration_minutes": "20000"},
            "practices/debat.md:10: duration_minutes: 20000 est hors limites : entre 1 et 10000",
        ),
        (
            {"tags": "[Travail de groupe]"},
            "practices/debat.md:10: tags: le mot-clé « Travail de groupe » doit être en "
            "minuscules, sans accent ni espace : écrivez « travail-de-groupe »",
        ),
        (
            {"lang": "francais"},
            "practices/debat.md:10: lang: « francais » n'est pas une valeur possible : "
            "choisissez parmi fr, en",
        ),
        (
            {"niveau": "fr-4e"},
            "practices/debat.md:10: niveau: champ inconnu « niveau » — vouliez-vous dire "
            "« level » ?",
        ),
        (
            {"titel": '"x"'},
            "practices/debat.md:10: titel: champ inconnu « titel » — vouliez-vous dire « title » ?",
        ),
        (
            {"template": "404.html"},
            "practices/debat.md:10: template: « template » ne peut pas être choisi par une "
            "fiche (la mise en page est la même pour toutes) : supprimez cette ligne",
        ),
        (
            {"outcome": "[worked, mixed]"},
            "practices/debat.md:10: outcome: un texte est attendu, pas une liste",
        ),
        (
            {"status": "brouillon"},
            "practices/debat.md:10: status: « brouillon » n'est pas une valeur possible : "
            "choisissez parmi draft, published",
        ),
    ],
    ids=lambda value: next(iter(value)) if isinstance(value, dict) else "",
)
def test_field_errors(changes: dict[str, str | None], expected: str) -> None:
    sheet, messages = check(front(**changes))  # type: ignore[arg-type]
    assert sheet is None
    assert messages == [expected]


def test_every_error_of_a_file_is_reported_at_once() -> None:
    _, messages = check(front(level="lycee", date="2024-02-30", titel='"x"'))
    assert [m.split(": ")[0] for m in messages] == [
        "practices/debat.md:10",
        "practices/debat.md:5",
        "practices/debat.md:7",
    ]


def test_english_messages() -> None:
    _, messages = check(front(level="lycee"), lang="en")
    assert messages == [
        "practices/debat.md:5: level: 'lycee' is not a known level — did you mean 'fr-lycee'?"
    ]


def test_deprecated_id_is_a_warning_with_its_replacement() -> None:
    sheet, messages = check(front(subject="ecr"))
    assert sheet is not None
    assert messages == [
        "practices/debat.md:4: avertissement : subject: « ecr » est obsolète : remplacez-le "
        "par « ethique-citoyennete »"
    ]


def test_an_unquoted_hash_warns_that_the_rest_was_dropped() -> None:
    sheet, messages = check(front(title="Atelier #2 sur l'oral"))
    assert sheet is not None and sheet.title == "Atelier"
    assert messages == [
        "practices/debat.md:2: avertissement : title: « Atelier » est suivi de « # » : YAML "
        "lit la suite comme un commentaire et la supprime ; mettez toute la valeur entre "
        "guillemets"
    ]


def test_missing_recommended_section_is_a_warning_never_an_error() -> None:
    text = front().replace("## Pourquoi, à mon avis", "## Autre chose")
    sheet, messages = check(text)
    assert sheet is not None
    assert messages == [
        "practices/debat.md:11: avertissement : section recommandée absente : « ## Pourquoi, "
        "à mon avis »"
    ]


def test_english_sections_are_recognised() -> None:
    body = "\n".join(f"## {s.en}\n\nText.\n" for s in schema.SECTIONS if s.recommended)
    text = front(lang="en").split("---\n\n")[0] + "---\n\n" + body
    sheet, messages = check(text)
    assert messages == []
    assert sheet is not None and sheet.lang == "en"


def test_empty_body_is_an_error() -> None:
    sheet, messages = check(front().split("---\n\n")[0] + "---\n\n   \n")
    assert sheet is None
    assert messages == [
        "practices/debat.md:11: la fiche n'a pas de texte après l'en-tête : racontez ce que "
        "vous avez fait"
    ]


def test_lists_and_single_values_are_both_accepted() -> None:
    sheet, messages = check(
        front(subject="[francais, ethique-citoyennete]", level="[fr-4e, qc-sec-2]", tags="oral")
    )
    assert messages == []
    assert sheet is not None
    assert sheet.subjects == ("francais", "ethique-citoyennete")
    assert sheet.levels == ("fr-4e", "qc-sec-2")
    assert sheet.tags == ("oral",)
