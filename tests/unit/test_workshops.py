"""Workshops (issue 10): reading, golden messages, time zones, retours, projets, discussed_in."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from atelier.core import knowledge, reader, schema, vocabulary
from atelier.core.diagnostics import Report
from atelier.core.model import Sheet, Workshop
from atelier.core.settings import Settings
from atelier.core.workshops import retours
from conftest import REPO, community, sheet, write_files

TODAY = dt.date(2026, 12, 4)
VOCABULARIES, _ = vocabulary.load()
PATH = "workshops/rencontre.md"

# One value per line, from line 2: a change keeps every other field on its line.
FIELDS = {
    "title": '"Rencontre d\'étape : situations-problèmes"',  # 2
    "community": "cdp-math",  # 3
    "start": "2026-11-19T16:00:00-05:00",  # 4
    "end": "2026-11-19T18:00:00-05:00",  # 5
    "timezone": "America/Toronto",  # 6
    "place": '"Québec, salle prêtée par une école"',  # 7
    "protocol": "codeveloppement",  # 8
    "sheets": "[fractions]",  # 9
    "status": "held",  # 10
}
RETOUR = """
## [Situation-problème en 1re secondaire](id:fractions)

Le groupe a proposé une situation d'entraînement non évaluée en début d'étape.
"""


def front(body: str = RETOUR, **changes: str | None) -> str:
    fields = {**FIELDS, **changes}
    lines = [f"{key}: {value}" for key, value in fields.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def read(text: str, lang: str = "fr") -> tuple[Workshop | None, list[str]]:
    report = Report()
    source = reader.read_bytes(text.encode(), PATH, report)
    workshop = None
    if source is not None:
        workshop = schema.read_workshop(source, "rencontre", VOCABULARIES, report, today=TODAY)
    return workshop, [d.render(lang) for d in report.items]


# --- Reading ----------------------------------------------------------------------------------


def test_a_complete_workshop_is_valid() -> None:
    workshop, messages = read(front(facilitators='["Geneviève L."]', online=_ONLINE))
    assert messages == []
    assert workshop is not None
    assert workshop.start == dt.datetime(2026, 11, 19, 21, 0, tzinfo=dt.UTC)
    assert workshop.start.utcoffset() == dt.timedelta(hours=-5)
    assert workshop.local_start.hour == 16
    assert str(workshop.zone) == "America/Toronto"
    assert workshop.minutes == 120
    assert workshop.sheets == ("fractions",)
    assert workshop.facilitators == ("Geneviève L.",)
    assert workshop.protocol == "codeveloppement"
    assert workshop.is_held and not workshop.is_cancelled
    assert workshop.online == "https://example.org/cdp-math/rencontre"
    assert (workshop.lines["start"], workshop.lines["sheets.fractions"]) == (4, 9)
    assert workshop.document.sections[0].title == "Situation-problème en 1re secondaire"


_ONLINE = "https://example.org/cdp-math/rencontre"


def test_optional_fields_have_defaults_and_quoted_dates_are_read_too() -> None:
    workshop, messages = read(
        front(
            body="",
            start='"2026-11-19T16:00:00-05:00"',
            end="2026-11-19 18:30-05:00",
            timezone=None,
            protocol=None,
            sheets=None,
            status=None,
            place=None,
            online=_ONLINE,
        )
    )
    assert workshop is not None, messages
    assert messages == [
        "workshops/rencontre.md:5: avertissement : status: l'atelier du 2026-11-19 est passé "
        "et toujours « planned » : écrivez « status: held » et le retour (ce que le groupe a "
        "proposé), ou « status: cancelled »"
    ]
    assert (workshop.status, workshop.timezone, workshop.protocol, workshop.sheets) == (
        "planned",
        None,
        None,
        (),
    )
    assert workshop.zone.utcoffset(None) == dt.timedelta(hours=-5)  # the offset as written
    assert workshop.minutes == 150
    assert workshop.place is None


def test_utc_is_written_z() -> None:
    workshop, messages = read(
        front(start="2026-11-19T21:00:00Z", end="2026-11-19T23:00:00Z", timezone=None)
    )
    assert messages == []
    assert workshop is not None and workshop.start.utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"start": "2027-01-14T18:00:00", "timezone": None, "status": "planned"},
            "workshops/rencontre.md:4: start: « 2027-01-14T18:00:00 » ne dit pas de quel pays "
            "est cette heure : ajoutez à la fin le décalage avec l'heure universelle — en France "
            "+01:00 en hiver, +02:00 en été (« 2027-01-14T18:00:00+01:00 ») ; au Québec -05:00 "
            "en hiver, -04:00 en été (« 2027-01-14T18:00:00-05:00 »)",
        ),
        (
            {"end": "2026-07-09T18:00", "timezone": None},
            "workshops/rencontre.md:5: end: « 2026-07-09T18:00 » ne dit pas de quel pays est "
            "cette heure : ajoutez à la fin le décalage avec l'heure universelle — en France "
            "+01:00 en hiver, +02:00 en été (« 2026-07-09T18:00+02:00 ») ; au Québec -05:00 en "
            "hiver, -04:00 en été (« 2026-07-09T18:00-04:00 »)",
        ),
        (
            {"start": "2026-11-19T16:00:00"},
            "workshops/rencontre.md:4: start: « 2026-11-19T16:00:00 » n'a pas de décalage "
            "horaire : à cette date, America/Toronto est à -05:00 ; écrivez plutôt "
            "« 2026-11-19T16:00:00-05:00 »",
        ),
        (
            {"start": "2026-11-19T16:00:00+01:00"},
            "workshops/rencontre.md:4: start: « 2026-11-19T16:00:00+01:00 » : le 2026-11-19, "
            "America/Toronto est à -05:00, pas à +01:00 ; écrivez « 2026-11-19T16:00:00-05:00 », "
            "ou corrigez timezone",
        ),
        (
            {"start": "19/11/2026 16:00"},
            "workshops/rencontre.md:4: start: « 19/11/2026 16:00 » n'est pas une date et une "
            "heure au format AAAA-MM-JJTHH:MM:SS±HH:MM : écrivez par exemple "
            "2027-01-14T18:00:00-05:00 (le 14 janvier 2027 à 18 h, heure du Québec)",
        ),
        (
            {"start": "2026-11-19"},
            "workshops/rencontre.md:4: start: « 2026-11-19 » n'est pas une date et une heure "
            "au format AAAA-MM-JJTHH:MM:SS±HH:MM : écrivez par exemple 2027-01-14T18:00:00-05:00 "
            "(le 14 janvier 2027 à 18 h, heure du Québec)",
        ),
        (
            {"start": "2026-02-30T16:00:00-05:00"},
            "workshops/rencontre.md:4: start: « 2026-02-30T16:00:00-05:00 » n'est pas une vraie "
            "date et heure : vérifiez le jour, le mois, l'heure et le décalage horaire",
        ),
        (
            {"start": "2026-11-19T16:00:00-25:00"},
            "workshops/rencontre.md:4: start: « 2026-11-19T16:00:00-25:00 » n'est pas une vraie "
            "date et heure : vérifiez le jour, le mois, l'heure et le décalage horaire",
        ),
        (
            {"start": "[2026-11-19T16:00:00-05:00]"},
            "workshops/rencontre.md:4: start: un texte est attendu, pas une liste",
        ),
        (
            {"timezone": "America/Toronot"},
            "workshops/rencontre.md:6: timezone: « America/Toronot » n'est pas un fuseau horaire "
            "connu — vouliez-vous dire « America/Toronto » ?",
        ),
        (
            {"timezone": '"Québec"'},
            "workshops/rencontre.md:6: timezone: « Québec » n'est pas un fuseau horaire connu — "
            "vouliez-vous dire « America/Toronto » ?",
        ),
        (
            {"timezone": "EST"},
            "workshops/rencontre.md:6: timezone: « EST » n'est pas un fuseau horaire connu — "
            "vouliez-vous dire « America/Toronto » ?",
        ),
        (
            {"timezone": "europe/paris"},
            "workshops/rencontre.md:6: timezone: « europe/paris » n'est pas un fuseau horaire "
            "connu — vouliez-vous dire « Europe/Paris » ?",
        ),
        (
            {"timezone": "Mars/Olympus_Mons"},
            "workshops/rencontre.md:6: timezone: « Mars/Olympus_Mons » n'est pas un fuseau "
            "horaire connu : écrivez un nom de la base IANA, par exemple Europe/Paris (France) "
            "ou America/Toronto (Québec : Montréal, Québec)",
        ),
        (
            {"end": "2026-11-19T15:00:00-05:00"},
            "workshops/rencontre.md:5: end: la fin (2026-11-19T15:00:00-05:00) n'est pas après "
            "le début (2026-11-19T16:00:00-05:00) : vérifiez la date et l'heure de fin",
        ),
        (
            {"end": "2026-11-19T16:00:00-05:00"},
            "workshops/rencontre.md:5: end: la fin (2026-11-19T16:00:00-05:00) n'est pas après "
            "le début (2026-11-19T16:00:00-05:00) : vérifiez la date et l'heure de fin",
        ),
        (
            {"place": None},
            "workshops/rencontre.md:1: place: indiquez où a lieu l'atelier : « place: … » (un "
            "lieu), « online: https://… » (la page pour le rejoindre ou s'y inscrire), ou les deux",
        ),
        (
            {"online": "http://example.org/visio"},
            "workshops/rencontre.md:11: online: « http://example.org/visio » : le lien de "
            "l'atelier en ligne doit être une adresse https://…",
        ),
        (
            {"online": "visio"},
            "workshops/rencontre.md:11: online: « visio » n'est pas une adresse web (https://…)",
        ),
        (
            {"status": "done"},
            "workshops/rencontre.md:10: status: « done » n'est pas une valeur possible : "
            "choisissez parmi planned, held, cancelled",
        ),
        (
            {"start": "2027-01-14T18:00:00-05:00", "end": "2027-01-14T20:00:00-05:00"},
            "workshops/rencontre.md:10: status: l'atelier est marqué « held » (tenu), mais il "
            "commence le 2027-01-14, qui n'est pas encore arrivé : écrivez « status: planned »",
        ),
        (
            {"community": "[cdp-math, autre]"},
            "workshops/rencontre.md:3: community: un texte est attendu, pas une liste",
        ),
        (
            {"community": None},
            "workshops/rencontre.md:1: community: champ obligatoire manquant : ajoutez "
            "« community: … » à l'en-tête",
        ),
        (
            {"title": None},
            "workshops/rencontre.md:1: title: champ obligatoire manquant : ajoutez « title: … » "
            "à l'en-tête",
        ),
        (
            {"start": None},
            "workshops/rencontre.md:1: start: champ obligatoire manquant : ajoutez « start: … » "
            "à l'en-tête",
        ),
        (
            {"title": "yes"},
            "workshops/rencontre.md:2: title: YAML lit « yes » comme un booléen (vrai/faux) : "
            'mettez la valeur entre guillemets ("yes") si c\'est bien ce que vous voulez écrire',
        ),
        (
            {"protocol": "codev"},
            "workshops/rencontre.md:8: protocol: « codev » n'est pas un protocole connu — "
            "vouliez-vous dire « codeveloppement » ?",
        ),
        (
            {"protocol": "GEASE"},
            "workshops/rencontre.md:8: protocol: « GEASE » n'est pas un protocole connu — "
            "vouliez-vous dire « gease » ?",
        ),
        (
            {"protocol": "balint"},
            "workshops/rencontre.md:8: protocol: « balint » n'est pas un protocole connu : la "
            "commande « atelier vocabulary » donne la liste",
        ),
        (
            {"sheets": "[Fractions en 1re]"},
            "workshops/rencontre.md:9: sheets: « Fractions en 1re » n'est pas une fiche connue : "
            "la commande « atelier vocabulary » donne la liste",
        ),
        (
            {"lieu": '"Québec"'},
            "workshops/rencontre.md:11: lieu: champ inconnu « lieu » — vouliez-vous dire "
            "« place » ?",
        ),
        (
            {"date": "2026-11-19"},
            "workshops/rencontre.md:11: date: champ inconnu « date » — vouliez-vous dire "
            "« start » ?",
        ),
        (
            {"fiches": "[fractions]"},
            "workshops/rencontre.md:11: fiches: champ inconnu « fiches » — vouliez-vous dire "
            "« sheets » ?",
        ),
        (
            {"fuseau horaire": "Europe/Paris"},
            "workshops/rencontre.md:11: fuseau horaire: champ inconnu « fuseau horaire » — "
            "vouliez-vous dire « timezone » ?",
        ),
        (
            {"template": "main.html"},
            "workshops/rencontre.md:11: template: « template » ne peut pas être choisi par une "
            "fiche (la mise en page est la même pour toutes) : supprimez cette ligne",
        ),
    ],
    ids=lambda value: "-".join(value) if isinstance(value, dict) else "",
)
def test_field_errors(changes: dict[str, str | None], expected: str) -> None:
    workshop, messages = read(front(**changes))
    assert workshop is None
    assert messages == [expected]


def test_a_workshop_longer_than_twelve_hours_is_a_warning() -> None:
    workshop, messages = read(front(end="2026-11-20T18:00:00-05:00"))
    assert workshop is not None
    assert messages == [
        "workshops/rencontre.md:5: avertissement : end: l'atelier durerait 26 heures : "
        "vérifiez la date de fin"
    ]


def test_english_messages() -> None:
    _, messages = read(front(start="2027-07-08T18:00:00", timezone=None), lang="en")
    assert messages == [
        "workshops/rencontre.md:4: start: '2027-07-08T18:00:00' does not say which country's "
        "time it is: add the offset from UTC at the end — in France +01:00 in winter, +02:00 in "
        "summer ('2027-07-08T18:00:00+02:00'); in Québec -05:00 in winter, -04:00 in summer "
        "('2027-07-08T18:00:00-04:00')"
    ]
    _, messages = read(front(start="2026-11-19T16:00:00"), lang="en")
    assert messages == [
        "workshops/rencontre.md:4: start: '2026-11-19T16:00:00' has no UTC offset: on that "
        "date, America/Toronto is at -05:00; write '2026-11-19T16:00:00-05:00' instead"
    ]


def test_every_error_of_a_workshop_is_reported_at_once() -> None:
    _, messages = read(front(timezone="Europe/Pariss", end="demain", status="fini", lieu="x"))
    assert [m.split(": ")[0] for m in messages] == [
        "workshops/rencontre.md:11",
        "workshops/rencontre.md:6",
        "workshops/rencontre.md:5",
        "workshops/rencontre.md:10",
    ]


# --- Time zones -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "start", "end"),
    [
        # Paris: CET (+01:00) until the last Sunday of March, CEST (+02:00) until October's.
        ("Europe/Paris", "2027-03-27T14:00:00+01:00", "2027-03-27T16:30:00+01:00"),
        ("Europe/Paris", "2027-03-28T14:00:00+02:00", "2027-03-28T16:30:00+02:00"),
        ("Europe/Paris", "2027-10-30T14:00:00+02:00", "2027-10-30T16:30:00+02:00"),
        ("Europe/Paris", "2027-10-31T14:00:00+01:00", "2027-10-31T16:30:00+01:00"),
        # Québec: EST (-05:00) until the second Sunday of March, EDT (-04:00) until November's
        # first Sunday; so three weeks a year the gap with Paris is 5 hours, not 6.
        ("America/Toronto", "2027-03-13T18:00:00-05:00", "2027-03-13T20:00:00-05:00"),
        ("America/Toronto", "2027-03-14T18:00:00-04:00", "2027-03-14T20:00:00-04:00"),
        ("America/Toronto", "2027-11-06T18:00:00-04:00", "2027-11-06T20:00:00-04:00"),
        ("America/Toronto", "2027-11-07T18:00:00-05:00", "2027-11-07T20:00:00-05:00"),
        # The hour that happens twice when clocks go back: both offsets name a real instant.
        ("America/Toronto", "2027-11-07T01:30:00-04:00", "2027-11-07T01:45:00-05:00"),
    ],
)
def test_offsets_that_agree_with_the_time_zone_are_accepted(
    zone: str, start: str, end: str
) -> None:
    workshop, messages = read(front(timezone=zone, start=start, end=end, status="planned"))
    assert messages == []
    assert workshop is not None
    assert workshop.local_start.replace(tzinfo=None) == dt.datetime.fromisoformat(start[:19])


@pytest.mark.parametrize(
    ("zone", "start", "expected"),
    [
        ("Europe/Paris", "2027-03-28T14:00:00+01:00", "+02:00"),  # summer time began that day
        ("Europe/Paris", "2027-10-31T14:00:00+02:00", "+01:00"),
        ("America/Toronto", "2027-03-14T18:00:00-05:00", "-04:00"),
        ("America/Toronto", "2027-11-07T18:00:00-04:00", "-05:00"),
    ],
)
def test_an_offset_the_time_zone_does_not_have_that_day_is_an_error(
    zone: str, start: str, expected: str
) -> None:
    end = start[:11] + "23:00:00" + start[19:]
    _, messages = read(front(timezone=zone, start=start, end=end, status="planned"))
    assert len(messages) == 2  # the end has the same wrong offset
    assert messages[0].startswith(f"workshops/rencontre.md:4: start: « {start} » : le ")
    assert f"{zone} est à {expected}, pas à {start[19:]}" in messages[0]
    assert f"« {start[:19]}{expected} »" in messages[0]


def test_zone_of_knows_iana_names_only() -> None:
    assert str(schema.zone_of("America/Toronto")) == "America/Toronto"
    assert schema.zone_of("UTC") is not None
    for name in ("EST", "CET", "localtime", "../etc/passwd", "", "europe/paris"):
        assert schema.zone_of(name) is None, name


def test_offset_text() -> None:
    assert schema.offset_text(dt.timedelta(hours=-5)) == "-05:00"
    assert schema.offset_text(dt.timedelta(hours=5, minutes=30)) == "+05:30"
    assert schema.offset_text(None) == "+00:00"


# --- Projets: sheets not tried yet --------------------------------------------------------------

PROJET_BODY = "".join(f"\n## {s.fr}\n\nTexte.\n" for s in schema.PROJET_SECTIONS if s.recommended)


def read_sheet(text: str) -> tuple[Sheet | None, list[str]]:
    report = Report()
    source = reader.read_bytes(text.encode(), "practices/projet.md", report)
    assert source is not None
    found = schema.read_sheet(source, "projet", VOCABULARIES, report, today=TODAY)
    return found, [d.render() for d in report.items]


def projet(body: str = PROJET_BODY, **fields: Any) -> str:
    values: dict[str, Any] = {
        "outcome": "not-yet-tried",
        "what_went_wrong": None,
        "worries": ["Que la discussion tourne au tribunal."],
        **fields,
    }
    return sheet(body=body, **values)


def test_a_projet_needs_worries_not_what_went_wrong() -> None:
    found, messages = read_sheet(projet())
    assert messages == []
    assert found is not None and found.is_projet
    assert found.what_went_wrong == ()
    assert found.worries == ("Que la discussion tourne au tribunal.",)
    label = VOCABULARIES["outcomes"].label("not-yet-tried")
    assert label == "Pas encore essayé — je demande conseil"
    assert VOCABULARIES["outcomes"].label("not-yet-tried", "en") == (
        "Not yet tried — asking for advice"
    )


def test_a_projet_without_worries_is_an_error_on_its_outcome_line() -> None:
    found, messages = read_sheet(projet(worries=None))
    assert found is None
    assert messages == [
        "practices/projet.md:9: worries: une fiche « pas encore essayé » (outcome: "
        "not-yet-tried) dit ce que vous craignez : ajoutez « worries: » avec une phrase ou une "
        "liste de points courts ; what_went_wrong viendra après l'essai"
    ]


def test_a_projet_may_already_tell_what_went_wrong_before() -> None:
    found, messages = read_sheet(projet(what_went_wrong=["L'an dernier, la première tentative."]))
    assert messages == []
    assert found is not None and found.what_went_wrong


def test_a_projet_has_its_own_recommended_sections() -> None:
    found, messages = read_sheet(projet(body="\n## Contexte\n\nTexte.\n"))
    assert found is not None
    assert messages == [
        f"practices/projet.md:13: avertissement : section recommandée absente : « ## {name} »"
        for name in (
            "Ce que je veux essayer",
            "Ce que je crains",
            "Mes questions pour la communauté",
        )
    ]
    _, english = read_sheet(projet(body="\n## Context\n\nText.\n", lang="en"))
    assert [m.rsplit("« ## ", 1)[1] for m in english] == [
        "What I want to try »",
        "What I am worried about »",
        "My questions for the community »",
    ]


def test_a_sheet_that_was_tried_needs_what_went_wrong_again() -> None:
    found, messages = read_sheet(projet(outcome="mixed"))
    assert found is None
    assert "practices/projet.md:1: what_went_wrong: champ obligatoire manquant" in messages[0]


def test_once_tried_a_sheet_keeps_its_worries_and_says_when() -> None:
    text = sheet(outcome="mixed", worries=["Que ce soit un tribunal."], tried_on="2026-05-02")
    found, messages = read_sheet(text)
    assert [m for m in messages if "avertissement" not in m] == []
    assert found is not None and not found.is_projet
    assert found.tried_on == dt.date(2026, 5, 2)


def test_tried_on_is_checked() -> None:
    _, messages = read_sheet(projet(tried_on="2026-05-02"))
    assert messages == [
        "practices/projet.md:12: tried_on: la fiche dit « pas encore essayé » (outcome: "
        "not-yet-tried) mais donne une date d'essai : changez outcome (worked, mixed, "
        "did-not-work ou too-early) ou retirez tried_on"
    ]
    _, messages = read_sheet(sheet(tried_on="2025-01-02"))  # the sheet's date is 2025-03-14
    assert messages == [
        "practices/projet.md:12: tried_on: la date d'essai 2025-01-02 est avant la date de la "
        "fiche (2025-03-14) : tried_on sert à une fiche écrite avant l'essai (un projet) ; "
        "sinon, retirez-la et gardez date"
    ]


# --- The knowledge base: references, retours, discussed_in, projets ------------------------------


def workshop_file(body: str = RETOUR, **fields: Any) -> str:
    """A valid held workshop of cdp-math about `fractions` (fields: YAML text, None drops)."""
    values: dict[str, Any] = {
        "title": '"Rencontre d\'étape"',
        "community": "cdp-math",
        "start": "2026-11-19T16:00:00-05:00",
        "end": "2026-11-19T18:00:00-05:00",
        "timezone": "America/Toronto",
        "place": "Québec",
        "protocol": "codeveloppement",
        "sheets": "\n  - fractions",
        "status": "held",
        **fields,
    }
    lines = [f"{key}: {value}" for key, value in values.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def site(tmp_path: Path, workshops: dict[str, str], **sheets: str) -> Path:
    files = {
        "communities/cdp-math.md": community(name="CdP mathématique"),
        "communities/lettres.md": community(name="Lettres"),
        "practices/fractions.md": sheet(title="Situation-problème sur les fractions"),
        "practices/tableaux.md": sheet(title="Tableaux blancs verticaux", date="2025-10-09"),
        "practices/brouillon.md": sheet(status="draft"),
        "practices/conseil.md": projet(title="Conseil de coopération", date="2026-10-02"),
        "practices/nouvelle.md": projet(title="Écrire une nouvelle", date="2026-09-20"),
        **{f"practices/{name}.md": text for name, text in sheets.items()},
        **{f"workshops/{name}.md": text for name, text in workshops.items()},
    }
    write_files(tmp_path, files)
    return tmp_path


def load(root: Path, settings: Settings | None = None) -> tuple[knowledge.KnowledgeBase, list[str]]:
    kb, report = knowledge.load(settings or Settings(root, today=TODAY))
    return kb, [d.render() for d in sorted(report.items, key=lambda d: d.sort_key())]


def test_workshops_are_loaded_and_indexed(tmp_path: Path) -> None:
    kb, messages = load(site(tmp_path, {"rencontre": workshop_file()}))
    assert messages == []
    assert list(kb.workshops) == ["rencontre"]
    [(workshop, section)] = kb.discussed_in("fractions")
    assert workshop.id == "rencontre"
    assert section.title == "Situation-problème en 1re secondaire"
    assert "situation d'entraînement" in section.source
    assert kb.discussed_in("tableaux") == []
    assert kb.workshops_of_sheet("fractions") == [workshop]
    assert kb.workshops_of_community("cdp-math") == [workshop]
    assert kb.workshops_of_community("lettres") == []


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"community": "cdp-maths"},
            "workshops/rencontre.md:3: community: « cdp-maths » n'est pas une communauté connue "
            "(dossier communities/) — vouliez-vous dire « cdp-math » ?",
        ),
        (
            {"sheets": "\n  - fractions\n  - tableaux-blancs"},
            "workshops/rencontre.md:11: sheets: « tableaux-blancs » n'est pas une fiche connue — "
            "vouliez-vous dire « tableaux » ?",
        ),
        (
            {"sheets": "\n  - fractions\n  - brouillon"},
            "workshops/rencontre.md:11: sheets: « brouillon » est un brouillon, non publié : "
            "retirez-le ou attendez sa publication",
        ),
    ],
    ids=["community", "sheet", "draft"],
)
def test_references_are_checked(tmp_path: Path, fields: dict[str, str], expected: str) -> None:
    _, messages = load(site(tmp_path, {"rencontre": workshop_file(**fields)}))
    assert messages == [expected]


def test_a_held_workshop_without_the_retour_of_a_sheet_warns_on_its_line(tmp_path: Path) -> None:
    text = workshop_file(sheets="\n  - fractions\n  - tableaux")
    kb, messages = load(site(tmp_path, {"rencontre": text}))
    assert messages == [
        "workshops/rencontre.md:11: avertissement : sheets: l'atelier a eu lieu, mais aucune "
        "section « ## » ne rend compte de la fiche « tableaux » : ajoutez « ## [titre de la "
        "fiche](id:tableaux) » suivi de ce que le groupe a proposé"
    ]
    assert [w.id for w, _ in kb.discussed_in("fractions")] == ["rencontre"]


def test_a_retour_about_a_sheet_not_listed_is_an_error_on_the_link(tmp_path: Path) -> None:
    body = RETOUR + "\n## Une autre fiche\n\nNous avons aussi parlé de [ceci](id:tableaux).\n"
    kb, messages = load(site(tmp_path, {"rencontre": workshop_file(body)}))
    assert messages == [
        "workshops/rencontre.md:20: cette section rend compte de la fiche « tableaux », qui "
        "n'est pas dans « sheets » : ajoutez-la à la liste sheets de l'en-tête, ou retirez le "
        "lien du titre"
    ]
    assert kb.discussed_in("tableaux") == []


def test_only_the_heading_or_the_first_paragraph_names_the_sheet(tmp_path: Path) -> None:
    body = (
        "\nUn mot d'introduction qui cite [une fiche](id:tableaux).\n"
        "\n## La fiche de Mélanie\n"
        "\nFiche : [Situation-problème](id:fractions), présentée par son autrice.\n"
        "\nComme dans [les tableaux blancs](id:tableaux), le groupe propose de travailler "
        "debout.\n"
        "\n## Ce que le groupe retient\n\nTravailler la lecture du dossier.\n"
    )
    kb, messages = load(site(tmp_path, {"rencontre": workshop_file(body)}))
    assert messages == []
    [(_, section)] = kb.discussed_in("fractions")
    assert section.title == "La fiche de Mélanie"
    assert [r.sheet for r in retours(kb.workshops["rencontre"])] == ["fractions"]


def test_a_heading_link_wins_over_the_first_paragraph(tmp_path: Path) -> None:
    body = (
        "\n## [Tableaux blancs](id:tableaux)\n"
        "\nVoir aussi [la situation-problème](id:fractions), discutée juste avant.\n"
        "\n## [Situation-problème](id:fractions)\n\nLe groupe propose.\n"
    )
    text = workshop_file(body, sheets="\n  - fractions\n  - tableaux")
    kb, messages = load(site(tmp_path, {"rencontre": text}))
    assert messages == []
    assert [s.title for _, s in kb.discussed_in("tableaux")] == ["Tableaux blancs"]
    assert [s.title for _, s in kb.discussed_in("fractions")] == ["Situation-problème"]


def test_a_second_retour_for_the_same_sheet_is_a_warning(tmp_path: Path) -> None:
    body = RETOUR + "\n## [Encore les fractions](id:fractions)\n\nSuite.\n"
    kb, messages = load(site(tmp_path, {"rencontre": workshop_file(body)}))
    assert messages == [
        "workshops/rencontre.md:18: avertissement : la fiche « fractions » a déjà sa section, "
        "ligne 14 : réunissez les deux sections en une seule"
    ]
    [(_, section)] = kb.discussed_in("fractions")
    assert section.line == 14


def test_links_in_a_workshop_must_lead_to_a_published_sheet(tmp_path: Path) -> None:
    body = RETOUR + "\nVoir [cette fiche](id:fractionss) et [celle-ci](id:brouillon).\n"
    _, messages = load(site(tmp_path, {"rencontre": workshop_file(body)}))
    assert messages == [
        "workshops/rencontre.md:18: le lien « id:fractionss » renvoie à une fiche qui n'existe "
        "pas — vouliez-vous dire « id:fractions » ?",
        "workshops/rencontre.md:18: « brouillon » est un brouillon, non publié : retirez-le ou "
        "attendez sa publication",
    ]


def test_a_held_workshop_with_an_empty_body_warns(tmp_path: Path) -> None:
    _, messages = load(site(tmp_path, {"rencontre": workshop_file("", sheets=None)}))
    assert messages == [
        "workshops/rencontre.md:11: avertissement : l'atelier a eu lieu : racontez ce qui en "
        "est sorti (une section « ## » par fiche discutée, ou ce que le groupe retient)"
    ]


def test_a_planned_workshop_may_have_an_empty_body_or_a_preparation(tmp_path: Path) -> None:
    planned = {
        "status": "planned",
        "start": "2027-01-14T18:00:00-05:00",
        "end": "2027-01-14T20:00:00-05:00",
        "sheets": "\n  - conseil",
    }
    preparation = "\n## Préparation\n\nLisez [la fiche](id:conseil) avant de venir.\n"
    kb, messages = load(
        site(
            tmp_path,
            {"vide": workshop_file("", **planned), "prepa": workshop_file(preparation, **planned)},
        )
    )
    assert messages == []
    assert kb.discussed_in("conseil") == []  # planned: not discussed yet
    assert [w.id for w in kb.workshops_of_sheet("conseil")] == ["prepa", "vide"]


def test_cancelled_workshops_discussed_nothing(tmp_path: Path) -> None:
    kb, messages = load(site(tmp_path, {"annule": workshop_file(status="cancelled")}))
    assert messages == []
    assert kb.discussed_in("fractions") == []
    assert kb.workshops["annule"].is_cancelled


def test_projets_waiting_are_those_no_held_workshop_discussed_oldest_first(
    tmp_path: Path,
) -> None:
    held = workshop_file(
        "\n## [Écrire une nouvelle](id:nouvelle)\n\nLe groupe propose des étapes courtes.\n",
        community="lettres",
        sheets="\n  - nouvelle",
    )
    planned = workshop_file(
        "",
        status="planned",
        start="2027-01-16T09:00:00-05:00",
        end="2027-01-16T10:30:00-05:00",
        sheets="\n  - conseil",
    )
    extra = {"ancien": projet(title="Un projet plus ancien", date="2026-01-05")}
    kb, messages = load(site(tmp_path, {"lettres": held, "neo": planned}, **extra))
    assert messages == []
    assert [s.id for s in kb.projets_waiting] == ["ancien", "conseil"]
    [(workshop, section)] = kb.discussed_in("nouvelle")
    assert (workshop.id, section.title) == ("lettres", "Écrire une nouvelle")
    assert [w.id for w in kb.agenda] == ["lettres", "neo"]


def test_workshop_ids_are_file_stems_unique_across_folders(tmp_path: Path) -> None:
    files = {"rencontre": workshop_file(), "2026/rencontre": workshop_file(), "Mauvais Nom": ""}
    kb, messages = load(site(tmp_path, files))
    assert list(kb.workshops) == ["rencontre"]
    assert messages == [
        "workshops/2026/rencontre.md: l'identifiant « rencontre » est déjà pris par "
        "workshops/rencontre.md : renommez l'un des deux fichiers",
        "workshops/Mauvais Nom.md: nom de fichier « Mauvais Nom.md » : l'identifiant d'une "
        "fiche est son nom de fichier, en minuscules sans accent ni espace ; renommez-le "
        "« mauvais-nom.md »",
    ]


def test_the_workshops_folder_comes_from_the_settings(tmp_path: Path) -> None:
    @dataclasses.dataclass(frozen=True)
    class WithWorkshops(Settings):
        workshops_dir: str = "ateliers"

    root = site(tmp_path, {})
    write_files(root, {"ateliers/rencontre.md": workshop_file()})
    kb, messages = load(root, WithWorkshops(root, today=TODAY))
    assert messages == []
    assert list(kb.workshops) == ["rencontre"]
    kb, _ = load(root)  # the default folder, workshops/, is empty here
    assert kb.workshops == {}


# --- Protocols ----------------------------------------------------------------------------------


def test_every_protocol_has_steps_with_labels_descriptions_and_minutes() -> None:
    protocols = VOCABULARIES["protocols"]
    assert set(protocols.terms) == {
        "codeveloppement",
        "gease",
        "analyse-de-pratiques",
        "lesson-study",
        "cafe-pedagogique",
        "format-libre",
    }
    for term in protocols:
        assert {"fr", "en"} <= set(term.labels) and {"fr", "en"} <= set(term.description)
        assert term.steps, term.id
        for step in term.steps:
            assert {"fr", "en"} <= set(step.labels) and {"fr", "en"} <= set(step.description)
            assert 0 < step.minutes <= 240
    codev = protocols["codeveloppement"]
    assert [s.label() for s in codev.steps][2] == "Contrat de consultation"
    assert len(codev.steps) == 6 and codev.minutes == 90
    data = VOCABULARIES.as_json()["protocols"]
    assert data[0]["steps"][0]["minutes"] == 15


def test_a_site_may_override_the_steps_of_a_protocol(tmp_path: Path) -> None:
    extra = tmp_path / "vocabulaire.yml"
    extra.write_text(
        "protocols:\n"
        "  - id: format-libre\n"
        "    steps:\n"
        "      - labels: {fr: Tour de table, en: Round}\n"
        "        minutes: 20\n"
        "  - id: entretien\n"
        "    labels: {fr: Entretien d'explicitation, en: Explicitation interview}\n"
        "    steps:\n"
        "      - labels: {fr: Entretien, en: Interview}\n"
        "        minutes: 45\n"
        "subjects:\n"
        "  - id: latin-grec\n"
        "    labels: {fr: Latin}\n"
        "    steps: []\n",
        encoding="utf-8",
    )
    vocabularies, report = vocabulary.load([extra], root=tmp_path)
    protocols = vocabularies["protocols"]
    assert protocols["format-libre"].minutes == 20
    assert protocols["format-libre"].labels["fr"] == "Format libre"  # kept
    assert protocols["entretien"].steps[0].label("en") == "Interview"
    assert [d.render() for d in report.items] == [
        "vocabulaire.yml:12: champs inconnus steps (possibles : ages, deprecated, description, "
        "id, isced, labels, parents, replaced_by, system, url)"
    ]


def test_bad_steps_are_reported(tmp_path: Path) -> None:
    extra = tmp_path / "vocabulaire.yml"
    extra.write_text(
        "protocols:\n"
        "  - id: gease\n"
        "    steps:\n"
        "      - labels: {fr: Exposé}\n"
        "        minutes: 1:30\n",
        encoding="utf-8",
    )
    _, report = vocabulary.load([extra], root=tmp_path)
    assert [d.render() for d in report.items] == [
        "vocabulaire.yml:2: entrée « gease » : step 1: minutes must be a whole number from 1 to "
        "1000"
    ]


# --- The repository's own workshops -----------------------------------------------------------


def test_the_sample_workshops_and_projets_are_clean() -> None:
    kb, report = knowledge.load(Settings(REPO, today=TODAY))
    projets = [s for s in kb.published if s.is_projet]
    paths = {s.path for s in projets}
    samples = [
        d.render() for d in report.items if d.path.startswith("workshops/") or d.path in paths
    ]
    assert samples == []
    assert len(kb.workshops) >= 4
    statuses = [w.status for w in kb.agenda]
    assert statuses.count("held") >= 2 and "planned" in statuses
    assert len(projets) >= 2
    assert {kb.locale(s) for s in projets} >= {"fr", "fr-CA"}
    planned = [w for w in kb.agenda if w.status == "planned" and w.start.year == 2027]
    assert any(kb.sheets[s].is_projet for w in planned for s in w.sheets)
    for workshop in kb.agenda:
        if workshop.is_held:
            assert {r.sheet for r in retours(workshop)} == set(workshop.sheets), workshop.id
    regions = {kb.communities[w.community].region for w in kb.agenda if w.is_held}
    assert {"fr", "qc"} <= regions
