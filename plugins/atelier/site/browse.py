"""Template data for the pages that let a reader travel the knowledge base: taxonomy indexes
and terms, levels across the Atlantic, lessons learned, open questions, coverage, home.

Each page gets a frozen dataclass (see `atelier.site.views`); pages that list sheets take the
build's `SiteViews`, whose cards are made once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, TypeVar

from atelier.core import schema
from atelier.core.knowledge import KnowledgeBase
from atelier.core.taxonomy import BY_NAME, Term, equivalent_levels
from atelier.core.urls import sheet_url
from atelier.site.search_record import FACETS
from atelier.site.strings import STRINGS
from atelier.site.views import ListingPage, Pager, SheetCard, SiteViews, Strings, typeset
from atelier.site.workshops import ProjetItem, projets_waiting

Taxonomies = dict[str, dict[str, Term]]
SYSTEMS = ("fr", "qc", "any")
SECTION_LIMIT = 12  # cards shown from an included or equivalent level; its own page has all
OPEN_OUTCOMES = ("did-not-work", "too-early")
# The search page lists the most used values of a facet without a vocabulary (tags and
# communities grow with the site): its size stays flat, and the rest are on their index page.
OPEN_FACET_SHOWN = 30


# -- views -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermCount:
    """A term in use, with its page and how many published sheets it has."""

    id: str
    label: str
    url: str
    count: int


@dataclass(frozen=True)
class TermGroup:
    """Terms shown under one heading ('' for none): the levels of one school system."""

    label: str
    terms: tuple[TermCount, ...]


@dataclass(frozen=True, kw_only=True)
class TermsPage:
    """Every term in use of one taxonomy."""

    t: Strings
    title: str
    taxonomy: str
    groups: tuple[TermGroup, ...]
    meta_description: ClassVar[str] = ""


@dataclass(frozen=True)
class TermSection:
    """On a level's page: the sheets of an included or equivalent level (the first ones)."""

    title: str
    url: str
    total: int
    sheets: tuple[SheetCard, ...]
    equivalent: bool = False


@dataclass(frozen=True, kw_only=True)
class TermPage:
    """One term's sheets; cut into pages by the plugin."""

    t: Strings
    title: str
    kind: str  # the taxonomy, e.g. « Niveau »
    index_url: str
    intro: str  # the vocabulary's description of the term, if any
    sheets: tuple[SheetCard, ...]
    sections: tuple[TermSection, ...] = ()
    total: int = 0  # sheets on all pages together
    pager: Pager | None = None
    meta_description: ClassVar[str] = ""


@dataclass(frozen=True)
class CoverageColumn:
    """A level of the coverage table."""

    id: str
    label: str
    url: str
    system: str


@dataclass(frozen=True)
class CoverageCell:
    """How many sheets one subject has at one level, and where they are listed."""

    count: int
    url: str  # '' when there is none


@dataclass(frozen=True)
class CoverageRow:
    """A subject of the coverage table."""

    label: str
    url: str
    count: int
    cells: tuple[CoverageCell, ...]


@dataclass(frozen=True, kw_only=True)
class CoveragePage:
    """A subject × level table of sheet counts."""

    t: Strings
    title: str
    columns: tuple[CoverageColumn, ...]
    rows: tuple[CoverageRow, ...]
    meta_description: ClassVar[str] = ""


@dataclass(frozen=True)
class Lesson:
    """One what-went-wrong point, with the sheet it comes from."""

    text: str
    lang: str
    title: str
    url: str


@dataclass(frozen=True)
class LessonSubject:
    """The points of one subject, under one challenge."""

    label: str
    points: tuple[Lesson, ...]


@dataclass(frozen=True)
class LessonGroup:
    """The points of one challenge (or of none), by subject."""

    label: str
    url: str
    count: int
    subjects: tuple[LessonSubject, ...]


@dataclass(frozen=True, kw_only=True)
class LessonsPage:
    """Every what-went-wrong point, by challenge then subject."""

    t: Strings
    title: str
    groups: tuple[LessonGroup, ...]
    total: int
    meta_description: ClassVar[str] = ""


@dataclass(frozen=True)
class OpenQuestion:
    """A sheet whose author asks for help: its card, the question, the outcome's label."""

    card: SheetCard
    question: str
    outcome: str


@dataclass(frozen=True, kw_only=True)
class QuestionsPage:
    """Sheets whose authors ask the community for help, newest first."""

    t: Strings
    title: str
    items: tuple[OpenQuestion, ...]
    projets: tuple[ProjetItem, ...] = ()  # projets waiting for advice, shown first
    meta_description: ClassVar[str] = ""


@dataclass(frozen=True)
class FacetValue:
    """A value of a search facet, with its total count."""

    id: str
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    """A search facet and the values it shows (`more`: how many it leaves to `index_url`)."""

    id: str
    label: str
    values: tuple[FacetValue, ...]
    more: int = 0
    index_url: str = ""


