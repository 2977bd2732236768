"""Browser tests: one small Atelier site built per session, served on loopback, read by Chromium.

The site is built in-process (MkDocs' ``load_config`` + ``build``, as tests/conftest.py does),
with Atelier's own search (Pagefind) and Material's search plugin off, as in the real site.
Chromium is Debian's (/usr/bin/chromium): Playwright never downloads a browser here. What the
browser tests need and the rest of the suite does not (chromium, Java, vnu.jar) is installed by
`make browser-deps`; a missing piece fails these tests with a message that says so.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect, sync_playwright

from conftest import (
    OVERRIDES,
    REPO,
    SECTIONS_EN,
    SECTIONS_FR,
    build_config,
    community,
    load_site_config,
    repo_config,
    sheet,
    write_files,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VNU_JAR = REPO / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MISSING = "{what} is missing: run `make browser-deps` (it installs what the browser tests need)."

# -- the fixture site --------------------------------------------------------------------------

HOME = "---\ntemplate: atelier/home.html\n---\n\n# Atelier de test\n\nBienvenue dans l'atelier.\n"

COMMUNITIES = {
    "cdp-lettres": {"name": "Atelier Lettres de test"},
    "cdp-maths-qc": {
        "name": "Communauté mathématique de la Capitale",
        "domain": "Enseigner les mathématiques au secondaire, au Québec.",
        "region": "qc",
        "contact": "https://example.org/cdp-maths/inscription",
    },
}


def _body(lang: str, story: str) -> str:
    """A body with every recommended section; `story` is the text of "What I did"."""
    headings = SECTIONS_EN if lang == "en" else SECTIONS_FR
    filler = "A short paragraph." if lang == "en" else "Un court paragraphe de récit."
    return "".join(
        f"\n## {heading}\n\n{story if number == 3 else filler}\n"
        for number, heading in enumerate(headings, start=1)
    )


# Every sheet, as the keyword arguments of tests/conftest.sheet(); dates all differ. Titles are
# never a substring of one another, so a title found in a result names exactly one sheet.
SHEETS: dict[str, dict[str, Any]] = {
    # fr-4e: 2 French, 2 maths, 1 sciences.
    "debat-mouvant-4e": {
        "title": "Débat mouvant : la parole monopolisée",
        "subject": "francais",
        "level": "fr-4e",
        "community": "cdp-lettres",
        "tags": ["oral", "debat"],
        "outcome": "mixed",
        "challenges": ["oral-participation"],
        "date": "2025-03-14",
        "what_went_wrong": [
            "Trois élèves ont monopolisé la parole pendant tout le débat.",
            "Les élèves timides ne sont pas allés d'un côté à l'autre de la salle.",
        ],
    },
    "lecture-offerte-4e": {
        "title": "Lecture offerte chaque lundi en quatrième",
        "subject": "francais",
        "level": "fr-4e",
        "community": "cdp-lettres",
        "tags": ["lecture"],
        "outcome": "worked",
        "date": "2025-03-10",
        "what_went_wrong": ["Le lundi matin, la moitié de la classe arrivait en retard."],
    },
    "jeu-fractions-4e": {
        "title": "Jeu de cartes sur les fractions",
        "subject": "mathematiques",
        "level": "fr-4e",
        "tags": ["fractions", "jeu"],
        "outcome": "worked",
        "challenges": ["timing"],
        "date": "2025-02-10",
        "what_went_wrong": ["Les règles ont pris vingt minutes à expliquer."],
    },
    "tables-de-verite-4e": {
        "title": "Problèmes ouverts en binômes au collège",
        "subject": "mathematiques",
        "level": "fr-4e",
        "tags": ["resolution-de-problemes"],
        "outcome": "did-not-work",
        "date": "2025-02-03",
        "what_went_wrong": ["Les binômes ont attendu la correction sans chercher."],
    },
    "maquette-volcan-4e": {
        "title": "Maquette de volcan et démarche d'investigation",
        "subject": "sciences-technologie",
        "level": "fr-4e",
        "tags": ["investigation"],
        "outcome": "mixed",
        "date": "2025-01-28",
        "what_went_wrong": ["La réaction a débordé sur les tables du fond."],
    },
    # qc-sec-2: French, maths, sciences (plus two English sheets below).
    "cercles-lecture-sec-2": {
        "title": "Cercles de lecture en 2e secondaire",
        "subject": "francais",
        "level": "qc-sec-2",
        "tags": ["lecture"],
        "outcome": "worked",
        "date": "2025-01-20",
        "what_went_wrong": ["Un cercle sur quatre n'avait pas lu le chapitre."],
    },
    "situation-probleme-sec-2": {
        "title": "Situation-problème sur les proportions au secondaire",
        "subject": "mathematiques",
        "level": "qc-sec-2",
        "community": "cdp-maths-qc",
        "tags": ["proportions"],
        "outcome": "did-not-work",
        "challenges": ["instructions"],
        "date": "2025-01-15",
        "what_went_wrong": ["La mise en situation était trop longue à lire."],
    },
    "germination-sec-2": {
        "title": "Suivre une germination pendant trois semaines",
        "subject": "sciences-technologie",
        "level": "qc-sec-2",
        "community": "cdp-maths-qc",
        "tags": ["investigation"],
        "outcome": "too-early",
        "date": "2025-01-10",
        "what_went_wrong": ["Les graines ont moisi pendant les vacances."],
    },
    # fr-cm1: French (the sheet with the distinctive body word), maths, sciences.
    "emploi-du-temps-cm1": {
        "title": "Un emploi du temps visuel pour la classe",
        "subject": "francais",
        "level": "fr-cm1",
        "tags": ["autonomie"],
        "outcome": "worked",
        "date": "2024-12-12",
        "what_went_wrong": ["Les cartes se décollaient du tableau."],
        "body": _body(
            "fr",
            "J'ai affiché au tableau des pictogrammes pour chaque moment de la journée.",
        ),
    },
    "calcul-mental-cm1": {
        "title": "Calcul mental en rituel du matin",
        "subject": "mathematiques",
        "level": "fr-cm1",
        "community": "cdp-lettres",
        "tags": ["rituel"],
        "outcome": "mixed",
        "date": "2024-12-05",
        "what_went_wrong": ["Le rituel a débordé sur la séance suivante."],
    },
    "defi-flottaison-cm1": {
        "title": "Défi flottaison avec de la pâte à modeler",
        "subject": "sciences-technologie",
        "level": "fr-cm1",
        "tags": ["investigation"],
        "outcome": "worked",
        "date": "2024-11-28",
        "what_went_wrong": ["L'eau a coulé jusque sous les cahiers."],
    },
    # fr-6e: one more French sheet.
    "dictee-negociee-6e": {
        "title": "Dictée négociée en sixième",
        "subject": "francais",
        "level": "fr-6e",
        "tags": ["orthographe"],
        "outcome": "mixed",
        "date": "2024-11-20",
        "what_went_wrong": ["Les groupes de quatre se sont disputés sur les accords."],
    },
    # English sheets.
    "lab-report-peer-review-sec-2": {
        "lang": "en",
        "title": "Peer review of lab reports in Secondary 2",
        "summary": "Students reviewed each other's lab reports; the feedback stayed vague.",
        "subject": "sciences-technologie",
        "level": "qc-sec-2",
        "community": "cdp-maths-qc",
        "tags": ["feedback"],
        "outcome": "mixed",
        "date": "2024-11-14",
        "what_went_wrong": ["Most comments said 'good job' and nothing else."],
        "body": _body("en", "Each pair got two checklists and swapped their reports."),
    },
    "number-talks-sec-2": {
        "lang": "en",
        "title": "Number talks to start the lesson",
        "summary": "Five minutes of mental maths to open each lesson.",
        "subject": "mathematiques",
        "level": "qc-sec-2",
        "tags": ["mental-math"],
        "outcome": "worked",
        "date": "2024-11-07",
        "what_went_wrong": ["The same three students answered every time."],
    },
    "reading-journals-cm1": {
        "lang": "en",
        "title": "Reading journals in a bilingual class",
        "summary": "Each student kept a journal of the books read at home.",
        "subject": "francais",
        "level": "fr-cm1",
        "tags": ["reading"],
        "outcome": "too-early",
        "date": "2024-10-30",
        "what_went_wrong": ["Half of the journals stayed at home."],
    },
}


@dataclass(frozen=True)
class Site:
    """The built fixture site, served over HTTP on loopback."""

    root: Path  # the built site/ folder
    url: str  # its address, with a trailing slash

    def page_url(self, path: str) -> str:
        """The address of a site path such as ``practices/x/`` or ``search/?q=a``."""
        return self.url + path.lstrip("/")


def titles(*ids: str) -> set[str]:
    """The titles of some fixture sheets."""
    return {str(SHEETS[i]["title"]) for i in ids}


def with_value(facet: str, value: str) -> set[str]:
    """The ids of the fixture sheets carrying one facet value (level, subject, lang…)."""
    found = set()
    for sheet_id, fields in SHEETS.items():
        held = fields.get("tags" if facet == "tag" else facet, "fr" if facet == "lang" else None)
        held = held if isinstance(held, list) else [held]
        if value in held:
            found.add(sheet_id)
    return found


def site_config() -> dict[str, Any]:
    """The repository's mkdocs.yml, pointed at the fixture: same theme, features and Markdown."""
    config = repo_config()
    config.update(
        site_name="Atelier de test",
        site_url="https://example.org/atelier/",
        repo_url="https://github.com/example/atelier",
        docs_dir="docs",
        plugins=["atelier"],  # Atelier's search (Pagefind); Material's search plugin is off
        nav=[
            {"Accueil": "index.md"},
            {"Rechercher": "search.md"},
            {
                "Parcourir": [
                    {"Toutes les fiches": "practices/index.md"},
                    {"Niveaux": "levels/index.md"},
                    {"Disciplines": "subjects/index.md"},
                ]
            },
        ],
    )
    config["theme"]["custom_dir"] = str(OVERRIDES)
    config.pop("validation", None)
    return config


