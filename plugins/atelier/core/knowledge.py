"""The knowledge base: every sheet and community of a repository, read once and cross-checked.

`load` is the one entry point shared by the MkDocs plugin, the CLI and the tests.
"""

from __future__ import annotations

import difflib
import functools
import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from atelier.core import aliases as renamed
from atelier.core import cache as cache_store
from atelier.core import links, parallel, privacy, reader, safety, schema, vocabulary
from atelier.core.diagnostics import Report
from atelier.core.document import Section
from atelier.core.links import Link
from atelier.core.messages import VOCAB_NOUNS
from atelier.core.model import Community, Sheet, Workshop
from atelier.core.settings import Settings
from atelier.core.vocabulary import Vocabularies
from atelier.core.workshops import check as check_workshops

# Ids whose address a generated page already uses (the listing at practices/ and its pages).
RESERVED_IDS = frozenset({"index", "page"})


@dataclass
class KnowledgeBase:
    """Validated sheets and communities, plus the sources that could not be read."""

    root: Path
    vocabularies: Vocabularies
    lang: str
    sheets: dict[str, Sheet] = field(default_factory=dict)
    communities: dict[str, Community] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)  # sheet id → path, unreadable
    links: list[Link] = field(default_factory=list)  # links between sheets, in their bodies
    # Renamed sheets: each old id (`aliases`) → the current id of its sheet.
    aliases: dict[str, str] = field(default_factory=dict)

    @functools.cached_property
    def published(self) -> list[Sheet]:
        """Published sheets, newest first (ties by id, so builds are reproducible).

        Computed once: read it only after `load` has finished filling the knowledge base.
        """
        return sorted(
            (s for s in self.sheets.values() if not s.is_draft),
            key=lambda s: (-s.date.toordinal(), s.id),
        )

    @property
    def drafts(self) -> list[Sheet]:
        """Sheets with `status: draft`, by id."""
        return sorted((s for s in self.sheets.values() if s.is_draft), key=lambda s: s.id)

    def locale(self, sheet: Sheet) -> str:
        """fr-CA for a French sheet about Québec levels (« mathématique »), else its lang."""
        levels = self.vocabularies["levels"]
        if sheet.lang == "fr" and any(
            level in levels and levels[level].system == "qc" for level in sheet.levels
        ):
            return "fr-CA"
        return sheet.lang

    @functools.cached_property
    def backlinks(self) -> dict[str, list[str]]:
        """For each published sheet, the published sheets that cite it (related or link)."""
        published = {sheet.id for sheet in self.published}
        return links.backlinks(
            self.published, (link for link in self.links if link.source in published)
        )

    @functools.cached_property
    def published_paths(self) -> dict[str, str]:
        """Every published sheet id with its repository path (built once, not per page)."""
        return {s.id: s.path for s in self.published}

    @functools.cached_property
    def sheet_paths(self) -> dict[str, str]:
        """Every sheet id, readable or not, with its repository path."""
        return {**{s.id: s.path for s in self.sheets.values()}, **self.failed}

    def sheets_of_community(self, community_id: str) -> list[Sheet]:
        """Published sheets shared in one community, newest first."""
        return self._by_community.get(community_id, [])

    @functools.cached_property
    def _by_community(self) -> dict[str, list[Sheet]]:
        groups: dict[str, list[Sheet]] = {}
        for sheet in self.published:
            for community_id in sheet.communities:
                groups.setdefault(community_id, []).append(sheet)
        return groups

    # --- Workshops (workshops/*.md; the checks and the retour convention: core/workshops.py) --

    workshops: dict[str, Workshop] = field(default_factory=dict)
    # Sheet id → the held workshops whose retour has a section about it, oldest first.
    discussions: dict[str, list[tuple[Workshop, Section]]] = field(default_factory=dict)

    def discussed_in(self, sheet_id: str) -> list[tuple[Workshop, Section]]:
        """The held workshops that discussed a sheet, each with its retour section, oldest first."""
        return self.discussions.get(sheet_id, [])

    @functools.cached_property
    def agenda(self) -> list[Workshop]:
        """Every workshop (planned, held, cancelled) by start, then id."""
        return sorted(self.workshops.values(), key=lambda w: (w.start, w.id))

    def workshops_of_sheet(self, sheet_id: str) -> list[Workshop]:
        """The workshops that have a sheet in their `sheets` (any status), by start."""
        return [w for w in self.agenda if sheet_id in w.sheets]

    def workshops_of_community(self, community_id: str) -> list[Workshop]:
        """The workshops of one community (any status), by start."""
        return [w for w in self.agenda if w.community == community_id]

    @functools.cached_property
    def projets_waiting(self) -> list[Sheet]:
        """Published projets no held workshop has discussed yet, oldest first (then by id).

        A projet on the agenda of a planned workshop is still waiting.
        """
        discussed = {s for w in self.workshops.values() if w.is_held for s in w.sheets}
        return sorted(
            (s for s in self.published if s.is_projet and s.id not in discussed),
            key=lambda s: (s.date, s.id),
        )


