"""Emptying the site folder without waiting for it.

Before every build MkDocs removes each file of the site folder: about 40,000 files for a site
of 10,000 sheets (pages, Pagefind fragments), some 3 s of a rebuild. The plugin renames the
folder aside (one system call), leaves an empty one in its place for MkDocs, and removes the
old tree in a thread while the pages are made; the build waits for it only at its end.

Only a plain folder is moved: a symbolic link or a mount point is left to MkDocs, as is any
folder the rename fails on. A tree left behind by a build that was killed midway
(`.site.old-…` beside the site folder) is removed by the next one.

With the build cache, most files of the new site are the old ones again: hard links to the
same cache entries. Removing 10,000 page folders and 10,000 search fragments only to make them
again cost a warm build some 5 s at 10,000 sheets. So the removal can wait (`keep_until_start`)
while the plugin takes back what is provably the same file — the very same inode as the cache
entry it would link (`take_page`), or a whole search bundle whose every file is (`take_tree`) —
and then starts (`start`). Nothing is trusted by name or date: a file that is not the cache's
own is removed and written anew.
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

    def __init__(self, site_dir: Path, *, keep_until_start: bool = False) -> None:
        self._thread: threading.Thread | None = None
        self.site_dir = site_dir
        self.old: Path | None = None  # the last build's site, until it is removed
        self._made: set[str] = set()  # folders of the new site made by take_page
        prefix = TRASH.format(name=site_dir.name)
        parent = site_dir.parent
        self._trees = [p for p in parent.glob(f"{prefix}*") if p.is_dir() and not p.is_symlink()]
        if _movable(site_dir):
            trash = parent / f"{prefix}{os.getpid()}-{threading.get_ident()}"
            mode = stat.S_IMODE(site_dir.stat().st_mode)
            try:
                site_dir.rename(trash)
            except OSError:
                pass  # MkDocs empties it, as without this class
            else:
                self.old = trash
                self._trees.append(trash)
                site_dir.mkdir(mode=mode, exist_ok=True)
        if not keep_until_start:
            self.start()

    def take_page(self, dest_uri: str, entry: str) -> bool:
        """Move the last build's folder of the page `dest_uri` (`a/b/index.html`) into the new
        site if its only file is `entry` itself (a hard link to the cache entry the page would
        be linked to) and the new site has no such folder yet. False: nothing was moved."""
        if self.old is None or self._thread is not None:
            return False
        folder, name = os.path.split(dest_uri)
        if not folder:
            return False  # a page at the root shares its folder with the whole site
        old_folder = os.path.join(self.old, folder)
        new_folder = os.path.join(self.site_dir, folder)
        try:
            if os.listdir(old_folder) != [name] or not _same_file(
                os.path.join(old_folder, name), entry
            ):
                return False
            parent = os.path.dirname(new_folder)
            if parent not in self._made:
                os.makedirs(parent, exist_ok=True)
                self._made.add(parent)
            if os.path.lexists(new_folder):
                return False
            os.rename(old_folder, new_folder)
        except OSError:
            return False
        return True

    def take_tree(self, relative: str, stored: Path, ignore: frozenset[str]) -> bool:
        """Move the last build's folder `relative` into the new site if it holds exactly the
        files of `stored` (but `ignore`), each a hard link to the stored one."""
        if self.old is None or self._thread is not None:
            return False
        old_tree = os.path.join(self.old, relative)
        new_tree = os.path.join(self.site_dir, relative)
        try:
            if os.path.lexists(new_tree) or not _same_tree(old_tree, str(stored), ignore):
                return False
            os.makedirs(os.path.dirname(new_tree), exist_ok=True)
            os.rename(old_tree, new_tree)
        except OSError:
            return False
        return True

    def restore(self) -> bool:
        """Put the last build's whole site back in place of the new, still empty, folder (a
        served rebuild that writes only the pages a save changed: mkdocs_preview.py). False:
        nothing was moved (no old site, or the new folder is not empty any more)."""
        if self.old is None or self._thread is not None:
            return False
        try:
            os.rmdir(self.site_dir)  # fails unless empty: nothing written there is lost
        except OSError:
            return False
        try:
            os.rename(self.old, self.site_dir)
        except OSError:
            self.site_dir.mkdir(exist_ok=True)
            return False
        self._trees.remove(self.old)
        self.old = None
        self.start()  # trees left by a build killed midway, if any
        return True

    def start(self) -> None:
        """Remove the old trees in a thread (what was taken back is no longer in them)."""
        if self._thread is None and self._trees:
            self._thread = threading.Thread(
                target=_remove, args=(self._trees,), name="atelier-clearing", daemon=True
            )
            self._thread.start()
            self._trees = []

    def wait(self) -> None:
        """Wait until the old trees are gone."""
        self.start()
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


def _same_file(path: str, other: str) -> bool:
    """The same file (inode), not merely the same bytes: a link to it, or itself."""
    mine, theirs = os.stat(path, follow_symlinks=False), os.stat(other)
    return stat.S_ISREG(mine.st_mode) and (mine.st_ino, mine.st_dev) == (
        theirs.st_ino,
        theirs.st_dev,
    )


def _same_tree(tree: str, stored: str, ignore: frozenset[str]) -> bool:
    """Every file of `stored` (but `ignore`) is in `tree` as a link to it, and nothing else is."""
    with os.scandir(tree) as mine_entries, os.scandir(stored) as stored_entries:
        mine = {e.name: e for e in mine_entries}
        theirs = {e.name: e for e in stored_entries if e.name not in ignore}
    # Inodes are unique within one file system: both folders must be on the same one.
    if mine.keys() != theirs.keys() or os.stat(tree).st_dev != os.stat(stored).st_dev:
        return False
    for name, entry in theirs.items():
        own = mine[name]
        if entry.is_dir(follow_symlinks=False):
            if not own.is_dir(follow_symlinks=False) or not _same_tree(
                own.path, entry.path, frozenset()
            ):
                return False
        elif not (
            entry.is_file(follow_symlinks=False)
            and own.is_file(follow_symlinks=False)
            and own.inode() == entry.inode()
        ):
            return False
    return True
