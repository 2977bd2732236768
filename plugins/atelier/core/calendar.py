"""iCalendar (RFC 5545) feeds of the workshops: one for the whole site, one per community.

Data, not presentation: the site decides where the files go and links to them (`webcal:`…).
Built with the `icalendar` library, never by hand. Each workshop is one VEVENT, a cancelled one
too (STATUS:CANCELLED, so that calendars which had it drop it):

- UID `<workshop-id>@<site host>`: stable, so a subscribed calendar updates the event in place;
- DTSTAMP from SOURCE_DATE_EPOCH when set (reproducible builds), else the workshop file's
  modification time, else its start: never "now", so two builds of the same sources give the
  same bytes;
- DTSTART/DTEND in the workshop's time zone (TZID, with a VTIMEZONE generated from zoneinfo for
  the years the workshops span) when it names one, else in UTC;
- SUMMARY, LOCATION (the place, else the online link), URL (the workshop's page when the site
  gives `page_url`, else the online link), DESCRIPTION (summary, protocol, facilitators, sheets,
  online link) in the workshop's language.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from icalendar import Calendar, Event, Timezone

from atelier.core.model import Workshop

if TYPE_CHECKING:
    from atelier.core.knowledge import KnowledgeBase

PRODID = "-//Atelier//Ateliers de partage de pratiques//FR"
DEFAULT_HOST = "atelier.invalid"  # when the site has no site_url: still a stable UID

# What the description says around the data, in the workshop's language.
_TEXT: dict[str, dict[str, str]] = {
    "fr": {
        "protocol": "Protocole : {label}",
        "facilitators": "Animation : {names}",
        "planned": "Fiches à l'ordre du jour :",
        "held": "Fiches discutées :",
        "cancelled": "Fiches qui étaient à l'ordre du jour :",
        "online": "En ligne : {url}",
        "place": "Lieu : {place}",
    },
    "en": {
        "protocol": "Protocol: {label}",
        "facilitators": "Facilitators: {names}",
        "planned": "Sheets on the agenda:",
        "held": "Sheets discussed:",
        "cancelled": "Sheets that were on the agenda:",
        "online": "Online: {url}",
        "place": "Place: {place}",
    },
}

PageUrl = Callable[[Workshop], str]


def site_calendar(
    kb: KnowledgeBase,
    *,
    site_url: str = "",
    name: str = "Atelier",
    epoch: int | None = None,
    page_url: PageUrl | None = None,
) -> bytes:
    """The calendar of every workshop of the site, as bytes (text/calendar, CRLF lines)."""
    calendar = build(
        kb.workshops.values(),
        kb,
        name=name,
        host=host_of(site_url),
        epoch=epoch,
        page_url=page_url,
    )
    ical: bytes = calendar.to_ical()
    return ical


def community_calendar(
    kb: KnowledgeBase,
    community_id: str,
    *,
    site_url: str = "",
    epoch: int | None = None,
    page_url: PageUrl | None = None,
) -> bytes:
    """The calendar of one community's workshops (empty when it has none)."""
    community = kb.communities[community_id]
    workshops = [w for w in kb.workshops.values() if w.community == community_id]
    calendar = build(
        workshops,
        kb,
        name=community.name,
        host=host_of(site_url),
        epoch=epoch,
        page_url=page_url,
    )
    ical: bytes = calendar.to_ical()
    return ical


def host_of(site_url: str) -> str:
    """The host part of the site's address (UIDs end with it)."""
    return (urlsplit(site_url.strip()).hostname or "").lower() or DEFAULT_HOST


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH from the environment (reproducible builds), if set and valid."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def build(
    workshops: Iterable[Workshop],
    kb: KnowledgeBase,
    *,
    name: str,
    host: str = DEFAULT_HOST,
    epoch: int | None = None,
    page_url: PageUrl | None = None,
) -> Calendar:
    """A VCALENDAR of `workshops`, by start then id, with the VTIMEZONEs they need.

    `epoch` (seconds) stamps every event; None reads SOURCE_DATE_EPOCH, then each file's date.
    """
    chosen = sorted(workshops, key=lambda w: (w.start, w.id))
    epoch = epoch if epoch is not None else source_date_epoch()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    for component in _timezones(chosen):
        calendar.add_component(component)
    for workshop in chosen:
        stamp = _stamp(workshop, kb.root, epoch)
        calendar.add_component(event(workshop, kb, host=host, stamp=stamp, page_url=page_url))
    return calendar


