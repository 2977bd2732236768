"""The sheet and community schemas: front matter tree → validated model, with diagnostics.

Every check names the field and the line; a value of the wrong YAML type is explained
("quote it") rather than silently converted.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import unicodedata
import zoneinfo
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from atelier.core.diagnostics import Report
from atelier.core.document import Document, parse, plain_title
from atelier.core.messages import KIND_NOUNS, VOCAB_NOUNS
from atelier.core.model import PROJET, WORKSHOP_STATUSES, Community, Sheet, Workshop
from atelier.core.reader import Source
from atelier.core.vocabulary import Vocabularies, normalize
from atelier.core.yamlstrict import Map, Node, Scalar, Seq

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MIN_YEAR = 1900  # the oldest year of a sheet's date (a typo otherwise)
_PLACEHOLDERS = re.compile(
    r"lorem ipsum|\bTODO\b|\bXXX\b|à compléter|a completer|\bTBD\b|to be completed"
    r"|\[(?:décrivez|describe|votre|your)[^\]]*\]",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)

SHEET_KEYS = (
    "title", "summary", "subject", "level", "authors", "date", "what_went_wrong",
    "community", "tags", "lang", "outcome", "challenges", "next_time", "related",
    "duration_minutes", "group_size", "modality", "practice_type", "status", "license",
    "translation_of", "worries", "tried_on", "aliases",
)  # fmt: skip
COMMUNITY_KEYS = (
    "name", "domain", "audience", "region", "region_detail", "membership", "facilitators",
    "meeting", "ground_rules", "contact", "status", "lang", "subjects", "levels",
)  # fmt: skip
WORKSHOP_KEYS = (
    "title", "community", "start", "end", "timezone", "place", "online", "facilitators",
    "protocol", "sheets", "status", "summary", "lang",
)  # fmt: skip
# Keys that let a page choose its own template or hide parts of the theme.
THEME_KEYS = frozenset(
    {"template", "hide", "icon", "search", "location", "subtitle", "robots", "social",
     "comments", "status_icon", "redirect"}
)  # fmt: skip
# What a French- or English-speaking contributor may write instead of our keys.
ALIASES = {
    "titre": "title", "resume": "summary", "résumé": "summary", "description": "summary",
    "matiere": "subject", "matière": "subject", "discipline": "subject", "subjects": "subject",
    "niveau": "level", "niveaux": "level", "levels": "level", "classe": "level",
    "auteur": "authors", "auteurs": "authors", "author": "authors", "autrice": "authors",
    "date_creation": "date", "ce_qui_na_pas_marche": "what_went_wrong",
    "difficultes": "challenges", "difficultés": "challenges", "communaute": "community",
    "communauté": "community", "communities": "community", "mots_cles": "tags",
    "mots-cles": "tags", "mots-clés": "tags", "etiquettes": "tags", "tag": "tags",
    "langue": "lang", "language": "lang", "bilan": "outcome", "resultat": "outcome",
    "duree": "duration_minutes", "durée": "duration_minutes", "duration": "duration_minutes",
    "statut": "status", "licence": "license", "brouillon": "status", "draft": "status",
    "modalite": "modality", "modalité": "modality", "la_prochaine_fois": "next_time",
    "voir_aussi": "related", "liens": "related",
    # A renamed sheet's old ids.
    "alias": "aliases", "anciens_noms": "aliases", "ancien_nom": "aliases",
    "anciens_identifiants": "aliases", "ancien_id": "aliases", "redirect_from": "aliases",
    "old_ids": "aliases", "renamed_from": "aliases",
    # Projets (sheets not yet tried) and workshops.
    "craintes": "worries", "inquietudes": "worries", "inquiétudes": "worries",
    "ce_que_je_crains": "worries", "essaye_le": "tried_on", "date_essai": "tried_on",
    "date": "start", "debut": "start", "début": "start", "date_debut": "start",
    "heure": "start", "fin": "end", "date_fin": "end", "fuseau": "timezone",
    "fuseau_horaire": "timezone", "tz": "timezone", "time_zone": "timezone",
    "lieu": "place", "adresse": "place", "en_ligne": "online",
    "lien": "online", "visio": "online", "url": "online", "animateurs": "facilitators",
    "animatrices": "facilitators", "animation": "facilitators", "facilitateurs": "facilitators",
    "protocole": "protocol", "fiches": "sheets", "practices": "sheets",
}  # fmt: skip

LANGS = ("fr", "en")
# Tags whose page address a generated page already uses (tags/ index, paged listings).
RESERVED_TAGS = frozenset({"index", "page"})
SHEET_STATUSES = ("draft", "published")


@dataclass(frozen=True)
class Section:
    """A recommended body section, by its French and English headings."""

    fr: str
    en: str
    recommended: bool = True

    def matches(self, plain_heading: str) -> bool:
        """True when a heading (already made plain with `_plain`) names this section."""
        return plain_heading in (_plain(self.fr), _plain(self.en))


SECTIONS = (
    Section("Contexte", "Context"),
    Section("Ce que je voulais faire", "What I intended"),
    Section("Ce que j'ai fait", "What I did"),
    Section("Ce qui a marché", "What worked"),
    Section("Ce qui n'a pas marché", "What went wrong"),
    Section("Pourquoi, à mon avis", "Why I think it happened"),
    Section("Ce que je referais autrement", "What I would do differently"),
    Section("Mes doutes, mes questions", "Open questions for the community", recommended=False),
    Section("Ressources", "Resources", recommended=False),
)
# A projet (`outcome: not-yet-tried`) is written before trying: what went wrong comes later.
PROJET_SECTIONS = (
    Section("Contexte", "Context"),
    Section("Ce que je veux essayer", "What I want to try"),
    Section("Ce que je crains", "What I am worried about"),
    Section("Mes questions pour la communauté", "My questions for the community"),
    Section("Ressources", "Resources", recommended=False),
)


_plain = plain_title  # how headings are compared: no case, accents or punctuation


def slugify(text: str) -> str:
    """A lowercase ASCII slug: what a tag or a file name should be."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


