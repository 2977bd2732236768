"""Template data for the workshop pages: a workshop, the index of workshops, the printable pack,
and what sheet, community and « Questions ouvertes » pages show of workshops.

Values stay plain text (the templates escape them), except `json_ld` (made safe by
`atelier.site.head`) and a pack sheet's `html` (the sheet's body, already sanitized by the
plugin). Times are shown in the workshop's own time zone; a `<time datetime>` carries the instant
with its offset, so that a small script can add the reader's own time.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlsplit

from markdown.extensions.toc import slugify, unique

from atelier.core import schema
from atelier.core.knowledge import KnowledgeBase
from atelier.core.model import Sheet, Workshop
from atelier.core.urls import (
    SITE_CALENDAR_PATH,
    community_calendar_path,
    community_url,
    sheet_url,
    workshop_event_path,
    workshop_pack_url,
    workshop_url,
)
from atelier.core.workshops import retours
from atelier.site import head
from atelier.site.strings import STRINGS, human_date
from atelier.site.views import CommunityLink, SheetCard, SiteViews, Strings, typeset

# -- views -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkshopCard:
    """What a list shows of a workshop."""

    id: str
    url: str
    title: str
    lang: str
    status: str  # planned, held, cancelled
    status_label: str
    start: str  # ISO 8601 with the workshop's offset, for <time datetime>
    end: str
    when: str  # « mercredi 18 novembre 2026, 14 h 00 – 16 h 30 »
    zone: str  # « heure de Paris (UTC+01:00) »
    community: CommunityLink | None
    place: str | None
    online: str | None
    summary: str


@dataclass(frozen=True)
class ProtocolStep:
    """One step of the workshop's protocol, with its usual length and its clock time."""

    label: str
    description: str
    minutes: int
    at: str  # the local clock time it starts at, if run from the workshop's start


@dataclass(frozen=True)
class Protocol:
    """The protocol of a workshop, from the protocols vocabulary."""

    id: str
    label: str
    description: str
    steps: tuple[ProtocolStep, ...]
    total: int


@dataclass(frozen=True)
class AgendaSheet:
    """A sheet of a workshop: its link and, once held, the anchor of its part of the retour."""

    id: str
    url: str
    title: str
    lang: str
    summary: str
    retour: str  # '#anchor' of the retour section, '' when none


@dataclass(frozen=True, kw_only=True)
class WorkshopPage:
    """Everything the workshop template shows."""

    t: Strings
    card: WorkshopCard
    path: str
    facilitators: tuple[str, ...]
    protocol: Protocol | None
    sheets: tuple[AgendaSheet, ...]
    event_url: str  # its own .ics
    pack_url: str
    json_ld: str  # a complete <script> element
    meta_description: str = ""

    @property
    def title(self) -> str:
        """The workshop's title."""
        return self.card.title


@dataclass(frozen=True)
class CommunityWorkshops:
    """A community in the workshops index: its page's workshops section and its calendar."""

    id: str
    name: str
    url: str
    calendar_url: str
    upcoming: tuple[WorkshopCard, ...]
    past: tuple[WorkshopCard, ...]


@dataclass(frozen=True, kw_only=True)
class WorkshopsPage:
    """Every workshop, upcoming first (soonest first), then past (latest first)."""

    t: Strings
    title: str
    upcoming: tuple[WorkshopCard, ...]
    past: tuple[WorkshopCard, ...]
    communities: tuple[CommunityWorkshops, ...]
    calendar_url: str
    meta_description: ClassVar[str] = ""


@dataclass(frozen=True)
class PackSheet:
    """A sheet in the printable pack: its full body (sanitized HTML, filled in by the plugin)."""

    id: str
    url: str
    title: str
    lang: str
    summary: str
    authors: tuple[str, ...]
    what_went_wrong: tuple[str, ...]
    worries: tuple[str, ...]
    html: str = ""


