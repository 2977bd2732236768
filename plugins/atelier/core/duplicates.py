"""Near-duplicate sheets (validator rule 13): a new sheet too close to an existing one.

Text. A sheet's text is its title, summary, `what_went_wrong` and body, normalised: lowercase,
accents folded (as `vocabulary.normalize` does). The body is the text of its Markdown reading
(`sheet.document.runs`): link text without targets, no code, no HTML, no comments, URLs dropped,
and the scaffold headings every sheet shares (« Contexte », « Ce qui n'a pas marché »,
"What went wrong"…, i.e. `schema.SECTIONS`) removed; other headings stay, they are content.
What is left is split into words.

Shingles. The text is compared as a set of word 3-grams. Word 3-grams rather than 5-character
grams: a character gram is shared by any two texts of one language (« ement », " de l"), so
distinct sheets on a subject would still overlap and every posting list would be long, while
a 3-word sequence is rare unless copied; a typo only changes the three grams around it.
Word 3-grams also keep a translation apart: French and English share almost no sequence.
`text_score` is the exact Jaccard index |A ∩ B| / |A ∪ B| of the two shingle sets.

Title. `title_score` is the Jaccard index of the normalised title words of two letters or more
(a reworded title keeps most of its words; the order does not matter).

Score. score = max(text, W_TITLE × title + (1 − W_TITLE) × text), with W_TITLE = 0.3: the text
alone can make a duplicate (a copy under a new title), and a close title adds weight to a text
that was partly rewritten; a title alone cannot (two sheets may share a title, « Dictée
négociée en 6e », and tell two classes). Scores are rounded to 2 decimals and a match is kept
when the rounded score is at least the threshold (0.6 by default). Calibration on the sample
sheets: a copy with typo fixes, a sentence added and a reworded title scores 0.94 (≥ 0.8);
the 26 distinct sample sheets score at most 0.12 against each other (two Québec maths sheets
on a situation-problème: close titles, different texts), a translation 0.01.

Index. No pair is compared one by one: words get integer ids, a shingle is three ids packed in
one int64, and the index keeps, for each shingle and each title word, the sorted list of the
sheets that have it (numpy arrays). A query adds up the posting lists of its shingles with
`numpy.bincount`, which gives |A ∩ B| for every indexed sheet at once, hence the exact Jaccard
index; its cost is the length of those lists, never the number of pairs. Exact, so the golden
tests cannot flake, unlike MinHash/LSH, which estimates the Jaccard index and misses some pairs
near the threshold; and numpy is already a dependency. Results are deterministic: sheets are
indexed by id, and equal scores are ordered by id.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from atelier.core.document import Document, parse
from atelier.core.model import Sheet
from atelier.core.schema import SECTIONS
from atelier.core.vocabulary import normalize

THRESHOLD = 0.6
LIMIT = 3  # rule 13: the top 3 candidates
W_TITLE = 0.3
SHINGLE = 3  # words per shingle
_BITS = 21  # bits per word id in a packed shingle: 3 × 21 < 63
_MAX_WORDS = (1 << _BITS) - 1

Codes = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Match:
    """An existing sheet close to the one checked."""

    id: str  # the existing sheet
    score: float  # 0..1, rounded to 2 decimals
    title_score: float
    text_score: float


_WORD = re.compile(r"[^\W_]+")
_URL = re.compile(r"https?://\S+|www\.\S+")


def _tokens(text: str) -> list[str]:
    """The words of a text, lowercase but not yet folded (a fast regex on composed text)."""
    text = text.casefold()
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _WORD.findall(text)


# Folding is done once per distinct word, not once per character of every text.
_fold = functools.lru_cache(maxsize=1 << 16)(normalize)


def words(text: str) -> list[str]:
    """The words of a text: lowercase, accents folded; punctuation and marks are not words."""
    return [_fold(token) for token in _tokens(text)]


_SCAFFOLD = frozenset(
    " ".join(words(heading)) for section in SECTIONS for heading in (section.fr, section.en)
)


@functools.lru_cache(maxsize=1 << 12)
def _is_scaffold(heading: str) -> bool:
    return " ".join(words(heading)) in _SCAFFOLD


def body_text(body: str | Document) -> str:
    """The text of a Markdown body without scaffold headings, link targets, URLs, code, HTML.

    Pass a sheet's `document` (a string is read first).
    """
    document = body if isinstance(body, Document) else parse(body)
    text = "\n".join(
        run.text
        for run in document.runs
        if run.kind != "code" and not (run.kind == "heading" and _is_scaffold(run.text))
    )
    if "http" in text or "www." in text:
        text = _URL.sub(" ", text)
    return text


def _sheet_text(sheet: Sheet) -> str:
    return "\n".join(
        (sheet.title, sheet.summary, *sheet.what_went_wrong, body_text(sheet.document))
    )


def sheet_words(sheet: Sheet) -> list[str]:
    """The normalised words a sheet's text is compared on (title, summary, …, body)."""
    return words(_sheet_text(sheet))


def title_words(sheet: Sheet) -> list[str]:
    """The normalised words of a title, without one-letter ones (l', d', a)."""
    return [word for word in words(sheet.title) if len(word) > 1]


class _Ids(dict[str, int]):
    """Word → id while indexing: a word seen for the first time is folded, then numbered."""

    def __init__(self) -> None:
        super().__init__()
        self.folded: dict[str, int] = {}

    def __missing__(self, token: str) -> int:
        word = _fold(token)
        number = self.folded.setdefault(word, len(self.folded) + 1)
        self[token] = number
        return number


