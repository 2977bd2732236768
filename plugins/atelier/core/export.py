"""Machine-readable views of the knowledge base: JSON-LD, Open Graph, api/practices.json, Atom.

Every function is pure: it returns text or plain data and the plugin writes it. Contributor text
is never pasted into markup by hand; each format's own serializer escapes it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from atelier.core.knowledge import KnowledgeBase
from atelier.core.model import Sheet
from atelier.core.taxonomy import TAXONOMIES, Term
from atelier.core.urls import community_url, sheet_url

ATOM_NS = "http://www.w3.org/2005/Atom"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# RFC 4151 needs an authority and a date; both are fixed so that an entry id never changes.
_TAG_PREFIX = "tag:atelier,2026:"
# A feed with no sheet still needs an <updated>; the epoch keeps the output reproducible.
_EMPTY_FEED_DATE = dt.date(1970, 1, 1)

# YAML escapes ("\x01") let characters through that XML 1.0 cannot carry at all, even escaped:
# one of them would make the whole feed unreadable, so they are dropped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Inside <script>, the HTML parser ends the element at "</script" and treats "<!--" specially,
# whatever JSON thinks; U+2028/U+2029 end a line in older JavaScript engines.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                  "\u2028": "\\u2028", "\u2029": "\\u2029"}  # fmt: skip


def absolute(site_url: str | None, path: str) -> str:
    """site_url + path when the site URL is known (e.g. 'https://x.org/atelier/' + 'practices/a/'),
    else '/' + path."""
    path = path.lstrip("/")
    if not site_url:
        return "/" + path
    return site_url.rstrip("/") + "/" + path


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


def _xml(value: str) -> str:
    return _NOT_XML.sub("", value)


def _child(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _xml(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _xml(text)
    return element


def _atom_id(site_url: str | None, path: str) -> str:
    # atom:id must be an absolute IRI; a site-relative path is not one.
    return absolute(site_url, path) if site_url else _TAG_PREFIX + path


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _points_html(points: Sequence[str]) -> str:
    # Built as elements too: the serializer escapes each point, then the feed escapes the HTML.
    ul = ET.Element("ul")
    for point in points:
        _child(ul, "li", point)
    return ET.tostring(ul, encoding="unicode", method="html")


def atom_feed(
    sheets: Sequence[Sheet],
    *,
    title: str,
    feed_path: str,
    site_url: str | None,
    lang: str,
    updated: dt.date | None = None,
    limit: int = 50,
) -> str:
    """An Atom 1.0 feed (RFC 4287) of the newest `limit` published sheets, as XML text.

    Deterministic: `updated` defaults to the newest sheet's date, never to the current time.
    """
    # Same order as KnowledgeBase.published, whatever order the caller used; a feed is public,
    # so a draft never enters it.
    newest = sorted(
        (s for s in sheets if not s.is_draft), key=lambda s: (-s.date.toordinal(), s.id)
    )[: max(limit, 0)]
    if updated is None:
        updated = newest[0].date if newest else _EMPTY_FEED_DATE

    # The default namespace is declared by hand: ET.register_namespace would change global state.
    feed = ET.Element("feed", {"xmlns": ATOM_NS, _XML_LANG: lang})
    _child(feed, "id", _atom_id(site_url, feed_path))
    _child(feed, "title", title)
    _child(feed, "updated", _timestamp(updated))
    _child(
        feed, "link", rel="self", type="application/atom+xml", href=absolute(site_url, feed_path)
    )
    _child(feed, "link", rel="alternate", type="text/html", href=absolute(site_url, ""))
    _child(feed, "generator", "Atelier")
    for sheet in newest:
        entry = _child(feed, "entry")
        if sheet.lang != lang:
            entry.set(_XML_LANG, sheet.lang)
        _child(entry, "id", _atom_id(site_url, sheet_url(sheet.id)))
        _child(entry, "title", sheet.title)
        _child(entry, "updated", _timestamp(sheet.date))
        _child(entry, "link", rel="alternate", type="text/html",
               href=absolute(site_url, sheet_url(sheet.id)))  # fmt: skip
        for name in sheet.authors:
            _child(_child(entry, "author"), "name", name)
        for tag in sheet.tags:
            _child(entry, "category", term=tag)
        _child(entry, "summary", sheet.summary)
        _child(entry, "content", _points_html(sheet.what_went_wrong), type="html")
    ET.indent(feed)
    # Bytes, not encoding="unicode": that one declares the locale's encoding, not a fixed one.
    data: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return data.decode("utf-8") + "\n"