@dataclass(frozen=True, kw_only=True)
class SearchPage:
    """The search form, its facets and their counts."""

    t: Strings
    title: str
    facets: tuple[Facet, ...]
    count: int
    meta_description: ClassVar[str] = ""


@dataclass(frozen=True, kw_only=True)
class HomePage:
    """Entry points of the home page (given to the template as `atelier_home`)."""

    t: Strings
    latest: tuple[SheetCard, ...]
    count: int
    points: int
    subjects: tuple[TermCount, ...]
    level_groups: tuple[TermGroup, ...]
    communities: tuple[TermCount, ...]


# A listing of cards that the plugin cuts into pages (`sheets`, `total`, `pager`, `title`).
Paged = TypeVar("Paged", ListingPage, "TermPage")


# -- making them -----------------------------------------------------------------------------


def _system(kb: KnowledgeBase, level_id: str) -> str:
    term = kb.vocabularies["levels"].terms.get(level_id)
    return term.system if term and term.system in SYSTEMS else "any"


def _counts(terms: dict[str, Term]) -> tuple[TermCount, ...]:
    return tuple(TermCount(t.id, t.label, t.url, len(t.sheets)) for t in terms.values())


def taxonomy_index(kb: KnowledgeBase, taxonomies: Taxonomies, name: str) -> TermsPage:
    """Every term in use of one taxonomy, with its count; levels grouped by school system."""
    t = STRINGS[kb.lang]
    terms = _counts(taxonomies[name])
    groups: tuple[TermGroup, ...] = (TermGroup("", terms),)
    if name == "level":
        groups = tuple(
            TermGroup(t[f"system_{system}"], in_system)
            for system in SYSTEMS
            if (in_system := tuple(x for x in terms if _system(kb, x.id) == system))
        )
    return TermsPage(t=t, title=t[f"taxonomy_{name}_plural"], taxonomy=name, groups=groups)


def term_page(views: SiteViews, taxonomies: Taxonomies, term: Term) -> TermPage:
    """One term: its sheets; for a level, also the sheets of included and equivalent levels."""
    kb = views.kb
    t = STRINGS[kb.lang]
    sections: list[TermSection] = []
    if term.taxonomy == "level":
        levels = kb.vocabularies["levels"]
        in_use = taxonomies["level"]
        children = [i for i in in_use if term.id in levels[i].parents]
        for child in children:
            sections.append(
                TermSection(t["included_level"].format(level=in_use[child].label),
                            in_use[child].url, len(in_use[child].sheets),
                            views.cards(in_use[child].sheets[:SECTION_LIMIT]))
            )  # fmt: skip
        for other in equivalent_levels(levels, term.id):
            if other in in_use:
                system = t[f"system_{_system(kb, other)}"]
                sections.append(
                    TermSection(t["equivalent_level"].format(level=in_use[other].label,
                                                             system=system),
                                in_use[other].url, len(in_use[other].sheets),
                                views.cards(in_use[other].sheets[:SECTION_LIMIT]),
                                equivalent=True)
                )  # fmt: skip
    return TermPage(
        t=t,
        title=term.label,
        kind=t[f"taxonomy_{term.taxonomy}"],
        index_url=f"{BY_NAME[term.taxonomy].folder}/",
        intro=_description(kb, term),
        sheets=views.cards(term.sheets),
        sections=tuple(sections),
    )


def _description(kb: KnowledgeBase, term: Term) -> str:
    vocabulary = BY_NAME[term.taxonomy].vocabulary
    if vocabulary:
        found = kb.vocabularies[vocabulary].terms.get(term.id)
        if found is not None:
            return found.description.get(kb.lang, "")
    return ""


def pair_url(subject: str, level: str) -> str:
    """A coverage cell's listing: the search page filtered by both (a shareable address)."""
    return f"search/?subject={subject}&level={level}"


def coverage(kb: KnowledgeBase, taxonomies: Taxonomies) -> CoveragePage:
    """A subject × level table of sheet counts: where the knowledge base is thin."""
    t = STRINGS[kb.lang]
    levels = list(taxonomies["level"].values())
    level_sets = {level.id: set(level.sheets) for level in levels}
    rows = []
    for subject in taxonomies["subject"].values():
        cells = []
        for level in levels:
            count = sum(1 for i in subject.sheets if i in level_sets[level.id])
            cells.append(CoverageCell(count, pair_url(subject.id, level.id) if count else ""))
        rows.append(CoverageRow(subject.label, subject.url, len(subject.sheets), tuple(cells)))
    columns = tuple(
        CoverageColumn(level.id, level.label, level.url, t[f"system_{_system(kb, level.id)}"])
        for level in levels
    )
    return CoveragePage(t=t, title=t["coverage"], columns=columns, rows=tuple(rows))