def _shingles(ids: Codes) -> Codes:
    """The distinct packed word 3-grams of a sequence of word ids (≥ 1), sorted."""
    if len(ids) == 0:
        return ids
    if len(ids) < SHINGLE:  # a very short text is one shingle, padded with id 0
        ids = np.concatenate([np.zeros(SHINGLE - len(ids), dtype=np.int64), ids])
    codes = ids[: len(ids) - 2] << (2 * _BITS) | ids[1 : len(ids) - 1] << _BITS | ids[2:]
    return _distinct(codes)


def _distinct(codes: Codes) -> Codes:
    """Sorted distinct values (np.unique is slower on the many small arrays of an index)."""
    codes = np.sort(codes)
    return codes[np.concatenate(([True], codes[1:] != codes[:-1]))] if len(codes) else codes


class _Postings:
    """For each key, the positions of the documents that have it, in one CSR layout."""

    def __init__(self, documents: Sequence[Codes]) -> None:
        self.count = len(documents)
        self.sizes = np.array([len(d) for d in documents], dtype=np.int64)
        if not documents or not self.sizes.any():
            self.keys = self.starts = self.ends = np.zeros(0, dtype=np.int64)
            self.docs = np.zeros(0, dtype=np.int32)
            return
        keys = np.concatenate(documents)
        docs = np.repeat(np.arange(self.count, dtype=np.int32), self.sizes)
        order = np.argsort(keys)  # the order of documents within a key does not matter
        keys, self.docs = keys[order], docs[order]
        first = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
        self.keys = keys[first]
        self.starts = first
        self.ends = np.append(first[1:], len(keys))

    def jaccard(self, query: Codes) -> npt.NDArray[np.float64]:
        """|A ∩ B| / |A ∪ B| between `query` (distinct keys) and every document."""
        if self.count == 0:
            return np.zeros(0)
        where = np.searchsorted(self.keys, query)
        inside = where < len(self.keys)
        where = where[inside]
        found = where[self.keys[where] == query[inside]]
        if len(found) == 0:
            return np.zeros(self.count)
        lengths = self.ends[found] - self.starts[found]
        offsets = np.cumsum(lengths) - lengths
        picks = np.repeat(self.starts[found] - offsets, lengths) + np.arange(lengths.sum())
        shared = np.bincount(self.docs[picks], minlength=self.count).astype(np.float64)
        union = len(query) + self.sizes - shared
        return np.divide(shared, union, out=np.zeros(self.count), where=union > 0)


class DuplicateIndex:
    """The existing sheets, indexed once; `matches` finds those close to a sheet."""

    def __init__(self, sheets: Iterable[Sheet], *, threshold: float = THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold}")
        self.threshold = threshold
        by_id = {sheet.id: sheet for sheet in sheets}
        self.ids = sorted(by_id)
        self._position = {sheet_id: i for i, sheet_id in enumerate(self.ids)}
        table = _Ids()
        texts: list[Codes] = []
        titles: list[Codes] = []
        for sheet_id in self.ids:
            sheet = by_id[sheet_id]
            ids = list(map(table.__getitem__, _tokens(_sheet_text(sheet))))
            texts.append(_shingles(np.array(ids, dtype=np.int64)))
            title = [table[token] for token in _tokens(sheet.title) if len(_fold(token)) > 1]
            titles.append(_distinct(np.array(title, dtype=np.int64)))
        if len(table.folded) > _MAX_WORDS:
            raise ValueError(f"more than {_MAX_WORDS} distinct words: shingles would collide")
        self._words = table.folded
        self._text = _Postings(texts)
        self._title = _Postings(titles)

    def __len__(self) -> int:
        return len(self.ids)

    def _encode(self, found: list[str], unknown: dict[str, int]) -> Codes:
        """Word ids; a word the index never saw gets a new id, the same in `unknown`."""
        known = self._words
        ids = [
            known.get(word) or unknown.setdefault(word, len(known) + 1 + len(unknown))
            for word in found
        ]
        return np.array(ids, dtype=np.int64)

    def matches(self, sheet: Sheet, limit: int = LIMIT) -> list[Match]:
        """Up to `limit` indexed sheets scoring at least the threshold, best first.

        Never the sheet itself (same id); equal (rounded) scores are ordered by id.
        """
        if limit <= 0 or not self.ids:
            return []
        unknown: dict[str, int] = {}  # words the index never saw: ids for this query only
        text = self._text.jaccard(_shingles(self._encode(sheet_words(sheet), unknown)))
        title = self._title.jaccard(_distinct(self._encode(title_words(sheet), unknown)))
        score = np.maximum(text, W_TITLE * title + (1.0 - W_TITLE) * text)
        own = self._position.get(sheet.id)
        if own is not None:
            score[own] = -1.0
        found: list[Match] = []
        for i in np.flatnonzero(score >= self.threshold - 0.01).tolist():
            rounded = round(float(score[i]), 2)
            if rounded >= self.threshold:
                match = Match(
                    id=self.ids[i],
                    score=rounded,
                    title_score=round(float(title[i]), 2),
                    text_score=round(float(text[i]), 2),
                )
                found.append(match)
        found.sort(key=lambda match: (-match.score, match.id))
        return found[:limit]


def find_duplicates(
    candidates: Iterable[Sheet], existing: Iterable[Sheet], *, threshold: float = THRESHOLD
) -> dict[str, list[Match]]:
    """For each candidate with at least one match, its best `LIMIT` matches, by candidate id.

    A candidate is never matched with the existing sheet of the same id, so a knowledge base
    can be checked against itself: `find_duplicates(kb.published, kb.published)`.
    """
    index = DuplicateIndex(existing, threshold=threshold)
    report: dict[str, list[Match]] = {}
    for sheet in sorted(candidates, key=lambda s: s.id):
        found = index.matches(sheet)
        if found:
            report[sheet.id] = found
    return report
