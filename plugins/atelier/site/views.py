"""Template data for generated pages, built from the validated model: typed views.

Every page template receives one frozen dataclass as `atelier` (a `SheetPage`, a `TermPage`…),
never a `dict` and never raw front matter. Values stay plain text here: the templates escape
every one of them (`| e`); the one exception, `SheetPage.json_ld`, is a complete element made
safe by `atelier.site.head`.

`SiteViews` is made once per build by the plugin: it holds what several pages share, such as
the card of a sheet (a sheet shows in many listings, its card is made once).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, ClassVar, Protocol

from atelier.core.knowledge import KnowledgeBase
from atelier.core.model import Community, Sheet
from atelier.core.related import Related
from atelier.core.urls import community_calendar_path, community_url, sheet_url
from atelier.site import head
from atelier.site.strings import STRINGS, french_spacing, human_date

if TYPE_CHECKING:
    from atelier.site.workshops import Discussion, ProjetPath, WorkshopCard

Strings = Mapping[str, str]

# Vocabularies whose terms have their own page, and the URL folder of those pages.
_TERM_FOLDERS = {
    "subjects": "subjects",
    "levels": "levels",
    "challenges": "challenges",
    "outcomes": "outcomes",
}


class PageView(Protocol):
    """What the plugin reads of any page's view: its title and meta description (plain text)."""

    @property
    def title(self) -> str:
        """The page title (`page.title`), before escaping."""
        ...

    @property
    def meta_description(self) -> str:
        """The page's meta description, or '' for none."""
        ...


# -- small pieces shared by the pages ------------------------------------------------------


@dataclass(frozen=True)
class TermLink:
    """A vocabulary term as a page shows it: its label, and its page ('' when it has none)."""

    id: str
    label: str
    url: str


@dataclass(frozen=True)
class SheetCard:
    """What a listing shows of a sheet."""

    id: str
    url: str
    title: str
    summary: str
    lang: str
    date: str  # ISO 8601, for <time datetime>
    date_human: str
    subjects: tuple[TermLink, ...]
    levels: tuple[TermLink, ...]
    first_wrong: str
    draft: bool

    def __repr__(self) -> str:
        """The dataclass's repr, made once: a card is shared by every listing that shows it,
        and each listing page's cache key holds the repr of its cards. (Kept in the instance's
        dict by hand: functools.cached_property takes a lock on every read in Python 3.11.)"""
        made: str | None = self.__dict__.get("_repr")
        if made is None:
            inner = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))
            made = f"{type(self).__qualname__}({inner})"
            object.__setattr__(self, "_repr", made)
        return made


@dataclass(frozen=True)
class SheetLink:
    """A link to another sheet, in its own language."""

    id: str
    url: str
    lang: str
    title: str


@dataclass(frozen=True)
class RelatedLink(SheetLink):
    """A related sheet, with the sentence that says why (« même niveau · même discipline »)."""

    why: str


@dataclass(frozen=True)
class CommunityLink:
    """A community a sheet was shared in."""

    id: str
    name: str
    url: str


@dataclass(frozen=True)
class LicenseLink:
    """A sheet's licence: its label and, when the vocabulary knows it, its deed."""

    id: str
    label: str
    url: str | None


@dataclass(frozen=True)
class GroundRule:
    """One ground rule of a community, with what it means."""

    id: str
    label: str
    description: str


@dataclass(frozen=True)
class Pager:
    """Where a page of a long listing stands among its pages (site-relative URLs)."""

    number: int
    pages: tuple[str, ...]
    previous: str | None
    next: str | None


# -- pages ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SheetPage:
    """Everything the sheet template shows: the sheet's card, its details, related sheets,
    backlinks and the machine-readable <head> (JSON-LD, Open Graph)."""

    t: Strings
    card: SheetCard
    path: str  # the source file, for the "edit" footer
    authors: tuple[str, ...]
    communities: tuple[CommunityLink, ...]
    tags: tuple[TermLink, ...]
    outcome: TermLink | None
    challenges: tuple[TermLink, ...]
    duration_minutes: int | None
    group_size: TermLink | None
    modality: TermLink | None
    practice_type: TermLink | None
    what_went_wrong: tuple[str, ...]
    next_time: tuple[str, ...]
    license: LicenseLink
    related: tuple[RelatedLink, ...]
    backlinks: tuple[SheetLink, ...]
    json_ld: str  # a complete <script> element, printed as is
    open_graph: tuple[tuple[str, str], ...]
    # The held workshops that discussed it (« Discutée en atelier »), and a projet's path.
    discussed: tuple[Discussion, ...] = ()
    projet: ProjetPath | None = None
    worries: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """The sheet's title."""
        return self.card.title

    @property
    def meta_description(self) -> str:
        """The sheet's summary."""
        return self.card.summary


@dataclass(frozen=True, kw_only=True)
class ProblemsPage:
    """The page of a sheet that could not be read (`mkdocs serve` only)."""

    t: Strings
    path: str
    meta_description: ClassVar[str] = ""

    @property
    def title(self) -> str:
        """The source file: the sheet has no readable title."""
        return self.path