class Fields:
    """Reads the fields of one front matter, recording a diagnostic for each problem."""

    def __init__(self, source: Source, report: Report, allowed: tuple[str, ...]) -> None:
        self.source = source
        self.meta: Map = source.meta
        self.report = report
        self.lines: dict[str, int] = dict(source.meta.key_lines)
        self._check_keys(allowed)

    # -- helpers -------------------------------------------------------------------------
    def error(self, line: int, code: str, key: str | None = None, /, **args: Any) -> None:
        """Record an error about this file."""
        self.report.error(self.source.path, line, code, key, **args)

    def warning(self, line: int, code: str, key: str | None = None, /, **args: Any) -> None:
        """Record a warning about this file."""
        self.report.warning(self.source.path, line, code, key, **args)

    def _check_keys(self, allowed: tuple[str, ...]) -> None:
        for key, line in self.meta.key_lines.items():
            if key in allowed:
                continue
            if key in THEME_KEYS:
                self.error(line, "key-theme", key, key=key)
                continue
            guess = ALIASES.get(key.casefold()) or ALIASES.get(slugify(key).replace("-", "_"))
            if guess not in allowed:
                close = difflib.get_close_matches(key.casefold(), allowed, n=1, cutoff=0.6)
                guess = close[0] if close else None
            if guess:
                self.error(line, "key-unknown", key, key=key, suggestion=guess)
            else:
                self.error(line, "key-unknown-nosuggest", key, key=key, allowed=", ".join(allowed))

    def _node(self, key: str, required: bool) -> Node | None:
        node = self.meta.items.get(key)
        if node is None:
            if required:
                self.error(1, "required", key, key=key)
            return None
        if isinstance(node, Scalar) and node.implied == "null" and node.value == "":
            self.error(node.line, "empty" if not required else "required", key, key=key)
            return None
        return node

    def _scalar_text(self, key: str, node: Node) -> str | None:
        """A string from a scalar node, refusing YAML 1.1 booleans, numbers and nulls."""
        if isinstance(node, Seq):
            self.error(node.line, "not-text", key, found=KIND_NOUNS["list"])
            return None
        if isinstance(node, Map):
            self.error(node.line, "not-text", key, found=KIND_NOUNS["mapping"])
            return None
        if node.implied in ("bool", "int", "float", "null"):
            self.error(
                node.line, "quote-it", key, value=node.value, yaml_type=KIND_NOUNS[node.implied]
            )
            return None
        if node.trailing_hash:
            self.warning(node.line, "trailing-hash", key, value=node.value)
        value = " ".join(node.value.split())
        if not value:
            self.error(node.line, "empty", key)
            return None
        return value

    def _items(self, key: str, node: Node) -> list[Scalar]:
        """The scalar items of a list (a single scalar counts as a list of one)."""
        if isinstance(node, Scalar):
            return [node]
        if isinstance(node, Map):
            self.error(node.line, "not-list", key, found=KIND_NOUNS["mapping"])
            return []
        items: list[Scalar] = []
        for item in node.items:
            if isinstance(item, Scalar):
                items.append(item)
            else:
                kind = "list" if isinstance(item, Seq) else "mapping"
                self.error(item.line, "not-text", key, found=KIND_NOUNS[kind])
        if not node.items:
            self.error(node.line, "empty", key)
        return items

    # -- field kinds ---------------------------------------------------------------------
    def text(self, key: str, *, required: bool = False, limit: int | None = None) -> str | None:
        """A one-line text."""
        node = self._node(key, required)
        if node is None:
            return None
        value = self._scalar_text(key, node)
        if value is not None:
            if limit and len(value) > limit:
                self.error(node.line, "too-long", key, length=len(value), limit=limit)
            self._placeholder(key, node.line, value)
        return value

    def texts(
        self, key: str, *, required: bool = False, limit: int | None = None
    ) -> tuple[str, ...]:
        """A text or a list of texts."""
        node = self._node(key, required)
        if node is None:
            return ()
        values: list[str] = []
        for item in self._items(key, node):
            value = self._scalar_text(key, item)
            if value is None:
                continue
            if limit and len(value) > limit:
                self.error(item.line, "too-long", key, length=len(value), limit=limit)
            self._placeholder(key, item.line, value)
            values.append(value)
        return tuple(values)

    def ids(
        self,
        key: str,
        known: Callable[[str], bool],
        noun: dict[str, str],
        *,
        required: bool = False,
        suggest: Callable[[str], str | None] = lambda _: None,
        deprecated: Callable[[str], str | None] = lambda _: None,
    ) -> tuple[str, ...]:
        """An id or a list of ids, each checked with `known`."""
        node = self._node(key, required)
        if node is None:
            return ()
        values: list[str] = []
        for item in self._items(key, node):
            value = self._scalar_text(key, item)
            if value is None:
                continue
            if not known(value):
                guess = suggest(value)
                if guess:
                    self.error(
                        item.line, "unknown-id", key, value=value, noun=noun, suggestion=guess
                    )
                else:
                    self.error(item.line, "unknown-id-nosuggest", key, value=value, noun=noun)
                continue
            replacement = deprecated(value)
            if replacement:
                self.warning(item.line, "deprecated-id", key, value=value, replacement=replacement)
            if value in values:
                self.warning(item.line, "duplicate-item", key, value=value)
                continue
            values.append(value)
        return tuple(values)

    def vocab(
        self, key: str, vocabularies: Vocabularies, name: str, *, required: bool = False
    ) -> tuple[str, ...]:
        """Ids from one vocabulary, with suggestions and deprecation warnings."""
        vocab = vocabularies[name]

        def replaced(value: str) -> str | None:
            term = vocab[value]
            return (term.replaced_by or "?") if term.deprecated else None

        return self.ids(
            key,
            vocab.__contains__,
            VOCAB_NOUNS[name],
            required=required,
            suggest=vocab.suggest,
            deprecated=replaced,
        )

    def one(self, key: str, vocabularies: Vocabularies, name: str) -> str | None:
        """A single id from one vocabulary."""
        node = self.meta.items.get(key)
        if isinstance(node, Seq):
            self.error(node.line, "not-text", key, found=KIND_NOUNS["list"])
            return None
        values = self.vocab(key, vocabularies, name)
        return values[0] if values else None

    def choice(self, key: str, options: Collection[str], default: str) -> str:
        """One of a fixed set of values."""
        node = self._node(key, False)
        if node is None:
            return default
        value = self._scalar_text(key, node)
        if value is None:
            return default
        if value not in options:
            self.error(node.line, "choice", key, value=value, allowed=", ".join(options))
            return default
        return value

    def date(self, key: str, *, required: bool = False, today: dt.date) -> dt.date | None:
        """An ISO date (YYYY-MM-DD), a real one, not in the future."""
        node = self._node(key, required)
        if node is None:
            return None
        if not isinstance(node, Scalar):
            self._scalar_text(key, node)
            return None
        value = node.value.strip()
        if not _DATE.match(value):
            self.error(node.line, "date-format", key, value=value)
            return None
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            self.error(node.line, "date-invalid", key, value=value)
            return None
        if day > today:
            self.error(node.line, "date-future", key, value=value)
        elif day.year < MIN_YEAR:  # a typo (0202 for 2022): feeds and calendars need real years
            self.error(node.line, "date-too-old", key, value=value, year=MIN_YEAR)
            return None
        return day

    def integer(self, key: str, low: int, high: int) -> int | None:
        """A whole number between `low` and `high`."""
        node = self._node(key, False)
        if node is None:
            return None
        if not isinstance(node, Scalar):
            self._scalar_text(key, node)
            return None
        value = node.value.strip()
        sexagesimal = re.fullmatch(r"(\d+):([0-5]\d)", value)
        if sexagesimal:
            minutes = int(sexagesimal[1]) * 60 + int(sexagesimal[2])
            self.error(node.line, "duration-colon", key, value=value, minutes=minutes)
            return None
        if not value.isdigit() or value.startswith("0"):
            self.error(node.line, "integer", key, value=value)
            return None
        number = int(value)
        if not low <= number <= high:
            self.error(node.line, "integer-range", key, value=number, min=low, max=high)
            return None
        return number

    def tags(self, key: str) -> tuple[str, ...]:
        """Lowercase slugs."""
        node = self._node(key, False)
        if node is None:
            return ()
        values: list[str] = []
        for item in self._items(key, node):
            value = self._scalar_text(key, item)
            if value is None:
                continue
            if not SLUG.match(value):
                self.error(item.line, "tag-slug", key, value=value, slug=slugify(value) or "…")
            elif value in RESERVED_TAGS:
                self.error(item.line, "tag-reserved", key, value=value)
            elif value in values:
                self.warning(item.line, "duplicate-item", key, value=value)
            else:
                values.append(value)
        return tuple(values)

    def url(self, key: str, *, required: bool = False) -> str | None:
        """An http(s) web address."""
        node = self._node(key, required)
        if node is None:
            return None
        value = self._scalar_text(key, node)
        if value is None:
            return None
        if _EMAIL.match(value.removeprefix("mailto:")):
            self.error(node.line, "contact-email", key, value=value)
            return None
        if not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
            self.error(node.line, "url", key, value=value)
            return None
        return value

    def _placeholder(self, key: str, line: int, value: str) -> None:
        found = _PLACEHOLDERS.search(value)
        if found:
            self.error(line, "placeholder", key, found=found.group())