def discover(root: Path, folder: str, report: Report) -> list[tuple[Path, str]]:
    """Every Markdown file under `root/folder`, refusing symlinks and naming other files.

    Folders first, then files, each sorted by name, then each kept sub-folder in turn (the
    order of os.walk); os.scandir's entries know whether they are links without a system call
    each (~0.2 s at 10,000 sheets)."""
    base = root / folder
    found: list[tuple[Path, str]] = []
    if not base.is_dir():
        return found
    seen: dict[str, str] = {}  # each name as macOS and Windows compare them → as written

    def walk(here: str, prefix: str) -> None:
        try:
            with os.scandir(here) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            return
        dirs: list[os.DirEntry[str]] = []
        files: list[os.DirEntry[str]] = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()  # a link to a folder counts as a folder, as in os.walk
            except OSError:
                is_dir = False
            (dirs if is_dir else files).append(entry)
        for entry in dirs:
            if entry.is_symlink():
                shown = reader.visible(prefix + entry.name)
                report.error(shown, 0, "symlink", target=os.readlink(entry.path))
        kept = [
            entry
            for entry in dirs
            if not entry.is_symlink()
            and not entry.name.startswith(".")
            and _name_ok(entry.name, prefix + entry.name, seen, report)
        ]
        for entry in files:
            shown = prefix + entry.name
            if entry.is_symlink():
                report.error(reader.visible(shown), 0, "symlink", target=os.readlink(entry.path))
            elif entry.name.startswith(".") or not _name_ok(entry.name, shown, seen, report):
                continue
            elif entry.name.endswith(".md"):
                found.append((Path(entry.path), shown))
            else:
                report.warning(shown, 0, "not-markdown")
        for entry in kept:
            walk(entry.path, f"{prefix}{entry.name}/")

    start = base.relative_to(root).as_posix()
    walk(str(base), "" if start == "." else start + "/")
    return found


def _name_ok(name: str, shown: str, seen: dict[str, str], report: Report) -> bool:
    """False, and reported, for a name with an invisible or control character (it would
    reorder or hide text in every message and listing), or one that another name already
    seen equals on macOS and Windows, where case and accent encodings do not count.
    `shown`: the path from the repository's folder."""
    bad = reader.forbidden_char(name, in_name=True)
    if bad is not None:
        report.error(reader.visible(shown), 0, "path-invisible", char=bad[0], name=bad[1])
        return False
    folded = unicodedata.normalize("NFC", shown).casefold()
    if folded in seen:
        report.error(shown, 0, "path-case-clash", path=shown, other=seen[folded])
        return False
    seen[folded] = shown
    return True


def _id_of(path: Path, shown: str, report: Report) -> str | None:
    stem = path.stem
    if not schema.SLUG.match(stem):
        report.error(shown, 0, "id-invalid", name=path.name, slug=schema.slugify(stem) or "fiche")
        return None
    if stem in RESERVED_IDS:
        report.error(shown, 0, "id-reserved", name=path.name)
        return None
    return stem


def candidates(root: Path, folder: str, report: Report) -> Iterator[tuple[str, str, Path]]:
    """Each file of a content folder, once, not read yet: its id, its path as shown, and where
    it is. Files with an invalid id, and a second file with an id already seen, are reported and
    left out."""
    seen: dict[str, str] = {}
    for path, shown in discover(root, folder, report):
        item_id = _id_of(path, shown, report)
        if item_id is None:
            continue
        if item_id in seen:
            report.error(shown, 0, "id-duplicate", id=item_id, other=seen[item_id])
            continue
        seen[item_id] = shown
        yield item_id, shown, path


def read_source(
    path: Path, shown: str, report: Report, data: bytes | None = None
) -> reader.Source | None:
    """A file's reading (None when it cannot be read; the reason is in `report`), its body
    already checked by `safety`. `data`: its bytes, when the caller has read them already."""
    if data is None:
        source = reader.read_file(path, shown, report)
    else:
        source = reader.read_bytes(data, shown, report)
    if source is not None:
        safety.scan_body(source, report)
    return source


