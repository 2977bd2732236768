"""Emptying the site folder without waiting for it.

Before every build MkDocs removes each file of the site folder: about 40,000 files for a site
of 10,000 sheets (pages, Pagefind fragments), some 3 s of a rebuild. The plugin renames the
folder aside (one system call), leaves an empty one in its place for MkDocs, and removes the
old tree in a thread while the pages are made; the build waits for it only at its end.

Only a plain folder is moved: a symbolic link or a mount point is left to MkDocs, as is any
folder the rename fails on. A tree left behind by a build that was killed midway
(`.site.old-…` beside the site folder) is removed by the next one.
"""

from __future__ import annotations

import os
import shutil
import stat
import threading
from pathlib import Path

TRASH = ".{name}.old-"  # prefix of a tree set aside, beside the site folder


class Clearing:
    """The old content of `site_dir`, being removed in a thread."""

    def __init__(self, site_dir: Path) -> None:
        self._thread: threading.Thread | None = None
        prefix = TRASH.format(name=site_dir.name)
        parent = site_dir.parent
        trees = [p for p in parent.glob(f"{prefix}*") if p.is_dir() and not p.is_symlink()]
        if _movable(site_dir):
            trash = parent / f"{prefix}{os.getpid()}-{threading.get_ident()}"
            mode = stat.S_IMODE(site_dir.stat().st_mode)
            try:
                site_dir.rename(trash)
            except OSError:
                pass  # MkDocs empties it, as without this class
            else:
                trees.append(trash)
                site_dir.mkdir(mode=mode, exist_ok=True)
        if trees:
            self._thread = threading.Thread(
                target=_remove, args=(trees,), name="atelier-clearing", daemon=True
            )
            self._thread.start()

    def wait(self) -> None:
        """Wait until the old trees are gone."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None


def _movable(site_dir: Path) -> bool:
    """A plain, non-empty folder that is not a mount point."""
    try:
        if site_dir.is_symlink() or not site_dir.is_dir() or os.path.ismount(site_dir):
            return False
        with os.scandir(site_dir) as entries:
            return any(True for _ in entries)
    except OSError:
        return False


def _remove(trees: list[Path]) -> None:
    for tree in trees:
        shutil.rmtree(tree, ignore_errors=True)
