"""Property-based fuzzing of the whole path a contribution takes (Hypothesis).

Random front matter (YAML mappings with hostile keys and values, or raw bytes) and Markdown
bodies built from a grammar of hostile fragments go through the reader, the checks that
`atelier check` runs on a sheet, and the renderer (mkdocs.yml's Markdown extensions, then
`safety.sanitize`, then the post-build scanner on the page): never an exception (the project's
own diagnostics only), never a live payload in the HTML.

`make test` runs a quick, deterministic profile (derandomized, a few hundred examples).
`make fuzz` sets ATELIER_FUZZ_SECONDS: the test then draws new examples until that time is
spent, and prints how many it ran.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from functools import cache
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atelier.core import knowledge, links, privacy, reader, safety, schema, vocabulary
from atelier.core.diagnostics import Report
from atelier.core.settings import Settings
from atelier.site import scanner

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 6, 1)
SECONDS = float(os.environ.get("ATELIER_FUZZ_SECONDS", "0") or 0)
QUICK_EXAMPLES = 200

# -- the grammar --------------------------------------------------------------------------------

SCHEMES = [
    "javascript:",
    "JaVaScRiPt:",
    "vbscript:",
    "data:text/html;base64,PHNjcmlwdD4=",
    "jav&#x61;script:",
    "&#106;avascript:",
    "java\tscript:",
    "java&#x09;script:",
    "java&Tab;script:",
    "javascript&colon;",
    " \x01javascript:",
    "java\nscript:",
    "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "https://ok.example/",
    "id:autre-fiche",
    "../autre.md",
    "#ancre",
    "mailto:a@b.c",
]
TAGS = [
    "script",
    "svg",
    "iframe",
    "form",
    "meta",
    "base",
    "object",
    "embed",
    "noscript",
    "template",
    "math",
    "style",
    "link",
    "img",
    "a",
    "div",
    "details",
    "input",
    "button",
    "textarea",
    "title",
    "xmp",
    "plaintext",
    "select",
    "option",
    "table",
    "frame",
    "video",
    "audio",
    "source",
    "body",
    "html",
    "p",
    "span",
]
ATTRIBUTES = [
    "onclick",
    "onerror",
    "ONLOAD",
    "onmouseover",
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "srcset",
    "style",
    "http-equiv",
    "content",
    "id",
    "class",
    "title",
    "data",
    "background",
    "poster",
    "name",
    "target",
]
UNICODE = [
    "\u202e",
    "\u202d",
    "\u2066",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u0301",
    "e\u0301",
    "\u00a0",
    "\u2028",
    "\U0001f600",
    "\u0000",
    "\u001b",
    "\ud7ff",
    "é",
    "«",
    "»",
]
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    "<!--><img src=x onerror=alert(1)>-->",
    "<!-- --!><img src=x onerror=alert(1)> -->",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:/">',
    '<form action="javascript:alert(1)"><button>x',
    '<object data="javascript:alert(1)">',
    '<embed src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    "<style>*{background:url(javascript:x)}",
    "<textarea></textarea><script>alert(1)</script>",
    "<title><script>x</script>",
    "<xmp><script>alert(1)</script></xmp>",
    "]]><script>alert(1)</script>",
    '<div class="atelier-body">',
    "</div></div></article><script>alert(1)</script>",
    "<a href='&#0000106&#0000097vascript:alert(1)'>x</a>",
    "\\<script\\>",
    "<https://example.org>",
    "`<script>`",
    "```\n<script>alert(1)</script>\n```",
]
KEYS = [
    "title",
    "summary",
    "subject",
    "level",
    "authors",
    "date",
    "what_went_wrong",
    "community",
    "tags",
    "lang",
    "outcome",
    "challenges",
    "next_time",
    "related",
    "duration_minutes",
    "group_size",
    "modality",
    "practice_type",
    "status",
    "license",
    "translation_of",
    "aliases",
    "template",
    "hide",
    "titel",
    "niveau",
]
VALID = {
    "title": "Débat mouvant",
    "summary": "Un débat où les élèves se déplacent.",
    "subject": "francais",
    "level": "fr-4e",
    "authors": ["Claire Martin"],
    "date": "2026-03-14",
    "what_went_wrong": ["La parole a été captée."],
}

hostile_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(PAYLOADS + SCHEMES + UNICODE),
    st.lists(st.sampled_from(PAYLOADS + SCHEMES + UNICODE + ["a", " ", "\n"]), max_size=6).map(
        "".join
    ),
)


@st.composite
def raw_tag(draw: st.DrawFn) -> str:
    """A raw HTML tag with hostile attributes, quoted any way, maybe left open."""
    tag = draw(st.sampled_from(TAGS))
    parts = [f"<{draw(st.sampled_from([tag, tag.upper()]))}"]
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from(ATTRIBUTES))
        value = draw(st.one_of(st.sampled_from(SCHEMES), st.sampled_from(["alert(1)", "x"])))
        quote = draw(st.sampled_from(['"', "'", ""]))
        separator = draw(st.sampled_from([" ", "\t", "\n", "/"]))
        parts.append(f"{separator}{name}={quote}{value}{quote}")
    parts.append(draw(st.sampled_from([">", "/>", ""])))
    inner = draw(st.sampled_from(["", "alert(1)", "texte", "<p>x</p>"]))
    close = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}"]))
    return "".join(parts) + inner + close


@st.composite
def block(draw: st.DrawFn) -> str:
    """One Markdown block: prose, a link, a list, a quote, an admonition, a table, HTML…"""
    text = draw(hostile_text)
    url = draw(st.sampled_from(SCHEMES))
    depth = draw(st.integers(1, 6))
    choices = [
        f"## {text}",
        text,
        f"[{text}]({url})",
        f'[{text}]({url} "{draw(hostile_text)}")',
        f"![{text}]({url})",
        f"[{text}][ref]\n\n[ref]: {url}",
        f"<{url}>",
        f"[autre](id:{draw(st.sampled_from(['autre-fiche', 'inconnue', text]))})",
        "\n".join(f"{'  ' * i}- {text}" for i in range(depth)),
        "\n".join(f"{'>' * i} {text}" for i in range(1, depth + 1)),
        f'!!! note "{text}"\n    {draw(hostile_text)}',
        f"??? warning\n    {draw(raw_tag())}",
        f"Texte[^1].\n\n[^1]: {text}",
        f"| a | b |\n|---|:-:|\n| {text} | {draw(raw_tag())} |",
        f"Terme\n:   {text}",
        f"- [x] {text}",
        f"```\n{text}\n```",
        f"`{text}`",
        draw(raw_tag()),
        draw(st.sampled_from(PAYLOADS)),
        f'<div markdown="1">\n{text}\n</div>',
        '--8<-- "mkdocs.yml"',
    ]
    return draw(st.sampled_from(choices))


bodies = st.lists(block(), min_size=0, max_size=8).map("\n\n".join)

yaml_scalars = st.one_of(
    hostile_text,
    st.integers(-(10**12), 10**12),
    st.booleans(),
    st.none(),
    st.dates(),
    st.floats(allow_nan=True),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """A mapping near a valid sheet: known keys with hostile values, unknown keys, as YAML."""
    fields: dict[Any, Any] = dict(VALID)
    for key in draw(st.lists(st.one_of(st.sampled_from(KEYS), st.text(max_size=10)), max_size=6)):
        fields[key] = draw(yaml_values)
    for key in draw(st.lists(st.sampled_from(list(VALID)), max_size=2)):
        fields.pop(key, None)
    try:
        return yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return "title: x\n"


@st.composite
def source_bytes(draw: st.DrawFn) -> bytes:
    """A whole file: front matter and body, or mangled framing, or random bytes."""
    body = draw(bodies)
    head = draw(front_matter())
    shape = draw(st.sampled_from(["sheet", "sheet", "sheet", "raw-yaml", "bytes", "unframed"]))
    if shape == "raw-yaml":
        head = draw(st.text(max_size=200))
    if shape == "bytes":
        return draw(st.binary(max_size=400))
    text = body if shape == "unframed" else f"---\n{head}---\n\n{body}\n"
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "crlf"]))
    if encoding == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8", "surrogatepass")
    return text.encode(encoding, "surrogatepass")


# -- the path a sheet takes ---------------------------------------------------------------------


@cache
def _vocabularies() -> vocabulary.Vocabularies:
    vocabularies, _ = vocabulary.load()
    return vocabularies


@cache
def _guard() -> privacy.PrivacyGuard:
    return privacy.PrivacyGuard(use_model=False)


@cache
def _extensions() -> tuple[list[str], dict[str, dict[str, Any]]]:
    """mkdocs.yml's markdown_extensions (the renderer MkDocs builds pages with)."""
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for item in config["markdown_extensions"]:
        name = item if isinstance(item, str) else next(iter(item))
        names.append(name)
        if isinstance(item, dict):
            configs[name] = {k: v == "true" if v in ("true", "false") else v
                             for k, v in item[name].items()}  # fmt: skip
    return names, configs