def old_ids(f: Fields, sheet_id: str) -> tuple[str, ...]:
    """`aliases`: the old ids of a renamed sheet, each written as an id (its old file stem).

    Each id's line goes into `f.lines` as 'aliases.<id>', for the messages of
    `core/aliases.py`, which checks them against the other sheets.
    """
    node = f._node("aliases", False)
    if node is None:
        return ()
    values: list[str] = []
    for item in f._items("aliases", node):
        value = f._scalar_text("aliases", item)
        if value is None:
            continue
        if not SLUG.match(value):
            slug = slugify(value.removesuffix(".md").rpartition("/")[2]) or "ancienne-fiche"
            f.error(item.line, "alias-slug", "aliases", value=value, slug=slug)
        elif value in RESERVED_TAGS:  # the same names as knowledge.RESERVED_IDS
            f.error(item.line, "alias-reserved", "aliases", value=value)
        elif value == sheet_id:
            f.error(item.line, "alias-self", "aliases", value=value)
        elif value in values:
            f.warning(item.line, "duplicate-item", "aliases", value=value)
        else:
            values.append(value)
            f.lines[f"aliases.{value}"] = item.line
    return tuple(values)


def read_sheet(
    source: Source,
    sheet_id: str,
    vocabularies: Vocabularies,
    report: Report,
    *,
    today: dt.date,
    default_lang: str = "fr",
) -> Sheet | None:
    """Validate a sheet's front matter and body; None when a required field is unusable."""
    before = report.error_count
    f = Fields(source, report, SHEET_KEYS)
    outcome_node = source.meta.items.get("outcome")
    projet = isinstance(outcome_node, Scalar) and outcome_node.value.strip() == PROJET
    title = f.text("title", required=True, limit=120)
    summary = f.text("summary", required=True, limit=300)
    subjects = f.vocab("subject", vocabularies, "subjects", required=True)
    levels = f.vocab("level", vocabularies, "levels", required=True)
    authors = f.texts("authors", required=True, limit=120)
    date = f.date("date", required=True, today=today)
    # A projet has not been tried: what it fears (`worries`) is its heart, not what went wrong.
    what_went_wrong = f.texts("what_went_wrong", required=not projet, limit=400)
    worries = f.texts("worries", limit=400)
    tried_on = f.date("tried_on", today=today)
    if projet and not worries and "worries" not in source.meta.items:
        f.error(f.lines.get("outcome", 1), "projet-worries", "worries")
    if projet and tried_on is not None:
        f.error(f.lines["tried_on"], "projet-tried-on", "tried_on")
    elif tried_on is not None and date is not None and tried_on < date:
        f.error(
            f.lines["tried_on"], "tried-on-before-date", "tried_on",
            value=tried_on.isoformat(), date=date.isoformat(),
        )  # fmt: skip
    # Checked against communities/ by the knowledge base, which knows them all.
    communities = f.ids("community", lambda value: True, VOCAB_NOUNS["communities"])
    sheet = Sheet(
        id=sheet_id,
        path=source.path,
        title=title or "",
        summary=summary or "",
        subjects=subjects,
        levels=levels,
        authors=authors,
        date=date or dt.date.min,
        what_went_wrong=what_went_wrong,
        body=source.body,
        body_line=source.body_line,
        communities=communities,
        tags=f.tags("tags"),
        lang=f.choice("lang", LANGS, default_lang),
        outcome=f.one("outcome", vocabularies, "outcomes"),
        challenges=f.vocab("challenges", vocabularies, "challenges"),
        next_time=f.texts("next_time", limit=400),
        related=f.ids("related", lambda value: bool(SLUG.match(value)), VOCAB_NOUNS["practices"]),
        duration_minutes=f.integer("duration_minutes", 1, 10000),
        group_size=f.one("group_size", vocabularies, "group_sizes"),
        modality=f.one("modality", vocabularies, "modalities"),
        practice_type=f.one("practice_type", vocabularies, "practice_types"),
        status=f.choice("status", SHEET_STATUSES, "published"),
        license=f.one("license", vocabularies, "licenses") or "CC-BY-SA-4.0",
        translation_of=(
            f.ids("translation_of", lambda v: bool(SLUG.match(v)), VOCAB_NOUNS["practices"])
            or (None,)
        )[0],
        worries=worries,
        tried_on=tried_on,
        aliases=old_ids(f, sheet_id),
        lines=f.lines,
        document=source.document,
        front_matter=source.front_matter,
    )
    check_body(source, report, PROJET_SECTIONS if projet else SECTIONS)
    if report.error_count > before:
        return None
    return sheet