def build(folder: Path, config: dict[str, Any], docs: dict[str, str]) -> Path:
    """Write mkdocs.yml and docs/ into `folder`, build in-process into folder/site."""
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    write_files(folder / "docs", docs)
    site = folder / "site"
    build_config(load_site_config(folder / "mkdocs.yml", site))
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site, built once per session; returns its site/ folder."""
    folder = tmp_path_factory.mktemp("atelier-e2e")
    write_files(
        folder / "practices",
        {f"{sheet_id}.md": sheet(**fields) for sheet_id, fields in SHEETS.items()},
    )
    write_files(
        folder / "communities",
        {f"{cid}.md": community(**fields) for cid, fields in COMMUNITIES.items()},
    )
    write_files(folder / "workshops", {"2026-01-15-seance-de-janvier.md": WORKSHOP})
    # The index in several parts, as on a large site (search_index.IndexJob), merged by the
    # search page: every search test runs across them.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ATELIER_SEARCH_PART", str(SEARCH_PART))
        return build(folder, site_config(), {"index.md": HOME})


SEARCH_PART = 10_000  # characters of search records a Pagefind run indexes (some 4 parts here)


# A held workshop with its retour: the workshop page, the index and the printable pack.
WORKSHOP = """\
---
title: "Séance de janvier : la parole dans le débat mouvant"
summary: "Une consultation en codéveloppement sur un débat où trois élèves parlaient pour tous."
community: cdp-lettres
start: 2026-01-15T18:00:00+01:00
end: 2026-01-15T19:30:00+01:00
timezone: Europe/Paris
place: "Salle des professeurs"
facilitators: ["Claire M."]
protocol: codeveloppement
sheets: [debat-mouvant-4e]
status: held
---

