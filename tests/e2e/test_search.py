"""The search page in a real browser: Pagefind bundles, facets with counts, shareable addresses,
the header form, the keyboard, and sheets that read without JavaScript."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from atelier.site.strings import STRINGS
from conftest import pagefind_records, sheet

from .conftest import (
    QUERY,
    RESULTS,
    SHEETS,
    STATUS,
    Problems,
    Site,
    expect_results,
    found,
    new_context,
    open_search,
    shown,
    tick,
    titles,
    with_value,
)


def badge(page: Any, facet: str, value: str) -> int:
    """The count shown beside a facet value."""
    return int(page.locator(f'[data-count="{facet}:{value}"]').text_content() or "")


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


# -- 1. typing finds sheets, with each language's stemmer ---------------------------------------


def test_a_word_of_the_body_finds_its_sheet(page: Any, site: Site) -> None:
    open_search(page, site)
    page.fill(QUERY, "pictogrammes")
    expect_results(page, titles("emploi-du-temps-cm1"))


def test_a_workshop_is_found_and_said_to_be_one(page: Any, site: Site) -> None:
    """Workshops are indexed too; their result says « Atelier », a sheet's does not."""
    open_search(page, site)
    page.fill(QUERY, "codéveloppement")
    expect_results(page, {"Séance de janvier : la parole dans le débat mouvant"})
    expect(page.locator(f"{RESULTS} .atelier-result__meta").first).to_have_text(
        re.compile(r"^Atelier\b")
    )
    page.fill(QUERY, "pictogrammes")
    expect_results(page, titles("emploi-du-temps-cm1"))
    assert (
        not page.locator(f"{RESULTS} .atelier-result__meta")
        .first.inner_text()
        .startswith("Atelier")
    )


@pytest.mark.parametrize(
    ("query", "form", "sheet_id"),
    [
        # French (Snowball): "monopolisaient" and "monopolisé(e)" share the stem "monopolis".
        ("monopolisaient", "monopolisé", "debat-mouvant-4e"),
        # English: the singular finds the plural written in the body.
        ("checklist", "checklists", "lab-report-peer-review-sec-2"),
    ],
)
def test_an_inflected_form_finds_the_sheet(
    page: Any, site: Site, query: str, form: str, sheet_id: str
) -> None:
    text = sheet(**SHEETS[sheet_id])
    # The test is about stemming: the sheet holds another form of the word, not the query.
    assert form.casefold() in words(text)
    assert query.casefold() not in words(text)
    open_search(page, site)
    page.fill(QUERY, query)
    expect_results(page, titles(sheet_id))


# -- 2, 3. facets narrow, and their counts follow ---------------------------------------------


def test_a_level_narrows_to_its_sheets_and_counts_agree(page: Any, site: Site) -> None:
    open_search(page, site)
    expected = with_value("level", "fr-4e")
    assert len(expected) == 5
    tick(page, "level", "fr-4e")
    expect_results(page, titles(*expected))
    assert page.locator(RESULTS).count() == len(expected)
    assert badge(page, "level", "fr-4e") == len(expected)
    # Every other facet counts what the results hold.
    for facet, value in [("subject", "francais"), ("subject", "mathematiques"),
                         ("subject", "sciences-technologie"), ("lang", "fr"), ("lang", "en"),
                         ("community", "cdp-lettres"), ("community", "cdp-maths-qc")]:  # fmt: skip
        in_results = len(expected & with_value(facet, value))
        assert badge(page, facet, value) == in_results, f"{facet}:{value}"


@pytest.mark.parametrize(
    ("level", "subject", "expected"),
    [
        ("fr-4e", "mathematiques", {"jeu-fractions-4e", "tables-de-verite-4e"}),
        # One French and one English sheet: both bundles answer and their results merge.
        ("qc-sec-2", "sciences-technologie", {"germination-sec-2", "lab-report-peer-review-sec-2"}),
    ],
)
def test_two_facets_narrow_to_their_intersection(
    page: Any, site: Site, level: str, subject: str, expected: set[str]
) -> None:
    assert with_value("level", level) & with_value("subject", subject) == expected
    open_search(page, site)
    tick(page, "level", level)
    expect_results(page, titles(*with_value("level", level)))
    tick(page, "subject", subject)
    expect_results(page, titles(*expected))
    assert badge(page, "subject", subject) == len(expected)
    assert badge(page, "level", level) == len(expected)


def test_the_index_in_parts_answers_as_one(site: Site) -> None:
    """The fixture's index is written in several Pagefind runs (as a large site's is, to bound
    Pagefind's memory), merged by the search page: every test of this file runs across them."""
    manifest = json.loads((site.root / "pagefind" / "languages.json").read_text("utf-8"))
    [bundle] = manifest["bundles"]
    assert bundle["path"] == "all/" and len(bundle["more"]) >= 2
    parts = ["all/", *bundle["more"]]
    held = [set(pagefind_records(site.root, "pagefind/" + part)) for part in parts]
    # every sheet and the workshop once, and a page of the other parts' words in each part
    assert sorted(url for urls in held for url in urls if url != "/words.html") == sorted(
        [f"/practices/{sheet_id}/" for sheet_id in SHEETS]
        + ["/workshops/2026-01-15-seance-de-janvier/"]
    )
    assert all("/words.html" in urls for urls in held)


