"""The validated model: what every later stage reads instead of raw front matter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sheet:
    """A practice sheet, validated. Lists are tuples; optional fields may be empty."""

    id: str
    path: str  # relative to the repository, e.g. practices/debat-mouvant-4e.md
    title: str
    summary: str
    subjects: tuple[str, ...]
    levels: tuple[str, ...]
    authors: tuple[str, ...]
    date: dt.date
    what_went_wrong: tuple[str, ...]
    body: str
    body_line: int
    communities: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    lang: str = "fr"
    outcome: str | None = None
    challenges: tuple[str, ...] = ()
    next_time: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    duration_minutes: int | None = None
    group_size: str | None = None
    modality: str | None = None
    practice_type: str | None = None
    status: str = "published"
    license: str = "CC-BY-SA-4.0"
    translation_of: str | None = None
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_draft(self) -> bool:
        """Drafts are shown by `mkdocs serve` only, never published."""
        return self.status == "draft"


@dataclass(frozen=True)
class Community:
    """A community of practice, validated."""

    id: str
    path: str
    name: str
    domain: str
    region: str
    membership: str
    contact: str
    body: str
    body_line: int
    audience: str | None = None
    region_detail: str | None = None
    facilitators: tuple[str, ...] = ()
    cadence: str | None = None
    meeting_format: str | None = None
    next_meeting: dt.date | None = None
    ground_rules: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    status: str = "active"
    lang: str = "fr"
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
