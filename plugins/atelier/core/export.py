"""The open-data export api/practices.json: every published sheet and the taxonomies that
group them, as plain data (ids and the contributors' values, no markup, no interface text).

Pure: it returns a dict and the plugin writes it. What a page or a feed reader shows (JSON-LD,
Open Graph, Atom) is presentation and lives in `atelier.site`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from atelier.core.knowledge import KnowledgeBase
from atelier.core.taxonomy import TAXONOMIES, Term
from atelier.core.urls import (
    absolute,
    community_calendar_path,
    sheet_url,
    workshop_event_path,
    workshop_url,
)


def practices_json(
    kb: KnowledgeBase,
    taxonomies: dict[str, dict[str, Term]],
    related: Mapping[str, Sequence[str]],
    backlinks: Mapping[str, Sequence[str]],
    site_url: str | None,
) -> dict[str, Any]:
    """The open-data export api/practices.json: every published sheet, newest first, and the
    taxonomies that group them. `related` maps a sheet id to its related sheets' ids."""
    published = {sheet.id for sheet in kb.published}

    def public(ids: Iterable[str]) -> list[str]:
        # The export is public: even the id of a draft would announce an unpublished sheet.
        return [i for i in ids if i in published]

    practices = [
        {
            "id": sheet.id,
            "title": sheet.title,
            "url": absolute(site_url, sheet_url(sheet.id)),
            # Old ids of a renamed sheet: their addresses redirect to `url`.
            "aliases": list(sheet.aliases),
            "summary": sheet.summary,
            "subject": list(sheet.subjects),
            "level": list(sheet.levels),
            "community": list(sheet.communities),
            "tags": list(sheet.tags),
            "challenges": list(sheet.challenges),
            "outcome": sheet.outcome,
            "lang": sheet.lang,
            "date": sheet.date.isoformat(),
            "authors": list(sheet.authors),
            "license": sheet.license,
            "what_went_wrong": list(sheet.what_went_wrong),
            "next_time": list(sheet.next_time),
            "worries": list(sheet.worries),
            "tried_on": sheet.tried_on.isoformat() if sheet.tried_on else None,
            "related": public(related.get(sheet.id, ())),
            "referenced_by": public(backlinks.get(sheet.id, ())),
        }
        for sheet in kb.published
    ]
    return {
        "generated_by": "Atelier",
        "version": 1,
        "count": len(practices),
        "practices": practices,
        "taxonomies": {
            # Every taxonomy is present, even empty, so consumers need not test for a key.
            taxonomy.name: {
                term.id: {
                    "label": term.label,
                    "url": absolute(site_url, term.url),
                    "practices": public(term.sheets),
                }
                for term in taxonomies.get(taxonomy.name, {}).values()
            }
            for taxonomy in TAXONOMIES
        },
    }


def workshops_json(kb: KnowledgeBase, site_url: str | None) -> dict[str, Any]:
    """The open-data export api/workshops.json: every workshop, by start, with its instants
    (ISO 8601 with the offset of its time zone), where, who and the published sheets it
    discussed; a held one also names the sheets its retour reports on."""
    published = {sheet.id for sheet in kb.published}
    workshops = [
        {
            "id": workshop.id,
            "title": workshop.title,
            "url": absolute(site_url, workshop_url(workshop.id)),
            "ics": absolute(site_url, workshop_event_path(workshop.id)),
            "summary": workshop.summary,
            "community": workshop.community,
            "community_calendar": absolute(site_url, community_calendar_path(workshop.community)),
            "start": workshop.local_start.isoformat(),
            "end": workshop.local_end.isoformat(),
            "timezone": workshop.timezone,
            "place": workshop.place,
            "online": workshop.online,
            "facilitators": list(workshop.facilitators),
            "protocol": workshop.protocol,
            "status": workshop.status,
            "lang": workshop.lang,
            "sheets": [s for s in workshop.sheets if s in published],
            "discussed": sorted(
                sheet_id
                for sheet_id, found in kb.discussions.items()
                if sheet_id in published and any(w.id == workshop.id for w, _ in found)
            ),
        }
        for workshop in kb.agenda
    ]
    return {
        "generated_by": "Atelier",
        "version": 1,
        "count": len(workshops),
        "workshops": workshops,
    }