def sources(
    root: Path, folder: str, report: Report
) -> Iterator[tuple[str, str, reader.Source | None]]:
    """Each file of a content folder, once: its id, its path as shown, and its reading (None
    when it cannot be read; the reason is in `report`), its body already checked by `safety`.
    Files with an invalid id, and a second file with an id already seen, are reported and left
    out."""
    for item_id, shown, path in candidates(root, folder, report):
        yield item_id, shown, read_source(path, shown, report)


def load(
    site: Settings | Path, cache: cache_store.BuildCache | None = None
) -> tuple[KnowledgeBase, Report]:
    """Read, validate and cross-check every source of a site; report every problem.

    `site` is the site's `Settings`, or a folder read with the default settings (its mkdocs.yml
    is not read: use `Settings.from_config_file` for that). The settings' own problems (a wrong
    option in mkdocs.yml) are part of the report. With a `cache` (the build's), an unchanged
    sheet file is not read again: its reading and its diagnostics come from the cache.
    """
    settings = site if isinstance(site, Settings) else Settings(site)
    root = settings.root
    vocabularies, report = vocabulary.load(settings.vocabularies, root=root)
    report.extend(settings.diagnostics)
    kb = KnowledgeBase(root=root, vocabularies=vocabularies, lang=settings.lang)

    for community_id, _, source in sources(root, settings.communities_dir, report):
        if source is None:
            continue
        community = schema.read_community(
            source, community_id, vocabularies, report, today=settings.today
        )
        if community is not None:
            kb.communities[community_id] = community

    readings = _read_sheets(settings, vocabularies, cache, report)
    for sheet_id, (shown, reading) in readings.items():
        if reading.value is None:
            kb.failed[sheet_id] = shown
        else:
            kb.sheets[sheet_id] = reading.value

    kb.aliases = renamed.index(kb, report)  # before anything reads ids: links, related
    renamed.resolve(kb, report)
    for sheet in kb.sheets.values():
        kb.links.extend(links.scan(sheet, kb.sheet_paths, report, kb.aliases))
    _cross_check(kb, report)
    _load_workshops(kb, settings, report)
    if settings.privacy != "off":
        own = {sheet_id: reading for sheet_id, (_, reading) in readings.items()}
        _guard_privacy(kb, report, privacy_guard(settings), own, cache)
    return kb, report


def _reading_salt(settings: Settings) -> str:
    """Every input of a sheet's reading but its own bytes: code, vocabularies, options, date."""
    return cache_store.digest(
        cache_store.code_digest(),
        cache_store.tree_digest(settings.vocabularies),
        cache_store.tree_digest(settings.privacy_lists),
        settings.lang,
        settings.privacy,
        settings.today.isoformat(),
    )


def _read_sheets(
    settings: Settings,
    vocabularies: Vocabularies,
    cache: cache_store.BuildCache | None,
    report: Report,
) -> dict[str, tuple[str, cache_store.Reading]]:
    """Every sheet file's reading (by id, with its path as shown), each read and checked on
    its own: found in the cache when its bytes and every other input are unchanged, else read
    here, or by a second process when many are to be read (core/parallel.py). What is found
    wrong goes into `report` file by file, in the order of the files, whoever read them."""
    salt = _reading_salt(settings) if cache is not None else ""
    found = Report()  # what the folder walk finds wrong (a bad name, an id twice…)
    files: list[tuple[str, str, Path, int]] = []  # id, shown, path, len(found.items) then
    for sheet_id, shown, path in candidates(settings.root, settings.practices_dir, found):
        files.append((sheet_id, shown, path, len(found.items)))
    readings: dict[str, cache_store.Reading] = {}
    todo: dict[str, tuple[str, Path, bytes | None, str]] = {}  # id → shown, path, bytes, key
    for sheet_id, shown, path, _ in files:
        data: bytes | None = None
        key = ""
        if cache is not None:
            try:
                data = path.read_bytes()
            except OSError:
                data = None  # _read_sheet says why
            if data is not None:
                key = cache_store.digest(salt, shown, sheet_id, data)
                if (kept := cache.reading(key)) is not None:
                    readings[sheet_id] = kept
                    continue
        todo[sheet_id] = (shown, path, data, key)

    def read(sheet_id: str) -> cache_store.Reading:
        shown, path, data, _ = todo[sheet_id]
        return _read_sheet(sheet_id, shown, path, data, settings, vocabularies)

    for sheet_id, reading in parallel.each(list(todo), read, "read"):
        key = todo[sheet_id][3]
        if cache is not None and key:
            cache.keep_reading(key, reading)
        readings[sheet_id] = reading
    done = 0
    result: dict[str, tuple[str, cache_store.Reading]] = {}
    for sheet_id, shown, _, before in files:
        report.extend(found.items[done:before])
        done = before
        result[sheet_id] = (shown, readings[sheet_id])
        report.extend(readings[sheet_id].diagnostics)
    report.extend(found.items[done:])
    return result


