"""The build cache never changes the result (issue 9).

After an edit of each kind (a sheet, a community, a template, a vocabulary, an option), a build
that reuses the cache writes exactly the bytes of a cold build of the same sources
(SOURCE_DATE_EPOCH set), Pagefind bundle included; and it did reuse what the edit left alone.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from atelier.site import search_index
from conftest import (
    OVERRIDES,
    build_config,
    community,
    edit_file,
    fake_pagefind,
    load_site_config,
    make_site,
    sheet,
    site_files,
    write_files,
)

pytestmark = pytest.mark.slow

VOCABULARY = "subjects:\n  - id: cuisine\n    labels: {fr: Cuisine, en: Cooking}\n"
SHEETS = {
    "debat-mouvant-4e": sheet(tags=["oral", "debat"], community="cdp-lettres-test"),
    "lecture-offerte-4e": sheet(
        title="Lecture offerte chaque lundi",
        tags=["lecture", "oral"],
        date="2025-03-10",
        related=["debat-mouvant-4e"],
    ),
    "jeu-fractions-cm1": sheet(
        title="Jeu de cartes sur les fractions",
        subject="mathematiques",
        level="fr-cm1",
        tags=["fractions", "jeu"],
        date="2025-02-10",
    ),
    "atelier-pain": sheet(title="Atelier pain", subject="cuisine", tags=["oral"]),
    "number-talks-sec-2": sheet(
        lang="en",
        title="Number talks to start the lesson",
        summary="Five minutes of mental maths to open each lesson.",
        subject="mathematiques",
        level="qc-sec-2",
        tags=["jeu"],
        date="2024-11-07",
        what_went_wrong=["The same three students answered every time."],
    ),
}


class Builds:
    """Builds of one site: with its cache (warm), or with an empty one (cold)."""

    def __init__(
        self,
        root: Path,
        work: Path,
        monkeypatch: pytest.MonkeyPatch,
        logs: pytest.LogCaptureFixture,
    ) -> None:
        self.root, self.work, self.monkeypatch, self.logs = root, work, monkeypatch, logs
        self.count = 0

    def build(
        self, cache: Path, site: Path | None = None
    ) -> tuple[dict[str, bytes], tuple[int, int]]:
        """The site built with the cache in `cache` (in a new folder, or `site`), and (pages
        found, pages made)."""
        self.count += 1
        self.monkeypatch.setenv("ATELIER_CACHE_DIR", str(cache))
        site = site or self.work / f"site-{self.count}"
        self.logs.clear()
        build_config(load_site_config(self.root / "mkdocs.yml", site))
        counts = [m for m in self.logs.messages if m.startswith("atelier: cache:")]
        assert counts, f"the build said nothing of its cache: {self.logs.messages}"
        found, made = map(int, re.findall(r"\d+", counts[-1]))
        return site_files(site), (found, made)

    def warm_equals_cold(self) -> tuple[int, int]:
        """Build warm, then cold in an empty cache: the same files, byte for byte."""
        warm, counts = self.build(self.work / "cache")
        fresh = self.work / f"empty-cache-{self.count}"
        cold, _ = self.build(fresh)
        assert sorted(warm) == sorted(cold), "warm and cold builds wrote different files"
        differing = sorted(name for name in warm if warm[name] != cold[name])
        assert not differing, f"a warm build differs from a cold one in: {differing}"
        shutil.rmtree(fresh)
        return counts


@pytest.fixture
def builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mkdocs_logs: pytest.LogCaptureFixture
) -> Builds:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    overrides = tmp_path / "overrides"
    shutil.copytree(OVERRIDES, overrides)
    config = {
        "theme": {"custom_dir": str(overrides)},
        "plugins": [{"atelier": {"privacy": "rules", "vocabularies": ["vocab/extra.yml"],
                                 "search_index": True}}],
    }  # fmt: skip
    root = make_site(
        tmp_path / "src", SHEETS, {"cdp-lettres-test": community()}, config=config, pagefind=True
    )
    write_files(root / "vocab", {"extra.yml": VOCABULARY})
    return Builds(root, tmp_path, monkeypatch, mkdocs_logs)


def _set_line(path: Path, key: str, value: str) -> None:
    """Give `key:` (a line of YAML) a new plain value."""
    text = path.read_text(encoding="utf-8")
    edited = re.sub(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.MULTILINE)
    assert edited != text, f"no {key}: line in {path}"
    path.write_text(edited, encoding="utf-8")


def test_an_unchanged_tree_is_all_found_in_the_cache(builds: Builds) -> None:
    first, (found, made) = builds.build(builds.work / "cache")
    assert found == 0 and made > 0
    second, (found, made) = builds.build(builds.work / "cache")
    assert made == 0 and found > 0, "the second build of an unchanged tree made something again"
    assert first == second


EDITS: dict[str, Callable[[Path], None]] = {
    "sheet": lambda root: _set_line(
        root / "practices" / "debat-mouvant-4e.md", "title", "Débat mouvant, repris"
    ),
    "community": lambda root: _set_line(
        root / "communities" / "cdp-lettres-test.md", "name", "Cercle des lettres"
    ),
    "template": lambda root: edit_file(
        root.parent / "overrides" / "atelier" / "sheet.html",
        "{% block content %}",
        "{% block content %}<p>edited</p>",
    ),
    "vocabulary": lambda root: edit_file(
        root / "vocab" / "extra.yml", "Cuisine", "Cuisine et goût"
    ),
    "option": lambda root: _set_line(root / "mkdocs.yml", "site_name", "Un autre atelier"),
}


@pytest.mark.parametrize("kind", list(EDITS))
def test_after_an_edit_a_warm_build_is_a_cold_build(builds: Builds, kind: str) -> None:
    before, _ = builds.build(builds.work / "cache")
    EDITS[kind](builds.root)
    found, made = builds.warm_equals_cold()
    assert made > 0, f"after an edit of a {kind}, nothing was made again"
    after, _ = builds.build(builds.work / "cache")
    assert after != before, f"the edit of a {kind} changed nothing in the site"
    if kind in ("sheet", "community"):
        assert found > 0, f"an edit of one {kind} made every page again"


def test_a_sheet_removed_leaves_no_stale_page_or_record(builds: Builds) -> None:
    before, _ = builds.build(builds.work / "cache")
    assert "practices/atelier-pain/index.html" in before
    (builds.root / "practices" / "atelier-pain.md").unlink()
    builds.warm_equals_cold()
    after, _ = builds.build(builds.work / "cache")
    assert "practices/atelier-pain/index.html" not in after
    listing = after["practices/index.html"].decode()
    assert (
        "Atelier pain" not in listing and "Atelier pain" in before["practices/index.html"].decode()
    )


def test_a_cut_page_in_the_cache_is_made_again(builds: Builds) -> None:
    before, _ = builds.build(builds.work / "cache")
    pages = sorted((builds.work / "cache" / "pages").rglob("*.html"))
    for page in pages:
        page.write_bytes(page.read_bytes()[:-10])
    after, (_, made) = builds.build(builds.work / "cache")
    assert after == before and made >= len(pages)


def test_a_damaged_cache_entry_is_made_again(builds: Builds) -> None:
    before, _ = builds.build(builds.work / "cache")
    for entry in (builds.work / "cache" / "pages").rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"not an entry")
    for shard in (builds.work / "cache" / "readings").iterdir():
        shard.write_bytes(b"not a pickle")
    after, (_, made) = builds.build(builds.work / "cache")
    assert after == before and made > 0


def test_a_build_that_fails_vouches_for_nothing(builds: Builds) -> None:
    builds.build(builds.work / "cache")
    cache = builds.work / "cache"
    kept = {
        path: path.read_bytes()
        for path in [cache / "pages.list", *sorted((cache / "readings").iterdir())]
    }
    _set_line(builds.root / "practices" / "atelier-pain.md", "date", "2026-02-30")
    with pytest.raises(Exception, match="Aborted"):
        builds.build(builds.work / "cache")
    for path, data in kept.items():
        assert path.read_bytes() == data, f"{path.name} changed"


def test_a_build_whose_search_index_fails_leaves_a_cache_that_builds_right(
    builds: Builds,
) -> None:
    """The readings and entries are written while Pagefind finishes (BuildCache.save_early):
    when Pagefind then fails, the pages it made count for nothing, and the next build is
    still the cold build of its sources."""
    builds.build(builds.work / "cache")
    listed = (builds.work / "cache" / "pages.list").read_bytes()
    edit_file(
        builds.root / "practices" / "atelier-pain.md",
        "pour la section 1.",
        "pour la section 1, revue.",
    )
    fake = fake_pagefind(builds.work, 'sys.exit("Error: no space left on device\\n")')
    executable = search_index.executable
    builds.monkeypatch.setattr(search_index, "executable", lambda: str(fake))
    with pytest.raises(Exception, match="Aborted"):
        builds.build(builds.work / "cache")
    assert any("no space left" in message for message in builds.logs.messages)
    assert (builds.work / "cache" / "pages.list").read_bytes() == listed
    builds.monkeypatch.setattr(search_index, "executable", executable)
    found, made = builds.warm_equals_cold()
    assert found > 0 and made > 0


def test_a_site_file_edited_in_place_never_reaches_the_next_build(builds: Builds) -> None:
    """Pages from the cache are hard links: a tool that rewrites site/ in place changes the
    cache's file too, which no longer matches its digest and is made again."""
    builds.build(builds.work / "cache")
    warm, (found, _) = builds.build(builds.work / "cache")
    assert found > 0
    page = builds.work / f"site-{builds.count}" / "practices" / "atelier-pain" / "index.html"
    with page.open("r+b") as handle:  # in place: the same inode
        handle.write(b"<!-- tampered -->")
    again, (_, made) = builds.build(builds.work / "cache")
    assert made > 0 and again == warm


