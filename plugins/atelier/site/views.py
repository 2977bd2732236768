"""Template data for generated pages, built from the validated model.

Values stay plain text here: the templates escape every one of them (`| e`).
"""

from __future__ import annotations

from typing import Any

from atelier.core import export
from atelier.core.knowledge import KnowledgeBase
from atelier.core.model import Community, Sheet
from atelier.core.related import Related, explain
from atelier.core.urls import community_url, sheet_url
from atelier.site.strings import STRINGS, french_spacing, human_date

# Vocabularies whose terms have their own page, and the URL folder of those pages.
_TERM_FOLDERS = {
    "subjects": "subjects",
    "levels": "levels",
    "challenges": "challenges",
    "outcomes": "outcomes",
}


def _terms(kb: KnowledgeBase, name: str, ids: tuple[str, ...], locale: str) -> list[dict[str, str]]:
    vocab = kb.vocabularies[name]
    folder = _TERM_FOLDERS.get(name)
    return [
        {
            "id": term_id,
            "label": vocab.label(term_id, locale),
            "url": f"{folder}/{term_id}/" if folder else "",
        }
        for term_id in ids
    ]


def _term(kb: KnowledgeBase, name: str, term_id: str | None, locale: str) -> dict[str, str] | None:
    return _terms(kb, name, (term_id,), locale)[0] if term_id else None


def typeset(text: str, lang: str) -> str:
    """Contributor text with the typography of its language."""
    return french_spacing(text) if lang == "fr" else text


def card(sheet: Sheet, kb: KnowledgeBase) -> dict[str, Any]:
    """What a listing shows of a sheet (made once per build: a sheet is in many listings)."""
    key = ("card", sheet.id)
    found = kb.memo.get(key)
    if found is None:
        found = kb.memo[key] = _card(sheet, kb)
    return found  # type: ignore[return-value]


def _card(sheet: Sheet, kb: KnowledgeBase) -> dict[str, Any]:
    locale = kb.locale(sheet)
    return {
        "id": sheet.id,
        "url": sheet_url(sheet.id),
        "title": typeset(sheet.title, sheet.lang),
        "summary": typeset(sheet.summary, sheet.lang),
        "lang": sheet.lang,
        "date": sheet.date.isoformat(),
        "date_human": human_date(sheet.date, sheet.lang),
        "subjects": _terms(kb, "subjects", sheet.subjects, locale),
        "levels": _terms(kb, "levels", sheet.levels, locale),
        "first_wrong": typeset(sheet.what_went_wrong[0], sheet.lang),
        "draft": sheet.is_draft,
    }


def sheet_view(
    sheet: Sheet,
    kb: KnowledgeBase,
    related: list[Related] | None = None,
    *,
    site_name: str = "Atelier",
    site_url: str | None = None,
) -> dict[str, Any]:
    """Everything the sheet template shows, with its related sheets and backlinks."""
    locale = kb.locale(sheet)
    license_term = kb.vocabularies["licenses"].terms.get(sheet.license)
    view = dict(card(sheet, kb))  # a copy: the card itself is shared by listings
    view.update(
        {
            "t": STRINGS[sheet.lang],
            "path": sheet.path,
            "authors": list(sheet.authors),
            "communities": [
                {"id": c, "name": kb.communities[c].name, "url": community_url(c)}
                for c in sheet.communities
                if c in kb.communities
            ],
            "tags": [{"id": tag, "label": tag, "url": f"tags/{tag}/"} for tag in sheet.tags],
            "outcome": _term(kb, "outcomes", sheet.outcome, locale),
            "challenges": _terms(kb, "challenges", sheet.challenges, locale),
            "duration_minutes": sheet.duration_minutes,
            "group_size": _term(kb, "group_sizes", sheet.group_size, locale),
            "modality": _term(kb, "modalities", sheet.modality, locale),
            "practice_type": _term(kb, "practice_types", sheet.practice_type, locale),
            "what_went_wrong": [typeset(point, sheet.lang) for point in sheet.what_went_wrong],
            "next_time": [typeset(point, sheet.lang) for point in sheet.next_time],
            "license": {
                "id": sheet.license,
                "label": license_term.label(locale) if license_term else sheet.license,
                "url": license_term.url if license_term else None,
            },
            "related": [
                {**_brief(kb.sheets[item.id]), "why": explain(item, sheet.lang)}
                for item in related or []
                if item.id in kb.sheets
            ],
            "backlinks": [_brief(kb.sheets[i]) for i in kb.backlinks.get(sheet.id, [])],
            "json_ld": export.json_ld_script(export.json_ld(sheet, kb, site_url)),
            "open_graph": export.open_graph(sheet, site_name, site_url),
        }
    )
    return view


def _brief(sheet: Sheet) -> dict[str, str]:
    return {"id": sheet.id, "url": sheet_url(sheet.id), "lang": sheet.lang,
            "title": typeset(sheet.title, sheet.lang)}  # fmt: skip


def community_view(community: Community, kb: KnowledgeBase) -> dict[str, Any]:
    """Everything the community template shows, with its sheets as cards."""
    lang = community.lang
    locale = "fr-CA" if lang == "fr" and community.region == "qc" else lang
    return {
        "id": community.id,
        "t": STRINGS[lang],
        "lang": lang,
        "name": typeset(community.name, lang),
        "domain": typeset(community.domain, lang),
        "audience": typeset(community.audience, lang) if community.audience else None,
        "region": _term(kb, "regions", community.region, locale),
        "region_detail": community.region_detail,
        "membership": _term(kb, "memberships", community.membership, locale),
        "facilitators": list(community.facilitators),
        "cadence": _term(kb, "cadences", community.cadence, locale),
        "meeting_format": _term(kb, "meeting_formats", community.meeting_format, locale),
        "next_meeting": human_date(community.next_meeting, lang)
        if community.next_meeting
        else None,
        "ground_rules": [
            {
                "id": rule,
                "label": kb.vocabularies["ground_rules"].label(rule, locale),
                "description": kb.vocabularies["ground_rules"][rule].description.get(lang, ""),
            }
            for rule in community.ground_rules
        ],
        "contact": community.contact,
        "status": _term(kb, "community_statuses", community.status, locale),
        "sheets": [card(sheet, kb) for sheet in kb.sheets_of_community(community.id)],
    }


def listing_view(kb: KnowledgeBase, lang: str) -> dict[str, Any]:
    """The list of every published sheet, newest first."""
    sheets = [card(s, kb) for s in kb.published]
    return {
        "t": STRINGS[lang],
        "title": STRINGS[lang]["all_sheets"],
        "lang": lang,
        "sheets": sheets,
    }


def communities_view(kb: KnowledgeBase, lang: str) -> dict[str, Any]:
    """The list of communities with their sheet counts."""
    return {
        "t": STRINGS[lang],
        "title": STRINGS[lang]["communities"],
        "lang": lang,
        "communities": [
            {
                "id": c.id,
                "url": community_url(c.id),
                "name": c.name,
                "domain": c.domain,
                "count": len(kb.sheets_of_community(c.id)),
                "region": _term(kb, "regions", c.region, lang),
            }
            for c in sorted(kb.communities.values(), key=lambda c: c.name.casefold())
        ],
    }
