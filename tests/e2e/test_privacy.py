"""Readers' privacy: reading the site sends no request to another origin than the site's.

Every request a page makes is recorded (`page.on("request")`, which sees a request before the
loopback-only route of conftest.new_context aborts it): fonts, scripts, styles, images, the
repository facts Material would fetch from GitHub's API, the search bundle. The pages are the
types a reader meets, the search page with a query that returns results.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import RESULTS, Site, new_context, open_search

LOCAL_SCHEMES = ("data", "blob", "about")


def go(path: str) -> Callable[[Any, Site], None]:
    def visit(page: Any, site: Site) -> None:
        response = page.goto(site.page_url(path))
        assert response is not None and response.ok, f"{path}: {response and response.status}"

    return visit


def search(page: Any, site: Site) -> None:
    open_search(page, site, "?q=lecture")
    expect(page.locator(RESULTS).first).to_be_visible()


PAGES: dict[str, Callable[[Any, Site], None]] = {
    "home page": go(""),
    "sheet page": go("practices/debat-mouvant-4e/"),
    "English sheet page": go("practices/number-talks-sec-2/"),
    "term page (levels/fr-4e/)": go("levels/fr-4e/"),
    "listing (practices/)": go("practices/"),
    "community page": go("communities/cdp-lettres/"),
    "search page (a query with results)": search,
    "workshop page": go("workshops/2026-01-15-seance-de-janvier/"),
    "workshops index": go("workshops/"),
}


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.mark.parametrize("name", list(PAGES))
def test_a_page_requests_nothing_from_another_origin(browser: Any, site: Site, name: str) -> None:
    context = new_context(browser, locale="fr-FR")
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    try:
        page = context.new_page()
        PAGES[name](page, site)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    ours = origin(site.url)
    assert any(origin(url) == ours for url in requested), "no request was recorded at all"
    elsewhere = sorted(
        {url for url in requested
         if urlsplit(url).scheme not in LOCAL_SCHEMES and origin(url) != ours}
    )  # fmt: skip
    assert not elsewhere, f"{name}: requests to another origin than {ours}:\n" + "\n".join(
        elsewhere
    )