def check_body(source: Source, report: Report, sections: tuple[Section, ...] = SECTIONS) -> None:
    """The body must tell something; missing recommended sections are warnings.

    `sections` are those of a sheet, or `PROJET_SECTIONS` for a sheet not tried yet.
    """
    text = source.body.strip()
    if not text:
        report.error(source.path, source.body_line, "body-empty")
        return
    headings = {_plain(h.text) for h in source.document.headings if h.level <= 3}
    english = any(_plain(s.en) in headings for s in sections)
    for section in sections:
        if section.recommended and not any(section.matches(h) for h in headings):
            report.warning(
                source.path,
                source.body_line,
                "section-missing",
                section=section.en if english else section.fr,
            )


def read_community(
    source: Source,
    community_id: str,
    vocabularies: Vocabularies,
    report: Report,
    *,
    today: dt.date,
) -> Community | None:
    """Validate a community's front matter."""
    before = report.error_count
    f = Fields(source, report, COMMUNITY_KEYS)
    name = f.text("name", required=True, limit=120)
    domain = f.text("domain", required=True, limit=1000)
    region = f.one("region", vocabularies, "regions")
    if region is None and "region" not in source.meta.items:
        f.error(1, "required", "region", key="region")
    membership = f.one("membership", vocabularies, "memberships")
    if membership is None and "membership" not in source.meta.items:
        f.error(1, "required", "membership", key="membership")
    contact = f.url("contact", required=True)
    cadence = meeting_format = None
    next_meeting = None
    meeting = source.meta.items.get("meeting")
    if meeting is not None:
        if isinstance(meeting, Map):
            sub = Fields(
                Source(source.path, meeting, "", 0),
                report,
                ("cadence", "format", "next", "duration_minutes"),
            )
            cadence = sub.one("cadence", vocabularies, "cadences")
            meeting_format = sub.one("format", vocabularies, "meeting_formats")
            next_meeting = sub.date("next", today=dt.date.max)
            if next_meeting and next_meeting < today:
                sub.warning(
                    sub.lines["next"],
                    "meeting-past",
                    "meeting.next",
                    value=next_meeting.isoformat(),
                )
            sub.integer("duration_minutes", 1, 10000)
        else:
            kind = "list" if isinstance(meeting, Seq) else "text"
            f.error(meeting.line, "not-mapping", "meeting", found=KIND_NOUNS[kind])
    community = Community(
        id=community_id,
        path=source.path,
        name=name or "",
        domain=domain or "",
        region=region or "other",
        membership=membership or "open",
        contact=contact or "",
        body=source.body,
        body_line=source.body_line,
        audience=f.text("audience", limit=300),
        region_detail=f.text("region_detail", limit=120),
        facilitators=f.texts("facilitators", limit=120),
        cadence=cadence,
        meeting_format=meeting_format,
        next_meeting=next_meeting,
        ground_rules=f.vocab("ground_rules", vocabularies, "ground_rules"),
        subjects=f.vocab("subjects", vocabularies, "subjects"),
        levels=f.vocab("levels", vocabularies, "levels"),
        status=f.one("status", vocabularies, "community_statuses") or "active",
        lang=f.choice("lang", LANGS, "fr"),
        lines=f.lines,
        document=source.document,
        front_matter=source.front_matter,
    )
    if report.error_count > before:
        return None
    return community