def _inodes(folder: Path) -> set[int]:
    return {p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def test_a_rebuild_in_the_same_folder_takes_back_only_the_cache_s_own_files(
    builds: Builds,
) -> None:
    """A warm build moves the last site's pages and search bundle into the new one instead of
    writing them again, but only files that are the cache's own (the same inode): a page or a
    fragment replaced by other bytes, or a page folder holding another file, is written anew."""
    site, cache = builds.work / "served", builds.work / "cache"
    builds.build(cache, site)
    entries = _inodes(cache / "pages") | _inodes(cache / "search")
    replaced = site / "practices" / "atelier-pain" / "index.html"
    replaced.unlink()
    replaced.write_bytes(b"<p>replaced</p>")
    (site / "practices" / "debat-mouvant-4e" / "notes.txt").write_text("left", encoding="utf-8")
    fragment = sorted((site / "pagefind").rglob("*.pf_fragment"))[0]
    kept = fragment.read_bytes()
    fragment.unlink()
    fragment.write_bytes(kept[:-1])  # another file, with other bytes
    pages = sorted((site / "practices").glob("*/index.html"))
    taken = {p.parent.name for p in pages if p.stat().st_ino in entries} - {"atelier-pain"}
    assert taken, "the first build left no page linked to the cache"
    warm, (found, made) = builds.build(cache, site)
    assert found > 0 and made == 0
    assert not any(p.name.startswith(".served.old-") for p in builds.work.iterdir())
    moved = {p.parent.name for p in (site / "practices").glob("*/index.html")
             if p.stat().st_ino in entries}  # fmt: skip
    assert taken <= moved and "atelier-pain" in moved
    cold, _ = builds.build(builds.work / "empty-cache")
    assert sorted(warm) == sorted(cold)
    assert [name for name in warm if warm[name] != cold[name]] == []
    assert "practices/debat-mouvant-4e/notes.txt" not in warm


def test_a_build_run_from_python_leaves_nothing_frozen_for_the_collector(builds: Builds) -> None:
    """The plugin freezes the knowledge base (gc.freeze) for the build; a build run from Python
    (tests, `mkdocs serve`) unfreezes it at the end, failed or not: a long process must be able
    to collect what its builds left."""
    import gc

    builds.build(builds.work / "cache")
    assert gc.get_freeze_count() == 0
    _set_line(builds.root / "practices" / "atelier-pain.md", "date", "2026-02-30")
    with pytest.raises(Exception, match="Aborted"):
        builds.build(builds.work / "cache")
    assert gc.get_freeze_count() == 0


def test_only_the_build_command_keeps_its_objects_frozen_until_it_exits() -> None:
    import click

    from atelier.mkdocs_plugin import AtelierPlugin

    plugin = AtelierPlugin()
    plugin.on_startup(command="build", dirty=False)  # MkDocs run from Python: it goes on
    assert not plugin.exits_after
    with click.Context(click.Command("build")):  # the `mkdocs build` command
        plugin.on_startup(command="build", dirty=False)
        assert plugin.exits_after
        plugin.on_startup(command="serve", dirty=False)
        assert not plugin.exits_after
