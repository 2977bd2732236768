"""The last check of every build: reads each HTML page that was written and refuses a live payload.

Rules (each a located `Diagnostic`, French and English in core/messages.py):
- a `<script>` is the theme's or the project's: a `src` among the theme's and custom_dir's `.js`
  files (or `extra_javascript`), an inline script that the theme's templates write (its text,
  addresses aside), or a JSON data block (`application/json`, `application/ld+json`);
- no event-handler attribute (`on…`) and no URL with a scheme other than http(s), mailto, tel
  (`javascript:`, `vbscript:`, `data:`…, seen as a browser sees them: entities decoded, tabs and
  newlines dropped) anywhere;
- no `base`, `meta http-equiv` (but the refresh of a declared redirect page), `iframe`, `object`,
  `embed`… anywhere;
- inside contributed content (the element of class `atelier-body` of the project's templates),
  only the elements the sanitizer keeps (`core.safety.ALLOWED_TAGS`): no form, script, svg…;
- every HTML file comes from the inventory (docs pages, the plugin's pages, the theme's static
  pages such as 404.html, redirect pages), and every published sheet has its page.

Speed: html.parser costs ~6 ms for a 30 KB page (a minute at 10,000 sheets). A page first goes
through `_looks_clean`, a few C-speed regular expressions that accept only what certainly passes
(~0.1 ms); any doubt sends the page to the exact parser, which locates the problem.
"""

from __future__ import annotations

import html as htmllib
import os
import posixpath
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from atelier.core.diagnostics import Diagnostic
from atelier.core.messages import MESSAGES
from atelier.core.safety import ALLOWED_TAGS

REGION_CLASS = "atelier-body"  # the project templates wrap contributed HTML in this element
# Schemes that run code or carry a document of their own (the rest cannot run anything).
DANGEROUS_SCHEMES = frozenset({"javascript", "vbscript", "data", "livescript", "mocha"})
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
# Attributes a browser reads as an address (fetched, followed, or submitted to).
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "background",
     "cite", "data", "codebase", "ping", "longdesc", "manifest", "icon", "usemap", "lowsrc",
     "dynsrc", "archive", "classid", "profile"}
)  # fmt: skip
# Elements that load or embed another document, or change where the page's links go.
EMBEDDING = frozenset(
    {"base", "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe"}
)
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
VALUE_LIMIT = 80  # characters of an offending value shown in a message

# A redirect page's script, as mkdocs-redirects and Material's redirect.html write it.
_REDIRECT_SCRIPTS = (
    r'var anchor=window\.location\.hash\.substr\(1\);location\.href="[^"<>\\]*"\+'
    r'\(anchor\?"#"\+anchor:""\)',
    r'window\.location\.replace\(\["[^"<>\\]*",window\.location\.search,'
    r'window\.location\.hash\]\.join\(""\)\)',
)


@dataclass(frozen=True)
class Rules:
    """What a site may contain besides contributed content: its theme's scripts."""

    scripts: frozenset[str]  # site paths of the allowed script files (assets/javascripts/…)
    inline: tuple[re.Pattern[str], ...]  # the inline scripts the templates write
    base_path: str = "/"  # the path of site_url: "/atelier/" (absolute addresses start there)
    redirects: frozenset[str] = frozenset()  # pages allowed a meta refresh and its script


# -- the rules for a build --------------------------------------------------------------------

_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_JINJA = re.compile(r"\{\{.*?\}\}", re.S)


