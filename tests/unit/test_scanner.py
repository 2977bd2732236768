"""The post-build scanner (atelier.site.scanner): one failing page per rule, and the clean page."""

from __future__ import annotations

from pathlib import Path

import pytest

from atelier.core.messages import MESSAGES
from atelier.site import scanner
from atelier.site.scanner import Rules

RULES = Rules(
    scripts=frozenset({"assets/javascripts/bundle.js", "assets/javascripts/atelier-search.js"}),
    inline=scanner.inline_patterns(
        ['<script>__md_scope=new URL("{{ base_url }}",location)</script>']
    ),
    base_path="/atelier/",
    redirects=frozenset({"practices/old/index.html"}),
)
PAGE = "practices/x/index.html"


def page(head: str = "", body: str = "<p>Un texte.</p>", tail: str = "") -> str:
    """A page shaped like the project's: Material's scripts, the header form, the sheet body."""
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<meta name="description" content="J&#39;ai essayé : c&#39;est raté">
<script>__md_scope=new URL("../..",location)</script>
<script type="application/ld+json">{{"name": "x"}}</script>
{head}</head><body>
<form class="atelier-header-search" action="../../search/" method="get" role="search">
<input name="q" type="search"></form>
<article class="md-content__inner md-typeset">
<h1>Titre</h1>
<div class="atelier-body">
{body}
</div>
{tail}
</article>
<a href="https://example.org/a?b=1&amp;c=2">lien</a>
<script id="__config" type="application/json">{{"base": "../.."}}</script>
<script src="../../assets/javascripts/bundle.js"></script>
<script src="/atelier/assets/javascripts/atelier-search.js" type="module"></script>
</body></html>"""


def codes(html: str, where: str = PAGE) -> list[str]:
    """The codes found, after checking that the fast path sends a bad page to the parser."""
    found = scanner.scan_page(where, html, RULES)
    if found:
        assert not scanner._looks_clean(where, html.encode(), RULES)
    return [d.code for d in found]


def test_clean_page_passes_both_paths() -> None:
    body = '<p>Voir <a href="../y/">y</a>, <img src="a.png" alt="">.</p>'
    html = page(body + '<div class="admonition"><p>x</p></div><table><tr><td>1</td></tr></table>')
    assert scanner._looks_clean(PAGE, html.encode(), RULES)
    exact = scanner._PageScanner(PAGE, PAGE, RULES)
    exact.feed(html)
    assert exact.found == []


@pytest.mark.parametrize(
    ("html", "code"),
    [
        # scripts: foreign file, other origin, inline not from the theme, in contributed content
        (page(tail='<script src="../../evil.js"></script>'), "scan-script"),
        (page(tail='<script src="https://cdn.example/x.js"></script>'), "scan-script"),
        (page(tail='<script src="//cdn.example/assets/javascripts/bundle.js"></script>'),
         "scan-script"),
        (page(tail="<script>alert(1)</script>"), "scan-script"),
        (page(tail='<script>__md_scope=new URL("x",location);alert(1)</script>'), "scan-script"),
        (page(body="<script>alert(1)</script>"), "scan-contributed"),
        (page(body='<script type="application/json">{}</script>'), "scan-contributed"),
        # event handlers, anywhere, any case or separator
        (page(body='<img src="a.png" onerror="alert(1)">'), "scan-handler"),
        (page(tail='<div ONCLICK="x()">a</div>'), "scan-handler"),
        (page(tail='<a href="#"/onmouseover=x()>a</a>'), "scan-handler"),
        # dangerous addresses, plain and obfuscated
        (page(body='<a href="javascript:alert(1)">a</a>'), "scan-url"),
        (page(body='<a href="JaVaScRiPt:alert(1)">a</a>'), "scan-url"),
        (page(body='<a href="jav&#x61;script:alert(1)">a</a>'), "scan-url"),
        (page(body='<a href="javascript&colon;alert(1)">a</a>'), "scan-url"),
        (page(body='<a href="java\tscript:alert(1)">a</a>'), "scan-url"),
        (page(body='<a href=" &#14;javascript:alert(1)">a</a>'), "scan-url"),
        (page(body='<a href="vbscript:msgbox(1)">a</a>'), "scan-url"),
        (page(body='<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="">'), "scan-url"),
        (page(tail='<img srcset="a.png 1x, data:image/png;base64,AA 2x" alt="">'), "scan-url"),
        (page(tail='<form action="javascript:x()"></form>'), "scan-url"),
        (page(tail='<button formaction="javascript:x()">b</button>'), "scan-url"),
        (page(tail='<svg><a xlink:href="javascript:x()">a</a></svg>'), "scan-url"),
        # elements that redirect, embed or change the links
        (page(head='<meta http-equiv="refresh" content="0;url=https://evil.example">'),
         "scan-element"),
        (page(head='<base href="https://evil.example/">'), "scan-element"),
        (page(tail='<iframe src="https://evil.example"></iframe>'), "scan-element"),
        (page(tail='<object data="x.swf"></object>'), "scan-element"),
        (page(tail='<embed src="x.swf">'), "scan-element"),
        # contributed content: only what the sanitizer keeps
        (page(body='<form action="https://evil.example"><input name="p"></form>'),
         "scan-contributed"),
        (page(body='<meta http-equiv="refresh" content="0">'), "scan-contributed"),
        (page(body="<svg><circle r='1'/></svg>"), "scan-contributed"),
        (page(body="<style>body{display:none}</style>"), "scan-contributed"),
        (page(body="<noscript><p>x</p></noscript>"), "scan-contributed"),
        (page(body="<template><p>x</p></template>"), "scan-contributed"),
    ],
)  # fmt: skip
def test_each_rule_fails(html: str, code: str) -> None:
    assert code in codes(html)


def test_problem_is_located_and_named() -> None:
    html = page(body='<p>a</p>\n<img src="a.png" onerror="alert(1)">')
    [found] = scanner.scan_page(PAGE, html, RULES, shown="site/" + PAGE)
    assert found.path == "site/" + PAGE
    assert html.split("\n")[found.line - 1].startswith("<img")
    assert "onerror" in found.render("fr") and "<img>" in found.render("en")


def test_a_region_closed_early_is_still_checked() -> None:
    """A stray end tag (never in sanitized output: html5ever writes a tree) ends the region
    early: what follows is still held to the rules of the whole page."""
    assert codes(page(body="</div><script>alert(1)</script>")) == ["scan-script"]
    assert codes(page(body='</div><p onclick="x()">a</p>')) == ["scan-handler"]


def test_redirect_page_may_refresh() -> None:
    redirect = (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        '<meta http-equiv="refresh" content="0; url=../new/"></head>'
        '<body><a href="../new/">new</a></body></html>'
    )
    assert scanner.scan_page("practices/old/index.html", redirect, RULES) == []
    assert codes(redirect, "practices/other/index.html") == ["scan-element"]
    bad = redirect.replace("url=../new/", "url=javascript:alert(1)")
    assert codes(bad, "practices/old/index.html") == ["scan-element"]


def test_inventory(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for path in ("index.html", "practices/a/index.html", "stray/index.html", "404.html"):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(page(), encoding="utf-8")
    found = scanner.scan_site(
        site,
        RULES,
        pages={"index.html", "practices/a/index.html", "404.html"},
        required={"practices/a/index.html": "practices/a.md", "practices/b/index.html": "b.md"},
    )
    assert [(d.path, d.code) for d in found if d.code.startswith("scan-page")] == [
        ("site/stray/index.html", "scan-page-unknown"),
        ("b.md", "scan-page-missing"),
    ]
    text = scanner.summary(found, "fr")
    assert f"{len(found)} problème(s)" in text and "stray/index.html" in text and "b.md" in text


def test_messages_exist_in_both_languages() -> None:
    for code in [k for k in MESSAGES if k.startswith("scan-")]:
        assert set(MESSAGES[code]) == {"fr", "en"}


def test_urls_as_a_browser_reads_them() -> None:
    assert scanner.bad_url("\x01 java\nscript:x")
    assert scanner.bad_url("&#106;avascript:x", decoded=False)
    assert not scanner.bad_url("https://example.org/a:b")
    assert not scanner.bad_url("java script:x")  # a space: not a scheme, a relative address
    assert not scanner.bad_url("l&#39;ex:x", decoded=False)
