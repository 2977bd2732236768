"""What a pull request changes, as a volunteer maintainer needs it first (the facts; the
Markdown comment is written by atelier.report.review).

Pure: it receives the list of changed files (from git, at the edge) and the knowledge base of
the proposed tree, and finds which sheets and workshops change, the errors, the privacy
findings, the near-duplicates, the new tags that look like existing ones, and any change
outside the content.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from atelier.core.diagnostics import Diagnostic
from atelier.core.duplicates import DuplicateIndex, Match
from atelier.core.knowledge import KnowledgeBase
from atelier.core.privacy import Finding
from atelier.core.schema import slugify
from atelier.core.settings import Settings

# Where a change can run code or change what every page shows: the loudest notice. With the
# site's configuration file, and anything outside the site's folder (`../…`).
CODE = (
    "mkdocs.yml", "mkdocs.yaml", "pyproject.toml", "Makefile", ".ci/", ".github/", "plugins/",
    "overrides/", "requirements", "setup.", "hooks/", ".pre-commit", "../",
)  # fmt: skip


@dataclass(frozen=True)
class Change:
    """One changed file: status is A (added), M (modified), D (deleted) or R (renamed)."""

    status: str
    path: str
    old_path: str | None = None


@dataclass(frozen=True)
class TagHint:
    """A new tag and the existing tag or vocabulary label it resembles."""

    tag: str
    sheet: str
    like: str


def new_tags(kb: KnowledgeBase, changed: set[str]) -> list[TagHint]:
    """Tags used only by changed sheets that resemble an existing tag or a vocabulary label."""
    existing = {tag for s in kb.sheets.values() if s.id not in changed for tag in s.tags}
    labels: dict[str, str] = {}
    for vocab in kb.vocabularies:
        for term in vocab:
            for label in term.labels.values():
                labels.setdefault(slugify(label), f"{vocab.name}: {term.id}")
    hints = []
    for sheet_id_ in sorted(changed):
        sheet = kb.sheets.get(sheet_id_)
        for tag in sheet.tags if sheet else ():
            if tag in existing:
                continue
            close = difflib.get_close_matches(tag, sorted(existing), n=1, cutoff=0.8)
            singular = tag.rstrip("sx")
            twin = next((t for t in sorted(existing) if t.rstrip("sx") == singular), None)
            if twin or close:
                hints.append(TagHint(tag, sheet_id_, twin or close[0]))
            elif tag in labels:
                hints.append(TagHint(tag, sheet_id_, labels[tag]))
    return hints


@dataclass(frozen=True)
class Changed:
    """A changed sheet or workshop, with its title in the proposed tree ("" when removed)."""

    change: Change
    title: str


@dataclass(frozen=True)
class Review:
    """Everything the review report says, computed once."""

    outside: tuple[Change, ...]  # changes outside the content folders
    code: bool  # one of them can run code or change every page: the loudest notice
    sheets: tuple[Changed, ...]
    workshops: tuple[Changed, ...]
    errors: tuple[Diagnostic, ...]
    warnings: tuple[Diagnostic, ...]  # privacy warnings excepted: they are in `privacy`
    privacy: tuple[tuple[str, Finding], ...]  # (path, finding), by path
    duplicates: tuple[tuple[str, Match, str], ...]  # (sheet id, match, path of the match)
    tags: tuple[TagHint, ...] = field(default=())


def review(
    changes: Sequence[Change],
    kb: KnowledgeBase,
    diagnostics: Iterable[Diagnostic],
    privacy: dict[str, list[Finding]],
    duplicates: DuplicateIndex,
    settings: Settings,
) -> Review:
    """The facts of a review; paths are repository paths (relative to `settings.root`)."""
    content = tuple(folder + "/" for folder in settings.content_dirs)
    outside = tuple(c for c in changes if not c.path.startswith(content))
    code = any(c.path.startswith((*CODE, settings.config_name)) for c in outside)
    sheet_changes = [c for c in changes if settings.sheet_id(c.path)]
    sheets = tuple(
        Changed(c, kb.sheets[sid].title if (sid := settings.sheet_id(c.path) or "") in kb.sheets
                else "")
        for c in sheet_changes
    )  # fmt: skip
    workshops = tuple(
        Changed(c, kb.workshops[wid].title if wid in kb.workshops else "")
        for c in changes
        if (wid := settings.workshop_id(c.path) or "")
    )
    changed_paths = {c.path for c in changes}
    problems = [d for d in diagnostics if d.path in changed_paths]
    matches: list[tuple[str, Match, str]] = []
    for change in sheet_changes:
        sid = settings.sheet_id(change.path) or ""
        if change.status != "D" and sid in kb.sheets:
            for match in duplicates.matches(kb.sheets[sid]):
                other = kb.sheets[match.id].path if match.id in kb.sheets else match.id
                matches.append((sid, match, other))
    return Review(
        outside=outside,
        code=code,
        sheets=sheets,
        workshops=workshops,
        errors=tuple(d for d in problems if d.is_error),
        warnings=tuple(d for d in problems if not d.is_error and not d.code.startswith("privacy-")),
        privacy=tuple(
            (path, finding) for path, found in sorted(privacy.items()) for finding in found
        ),
        duplicates=tuple(matches),
        tags=tuple(new_tags(kb, {settings.sheet_id(c.path) or "" for c in sheet_changes})),
    )