def inline_patterns(template_texts: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    """Each attribute-less `<script>` of the templates as a pattern: `{{ … }}` matches any text
    without quote, angle bracket or backslash (it is an address: `base_url`, `config.extra`)."""
    found: dict[str, None] = {}
    for text in template_texts:
        for body in _TEMPLATE_SCRIPT.findall(text):
            if "{%" in body or "{#" in body:
                continue
            parts = _JINJA.split(body.strip())
            found["[^\"'<>\\\\]*".join(re.escape(part) for part in parts)] = None
    return tuple(re.compile(pattern) for pattern in found)


def rules_for(config: Any, redirects: Iterable[str] = ()) -> Rules:
    """The rules of a MkDocs build: the theme's directories give its scripts and templates."""
    scripts: set[str] = set()
    templates: list[str] = []
    for theme_dir in config.theme.dirs:
        for folder, _dirs, names in os.walk(theme_dir):
            relative = Path(folder).relative_to(theme_dir).as_posix()
            for name in names:
                path = name if relative == "." else f"{relative}/{name}"
                if name.endswith((".js", ".mjs")):
                    scripts.add(path)
                elif name.endswith(".html") and ("javascripts" in path or path == "base.html"):
                    templates.append(Path(folder, name).read_text(encoding="utf-8"))
    for script in config.extra_javascript:
        scripts.add(str(getattr(script, "path", script)).lstrip("/"))
    base_path = urlsplit(config.site_url or "/").path or "/"
    return Rules(
        scripts=frozenset(scripts),
        inline=inline_patterns(templates),
        base_path=base_path if base_path.endswith("/") else base_path + "/",
        redirects=frozenset(redirects),
    )


# -- one page ---------------------------------------------------------------------------------


def _shown(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= VALUE_LIMIT else value[: VALUE_LIMIT - 1] + "…"


def bad_url(value: str, *, decoded: bool = True) -> bool:
    """True for a `javascript:`, `vbscript:` or `data:` address (or the like), read as a browser
    reads it: character references decoded (unless `decoded`), leading and trailing controls and
    spaces dropped, tabs and newlines dropped everywhere, letters in any case."""
    if not decoded:
        value = htmllib.unescape(value)
    if ":" not in value:
        return False
    cleaned = re.sub(r"[\t\n\r]+", "", value.strip(_C0_AND_SPACE))
    scheme = re.match(r"\A([a-zA-Z][a-zA-Z0-9+.\-]*+):", cleaned)
    return scheme is not None and scheme.group(1).lower() in DANGEROUS_SCHEMES


def _bad_attribute_url(name: str, value: str, *, decoded: bool) -> bool:
    if bad_url(value, decoded=decoded):
        return True
    return name == "srcset" and any(
        bad_url(part.strip(), decoded=decoded) for part in value.split(",")
    )


def _script_path(src: str, page: str, base_path: str) -> str | None:
    """The site path of a script address, or None when it leaves the site."""
    src = htmllib.unescape(src).strip()
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith("//") or "\\" in src:
        return None
    if parts.path.startswith("/"):
        if not parts.path.startswith(base_path):
            return None
        path = parts.path[len(base_path) :]
    else:
        path = posixpath.join(posixpath.dirname(page), parts.path)
    path = posixpath.normpath(path)
    return None if path.startswith("..") else path


def script_allowed(attrs: Mapping[str, str], text: str, page: str, rules: Rules) -> bool:
    """A script outside contributed content: a theme or project file, a data block, or one of the
    inline scripts of the theme's templates (of the redirect pages, on those)."""
    if "src" in attrs:
        return _script_path(attrs["src"], page, rules.base_path) in rules.scripts
    if attrs.get("type", "").strip().lower() in DATA_SCRIPT_TYPES:
        return True
    body = text.strip()
    if any(pattern.fullmatch(body) for pattern in rules.inline):
        return True
    return page in rules.redirects and any(re.fullmatch(p, body) for p in _REDIRECT_SCRIPTS)


def _classes(attrs: Mapping[str, str]) -> list[str]:
    return attrs.get("class", "").split()


def _refresh_allowed(attrs: Mapping[str, str], page: str, rules: Rules) -> bool:
    """A meta without http-equiv, or the refresh of a declared redirect page to a safe place."""
    if "http-equiv" not in attrs:
        return True
    if page not in rules.redirects or attrs.get("http-equiv", "").strip().lower() != "refresh":
        return False
    target = attrs.get("content", "").partition(";")[2].strip()
    target = re.sub(r"^url\s*=\s*", "", target, flags=re.I).strip("'\" ")
    return not bad_url(target)


class _PageScanner(HTMLParser):
    """The exact check: every element, with its line."""

    def __init__(self, page: str, shown: str, rules: Rules) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.shown, self.rules = page, shown, rules
        self.found: list[Diagnostic] = []
        self.region: str | None = None  # the tag of the contributed element, while inside it
        self.depth = 0
        self.script: tuple[int, dict[str, str]] | None = None
        self.script_text: list[str] = []

    def problem(self, code: str, **args: Any) -> None:
        self.found.append(Diagnostic(self.shown, self.getpos()[0], code, args))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in attrs:
            if name.startswith("on"):
                self.problem("scan-handler", attribute=name, tag=tag, value=_shown(value or ""))
            elif name in URL_ATTRIBUTES and _bad_attribute_url(name, value or "", decoded=True):
                self.problem("scan-url", attribute=name, tag=tag, value=_shown(value or ""))
        inside = self.region is not None
        if tag == self.region:
            self.depth += 1
        elif not inside and tag in ("div", "section") and REGION_CLASS in _classes(values):
            self.region, self.depth = tag, 1
        if tag == "script":
            self.script, self.script_text = (self.getpos()[0], values), []
            if inside:
                self.problem("scan-contributed", tag=tag)
        elif inside and tag not in ALLOWED_TAGS:
            self.problem("scan-contributed", tag=tag)
        elif tag in EMBEDDING:
            self.problem("scan-element", tag=tag)
        elif tag == "meta" and not _refresh_allowed(values, self.page, self.rules):
            self.problem("scan-element", tag=f'meta http-equiv="{_shown(values["http-equiv"])}"')

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)  # `<div/>` opens a div in a browser: no end tag here

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            line, attrs = self.script
            self.script = None
            text = "".join(self.script_text)
            if self.region is None and not script_allowed(attrs, text, self.page, self.rules):
                what = f'src="{_shown(attrs["src"])}"' if "src" in attrs else _shown(text)
                self.found.append(Diagnostic(self.shown, line, "scan-script", {"what": what}))
        if tag == self.region:
            self.depth -= 1
            if self.depth == 0:
                self.region = None


# The fast path works on the page's bytes, lowercased (ASCII only, as HTML names are): Python's
# regular expressions are fast when a pattern starts with a literal ("<", "="), and each search
# below does; Python code runs only on the few hits.
_B_ELEMENT = re.compile(
    rb"<(script|base|i?frame|frameset|object|embed|applet|portal|fencedframe)[\s/>\x00]"
)
# An event handler: "on…=" after a space, a quote or a slash.
_B_HANDLER = re.compile(rb"on(?<=[\s\"'/]on)[^\s\"'<>=/]*+\s*+=")
# A value that may be a dangerous address: after "=" (and a quote), scheme characters then a tab,
# a newline or a character reference (but &#39; &#34; &quot; &amp; &lt; &gt; &nbsp;, which
# cannot make a scheme): maybe obfuscated; or a dangerous scheme as is.
_B_URL = re.compile(
    rb"=[\x00-\x20]*+(?:[\"'][\x00-\x20]*+)?(?:[a-z0-9+.\-]*+"
    rb"(?:[\t\n\r]|&(?!#39;|#34;|quot;|amp;|lt;|gt;|nbsp;))"
    rb"|(?:javascript|vbscript|data|livescript|mocha):)"
)
_B_TAG = re.compile(
    rb"<(\w+)((?:\s+[^\s\"'<>=/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'<>=`]+))?)*)\s*/?>"
)
_B_ATTR = re.compile(rb"([^\s\"'<>=/]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'<>=`]+)))?")
_B_TAG_NAME = re.compile(rb"<([^\s/>]+)")
_B_LT_IN_VALUE = re.compile(rb"=\s*+(?:\"[^\"]*+|'[^']*+|[^\s\"'>]*+)<")
_B_OPEN_CLOSE = {tag: re.compile(rb"<(/?)" + tag + rb"[\s/>\x00]") for tag in (b"div", b"section")}
_B_REGION = REGION_CLASS.encode()
_B_ALLOWED_TAGS = frozenset(tag.encode() for tag in ALLOWED_TAGS)


def _attributes(tag_text: bytes) -> dict[str, str] | None:
    """The attributes of a plainly written start tag (lowercased text), or None."""
    element = _B_TAG.fullmatch(tag_text)
    if element is None:
        return None
    return {
        name.decode(errors="replace"): htmllib.unescape((a or b or c).decode(errors="replace"))
        for name, a, b, c in _B_ATTR.findall(element.group(2))
    }


def _regions(data: bytes, low: bytes) -> list[tuple[int, int]] | None:
    """The spans of contributed content, or None when they cannot be told apart quickly."""
    spans: list[tuple[int, int]] = []
    position = 0
    while (found := data.find(_B_REGION, position)) >= 0:  # class names keep their case
        start = low.rfind(b"<", 0, found)
        element = _B_TAG.match(low, start)
        if element is None or element.group(1) not in _B_OPEN_CLOSE:
            return None
        tag_text = data[start : element.end()]
        classes = re.search(rb'\sclass="([^"]*)"', tag_text)
        if classes is None or _B_REGION not in classes.group(1).split():
            return None
        depth, end = 1, -1
        for mark in _B_OPEN_CLOSE[element.group(1)].finditer(low, element.end()):
            depth += -1 if mark.group(1) else 1
            if depth == 0:
                end = mark.start()
                break
        region = low[element.end() : end]
        if end < 0 or _B_REGION in data[element.end() : end]:  # unclosed or nested
            return None
        if not set(_B_TAG_NAME.findall(region)) <= _B_ALLOWED_TAGS:
            return None
        if b"<!" in region or b"<?" in region or _B_LT_IN_VALUE.search(region):
            return None
        spans.append((start, end))
        position = end
    return spans


def _looks_clean(page: str, data: bytes, rules: Rules) -> bool:
    """True only when the page certainly passes `_PageScanner`; False sends it there."""
    low = data.lower()
    spans = _regions(data, low)
    if spans is None or b"http-equiv" in low or b"srcset" in low:
        return False
    if _B_HANDLER.search(low) or _B_URL.search(low):
        return False
    for hazard in _B_ELEMENT.finditer(low):
        if hazard.group(1) != b"script" or any(a <= hazard.start() < b for a, b in spans):
            return False
        element = _B_TAG.match(data, hazard.start())
        attrs = _attributes(element.group(0)) if element else None
        if element is None or attrs is None:
            return False
        close = low.find(b"</script", element.end())
        text = data[element.end() : close].decode(errors="replace")
        if close < 0 or "<!--" in text or not script_allowed(attrs, text, page, rules):
            return False
    return True


def scan_page(
    page: str, page_html: str | bytes, rules: Rules, shown: str | None = None
) -> list[Diagnostic]:
    """The problems of one page (`page`: its path in the site, e.g. practices/x/index.html)."""
    data = page_html.encode() if isinstance(page_html, str) else page_html
    if _looks_clean(page, data, rules):
        return []
    scanner = _PageScanner(page, shown or page, rules)
    scanner.feed(data.decode(errors="replace"))
    scanner.close()
    return scanner.found


# -- the whole site ---------------------------------------------------------------------------


def scan_site(
    site_dir: Path,
    rules: Rules,
    pages: Iterable[str],
    required: Mapping[str, str] = {},
    trusted: Collection[str] = (),
) -> list[Diagnostic]:
    """Every HTML file of `site_dir`: the page rules, and whether it is in `pages` (site paths);
    `required` maps the site path of each page that must exist to its source. `trusted` pages
    (their bytes come from the build cache, written by a build whose scan passed, with the same
    code) are checked against the inventory only."""
    known = set(pages) | rules.redirects
    found: list[Diagnostic] = []
    written: set[str] = set()
    for page in _html_files(site_dir):
        written.add(page)
        shown = f"{site_dir.name}/{page}"
        if page not in known:
            found.append(Diagnostic(shown, 0, "scan-page-unknown"))
        if page not in trusted:
            found += scan_page(page, (site_dir / page).read_bytes(), rules, shown)
    for page, source in sorted(required.items()):
        if page not in written:
            found.append(Diagnostic(source, 0, "scan-page-missing", {"page": page}))
    return found


def _html_files(site_dir: Path) -> list[str]:
    """The site paths (a/b/index.html) of the HTML files under `site_dir`, sorted by their
    parts (os.scandir, whose entries know their type: os.walk and a stat for each file cost
    ~0.3 s more on a site of 10,000 sheets; Path.rglob ~0.5 s more). Each folder's entries are
    sorted by name and walked in that order: the paths come out sorted (splitting 10,000 paths
    to sort them cost ~0.15 s of every served rebuild)."""
    found: list[str] = []

    def walk(folder: str, prefix: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path, f"{prefix}{entry.name}/")
            elif entry.name.endswith((".html", ".htm")) and entry.is_file():
                found.append(prefix + entry.name)

    walk(str(site_dir), "")
    return found


def scan_build(
    config: Any,
    pages: Iterable[str],
    sheets: Mapping[str, str],
    *,
    redirects: Iterable[str] = (),
    extra_pages: Iterable[str] = (),
    trusted: Collection[str] = (),
) -> list[Diagnostic]:
    """The scan of a finished MkDocs build.

    `pages`: the site path of every page MkDocs knows (hand-written and generated, e.g.
    practices/x/index.html); `sheets`: the site path of each published sheet's page → its
    file; `redirects`: site paths of redirect pages (e.g. practices/old-id/index.html), allowed
    to exist, to refresh and to run a redirect script; `extra_pages`: other HTML files the
    project writes on purpose. The theme's static pages (404.html) are known."""
    known = set(pages) | set(extra_pages)
    known |= {name for name in config.theme.static_templates if name.endswith(".html")}
    rules = rules_for(config, redirects)
    return scan_site(Path(config.site_dir), rules, known, dict(sheets), trusted)


def summary(problems: list[Diagnostic], lang: str) -> str:
    """Why the build stops: the pages and what is wrong in each."""
    head = MESSAGES["scan-summary"][lang].format(count=len(problems))
    tail = MESSAGES["scan-summary-end"][lang]
    return "\n".join([head, *("  " + p.render(lang) for p in problems), tail])
