"""Real builds of a small site: the pages that let a reader travel the knowledge base
(taxonomies, equivalent levels, related sheets, backlinks, lessons, questions, coverage, home)
and the machine-readable exports (Atom feeds, api/practices.json, JSON-LD, Open Graph)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from atelier.core import knowledge, related
from atelier.site import feeds
from atelier.site.views import why_related
from conftest import SITE_URL, build_site, community, default_body, make_site, sheet

# -- the site -------------------------------------------------------------------------------

HOME = {"index.md": "---\ntemplate: atelier/home.html\n---\n\n# Accueil\n\nBienvenue.\n"}
LINKS_BODY = default_body() + (
    "\n## Ressources\n\nNous avions essayé [le jeu de fractions](id:jeu-fractions-4e), "
    "voir [la même fiche](jeu-fractions-4e.md) et [son contexte](id:jeu-fractions-4e#contexte).\n"
)
QUESTIONS_BODY = default_body() + (
    "\n## Mes doutes, mes questions\n\nComment répartir les rôles dans un binôme ?\n"
)

# Every sheet, as the keyword arguments of conftest.sheet(); dates all differ.
SHEETS: dict[str, dict[str, Any]] = {
    "questions-6e": {
        "title": "Robots en binômes en 6e",
        "subject": "technologie",
        "level": "fr-6e",
        "tags": ["robots"],
        "outcome": "worked",  # worked, but the author asks a question
        "date": "2025-04-01",
        "what_went_wrong": ["Un élève de chaque binôme a gardé la tablette."],
        "body": QUESTIONS_BODY,
    },
    "debat-4e": {
        "title": "Débat mouvant en 4e : la parole captée",
        "subject": "francais",
        "level": "fr-4e",
        "tags": ["oral", "debat"],
        "challenges": ["oral-participation"],
        "outcome": "mixed",
        "community": "cdp-lettres",
        "related": ["jeu-fractions-4e"],
        "date": "2025-03-14",
        "what_went_wrong": [
            "Trois élèves ont monopolisé la parole.",
            "Les élèves timides ne se sont pas déplacés.",
        ],
        "body": LINKS_BODY,
    },
    "jeu-fractions-4e": {
        "title": "Jeu de cartes sur les fractions",
        "subject": "mathematiques",
        "level": "fr-4e",
        "tags": ["fractions", "jeu"],
        "challenges": ["timing"],
        "outcome": "worked",  # worked, no question: not an open question
        "date": "2025-02-10",
        "what_went_wrong": ["Les règles ont pris vingt minutes à expliquer."],
    },
    "fractions-sec-2": {
        "title": "Situation-problème sur les fractions en 2e secondaire",
        "subject": "mathematiques",
        "level": "qc-sec-2",
        "tags": ["fractions"],
        "outcome": "did-not-work",
        "date": "2025-01-20",
        "what_went_wrong": ["La mise en situation était trop longue à lire."],
    },
    "oral-3e": {
        "title": "Exposés oraux en 3e",
        "subject": "francais",
        "level": "fr-3e",
        "tags": ["oral"],
        "challenges": ["oral-participation", "timing"],
        "community": "cdp-lettres",
        "date": "2024-12-05",
        "what_went_wrong": ["Les exposés ont débordé sur la séance suivante."],
    },
    **{
        f"lecture-4e-{n}": {
            "title": f"Lecture à voix haute en 4e, séance {n}",
            "subject": "francais",
            "level": "fr-4e",
            "tags": ["oral"],
            "date": f"2024-11-0{5 - n}",
            "what_went_wrong": [f"Point numéro {n} : la lecture a traîné."],
        }
        for n in range(1, 5)
    },
    "brouillon-4e": {
        "title": "Un brouillon jamais publié",
        "subject": "francais",
        "level": "fr-4e",
        "tags": ["oral", "secret"],
        "challenges": ["assessment"],
        "outcome": "too-early",
        "status": "draft",
        "date": "2025-05-01",
        "what_went_wrong": ["Ce point de brouillon ne doit apparaître nulle part."],
        "body": default_body() + "\n## Ressources\n\n[Le débat](id:debat-4e)\n",
    },
}
COMMUNITY_NAME = "Atelier Lettres de test"
PUBLISHED = sorted(
    (i for i, f in SHEETS.items() if f.get("status") != "draft"),
    key=lambda i: SHEETS[i]["date"],
    reverse=True,
)
DRAFT = "brouillon-4e"

# taxonomy name → (its URL folder, the sheet field that carries it)
TAXONOMIES = {
    "subject": ("subjects", "subject"),
    "level": ("levels", "level"),
    "community": ("communities", "community"),
    "tag": ("tags", "tags"),
    "challenge": ("challenges", "challenges"),
    "outcome": ("outcomes", "outcome"),
}


def carried(sheet_id: str, key: str) -> list[str]:
    value = SHEETS[sheet_id].get(key)
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def expected_terms(name: str) -> dict[str, list[str]]:
    """Term id → its published sheets, newest first, as the fixture says."""
    terms: dict[str, list[str]] = {}
    for sheet_id in PUBLISHED:
        for term in carried(sheet_id, TAXONOMIES[name][1]):
            terms.setdefault(term, []).append(sheet_id)
    return terms


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browse")
    make_site(
        folder,
        {sheet_id: sheet(**fields) for sheet_id, fields in SHEETS.items()},
        {"cdp-lettres": community(name=COMMUNITY_NAME)},
        docs=HOME,
    )
    return folder


@pytest.fixture(scope="module")
def site(root: Path) -> Path:
    return build_site(root)


@pytest.fixture(scope="module")
def api(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "api" / "practices.json").read_text("utf-8"))
    return data


# -- reading the HTML -----------------------------------------------------------------------

_HREF = re.compile(r'href="([^"]*)"')
_SHEET_PATH = re.compile(r"practices/([a-z0-9-]+)")


def page(site: Path, url: str) -> str:
    """The HTML of a page, by its site-relative directory URL (e.g. levels/fr-4e/)."""
    return (site / url / "index.html").read_text(encoding="utf-8")


def plain(document: str) -> str:
    """Entities decoded, no-break spaces (French typography) made ordinary."""
    return html.unescape(document).replace("\u202f", " ").replace("\u00a0", " ")


def between(document: str, start: str, end: str) -> str:
    """The part of `document` from `start` to the next `end`."""
    begin = document.index(start)
    return document[begin : document.index(end, begin)]


def article(site: Path, url: str) -> str:
    """The page's own content, without Material's header, navigation and footer."""
    return between(page(site, url), '<article class="md-content__inner', "</article>")


def resolve(page_url: str, href: str) -> str | None:
    """The site path (no trailing slash) a relative link of a page leads to; None if external."""
    href = html.unescape(href).split("#")[0]
    if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("/"):
        return None
    return posixpath.normpath(posixpath.join(page_url, href))


def exists(site: Path, path: str) -> bool:
    return (site / path / "index.html").is_file() or (site / path).is_file()


def sheet_links(fragment: str, page_url: str) -> list[str]:
    """The ids of the sheets `fragment` links to, in order (repeats kept)."""
    found = []
    for href in _HREF.findall(fragment):
        match = _SHEET_PATH.fullmatch(resolve(page_url, href) or "")
        if match:
            found.append(match.group(1))
    return found


def first_list(fragment: str) -> str:
    """The first card list of a fragment: a term page's own sheets, before any section."""
    return between(fragment, '<ul class="atelier-cards">', "</ul>")


