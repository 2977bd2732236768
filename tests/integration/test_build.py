"""Real MkDocs builds of small sites written in tmp_path: the HTML a reader gets."""

from __future__ import annotations

import html
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from atelier.site import search_index
from conftest import (
    REPO,
    REPO_URL,
    build_config,
    build_site,
    community,
    default_body,
    fake_pagefind,
    load_site_config,
    make_site,
    pagefind_records,
    repo_config,
    sheet,
)

# -- helpers --------------------------------------------------------------------------------


def page(site: Path, url: str) -> str:
    """The HTML of a page, by its site-relative directory URL (e.g. practices/x/)."""
    return (site / url / "index.html").read_text(encoding="utf-8")


def plain(document: str) -> str:
    """HTML with entities decoded and no-break spaces made ordinary, to look for text in it.

    French text is typeset (a narrow no-break space before « : ; ! ? »): compare words, not
    typography.
    """
    return html.unescape(document).replace("\u202f", " ").replace("\u00a0", " ")


def text(site: Path, url: str) -> str:
    """The text of a page, as `plain` gives it."""
    return plain(page(site, url))


def sheet_pages(site: Path) -> list[str]:
    """The ids of the sheet pages that were built."""
    return sorted(p.parent.name for p in (site / "practices").glob("*/index.html"))


def errors_logged(caplog: pytest.LogCaptureFixture) -> str:
    """Every ERROR message MkDocs logged, as one text."""
    return "\n".join(r.getMessage() for r in caplog.records if r.levelname == "ERROR")


def between(document: str, start: str, end: str) -> str:
    """The part of `document` from `start` to the next `end`."""
    begin = document.index(start)
    return document[begin : document.index(end, begin)]


# -- 1. a valid site ------------------------------------------------------------------------

VALID_SHEETS = {
    "debat-mouvant-4e": sheet(
        community="cdp-lettres-test",
        authors=["Claire Martin", "Paul Durand"],
        what_went_wrong=[
            "Les élèves timides ne se sont pas déplacés.",
            "Trois élèves ont monopolisé la parole.",
        ],
        next_time=["Donner un rôle de gardien de la parole."],
        license="CC-BY-4.0",
    ),
    "fractions-sec-1": sheet(
        title="Situation-problème sur les fractions",
        summary="Une situation-problème en 1re secondaire.",
        subject="mathematiques",
        level="qc-sec-1",
        date="2025-02-03",
    ),
    "number-talks-grade-4": sheet(
        title="Number talks that went quiet",
        summary="Daily number talks where few students spoke.",
        subject="mathematiques",
        level="fr-4e",
        lang="en",
        what_went_wrong=["Only four students ever explained their strategy."],
        date="2025-01-20",
    ),
    "sous-dossier-robots": sheet(
        title="Robots en binômes en 6e",
        summary="Des robots programmables en binômes.",
        subject="technologie",
        level="fr-6e",
        community="cdp-lettres-test",
        date="2024-12-01",
    ),
}
VALID_COMMUNITIES = {"cdp-lettres-test": community(name="Atelier Lettres de test")}
TITLES = {
    "debat-mouvant-4e": "Débat mouvant en 4e : trois élèves monopolisent la parole",
    "fractions-sec-1": "Situation-problème sur les fractions",
    "number-talks-grade-4": "Number talks that went quiet",
    "sous-dossier-robots": "Robots en binômes en 6e",
}


