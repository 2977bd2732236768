"""Links between sheets: by id (`[texte](id:autre-fiche)`) or by file (`[texte](autre.md)`).

`scan` finds the links in one sheet's body and reports those to no known sheet, `rewrite` turns
every link to a known sheet into the address of its generated page (`practices/<id>.md`, so
`<id>.md` from another sheet's page), and `backlinks` inverts links and `related` for the
"cited by" list.

The body is read as Markdown would read it, cheaply: fenced code blocks are skipped, and the rest
is cut into blocks at blank lines, so that a link whose text wraps onto the next line is still
found. In each block, backslash escapes and inline code spans are masked (replaced by as many
NUL characters, which the reader never lets into a body) before two regexes look for inline links
and reference definitions: positions in the masked text are positions in the body.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import unquote

from atelier.core.diagnostics import Report
from atelier.core.model import Sheet


@dataclass(frozen=True)
class Link:
    """One link from a sheet's body to another sheet."""

    source: str  # id of the linking sheet
    target: str  # id of the linked sheet
    line: int  # file line of the link


# A fence: three or more backticks or tildes, indented (lists, admonitions) or quoted (>).
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})(.*)$")
# What Markdown reads literally: a backslash escape, or a code span (a run of n backticks up to
# the next run of exactly n). Tried left to right, so an escaped backtick opens no span and a
# backslash inside a span stays literal, as in CommonMark.
_LITERAL = re.compile(r"\\[!-/:-@\[-`{-~]|(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_TITLE = r"""(?:"[^"]*"|'[^']*'|\([^()]*\))"""
# [text](destination "title"): the text may hold one level of brackets (an image in a link),
# the destination is <…> or a run without spaces whose parentheses are balanced.
_INLINE = re.compile(
    r"(?P<bang>!?)\[(?:[^\[\]]|\[[^\[\]]*\])*\]"
    r"\(\s*(?P<dest><[^<>\n]*>|[^\s()<>]*(?:\([^\s()<>]*\)[^\s()<>]*)*)"
    rf"(?:\s+{_TITLE})?\s*\)"
)
# [label]: destination "title", alone on its line; [^label]: is a footnote, not a link.
_DEFINITION = re.compile(
    r"^ {0,3}\[(?!\^)[^\[\]\n]+\]:[ \t]*(?P<dest><[^<>\n]*>|[^\s<>]\S*)"
    rf"(?:[ \t]+{_TITLE})?[ \t]*$",
    re.MULTILINE,
)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# File names under practices/ that are pages but not sheets: the listing (see
# knowledge.RESERVED_IDS, not imported: knowledge will import this module).
_NOT_SHEETS = frozenset({"index"})
# As close as `knowledge` asks a misspelt `related` id to be before suggesting.
_CUTOFF = 0.6


@dataclass(frozen=True)
class _Destination:
    start: int  # body offsets of the destination as written, <…> included
    end: int
    url: str  # the destination, without <…> and backslash escapes
    line: int  # body line (0 is the first line of the body)


@dataclass(frozen=True)
class _Target:
    kind: str  # "id" or "file"
    id: str  # the id named by the link (for a file link: the file's stem)
    anchor: str  # "#…", or "" when there is none
    path: str  # for a file link, the repository path it resolves to
    known: bool


def scan(sheet: Sheet, sheet_paths: Mapping[str, str], report: Report) -> list[Link]:
    """Links from one sheet's body to other sheets.

    `sheet_paths` maps every known sheet id (published, draft or unreadable) to its repository
    path (e.g. 'practices/sub/a.md'). Unknown targets are errors in `report` naming the sheet's
    file and line, with a 'did you mean' suggestion (difflib) when one is close: an `id:` link
    to an unknown id, or a file link that resolves inside the practices folder to no known
    sheet. A link to itself is fine (ignored). Links are returned in the order of the body, one
    per occurrence.
    """
    base, root = _folders(sheet)
    links: list[Link] = []
    for dest in _destinations(sheet.body):
        target = _target(dest.url, base, root, sheet_paths)
        if target is None:
            continue
        line = sheet.body_line + dest.line
        if not target.known:
            _report_unknown(report, sheet, line, dest.url, target, base, sheet_paths)
        elif target.id != sheet.id:
            links.append(Link(sheet.id, target.id, line))
    return links


def rewrite(body: str, sheet: Sheet, sheet_paths: Mapping[str, str]) -> str:
    """The body with every link to a known sheet rewritten to '<id>.md' (+ '#anchor' kept).

    That is the address MkDocs resolves for a generated page at practices/<id>.md. Nothing
    else changes (code blocks and spans untouched, unknown links left as they are). `body` is
    the text to rewrite (usually `sheet.body`); `sheet` tells where relative links start from.
    """
    base, root = _folders(sheet)
    parts: list[str] = []
    done = 0
    for dest in _destinations(body):
        target = _target(dest.url, base, root, sheet_paths)
        if target is None or not target.known:
            continue
        parts += [body[done : dest.start], f"{target.id}.md{target.anchor}"]
        done = dest.end
    if not parts:
        return body
    parts.append(body[done:])
    return "".join(parts)


def backlinks(sheets: Iterable[Sheet], links: Iterable[Link]) -> dict[str, list[str]]:
    """For every sheet id, the ids of the sheets that cite it, without duplicates or itself.

    A sheet cites another by `related` or by a link in the body. Lists are sorted by id, keys
    too. Only the given sheets count, as keys and as citers: pass the published sheets and the
    links from them, and no draft shows up as citing a published sheet.
    """
    sheets = list(sheets)
    cited_by: dict[str, set[str]] = {sheet.id: set() for sheet in sheets}
    for sheet in sheets:
        for target in sheet.related:
            if target != sheet.id and target in cited_by:
                cited_by[target].add(sheet.id)
    for link in links:
        if link.source != link.target and link.source in cited_by and link.target in cited_by:
            cited_by[link.target].add(link.source)
    return {sheet_id: sorted(cited_by[sheet_id]) for sheet_id in sorted(cited_by)}


def _folders(sheet: Sheet) -> tuple[str, str]:
    """The folder relative links start from, and the practices folder (first component)."""
    return posixpath.dirname(sheet.path), sheet.path.split("/", 1)[0]


def _target(url: str, base: str, root: str, sheet_paths: Mapping[str, str]) -> _Target | None:
    """What a destination points to, or None when it is not a link to a sheet."""
    path, _, fragment = url.partition("#")
    anchor = f"#{fragment}" if fragment else ""
    scheme = _SCHEME.match(path)
    if scheme:
        if scheme.group(1).lower() != "id":  # http:, mailto:… are someone else's business
            return None
        sheet_id = path[scheme.end() :]
        return _Target("id", sheet_id, anchor, "", sheet_id in sheet_paths)
    # Only relative links to a .md file can be sheet links: '#anchor', '/absolute', '//host',
    # images and folders are not; MkDocs itself leaves absolute links alone.
    if not path.endswith(".md") or path.startswith("/"):
        return None
    resolved = posixpath.normpath(posixpath.join(base, unquote(path)))
    if not resolved.startswith(root + "/"):
        return None  # another part of the site (docs/, communities/): not a sheet
    sheet_id = posixpath.basename(resolved)[: -len(".md")]
    if sheet_id in _NOT_SHEETS and posixpath.dirname(resolved) == root:
        return None
    # The id of a sheet is its file stem, so one look-up tells a known path from an unknown.
    return _Target("file", sheet_id, anchor, resolved, sheet_paths.get(sheet_id) == resolved)


def _report_unknown(
    report: Report,
    sheet: Sheet,
    line: int,
    url: str,
    target: _Target,
    base: str,
    sheet_paths: Mapping[str, str],
) -> None:
    close = _closest(target.id, sheet_paths)
    if target.kind == "id":
        if close is None:
            report.error(sheet.path, line, "link-unknown-id-nosuggest", value=url)
        else:
            suggestion = f"id:{close}{target.anchor}"
            report.error(sheet.path, line, "link-unknown-id", value=url, suggestion=suggestion)
    elif close is None:
        report.error(sheet.path, line, "link-unknown-file-nosuggest", value=url, path=target.path)
    else:
        # The fix the contributor can paste: the path from this sheet's folder to the sheet.
        suggestion = posixpath.relpath(sheet_paths[close], base) + target.anchor
        report.error(
            sheet.path,
            line,
            "link-unknown-file",
            value=url,
            path=target.path,
            suggestion=suggestion,
        )


def _closest(name: str, sheet_paths: Mapping[str, str]) -> str | None:
    """The known id closest to `name`, if any is close enough."""
    if name.lower() in sheet_paths:  # the same id in capitals, or a file in another folder
        return name.lower()
    # Only reached for a broken link, so listing every id here costs nothing on a good build.
    close = difflib.get_close_matches(name, list(sheet_paths), n=1, cutoff=_CUTOFF)
    return close[0] if close else None


def _destinations(body: str) -> Iterator[_Destination]:
    """Every link destination of the body outside code, images excluded, in order."""
    if "](" not in body and "]:" not in body:  # most sheets link nowhere: stop early
        return
    for offset, first_line, text in _blocks(body):
        if "](" not in text and "]:" not in text:
            continue
        masked = _mask(text)
        found = [m for m in _INLINE.finditer(masked) if not m.group("bang")]
        found += _DEFINITION.finditer(masked)
        found.sort(key=lambda m: m.start("dest"))
        for match in found:
            start, end = match.span("dest")
            url = text[start:end]
            if url.startswith("<"):
                url = url[1:-1]
            if "\\" in url:
                url = _ESCAPE.sub(r"\1", url)
            line = first_line + text.count("\n", 0, start)
            yield _Destination(offset + start, offset + end, url, line)


def _mask(text: str) -> str:
    """`text` with escapes and code spans blanked out, same length."""
    if "`" not in text and "\\" not in text:
        return text
    return _LITERAL.sub(lambda m: "\0" * len(m.group()), text)


def _blocks(body: str) -> Iterator[tuple[int, int, str]]:
    """Runs of lines outside fenced code, cut at blank lines: (body offset, body line, text).

    A link may wrap onto the next line of its paragraph but never crosses a blank line.
    """
    fence_char, fence_length = "", 0  # the open fence; length 0 when outside code
    start, start_line = -1, 0  # the current block; start -1 when none
    offset = 0
    for index, line in enumerate(body.split("\n")):
        if fence_length:
            # Only a fence of the same character, at least as long, with nothing after, closes.
            if fence_char * 3 in line:
                closing = _fence(line)
                if (
                    closing
                    and closing[0] == fence_char
                    and closing[1] >= fence_length
                    and not closing[2].strip()
                ):
                    fence_length = 0
        else:
            opening = _fence(line) if "```" in line or "~~~" in line else None
            if opening or not line.strip():
                if start >= 0:
                    yield start, start_line, body[start : offset - 1]
                    start = -1
                if opening:
                    fence_char, fence_length = opening[0], opening[1]
            elif start < 0:
                start, start_line = offset, index
        offset += len(line) + 1
    if start >= 0:
        yield start, start_line, body[start:]


def _fence(line: str) -> tuple[str, int, str] | None:
    """(character, length, info string) when `line` is a code fence."""
    match = _FENCE.match(line)
    if match is None:
        return None
    run, info = match.group(1), match.group(2)
    if run[0] == "`" and "`" in info:  # ```a``` on one line is a code span, not a fence
        return None
    return run[0], len(run), info
