"""Related sheets: the author's explicit `related` first, then computed ones.

The score is a weighted count of what two sheets share (subject, level, an equivalent level of
the other school system, tags, challenges, community). It is computed with an inverted index:
for one sheet, the posting lists of its features are added up with `numpy.bincount`, so the
cost is the size of those lists, never all pairs (10,000 sheets take well under a second).
Ties go to the newer sheet, so every build gives the same answer. The reasons are data
((kind, count) pairs); the sentence a reader sees is written in `atelier.site.views`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np

from atelier.core import cache as build_cache
from atelier.core import parallel
from atelier.core.knowledge import KnowledgeBase
from atelier.core.model import Sheet
from atelier.core.taxonomy import equivalent_levels

WEIGHTS = {
    "subject": 3.0,
    "level": 3.0,
    "equivalent-level": 2.0,
    "tag": 2.0,
    "challenge": 1.0,
    "community": 1.0,
}
MIN_SCORE = 3.0  # at least a shared subject or level, or a tag and something else
LIMIT = 5
BATCH = 64  # sheets scored at once: a 256 × N block of float64


class Related(NamedTuple):
    """A related sheet and why: `reasons` are (kind, count) pairs, in display order; the kinds
    are those of WEIGHTS, plus "explicit" (the author chose it). `atelier.site` words them."""

    id: str
    score: float
    reasons: tuple[tuple[str, int], ...]


class RelatedIndex:
    """An inverted index of published sheets' features, built once per build."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.sheets = kb.published  # rank = position: newest first
        self.rank = {sheet.id: i for i, sheet in enumerate(self.sheets)}
        count = len(self.sheets)
        # Far smaller than any weight step: only breaks ties, in favour of newer sheets.
        self.recency = (count - np.arange(count, dtype=np.float64)) / (count + 1) * 1e-3
        postings: dict[tuple[str, str], list[int]] = {}
        for i, sheet in enumerate(self.sheets):
            for key in _features(sheet):
                postings.setdefault(key, []).append(i)
        self.postings = {key: np.asarray(ids, dtype=np.int32) for key, ids in postings.items()}
        levels = kb.vocabularies["levels"]
        self.equivalents = {term.id: equivalent_levels(levels, term.id) for term in levels}
        self.profiles = [self.profile(sheet) for sheet in self.sheets]

    def profile(self, sheet: Sheet) -> _Profile:
        """The sets a sheet is compared on."""
        equivalent = frozenset(
            other for level in sheet.levels for other in self.equivalents.get(level, ())
        )
        return _Profile(
            frozenset(sheet.levels), equivalent, frozenset(sheet.subjects),
            frozenset(sheet.tags), frozenset(sheet.challenges), frozenset(sheet.communities),
        )  # fmt: skip

    def _query(self, sheet: Sheet) -> Iterable[tuple[tuple[str, str], float]]:
        for key in _features(sheet):
            yield key, WEIGHTS[key[0]]
        own = set(sheet.levels)
        seen: set[str] = set()
        for level in sheet.levels:
            for other in self.equivalents.get(level, ()):
                if other not in own and other not in seen:
                    seen.add(other)
                    yield ("level", other), WEIGHTS["equivalent-level"]

    def for_sheet(self, sheet: Sheet, limit: int = LIMIT, *, explain: bool = True) -> list[Related]:
        """Up to `limit` related sheets: explicit ones first, then the best scored; with
        `explain`, each says what the two sheets share."""
        result = self._explicit(sheet, limit)
        count = len(self.sheets)
        postings: list[np.ndarray] = []
        weights: list[float] = []
        for key, weight in self._query(sheet):
            posting = self.postings.get(key)
            if posting is not None:
                postings.append(posting)
                weights.append(weight)
        if not postings or len(result) >= limit:
            return result
        repeated = np.repeat(weights, [len(posting) for posting in postings])
        scores = np.bincount(np.concatenate(postings), weights=repeated, minlength=count)
        scores += self.recency  # type: ignore[arg-type]
        scores[[self.rank[i] for i in (sheet.id, *sheet.related) if i in self.rank]] = 0.0
        # Only sheets above the threshold can be chosen: partition those, not all N.
        candidates = np.flatnonzero(scores >= MIN_SCORE)
        take = min(limit, len(candidates))
        if take == 0:
            return result
        chosen = np.argpartition(scores[candidates], len(candidates) - take)
        best = candidates[chosen[len(candidates) - take :]]
        rank = self.rank.get(sheet.id)
        mine = self.profiles[rank] if rank is not None else self.profile(sheet)
        pairs = sorted(zip(scores[best].tolist(), best.tolist(), strict=True), reverse=True)
        for score, i in pairs:
            if score < MIN_SCORE or len(result) >= limit:
                break
            reasons = mine.shared_with(self.profiles[i]) if explain else ()
            result.append(Related(self.sheets[i].id, round(score, 2), reasons))
        return result

    def _explicit(self, sheet: Sheet, limit: int) -> list[Related]:
        explicit = [other for other in sheet.related if other in self.rank and other != sheet.id]
        return [Related(other, 0.0, (("explicit", 1),)) for other in explicit[:limit]]


