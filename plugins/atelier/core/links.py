"""Links between sheets: by id (`[texte](id:autre-fiche)`) or by file (`[texte](autre.md)`).

`scan` finds the links in one sheet's body and reports those to no known sheet, `rewrite` turns
every link to a known sheet into the address of its generated page (`practices/<id>.md`, so
`<id>.md` from another sheet's page), and `backlinks` inverts links and `related` for the
"cited by" list.

The links are those of the sheet's `document` (the body read once as Markdown): inline links
and reference definitions (used or not), never images, autolinks, code or escaped brackets. A
link is reported on the line of its address; `rewrite` replaces the address where it is written.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import unquote

from atelier.core.diagnostics import Report
from atelier.core.document import Document, parse
from atelier.core.model import Sheet, Workshop


@dataclass(frozen=True)
class Link:
    """One link from a sheet's body to another sheet."""

    source: str  # id of the linking sheet
    target: str  # id of the linked sheet
    line: int  # file line of the link


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# File names under practices/ that are pages but not sheets: the listing (see
# knowledge.RESERVED_IDS, not imported: knowledge will import this module).
_NOT_SHEETS = frozenset({"index"})
# As close as `knowledge` asks a misspelt `related` id to be before suggesting.
_CUTOFF = 0.6


@dataclass(frozen=True)
class _Destination:
    start: int  # body offsets of the destination as written, <…> included (-1: unknown)
    end: int
    url: str  # the destination, without <…> and backslash escapes
    line: int  # file line of the destination


@dataclass(frozen=True)
class _Target:
    kind: str  # "id" or "file"
    id: str  # the id named by the link (for a file link: the file's stem)
    anchor: str  # "#…", or "" when there is none
    path: str  # for a file link, the repository path it resolves to
    known: bool
    renamed: str = ""  # the old id (`aliases`) the link names, when it names one


def scan(
    sheet: Sheet,
    sheet_paths: Mapping[str, str],
    report: Report,
    aliases: Mapping[str, str] | None = None,
) -> list[Link]:
    """Links from one sheet's body to other sheets.

    `sheet_paths` maps every known sheet id (published, draft or unreadable) to its repository
    path (e.g. 'practices/sub/a.md'). Unknown targets are errors in `report` naming the sheet's
    file and line, with a 'did you mean' suggestion (difflib) when one is close: an `id:` link
    to an unknown id, or a file link that resolves inside the practices folder to no known
    sheet. A link to itself is fine (ignored). Links are returned in the order of the body, one
    per occurrence. `aliases` (old id → current id, `core/aliases.py`) lets a link name a
    renamed sheet by an old id, or by its old file name: a warning gives the current one.
    """
    base, root = _folders(sheet)
    links: list[Link] = []
    for dest in _destinations(sheet.document):
        target = _target(dest.url, base, root, sheet_paths, aliases)
        if target is None:
            continue
        line = dest.line
        if not target.known:
            _report_unknown(report, sheet, line, dest.url, target, base, sheet_paths)
            continue
        if target.renamed:
            if target.kind == "id":
                suggestion = f"id:{target.id}{target.anchor}"
            else:
                suggestion = posixpath.relpath(sheet_paths[target.id], base) + target.anchor
            report.warning(
                sheet.path, line, "alias-used", value=dest.url, target=target.id,
                suggestion=suggestion,
            )  # fmt: skip
        if target.id != sheet.id:
            links.append(Link(sheet.id, target.id, line))
    return links


def rewrite(
    body: str,
    sheet: Sheet | Workshop,
    sheet_paths: Mapping[str, str],
    prefix: str = "",
    aliases: Mapping[str, str] | None = None,
) -> str:
    """The body with every link to a known sheet rewritten to '<id>.md' (+ '#anchor' kept).

    That is the address MkDocs resolves for a generated page at practices/<id>.md. Nothing
    else changes (code blocks and spans untouched, unknown links left as they are). `body` is
    the text to rewrite (usually `sheet.body`); `sheet` tells where relative links start from.
    A workshop's page (workshops/<id>.md) reaches the sheets with `prefix` '../practices/'.
    A link by an old id (`aliases`: old id → current id) goes to the current page.
    """
    base, root = _folders(sheet)
    if "](" not in body and "]:" not in body:  # most sheets link nowhere: no need to read
        return body
    document = sheet.document if body == sheet.document.body else parse(body)
    parts: list[str] = []
    done = 0
    for dest in _destinations(document):
        target = _target(dest.url, base, root, sheet_paths, aliases)
        if target is None or not target.known or dest.start < done:
            continue
        parts += [body[done : dest.start], f"{prefix}{target.id}.md{target.anchor}"]
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


def _folders(sheet: Sheet | Workshop) -> tuple[str, str]:
    """The folder relative links start from, and the practices folder (first component)."""
    return posixpath.dirname(sheet.path), sheet.path.split("/", 1)[0]


def _target(
    url: str,
    base: str,
    root: str,
    sheet_paths: Mapping[str, str],
    aliases: Mapping[str, str] | None = None,
) -> _Target | None:
    """What a destination points to, or None when it is not a link to a sheet.

    A link to an old id (a key of `aliases`) or to the old file of a renamed sheet points to
    the sheet's current id, with `renamed` telling the old one.
    """
    path, _, fragment = url.partition("#")
    anchor = f"#{fragment}" if fragment else ""
    scheme = _SCHEME.match(path)
    if scheme:
        if scheme.group(1).lower() != "id":  # http:, mailto:… are someone else's business
            return None
        sheet_id = path[scheme.end() :]
        if aliases and sheet_id not in sheet_paths and sheet_id in aliases:
            current = aliases[sheet_id]
            return _Target("id", current, anchor, "", current in sheet_paths, sheet_id)
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
    known = sheet_paths.get(sheet_id) == resolved
    if aliases and not known and sheet_id not in sheet_paths and sheet_id in aliases:
        current = aliases[sheet_id]  # the old file of a renamed sheet, wherever it was
        return _Target("file", current, anchor, resolved, current in sheet_paths, sheet_id)
    return _Target("file", sheet_id, anchor, resolved, known)


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


def _destinations(document: Document) -> Iterator[_Destination]:
    """Every link destination of the body outside code, images excluded, in body order."""
    found = [
        _Destination(link.start, link.end, link.target, link.line)
        for link in document.links
        if link.kind == "link" and not link.reference
    ]
    found += (
        _Destination(link.start, link.end, link.target, link.line) for link in document.definitions
    )
    found.sort(key=lambda dest: (dest.line, dest.start))
    yield from found