RULES = scanner.Rules(scripts=frozenset(), inline=())
PAGE = "practices/x/index.html"


def render(body: str) -> str:
    """The body as the site shows it: Markdown, then the sanitizer (as on_page_content)."""
    names, configs = _extensions()
    html = markdown.Markdown(extensions=names, extension_configs=configs).convert(body)
    return safety.sanitize(html)


def go_through(data: bytes) -> None:
    """Read, check and render one file; fail on an exception or a live payload."""
    report = Report()
    source = reader.read_bytes(data, "practices/x.md", report)
    if source is None:
        assert report.errors, "a file refused without a located error"
        return
    safety.scan_body(source, report)
    sheet = schema.read_sheet(source, "x", _vocabularies(), report, today=TODAY)
    body = source.body
    if sheet is not None:
        paths = {"x": "practices/x.md", "autre-fiche": "practices/autre-fiche.md"}
        links.scan(sheet, paths, report)
        _guard().report(sheet, report)
        body = links.rewrite(body, sheet, paths)
    for diagnostic in report.items:
        for lang in ("fr", "en"):
            assert diagnostic.render(lang)  # every message formats in both languages
    clean = render(body)
    page = f'<html><body><div class="atelier-body">{clean}</div></body></html>'
    found = scanner.scan_page(PAGE, page, RULES)
    assert found == [], (clean, [d.render("en") for d in found])
    exact = scanner._PageScanner(PAGE, PAGE, RULES)  # the fast path never hides what it finds
    exact.feed(page)
    exact.close()
    assert exact.found == [], (clean, [d.render("en") for d in exact.found])