# -- taxonomy pages -------------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n in TAXONOMIES if n != "community"])
def test_every_taxonomy_has_an_index_listing_its_terms_in_use(site: Path, name: str) -> None:
    folder = TAXONOMIES[name][0]
    index = article(site, f"{folder}/")
    linked = {resolve(f"{folder}/", href) for href in _HREF.findall(index)}
    terms = {f"{folder}/{term}" for term in expected_terms(name)}
    assert linked == terms
    # a page for every term in use, and for no other (the draft's terms have none)
    built = {p.name for p in (site / folder).iterdir() if p.is_dir()}
    assert built == set(expected_terms(name))


@pytest.mark.parametrize("name", list(TAXONOMIES))
def test_every_term_page_lists_exactly_its_sheets(site: Path, name: str) -> None:
    folder = TAXONOMIES[name][0]
    for term, sheets in expected_terms(name).items():
        url = f"{folder}/{term}/"
        assert sheet_links(first_list(article(site, url)), url) == sheets, url


def test_drafts_have_no_term_page_and_are_listed_nowhere(site: Path) -> None:
    assert not (site / "tags" / "secret").exists()
    assert not (site / "challenges" / "assessment").exists()
    assert not (site / "outcomes" / "too-early").exists()
    assert not (site / "practices" / DRAFT).exists()
    for path in site.rglob("*.html"):
        assert "Un brouillon jamais publié" not in path.read_text("utf-8"), path