@dataclass(frozen=True, kw_only=True)
class PackPage:
    """One workshop's printable pack: protocol, timing and the full text of its sheets."""

    t: Strings
    title: str
    card: WorkshopCard
    facilitators: tuple[str, ...]
    protocol: Protocol | None
    sheets: tuple[PackSheet, ...]
    meta_description: ClassVar[str] = ""


@dataclass(frozen=True)
class Discussion:
    """On a sheet's page: a held workshop that discussed it, and its part of the retour."""

    title: str
    url: str
    retour_url: str
    date: str
    date_human: str


@dataclass(frozen=True)
class ProjetPath:
    """On a projet's page: what it feared, what workshops proposed, what happened next."""

    worries: tuple[str, ...]
    proposed: tuple[Discussion, ...]
    tried_on: str  # ISO date, '' when not tried yet
    tried_on_human: str
    outcome: str  # the outcome's label once tried


@dataclass(frozen=True)
class ProjetItem:
    """On « Questions ouvertes »: a projet waiting for advice, with its questions."""

    card: SheetCard
    question: str
    worries: tuple[str, ...]
    planned: tuple[WorkshopCard, ...]  # planned workshops that have it on their agenda


# -- making them -------------------------------------------------------------------------------


def _clock(moment: dt.datetime, lang: str) -> str:
    return f"{moment.hour} h {moment.minute:02d}" if lang == "fr" else moment.strftime("%H:%M")


def _zone_label(workshop: Workshop, t: Strings) -> str:
    offset = schema.offset_text(workshop.local_start.utcoffset())
    if workshop.timezone:
        city = workshop.timezone.rsplit("/", 1)[-1].replace("_", " ")
        return f"{t['time_zone'].format(zone=city)}, UTC{offset}"
    return f"UTC{offset}"


def card(workshop: Workshop, kb: KnowledgeBase) -> WorkshopCard:
    """What a list shows of a workshop, in its language and time zone."""
    lang = workshop.lang
    t = STRINGS.get(lang, STRINGS["fr"])
    start, end = workshop.local_start, workshop.local_end
    day = human_date(start.date(), lang)
    until = _clock(end, lang)
    if end.date() != start.date():
        until = f"{human_date(end.date(), lang)}, {until}"
    community = kb.communities.get(workshop.community)
    return WorkshopCard(
        id=workshop.id,
        url=workshop_url(workshop.id),
        title=typeset(workshop.title, lang),
        lang=lang,
        status=workshop.status,
        status_label=t[f"status_{workshop.status}"],
        start=start.isoformat(),
        end=end.isoformat(),
        when=f"{day}, {_clock(start, lang)} – {until}",
        zone=_zone_label(workshop, t),
        community=(
            CommunityLink(community.id, community.name, community_url(community.id))
            if community
            else None
        ),
        place=workshop.place,
        online=workshop.online,
        summary=typeset(workshop.summary or "", lang),
    )


def protocol(workshop: Workshop, kb: KnowledgeBase) -> Protocol | None:
    """The workshop's protocol with its steps timed from the workshop's start."""
    if not workshop.protocol or workshop.protocol not in kb.vocabularies["protocols"]:
        return None
    term = kb.vocabularies["protocols"][workshop.protocol]
    lang = workshop.lang
    steps, at = [], workshop.local_start
    for step in term.steps:
        steps.append(
            ProtocolStep(
                typeset(step.label(lang), lang),
                typeset(step.description.get(lang, ""), lang),
                step.minutes,
                _clock(at, lang),
            )
        )
        at += dt.timedelta(minutes=step.minutes)
    return Protocol(
        term.id,
        typeset(term.label(lang), lang),
        typeset(term.description.get(lang, ""), lang),
        tuple(steps),
        term.minutes,
    )