class _Profile(NamedTuple):
    levels: frozenset[str]
    equivalent_levels: frozenset[str]
    subjects: frozenset[str]
    tags: frozenset[str]
    challenges: frozenset[str]
    communities: frozenset[str]

    def shared_with(self, other: _Profile) -> tuple[tuple[str, int], ...]:
        """What two sheets share, as (kind, count) reasons in display order."""
        reasons: list[tuple[str, int]] = []
        if self.levels & other.levels:
            reasons.append(("level", 1))
        elif self.equivalent_levels & other.levels:
            reasons.append(("equivalent-level", 1))
        if self.subjects & other.subjects:
            reasons.append(("subject", 1))
        tags = len(self.tags & other.tags)
        if tags:
            reasons.append(("tag", tags))
        challenges = len(self.challenges & other.challenges)
        if challenges:
            reasons.append(("challenge", challenges))
        if self.communities & other.communities:
            reasons.append(("community", 1))
        return tuple(reasons)


def _features(sheet: Sheet) -> Iterable[tuple[str, str]]:
    yield from (("subject", s) for s in sheet.subjects)
    yield from (("level", s) for s in sheet.levels)
    yield from (("tag", s) for s in sheet.tags)
    yield from (("challenge", s) for s in sheet.challenges)
    yield from (("community", s) for s in sheet.communities)


def for_site(kb: KnowledgeBase, cache: build_cache.BuildCache | None) -> dict[str, list[Related]]:
    """`compute`, or its result for the same inputs from the build cache: what every sheet is
    compared on, the published order, the levels' equivalents and the code (~1 s at 10,000
    sheets; an edit of a sheet's body changes none of them)."""
    if cache is None:
        return compute(kb)
    key = cache_key(kb)
    found = cache.value(key)
    if isinstance(found, dict):
        return found
    computed = compute(kb)
    cache.keep_value(key, computed)
    return computed


def cache_key(kb: KnowledgeBase) -> str:
    """The build cache's key of the related sheets of a site (see `for_site`)."""
    levels = kb.vocabularies["levels"]
    inputs = [
        (sheet.id, sheet.subjects, sheet.levels, sheet.tags, sheet.challenges,
         sheet.communities, sheet.related)
        for sheet in kb.sheets.values()
    ]  # fmt: skip
    return build_cache.digest(
        "related", build_cache.code_digest(), repr(inputs),
        repr([sheet.id for sheet in kb.published]),
        repr([(term.id, equivalent_levels(levels, term.id)) for term in levels]),
    )  # fmt: skip


def compute(
    kb: KnowledgeBase, limit: int = LIMIT, *, explain: bool = True
) -> dict[str, list[Related]]:
    """Related sheets for every sheet (drafts too, for the preview), by sheet id."""
    # Thousands of small tuples: with a large heap around (a build), the cyclic garbage
    # collector would rescan it again and again for nothing. Nothing here makes cycles.
    # On two cores, a forked worker ranks the second half of the sheets meanwhile
    # (core/parallel.py): at 10,000 sheets ~1.0 s instead of ~1.3 s, on a slow day here.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        index = RelatedIndex(kb)
        sheets = kb.sheets

        def rank(ids: Sequence[str]) -> dict[str, list[Related]]:
            return {i: index.for_sheet(sheets[i], limit, explain=explain) for i in ids}

        return parallel.in_halves(list(sheets), rank, "related")
    finally:
        if was_enabled:
            gc.enable()