def test_a_level_page_shows_the_equivalent_level_of_the_other_system(site: Path) -> None:
    url = "levels/qc-sec-2/"
    shown = article(site, url)
    assert sheet_links(first_list(shown), url) == ["fractions-sec-2"]
    sections = re.findall(r'<section class="atelier-section([^"]*)">(.*?)</section>', shown, re.S)
    assert len(sections) == 1
    classes, section = sections[0]
    assert "atelier-section--equivalent" in classes
    heading = plain(between(section, "<h2>", "</h2>"))
    assert "Niveau équivalent, France : Quatrième (4e, collège)" in heading
    assert resolve(url, _HREF.findall(heading)[0]) == "levels/fr-4e"
    assert sheet_links(first_list(section), url) == expected_terms("level")["fr-4e"]
    # and the other way round
    back = article(site, "levels/fr-4e/")
    assert "Niveau équivalent, Québec : 2e secondaire" in plain(back)
    assert "fractions-sec-2" in sheet_links(back, "levels/fr-4e/")


def test_term_pages_show_vocabulary_labels(site: Path) -> None:
    assert "<h1>Mathématiques</h1>" in article(site, "subjects/mathematiques/")
    assert "<h1>Quatrième (4e, collège)</h1>" in article(site, "levels/fr-4e/")
    assert "<h1>Ça n&#39;a pas marché</h1>" in article(site, "outcomes/did-not-work/")


# -- sheet pages: related sheets, backlinks, links ------------------------------------------


def related_items(site: Path, sheet_id: str) -> list[tuple[str, str]]:
    """(id, explanation) of each link under « Fiches proches »."""
    url = f"practices/{sheet_id}/"
    document = page(site, url)
    if 'class="atelier-related"' not in document:
        return []
    section = between(document, '<section class="atelier-related"', "</section>")
    assert ">Fiches proches</h2>" in section
    items = re.findall(
        r'<li[^>]*><a href="([^"]*)">.*?</a> <span class="atelier-why">— (.*?)</span></li>',
        section,
        re.S,
    )
    return [(sheet_links(f'href="{href}"', url)[0], plain(why)) for href, why in items]


def backlink_ids(site: Path, sheet_id: str) -> list[str]:
    url = f"practices/{sheet_id}/"
    document = page(site, url)
    if 'class="atelier-backlinks"' not in document:
        return []
    section = between(document, '<section class="atelier-backlinks"', "</section>")
    assert ">Cité par</h2>" in section
    return sheet_links(section, url)


def test_a_sheet_page_shows_five_related_sheets_with_why(site: Path) -> None:
    same = "même niveau · même discipline · 1 mot-clé commun"
    assert related_items(site, "debat-4e") == [
        ("jeu-fractions-4e", "choisie par l'auteur·rice"),
        *((f"lecture-4e-{n}", same) for n in range(1, 5)),
    ]  # oral-3e scores less (7 < 8) and the draft is never proposed


def test_every_sheet_page_shows_its_computed_related_sheets(root: Path, site: Path) -> None:
    kb, report = knowledge.load(root)
    assert report.errors == []
    computed = related.compute(kb)
    for sheet_id in PUBLISHED:
        shown = related_items(site, sheet_id)
        assert len(shown) <= 5
        expected = [(item.id, why_related(item, "fr")) for item in computed[sheet_id]]
        assert shown == expected, sheet_id
        assert DRAFT not in [i for i, _ in shown]


def test_an_equivalent_level_is_explained(site: Path) -> None:
    whys = dict(related_items(site, "fractions-sec-2"))
    assert whys["jeu-fractions-4e"] == (
        "niveau équivalent (autre système scolaire) · même discipline · 1 mot-clé commun"
    )


