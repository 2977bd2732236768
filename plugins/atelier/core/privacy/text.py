"""What the guard reads: a sheet turned into chunks of text, and the reviewer's markers.

The body comes from the sheet's `Document` (core/document.py: one markdown-it parse, inline
markup removed, file lines kept): one chunk per text run (paragraph, list item, heading, table
cell, code block). The front matter comes from the validated sheet (title, summary,
what_went_wrong, next_time; never `authors`), located with `sheet.front_matter`, the raw front
matter lines and their file line numbers. The file is never read again here.

Markers: `<!-- privacy-ok: Lucas -->` in the body (an HTML comment, from `document.comments`),
`# privacy-ok: Lucas` at the end of a front matter line or alone on the line before; without
words (`<!-- privacy-ok -->`) a marker accepts every finding of its line.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from atelier.core.model import Sheet, Workshop

# Front matter fields whose text is scanned; `authors` never is (they are the teachers).
TEXT_FIELDS = ("title", "summary", "what_went_wrong", "next_time", "worries")

# Sections that list references: the names there are authors, not students.
CITATION_SECTIONS = (
    "ressources", "resources", "références", "references", "bibliographie", "bibliography",
    "sources", "pour aller plus loin", "further reading", "to go further", "lectures",
    "reading", "readings", "à lire", "pour en savoir plus", "learn more", "liens", "links",
)  # fmt: skip

_CITATIONS_FOLDED = tuple(
    "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    for t in CITATION_SECTIONS
)
_NEWLINE = re.compile("\n")
_BODY_MARK = re.compile(r"^\s*privacy-ok\s*(?::\s*(?P<words>[^\n]*?))?\s*$")
_FM_MARK = re.compile(r"(?:^|\s)#\s*privacy-ok\b[ \t]*(?::[ \t]*(?P<words>[^\n]*?))?[ \t]*$")


@dataclass
class Chunk:
    """One block of text to scan, with the file line of each of its lines.

    `text` has its line breaks turned into spaces (same length): offsets in `text` are offsets
    in the original block.
    """

    text: str
    starts: list[int]  # offset in `text` of each line
    lines: list[int]  # file line of each line
    kind: str = "paragraph"  # "paragraph", "heading", "table", "code" or "field"
    section: str | None = None  # the enclosing level-2 section's title
    fieldname: str | None = None  # front matter field, None for the body
    raw: list[tuple[int, str]] = field(default_factory=list)  # front matter lines of the value

    @property
    def cited(self) -> bool:
        """In a list of references: names there are authors of works, not students."""
        return self.section is not None and _cited_section(self.section)

    def line_at(self, offset: int, words: str = "") -> int:
        """The file line of `offset`; in front matter, the line where `words` are written."""
        index = 0
        for i, start in enumerate(self.starts):
            if start > offset:
                break
            index = i
        line = self.lines[index]
        if self.raw and words:
            wanted = " ".join(words.split()).casefold()
            for number, raw in self.raw:
                if number >= line and wanted in " ".join(raw.split()).casefold():
                    return number
        return line


def chunk_of(text: str, first_line: int, **kwargs: Any) -> Chunk:
    """A chunk from a block of text whose first line is `first_line`."""
    starts = [0, *(found.end() for found in _NEWLINE.finditer(text))]
    lines = [first_line + i for i in range(len(starts))]
    return Chunk(text.replace("\n", " ").replace("\r", " "), starts, lines, **kwargs)


@dataclass
class Marks:
    """Words accepted by a reviewer, per file line; None accepts every finding of the line."""

    by_line: dict[int, set[str] | None] = field(default_factory=dict)

    def add(self, line: int, words: str | None) -> None:
        if words is None or not words.strip():
            self.by_line[line] = None
            return
        accepted = self.by_line.setdefault(line, set())
        if accepted is not None:
            accepted.update(norm(w) for w in words.split(",") if w.strip())

    def update(self, other: Marks) -> None:
        for line, words in other.by_line.items():
            if words is None or self.by_line.get(line, set()) is None:
                self.by_line[line] = None
            else:
                self.by_line.setdefault(line, set()).update(words)  # type: ignore[union-attr]

    def accepts(self, line: int, kind: str, words: str) -> bool:
        """A marker on the finding's line or on the line before accepts it."""
        found = norm(words)
        for number in (line, line - 1):
            if number not in self.by_line:
                continue
            accepted = self.by_line[number]
            if accepted is None or found in accepted:
                return True
            # Accepting « Lucas » also accepts « Lucas D. », but never an e-mail or a number
            # that merely contains the word: those are accepted by their exact words.
            if kind in ("name", "initials", "school-name") and any(
                re.search(rf"(?<!\w){re.escape(a)}(?!\w)", found) for a in accepted
            ):
                return True
        return False


