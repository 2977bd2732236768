"""Under `mkdocs serve`, a save that changes existing sheets rebuilds only the pages showing them.

MkDocs rebuilds the whole site after every save: at 10,000 sheets some 10 s even when every
page comes from the build cache, since each page still goes through MkDocs and the plugin.
An author who saves a paragraph or a title wants to see it now. So the plugin keeps, between served
builds, what the last one made (`Snapshot`: its knowledge base, the views of its pages, their
bodies and cache keys, its sitemap) and compares the new reading with it (`plan`):

- When a sheet is added, removed, made unreadable or (un)drafted, or a community, a workshop,
  a template, a vocabulary, mkdocs.yml, a hand-written page or Atelier itself changed, or the
  set of pages changed (a new tag has a new page), the build is a whole one, as before.
- Else the pages to make again are those of the sheets that changed; of the sheets whose
  view read one whose *face* changed (the front matter other pages show: title, tags, date…;
  `Reads` records which sheets each view reads); of the sheets whose backlinks, related
  sheets or problems changed; and every other page whose view is not equal to the last one
  (the listings, term pages and lessons are made and compared: the open questions, say, are
  read from bodies). The plugin marks the others EXCLUDED: MkDocs neither reads nor writes
  them, and the last site folder, put back in place, still holds them. The sitemap is the
  last one (the same pages); the navigation must be the same too.

A test builds every kind of edit both ways and compares the sites byte for byte
(tests/integration/test_preview.py).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
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
    reads: dict[str, frozenset[str]] = field(default_factory=dict)  # sheet → sheets its view read
    nav_key: str = ""  # the navigation: its shape and the titles of its pages
    site_key: str = ""  # mkdocs_cache.site_key (every page's title in it)
    taxonomies: Any = None  # taxonomy.build: the terms in use and their sheets


@dataclass
class Plan:
    """What a served rebuild makes again."""

    remake: set[str]  # the sheets whose page is made again
    faces: set[str]  # the sheets whose face changed (their cards are made again)
    same_exports: bool  # no face, related list or backlink changed: the exports are the same


def changed_faces(last: Snapshot, inputs: str, kb: KnowledgeBase) -> set[str] | None:
    """The sheets whose face changed since the last served build; None when more than the
    sheets' content changed (inputs, the set of sheets, unreadable files, aliases, communities
    or workshops): then the whole site is made. With none, what is made of faces only (related
    sheets, taxonomies) is the last build's."""
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
    return {
        sheet_id
        for sheet_id, sheet in kb.sheets.items()
        if sheet is not old.sheets[sheet_id] and face(sheet) != face(old.sheets[sheet_id])
    }


def plan(
    last: Snapshot,
    faces: set[str],
    kb: KnowledgeBase,
    related: Mapping[str, list[Related]],
) -> Plan | None:
    """What must be made again, or None when the whole site must be. `faces`: the sheets whose
    face changed (`changed_faces`, not None)."""
    old = last.kb
    if any(old.sheets[sheet_id].status != kb.sheets[sheet_id].status for sheet_id in faces):
        return None  # a sheet in or out of the site: its inclusion changes
    changed = {
        sheet_id for sheet_id, sheet in kb.sheets.items()
        if sheet is not old.sheets[sheet_id] and sheet != old.sheets[sheet_id]
    }  # fmt: skip
    linked = {
        sheet_id
        for sheet_id in kb.sheets
        if kb.backlinks.get(sheet_id) != old.backlinks.get(sheet_id)
        or related.get(sheet_id) != last.related.get(sheet_id)
    }
    readers = {
        reader for reader, read in last.reads.items() if faces and (ALL in read or read & faces)
    }
    return Plan(changed | linked | readers, faces, same_exports=not (linked or faces))


ALL = "*"  # in `Reads`: the view went through every sheet


class Reads(dict[str, Sheet]):
    """The knowledge base's sheets while sheet views are made: which sheets each one reads
    (`take`). A view that goes through them all depends on every sheet (ALL)."""

    def __init__(self, sheets: Mapping[str, Sheet]) -> None:
        super().__init__(sheets)
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Sheet:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self.read.add(str(key))
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        self.read.add(ALL)
        return super().__iter__()

    def keys(self) -> Any:
        self.read.add(ALL)
        return super().keys()

    def values(self) -> Any:
        self.read.add(ALL)
        return super().values()

    def items(self) -> Any:
        self.read.add(ALL)
        return super().items()

    def take(self) -> frozenset[str]:
        """What was read since the last `take`."""
        read, self.read = frozenset(self.read), set()
        return read


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
