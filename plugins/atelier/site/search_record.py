"""Search records: what the full-text index knows of each published sheet.

Each record is a small HTML document built from the validated model (never from the page
around it), for Pagefind to index: the title and the what-went-wrong points are weighted above
the body, and every facet is a Pagefind filter holding the term's id (the language is one of
them). Every contributor value is escaped; the body is the sheet's sanitized HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from atelier.core.knowledge import KnowledgeBase
from atelier.core.model import Sheet, Workshop
from atelier.core.taxonomy import TAXONOMIES, values
from atelier.core.urls import sheet_url, workshop_url

# Facet names, as they appear in the index, the search page and its URL (?level=fr-4e).
FACETS = (*(taxonomy.name for taxonomy in TAXONOMIES), "lang")
# Pagefind's default weight is 1 for text, 7 for <h1>: the title and the failures come first.
TITLE_WEIGHT = 10
WRONG_WEIGHT = 8
SUMMARY_WEIGHT = 5


# In a body: heading permalinks (toc's `¶` links) and `id` attributes, which Pagefind would
# keep as text of excerpts and as anchors of every result (unused by the search page).
_PERMALINK = re.compile(r'<a\b[^>]*\bclass="headerlink"[^>]*>[^<]*</a>')
_ID = re.compile(r'(<[a-zA-Z][^<>]*?)\s+id="[^"<>]*"')


def indexed_body(body_html: str) -> str:
    """A sheet's rendered body as the index needs it: without permalinks and anchors."""
    return _ID.sub(r"\1", _PERMALINK.sub("", body_html))


@dataclass(frozen=True)
class Record:
    """One sheet as the index sees it."""

    url: str  # relative to the site root, e.g. practices/debat-mouvant-4e/
    lang: str
    html: str
    date: str = ""  # ISO date: newest first in the index's parts (search_parts.py)


def facet_values(sheet: Sheet, facet: str) -> tuple[str, ...]:
    """The ids a sheet has in one facet."""
    return (sheet.lang,) if facet == "lang" else values(sheet, facet)


def record(sheet: Sheet, kb: KnowledgeBase, body_html: str) -> Record:
    """The index record of a sheet; `body_html` is its rendered, sanitized body."""
    locale = kb.locale(sheet)
    levels = " · ".join(kb.vocabularies["levels"].label(level, locale) for level in sheet.levels)
    subjects = " · ".join(
        kb.vocabularies["subjects"].label(subject, locale) for subject in sheet.subjects
    )
    filters = "".join(
        f'<span data-pagefind-filter="{facet}:{escape(value)}"></span>'
        for facet in FACETS
        for value in facet_values(sheet, facet)
    )
    wrong = "".join(f"<li>{escape(point)}</li>" for point in sheet.what_went_wrong)
    html = (
        f'<html lang="{sheet.lang}"><head><title>{escape(sheet.title)}</title></head><body>'
        f'<main data-pagefind-body data-pagefind-meta="date:{sheet.date.isoformat()}">'
        f'<h1 data-pagefind-weight="{TITLE_WEIGHT}" data-pagefind-meta="title">'
        f"{escape(sheet.title)}</h1>"
        f'<p data-pagefind-weight="{SUMMARY_WEIGHT}" data-pagefind-meta="summary">'
        f"{escape(sheet.summary)}</p>"
        f'<p data-pagefind-meta="levels">{escape(levels)}</p>'
        f"<p>{escape(subjects)}</p>"
        f'<ul data-pagefind-weight="{WRONG_WEIGHT}">{wrong}</ul>'
        f"<div>{indexed_body(body_html)}</div>"
        # Filters and the sort key are read from here but kept out of the text and excerpts.
        f'<div data-pagefind-ignore data-pagefind-sort="date:{sheet.date.isoformat()}">'
        f"{filters}</div></main></body></html>"
    )
    return Record(sheet_url(sheet.id), sheet.lang, html, sheet.date.isoformat())


def workshop_record(workshop: Workshop, kb: KnowledgeBase, body_html: str) -> Record:
    """The index record of a workshop (type "workshop"): its title, summary, community and
    retour. Only meta, no filter: a sheet facet leaves workshops out, and the first search
    downloads nothing more."""
    community = kb.communities.get(workshop.community)
    name = community.name if community else workshop.community
    day = workshop.local_start.date().isoformat()
    html = (
        f'<html lang="{workshop.lang}"><head><title>{escape(workshop.title)}</title></head><body>'
        f'<main data-pagefind-body data-pagefind-meta="type:workshop">'
        f'<h1 data-pagefind-weight="{TITLE_WEIGHT}" data-pagefind-meta="title">'
        f"{escape(workshop.title)}</h1>"
        f'<p data-pagefind-weight="{SUMMARY_WEIGHT}" data-pagefind-meta="summary">'
        f"{escape(workshop.summary or '')}</p>"
        f'<p data-pagefind-meta="community">{escape(name)}</p>'
        f"<div>{indexed_body(body_html)}</div>"
        f'<div data-pagefind-ignore data-pagefind-sort="date:{day}"></div>'
        f"</main></body></html>"
    )
    return Record(workshop_url(workshop.id), workshop.lang, html, day)


def by_language(records: list[Record]) -> dict[str, list[Record]]:
    """Records grouped by language, French first (for the build's summary line)."""
    groups: dict[str, list[Record]] = {}
    for item in records:
        groups.setdefault(item.lang, []).append(item)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] != "fr", kv[0])))