def retour_anchors(workshop: Workshop, aliases: Mapping[str, str] | None = None) -> dict[str, str]:
    """For each sheet with a retour section, the id MkDocs gives that section's heading.

    A sheet the retour names by an old id (`aliases`: old → current id) is found by its current id.

    MkDocs' `toc` extension numbers repeated ids (`x`, `x_1`): every heading of the body counts.
    """
    used: set[str] = set()
    by_line: dict[int, str] = {}
    for section in workshop.document.sections:
        if section.title is not None:
            by_line[section.line] = unique(slugify(section.title, "-"), used)
    found: dict[str, str] = {}
    for retour in retours(workshop, aliases):
        found.setdefault(retour.sheet, by_line.get(retour.section.line, ""))
    return found


def _public(kb: KnowledgeBase, sheet_id: str) -> Sheet | None:
    found = kb.sheets.get(sheet_id)
    return found if found is not None and not found.is_draft else None


def workshop_page(workshop: Workshop, kb: KnowledgeBase, site_url: str | None) -> WorkshopPage:
    """A workshop's page."""
    anchors = retour_anchors(workshop, kb.aliases) if workshop.is_held else {}
    sheets = []
    for sheet_id in workshop.sheets:
        sheet = _public(kb, sheet_id)
        if sheet is None:
            continue
        anchor = anchors.get(sheet_id, "")
        sheets.append(
            AgendaSheet(
                sheet.id, sheet_url(sheet.id), typeset(sheet.title, sheet.lang), sheet.lang,
                typeset(sheet.summary, sheet.lang), f"#{anchor}" if anchor else "",
            )
        )  # fmt: skip
    return WorkshopPage(
        t=STRINGS.get(workshop.lang, STRINGS["fr"]),
        card=card(workshop, kb),
        path=workshop.path,
        facilitators=workshop.facilitators,
        protocol=protocol(workshop, kb),
        sheets=tuple(sheets),
        event_url=workshop_event_path(workshop.id),
        pack_url=workshop_pack_url(workshop.id),
        json_ld=head.json_ld_script(head.workshop_json_ld(workshop, kb, site_url)),
        meta_description=workshop.summary or "",
    )


def split(kb: KnowledgeBase, workshops: list[Workshop], today: dt.date) -> tuple[
    tuple[WorkshopCard, ...], tuple[WorkshopCard, ...]
]:  # fmt: skip
    """Upcoming (not ended before `today`, soonest first) and past (latest first) cards."""
    upcoming = [w for w in workshops if w.local_end.date() >= today]
    past = [w for w in reversed(workshops) if w.local_end.date() < today]
    return tuple(card(w, kb) for w in upcoming), tuple(card(w, kb) for w in past)


def index(kb: KnowledgeBase, today: dt.date) -> WorkshopsPage:
    """The workshops index: upcoming then past, and each community's workshops."""
    t = STRINGS[kb.lang]
    upcoming, past = split(kb, kb.agenda, today)
    groups = []
    for community in sorted(kb.communities.values(), key=lambda c: c.name.casefold()):
        own = kb.workshops_of_community(community.id)
        if not own:
            continue
        coming, went = split(kb, own, today)
        groups.append(
            CommunityWorkshops(
                community.id, community.name, community_url(community.id),
                community_calendar_path(community.id), coming, went,
            )
        )  # fmt: skip
    return WorkshopsPage(
        t=t, title=t["workshops"], upcoming=upcoming, past=past, communities=tuple(groups),
        calendar_url=SITE_CALENDAR_PATH,
    )  # fmt: skip


def pack(workshop: Workshop, kb: KnowledgeBase) -> PackPage:
    """A workshop's printable pack (the sheets' bodies are added by the plugin)."""
    t = STRINGS.get(workshop.lang, STRINGS["fr"])
    sheets = tuple(
        PackSheet(
            s.id, sheet_url(s.id), typeset(s.title, s.lang), s.lang, typeset(s.summary, s.lang),
            s.authors, tuple(typeset(p, s.lang) for p in s.what_went_wrong),
            tuple(typeset(p, s.lang) for p in s.worries),
        )
        for sheet_id in workshop.sheets
        if (s := _public(kb, sheet_id)) is not None
    )  # fmt: skip
    return PackPage(
        t=t,
        title=t["pack_title"].format(title=workshop.title),
        card=card(workshop, kb),
        facilitators=workshop.facilitators,
        protocol=protocol(workshop, kb),
        sheets=sheets,
    )


