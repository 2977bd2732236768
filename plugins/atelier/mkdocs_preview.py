"""Under `mkdocs serve`, a save that changes only sheet bodies rebuilds only the pages it changes.

MkDocs rebuilds the whole site after every save: at 10,000 sheets some 10 s even when every
page comes from the build cache, since each page still goes through MkDocs and the plugin.
An author who saves a paragraph wants to see it now. So the plugin keeps, between served
builds, what the last one made (`Snapshot`: its knowledge base, the views of its pages, their
bodies and cache keys, its sitemap) and compares the new reading with it (`plan`):

- When anything but the sheets' bodies changed — a sheet's front matter (its title, tags,
  date… its *face*, which other pages show), a sheet added, removed or unreadable, a
  community, a workshop, a template, a vocabulary, mkdocs.yml, a hand-written page, Atelier
  itself — the build is a whole one, as before.
- Else the pages to make again are those of the sheets whose body changed, of the sheets
  whose backlinks, related sheets or problems changed, and every other page whose view is not
  equal to the last one (the listings, term pages and lessons are made and compared: the
  open questions, say, are read from bodies). The plugin marks the others EXCLUDED: MkDocs
  neither reads nor writes them, and the last site folder, put back in place, still holds
  them. The sitemap is the last one (the same pages).

A test builds every kind of edit both ways and compares the sites byte for byte
(tests/integration/test_preview.py).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from atelier.core.knowledge import KnowledgeBase
from atelier.core.model import Sheet
from atelier.core.related import Related
from atelier.site.search_record import Record
from atelier.site.views import SheetCard

# A sheet's own fields that no other page shows: an edit of them alone changes its page only
# (and, through its links, the backlinks of others: compared on their own). Every other field
# is its face: a new field is one by default.
OWN_PAGE_ONLY = frozenset({"body", "body_line"})
_FACE = tuple(f.name for f in fields(Sheet) if f.compare and f.name not in OWN_PAGE_ONLY)


def face(sheet: Sheet) -> tuple[Any, ...]:
    """What other pages may show of a sheet (listings, related blocks, backlinks, JSON-LD…)."""
    return tuple(getattr(sheet, name) for name in _FACE)


@dataclass
class Snapshot:
    """What the last served build made, as its site folder holds it."""

    site_dir: str  # where it was built
    inputs: str  # mkdocs_cache.inputs_key: everything but the content folders
    kb: KnowledgeBase
    related: dict[str, list[Related]]
    pages: dict[str, Any]  # src_uri → the plugin's _Generated
    contents: dict[str, tuple[str, str | None]]  # src_uri → (Markdown given to MkDocs, edit)
    bodies: dict[str, str]  # sheet id → rendered body (search records, packs)
    workshop_bodies: dict[str, str]
    keys: dict[str, str] = field(default_factory=dict)  # src_uri → its page's cache key
    sitemap: str | None = None  # the sitemap.xml the theme wrote
    cards: Mapping[str, SheetCard] = field(default_factory=dict)  # sheet id → its card
    records: dict[str, Record] = field(default_factory=dict)  # sheet id → its search record
    record_keys: dict[str, tuple[Record, str]] = field(default_factory=dict)  # url → digest


@dataclass
class Plan:
    """What a served rebuild makes again."""

    remake: set[str]  # the sheets whose page is made again
    same_links: bool  # every related list and backlink as before: the exports are the same


def plan(
    last: Snapshot,
    inputs: str,
    kb: KnowledgeBase,
    related: Mapping[str, list[Related]],
) -> Plan | None:
    """What must be made again, or None when the whole site must be."""
    old = last.kb
    if (
        inputs != last.inputs
        or kb.sheets.keys() != old.sheets.keys()
        or kb.failed != old.failed
        or kb.aliases != old.aliases
        or kb.communities != old.communities
        or kb.workshops != old.workshops
    ):
        return None
    changed: set[str] = set()
    for sheet_id, sheet in kb.sheets.items():
        before = old.sheets[sheet_id]
        if before is sheet:
            continue
        if face(before) != face(sheet):
            return None
        if before != sheet:
            changed.add(sheet_id)
    if [s.id for s in kb.published] != [s.id for s in old.published]:
        return None
    linked = {
        sheet_id
        for sheet_id in kb.sheets
        if kb.backlinks.get(sheet_id) != old.backlinks.get(sheet_id)
        or related.get(sheet_id) != last.related.get(sheet_id)
    }
    return Plan(changed | linked, same_links=not linked)


class QuietLinksToKept(logging.Filter):
    """MkDocs says, at the INFO level, that a page links to an EXCLUDED one: a page this
    served build did not make again (its last version is served) is no such thing."""

    _PATTERN = re.compile(r"contains a link to '(.+)' which is excluded from the built site\.$")

    def __init__(self) -> None:
        super().__init__()
        self.kept: set[str] = set()  # src_uri of the pages kept from the last build

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.kept:
            return True
        found = self._PATTERN.search(record.getMessage())
        return found is None or found.group(1) not in self.kept