def test_browsing_by_facets_alone_lists_the_newest_first(page: Any, site: Site) -> None:
    """No words, a facet ticked: the newest sheets first, across the parts of the index."""
    open_search(page, site)
    expected = with_value("lang", "fr")
    tick(page, "lang", "fr")
    by_date = sorted(expected, key=lambda sheet_id: str(SHEETS[sheet_id]["date"]), reverse=True)
    assert len(by_date) > 10  # more than the ten results the page shows at first
    expect(page.locator(STATUS)).to_have_text(found(len(by_date)))
    assert shown(page) == [str(SHEETS[sheet_id]["title"]) for sheet_id in by_date[:10]]


# -- 4. a result opens its sheet ------------------------------------------------------------


def test_a_result_opens_the_sheet(page: Any, site: Site) -> None:
    open_search(page, site)
    page.fill(QUERY, "pictogrammes")
    title = str(SHEETS["emploi-du-temps-cm1"]["title"])
    expect_results(page, {title})
    page.locator(RESULTS).locator("a", has_text=title).click()
    page.wait_for_url(site.page_url("practices/emploi-du-temps-cm1/"))
    expect(page.locator("h1")).to_have_text(title)


# -- 5. a shared address restores the view ----------------------------------------------------


def test_a_shared_address_restores_query_facets_and_results(page: Any, site: Site) -> None:
    open_search(page, site, "?q=lecture&level=qc-sec-2")
    expect(page.locator(QUERY)).to_have_value("lecture")
    expect(page.locator("#f-level-qc-sec-2")).to_be_checked()
    expect(page.locator("#f-level-fr-4e")).not_to_be_checked()
    # The ticked value is in sight: its disclosure is open.
    expect(page.locator('details[data-facet="level"]')).to_have_attribute("open", "")
    expect_results(page, titles("cercles-lecture-sec-2"))


def test_an_address_value_the_page_does_not_list_gets_its_checkbox(page: Any, site: Site) -> None:
    """Tags and communities list their most used values only: a shared address holding
    another one shows it ticked (so it can be unticked); a value that is no id is dropped."""
    tagged = with_value("level", "fr-4e")
    open_search(page, site, "?tag=pas-dans-la-liste&tag=%3Cb%3Ex%3C%2Fb%3E&level=fr-4e")
    added = page.locator("#f-tag-pas-dans-la-liste")
    expect(added).to_be_checked()
    expect(
        page.locator('details[data-facet="tag"] label[for="f-tag-pas-dans-la-liste"]')
    ).to_have_text("pas-dans-la-liste")
    assert page.locator('details[data-facet="tag"] input[value="<b>x</b>"]').count() == 0
    expect(page.locator(STATUS)).to_have_text(STRINGS["fr"]["search_none"])
    expect(page.locator(RESULTS)).to_have_count(0)
    added.uncheck()
    expect_results(page, titles(*tagged))
    expect(page).to_have_url(re.compile(r"/search/\?level=fr-4e$"))


def test_ticking_writes_the_view_into_the_address(page: Any, site: Site) -> None:
    open_search(page, site)
    page.fill(QUERY, "lecture")
    expect_results(page, titles("cercles-lecture-sec-2", "lecture-offerte-4e"))
    tick(page, "level", "fr-4e")
    expect_results(page, titles("lecture-offerte-4e"))
    expect(page).to_have_url(re.compile(r"/search/\?q=lecture&level=fr-4e$"))


# -- 6. the header form of every page -------------------------------------------------------


def test_the_header_form_searches_from_any_page(page: Any, site: Site) -> None:
    page.goto(site.page_url("levels/fr-4e/"))
    page.fill("#atelier-header-q", "pictogrammes")
    page.press("#atelier-header-q", "Enter")
    page.wait_for_url(site.page_url("search/?q=pictogrammes"))
    expect(page.locator(QUERY)).to_have_value("pictogrammes")
    expect_results(page, titles("emploi-du-temps-cm1"))


# -- 7. the keyboard alone -------------------------------------------------------------------


def tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    target = page.locator(selector)
    for _ in range(limit):
        if target.evaluate("node => node === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"{selector} never got the focus after {limit} presses of Tab")


def test_the_keyboard_alone_searches_and_filters(page: Any, site: Site) -> None:
    open_search(page, site)
    tab_to(page, QUERY)
    page.keyboard.type("lecture")
    expect_results(page, titles("cercles-lecture-sec-2", "lecture-offerte-4e"))
    tab_to(page, 'details[data-facet="level"] > summary')
    page.keyboard.press("Enter")  # opens the disclosure
    tab_to(page, "#f-level-qc-sec-2")
    page.keyboard.press("Space")
    expect(page.locator("#f-level-qc-sec-2")).to_be_checked()
    expect_results(page, titles("cercles-lecture-sec-2"))


# -- 8. reading needs no JavaScript -----------------------------------------------------------


def test_a_sheet_reads_without_javascript(browser: Any, site: Site) -> None:
    context = new_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.page_url("practices/emploi-du-temps-cm1/"))
        fields = SHEETS["emploi-du-temps-cm1"]
        expect(page.locator("h1")).to_have_text(str(fields["title"]))
        for point in fields["what_went_wrong"]:
            expect(page.get_by_text(point, exact=True)).to_be_visible()
        expect(page.get_by_text("des pictogrammes pour chaque moment")).to_be_visible()
        # The search page says where to browse instead.
        page.goto(site.page_url("search/"))
        expect(page.locator(".md-content").get_by_role("link", name="Niveaux")).to_be_visible()
    finally:
        context.close()


# -- the page itself --------------------------------------------------------------------------


def test_the_search_page_loads_without_errors(page: Any, site: Site, problems: Problems) -> None:
    open_search(page, site, "?q=pictogrammes")
    expect_results(page, titles("emploi-du-temps-cm1"))
    assert not (problems.errors or problems.failed), str(problems)