def discussions(sheet: Sheet, kb: KnowledgeBase) -> tuple[Discussion, ...]:
    """The held workshops that discussed a sheet, oldest first, with their retour's anchor."""
    found = []
    for workshop, _section in kb.discussed_in(sheet.id):
        anchor = retour_anchors(workshop, kb.aliases).get(sheet.id, "")
        url = workshop_url(workshop.id)
        day = workshop.local_start.date()
        found.append(
            Discussion(
                typeset(workshop.title, workshop.lang), url, url + (f"#{anchor}" if anchor else ""),
                day.isoformat(), human_date(day, sheet.lang),
            )
        )  # fmt: skip
    return tuple(found)


def projet_path(sheet: Sheet, kb: KnowledgeBase) -> ProjetPath | None:
    """The path of a sheet written as a projet (or that was one): None for an ordinary sheet."""
    if not (sheet.is_projet or sheet.worries or sheet.tried_on):
        return None
    outcome = ""
    if sheet.outcome and not sheet.is_projet:
        outcome = kb.vocabularies["outcomes"].label(sheet.outcome, kb.locale(sheet))
    return ProjetPath(
        worries=tuple(typeset(w, sheet.lang) for w in sheet.worries),
        proposed=discussions(sheet, kb),
        tried_on=sheet.tried_on.isoformat() if sheet.tried_on else "",
        tried_on_human=human_date(sheet.tried_on, sheet.lang) if sheet.tried_on else "",
        outcome=outcome,
    )


def projets_waiting(views: SiteViews) -> tuple[ProjetItem, ...]:
    """The projets waiting for advice, oldest first, with their questions."""
    kb = views.kb
    items = []
    for sheet in kb.projets_waiting:
        asked = schema.section_text(sheet.document, schema.PROJET_QUESTIONS)
        excerpt = asked if len(asked) <= 400 else asked[:400].rsplit(" ", 1)[0] + " …"
        planned = tuple(
            card(w, kb) for w in kb.workshops_of_sheet(sheet.id) if w.status == "planned"
        )
        items.append(
            ProjetItem(
                views.card(sheet),
                typeset(excerpt, sheet.lang),
                tuple(typeset(w, sheet.lang) for w in sheet.worries),
                planned,
            )
        )
    return tuple(items)


# -- the pack's sheet bodies ---------------------------------------------------------------------

_HEADING = re.compile(r"<(/?)h([1-5])\b")
_ID = re.compile(r'\bid="([^"]*)"')
_URL_ATTR = re.compile(r'\b(href|src)="([^"]*)"')


def pack_body(html: str, sheet_id: str, pack_url: str) -> str:
    """A sheet's sanitized body made to sit in the pack: headings one level down, ids made
    unique to the sheet, relative links re-based from the sheet's page to the pack's."""
    html = _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)
    html = _ID.sub(lambda m: f'id="{sheet_id}-{m.group(1)}"', html)
    page = sheet_url(sheet_id)

    def rebase(match: re.Match[str]) -> str:
        attribute, url = match.groups()
        if url.startswith("#"):
            return f'{attribute}="#{sheet_id}-{url[1:]}"'
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith("/"):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(page, parts.path))
        if parts.path.endswith("/") and not target.endswith("/"):
            target += "/"
        relative = posixpath.relpath(target, pack_url)
        if target.endswith("/") and not relative.endswith("/"):
            relative += "/"
        rest = (f"?{parts.query}" if parts.query else "") + (
            f"#{parts.fragment}" if parts.fragment else ""
        )
        return f'{attribute}="{relative}{rest}"'

    return _URL_ATTR.sub(rebase, html)