def test_cited_by_lists_the_citing_sheet_once(site: Path) -> None:
    # debat-4e cites it by `related`, by an id: link, by a file link and by an anchored link
    assert backlink_ids(site, "jeu-fractions-4e") == ["debat-4e"]
    assert backlink_ids(site, "debat-4e") == []  # the draft's link does not count
    assert "Cité par" not in page(site, "practices/oral-3e/")


def test_body_links_to_sheets_are_rewritten_to_working_links(site: Path) -> None:
    url = "practices/debat-4e/"
    body = between(page(site, url), '<div class="atelier-body">', '<section class="atelier-rel')
    # the paragraph under the heading (the heading itself holds its permalink, "#ressources")
    resources = between(body, '<h2 id="ressources">', "</p>").split("</h2>", 1)[1]
    hrefs = [html.unescape(h) for h in _HREF.findall(resources)]
    assert len(hrefs) == 3
    assert not [h for h in hrefs if "id:" in h or h.endswith(".md")]
    for href in hrefs:
        target = resolve(url, href)
        assert target == "practices/jeu-fractions-4e"
        assert exists(site, target)
    assert hrefs[2].endswith("#contexte")
    assert 'id="contexte"' in page(site, "practices/jeu-fractions-4e/")


# -- lessons, questions, coverage, home -----------------------------------------------------


def test_lessons_hold_every_point_of_every_published_sheet(site: Path) -> None:
    url = "lessons/"
    shown = article(site, url)
    points = re.findall(
        r'<li lang="\w+">(.*?) <a class="atelier-source" href="([^"]*)">', shown, re.S
    )
    found = {(plain(text), sheet_links(f'href="{href}"', url)[0]) for text, href in points}
    for _, href in points:
        assert exists(site, resolve(url, href) or "")
    expected = {
        (point, sheet_id) for sheet_id in PUBLISHED for point in SHEETS[sheet_id]["what_went_wrong"]
    }
    assert found == expected
    assert "ne doit apparaître nulle part" not in shown


def test_open_questions_list_questions_and_failures_newest_first(site: Path) -> None:
    url = "questions/"
    shown = article(site, url)
    assert sheet_links(shown, url) == ["questions-6e", "fractions-sec-2"]
    assert "Comment répartir les rôles dans un binôme ?" in plain(shown)
    assert "Ça n'a pas marché" in plain(shown)  # the outcome of fractions-sec-2


def test_coverage_cells_count_and_link_to_the_filtered_search(site: Path) -> None:
    url = "coverage/"
    shown = article(site, url)
    cells = re.findall(r'<td><a href="([^"]*)">(\d+)</a></td>', shown)
    expected: dict[tuple[str, str], list[str]] = {}
    for sheet_id in PUBLISHED:
        for subject in carried(sheet_id, "subject"):
            for level in carried(sheet_id, "level"):
                expected.setdefault((subject, level), []).append(sheet_id)
    seen = {}
    for href, count in cells:
        match = re.fullmatch(r"\.\./search/\?subject=([a-z0-9-]+)&amp;level=([a-z0-9-]+)", href)
        assert match, href
        seen[(match.group(1), match.group(2))] = int(count)
    assert seen == {cell: len(ids) for cell, ids in expected.items()}
    subjects, levels = expected_terms("subject"), expected_terms("level")
    empty = shown.count('<td class="atelier-empty">0</td>')
    assert empty + len(cells) == len(subjects) * len(levels)


def test_the_home_page_shows_the_latest_sheets(site: Path) -> None:
    shown = article(site, "")
    assert "Bienvenue." in shown  # the hand-written text comes first
    latest = between(shown, ">Dernières fiches</h2>", "</ul>")
    assert sheet_links(latest, "") == PUBLISHED[:6]
    assert f"{len(PUBLISHED)} fiches" in plain(shown)


# -- feeds and open data --------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(path: Path) -> list[str]:
    """The titles of the entries of an Atom feed, in order."""
    feed = ET.parse(path).getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}updated") is not None
    return [entry.findtext(f"{ATOM}title", "") for entry in feed.findall(f"{ATOM}entry")]


