"""axe-core on the pages a reader meets: no violation of WCAG 2.2 A/AA or of axe's best
practices, whatever its impact.

Strict: nothing is forgiven, not even what Material does by itself. A plain Material site fails
this (the footer's `.md-copyright` contrast, links told from text by colour alone); our CSS
fixes both (overrides/assets/stylesheets/atelier.css), and the search page names its two search
landmarks apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import (
    PLAIN_PAGES,
    QUERY,
    Site,
    expect_results,
    new_context,
    open_search,
    tick,
    titles,
)

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def report(violations: list[dict[str, Any]]) -> str:
    """Violations, one paragraph each: rule id, impact, help and the first three targets."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} element(s)]")
        for node in v["nodes"][:3]:
            lines.append(f"    {' '.join(map(str, node['target']))}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def violations(page: Any) -> list[dict[str, Any]]:
    """Violations of WCAG 2.2 A/AA and of axe's best practices, whatever their impact."""
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    violations: list[dict[str, Any]] = results.response["violations"]
    return violations


Found = set[tuple[str, str]]  # (rule id, first CSS selector of the element)


def keys(violations: list[dict[str, Any]]) -> Found:
    return {
        (v["id"], " ".join(map(str, node["target"]))) for v in violations for node in v["nodes"]
    }


class KnownViolation(Exception):
    """The violations of a page are exactly those recorded in KNOWN (an expected failure)."""


def search_with_results(page: Any, site: Site) -> None:
    open_search(page, site)
    page.fill(QUERY, "lecture")
    tick(page, "level", "fr-4e")
    expect_results(page, titles("lecture-offerte-4e"))


def go(path: str) -> Callable[[Any, Site], None]:
    def visit(page: Any, site: Site) -> None:
        response = page.goto(site.page_url(path))
        assert response is not None and response.ok, f"{path}: {response and response.status}"

    return visit


PAGES: dict[str, Callable[[Any, Site], None]] = {
    "search page (results, a ticked facet)": search_with_results,
    "sheet page": go("practices/debat-mouvant-4e/"),
    "English sheet page": go("practices/number-talks-sec-2/"),
    "term page (levels/fr-4e/)": go("levels/fr-4e/"),
    "listing (practices/)": go("practices/"),
    "home page": go(""),
    "workshop page": go("workshops/2026-01-15-seance-de-janvier/"),
    "workshops index": go("workshops/"),
    "workshop pack": go("workshops/2026-01-15-seance-de-janvier/pack/"),
    "community page": go("communities/cdp-lettres/"),
}


# Violations of our templates or CSS that are known and not yet fixed: page → (rule, element).
# Each one makes its page's test an expected failure while it is exactly what axe finds; any
# other violation fails the test, and once fixed the test passes and strict xfail says so.
KNOWN: dict[str, Found] = {}


def _param(name: str) -> Any:
    known = KNOWN.get(name)
    if not known:
        return name
    reason = "known violations: " + "; ".join(
        f"{rule} on {target}" for rule, target in sorted(known)
    )
    return pytest.param(
        name, marks=pytest.mark.xfail(strict=True, raises=KnownViolation, reason=reason)
    )


@pytest.mark.parametrize("name", [_param(name) for name in PAGES])
def test_no_accessibility_violation(page: Any, site: Site, name: str) -> None:
    PAGES[name](page, site)
    page.wait_for_load_state("load")
    found = violations(page)
    message = f"axe-core, {name} ({page.url}):\n{report(found)}"
    if found and keys(found) == KNOWN.get(name):
        raise KnownViolation(message)
    if found:
        pytest.fail(message, pytrace=False)


def test_the_same_rules_find_plain_materials_violations(browser: Any, plain_site: Site) -> None:
    """The rules bite: a plain Material site, same theme and Markdown, fails them where our CSS
    makes up for it (the footer's contrast, links told apart from the text by colour alone)."""
    context = new_context(browser)
    try:
        page = context.new_page()
        found: set[str] = set()
        for path in PLAIN_PAGES:
            page.goto(plain_site.page_url(path))
            found |= {v["id"] for v in violations(page)}
    finally:
        context.close()
    assert {"color-contrast", "link-in-text-block"} <= found, found
