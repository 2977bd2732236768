"""Under `mkdocs serve`, a save of sheet bodies makes only the pages it changes (issue 9, item 4;
atelier/mkdocs_preview.py), and the served site is then exactly the one a whole build makes.

Each test serves a small site, edits it, rebuilds it as `mkdocs serve` does (the same plugin,
the same site folder), then builds the same sources whole, from a fresh session with no cache,
and compares every file byte for byte (SOURCE_DATE_EPOCH set). It also checks which way the
rebuild went: only some pages made again for an edit of bodies, every page for anything else.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build

from atelier.core import related
from conftest import (
    SERVE_URL,
    community,
    default_body,
    edit_file,
    load_site_config,
    make_site,
    sheet,
    site_files,
    write_files,
)

pytestmark = pytest.mark.slow

WORKSHOP = """---
title: "Séance de mars"
community: cdp-lettres-test
start: 2025-03-01T14:00:00+01:00
end: 2025-03-01T16:00:00+01:00
timezone: Europe/Paris
place: "Nantes"
status: planned
sheets: [debat-mouvant-4e, lecture-offerte-4e]
---

## Ordre du jour

Relire les deux fiches.
"""

SHEETS = {
    "debat-mouvant-4e": sheet(tags=["oral", "debat"], community="cdp-lettres-test"),
    "lecture-offerte-4e": sheet(
        title="Lecture offerte chaque lundi",
        tags=["lecture", "oral"],
        date="2025-03-10",
        related=["debat-mouvant-4e"],
        body=default_body() + "\nVoir aussi [le débat](id:debat-mouvant-4e).\n",
    ),
    "jeu-fractions-cm1": sheet(
        title="Jeu de cartes sur les fractions",
        subject="mathematiques",
        level="fr-cm1",
        tags=["fractions", "jeu"],
        date="2025-02-10",
    ),
    "projet-oral": sheet(
        title="Un oral en binômes, avant d'essayer",
        outcome="not-yet-tried",
        what_went_wrong=None,
        worries=["Que les binômes ne se parlent pas."],
        tags=["oral"],
        body="".join(
            f"\n## {heading}\n\nUn paragraphe du projet, section {n}.\n"
            for n, heading in enumerate(
                ("Contexte", "Ce que je veux essayer", "Ce que je crains"), start=1
            )
        )
        + "\n## Mes questions pour la communauté\n\nComment former les binômes ?\n",
    ),
    "brouillon-oral": sheet(title="Un brouillon", status="draft", tags=["oral"]),
}


class Served:
    """One site served in one session: its builds, and a whole build to compare with."""

    def __init__(
        self,
        root: Path,
        work: Path,
        logs: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        self.root, self.work, self.logs, self.monkeypatch = root, work, logs, monkeypatch
        self.site = work / "served"
        self.cfg = load_site_config(root / "mkdocs.yml", self.site)
        self.cfg.plugins.on_startup(command="serve", dirty=False)
        self.plugin = self.cfg.plugins["atelier"]
        self.rebuild()

    def rebuild(self) -> str:
        """Build again as `mkdocs serve` does after a save; what the preview said of it."""
        self.logs.clear()
        build(load_site_config(self.root / "mkdocs.yml", self.site), serve_url=SERVE_URL)
        if self.plugin.preview_index is not None:
            assert self.plugin.preview_index.finished.wait(120)
        said = [m for m in self.logs.messages if m.startswith("atelier: preview:")]
        # A page kept from the last build is served: MkDocs must not call it excluded.
        excluded = [m for m in self.logs.messages if "excluded from the built site" in m]
        assert not excluded, excluded
        return said[-1] if said else ""

    def whole(self) -> dict[str, bytes]:
        """The same sources built whole, in a fresh session (a new plugin, no cache)."""
        self.plugin.on_shutdown()
        fresh = self.work / "whole"
        shutil.rmtree(fresh, ignore_errors=True)
        self.monkeypatch.setenv("ATELIER_CACHE_DIR", str(self.work / "whole-cache"))
        cfg = load_site_config(self.root / "mkdocs.yml", fresh)
        cfg.plugins.on_startup(command="serve", dirty=False)
        try:
            build(cfg, serve_url=SERVE_URL)
            if self.plugin.preview_index is not None:
                assert self.plugin.preview_index.finished.wait(120)
        finally:
            cfg.plugins.on_shutdown()
        return site_files(fresh)

    def same_as_whole(self) -> None:
        served = site_files(self.site)
        whole = self.whole()
        assert sorted(served) == sorted(whole), "the served site has other files"
        differing = sorted(name for name in served if served[name] != whole[name])
        assert not differing, f"the served site differs from a whole build in: {differing}"


@pytest.fixture
def served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mkdocs_logs: pytest.LogCaptureFixture
) -> Served:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("ATELIER_CACHE_DIR", str(tmp_path / "cache"))
    config = {"plugins": [{"atelier": {"privacy": "rules", "search_index": True}}]}
    root = make_site(
        tmp_path / "src", SHEETS, {"cdp-lettres-test": community()}, config=config, pagefind=True
    )
    write_files(root / "workshops", {"2025-03-01-seance.md": WORKSHOP})
    return Served(root, tmp_path, mkdocs_logs, monkeypatch)


def _made_again(said: str) -> int:
    found = re.search(r"(\d+) pages made again", said)
    assert found, f"the rebuild was a whole one: {said!r}"
    return int(found.group(1))


BODY = Path("practices/jeu-fractions-cm1.md")
CITED = Path("practices/debat-mouvant-4e.md")
PROJET = Path("practices/projet-oral.md")


# Edits of bodies only: some pages made again, the rest kept from the last build.
BODY_EDITS: dict[str, Callable[[Path], None]] = {
    "a paragraph": lambda root: edit_file(root / BODY, "Un paragraphe", "Un tout autre paragraphe"),
    "a link to another sheet (its backlinks)": lambda root: edit_file(
        root / BODY, "Un paragraphe", "Voir [le débat](id:debat-mouvant-4e). Un paragraphe"
    ),
    "a sheet that links to a page kept": lambda root: edit_file(
        root / "practices/lecture-offerte-4e.md", "Un paragraphe", "Un paragraphe repris"
    ),
    "a link removed (backlinks)": lambda root: edit_file(
        root / "practices/lecture-offerte-4e.md", "Voir aussi [le débat](id:debat-mouvant-4e).", ""
    ),
    "a sheet of a workshop (its pack)": lambda root: edit_file(
        root / CITED, "Un paragraphe", "Un paragraphe relu"
    ),
    "a projet's questions (open questions)": lambda root: edit_file(
        root / PROJET, "Comment former", "Comment composer"
    ),
    "a draft": lambda root: edit_file(
        root / "practices/brouillon-oral.md", "Un paragraphe", "Un paragraphe neuf"
    ),
    "a sheet made unsafe (its problems)": lambda root: edit_file(
        root / BODY, "Un paragraphe", '<script>alert("x")</script> Un paragraphe'
    ),
}


@pytest.mark.parametrize("kind", sorted(BODY_EDITS))
def test_an_edit_of_bodies_makes_few_pages_and_the_site_of_a_whole_build(
    served: Served, kind: str
) -> None:
    BODY_EDITS[kind](served.root)
    said = served.rebuild()
    assert 0 < _made_again(said) < len(served.plugin.pages), said
    served.same_as_whole()


def test_pages_that_show_only_faces_keep_their_views_until_a_face_changes(served: Served) -> None:
    """Term pages, taxonomy indexes, lessons, coverage and search show front matter only: after
    an edit of bodies their views are the last build's (not made again), as are the related
    sheets and taxonomies; the open questions, read from bodies, are made again; after an edit
    of a face they all are."""
    faces_only = [uri for uri in served.plugin.pages
                  if uri.startswith(("subjects/", "levels/", "tags/", "challenges/"))
                  or uri in ("lessons.md", "coverage.md", "search.md")]  # fmt: skip
    assert len(faces_only) > 5
    first = dict(served.plugin.pages)
    made_of_faces = (served.plugin.related, served.plugin.taxonomies)
    BODY_EDITS["a projet's questions (open questions)"](served.root)
    served.rebuild()
    second = dict(served.plugin.pages)
    assert [uri for uri in faces_only if second[uri] is not first[uri]] == []
    assert second["questions.md"] is not first["questions.md"]
    assert served.plugin.related is made_of_faces[0]  # not ranked again
    assert served.plugin.taxonomies is made_of_faces[1]
    # Nor looked up: its entry in the build cache still stays for the next build.
    assert (served.work / "cache" / "values" / related.cache_key(served.plugin.kb)).is_file()
    FACE_EDITS["a title (related, backlinks, pack, community)"](served.root)
    served.rebuild()
    third = served.plugin.pages
    assert [uri for uri in faces_only if third[uri] is second[uri]] == []
    assert served.plugin.related is not made_of_faces[0]
    assert served.plugin.taxonomies is not made_of_faces[1]
    served.same_as_whole()


def test_a_second_save_builds_on_the_first(served: Served) -> None:
    BODY_EDITS["a paragraph"](served.root)
    served.rebuild()
    edit_file(served.root / BODY, "tout autre", "vraiment autre")
    said = served.rebuild()
    _made_again(said)
    page = (served.site / "practices/jeu-fractions-cm1/index.html").read_text("utf-8")
    assert "vraiment autre" in page
    served.same_as_whole()


def test_an_unchanged_save_makes_only_the_navigation_pages(served: Served) -> None:
    said = served.rebuild()
    assert _made_again(said) < 15, said  # the pages of the navigation are made every time
    served.same_as_whole()


# Edits of front matter that other pages show (a sheet's face): the pages that show it are made
# again — listings, term pages, related blocks, backlinks, packs —, the others kept.
FACE_EDITS: dict[str, Callable[[Path], None]] = {
    "a title (related, backlinks, pack, community)": lambda root: edit_file(
        root / CITED, 'title: "', 'title: "Le débat, '
    ),
    "a date (the order of listings)": lambda root: edit_file(
        root / BODY, "2025-02-10", "2025-04-10"
    ),
    "a tag that has a page already": lambda root: edit_file(
        root / BODY, '- "jeu"', '- "jeu"\n  - "oral"'
    ),
    "a summary": lambda root: edit_file(root / CITED, 'summary: "', 'summary: "En bref, '),
    "a title and a body at once": lambda root: (
        edit_file(root / BODY, 'title: "', 'title: "Encore un '),
        edit_file(root / BODY, "Un paragraphe", "Un autre paragraphe"),
    ),
}


@pytest.mark.parametrize("kind", sorted(FACE_EDITS))
def test_an_edit_of_front_matter_makes_the_pages_that_show_it(served: Served, kind: str) -> None:
    FACE_EDITS[kind](served.root)
    said = served.rebuild()
    assert 0 < _made_again(said) < len(served.plugin.pages), said
    served.same_as_whole()


def test_a_new_title_shows_at_once_everywhere_it_is_listed(served: Served) -> None:
    FACE_EDITS["a title (related, backlinks, pack, community)"](served.root)
    served.rebuild()
    for page in ("practices/lecture-offerte-4e/index.html", "practices/index.html",
                 "communities/cdp-lettres-test/index.html", "tags/oral/index.html"):  # fmt: skip
        assert "Le débat," in (served.site / page).read_text("utf-8"), page


# Anything else: the whole site is built again, as before.
WHOLE_EDITS: dict[str, Callable[[Path], None]] = {
    "a new tag (a new page)": lambda root: edit_file(root / BODY, '- "jeu"', '- "cartes"'),
    "a sheet drafted": lambda root: edit_file(root / BODY, "title: ", "status: draft\ntitle: "),
    "a sheet added": lambda root: write_files(
        root / "practices", {"nouvelle.md": sheet(title="Une nouvelle fiche")}
    ),
    "a sheet removed": lambda root: (root / BODY).unlink(),
    "a sheet broken": lambda root: edit_file(root / BODY, "title: ", "title: [oops"),
    "a community": lambda root: edit_file(
        root / "communities/cdp-lettres-test.md", "Une rencontre", "Deux rencontres"
    ),
    "a workshop": lambda root: edit_file(
        root / "workshops/2025-03-01-seance.md", "Relire", "Relire attentivement"
    ),
    "a hand-written page": lambda root: edit_file(root / "docs/index.md", "Bienvenue", "Salut"),
}


@pytest.mark.parametrize("kind", sorted(WHOLE_EDITS))
def test_any_other_edit_builds_the_whole_site(served: Served, kind: str) -> None:
    WHOLE_EDITS[kind](served.root)
    said = served.rebuild()
    assert "made again" not in said, said
    served.same_as_whole()