def _read_sheet(
    sheet_id: str,
    shown: str,
    path: Path,
    data: bytes | None,
    settings: Settings,
    vocabularies: Vocabularies,
) -> cache_store.Reading:
    """One sheet file read and checked on its own (`data`: its bytes, if read already): the
    sheet, or None, and what was found wrong."""
    own = Report()
    source = read_source(path, shown, own, data)
    sheet = None
    if source is not None:
        sheet = schema.read_sheet(
            source, sheet_id, vocabularies, own, today=settings.today, default_lang=settings.lang
        )
    return cache_store.Reading(sheet, tuple(own.items))


def privacy_guard(settings: Settings, mode: str | None = None) -> privacy.PrivacyGuard:
    """The privacy guard of a site (the one place it is made), in its mode or in `mode`."""
    mode = mode or settings.privacy
    return privacy.PrivacyGuard(use_model=mode == "model", lists=settings.privacy_lists)


def _guard_privacy(
    kb: KnowledgeBase,
    report: Report,
    guard: privacy.PrivacyGuard,
    readings: dict[str, cache_store.Reading] | None = None,
    cache: cache_store.BuildCache | None = None,
) -> None:
    """Warn, file by file, about what looks like personal data (a reviewer may accept it):
    sheets, and workshops, whose retour tells what a group said about a class. A sheet whose
    reading came from the cache has its findings there too (the guard's mode is in its key)."""
    if guard.use_model and not guard.model_loaded:
        report.warning("atelier", 0, "privacy-model-missing", model=privacy.MODEL_NAME)
    readings = readings or {}
    for sheet in kb.sheets.values():
        reading = readings.get(sheet.id)
        if reading is None or reading.privacy is None:
            own = Report()
            guard.report(sheet, own)
            if reading is not None:
                reading.privacy = tuple(own.items)
                if cache is not None:
                    cache.changed(reading)
            report.extend(own.items)
        else:
            report.extend(reading.privacy)
    for workshop in kb.workshops.values():
        guard.report(workshop, report)


def _cross_check(kb: KnowledgeBase, report: Report) -> None:
    """References between sources: communities, related sheets, links, translations."""
    known_sheets = set(kb.sheets) | set(kb.failed)
    for link in kb.links:
        source, target = kb.sheets[link.source], kb.sheets.get(link.target)
        if target is not None and target.is_draft and not source.is_draft:
            report.error(source.path, link.line, "related-draft", value=link.target)
    for sheet in kb.sheets.values():
        for community_id in sheet.communities:
            if community_id not in kb.communities:
                _unknown(report, sheet, "community", community_id, kb.communities, "communities")
        for related_id in sheet.related:
            if related_id == sheet.id:
                report.error(
                    sheet.path,
                    sheet.lines.get("related", 1),
                    "related-self",
                    "related",
                    value=related_id,
                )
            elif related_id not in known_sheets:
                _unknown(report, sheet, "related", related_id, known_sheets, "practices")
            elif related_id in kb.sheets and kb.sheets[related_id].is_draft and not sheet.is_draft:
                report.error(
                    sheet.path, sheet.lines["related"], "related-draft", "related", value=related_id
                )
        if sheet.translation_of and sheet.translation_of not in known_sheets:
            _unknown(
                report, sheet, "translation_of", sheet.translation_of, known_sheets, "practices"
            )


def _unknown(report: Report, sheet: Sheet, key: str, value: str, known: object, noun: str) -> None:
    candidates = list(known)  # type: ignore[call-overload]
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    line = sheet.lines.get(key, 1)
    if close:
        report.error(
            sheet.path,
            line,
            "unknown-id",
            key,
            value=value,
            noun=VOCAB_NOUNS[noun],
            suggestion=close[0],
        )
    else:
        report.error(
            sheet.path, line, "unknown-id-nosuggest", key, value=value, noun=VOCAB_NOUNS[noun]
        )


# --- Workshops --------------------------------------------------------------------------------


def _load_workshops(kb: KnowledgeBase, settings: Settings, report: Report) -> None:
    """Read workshops/ (the `workshops_dir` setting), then check them against sheets."""
    for workshop_id, _, source in sources(settings.root, settings.workshops_dir, report):
        if source is None:
            continue
        workshop = schema.read_workshop(
            source,
            workshop_id,
            kb.vocabularies,
            report,
            today=settings.today,
            default_lang=settings.lang,
        )
        if workshop is not None:
            kb.workshops[workshop_id] = workshop
    renamed.resolve_workshops(kb, report)  # before the checks: `sheets` by current ids
    check_workshops(kb, report)