@pytest.fixture(scope="module")
def valid_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One valid site, built once for the tests of this section (read-only)."""
    root = tmp_path_factory.mktemp("valid")
    sheets = dict(VALID_SHEETS)
    sheets["robots/sous-dossier-robots"] = sheets.pop("sous-dossier-robots")  # sub-folder
    make_site(root, sheets, VALID_COMMUNITIES)
    return build_site(root)


def test_every_sheet_yields_exactly_one_page(valid_site: Path) -> None:
    assert sheet_pages(valid_site) == sorted(VALID_SHEETS)
    # the sub-folder carries no meaning: no page under practices/robots/
    assert not (valid_site / "practices" / "robots").exists()
    # no page anywhere else carries a sheet
    sheet_like = [
        p.relative_to(valid_site).as_posix()
        for p in valid_site.rglob("index.html")
        if "Ce qui n&#39;a pas marché</h2>" in p.read_text(encoding="utf-8")
        or "What went wrong</h2>" in p.read_text(encoding="utf-8")
    ]
    assert sorted(sheet_like) == sorted(f"practices/{i}/index.html" for i in VALID_SHEETS)


def test_the_listing_page_lists_every_sheet(valid_site: Path) -> None:
    listing = text(valid_site, "practices/")
    for sheet_id, title in TITLES.items():
        assert title in listing
        assert f'href="{sheet_id}/"' in listing
    # newest first
    positions = [listing.index(TITLES[i]) for i in ("debat-mouvant-4e", "fractions-sec-1")]
    assert positions == sorted(positions)


def test_a_community_page_lists_its_sheets(valid_site: Path) -> None:
    shown = text(valid_site, "communities/cdp-lettres-test/")
    assert "Atelier Lettres de test" in shown
    assert TITLES["debat-mouvant-4e"] in shown
    assert TITLES["sous-dossier-robots"] in shown
    assert TITLES["fractions-sec-1"] not in shown
    assert "Fiches partagées dans cette communauté (2)" in shown
    communities = text(valid_site, "communities/")
    assert "Atelier Lettres de test" in communities
    assert "2 fiches" in communities


def test_a_sheet_page_shows_the_sheet(valid_site: Path) -> None:
    shown = text(valid_site, "practices/debat-mouvant-4e/")
    article = between(shown, '<div class="atelier-sheet"', "</footer>")
    assert f"<h1>{TITLES['debat-mouvant-4e']}</h1>" in article
    assert "Un débat où les élèves se déplacent selon leur avis" in article
    assert ">Français</a>" in article  # subject label, not the id « francais »
    assert ">Quatrième (4e, collège)</a>" in article  # level label, not « fr-4e »
    wrong = between(article, "Ce qui n'a pas marché</h2>", "</section>")
    assert "<li>Les élèves timides ne se sont pas déplacés.</li>" in wrong
    assert "<li>Trois élèves ont monopolisé la parole.</li>" in wrong
    upcoming = between(article, "La prochaine fois</h2>", "</section>")
    assert "<li>Donner un rôle de gardien de la parole.</li>" in upcoming
    assert "Claire Martin, Paul Durand" in article
    assert "14 mars 2025" in article
    assert "CC BY 4.0 (Attribution)" in article
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in article
    assert "Atelier Lettres de test</a>" in article  # the community, linked
    # the body: the contributor's sections
    assert '<h2 id="contexte">Contexte<a class="headerlink" href="#contexte"' in article


def test_the_default_licence_is_shown(valid_site: Path) -> None:
    shown = text(valid_site, "practices/fractions-sec-1/")
    assert "CC BY-SA 4.0" in shown
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in shown


def test_the_edit_link_points_at_the_sheet_file_not_at_docs(valid_site: Path) -> None:
    edit = f"{REPO_URL}/edit/main/practices/debat-mouvant-4e.md"
    shown = page(valid_site, "practices/debat-mouvant-4e/")
    assert f'href="{edit}" rel="edit"' in shown
    assert "edit/main/docs/" not in shown
    # a sheet in a sub-folder: the link follows the real file
    nested = page(valid_site, "practices/sous-dossier-robots/")
    assert "edit/main/practices/robots/sous-dossier-robots.md" in nested


def test_a_quebec_sheet_shows_quebec_labels(valid_site: Path) -> None:
    shown = text(valid_site, "practices/fractions-sec-1/")
    assert ">Mathématique</a>" in shown
    assert ">1re secondaire</a>" in shown
    assert "Mathématiques" not in between(shown, '<div class="atelier-sheet"', "</footer>")


def test_an_english_sheet_is_shown_in_english(valid_site: Path) -> None:
    shown = text(valid_site, "practices/number-talks-grade-4/")
    article = between(shown, '<div class="atelier-sheet"', "</footer>")
    assert 'lang="en"' in article
    assert "What went wrong</h2>" in article
    assert "<li>Only four students ever explained their strategy.</li>" in article
    assert ">Mathematics</a>" in article
    assert "January 20, 2025" in article
    assert "Ce qui n'a pas marché" not in article


# -- 2. nothing lost: every error of every file, located, in one run --------------------------

BAD_ONE = """\
---
title: "Un titre"
summary: "Un résumé"
subject: francais
level: lycee
authors: [Claire]
date: 2025-13-40
what_went_wrong: ["Rien ne s'est passé comme prévu."]
titel: "en trop"
---