@dataclass(frozen=True, kw_only=True)
class CommunityPage:
    """Everything the community template shows, with its sheets as cards."""

    t: Strings
    id: str
    lang: str
    name: str
    domain: str
    audience: str | None
    region: TermLink | None
    region_detail: str | None
    membership: TermLink | None
    facilitators: tuple[str, ...]
    cadence: TermLink | None
    meeting_format: TermLink | None
    next_meeting: str | None
    ground_rules: tuple[GroundRule, ...]
    contact: str
    status: TermLink | None
    sheets: tuple[SheetCard, ...]
    upcoming: tuple[WorkshopCard, ...] = ()
    past: tuple[WorkshopCard, ...] = ()
    calendar_url: str = ""

    @property
    def title(self) -> str:
        """The community's name."""
        return self.name

    @property
    def meta_description(self) -> str:
        """The community's domain."""
        return self.domain


@dataclass(frozen=True, kw_only=True)
class ListingPage:
    """Every published sheet, newest first; cut into pages by the plugin."""

    t: Strings
    title: str
    lang: str
    sheets: tuple[SheetCard, ...]
    total: int = 0  # sheets on all pages together
    pager: Pager | None = None
    meta_description: ClassVar[str] = ""


@dataclass(frozen=True)
class CommunityCard:
    """A community in the list of communities."""

    id: str
    url: str
    name: str
    domain: str
    count: int
    region: TermLink | None


@dataclass(frozen=True, kw_only=True)
class CommunitiesPage:
    """The communities, by name, with their sheet counts."""

    t: Strings
    title: str
    lang: str
    communities: tuple[CommunityCard, ...]
    meta_description: ClassVar[str] = ""


# -- making them -----------------------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 18)  # a served site's rebuilds set the same texts again
def typeset(text: str, lang: str) -> str:
    """Contributor text with the typography of its language."""
    return french_spacing(text) if lang == "fr" else text


def why_related(item: Related, lang: str) -> str:
    """One short line saying why a sheet is related: « même niveau · 2 mots-clés communs »
    (English for a language the site has no strings for)."""
    t = STRINGS.get(lang, STRINGS["en"])
    parts = []
    for kind, count in item.reasons:
        key = "why_" + kind.replace("-", "_")
        many = key + "_many"
        parts.append(t[many].format(n=count) if count != 1 and many in t else t[key])
    return " · ".join(parts)


def _terms(kb: KnowledgeBase, name: str, ids: Iterable[str], locale: str) -> tuple[TermLink, ...]:
    vocab = kb.vocabularies[name]
    folder = _TERM_FOLDERS.get(name)
    return tuple(
        TermLink(term_id, vocab.label(term_id, locale), f"{folder}/{term_id}/" if folder else "")
        for term_id in ids
    )


def _term(kb: KnowledgeBase, name: str, term_id: str | None, locale: str) -> TermLink | None:
    return _terms(kb, name, (term_id,), locale)[0] if term_id else None


def _link(sheet: Sheet) -> SheetLink:
    return SheetLink(sheet.id, sheet_url(sheet.id), sheet.lang, typeset(sheet.title, sheet.lang))


def _related_link(sheet: Sheet, why: str) -> RelatedLink:
    link = _link(sheet)
    return RelatedLink(link.id, link.url, link.lang, link.title, why)


def _card(sheet: Sheet, kb: KnowledgeBase) -> SheetCard:
    locale = kb.locale(sheet)
    return SheetCard(
        id=sheet.id,
        url=sheet_url(sheet.id),
        title=typeset(sheet.title, sheet.lang),
        summary=typeset(sheet.summary, sheet.lang),
        lang=sheet.lang,
        date=sheet.date.isoformat(),
        date_human=human_date(sheet.date, sheet.lang),
        subjects=_terms(kb, "subjects", sheet.subjects, locale),
        levels=_terms(kb, "levels", sheet.levels, locale),
        # A projet has nothing that went wrong yet: its first worry stands for it.
        first_wrong=typeset((sheet.what_went_wrong or sheet.worries or ("",))[0], sheet.lang),
        draft=sheet.is_draft,
    )


