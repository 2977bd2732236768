"""One reading of a Markdown body: parsed once by markdown-it-py, mapped to file lines.

Every stage that needs to know what a heading, a link, some HTML or a code block is asks the
`Document` instead of scanning lines itself, so that a `# comment` inside a code fence is never
a heading, a link inside indented code is never a link, and an escaped `\\<b\\>` is never HTML.

The parser is CommonMark plus what the site's Python-Markdown extensions add and change the
structure of a page: tables, admonitions (`!!! note "Titre"`, `??? note`, `???+ note`, whose
indented content is a container and not indented code), footnotes and definition lists.
Parsing only builds tokens (never renders) and is linear in the size of the body.

Lines are file lines: `parse(body, first_line)` numbers the first line of the body
`first_line` (the reader's `body_line`).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.helpers import parseLinkDestination, parseLinkLabel
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from atelier.core.vocabulary import normalize

__all__ = [
    "Code",
    "Comment",
    "Document",
    "Heading",
    "Html",
    "Link",
    "Section",
    "TextRun",
    "parse",
    "plain_title",
]


@dataclass(frozen=True)
class Heading:
    """An ATX (`## Titre`) or setext (`Titre` over `----`) heading, as plain text."""

    level: int
    text: str
    line: int


@dataclass(frozen=True)
class Link:
    """A link or an image, wherever Markdown makes one (not in code, not escaped).

    `target` is the destination as written, without `<…>`, backslash escapes and entities
    resolved, not percent-encoded, never refused (a `javascript:` link is a link here, so that
    the checks can warn about it). For a reference-style link (`[texte][ref]`, `[ref]`) the
    target is the definition's (`Document.definitions` lists the definitions themselves).
    `line` is the line of the destination for an inline link or image (a link text may wrap
    onto several lines: the address is what a fix changes), of the link itself for a
    reference-style link or an autolink. `start` and `end`
    are the offsets in `Document.body` of the destination as written (`<…>` included; for a
    reference-style link, in its definition), or -1 when unknown (autolinks).
    """

    target: str
    text: str
    line: int
    kind: str  # "link" | "image" | "autolink"
    title: str | None = None
    reference: bool = False
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Html:
    """Raw HTML: a block (`block=True`, several lines possibly) or an inline tag."""

    html: str
    line: int  # the line where it starts
    block: bool


@dataclass(frozen=True)
class Comment:
    """The contents of an HTML comment `<!-- … -->`, stripped."""

    text: str
    line: int  # the line of `<!--`


@dataclass(frozen=True)
class Code:
    """A code block: fenced (`line` is the opening fence) or indented (`line` is its first)."""

    info: str  # the fence's info string ("" for indented code)
    content: str
    line: int
    fenced: bool


@dataclass(frozen=True)
class TextRun:
    """The text of one block, as a reader sees it.

    Inline markup is removed (emphasis marks, link syntax → link text, code spans → their
    text, inline HTML dropped); the original line breaks are kept, so the file line of
    character `i` is `line + text.count("\\n", 0, i)` (`line_at(i)`). `kind` is "heading",
    "paragraph" (paragraphs, list items, admonition titles, definition terms, footnotes…),
    "table" (one cell) or "code" (the content of a code block). `section` is the title of the
    enclosing level-2 section (None before the first `##`).
    """

    text: str
    line: int
    kind: str
    section: str | None

    def line_at(self, offset: int) -> int:
        """The file line of the character at `offset` in `text`."""
        return self.line + self.text.count("\n", 0, offset)


@dataclass(frozen=True)
class Section:
    """A heading and what follows it up to the next heading of the same or a higher level.

    `title` is None for the preamble (what precedes the first `##`). `line` is the heading's
    first line (the body's first line for the preamble), `end_line` the section's last line,
    `source` the Markdown of its content without the heading.
    """

    title: str | None
    level: int
    line: int
    end_line: int
    source: str


@functools.lru_cache(maxsize=4096)
def plain_title(text: str) -> str:
    """How headings are compared: lowercase, no accents, words only, ’ as '."""
    text = normalize(text.replace("’", "'"))
    return re.sub(r"[^a-z0-9']+", " ", text).strip()


@dataclass(frozen=True)
class Document:
    """A Markdown body read once; everything in body order (footnotes where they are written)."""

    body: str
    first_line: int
    headings: tuple[Heading, ...]
    sections: tuple[Section, ...]  # level-2 sections (and a preamble), in order
    links: tuple[Link, ...]
    html: tuple[Html, ...]
    comments: tuple[Comment, ...]
    code: tuple[Code, ...]
    runs: tuple[TextRun, ...]
    # Reference definitions `[label]: destination "title"`, used or not, duplicates included
    # (Python-Markdown keeps the last, CommonMark the first): `text` is the label as written.
    definitions: tuple[Link, ...] = ()
    # How hard the body is for a renderer: the deepest nesting of containers (quotes, list
    # items, admonitions, definitions, footnotes) plus inline markup (emphasis, links), and the
    # first line nested more than MAX_NESTING (0: none); the brackets' span (how far
    # Python-Markdown scans for every `[` and every `](`: `_bracket_span`) and the line of the
    # block that costs most.
    depth: int = 0
    too_deep_line: int = 0
    bracket_span: int = 0
    bracket_line: int = 0
    # Top-level headings, for `section`: (level, plain title, title, first line, lines taken).
    _outline: tuple[tuple[int, str, str, int, int], ...] = field(
        default=(), repr=False, compare=False
    )

    def section(self, title: str) -> Section | None:
        """The first section whose heading (any level, not nested) reads `title`.

        Titles are compared without case, accents, punctuation or extra spaces (« Mes doutes,
        mes questions » = « mes doutes mes questions »). The section runs to the next heading
        of the same or a higher level.
        """
        wanted = plain_title(title)
        for index, (level, plain, text, line, taken) in enumerate(self._outline):
            if plain != wanted:
                continue
            end = self.first_line + _last_line(self.body)
            for other_level, _, _, other_line, _ in self._outline[index + 1 :]:
                if other_level <= level:
                    end = other_line - 1
                    break
            return Section(text, level, line, end, self._source(line + taken, end))
        return None

    def _source(self, start: int, end: int) -> str:
        """The body's lines from `start` to `end` (file lines, inclusive)."""
        lines = self.body.split("\n")
        return "\n".join(lines[start - self.first_line : end - self.first_line + 1])


class _Parser(MarkdownIt):
    """markdown-it that keeps destinations as written and refuses none (we never render)."""

    def normalizeLink(self, url: str) -> str:
        return url

    def validateLink(self, url: str) -> bool:
        return True


_InlineRule = Callable[[StateInline, bool], bool]


def _located(rule: _InlineRule, types: frozenset[str]) -> _InlineRule:
    """Wrap an inline rule so that its token records where it starts in the inline source."""

    def located(state: StateInline, silent: bool) -> bool:
        start = state.pos
        count = len(state.tokens)
        found = rule(state, silent)
        if found and not silent:
            for token in state.tokens[count:]:
                if token.type in types and "pos" not in token.meta:
                    token.meta["pos"] = start
                    token.meta["end"] = state.pos
                    break
        return found

    return located


def _link_rule(rule: _InlineRule, kind: str) -> _InlineRule:
    """Wrap the link or image rule: its token also records where it and its destination are."""
    image = kind == "image"

    def link(state: StateInline, silent: bool) -> bool:
        start = state.pos
        count = len(state.tokens)
        found = rule(state, silent)
        if not found or silent:
            return found
        token = next((t for t in state.tokens[count:] if t.type == kind), None)
        if token is None:
            return found
        token.meta["pos"] = start
        if "label" in token.meta:  # reference-style: its definition tells where the target is
            return found
        end, stop = state.pos, state.posMax
        state.pos = start
        label_end = parseLinkLabel(state, start + image, not image)
        state.pos = end
        at = label_end + 2
        if label_end < 0 or state.src[label_end + 1 : at] != "(":
            return found
        while at < stop and state.src[at] in " \t\n":
            at += 1
        destination = parseLinkDestination(state.src, at, stop)
        if destination.ok:
            token.meta["dest"] = (at, destination.pos)
        return found

    return link


# Python-Markdown, which renders the site, recurses once per level and slows down with depth
# (a list 3,000 deep exhausts Python's stack): the reader refuses a body nested deeper.
MAX_NESTING = 12
# Deeper than MAX_NESTING, so that too deep a body is seen as such, and bounded so that parsing
# stays linear: markdown-it stops nesting there.
MAX_PARSED_NESTING = 64
# The block tokens that nest content (each list item, not its list, counts).
_CONTAINERS = frozenset(
    {"blockquote_open", "list_item_open", "admonition_open", "dd_open", "footnote_open"}
)


def _make_parser() -> MarkdownIt:
    md = _Parser(
        "commonmark",
        {"store_labels": True, "inline_definitions": True, "maxNesting": MAX_PARSED_NESTING},
    )
    md.enable("table")
    md.use(admon_plugin).use(deflist_plugin)
    md.use(footnote_plugin, inline=False, move_to_end=False)
    located = {
        "autolink": frozenset({"link_open"}),
        "html_inline": frozenset({"html_inline"}),
        "backticks": frozenset({"code_inline"}),
    }
    rules = {rule.name: rule.fn for rule in md.inline.ruler.__rules__}
    for name, types in located.items():
        md.inline.ruler.at(name, _located(rules[name], types))
    md.inline.ruler.at("link", _link_rule(rules["link"], "link_open"))
    md.inline.ruler.at("image", _link_rule(rules["image"], "image"))
    return md


_MD = _make_parser()
# What the token before an inline says about its text.
_KINDS = {"heading_open": "heading", "th_open": "table", "td_open": "table"}


def parse(body: str, first_line: int = 1) -> Document:
    """Read `body` (whose first line is file line `first_line`) once."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    return _Reader(body, first_line).read()


class _Reader:
    """One walk over the token stream of one body."""

    def __init__(self, body: str, first_line: int) -> None:
        self.body = body
        self.first = first_line
        self.lines = body.split("\n")
        self.starts = [0]  # body offset of every line
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.headings: list[Heading] = []
        self.links: list[Link] = []
        self.html: list[Html] = []
        self.comments: list[Comment] = []
        self.code: list[Code] = []
        self.runs: list[tuple[str, int, str]] = []  # text, body line, kind
        self.outline: list[tuple[int, str, str, int, int]] = []
        self.definitions: dict[str, tuple[int, int]] = {}  # label → destination span
        self.written: list[Link] = []  # every reference definition
        self.depth = 0  # the deepest nesting
        self.too_deep_line = 0
        self.bracket_span = 0
        self.worst_brackets = (0, 0)  # the span of the block that costs most, and its line

    def read(self) -> Document:
        env: dict[str, Any] = {}
        tokens = _MD.parse(self.body, env)
        for token in tokens:
            if token.type == "definition":
                self._definition(token)
        admonition: Token | None = None  # the admonition whose title comes next
        depth = 0  # open containers
        for index, token in enumerate(tokens):
            kind_of = token.type
            if kind_of in _CONTAINERS:
                depth += 1
                self._deeper(depth, token)
            elif token.nesting == -1 and kind_of.replace("_close", "_open") in _CONTAINERS:
                depth -= 1
            if kind_of == "inline":
                inline_depth = max((child.level for child in token.children or []), default=0)
                self._deeper(depth + inline_depth, token)
                self._brackets(token)
                self._inline(token, tokens[index - 1], admonition)
            elif kind_of == "admonition_open":
                admonition = token
            elif kind_of in ("fence", "code_block"):
                self._code(token)
            elif kind_of == "html_block":
                self._html_block(token)
        return self._document()

    def _deeper(self, depth: int, token: Token) -> None:
        self.depth = max(self.depth, depth)
        if depth > MAX_NESTING and not self.too_deep_line:
            self.too_deep_line = self.first + self._line(token)

    def _brackets(self, token: Token) -> None:
        span = _bracket_span(token.content)
        self.bracket_span += span
        if span > self.worst_brackets[0]:
            self.worst_brackets = (span, self.first + self._line(token))

    # -- blocks -----------------------------------------------------------------------------

    def _line(self, token: Token) -> int:
        return token.map[0] if token.map else 0

    def _code(self, token: Token) -> None:
        fenced = token.type == "fence"
        line = self._line(token)
        self.code.append(Code(token.info.strip(), token.content, self.first + line, fenced))
        self.runs.append((token.content, line + 1 if fenced else line, "code"))

    def _html_block(self, token: Token) -> None:
        line = self._line(token)
        content = token.content
        rest = self._comments(content, line)
        if rest.strip():
            self.html.append(Html(content.rstrip("\n"), self.first + line, True))

    def _comments(self, html: str, line: int) -> str:
        """Record the comments in `html` (starting on body line `line`); the rest, for show."""
        kept: list[str] = []
        done = 0
        comment_line = line
        while (start := html.find("<!--", done)) >= 0:
            end = html.find("-->", start + 4)
            stop = len(html) if end < 0 else end
            comment_line += html.count("\n", done, start)
            self.comments.append(Comment(html[start + 4 : stop].strip(), self.first + comment_line))
            kept.append(html[done:start])
            done = len(html) if end < 0 else end + 3
            comment_line += html.count("\n", start, done)
        if not kept:
            return html
        kept.append(html[done:])
        return "".join(kept)

    def _definition(self, token: Token) -> None:
        """A reference definition, and where its destination is written."""
        if not token.map:
            return
        label = normalizeReference(str(token.meta.get("label", "")))
        url = str(token.meta.get("url", ""))
        title = str(token.meta.get("title") or "") or None
        start, end = self._definition_span(token.map, url)
        line = self.first + token.map[0]
        if start >= 0:  # the destination may be on the line after the label
            line += self.body.count("\n", self.starts[token.map[0]], start)
        self.written.append(
            Link(url, str(token.meta.get("label", "")), line, "link", title, True, start, end)
        )
        if label not in self.definitions:
            self.definitions[label] = (start, end)

    def _definition_span(self, lines: list[int], url: str) -> tuple[int, int]:
        start = self.starts[lines[0]]
        stop = self.starts[lines[1]] - 1 if lines[1] < len(self.starts) else len(self.body)
        pos = self.body.find("[", start, stop)
        while 0 <= pos < stop and self.body[pos] != "]":
            pos += 2 if self.body[pos] == "\\" else 1
        if pos < 0 or pos + 1 >= stop or self.body[pos + 1] != ":":
            return -1, -1
        pos += 2
        while pos < stop and self.body[pos] in " \t\n":
            pos += 1
        found = parseLinkDestination(self.body, pos, stop)
        if not found.ok or found.str != url:
            return -1, -1
        return pos, found.pos

    # -- inline -----------------------------------------------------------------------------

    def _inline(self, token: Token, opener: Token, admonition: Token | None) -> None:
        line = self._line(token)
        if opener.type == "admonition_title_open":
            if admonition is None or '"' not in admonition.info:
                return  # no title written: the admonition plugin made one up from the type
            line = self._line(opener)
        kind = _KINDS.get(opener.type, "paragraph")
        parts: list[str] = []
        self._flatten(_Inline(token.content, line), token.children or [], parts, links=True)
        text = "".join(parts)
        if kind == "heading":
            level = int(opener.tag[1:])
            title = " ".join(text.split())
            self.headings.append(Heading(level, title, self.first + line))
            if opener.level == 0 and opener.map:
                taken = opener.map[1] - opener.map[0]
                self.outline.append((level, plain_title(title), title, line, taken))
        self.runs.append((text, line, kind))

    def _flatten(
        self, inline: _Inline, children: list[Token], parts: list[str], *, links: bool
    ) -> None:
        for index, child in enumerate(children):
            kind = child.type
            if kind in ("text", "text_special"):
                parts.append(child.content)
            elif kind in ("softbreak", "hardbreak"):
                parts.append("\n")
            elif kind == "code_inline":
                parts.append(_code_span(child, inline.source))
            elif kind == "html_inline":
                here = inline.line_of(child.meta.get("pos", 0))
                if child.content.startswith("<!--"):
                    self._comments(child.content, here)
                else:
                    self.html.append(Html(child.content, self.first + here, False))
                parts.append("\n" * child.content.count("\n"))
            elif kind == "link_open" and links:
                self._link(inline, child, _plain(_until_close(children, index + 1)))
            elif kind == "image":
                if links:
                    self._link(inline, child, _plain(child.children or []))
                self._flatten(inline, child.children or [], parts, links=False)

    def _link(self, inline: _Inline, token: Token, text: str) -> None:
        where = token.meta["dest"][0] if "dest" in token.meta else token.meta.get("pos", 0)
        here = self.first + inline.line_of(where)
        if token.type == "image":
            kind = "image"
        else:
            kind = "autolink" if token.markup == "autolink" else "link"
        reference = "label" in token.meta
        start = end = -1
        if reference:
            start, end = self.definitions.get(normalizeReference(token.meta["label"]), (-1, -1))
        elif "dest" in token.meta:
            start, end = self._destination(inline, token.meta["dest"])
        title = token.attrs.get("title")
        self.links.append(
            Link(
                str(token.attrs.get("src" if kind == "image" else "href", "")),
                text,
                here,
                kind,
                str(title) if title is not None else None,
                reference,
                start,
                end,
            )
        )

    def _destination(self, inline: _Inline, span: tuple[int, int]) -> tuple[int, int]:
        """Body offsets of an inline link's destination, from its offsets in the inline.

        Each line of an inline's source is its source line without what precedes the text
        (indentation, `>`, list markers, `|`), so the line is found in the body line; the
        result is checked, and -1 given when it cannot be told (e.g. tabs made spaces).
        """
        row = inline.row_of(span[0])
        if row not in inline.bases:
            inline.bases[row] = self._base(inline, row)
        base = inline.bases[row]
        if base < 0:
            return -1, -1
        start = base + span[0] - inline.row_span(row)[0]
        end = start + span[1] - span[0]
        if self.body[start:end] != inline.source[span[0] : span[1]]:
            return -1, -1
        return start, end

    def _base(self, inline: _Inline, row: int) -> int:
        """The body offset where line `row` of an inline's source starts, -1 if unknown."""
        number = inline.line + row
        if number >= len(self.lines):
            return -1
        row_start, row_end = inline.row_span(row)
        written = inline.source[row_start:row_end]
        stripped = written.lstrip()
        column = self.lines[number].find(stripped) if stripped else -1
        if column < 0:
            return -1
        return self.starts[number] + column - len(written) + len(stripped)

    # -- the result -------------------------------------------------------------------------

    def _document(self) -> Document:
        first = self.first
        last = _last_line(self.body)
        boundaries = [entry for entry in self.outline if entry[0] <= 2]
        sections: list[Section] = []
        starts = [entry[3] for entry in boundaries]
        second = next((entry[3] for entry in boundaries if entry[0] == 2), None)
        if self.body.strip() and (second is None or self._has_text(0, second - 1)):
            end = last if second is None else second - 1
            sections.append(Section(None, 0, first, first + end, self._lines(0, end)))
        for index, (level, _, title, line, taken) in enumerate(boundaries):
            if level != 2:
                continue
            end = boundaries[index + 1][3] - 1 if index + 1 < len(boundaries) else last
            end = max(end, line + taken - 1)
            sections.append(
                Section(title, 2, first + line, first + end, self._lines(line + taken, end))
            )
        runs = []
        for text, line, kind in self.runs:
            at = bisect.bisect_right(starts, line) - 1
            section = boundaries[at][2] if at >= 0 and boundaries[at][0] == 2 else None
            runs.append(TextRun(text, first + line, kind, section))
        outline = tuple(
            (lv, plain, text, first + ln, tk) for lv, plain, text, ln, tk in self.outline
        )
        return Document(
            body=self.body,
            first_line=first,
            headings=tuple(self.headings),
            sections=tuple(sections),
            links=tuple(self.links),
            html=tuple(self.html),
            comments=tuple(self.comments),
            code=tuple(self.code),
            runs=tuple(runs),
            definitions=tuple(self.written),
            depth=self.depth,
            too_deep_line=self.too_deep_line,
            bracket_span=self.bracket_span,
            bracket_line=self.worst_brackets[1],
            _outline=outline,
        )

    def _has_text(self, start: int, end: int) -> bool:
        return any(line.strip() for line in self.lines[start : end + 1])

    def _lines(self, start: int, end: int) -> str:
        return "\n".join(self.lines[start : end + 1])


def _last_line(body: str) -> int:
    """The body line (0 first) of the last line, not counting the end of the final newline."""
    return max(0, body.count("\n") - body.endswith("\n"))


class _Inline:
    """The source of one inline token and where its lines are (computed when first asked)."""

    def __init__(self, source: str, line: int) -> None:
        self.source = source
        self.line = line  # body line of the source's first line
        self._breaks: list[int] | None = None
        self.bases: dict[int, int] = {}  # body offset of a row's start, by row

    def breaks(self) -> list[int]:
        if self._breaks is None:
            self._breaks = [i for i, char in enumerate(self.source) if char == "\n"]
        return self._breaks

    def row_of(self, pos: int) -> int:
        """The line (0 first) of the source where `pos` is."""
        if "\n" not in self.source:
            return 0
        return bisect.bisect_left(self.breaks(), pos)

    def line_of(self, pos: int) -> int:
        """The body line of the character at `pos`."""
        return self.line + self.row_of(pos)

    def row_span(self, row: int) -> tuple[int, int]:
        breaks = self.breaks() if "\n" in self.source else []
        start = breaks[row - 1] + 1 if row else 0
        end = breaks[row] if row < len(breaks) else len(self.source)
        return start, end


def _code_span(token: Token, source: str) -> str:
    """A code span's text with its original line breaks (markdown-it makes them spaces)."""
    if "end" not in token.meta:
        return token.content
    raw = source[token.meta["pos"] : token.meta["end"]]
    if "\n" not in raw:
        return token.content
    ticks = len(token.markup)
    inner = raw[ticks:-ticks]
    if len(inner) > 2 and inner[0] in " \n" and inner[-1] in " \n" and inner.strip():
        inner = inner[1:-1]
    return inner


def _bracket_span(text: str) -> int:
    """How far Python-Markdown scans for the brackets of one block of text (linear).

    For each `[` it looks for the matching `]`, and for each `](` for the matching `)`, up to
    the end of the block: the sum of these distances is its cost (quadratic in the number of
    brackets left open). A backslash escapes the next character.
    """
    span = 0
    squares: list[int] = []
    rounds: list[int] = []
    end = len(text)
    for match in _BRACKET_OR_ESCAPE.finditer(text):  # the rest of the text costs nothing
        index = match.start()
        char = text[index]
        if char == "[":
            squares.append(index)
        elif char == "]" and squares:
            span += index - squares.pop()
        elif char == "(" and (rounds or (index and text[index - 1] == "]")):
            rounds.append(index)
        elif char == ")" and rounds:
            span += index - rounds.pop()
    return span + sum(end - start for start in squares) + sum(end - start for start in rounds)


# What _bracket_span looks at: a bracket, or a backslash with the character it escapes.
_BRACKET_OR_ESCAPE = re.compile(r"\\[\s\S]|[\[\]()]")


def _until_close(children: list[Token], start: int) -> Iterator[Token]:
    """The tokens from `start` up to the link_close that ends the link opened before it."""
    for index in range(start, len(children)):  # not a slice: no copy per link
        if children[index].type == "link_close":
            return
        yield children[index]


def _plain(children: Iterator[Token] | list[Token]) -> str:
    """The plain text of some inline tokens, on one line."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_plain(child.children or []))
    return " ".join("".join(parts).split())