def lessons(kb: KnowledgeBase, taxonomies: Taxonomies) -> LessonsPage:
    """Every what-went-wrong point, grouped by challenge, then subject; failures first."""
    t = STRINGS[kb.lang]
    groups = []
    challenge_terms = list(taxonomies["challenge"].values())
    without = [s.id for s in kb.published if not s.challenges]
    buckets = [(term.label, term.url, term.sheets) for term in challenge_terms]
    if without:
        buckets.append((t["no_challenge"], "", without))
    subjects = kb.vocabularies["subjects"]
    for label, url, ids in buckets:
        by_subject: dict[str, list[Lesson]] = {}
        for sheet_id in ids:
            sheet = kb.sheets[sheet_id]
            subject = sheet.subjects[0]
            for point in sheet.what_went_wrong:
                by_subject.setdefault(subject, []).append(
                    Lesson(typeset(point, sheet.lang), sheet.lang,
                           typeset(sheet.title, sheet.lang), sheet_url(sheet.id))
                )  # fmt: skip
        groups.append(
            LessonGroup(
                label,
                url,
                sum(len(points) for points in by_subject.values()),
                tuple(
                    LessonSubject(subjects.label(subject, kb.lang), tuple(points))
                    for subject, points in sorted(
                        by_subject.items(), key=lambda kv: subjects.label(kv[0], kb.lang)
                    )
                ),
            )
        )
    total = sum(len(s.what_went_wrong) for s in kb.published)
    return LessonsPage(t=t, title=t["lessons"], groups=tuple(groups), total=total)


def open_questions(views: SiteViews) -> QuestionsPage:
    """Projets waiting for advice (oldest first), then sheets whose authors ask the community
    for help (newest first)."""
    kb = views.kb
    t = STRINGS[kb.lang]
    items = []
    outcomes = kb.vocabularies["outcomes"]
    projets = projets_waiting(views)
    waiting = {item.card.id for item in projets}
    for sheet in kb.published:
        if sheet.id in waiting:
            continue
        asked = schema.section_text(sheet.document, schema.QUESTIONS)
        if asked or sheet.outcome in OPEN_OUTCOMES:
            excerpt = asked if len(asked) <= 400 else asked[:400].rsplit(" ", 1)[0] + " …"
            outcome = outcomes.label(sheet.outcome, kb.lang) if sheet.outcome else ""
            items.append(OpenQuestion(views.card(sheet), typeset(excerpt, sheet.lang), outcome))
    return QuestionsPage(t=t, title=t["questions"], items=tuple(items), projets=projets)


def home(views: SiteViews, taxonomies: Taxonomies) -> HomePage:
    """The home page: latest sheets and entry points by subject, level and community."""
    kb = views.kb
    return HomePage(
        t=STRINGS[kb.lang],
        latest=tuple(views.card(s) for s in kb.published[:6]),
        count=len(kb.published),
        points=sum(len(s.what_went_wrong) for s in kb.published),
        subjects=_counts(taxonomies["subject"]),
        level_groups=taxonomy_index(kb, taxonomies, "level").groups,
        communities=_counts(taxonomies["community"]),
    )


def _most_used(facet: str, label: str, values: tuple[FacetValue, ...], index_url: str) -> Facet:
    """An open facet (no vocabulary): its OPEN_FACET_SHOWN most used values, in their order."""
    if len(values) <= OPEN_FACET_SHOWN:
        return Facet(facet, label, values)
    ranked = sorted(range(len(values)), key=lambda i: (-values[i].count, i))
    kept = sorted(ranked[:OPEN_FACET_SHOWN])
    shown = tuple(values[i] for i in kept)
    return Facet(facet, label, shown, more=len(values) - len(shown), index_url=index_url)


def search_page(kb: KnowledgeBase, taxonomies: Taxonomies) -> SearchPage:
    """The search page: every facet with its values in use (the most used, for tags and
    communities) and their total counts."""
    t = STRINGS[kb.lang]
    facets = []
    for facet in FACETS:
        if facet == "lang":
            counts: dict[str, int] = {}
            for sheet in kb.published:
                counts[sheet.lang] = counts.get(sheet.lang, 0) + 1
            values = tuple(FacetValue(lang, t[f"lang_{lang}"], count)
                           for lang, count in sorted(counts.items()))  # fmt: skip
            label = t["language"]
        else:
            values = tuple(FacetValue(term.id, term.label, len(term.sheets))
                           for term in taxonomies[facet].values())  # fmt: skip
            label = t[f"taxonomy_{facet}"]
        if values and facet in BY_NAME and BY_NAME[facet].vocabulary is None:
            facets.append(_most_used(facet, label, values, f"{BY_NAME[facet].folder}/"))
        elif values:
            facets.append(Facet(facet, label, values))
    return SearchPage(t=t, title=t["search"], facets=tuple(facets), count=len(kb.published))
