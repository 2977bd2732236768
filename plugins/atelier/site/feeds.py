"""Atom feeds (RFC 4287): the newest sheets as a feed reader shows them.

A feed is presentation, not open data: a title for people, a summary and an HTML rendering of
the what-went-wrong points. The data itself is api/practices.json (`atelier.core.export`).
Every function is pure; contributor text goes through ElementTree's serializer, never into
markup by hand.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from atelier.core.model import Sheet
from atelier.core.urls import absolute, sheet_url

ATOM_NS = "http://www.w3.org/2005/Atom"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# RFC 4151 needs an authority and a date; both are fixed so that an entry id never changes.
_TAG_PREFIX = "tag:atelier,2026:"
# A feed with no sheet still needs an <updated>; the epoch keeps the output reproducible.
_EMPTY_FEED_DATE = dt.date(1970, 1, 1)

# YAML escapes ("\x01") let characters through that XML 1.0 cannot carry at all, even escaped:
# one of them would make the whole feed unreadable, so they are dropped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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
    """An Atom 1.0 feed of the newest `limit` published sheets, as XML text.

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