## Contexte

Texte.
"""
BAD_TWO = """\
---
title: "Un autre titre"
summary: "Un autre résumé"
subject: francais
level: no
authors: [Paul]
date: 2025-01-10
what_went_wrong: ["Trop long."]
duration_minutes: 1:30
---

## Contexte

Texte.
"""


def test_an_invalid_sheet_stops_the_build_and_every_error_is_located(
    tmp_path: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    make_site(
        tmp_path,
        {"bad-one": BAD_ONE, "bad-two": BAD_TWO, "good": sheet()},
        {"sans-contact": community(contact=None)},
    )
    with pytest.raises(Abort):
        build_site(tmp_path)
    logged = errors_logged(mkdocs_logs)
    for located in (
        "practices/bad-one.md:5: level: « lycee » n'est pas un niveau connu",
        "practices/bad-one.md:7: date: « 2025-13-40 » n'est pas une vraie date",
        "practices/bad-one.md:9: titel: champ inconnu « titel » — vouliez-vous dire « title » ?",
        "practices/bad-two.md:5: level: YAML lit « no » comme un booléen",
        "practices/bad-two.md:9: duration_minutes: « 1:30 » : écrivez la durée en minutes (90)",
        "communities/sans-contact.md:1: contact: champ obligatoire manquant",
    ):
        assert located in logged
    assert "6 problème(s) à corriger" in logged
    assert not (tmp_path / "site" / "practices" / "good" / "index.html").exists()


def test_an_english_site_reports_in_english(
    tmp_path: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    make_site(tmp_path, {"bad-two": BAD_TWO}, config={"theme": {"language": "en"}})
    with pytest.raises(Abort):
        build_site(tmp_path)
    logged = errors_logged(mkdocs_logs)
    assert "practices/bad-two.md:5: level: YAML reads 'no' as a boolean" in logged
    assert "2 problem(s) to fix" in logged


def test_an_unknown_community_is_an_error(
    tmp_path: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    make_site(
        tmp_path,
        {"x": sheet(community="cdp-lettres-tset")},
        {"cdp-lettres-test": community()},
    )
    with pytest.raises(Abort):
        build_site(tmp_path)
    assert "practices/x.md:12: community: « cdp-lettres-tset »" in errors_logged(mkdocs_logs)
    assert "vouliez-vous dire « cdp-lettres-test »" in errors_logged(mkdocs_logs)


def test_two_sheets_with_one_id_is_an_error(
    tmp_path: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    make_site(tmp_path, {"lettres/meme-nom": sheet(), "maths/meme-nom": sheet(title="Autre")})
    with pytest.raises(Abort):
        build_site(tmp_path)
    assert (
        "practices/maths/meme-nom.md: l'identifiant « meme-nom » est déjà pris par "
        "practices/lettres/meme-nom.md" in errors_logged(mkdocs_logs)
    )


# The site's Markdown extensions, and the one it refuses to use (it can include any file).
EXTENSIONS = repo_config()["markdown_extensions"]
assert "pymdownx.snippets" not in EXTENSIONS


def test_a_snippet_include_in_a_sheet_is_refused(
    tmp_path: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    body = '\n## Contexte\n\n--8<-- "mkdocs.yml"\n'
    make_site(
        tmp_path,
        {"inclusion": sheet(body=body)},
        config={"markdown_extensions": [*EXTENSIONS, "pymdownx.snippets"]},
    )
    with pytest.raises(Abort):
        build_site(tmp_path)
    assert "practices/inclusion.md:16: les inclusions « --8<-- » ne sont pas acceptées" in (
        errors_logged(mkdocs_logs)
    )


def test_a_snippet_include_inside_a_code_fence_is_refused_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "secret.txt").write_text("SECRET-DU-DEPOT\n", encoding="utf-8")
    body = '\n## Contexte\n\n```\n--8<-- "secret.txt"\n```\n'
    make_site(
        tmp_path,
        {"inclusion": sheet(body=body)},
        config={"markdown_extensions": [*EXTENSIONS, "pymdownx.snippets"]},
    )
    monkeypatch.chdir(tmp_path)  # snippets are read from the working folder, as `mkdocs build`
    try:
        site = build_site(tmp_path)
    except Abort:
        return  # refused: what the design asks
    assert "SECRET-DU-DEPOT" not in page(site, "practices/inclusion/")


def test_a_sheet_cannot_take_the_address_of_the_listing(
    tmp_path: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    make_site(tmp_path, {"index": sheet()})
    with pytest.raises(Abort):
        build_site(tmp_path)
    assert "practices/index.md: « index.md » est un nom réservé par le site" in errors_logged(
        mkdocs_logs
    )


# -- 3. drafts --------------------------------------------------------------------------------


def _draft_site(root: Path, *, pagefind: bool = False) -> Path:
    return make_site(
        root,
        {
            "publiee": sheet(title="Une fiche publiée", community="cdp-lettres-test"),
            "en-cours": sheet(
                title="Une fiche en cours", status="draft", community="cdp-lettres-test"
            ),
        },
        VALID_COMMUNITIES,
        pagefind=pagefind,
    )


def test_a_draft_is_not_published_and_is_counted(
    tmp_path: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    site = build_site(_draft_site(tmp_path, pagefind=True))
    assert sheet_pages(site) == ["publiee"]
    everything = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "Une fiche en cours" not in everything
    assert list(pagefind_records(site)) == ["/practices/publiee/"]
    assert "Fiches partagées dans cette communauté (1)" in text(
        site, "communities/cdp-lettres-test/"
    )
    infos = [r.getMessage() for r in mkdocs_logs.records if r.levelname == "INFO"]
    assert any("1 brouillon" in m and "en-cours" in m for m in infos), infos


def test_a_draft_is_built_with_a_banner_when_serving(tmp_path: Path) -> None:
    site = build_site(_draft_site(tmp_path), serve=True)
    assert sheet_pages(site) == ["en-cours", "publiee"]
    draft = text(site, "practices/en-cours/")
    assert "atelier-draft" in draft
    assert "Brouillon : cette fiche n'est visible qu'en aperçu local" in draft
    assert "Une fiche en cours" in draft
    assert "atelier-draft" not in page(site, "practices/publiee/")
    # the listing stays what the published site will show
    assert "Une fiche en cours" not in text(site, "practices/")


# -- 4. serving a site with an invalid sheet ----------------------------------------------------


def test_serving_an_invalid_sheet_shows_its_problems_on_its_page(
    tmp_path: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    make_site(tmp_path, {"bad-one": BAD_ONE, "good": sheet()})
    site = build_site(tmp_path, serve=True)  # does not raise
    shown = text(site, "practices/bad-one/")
    assert "Cette fiche a des problèmes à corriger avant publication" in shown
    assert "practices/bad-one.md:5: level: « lycee » n'est pas un niveau connu" in shown
    assert "practices/bad-one.md:7: date:" in shown
    assert "practices/bad-one.md:9: titel:" in shown
    assert sheet_pages(site) == ["bad-one", "good"]
    assert "practices/bad-one.md:5: level:" in errors_logged(mkdocs_logs)


def test_serving_a_readable_sheet_with_an_error_shows_the_sheet_and_the_problem(
    tmp_path: Path,
) -> None:
    make_site(tmp_path, {"ref": sheet(related=["inexistante"])})
    site = build_site(tmp_path, serve=True)
    shown = text(site, "practices/ref/")
    assert "Cette fiche a des problèmes à corriger avant publication" in shown
    assert "practices/ref.md:" in shown
    assert "related: « inexistante » n'est pas une fiche connue" in shown


# -- 5. safety: contributor text never becomes markup ------------------------------------------

HOSTILE_BODY = """
## Contexte

