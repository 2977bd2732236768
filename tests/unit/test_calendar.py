"""iCalendar feeds of the workshops (issue 10), always parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from atelier.core import calendar, knowledge
from atelier.core.knowledge import KnowledgeBase
from atelier.core.settings import Settings
from conftest import community, sheet, write_files

TODAY = dt.date(2026, 12, 4)
PARIS = ZoneInfo("Europe/Paris")
SITE_URL = "https://example.org/atelier/"


def workshop(**fields: Any) -> str:
    """A planned online workshop of `qc` (fields: YAML text; None drops one)."""
    values: dict[str, Any] = {
        "title": '"Codéveloppement du jeudi"',
        "community": "qc",
        "start": "2027-01-14T18:00:00-05:00",
        "end": "2027-01-14T20:00:00-05:00",
        "timezone": "America/Toronto",
        "online": "https://example.org/visio",
        "protocol": "codeveloppement",
        "status": "planned",
        **fields,
    }
    lines = [f"{key}: {value}" for key, value in values.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n"


def load(tmp_path: Path, workshops: dict[str, str]) -> KnowledgeBase:
    files = {
        "communities/qc.md": community(name="CdP mathématique Capitale-Nationale", region="qc"),
        "communities/nantes.md": community(name="Atelier Lettres nantais"),
        "practices/fractions.md": sheet(title="Situation-problème sur les fractions"),
        **{f"workshops/{name}.md": text for name, text in workshops.items()},
    }
    write_files(tmp_path, files)
    kb, report = knowledge.load(Settings(tmp_path, today=TODAY))
    assert [d.render() for d in report.items] == []
    return kb


def parse(data: bytes) -> Calendar:
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    return Calendar.from_ical(data)


def events(cal: Calendar) -> dict[str, Event]:
    return {str(event["uid"]).split("@")[0]: event for event in cal.walk("VEVENT")}


# An 18:00 session in Montréal is midnight in Paris, except in the weeks when only one side of
# the Atlantic has changed its clocks (North America moves earlier in spring, later in autumn).
MONTREAL_AT_SIX = [
    ("2027-01-14", "-05:00", dt.datetime(2027, 1, 15, 0, 0)),  # EST / CET
    ("2027-03-18", "-04:00", dt.datetime(2027, 3, 18, 23, 0)),  # EDT / CET: 5 hours apart
    ("2027-07-08", "-04:00", dt.datetime(2027, 7, 9, 0, 0)),  # EDT / CEST
    ("2027-11-04", "-04:00", dt.datetime(2027, 11, 4, 23, 0)),  # EDT / CET: 5 hours apart
    ("2027-11-18", "-05:00", dt.datetime(2027, 11, 19, 0, 0)),  # EST / CET
]


@pytest.fixture
def montreal(tmp_path: Path) -> Calendar:
    workshops = {
        f"seance-{day}": workshop(start=f"{day}T18:00:00{offset}", end=f"{day}T20:00:00{offset}")
        for day, offset, _ in MONTREAL_AT_SIX
    }
    kb = load(tmp_path, workshops)
    return parse(calendar.site_calendar(kb, site_url=SITE_URL, epoch=0))


@pytest.mark.parametrize(("day", "offset", "in_paris"), MONTREAL_AT_SIX)
def test_six_pm_in_montreal_is_midnight_in_paris_across_both_dst_changes(
    montreal: Calendar, day: str, offset: str, in_paris: dt.datetime
) -> None:
    event = events(montreal)[f"seance-{day}"]
    start = event.start
    assert isinstance(start, dt.datetime)
    assert (start.hour, str(start.tzinfo)) == (18, "America/Toronto")  # TZID, local time
    assert start.astimezone(PARIS).replace(tzinfo=None) == in_paris
    # The calendar's own VTIMEZONE, read without the system's zoneinfo, agrees.
    [timezone] = montreal.timezones
    assert timezone.tz_name == "America/Toronto"
    own = timezone.to_tz(lookup_tzid=False)
    local = start.replace(tzinfo=None)
    assert local.replace(tzinfo=own).astimezone(PARIS).replace(tzinfo=None) == in_paris
    assert local.replace(tzinfo=own).utcoffset() == dt.timedelta(hours=int(offset[:3]))


def test_events_are_stable_and_complete(tmp_path: Path) -> None:
    kb = load(
        tmp_path,
        {
            "jeudi": workshop(sheets="[fractions]", facilitators='["Geneviève L."]'),
            "nantes": workshop(
                community="nantes",
                title='"Atelier de novembre"',
                start="2027-11-17T14:00:00+01:00",
                end="2027-11-17T16:30:00+01:00",
                timezone="Europe/Paris",
                place='"Nantes, salle prêtée par un lycée"',
                online=None,
                protocol="gease",
            ),
        },
    )
    cal = parse(calendar.site_calendar(kb, site_url=SITE_URL, name="Atelier", epoch=1_800_000_000))
    assert str(cal["version"]) == "2.0"
    assert str(cal["x-wr-calname"]) == "Atelier"
    assert [tz.tz_name for tz in cal.timezones] == ["America/Toronto", "Europe/Paris"]
    found = events(cal)
    assert list(found) == ["jeudi", "nantes"]  # by start
    jeudi, nantes = found["jeudi"], found["nantes"]
    assert str(jeudi["uid"]) == "jeudi@example.org"
    assert dt.datetime.fromtimestamp(1_800_000_000, dt.UTC) == jeudi.DTSTAMP
    assert str(jeudi["summary"]) == "Codéveloppement du jeudi"
    assert str(jeudi["status"]) == "CONFIRMED"
    assert str(jeudi["location"]) == "https://example.org/visio"  # no place: the link
    assert str(jeudi["url"]) == "https://example.org/visio"
    text = str(jeudi["description"])
    assert "Protocole : Codéveloppement professionnel" in text
    assert "Animation : Geneviève L." in text
    assert "- Situation-problème sur les fractions" in text
    assert "Fiches à l'ordre du jour :" in text
    assert str(nantes["location"]) == "Nantes, salle prêtée par un lycée"
    assert "url" not in nantes
    assert nantes.end - nantes.start == dt.timedelta(hours=2, minutes=30)
    assert str(nantes.start.tzinfo) == "Europe/Paris"


def test_page_url_gives_the_event_url(tmp_path: Path) -> None:
    kb = load(tmp_path, {"jeudi": workshop()})
    data = calendar.site_calendar(
        kb, site_url=SITE_URL, epoch=0, page_url=lambda w: f"{SITE_URL}workshops/{w.id}/"
    )
    assert (
        str(events(parse(data))["jeudi"]["url"]) == "https://example.org/atelier/workshops/jeudi/"
    )


def test_without_a_time_zone_times_are_utc(tmp_path: Path) -> None:
    kb = load(tmp_path, {"jeudi": workshop(timezone=None)})
    cal = parse(calendar.site_calendar(kb, epoch=0))
    assert cal.timezones == []
    event = events(cal)["jeudi"]
    assert event.start == dt.datetime(2027, 1, 14, 23, 0, tzinfo=dt.UTC)
    assert event.start.utcoffset() == dt.timedelta(0)
    assert str(event["uid"]) == "jeudi@atelier.invalid"  # no site_url: still stable


def test_a_cancelled_workshop_stays_marked_cancelled(tmp_path: Path) -> None:
    kb = load(tmp_path, {"jeudi": workshop(status="cancelled"), "autre": workshop()})
    found = events(parse(calendar.site_calendar(kb, epoch=0)))
    assert {uid: str(event["status"]) for uid, event in found.items()} == {
        "autre": "CONFIRMED",
        "jeudi": "CANCELLED",
    }


def test_community_calendars_hold_their_own_workshops(tmp_path: Path) -> None:
    kb = load(
        tmp_path,
        {
            "jeudi": workshop(),
            "nantes": workshop(
                community="nantes",
                start="2027-11-17T14:00:00+01:00",
                end="2027-11-17T16:30:00+01:00",
                timezone="Europe/Paris",
            ),
        },
    )
    qc = parse(calendar.community_calendar(kb, "qc", site_url=SITE_URL, epoch=0))
    assert list(events(qc)) == ["jeudi"]
    assert str(qc["name"]) == "CdP mathématique Capitale-Nationale"
    assert [tz.tz_name for tz in qc.timezones] == ["America/Toronto"]
    nantes = parse(calendar.community_calendar(kb, "nantes", epoch=0))
    assert list(events(nantes)) == ["nantes"]


def test_output_is_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kb = load(tmp_path, {"b": workshop(), "a": workshop(timezone="America/Montreal")})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = calendar.site_calendar(kb, site_url=SITE_URL)
    kb.workshops = dict(reversed(kb.workshops.items()))
    assert calendar.site_calendar(kb, site_url=SITE_URL) == first
    stamps = {event.DTSTAMP for event in parse(first).walk("VEVENT")}
    assert stamps == {dt.datetime.fromtimestamp(1_700_000_000, dt.UTC)}


def test_without_source_date_epoch_the_stamp_is_the_files_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    kb = load(tmp_path, {"jeudi": workshop()})
    os.utime(tmp_path / "workshops" / "jeudi.md", (1_750_000_000, 1_750_000_000))
    event = events(parse(calendar.site_calendar(kb)))["jeudi"]
    assert dt.datetime.fromtimestamp(1_750_000_000, dt.UTC) == event.DTSTAMP


def test_host_of() -> None:
    assert calendar.host_of("https://Atelier.Example.org/site/") == "atelier.example.org"
    assert calendar.host_of("") == "atelier.invalid"


def test_the_repository_calendar_parses() -> None:
    from conftest import REPO

    kb, _ = knowledge.load(Settings(REPO, today=TODAY))
    cal = parse(calendar.site_calendar(kb, site_url=SITE_URL, epoch=0))
    assert len(list(cal.walk("VEVENT"))) == len(kb.workshops) >= 4
    for community_id in kb.communities:
        parse(calendar.community_calendar(kb, community_id, site_url=SITE_URL, epoch=0))