def test_the_site_feed_has_one_entry_per_published_sheet(site: Path) -> None:
    assert entries(site / "feed.xml") == [SHEETS[i]["title"] for i in PUBLISHED][:50]


def test_the_feed_keeps_the_newest_fifty(root: Path, tmp_path: Path) -> None:
    kb, _ = knowledge.load(root)
    model = kb.sheets["oral-3e"]
    many = [
        dataclasses.replace(model, id=f"copie-{n:02d}", title=f"Copie {n:02d}",
                            date=dt.date(2020, 1, 1) + dt.timedelta(days=n))
        for n in range(60)
    ]  # fmt: skip
    feed = feeds.atom_feed(many, title="T", feed_path="feed.xml", site_url=None, lang="fr")
    path = tmp_path / "many.xml"
    path.write_text(feed, encoding="utf-8")
    assert entries(path) == [f"Copie {n:02d}" for n in range(59, 9, -1)]


def test_each_community_has_its_feed(site: Path) -> None:
    shared = expected_terms("community")["cdp-lettres"]
    assert entries(site / "communities" / "cdp-lettres" / "feed.xml") == [
        SHEETS[i]["title"] for i in shared
    ]


def test_the_api_has_every_published_sheet_with_its_fields(api: dict[str, Any]) -> None:
    practices = api["practices"]
    assert [p["id"] for p in practices] == PUBLISHED
    fields = {"id", "title", "url", "summary", "subject", "level", "community", "tags",
              "what_went_wrong", "related", "referenced_by"}  # fmt: skip
    for practice in practices:
        assert fields <= set(practice)
        fixture = SHEETS[practice["id"]]
        assert practice["title"] == fixture["title"]
        assert practice["url"] == f"{SITE_URL}practices/{practice['id']}/"
        assert practice["what_went_wrong"] == fixture["what_went_wrong"]
        for name in ("subject", "level", "community", "tags"):
            assert practice[name] == carried(practice["id"], TAXONOMIES.get(name, ("", name))[1])
    by_id = {p["id"]: p for p in practices}
    assert by_id["jeu-fractions-4e"]["referenced_by"] == ["debat-4e"]
    assert by_id["debat-4e"]["related"][0] == "jeu-fractions-4e"


def test_the_api_taxonomies_match_the_fixture(api: dict[str, Any]) -> None:
    taxonomies = api["taxonomies"]
    assert set(taxonomies) == set(TAXONOMIES)
    for name, (folder, _) in TAXONOMIES.items():
        terms = taxonomies[name]
        assert {i: t["practices"] for i, t in terms.items()} == expected_terms(name), name
        for term_id, term in terms.items():
            assert set(term) >= {"label", "url", "practices"}
            assert term["url"] == f"{SITE_URL}{folder}/{term_id}/"
    assert taxonomies["subject"]["mathematiques"]["label"] == "Mathématiques"
    assert taxonomies["community"]["cdp-lettres"]["label"] == COMMUNITY_NAME


def test_the_api_is_consistent_with_the_pages(site: Path, api: dict[str, Any]) -> None:
    for practice in api["practices"]:
        url = practice["url"].removeprefix(SITE_URL)
        assert exists(site, url)
        assert f"<h1>{practice['title']}</h1>" in plain(article(site, url))
        assert practice["related"] == [i for i, _ in related_items(site, practice["id"])]
        assert practice["referenced_by"] == backlink_ids(site, practice["id"])
    for name, terms in api["taxonomies"].items():
        for term in terms.values():
            url = term["url"].removeprefix(SITE_URL)
            shown = article(site, url)
            if name == "community":
                shown = between(shown, 'id="atelier-shared-title"', "</section>")
            assert sheet_links(first_list(shown), url) == term["practices"], url


def test_each_sheet_page_has_json_ld_and_open_graph(site: Path) -> None:
    for sheet_id in PUBLISHED:
        document = page(site, f"practices/{sheet_id}/")
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', document, re.S)
        assert len(scripts) == 1, sheet_id
        data = json.loads(scripts[0])
        assert data["@type"] == "LearningResource"
        assert data["name"] == SHEETS[sheet_id]["title"]
        og = re.findall(r'<meta property="og:title" content="([^"]*)">', document)
        assert [html.unescape(v) for v in og] == [SHEETS[sheet_id]["title"]]


