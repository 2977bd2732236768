"""Read one source file: bytes → checked text → front matter tree + Markdown body.

This is the single reader shared by the plugin, the CLI and the tests. It never raises on bad
input: every problem becomes a located `Diagnostic`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from atelier.core import yamlstrict
from atelier.core.diagnostics import Report
from atelier.core.yamlstrict import Map

MAX_BYTES = 512 * 1024
MAX_FRONT_MATTER_LINES = 200

# Characters that hide or reorder text (Trojan Source) or break tools; tab and newline are fine.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)
_HEADING = re.compile(r"^#{2,6}\s")


@dataclass(frozen=True)
class Source:
    """A source file split into its front matter tree and its body."""

    path: str  # as shown to people: relative to the repository, with '/'
    meta: Map
    body: str
    body_line: int  # the file line where the body starts


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
    closing = next(
        (i for i, line in enumerate(lines[1:], start=1) if line.rstrip() in ("---", "...")), None
    )
    if closing is None:
        report.error(shown, 1, "fm-unclosed")
        return None
    if lines[closing].rstrip() == "...":
        report.error(shown, closing + 1, "fm-dots")
        return None
    block = lines[1:closing]
    heading = next((i for i, line in enumerate(block) if _HEADING.match(line)), None)
    if heading is not None:
        report.error(shown, 1, "fm-swallowed", closing=closing + 1, heading=heading + 2)
        return None
    if len(block) > MAX_FRONT_MATTER_LINES:
        report.error(shown, 1, "fm-too-long", count=len(block), limit=MAX_FRONT_MATTER_LINES)
        return None
    try:
        tree = yamlstrict.parse("\n".join(block), first_line=2)
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
    body = "\n".join(lines[closing + 1 :])
    return Source(shown, tree, body, closing + 2)