# --- Workshops ----------------------------------------------------------------------------

# ISO 8601 date and time, with a UTC offset (`Z` or ±HH:MM) that `_moment` requires.
_DATETIME = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})[Tt ](?P<time>\d{2}:\d{2}(?::\d{2})?)"
    r" ?(?P<offset>[Zz]|[+-]\d{2}:\d{2})?$"
)
# The zones a message shows when an offset is missing: France and Québec.
_FRANCE, _QUEBEC = "Europe/Paris", "America/Toronto"
# What people write for a zone instead of its IANA name (compared without case or accents).
_ZONE_ALIASES = {
    "france": _FRANCE, "paris": _FRANCE, "cet": _FRANCE, "cest": _FRANCE,
    "heure de paris": _FRANCE, "quebec": _QUEBEC, "montreal": _QUEBEC, "est": _QUEBEC,
    "edt": _QUEBEC, "est5edt": _QUEBEC, "heure de l'est": _QUEBEC, "heure du quebec": _QUEBEC,
    "canada/eastern": _QUEBEC,
}  # fmt: skip
_LONGEST_HOURS = 12  # a longer session is most likely a wrong end date
_MIN_YEAR, _MAX_YEAR = 1970, 2200


@functools.cache
def _zone_names() -> frozenset[str]:
    """IANA zone names as `Area/Location` (and UTC), from the system or the tzdata package."""
    return frozenset(
        name for name in zoneinfo.available_timezones() if "/" in name or name == "UTC"
    )


