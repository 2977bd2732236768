"""Taxonomies: which sheets carry each subject, level, community, tag, challenge and outcome.

Only terms in use get a page. Levels also know their equivalents in the other school system
(same ISCED level, overlapping ages), so a Québec teacher of secondaire 2 finds French 4e sheets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from atelier.core.knowledge import KnowledgeBase
from atelier.core.model import Sheet
from atelier.core.vocabulary import Term as VocabTerm
from atelier.core.vocabulary import Vocabulary


@dataclass(frozen=True)
class Taxonomy:
    """One way of grouping sheets: its name, its vocabulary and its URL folder."""

    name: str  # as in api/practices.json: subject, level, …
    folder: str  # URL folder: subjects, levels, …
    vocabulary: str | None  # vocabulary name, None for tags and communities


TAXONOMIES = (
    Taxonomy("subject", "subjects", "subjects"),
    Taxonomy("level", "levels", "levels"),
    Taxonomy("community", "communities", None),
    Taxonomy("tag", "tags", None),
    Taxonomy("challenge", "challenges", "challenges"),
    Taxonomy("outcome", "outcomes", "outcomes"),
)
BY_NAME = {taxonomy.name: taxonomy for taxonomy in TAXONOMIES}


@dataclass
class Term:
    """A term in use, with its sheets (ids, newest first)."""

    taxonomy: str
    id: str
    label: str
    url: str
    sheets: list[str] = field(default_factory=list)


def values(sheet: Sheet, taxonomy: str) -> tuple[str, ...]:
    """The ids a sheet carries in one taxonomy."""
    if taxonomy == "subject":
        return sheet.subjects
    if taxonomy == "level":
        return sheet.levels
    if taxonomy == "community":
        return sheet.communities
    if taxonomy == "tag":
        return sheet.tags
    if taxonomy == "challenge":
        return sheet.challenges
    return (sheet.outcome,) if sheet.outcome else ()


def term_url(taxonomy: str, term_id: str) -> str:
    """The site-relative URL of a term page."""
    return f"{BY_NAME[taxonomy].folder}/{term_id}/"


def build(kb: KnowledgeBase) -> dict[str, dict[str, Term]]:
    """Every taxonomy's terms in use, in vocabulary order (tags and communities by label)."""
    result: dict[str, dict[str, Term]] = {}
    for taxonomy in TAXONOMIES:
        terms: dict[str, Term] = {}
        for sheet in kb.published:  # newest first, so each term's list is too
            for term_id in values(sheet, taxonomy.name):
                if term_id not in terms:
                    terms[term_id] = Term(taxonomy.name, term_id, _label(kb, taxonomy, term_id),
                                          term_url(taxonomy.name, term_id))  # fmt: skip
                terms[term_id].sheets.append(sheet.id)
        result[taxonomy.name] = dict(
            sorted(terms.items(), key=lambda kv: _order(kb, taxonomy, kv[1]))
        )
    return result


def _label(kb: KnowledgeBase, taxonomy: Taxonomy, term_id: str) -> str:
    if taxonomy.vocabulary:
        return kb.vocabularies[taxonomy.vocabulary].label(term_id, kb.lang)
    if taxonomy.name == "community" and term_id in kb.communities:
        return kb.communities[term_id].name
    return term_id


def _order(kb: KnowledgeBase, taxonomy: Taxonomy, term: Term) -> tuple[int, str]:
    if taxonomy.vocabulary:
        ids = list(kb.vocabularies[taxonomy.vocabulary].terms)
        return (ids.index(term.id) if term.id in ids else len(ids), term.id)
    return (0, term.label.casefold())


def equivalent_levels(levels: Vocabulary, level_id: str) -> list[str]:
    """Levels of the other school system with the same ISCED level and overlapping ages."""
    level = levels.terms.get(level_id)
    if level is None or level.system not in ("fr", "qc") or not level.ages:
        return []
    return [other.id for other in levels if _equivalent(level, other)]


def _equivalent(level: VocabTerm, other: VocabTerm) -> bool:
    if other.system in (level.system, "any", None) or other.deprecated or not other.ages:
        return False
    assert level.ages is not None
    same_isced = bool(set(level.isced) & set(other.isced))
    return same_isced and other.ages[0] <= level.ages[1] and level.ages[0] <= other.ages[1]