# -- the properties -----------------------------------------------------------------------------

QUICK = settings(
    max_examples=QUICK_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.mark.slow
@QUICK
@given(source_bytes())
def test_any_file_goes_through_safely(data: bytes) -> None:
    go_through(data)


@pytest.mark.slow
@QUICK
@given(bodies)
def test_any_body_renders_without_a_payload(body: str) -> None:
    go_through(f"---\n{yaml.safe_dump(VALID, allow_unicode=True)}---\n\n{body}\n".encode())


@pytest.mark.slow
@settings(QUICK, max_examples=15)
@given(st.lists(source_bytes(), min_size=1, max_size=3))
def test_atelier_check_reads_any_folder(tmp_path_factory: pytest.TempPathFactory,
                                       files: list[bytes]) -> None:  # fmt: skip
    """The whole of `atelier check` (knowledge.load) on a folder of random files."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "practices").mkdir()
    (root / "communities").mkdir()
    for number, data in enumerate(files):
        (root / "practices" / f"fiche-{number}.md").write_bytes(data)
    kb, report = knowledge.load(Settings(root, privacy="rules", today=TODAY))
    for diagnostic in report.items:
        assert diagnostic.render("fr") and diagnostic.render("en")
    for sheet in kb.sheets.values():
        go_through((root / sheet.path).read_bytes())


@pytest.mark.skipif(SECONDS <= 0, reason="make fuzz sets ATELIER_FUZZ_SECONDS")
def test_fuzz_for_a_set_time() -> None:
    """`make fuzz`: random examples (new seeds) until ATELIER_FUZZ_SECONDS is spent."""
    stop = time.monotonic() + SECONDS
    count = 0

    @settings(max_examples=500, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(source_bytes())
    def run(data: bytes) -> None:
        nonlocal count
        count += 1
        go_through(data)

    rounds, started, outcome = 0, time.monotonic(), "a failure (below)"
    try:
        while time.monotonic() < stop:
            run()
            rounds += 1
        outcome = "nothing found"
    finally:
        spent = time.monotonic() - started
        print(f"\nfuzz: {count} examples in {rounds} runs of Hypothesis, {spent:.0f} s: {outcome}")


@pytest.mark.slow
@QUICK
@given(
    st.lists(st.one_of(raw_tag(), st.sampled_from(PAYLOADS), hostile_text), max_size=6),
    st.lists(st.one_of(raw_tag(), st.sampled_from(PAYLOADS), hostile_text), max_size=4),
)
def test_the_scanners_fast_path_never_hides_a_problem(inside: list[str], around: list[str]) -> None:
    """Unsanitized HTML in and around the contributed element: when the exact parser finds a
    problem, the fast path must not have called the page clean."""
    page = (
        f'<html><head>{"".join(around[:2])}</head><body><div class="atelier-body">'
        f"{''.join(inside)}</div>{''.join(around[2:])}</body></html>"
    )
    exact = scanner._PageScanner(PAGE, PAGE, RULES)
    exact.feed(page)
    exact.close()
    if exact.found:
        assert not scanner._looks_clean(PAGE, page.encode("utf-8", "surrogatepass"), RULES)