def norm(text: str) -> str:
    """How marker words and findings are compared: NFC, spaces collapsed, no case."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold().strip(" «»\"'")


@functools.lru_cache(maxsize=1024)
def _cited_section(title: str) -> bool:
    return _fold(title).strip(" :*_").startswith(_CITATIONS_FOLDED)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


# --- The body ----------------------------------------------------------------------------------


def body_chunks(document: Any) -> tuple[list[Chunk], Marks]:
    """The chunks of a parsed body (`core.document.Document`) and its `privacy-ok` comments."""
    marks = Marks()
    for comment in document.comments:
        found = _BODY_MARK.match(comment.text)
        if found:
            marks.add(comment.line, found.group("words"))
    chunks: list[Chunk] = []
    for run in document.runs:
        if not run.text.strip():
            continue
        chunks.append(chunk_of(run.text, run.line, kind=run.kind, section=run.section))
    return chunks, marks


def parse_body(text: str, first_line: int = 1) -> tuple[list[Chunk], Marks]:
    """Plain or Markdown text, its first line numbered `first_line`."""
    from atelier.core import document

    return body_chunks(document.parse(text, first_line))


# --- The front matter --------------------------------------------------------------------------


def front_matter_lines(
    sheet: Sheet | Workshop, text: str | None = None
) -> list[tuple[int, str]] | None:
    """The sheet's raw front matter lines with their file line numbers, when known.

    `sheet.front_matter` (given by the reader) first; else the front matter of `text` (the
    file as the caller read it), if its body is the sheet's; else None (findings are then
    located on their field's line).
    """
    raw = getattr(sheet, "front_matter", None)
    if raw:
        return [(int(number), str(line)) for number, line in raw]
    if text is None:
        return None
    lines = text.replace("\r\n", "\n").split("\n")
    if lines[sheet.body_line - 1 :] != sheet.body.split("\n"):
        return None  # not the text the sheet was read from
    return list(enumerate(lines[: sheet.body_line - 1], start=1))


def front_matter_chunks(
    sheet: Sheet | Workshop, raw: Sequence[tuple[int, str]] | None
) -> tuple[list[Chunk], Marks]:
    """One chunk per text value of the front matter, located on its file line."""
    marks = Marks()
    by_number = dict(raw) if raw is not None else {}
    for number, line in by_number.items():
        found = _FM_MARK.search(line)
        if found:
            marks.add(number, found.group("words"))
    key_lines = sorted(sheet.lines.values())
    last = max(by_number) if by_number else sheet.body_line - 2
    chunks: list[Chunk] = []
    for key in TEXT_FIELDS:
        value = getattr(sheet, key, None)  # a workshop has a title and a summary only
        if key not in sheet.lines or value is None:
            continue
        values: tuple[str, ...] = (value,) if isinstance(value, str) else tuple(value)
        first = sheet.lines[key]
        following = [n for n in key_lines if n > first]
        end = min(following[0] - 1 if following else last, last)
        region = [(n, by_number[n]) for n in range(first, end + 1) if n in by_number]
        cursor = first
        for item in values:
            cursor = _locate(item, region, cursor)
            chunk = chunk_of(" ".join(item.split("\n")), cursor, kind="field", fieldname=key)
            chunk.raw = [(n, _FM_MARK.sub("", line)) for n, line in region if n >= cursor]
            chunks.append(chunk)
    return chunks, marks


def _locate(item: str, region: Iterable[tuple[int, str]], cursor: int) -> int:
    """The line where a front matter value starts, searching from `cursor`."""
    head = " ".join(item.split())[:20].casefold()
    for number, line in region:
        if number >= cursor and head and head in " ".join(line.split()).casefold():
            return number
    return cursor
