"""What a sheet page's <head> tells machines: schema.org JSON-LD and Open Graph.

Pure functions: they return plain data or one element's text, and the sheet template prints
them. Contributor text is never pasted into markup by hand: JSON is escaped for a <script>
element here, and the template escapes every Open Graph value.
"""

from __future__ import annotations

import json
from typing import Any

from atelier.core.knowledge import KnowledgeBase
from atelier.core.model import Sheet, Workshop
from atelier.core.urls import absolute, community_url, sheet_url, workshop_url

# Inside <script>, the HTML parser ends the element at "</script" and treats "<!--" specially,
# whatever JSON thinks; U+2028/U+2029 end a line in older JavaScript engines.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                  "\u2028": "\\u2028", "\u2029": "\\u2029"}  # fmt: skip


def _iso_duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def json_ld(sheet: Sheet, kb: KnowledgeBase, site_url: str | None) -> dict[str, Any]:
    """schema.org LearningResource describing one sheet, for search engines and harvesters."""
    locale = kb.locale(sheet)
    levels = kb.vocabularies["levels"]
    subjects = kb.vocabularies["subjects"]
    license_term = kb.vocabularies["licenses"].terms.get(sheet.license)

    educational_levels: list[dict[str, str]] = []
    for level_id in sheet.levels:
        level: dict[str, str] = {
            "@type": "DefinedTerm",
            "name": levels.label(level_id, locale),
            "termCode": level_id,
        }
        term = levels.terms.get(level_id)
        # A level spanning several ISCED levels (cycle 3: CM1 to 6e) belongs to no single one.
        if term is not None and len(term.isced) == 1:
            level["inDefinedTermSet"] = f"ISCED 2011 level {term.isced[0]}"
        educational_levels.append(level)

    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "name": sheet.title,
        "description": sheet.summary,
        "url": absolute(site_url, sheet_url(sheet.id)),
        "educationalLevel": educational_levels,
        "about": [{"@type": "Thing", "name": subjects.label(s, locale)} for s in sheet.subjects],
        "author": [{"@type": "Person", "name": name} for name in sheet.authors],
        "dateCreated": sheet.date.isoformat(),
        "license": license_term.url if license_term and license_term.url else sheet.license,
        "inLanguage": locale,
        "learningResourceType": "lesson plan",
    }
    if sheet.tags:
        data["keywords"] = list(sheet.tags)
    if sheet.duration_minutes:
        data["timeRequired"] = _iso_duration(sheet.duration_minutes)
    original = kb.sheets.get(sheet.translation_of or "")
    if original is not None and not original.is_draft:
        data["translationOfWork"] = {
            "@type": "LearningResource",
            "url": absolute(site_url, sheet_url(original.id)),
        }
    communities = [kb.communities[c] for c in sheet.communities if c in kb.communities]
    if communities:
        # A community page is the collection of the sheets shared in it.
        data["isPartOf"] = [
            {"@type": "Collection", "name": c.name, "url": absolute(site_url, community_url(c.id))}
            for c in communities
        ]
    return data


def workshop_json_ld(workshop: Workshop, kb: KnowledgeBase, site_url: str | None) -> dict[str, Any]:
    """schema.org Event describing one workshop: when (with its offsets), where, by whom."""
    online = workshop.online
    places: list[dict[str, Any]] = []
    if workshop.place:
        places.append({"@type": "Place", "name": workshop.place, "address": workshop.place})
    if online:
        places.append({"@type": "VirtualLocation", "url": online})
    if workshop.place and online:
        mode = "MixedEventAttendanceMode"
    elif online:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": workshop.title,
        "url": absolute(site_url, workshop_url(workshop.id)),
        "startDate": workshop.local_start.isoformat(),
        "endDate": workshop.local_end.isoformat(),
        "eventStatus": "https://schema.org/"
        + ("EventCancelled" if workshop.is_cancelled else "EventScheduled"),
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "location": places[0] if len(places) == 1 else places,
        "inLanguage": workshop.lang,
    }
    if workshop.summary:
        data["description"] = workshop.summary
    community = kb.communities.get(workshop.community)
    if community is not None:
        data["organizer"] = {
            "@type": "Organization",
            "name": community.name,
            "url": absolute(site_url, community_url(community.id)),
        }
    sheets = [kb.sheets[s] for s in workshop.sheets if s in kb.sheets and not kb.sheets[s].is_draft]
    if sheets:
        data["about"] = [
            {
                "@type": "LearningResource",
                "name": s.title,
                "url": absolute(site_url, sheet_url(s.id)),
            }
            for s in sheets
        ]
    return data


def json_ld_script(data: dict[str, Any]) -> str:
    """A complete <script type="application/ld+json"> element whose JSON cannot end the script."""
    text = json.dumps(data, ensure_ascii=False)
    # These characters only ever occur inside JSON strings, where \\uXXXX means the same thing.
    for char, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(char, escaped)
    return f'<script type="application/ld+json">{text}</script>'


def _og_locale(sheet: Sheet) -> str:
    # Without the vocabularies, the school system is read from the level id (qc-…), which the
    # sheet format guarantees for Québec levels.
    quebec = any(level.startswith("qc-") for level in sheet.levels)
    if sheet.lang == "en":
        return "en_CA" if quebec else "en_US"
    return "fr_CA" if quebec else "fr_FR"


def open_graph(sheet: Sheet, site_name: str, site_url: str | None) -> list[tuple[str, str]]:
    """Open Graph (property, content) pairs for a sheet page; raw values, the template escapes."""
    pairs = [
        ("og:type", "article"),
        ("og:title", sheet.title),
        ("og:description", sheet.summary),
        ("og:url", absolute(site_url, sheet_url(sheet.id))),
        ("og:site_name", site_name),
        ("og:locale", _og_locale(sheet)),
        ("article:published_time", sheet.date.isoformat()),
    ]
    pairs.extend(("article:tag", tag) for tag in sheet.tags)
    return pairs