# -- broken links stop the build ------------------------------------------------------------


def errors_logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.levelname == "ERROR")


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_a_link_to_an_unknown_id_fails_the_build(
    tmp_path: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    text = sheet(body=default_body() + "\n## Ressources\n\nVoir [ailleurs](id:nulle-part-xyz).\n")
    make_site(tmp_path, {"fiche": text})
    with pytest.raises(Abort):
        build_site(tmp_path)
    line = line_of(text, "id:nulle-part-xyz")
    assert (
        f"practices/fiche.md:{line}: le lien « id:nulle-part-xyz » renvoie à une fiche qui "
        "n'existe pas" in errors_logged(mkdocs_logs)
    )
    assert not (tmp_path / "site" / "practices" / "fiche" / "index.html").exists()


def test_a_published_sheet_linking_to_a_draft_fails_the_build(
    tmp_path: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    text = sheet(body=default_body() + "\n## Ressources\n\n[Le brouillon](brouillon.md)\n")
    make_site(tmp_path, {"publiee": text, "brouillon": sheet(title="B", status="draft")})
    with pytest.raises(Abort):
        build_site(tmp_path)
    line = line_of(text, "(brouillon.md)")
    assert (
        f"practices/publiee.md:{line}: « brouillon » est un brouillon, non publié"
        in errors_logged(mkdocs_logs)
    )


def test_a_tag_named_index_is_built_or_refused_in_its_sheet(
    tmp_path: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    make_site(tmp_path, {"a": sheet(tags=["index"])})
    try:
        site = build_site(tmp_path)
    except Abort:
        # refusing the tag is fine, if the contributor is told which sheet to fix
        assert "practices/a.md" in errors_logged(mkdocs_logs)
    else:
        index = article(site, "tags/")
        term = [resolve("tags/", h) for h in _HREF.findall(index)]
        assert len(term) == 1 and term[0] is not None and exists(site, term[0])
        assert sheet_links(first_list(article(site, term[0] + "/")), term[0] + "/") == ["a"]


# -- scale: a sheet page does not grow with the knowledge base ------------------------------


def similar_site(folder: Path, count: int) -> Path:
    sheets = {"cible": sheet(title="La fiche mesurée", tags=["oral"], date="2025-01-01")}
    for n in range(count - 1):
        sheets[f"similaire-{n:02d}"] = sheet(
            title=f"Fiche similaire numéro {n:02d}",
            tags=["oral"],
            date=f"2024-{n % 12 + 1:02d}-{n // 12 + 1:02d}",
        )
    folder.mkdir()
    make_site(folder, sheets)
    return build_site(folder)


@pytest.mark.slow  # two sites of 3 and 30 sheets
def test_a_sheet_page_does_not_grow_with_the_number_of_sheets(tmp_path: Path) -> None:
    small = similar_site(tmp_path / "small", 3)
    large = similar_site(tmp_path / "large", 30)
    assert len(related_items(small, "cible")) == 2
    assert len(related_items(large, "cible")) == 5
    sizes = [
        len((site / "practices" / "cible" / "index.html").read_bytes()) for site in (small, large)
    ]
    assert abs(sizes[1] - sizes[0]) < 2048, sizes


# -- long listings are cut into pages ---------------------------------------------------------


@pytest.mark.slow  # 105 sheets
def test_long_listings_are_paged(tmp_path: Path) -> None:
    sheets = {
        f"fiche-{n:02d}": sheet(title=f"Fiche numéro {n}", date=f"2025-01-{n % 28 + 1:02d}")
        for n in range(105)
    }
    site = build_site(make_site(tmp_path, sheets))
    first, second = article(site, "practices/"), article(site, "practices/page/2/")
    on_first = sheet_links(first, "practices/")
    on_second = sheet_links(second, "practices/page/2/")
    assert len(on_first) == 100 and len(on_second) == 5
    assert sorted(on_first + on_second) == sorted(sheets)
    assert 'rel="next" href="page/2/"' in first
    assert 'rel="prev" href="../../"' in second
    assert "105 fiches" in first
    subject = article(site, "subjects/francais/page/2/")
    assert len(sheet_links(subject, "subjects/francais/page/2/")) == 5
