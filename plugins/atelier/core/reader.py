"""Read one source file: bytes → checked text → front matter tree + Markdown body.

This is the single reader shared by the plugin, the CLI and the tests. It never raises on bad
input: every problem becomes a located `Diagnostic`.

python-frontmatter splits the file (with a handler whose boundary is exactly `---`, or `...`
which is then refused) and hands the front matter to `yamlstrict`, the only YAML reader: what
python-frontmatter cannot tell (a missing or misplaced opening line, a heading swallowed by a
forgotten closing line, a block too long) is checked around it. The body is read once as
Markdown (`document`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontmatter.default_handlers import YAMLHandler

from atelier.core import document as markdown
from atelier.core import yamlstrict
from atelier.core.diagnostics import Report
from atelier.core.document import Document
from atelier.core.yamlstrict import Map, Node

MAX_BYTES = 512 * 1024
MAX_FRONT_MATTER_LINES = 200
MAX_FRONT_MATTER_BYTES = 32 * 1024
# What Python-Markdown may scan for the brackets of a body (see `document._bracket_span`):
# about half a second; a real sheet, even with hundreds of links, stays far below.
MAX_BRACKET_SPAN = 1_000_000

# Characters that hide or reorder text (Trojan Source), fake a blank, hide text (Unicode tags)
# or break tools (line separators); tab and newline are fine. ZWNJ and ZWJ (U+200C, U+200D)
# are allowed: scripts and emoji sequences need them.
_INVISIBLE = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u115f\u1160\u180e\u200b\u200e\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\ufff9-\ufffb\U000e0000-\U000e007f"
)
_FORBIDDEN = re.compile(f"[{_INVISIBLE}]")
_UNSHOWABLE = re.compile(f"[{_INVISIBLE}\t\n\r]")


def forbidden_char(text: str, *, in_name: bool = False) -> tuple[str, str] | None:
    """The first forbidden character of `text` as (U+XXXX, its name), or None; in a file
    name (`in_name`), tabs and line breaks are forbidden too."""
    match = (_UNSHOWABLE if in_name else _FORBIDDEN).search(text)
    if match is None:
        return None
    char = match.group()
    return f"U+{ord(char):04X}", unicodedata.name(char, "control")


def visible(text: str) -> str:
    """`text` with every invisible or control character written <U+XXXX>: safe to print."""
    return _UNSHOWABLE.sub(lambda match: f"<U+{ord(match.group()):04X}>", text)


class StrictYAMLHandler(YAMLHandler):
    """python-frontmatter's YAML handler, made strict.

    The boundary is a line `---` (trailing spaces allowed, never `----`); a `...` line is
    a boundary too, so that the reader can refuse it by name. `load` reads with `yamlstrict`:
    every scalar stays a string with its line, and every problem raises `YamlProblem`.
    """

    FM_BOUNDARY = re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.MULTILINE)

    def load(self, fm: str, **kwargs: object) -> Any:  # Node | None (the base says a dict)
        """The tree of the text between the boundaries, whose first line is file line 2."""
        tree: Node | None = yamlstrict.parse(
            _inner(fm), first_line=2, max_items=yamlstrict.MAX_ITEMS
        )
        return tree


_HANDLER = StrictYAMLHandler()


def _is_heading(line: str) -> bool:
    """A front matter line that is a Markdown heading `## …`: the closing line was forgotten."""
    text = line.lstrip("#")
    return 2 <= len(line) - len(text) <= 6 and text[:1].isspace()


def _inner(fm: str) -> str:
    """The lines between the two boundary lines: without the newlines that end them."""
    fm = fm[1:] if fm.startswith("\n") else fm
    return fm[:-1] if fm.endswith("\n") else fm


@dataclass(frozen=True)
class Source:
    """A source file split into its front matter tree and its body."""

    path: str  # as shown to people: relative to the repository, with '/'
    meta: Map
    body: str
    body_line: int  # the file line where the body starts
    # The lines between the `---` lines, as written, with their file line numbers.
    front_matter: tuple[tuple[int, str], ...] = ()

    @functools.cached_property
    def document(self) -> Document:
        """The body read as Markdown, once (when first asked)."""
        return markdown.parse(self.body, self.body_line)


def read_file(file: Path, shown: str, report: Report) -> Source | None:
    """Read `file` (shown as `shown` in messages); None when it cannot be used."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        report.error(shown, 0, "file-unreadable", reason=exc.strerror or str(exc))
        return None
    return read_bytes(data, shown, report)


