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