@dataclass
class SiteViews:
    """The views of one build, made from its knowledge base (the plugin makes one per build)."""

    kb: KnowledgeBase
    site_name: str = "Atelier"
    site_url: str | None = None
    today: dt.date = field(default_factory=dt.date.today)  # upcoming or past workshops
    _cards: dict[str, SheetCard] = field(default_factory=dict, init=False, repr=False)

    def card(self, sheet: Sheet) -> SheetCard:
        """What a listing shows of a sheet, made once per build."""
        found = self._cards.get(sheet.id)
        if found is None:
            found = self._cards[sheet.id] = _card(sheet, self.kb)
        return found

    def reuse_cards(self, cards: Mapping[str, SheetCard]) -> None:
        """The cards of an earlier build whose sheets, vocabularies and options are the same
        (`mkdocs serve`: mkdocs_preview.py); a listing equal to the last one is then found
        equal at once."""
        self._cards.update(cards)

    @property
    def made_cards(self) -> Mapping[str, SheetCard]:
        """The cards made so far, by sheet id."""
        return self._cards

    def cards(self, ids: Iterable[str]) -> tuple[SheetCard, ...]:
        """The cards of some sheets, by id, in that order."""
        return tuple(self.card(self.kb.sheets[i]) for i in ids)

    def sheet(self, sheet: Sheet, related: Sequence[Related] = ()) -> SheetPage:
        """A sheet's page, with its related sheets and backlinks."""
        from atelier.site import workshops  # it builds on these views

        kb = self.kb
        locale = kb.locale(sheet)
        license_term = kb.vocabularies["licenses"].terms.get(sheet.license)
        return SheetPage(
            t=STRINGS[sheet.lang],
            card=self.card(sheet),
            path=sheet.path,
            authors=tuple(sheet.authors),
            communities=tuple(
                CommunityLink(c, kb.communities[c].name, community_url(c))
                for c in sheet.communities
                if c in kb.communities
            ),
            tags=tuple(TermLink(tag, tag, f"tags/{tag}/") for tag in sheet.tags),
            outcome=_term(kb, "outcomes", sheet.outcome, locale),
            challenges=_terms(kb, "challenges", sheet.challenges, locale),
            duration_minutes=sheet.duration_minutes,
            group_size=_term(kb, "group_sizes", sheet.group_size, locale),
            modality=_term(kb, "modalities", sheet.modality, locale),
            practice_type=_term(kb, "practice_types", sheet.practice_type, locale),
            what_went_wrong=tuple(typeset(point, sheet.lang) for point in sheet.what_went_wrong),
            next_time=tuple(typeset(point, sheet.lang) for point in sheet.next_time),
            license=LicenseLink(
                sheet.license,
                license_term.label(locale) if license_term else sheet.license,
                license_term.url if license_term else None,
            ),
            related=tuple(
                _related_link(kb.sheets[item.id], why_related(item, sheet.lang))
                for item in related
                if item.id in kb.sheets
            ),
            backlinks=tuple(_link(kb.sheets[i]) for i in kb.backlinks.get(sheet.id, [])),
            json_ld=head.json_ld_script(head.json_ld(sheet, kb, self.site_url)),
            open_graph=tuple(head.open_graph(sheet, self.site_name, self.site_url)),
            discussed=workshops.discussions(sheet, kb),
            projet=workshops.projet_path(sheet, kb),
            worries=tuple(typeset(point, sheet.lang) for point in sheet.worries),
        )

    def community(self, community: Community) -> CommunityPage:
        """A community's page, with its sheets as cards."""
        from atelier.site import workshops  # it builds on these views

        kb, lang = self.kb, community.lang
        upcoming, past = workshops.split(kb, kb.workshops_of_community(community.id), self.today)
        locale = "fr-CA" if lang == "fr" and community.region == "qc" else lang
        rules = kb.vocabularies["ground_rules"]
        return CommunityPage(
            t=STRINGS[lang],
            id=community.id,
            lang=lang,
            name=typeset(community.name, lang),
            domain=typeset(community.domain, lang),
            audience=typeset(community.audience, lang) if community.audience else None,
            region=_term(kb, "regions", community.region, locale),
            region_detail=community.region_detail,
            membership=_term(kb, "memberships", community.membership, locale),
            facilitators=tuple(community.facilitators),
            cadence=_term(kb, "cadences", community.cadence, locale),
            meeting_format=_term(kb, "meeting_formats", community.meeting_format, locale),
            next_meeting=(
                human_date(community.next_meeting, lang) if community.next_meeting else None
            ),
            ground_rules=tuple(
                GroundRule(rule, rules.label(rule, locale), rules[rule].description.get(lang, ""))
                for rule in community.ground_rules
            ),
            contact=community.contact,
            status=_term(kb, "community_statuses", community.status, locale),
            sheets=tuple(self.card(s) for s in kb.sheets_of_community(community.id)),
            upcoming=upcoming,
            past=past,
            calendar_url=community_calendar_path(community.id) if upcoming or past else "",
        )

    def listing(self, lang: str) -> ListingPage:
        """The list of every published sheet, newest first."""
        return ListingPage(
            t=STRINGS[lang],
            title=STRINGS[lang]["all_sheets"],
            lang=lang,
            sheets=tuple(self.card(s) for s in self.kb.published),
        )

    def communities(self, lang: str) -> CommunitiesPage:
        """The list of communities with their sheet counts."""
        kb = self.kb
        return CommunitiesPage(
            t=STRINGS[lang],
            title=STRINGS[lang]["communities"],
            lang=lang,
            communities=tuple(
                CommunityCard(
                    c.id,
                    community_url(c.id),
                    c.name,
                    c.domain,
                    len(kb.sheets_of_community(c.id)),
                    _term(kb, "regions", c.region, lang),
                )
                for c in sorted(kb.communities.values(), key=lambda c: c.name.casefold())
            ),
        )