def read_bytes(data: bytes, shown: str, report: Report) -> Source | None:
    """Check and split the bytes of a source file."""
    if len(data) > MAX_BYTES:
        report.error(shown, 1, "file-too-big", size=len(data) // 1024, limit=MAX_BYTES // 1024)
        return None
    text = _decode(data, shown, report)
    if text is None:
        return None
    return read_text(text, shown, report)


def _decode(data: bytes, shown: str, report: Report) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 BOM, as Windows Notepad saves it
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.error(shown, line, "not-utf8", byte=f"0x{data[exc.start]:02x}", offset=exc.start)
        return None
    if "\r" in text.replace("\r\n", ""):
        line = text[: text.replace("\r\n", "\n\n").find("\r")].count("\n") + 1
        report.error(shown, line, "bare-cr")
        return None
    return text.replace("\r\n", "\n")


def read_text(text: str, shown: str, report: Report) -> Source | None:
    """Split text into front matter and body, checking the framing line by line."""
    lines = text.split("\n")
    bad_chars = False
    for number, line in enumerate(lines, start=1):
        for match in _FORBIDDEN.finditer(line):
            char = match.group()
            report.error(
                shown,
                number,
                "forbidden-char",
                char=f"U+{ord(char):04X}",
                name=unicodedata.name(char, "control"),
            )
            bad_chars = True
    if bad_chars:
        return None
    if lines[0].rstrip() != "---":
        if any(line.strip() == "---" for line in lines[:5]) or lines[0].strip().startswith("---"):
            report.error(shown, 1, "fm-not-first-line")
        else:
            report.error(shown, 1, "fm-missing")
        return None
    try:
        fm, content = _HANDLER.split(text)
    except ValueError:  # no closing boundary line
        report.error(shown, 1, "fm-unclosed")
        return None
    closing = fm.count("\n")  # the 0-based line of the closing boundary
    if lines[closing].rstrip() == "...":
        report.error(shown, closing + 1, "fm-dots")
        return None
    block = lines[1:closing]
    heading = next((i for i, line in enumerate(block) if _is_heading(line)), None)
    if heading is not None:
        report.error(shown, 1, "fm-swallowed", closing=closing + 1, heading=heading + 2)
        return None
    if len(block) > MAX_FRONT_MATTER_LINES:
        report.error(shown, 1, "fm-too-long", count=len(block), limit=MAX_FRONT_MATTER_LINES)
        return None
    size = len(fm.encode("utf-8"))
    if size > MAX_FRONT_MATTER_BYTES:
        limit = MAX_FRONT_MATTER_BYTES // 1024
        report.error(shown, 1, "fm-too-big", size=-(-size // 1024), limit=limit)
        return None
    try:
        tree: Node | None = _HANDLER.load(fm)
    except yamlstrict.YamlProblem as problem:
        report.error(shown, problem.line, problem.code, **problem.args_)
        return None
    if tree is None:
        report.error(shown, 2, "fm-empty")
        return None
    if not isinstance(tree, Map):
        code = "fm-list" if isinstance(tree, yamlstrict.Seq) else "fm-scalar"
        report.error(shown, tree.line, code)
        return None
    body = content[1:] if content.startswith("\n") else content  # the closing line's end
    front_matter = tuple(enumerate(block, start=2))
    source = Source(shown, tree, body, closing + 2, front_matter)
    return source if _renderable(source, report) else None


def _renderable(source: Source, report: Report) -> bool:
    """False (with the reason) when the body would crash or stall the Markdown renderer."""
    document = source.document
    if document.too_deep_line:
        report.error(
            source.path, document.too_deep_line, "body-too-deep", limit=markdown.MAX_NESTING
        )
        return False
    if document.bracket_span > MAX_BRACKET_SPAN:
        report.error(source.path, document.bracket_line, "body-brackets")
        return False
    return True
