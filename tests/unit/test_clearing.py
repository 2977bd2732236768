"""The site folder is emptied at once and its old files removed in a thread (site/clearing.py)."""

from __future__ import annotations

import os
from pathlib import Path

from atelier.site.clearing import Clearing


def _fill(folder: Path, count: int = 50) -> None:
    for n in range(count):
        page = folder / f"page-{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text("<p>old</p>", encoding="utf-8")


def test_the_site_folder_is_empty_at_once_and_the_old_tree_goes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _fill(site)
    site.chmod(0o750)
    clearing = Clearing(site)
    assert site.is_dir() and list(site.iterdir()) == []
    assert site.stat().st_mode & 0o777 == 0o750
    clearing.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_tree_left_by_a_killed_build_is_removed_by_the_next(tmp_path: Path) -> None:
    left = tmp_path / ".site.old-123-456"
    _fill(left, 3)
    (tmp_path / "site").mkdir()
    Clearing(tmp_path / "site").wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_link_an_empty_or_a_missing_folder_is_left_to_mkdocs(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere"
    _fill(real, 2)
    link = tmp_path / "site"
    os.symlink(real, link)
    Clearing(link).wait()
    assert link.is_symlink() and len(list(real.iterdir())) == 2
    Clearing(tmp_path / "missing").wait()
    assert not (tmp_path / "missing").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    Clearing(empty).wait()
    assert empty.is_dir()


def _entry(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


def test_a_page_folder_is_taken_back_only_when_it_is_the_cache_s_own_file(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    site = tmp_path / "site"
    entries = {n: _entry(cache, f"{n}.html", f"<p>{n}</p>".encode()) for n in "abcd"}
    for name in "abcd":
        page = site / "practices" / name / "index.html"
        page.parent.mkdir(parents=True)
        os.link(entries[name], page)
    (site / "practices" / "b" / "index.html").unlink()  # b: the same bytes, another file
    (site / "practices" / "b" / "index.html").write_bytes(b"<p>b</p>")
    (site / "practices" / "c" / "photo.png").write_bytes(b"png")  # c: another file beside it
    clearing = Clearing(site, keep_until_start=True)
    taken = {n for n in "abcd" if clearing.take_page(f"practices/{n}/index.html", str(entries[n]))}
    assert taken == {"a", "d"}
    assert not clearing.take_page("practices/a/index.html", str(entries["a"]))  # moved already
    assert not clearing.take_page("index.html", str(entries["a"]))  # the root folder: never
    clearing.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "site"]
    kept = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    assert kept == ["practices/a/index.html", "practices/d/index.html"]
    assert (site / "practices" / "a" / "index.html").stat().st_ino == entries["a"].stat().st_ino
    assert not clearing.take_page("practices/d/index.html", str(entries["d"]))  # after start


def _bundle(folder: Path) -> None:
    _entry(folder, "pagefind-entry.json", b"{}")
    _entry(folder, ".complete", b"")
    for n in range(3):
        _entry(folder / "fragment", f"fr_{n}.pf_fragment", bytes([n]))


def _linked(stored: Path, target: Path) -> None:
    for path in stored.rglob("*"):
        if path.is_file() and path.name != ".complete":
            (target / path.relative_to(stored)).parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target / path.relative_to(stored))


def test_a_search_bundle_is_taken_back_only_when_every_file_is_the_stored_one(
    tmp_path: Path,
) -> None:
    stored = tmp_path / "stored"
    _bundle(stored)
    ignore = frozenset({".complete"})
    for change in ("none", "copy", "extra", "missing", "folder"):
        site = tmp_path / f"site-{change}"
        _linked(stored, site / "pagefind")
        fragment = site / "pagefind" / "fragment" / "fr_1.pf_fragment"
        if change == "copy":  # the same bytes, another file
            fragment.unlink()
            fragment.write_bytes(bytes([1]))
        elif change == "extra":
            (site / "pagefind" / "fragment" / "fr_9.pf_fragment").write_bytes(b"9")
        elif change == "missing":
            fragment.unlink()
        elif change == "folder":
            fragment.unlink()
            fragment.mkdir()
        clearing = Clearing(site, keep_until_start=True)
        assert clearing.take_tree("pagefind", stored, ignore) == (change == "none"), change
        clearing.wait()
        assert (site / "pagefind").exists() == (change == "none"), change


def test_a_served_rebuild_can_put_the_whole_last_site_back(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _fill(site, 3)
    _fill(tmp_path / ".site.old-1-2", 1)  # left by a build killed midway: it goes all the same
    clearing = Clearing(site, keep_until_start=True)
    assert list(site.iterdir()) == []
    assert clearing.restore()
    assert sorted(p.name for p in site.iterdir()) == ["page-0", "page-1", "page-2"]
    assert not clearing.restore()  # once only
    clearing.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (site / "page-2" / "index.html").read_text(encoding="utf-8") == "<p>old</p>"


def test_nothing_is_put_back_over_a_file_written_meanwhile(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _fill(site, 2)
    clearing = Clearing(site, keep_until_start=True)
    (site / "new.html").write_text("<p>new</p>", encoding="utf-8")
    assert not clearing.restore()
    clearing.wait()
    assert sorted(p.name for p in site.iterdir()) == ["new.html"]