Six participantes et participants ; une consultation d'une heure.

## [La fiche discutée](id:debat-mouvant-4e)

Le groupe a proposé de donner un temps de parole en jetons, et de faire écrire chaque élève
avant de se déplacer.
"""


# A plain Material site (no Atelier, no custom_dir), same theme and Markdown as ours: what
# Material itself produces, so that only what our templates add is held against them.
PLAIN_DOCS = {
    "index.md": (
        "# Accueil\n\nUn site **Material** sans Atelier, avec [une page](page.md) "
        "et du texte autour du lien.\n"
    ),
    "page.md": (
        "# Une page de contenu\n\nUn paragraphe avec [un lien](index.md) au milieu du texte.\n\n"
        "## Ce qui n'a pas marché\n\n- Un premier point.\n- Un second point.\n\n"
        '!!! note "Une remarque"\n\n    Le texte de la remarque.\n\n'
        "| Colonne | Valeur |\n| --- | --- |\n| a | 1 |\n\n"
        "## Ressources\n\nUn dernier paragraphe.\n"
    ),
}
PLAIN_PAGES = ("", "page/")  # the home page and a content page
# The content page stays out of the navigation, like our sheets: Material then prints the table
# of contents' label for an input it leaves out ("label for" of a non-existent control).
PLAIN_NAV = [{"Accueil": "index.md"}]


@pytest.fixture(scope="session")
def built_plain_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plain Material site, built once per session; returns its site/ folder."""
    config = site_config()
    del config["theme"]["custom_dir"]
    config.update(plugins=[], nav=PLAIN_NAV)
    return build(tmp_path_factory.mktemp("material-plain"), config, PLAIN_DOCS)


@pytest.fixture(scope="session")
def plain_site(built_plain_site: Path) -> Iterator[Site]:
    """The plain Material site, served over HTTP for the whole session."""
    with serve(built_plain_site) as url:
        yield Site(built_plain_site, url)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - the attribute SimpleHTTPRequestHandler reads
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port) from a background thread; yield its URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site(built_site: Path) -> Iterator[Site]:
    """The fixture site, served over HTTP for the whole session."""
    with serve(built_site) as url:
        yield Site(built_site, url)