<script>alert(2)</script>

Une image <img src=x onerror=alert(3)> dans le texte.

<iframe src=https://evil.example></iframe>

Un <a href="javascript:alert(4)">x</a> et un [y](javascript:alert(5)).

<style>body{display:none}</style>

## <img src=x onerror=alert(6)> Titre

## Ce que je voulais faire

Texte.
"""


class _Tags(HTMLParser):
    """Every start tag of a document, with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _tags(document: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(document)
    parser.close()
    return parser.tags


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    make_site(
        root,
        {
            "hostile": sheet(
                title="</title><script>alert(1)</script>",
                summary='Un résumé "><img src=x onerror=alert(1)> piégé',
                authors=["<b onmouseover=x>"],
                what_went_wrong=["<script>alert(7)</script>"],
                next_time=["<img src=x onerror=alert(8)>"],
                community="hostile-cdp",
                body=HOSTILE_BODY,
            )
        },
        {
            "hostile-cdp": community(
                name="<img src=x onerror=alert(9)>",
                domain="<script>alert(10)</script>",
                facilitators=["<b onmouseover=x>"],
                body="\n## Nous\n\n<script>alert(11)</script>\n<iframe src=https://evil.example>\n",
            )
        },
        pagefind=True,  # the search index is checked too
    )
    return build_site(root)


def test_no_generated_page_carries_contributed_markup(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert hostile_site / "practices" / "hostile" / "index.html" in pages
    assert hostile_site / "communities" / "hostile-cdp" / "index.html" in pages
    for path in pages:
        document = path.read_text(encoding="utf-8")
        lowered = document.lower()
        where = path.relative_to(hostile_site)
        for needle in ("<script>alert", "javascript:", "<iframe", "<style>body"):
            assert needle not in lowered, (where, needle)
        # escaped text may say "onerror=" (a description, a title), but never as markup
        for needle in ("<img src=x onerror", "<b onmouseover", "<script>alert"):
            assert needle not in lowered, (where, needle)
        for tag, attrs in _tags(document):
            names = [name.lower() for name, _ in attrs]
            assert not [n for n in names if n.startswith("on")], (where, tag, attrs)
            assert tag not in ("iframe", "object", "embed"), (where, tag)
            for name, value in attrs:
                if name in ("href", "src") and value:
                    assert not value.strip().lower().startswith("javascript"), (where, value)
            if tag == "script":
                data_types = (("type", "application/json"), ("type", "application/ld+json"))
                assert "src" in names or any(d in attrs for d in data_types) or not attrs, (
                    where,
                    attrs,
                )


def test_hostile_fields_are_shown_as_text(hostile_site: Path) -> None:
    document = page(hostile_site, "practices/hostile/")
    title = re.search(r"<title>(.*?)</title>", document, re.DOTALL)
    assert title is not None
    assert "&lt;/title&gt;" in title.group(1)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in title.group(1)
    assert "<h1>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in document
    assert "&lt;b onmouseover=x&gt;" in document
    assert "<li>&lt;script&gt;alert(7)&lt;/script&gt;</li>" in document
    # the text around the dropped HTML is kept
    assert "dans le texte." in document
    assert "Titre" in document
    shown = page(hostile_site, "communities/hostile-cdp/")
    assert "<h1>&lt;img src=x onerror=alert(9)&gt;</h1>" in shown
    assert "&lt;script&gt;alert(10)&lt;/script&gt;" in shown


def test_the_search_index_holds_contributed_markup_as_text_only(hostile_site: Path) -> None:
    records = pagefind_records(hostile_site)
    assert list(records) == ["/practices/hostile/"]  # sheets only, not communities
    record = records["/practices/hostile/"]
    # Escaped in the record, so read back as the very text the contributor wrote
    # (the search page shows it as text); unescaped, the title would have ended at "</title>".
    assert record["meta"]["title"] == "</title><script>alert(1)</script>"
    assert record["meta"]["summary"] == 'Un résumé "><img src=x onerror=alert(1)> piégé'
    assert "<script>alert(7)</script>" in record["content"]  # a what-went-wrong point
    # What the body's sanitizer dropped never reaches the index, not even as text.
    for dropped in ("alert(2)", "alert(3)", "evil.example", "javascript:", "display:none"):
        assert dropped not in json.dumps(record), dropped


def test_a_search_index_failure_stops_the_build_with_pagefind_s_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    fake = fake_pagefind(tmp_path, 'sys.exit("Error: no space left on device")')
    monkeypatch.setattr(search_index, "executable", lambda: str(fake))
    make_site(tmp_path / "site-src", {"fiche": sheet()}, pagefind=True)
    with pytest.raises(Abort):
        build_site(tmp_path / "site-src")
    assert errors_logged(mkdocs_logs) == "pagefind: Error: no space left on device"


# -- 6. symbolic links ---------------------------------------------------------------------------


@pytest.fixture
def outside_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file outside the site's repository, with a recognisable secret."""
    folder = tmp_path_factory.mktemp("outside")
    secret = folder / "secret.md"
    secret.write_text("# Secret\n\nSECRET-HORS-DEPOT\n", encoding="utf-8")
    return secret


def _site_contains(site: Path, needle: str) -> bool:
    return any(
        needle in p.read_text(encoding="utf-8", errors="replace")
        for p in site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".xml", ".md")
    )


def test_a_symlink_in_docs_to_outside_the_repository_fails_the_build(
    tmp_path: Path, outside_file: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    make_site(tmp_path, {"good": sheet()})
    os.symlink(outside_file, tmp_path / "docs" / "secret.md")
    with pytest.raises(Abort):
        build_site(tmp_path)
    logged = errors_logged(mkdocs_logs)
    assert "docs/secret.md: ce fichier vient de l'extérieur du dépôt" in logged
    site = tmp_path / "site"
    assert not (site / "secret").exists()
    assert not site.exists() or not _site_contains(site, "SECRET-HORS-DEPOT")


def test_a_symlink_in_docs_to_outside_is_not_published_when_serving(
    tmp_path: Path, outside_file: Path
) -> None:
    make_site(tmp_path, {"good": sheet()})
    os.symlink(outside_file, tmp_path / "docs" / "secret.md")
    os.symlink(outside_file.parent, tmp_path / "docs" / "dossier")
    site = build_site(tmp_path, serve=True)
    assert sheet_pages(site) == ["good"]
    assert not (site / "secret").exists()
    assert not (site / "dossier").exists()
    assert not _site_contains(site, "SECRET-HORS-DEPOT")


def test_a_symlink_inside_the_repository_in_docs_is_published(tmp_path: Path) -> None:
    make_site(tmp_path, {"good": sheet()}, docs={"vraie.md": "# Vraie\n\nTEXTE-INTERNE\n"})
    os.symlink(tmp_path / "docs" / "vraie.md", tmp_path / "docs" / "alias.md")
    site = build_site(tmp_path)
    assert "TEXTE-INTERNE" in page(site, "alias/")


def test_a_symlink_in_practices_is_an_error_naming_it(
    tmp_path: Path, outside_file: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    make_site(tmp_path, {"good": sheet()})
    (tmp_path / "other.md").write_text(sheet(title="Ailleurs"), encoding="utf-8")
    os.symlink(tmp_path / "other.md", tmp_path / "practices" / "lien.md")
    os.symlink(outside_file.parent, tmp_path / "practices" / "dossier-lie")
    with pytest.raises(Abort):
        build_site(tmp_path)
    logged = errors_logged(mkdocs_logs)
    assert "practices/lien.md: lien symbolique refusé" in logged
    assert "practices/dossier-lie: lien symbolique refusé" in logged


# -- 7. two sources for one URL -------------------------------------------------------------------


@pytest.mark.parametrize("docs_path", ["practices/dup.md", "practices/dup/index.md"])
def test_two_sources_for_one_address_is_an_error(
    tmp_path: Path, docs_path: str, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    make_site(
        tmp_path,
        {"dup": sheet(title="La fiche")},
        docs={docs_path: "# Une page écrite à la main\n"},
    )
    with pytest.raises(Abort):
        build_site(tmp_path)
    logged = errors_logged(mkdocs_logs)
    assert "deux sources pour la même adresse" in logged
    assert f"docs/{docs_path}" in logged


def test_a_hand_written_page_cannot_replace_the_listing(
    tmp_path: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    make_site(tmp_path, {"x": sheet()}, docs={"practices/index.md": "# Ma liste\n"})
    with pytest.raises(Abort):
        build_site(tmp_path)
    assert "deux sources pour la même adresse" in errors_logged(mkdocs_logs)


# -- 8. navigation ---------------------------------------------------------------------------------


def test_sheets_are_not_in_the_navigation(valid_site: Path) -> None:
    for sheet_id, title in TITLES.items():
        document = page(valid_site, f"practices/{sheet_id}/")
        navigation = document.split('<div class="atelier-sheet"')[0]
        others = [t for i, t in TITLES.items() if i != sheet_id]
        for other in others:
            # the sheet itself may name up to 5 related sheets; the navigation never does
            assert other not in navigation, (sheet_id, other)
        assert title in document
    home = text(valid_site, "")
    for title in TITLES.values():
        assert title not in home


# -- 9. the repository's own site ----------------------------------------------------------------


@pytest.mark.slow  # every sample sheet, with the search index
def test_the_repository_site_builds_every_sample_sheet(tmp_path: Path) -> None:
    sources = sorted((REPO / "practices").rglob("*.md"))
    assert sources, "the repository has no sample sheet"
    assert not [p for p in sources if re.search(r"(?m)^status:\s*draft", p.read_text())]
    site = tmp_path / "site"
    build_config(load_site_config(REPO / "mkdocs.yml", site))
    built = sorted(site.glob("practices/*/index.html"))
    assert len(built) == len(sources)
    assert {p.parent.name for p in built} == {p.stem for p in sources}
    assert (site / "communities" / "index.html").is_file()
    for path in sorted((REPO / "communities").glob("*.md")):
        assert (site / "communities" / path.stem / "index.html").is_file()


# -- heading permalinks in the page's language (issue 11, item 7) ----------------------------


def test_heading_permalinks_are_titled_in_the_page_s_language(tmp_path: Path) -> None:
    english = sheet(
        lang="en",
        title="Number talks to start the lesson",
        summary="Five minutes of mental maths to open each lesson.",
        what_went_wrong=["The same three students answered every time."],
    )
    make_site(tmp_path, {"debat-mouvant-4e": sheet(), "number-talks": english},
              docs={"charte.md": "# Charte\n\n## Sans jugement\n\nTexte.\n"})  # fmt: skip
    site = build_site(tmp_path)
    headerlink = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>')

    def titles(url: str) -> set[str]:
        found = headerlink.findall(page(site, url))
        assert found, f"{url}: no heading permalink"
        return {m.group(1) for link in found for m in [re.search(r'title="([^"]*)"', link)] if m}

    assert titles("practices/debat-mouvant-4e/") == {"Lien permanent"}
    assert titles("practices/number-talks/") == {"Permanent link"}
    assert titles("charte/") == {"Lien permanent"}  # a hand-written page: mkdocs.yml's title


def test_a_body_starting_with_key_value_lines_is_shown_whole(tmp_path: Path) -> None:
    """MkDocs never reads meta-data from a sheet's body: lines such as « Durée: 45 min » at its
    start (MultiMarkdown meta-data to MkDocs) stay text of the page."""
    body = "Durée: 45 min\nMatériel: des cartes\n\n" + default_body()
    make_site(tmp_path, {"cartes": sheet(body=body)})
    site = build_site(tmp_path)
    text = page(site, "practices/cartes/")
    assert "Durée: 45 min" in text and "Matériel: des cartes" in text
