"""Contributor HTML: what the allowlist keeps (nh3), and what `atelier check` warns about.

The rendered body of every sheet and community page goes through `sanitize`; `scan_body`
tells the author beforehand, line by line, what will be dropped.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3

from atelier.core.diagnostics import Report
from atelier.core.reader import Source

ALLOWED_TAGS = frozenset(nh3.ALLOWED_TAGS | {"input"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_GENERIC_ATTRIBUTES = {"class", "id", "title", "lang"}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": _GENERIC_ATTRIBUTES,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "ol": {"start", "type"},
    "abbr": {"title"},
    "time": {"datetime"},
    "details": {"open"},
    "input": {"type", "checked", "disabled"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
_ALIGN_STYLE = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$")


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "style":  # Markdown tables align columns with a style; nothing else
        return value if _ALIGN_STYLE.match(value) else None
    if attribute == "id" and value.startswith("__"):
        return None  # Material's own element ids: a page must not clobber them
    if tag == "input" and attribute == "type" and value != "checkbox":
        return None
    return value


def sanitize(fragment: str) -> str:
    """The HTML allowlist for contributed content: no script, handler, style or iframe."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
    )


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, list[tuple[str, str | None]]]] = []  # row (1 first)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((self.getpos()[0], tag, attrs))


def _bad_scheme(url: str, *, sheet_links: bool = False) -> bool:
    cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()
    scheme = re.match(r"^([a-z][a-z0-9+.\-]*):", cleaned)
    if scheme is None:
        return False
    # `id:other-sheet` links are rewritten to real addresses before rendering (core.links).
    return scheme.group(1) not in URL_SCHEMES and not (sheet_links and scheme.group(1) == "id")


def scan_body(source: Source, report: Report) -> None:
    """Warn about raw HTML and links that the allowlist will drop; refuse includes.

    Links and HTML are those Markdown makes (`source.document`): nothing in code, an escaped
    `\\<b\\>` is text and an autolink `<https://…>` is a link, not a tag.
    """
    snippets: set[int] = set()
    for offset, raw in enumerate(source.body.split("\n")):
        if "--8<--" in raw:  # pymdownx.snippets expands it even inside code blocks
            line = source.body_line + offset
            report.error(source.path, line, "snippet")
            snippets.add(line)
    document = source.document
    for link in document.links:
        if link.line not in snippets and _bad_scheme(link.target, sheet_links=True):
            report.warning(source.path, link.line, "url-scheme", value=link.target)
    for raw_html in document.html:
        collector = _TagCollector()
        collector.feed(raw_html.html)
        collector.close()
        for row, tag, attrs in collector.found:
            line = raw_html.line + row - 1
            if line not in snippets:
                _check_tag(source, line, tag, attrs, report)


def _check_tag(
    source: Source, line: int, tag: str, attrs: list[tuple[str, str | None]], report: Report
) -> None:
    if tag not in ALLOWED_TAGS:
        report.warning(
            source.path,
            line,
            "html-dropped",
            what={"fr": f"la balise <{tag}>", "en": f"the <{tag}> tag"},
            removed={"fr": "supprimée", "en": "removed"},
        )
        return
    allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())
    for name, value in attrs:
        if name in ("href", "src") and value and _bad_scheme(value):
            report.warning(source.path, line, "url-scheme", value=value)
        elif name not in allowed or _keep_attribute(tag, name, value or "") is None:
            report.warning(
                source.path,
                line,
                "html-dropped",
                what={
                    "fr": f"l'attribut {name} de <{tag}>",
                    "en": f"the {name} attribute of <{tag}>",
                },
                removed={"fr": "supprimé", "en": "removed"},
            )
