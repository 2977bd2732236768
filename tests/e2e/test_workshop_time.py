"""A workshop's time in the reader's own time zone (progressive enhancement), and without it."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import Site, new_context

WORKSHOP = "workshops/2026-01-15-seance-de-janvier/"  # 18 h 00 in Paris (UTC+01:00)


@pytest.mark.parametrize(
    ("zone", "start", "end"),
    [("America/Toronto", "12:00", "13:30"), ("Asia/Tokyo", "02:00", "03:30")],
)
def test_a_reader_sees_the_workshop_in_their_own_time(
    browser: Any, site: Site, zone: str, start: str, end: str
) -> None:
    context = new_context(browser, timezone_id=zone, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(site.page_url(WORKSHOP))
        local = page.locator(".atelier-local-time")
        expect(local).to_be_visible()
        value = page.locator(".atelier-local-time__value").inner_text()
        assert start in value and end in value and zone in value, value
        # The workshop's own time stays on the page.
        assert "18 h 00" in page.locator("time[data-atelier-start]").inner_text()
    finally:
        context.close()


def test_without_javascript_only_the_workshops_time_shows(browser: Any, site: Site) -> None:
    context = new_context(browser, java_script_enabled=False, timezone_id="America/Toronto")
    try:
        page = context.new_page()
        page.goto(site.page_url(WORKSHOP))
        assert "18 h 00" in page.locator("time[data-atelier-start]").inner_text()
        expect(page.locator(".atelier-local-time")).to_be_hidden()
    finally:
        context.close()
