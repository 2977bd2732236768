"""The validated model: what every later stage reads instead of raw front matter."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field

from atelier.core.document import Document, parse

# What a sheet or a community built without its reading has until `__post_init__` reads it.
_UNREAD = parse("", 0)
# The outcome of a sheet written before trying, to ask the community for advice: a *projet*.
PROJET = "not-yet-tried"


def _read(item: Sheet | Community | Workshop) -> None:
    """Give `item` the reading of its own body, unless it was given one (e.g. by the reader).

    A copy with another body (`dataclasses.replace`) is read again.
    """
    document = item.document
    if document.body != item.body or document.first_line != item.body_line:
        object.__setattr__(item, "document", parse(item.body, item.body_line))


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
    # What the author feared before trying (required for a projet, kept once it was tried) and,
    # for a sheet written as a projet, when the practice was then tried.
    worries: tuple[str, ...] = ()
    tried_on: dt.date | None = None
    # The sheet's old ids (it was renamed): their addresses redirect to its page, and links to
    # them resolve to it. Each one's front matter line is in `lines` as 'aliases.<id>'.
    aliases: tuple[str, ...] = ()
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    # The body read once as Markdown, and the front matter lines as written (file line, text).
    document: Document = field(default=_UNREAD, compare=False, repr=False)
    front_matter: tuple[tuple[int, str], ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        _read(self)

    @property
    def is_draft(self) -> bool:
        """Drafts are shown by `mkdocs serve` only, never published."""
        return self.status == "draft"

    @property
    def is_projet(self) -> bool:
        """Not tried yet: the author asks for advice before trying (`outcome: not-yet-tried`)."""
        return self.outcome == PROJET


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
    document: Document = field(default=_UNREAD, compare=False, repr=False)
    front_matter: tuple[tuple[int, str], ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        _read(self)


WORKSHOP_STATUSES = ("planned", "held", "cancelled")


@dataclass(frozen=True)
class Workshop:
    """A practice-sharing session of a community (workshops/*.md), validated.

    `start` and `end` are aware datetimes with the UTC offset as written; `timezone` (an IANA
    name, checked against the offsets) tells the workshop's local time. The body is the agenda
    or preparation of a planned workshop, the *retour* (what the group proposed, one `##`
    section per discussed sheet) of a held one: see `core/workshops.py`.
    """

    id: str
    path: str
    title: str
    community: str
    start: dt.datetime
    end: dt.datetime
    body: str
    body_line: int
    timezone: str | None = None
    place: str | None = None
    online: str | None = None  # an https address to join or register
    facilitators: tuple[str, ...] = ()
    protocol: str | None = None  # an id of the protocols vocabulary
    sheets: tuple[str, ...] = ()  # ids of the sheets discussed (on the agenda when planned)
    status: str = "planned"  # planned, held or cancelled
    summary: str | None = None
    lang: str = "fr"
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    document: Document = field(default=_UNREAD, compare=False, repr=False)
    front_matter: tuple[tuple[int, str], ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        _read(self)

    @property
    def is_held(self) -> bool:
        """The session took place: its body is the retour."""
        return self.status == "held"

    @property
    def is_cancelled(self) -> bool:
        """The session was called off (calendars still carry it, marked cancelled)."""
        return self.status == "cancelled"

    @property
    def zone(self) -> dt.tzinfo:
        """The workshop's time zone: its IANA zone, else the fixed offset of its start."""
        if self.timezone:
            return zoneinfo.ZoneInfo(self.timezone)
        return self.start.tzinfo or dt.UTC

    @property
    def local_start(self) -> dt.datetime:
        """The start in the workshop's own time zone (what its page shows)."""
        return self.start.astimezone(self.zone)

    @property
    def local_end(self) -> dt.datetime:
        """The end in the workshop's own time zone."""
        return self.end.astimezone(self.zone)

    @property
    def minutes(self) -> int:
        """How long the session lasts."""
        return int((self.end - self.start).total_seconds() // 60)