def event(
    workshop: Workshop,
    kb: KnowledgeBase,
    *,
    host: str = DEFAULT_HOST,
    stamp: dt.datetime,
    page_url: PageUrl | None = None,
) -> Event:
    """The VEVENT of one workshop."""
    item = Event()
    item.add("uid", f"{workshop.id}@{host}")
    item.add("dtstamp", stamp.astimezone(dt.UTC))
    if workshop.timezone:
        item.add("dtstart", workshop.local_start)
        item.add("dtend", workshop.local_end)
    else:
        item.add("dtstart", workshop.start.astimezone(dt.UTC))
        item.add("dtend", workshop.end.astimezone(dt.UTC))
    item.add("summary", workshop.title)
    item.add("status", "CANCELLED" if workshop.is_cancelled else "CONFIRMED")
    location = workshop.place or workshop.online
    if location:
        item.add("location", location)
    url = page_url(workshop) if page_url is not None else workshop.online
    if url:
        item.add("url", url)
    item.add("description", description(workshop, kb))
    if workshop.lang in ("fr", "en"):
        item["summary"].params["LANGUAGE"] = workshop.lang
        item["description"].params["LANGUAGE"] = workshop.lang
    return item


def description(workshop: Workshop, kb: KnowledgeBase) -> str:
    """The text of an event: summary, protocol, facilitators, sheets, where to join."""
    text = _TEXT.get(workshop.lang, _TEXT["fr"])
    parts: list[str] = []
    if workshop.summary:
        parts.append(workshop.summary)
    facts: list[str] = []
    if workshop.protocol:
        label = kb.vocabularies["protocols"].label(workshop.protocol, workshop.lang)
        facts.append(text["protocol"].format(label=label))
    if workshop.facilitators:
        facts.append(text["facilitators"].format(names=", ".join(workshop.facilitators)))
    if facts:
        parts.append("\n".join(facts))
    if workshop.sheets:
        titles = [
            kb.sheets[sheet_id].title if sheet_id in kb.sheets else sheet_id
            for sheet_id in workshop.sheets
        ]
        parts.append("\n".join([text[workshop.status], *(f"- {t}" for t in titles)]))
    where: list[str] = []
    if workshop.place and workshop.online:
        where.append(text["place"].format(place=workshop.place))
    if workshop.online:
        where.append(text["online"].format(url=workshop.online))
    if where:
        parts.append("\n".join(where))
    return "\n\n".join(parts)


def _timezones(workshops: list[Workshop]) -> list[Timezone]:
    """One VTIMEZONE per zone used, by name, covering the years of its workshops."""
    years: dict[str, list[int]] = {}
    for workshop in workshops:
        if workshop.timezone:
            span = years.setdefault(workshop.timezone, [])
            span += [workshop.local_start.year, workshop.local_end.year]
    return [
        Timezone.from_tzid(
            tzid, first_date=dt.date(min(span), 1, 1), last_date=dt.date(max(span) + 1, 1, 1)
        )
        for tzid, span in sorted(years.items())
    ]


def _stamp(workshop: Workshop, root: Path, epoch: int | None) -> dt.datetime:
    """When the event's information was last written: reproducible, never "now"."""
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.UTC)
    try:
        mtime = int((root / workshop.path).stat().st_mtime)
    except OSError:
        return workshop.start.astimezone(dt.UTC)
    return dt.datetime.fromtimestamp(mtime, dt.UTC)