# -- the browser -------------------------------------------------------------------------------

LOOPBACK = "http://127.0.0.1"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium, launched once per session."""
    if not CHROMIUM.exists():
        pytest.fail(MISSING.format(what=str(CHROMIUM)), pytrace=False)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _loopback_only(route: Any) -> None:
    if route.request.url.startswith((LOOPBACK, "data:", "blob:")):
        route.continue_()
    else:
        route.abort()


def new_context(browser: Any, **options: Any) -> Any:
    """A browser context (no cookies or storage shared) that reaches loopback only.

    Material links Google Fonts: such requests are refused at once rather than left to time
    out, so a page loads the same with or without a network.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    context.set_default_timeout(5_000)
    context.route("**/*", _loopback_only)
    return context


@dataclass
class Problems:
    """What went wrong in the browser while a test ran: script errors and failed requests."""

    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def watch(self, page: Any) -> None:
        """Record the uncaught script errors and the failed requests (on loopback) of `page`."""
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("response", self._response)
        page.on("requestfailed", self._request_failed)

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.failed.append(f"HTTP {response.status} {response.url}")

    def _request_failed(self, request: Any) -> None:
        if request.url.startswith(LOOPBACK):
            self.failed.append(f"{request.failure} {request.url}")

    def __str__(self) -> str:
        lines = [f"JavaScript error: {e}" for e in self.errors]
        return "\n".join(lines + [f"request failed: {f}" for f in self.failed])


@pytest.fixture
def problems() -> Problems:
    """Script errors and failed requests of the test's `page`."""
    return Problems()


@pytest.fixture
def page(browser: Any, problems: Problems) -> Iterator[Any]:
    """A fresh page in its own context (French locale), watched by `problems`."""
    context = new_context(browser, locale="fr-FR")
    tab = context.new_page()
    problems.watch(tab)
    try:
        yield tab
    finally:
        context.close()


# -- the search page ---------------------------------------------------------------------------

QUERY = "#atelier-search-q"
STATUS = "#atelier-search-status"
RESULTS = "#atelier-search-results > li"


def found(n: int) -> str:
    """The status line for `n` results (French strings of the fixture site)."""
    return "1 résultat" if n == 1 else f"{n} résultats"


def shown(page: Any) -> list[str]:
    """The titles of the results on screen, in their order (each result's first link)."""
    # Read in one go: the script replaces the whole list when a new answer comes.
    script = "items => items.map(item => item.querySelector('a')?.textContent.trim() ?? '')"
    titles_now: list[str] = page.eval_on_selector_all(RESULTS, script)
    return titles_now


def expect_results(page: Any, expected: set[str], timeout: float = 5.0) -> None:
    """Wait until the results are exactly `expected` (any order) and the status counts them."""
    deadline = time.monotonic() + timeout
    while True:
        titles_now = shown(page)
        if sorted(titles_now) == sorted(expected) or time.monotonic() > deadline:
            break
        page.wait_for_timeout(50)
    missing = expected - set(titles_now)
    extra = [t for t in titles_now if t not in expected]
    assert sorted(titles_now) == sorted(expected), (
        f"results differ\n  missing: {sorted(missing)}\n  unexpected: {extra}\n"
        f"  status: {page.locator(STATUS).inner_text()!r}"
    )
    expect(page.locator(STATUS)).to_have_text(found(len(expected)))


def open_search(page: Any, site: Site, query: str = "") -> None:
    """Open the search page (optionally with ?query) and wait for its script to answer."""
    page.goto(site.page_url("search/" + query))
    # The script writes a status once the bundles answered (a prompt, or a count).
    expect(page.locator(STATUS)).not_to_be_empty()


def tick(page: Any, facet: str, value: str) -> None:
    """Open a facet's disclosure (if closed) and tick one of its values."""
    details = page.locator(f'details[data-facet="{facet}"]')
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    page.locator(f"#f-{facet}-{value}").check()


# -- the Nu Html Checker -----------------------------------------------------------------------


def vnu(files: list[Path]) -> list[dict[str, Any]]:
    """Every message of the Nu Html Checker on `files` (vnu.jar, run once for all of them)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(MISSING.format(what="A Java runtime (java)"), pytrace=False)
    if not VNU_JAR.exists():
        pytest.fail(MISSING.format(what=str(VNU_JAR.relative_to(REPO))), pytrace=False)
    command = [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]
    done = subprocess.run(
        [*command, *map(str, files)], capture_output=True, text=True, check=False, timeout=120
    )
    output = done.stderr.strip() or done.stdout.strip()
    try:
        messages: list[dict[str, Any]] = json.loads(output)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu.jar gave no JSON report:\n{done.stdout}\n{done.stderr}", pytrace=False)
    return messages