def zone_of(name: str) -> zoneinfo.ZoneInfo | None:
    """The IANA time zone called `name` (e.g. America/Toronto), or None when there is none."""
    if name not in _zone_names():
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def _suggest_zone(value: str) -> str | None:
    wanted = " ".join(normalize(value).replace("_", " ").split())
    if wanted in _ZONE_ALIASES:
        return _ZONE_ALIASES[wanted]
    names = sorted(_zone_names())
    by_lower = {name.lower(): name for name in names}
    key = wanted.replace(" ", "_")
    if key in by_lower:
        return by_lower[key]
    by_city = {name.rsplit("/", 1)[-1].lower(): name for name in names if "/" in name}
    if key in by_city:
        return by_city[key]
    close = difflib.get_close_matches(key, list(by_lower), n=1, cutoff=0.8)
    return by_lower[close[0]] if close else None


def offset_text(offset: dt.timedelta | None) -> str:
    """A UTC offset as ISO 8601 writes it: +01:00, -05:00 (+00:00 for UTC)."""
    minutes = int((offset or dt.timedelta()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def _timezone(f: Fields, key: str) -> tuple[str | None, zoneinfo.ZoneInfo | None]:
    """An IANA time zone name, checked with zoneinfo."""
    node = f._node(key, False)
    if node is None:
        return None, None
    value = f._scalar_text(key, node)
    if value is None:
        return None, None
    zone = zone_of(value)
    if zone is None:
        suggestion = _suggest_zone(value)
        if suggestion:
            f.error(node.line, "timezone-unknown", key, value=value, suggestion=suggestion)
        else:
            f.error(node.line, "timezone-unknown-nosuggest", key, value=value)
        return None, None
    return value, zone


def _moment(
    f: Fields, key: str, zone: zoneinfo.ZoneInfo | None, name: str | None
) -> dt.datetime | None:
    """A date and time with its UTC offset, consistent with the time zone `zone` if any.

    YAML would make `2027-01-14T18:00:00-05:00` a timestamp: `yamlstrict` keeps it a string
    as written, read here.
    """
    node = f._node(key, True)
    if node is None:
        return None
    if not isinstance(node, Scalar):
        f._scalar_text(key, node)
        return None
    value = node.value.strip()
    match = _DATETIME.match(value)
    if not match:
        f.error(node.line, "datetime-format", key, value=value)
        return None
    written = f"{match['date']}T{match['time']}"
    try:
        naive = dt.datetime.fromisoformat(written)
    except ValueError:
        naive = None
    if naive is None or not _MIN_YEAR <= naive.year <= _MAX_YEAR:
        f.error(node.line, "datetime-invalid", key, value=value)
        return None
    offset = match["offset"]
    if offset is None:
        if zone is not None and name is not None:
            expected = offset_text(naive.replace(tzinfo=zone).utcoffset())
            f.error(
                node.line, "datetime-no-offset-zone", key,
                value=value, zone=name, offset=expected, example=written + expected,
            )  # fmt: skip
        else:
            france = offset_text(naive.replace(tzinfo=zoneinfo.ZoneInfo(_FRANCE)).utcoffset())
            quebec = offset_text(naive.replace(tzinfo=zoneinfo.ZoneInfo(_QUEBEC)).utcoffset())
            f.error(
                node.line, "datetime-no-offset", key,
                value=value, france=written + france, quebec=written + quebec,
            )  # fmt: skip
        return None
    if offset in ("Z", "z"):
        delta = dt.timedelta()
    else:
        hours, minutes = int(offset[1:3]), int(offset[4:6])
        if hours > 14 or minutes >= 60:
            f.error(node.line, "datetime-invalid", key, value=value)
            return None
        delta = dt.timedelta(hours=hours, minutes=minutes) * (-1 if offset[0] == "-" else 1)
    moment = naive.replace(tzinfo=dt.timezone(delta))
    if zone is not None and name is not None and moment.astimezone(zone).utcoffset() != delta:
        expected = offset_text(naive.replace(tzinfo=zone).utcoffset())
        f.error(
            node.line, "timezone-offset", key,
            value=value, date=match["date"], zone=name, offset=expected,
            written=offset_text(delta), example=written + expected,
        )  # fmt: skip
        return None
    return moment


def read_workshop(
    source: Source,
    workshop_id: str,
    vocabularies: Vocabularies,
    report: Report,
    *,
    today: dt.date,
    default_lang: str = "fr",
) -> Workshop | None:
    """Validate a workshop's front matter; the body (agenda or retour) is checked later.

    Its community and sheets are checked against the knowledge base, and a held workshop's
    retour against its sheets, by `core/workshops.py`.
    """
    before = report.error_count
    f = Fields(source, report, WORKSHOP_KEYS)
    meta = source.meta.items
    title = f.text("title", required=True, limit=120)
    community_node = meta.get("community")
    if isinstance(community_node, Seq):
        f.error(community_node.line, "not-text", "community", found=KIND_NOUNS["list"])
        communities: tuple[str, ...] = ()
    else:  # checked against communities/ by the knowledge base
        communities = f.ids(
            "community", lambda value: True, VOCAB_NOUNS["communities"], required=True
        )
    name, zone = _timezone(f, "timezone")
    start = _moment(f, "start", zone, name)
    end = _moment(f, "end", zone, name)
    if start is not None and end is not None:
        if end <= start:
            f.error(
                f.lines["end"], "workshop-end-before-start", "end",
                start=meta["start"].value if isinstance(meta["start"], Scalar) else "",
                end=meta["end"].value if isinstance(meta["end"], Scalar) else "",
            )  # fmt: skip
        elif end - start > dt.timedelta(hours=_LONGEST_HOURS):
            hours = int((end - start).total_seconds() // 3600)
            f.warning(f.lines["end"], "workshop-too-long", "end", hours=hours)
    place = f.text("place", limit=200)
    online = f.url("online")
    if online is not None and not online.startswith("https://"):
        f.error(f.lines["online"], "online-https", "online", value=online)
        online = None
    if "place" not in meta and "online" not in meta:
        f.error(1, "workshop-where", "place")
    status = f.choice("status", WORKSHOP_STATUSES, "planned")
    status_node = meta.get("status")
    status_valid = status_node is None or (
        isinstance(status_node, Scalar) and status_node.value.strip() in WORKSHOP_STATUSES
    )
    if start is not None and status_valid:
        line = f.lines.get("status", f.lines.get("end", 1))  # the date, when status is unsaid
        day = start.date()  # in the workshop's own offset, as written
        if status == "held" and day > today:
            f.error(line, "workshop-held-future", "status", date=day.isoformat())
        elif status == "planned" and end is not None and end.date() < today:
            f.warning(line, "workshop-planned-past", "status", date=day.isoformat())
    sheets = f.ids("sheets", lambda value: bool(SLUG.match(value)), VOCAB_NOUNS["practices"])
    sheets_node = meta.get("sheets")
    lines = dict(f.lines)
    if sheets_node is not None:  # each sheet's own line, to locate a missing retour
        items = sheets_node.items if isinstance(sheets_node, Seq) else [sheets_node]
        for item in items:
            if isinstance(item, Scalar):
                lines.setdefault(f"sheets.{item.value.strip()}", item.line)
    workshop = Workshop(
        id=workshop_id,
        path=source.path,
        title=title or "",
        community=communities[0] if communities else "",
        start=start or dt.datetime.min.replace(tzinfo=dt.UTC),
        end=end or dt.datetime.min.replace(tzinfo=dt.UTC),
        body=source.body,
        body_line=source.body_line,
        timezone=name,
        place=place,
        online=online,
        facilitators=f.texts("facilitators", limit=120),
        protocol=f.one("protocol", vocabularies, "protocols"),
        sheets=sheets,
        status=status,
        summary=f.text("summary", limit=300),
        lang=f.choice("lang", LANGS, default_lang),
        lines=lines,
        document=source.document,
        front_matter=source.front_matter,
    )
    if report.error_count > before:
        return None
    return workshop


QUESTIONS = SECTIONS[7]  # « Mes doutes, mes questions »: the author asks the community
PROJET_QUESTIONS = PROJET_SECTIONS[3]  # « Mes questions pour la communauté », in a projet


def section_text(body: str | Document, section: Section) -> str:
    """The plain text of one body section, without its heading, Markdown marks or code.

    The section is the first heading (not nested, any level) naming it in French or English,
    and runs to the next heading of the same or a higher level; '' when there is none. Pass
    the sheet's `document` rather than its body: the body would be read again.
    """
    document = body if isinstance(body, Document) else parse(body)
    found = [
        match
        for match in (document.section(section.fr), document.section(section.en))
        if match is not None
    ]
    if not found:
        return ""
    chosen = min(found, key=lambda match: match.line)
    words = [
        run.text
        for run in document.runs
        if chosen.line <= run.line <= chosen.end_line
        and run.kind != "code"
        and not (run.kind == "heading" and run.line == chosen.line)
    ]
    return " ".join(" ".join(words).split())
