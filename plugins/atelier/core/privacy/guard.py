"""The guard: reads a sheet (text.py), applies the rules (rules.py) and, in "model" mode, looks
for people's names (names.py, with the French model of model.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from atelier.core.diagnostics import Report
from atelier.core.privacy import model, names, rules, text
from atelier.core.privacy.rules import Hit

if TYPE_CHECKING:
    from spacy.language import Language

    from atelier.core.model import Sheet, Workshop

KINDS = (
    "name",
    "initials",
    "email",
    "phone",
    "student-id",
    "class-code",
    "health-family",
    "judgement",
    "school-name",
    "postal-code",
    "address",
)


@dataclass(frozen=True)
class Finding:
    """Possible personal data: where it is and the words found, as written."""

    line: int  # file line
    kind: str  # one of KINDS
    words: str


_EN_HINTS = frozenset(
    {"the", "and", "of", "to", "in", "is", "was", "were", "are", "with", "for", "that", "this",
     "my", "his", "her", "they", "it", "on", "at", "had", "did", "would", "could", "she", "he",
     "we", "our", "their", "from", "have", "has", "been", "when", "what"}
)  # fmt: skip
_FR_HINTS = frozenset(
    {"le", "la", "les", "et", "de", "des", "du", "un", "une", "est", "était", "sont", "avec",
     "pour", "que", "qui", "dans", "sur", "en", "au", "aux", "a", "ont", "il", "elle", "je", "j",
     "nous", "ils", "elles", "mais", "pas", "ne", "se", "ce", "cette", "mes"}
)  # fmt: skip


def chunk_language(chunk_text: str, default: str) -> str:
    """ "en" or "fr": the sheet's language, unless the chunk is clearly in the other one."""
    words = [w.casefold() for w in names.WORD.findall(chunk_text)]
    english = sum(w in _EN_HINTS for w in words)
    french = sum(w.split("'")[0].split("’")[0] in _FR_HINTS for w in words)
    if english >= 2 and english > 2 * french:
        return "en"
    if french >= 2 and french > 2 * english:
        return "fr"
    return default


def sheet_language(lang: str | None) -> str:
    return "en" if (lang or "fr").casefold().startswith("en") else "fr"


class PrivacyGuard:
    """Finds possible personal data in text and sheets (rules, then names in "model" mode)."""

    def __init__(
        self,
        *,
        use_model: bool = True,
        lists: Sequence[Path] = (),
        root: Path | None = None,
    ) -> None:
        """`lists`: a site's own word lists (YAML, the keys of data/privacy/*.yml: figures,
        researchers, places, software, interface), added to the defaults; from the plugin's
        `privacy_lists` option. `root` is accepted for compatibility and not used: the guard
        never reads a file of the site."""
        del root
        self.use_model = use_model
        self.list_files = tuple(lists)
        self._lists: names.Lists | None = None
        self._nlp: Language | None = None
        self._loaded = False

    @property
    def lists(self) -> names.Lists:
        if self._lists is None:
            self._lists = names.read_lists([*names.default_list_files(), *self.list_files])
        return self._lists

    @property
    def nlp(self) -> Language | None:
        """The shared spaCy pipeline, loaded on first use; None when missing or not wanted."""
        if not self._loaded:
            self._nlp = model.load_model() if self.use_model else None
            self._loaded = True
        return self._nlp

    @property
    def model_loaded(self) -> bool:
        """False when the model is missing or not wanted: rules only (the caller warns once)."""
        return self.nlp is not None

    # -- entry points --------------------------------------------------------------------------

    def scan_text(
        self, body: str, first_line: int = 1, *, lang: str | None = None
    ) -> list[Finding]:
        """Plain or Markdown text, its lines numbered from `first_line`; markers honoured.

        `lang`: "fr", "fr-CA", "en"…; None reads each paragraph in the language it looks like.
        """
        chunks, marks = text.parse_body(body, first_line)
        found = self._scan(chunks, marks, authors=(), lang=lang)
        return [finding for finding, _ in found]

    def scan_sheet(self, sheet: Sheet | Workshop, *, text: str | None = None) -> list[Finding]:
        """Title, summary, what_went_wrong, next_time and the body; never the authors.

        `text`: the file as the caller read it, only for sheets built without their raw front
        matter lines (`sheet.front_matter`); the file is never read here.
        """
        return [finding for finding, _ in self._scan_sheet(sheet, text)]

    def report(self, sheet: Sheet | Workshop, report: Report, *, text: str | None = None) -> None:
        """One warning per finding: code privacy-<kind>, the words, and the field if any."""
        for finding, fieldname in self._scan_sheet(sheet, text):
            marker: str | dict[str, str] = f"<!-- privacy-ok: {finding.words} -->"
            if fieldname is not None:
                marker = {
                    "fr": f"« # privacy-ok: {finding.words} » en fin de ligne",
                    "en": f"'# privacy-ok: {finding.words}' at the end of the line",
                }
            report.warning(
                sheet.path,
                finding.line,
                f"privacy-{finding.kind}",
                fieldname,
                words=finding.words,
                marker=marker,
            )

    # -- the scan ------------------------------------------------------------------------------

    def _scan_sheet(
        self, sheet: Sheet | Workshop, source: str | None
    ) -> list[tuple[Finding, str | None]]:
        raw = text.front_matter_lines(sheet, source)
        chunks, marks = text.front_matter_chunks(sheet, raw)
        document = getattr(sheet, "document", None)
        if document is not None:
            body, body_marks = text.body_chunks(document)
        else:
            body, body_marks = text.parse_body(sheet.body, sheet.body_line)
        marks.update(body_marks)
        # A sheet's authors, a workshop's facilitators: the teachers themselves, never flagged.
        people = getattr(sheet, "authors", ()) or getattr(sheet, "facilitators", ())
        return self._scan(chunks + body, marks, authors=people, lang=sheet.lang)

    def _scan(
        self,
        chunks: list[text.Chunk],
        marks: text.Marks,
        *,
        authors: Iterable[str],
        lang: str | None,
    ) -> list[tuple[Finding, str | None]]:
        default = sheet_language(lang)
        author_words = {names.fold(w) for a in authors for w in names.WORD.findall(a)}
        # Each paragraph in the language it is written in (an English quotation in a French
        # sheet); only names depend on it.
        langs = [
            chunk_language(c.text, default) if self.use_model and c.kind != "code" else default
            for c in chunks
        ]
        by_name = self._names(chunks, langs, author_words)
        results: list[tuple[Finding, str | None]] = []
        seen: set[tuple[int, str, str]] = set()
        for chunk, found_names in zip(chunks, by_name, strict=True):
            if chunk.kind == "code":
                hits = rules.pattern_hits(chunk.text)
            else:
                hits = [
                    h for h in rules.rule_hits(chunk.text, cited=chunk.cited) if not self._listed(h)
                ]
                hits = self._outside_entries(chunk.text, hits)
                hits += [h for h in found_names if not any(rules.overlap(h, o) for o in hits)]
                hits = [
                    h
                    for h in hits
                    if h.kind not in ("name", "initials") or not _is_author(h.words, author_words)
                ]
                people = [h for h in hits if h.kind in ("name", "initials")]
                identifying = [h for h in hits if h.kind in ("class-code", "school-name")]
                hits += rules.tied_hits(chunk.text, people, identifying)
            hits.sort(key=lambda h: (h.start, h.kind))
            for hit in hits:
                finding = Finding(chunk.line_at(hit.start, hit.words), hit.kind, hit.words)
                key = (finding.line, finding.kind, text.norm(finding.words))
                if key not in seen and not marks.accepts(finding.line, hit.kind, hit.words):
                    seen.add(key)
                    results.append((finding, chunk.fieldname))
        return results

    def _listed(self, hit: Hit) -> bool:
        """A name, initials or a school that is an entry of the lists (« Malcolm X. »,
        « Khan Academy »), or whose proper noun is software (only in model mode)."""
        if hit.kind not in ("name", "initials", "school-name") or not self.use_model:
            return False
        if hit.kind == "initials" and len(hit.words) == 2:
            return False  # one letter (« R. », « C. »), found with a person cue: not software
        key = names.fold(hit.words.rstrip("."))
        return key in self.lists.full and self.lists.full[key] != "places"

    def _outside_entries(self, chunk_text: str, hits: list[Hit]) -> list[Hit]:
        """Without the names and initials written inside an entry of several words of the lists
        ("John F. Kennedy", « Marie-Victorin »): the entry names a figure, not a student
        (model mode only)."""
        if not self.use_model or not any(h.kind in ("name", "initials") for h in hits):
            return hits
        spans = [
            (a, b)
            for a, b in names.listed_spans(chunk_text, self.lists)
            if self.lists.full.get(names.fold(chunk_text[a:b])) != "places"
        ]
        return [
            h
            for h in hits
            if h.kind not in ("name", "initials")
            or not any(a <= h.start and h.end - 1 <= b for a, b in spans)
        ]

    def _names(
        self, chunks: list[text.Chunk], langs: list[str], author_words: set[str]
    ) -> list[list[Hit]]:
        """People's names, per chunk (model mode only): one batch through the French model."""
        found: list[list[Hit]] = [[] for _ in chunks]
        if not self.use_model:
            return found
        nlp = self.nlp
        lists = self.lists
        protected = set(author_words)
        wanted: list[int] = []
        for index, chunk in enumerate(chunks):
            if chunk.kind == "code" or not chunk.text.strip():
                continue
            if chunk.cited:  # references: the names there are authors of works
                protected.update(_capitalised_words(chunk.text))
                continue
            wanted.append(index)
        entities: dict[int, list[tuple[int, int, str]]] = {}
        french = [i for i in wanted if langs[i] == "fr"]
        if nlp is not None and french:
            docs = nlp.pipe((chunks[i].text for i in french), batch_size=model.BATCH_SIZE)
            for index, doc in zip(french, docs, strict=True):
                entities[index] = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        elif nlp is None and self.use_model:
            return found  # the model is missing: names after a student noun only (rules)
        context = names.Context(protected=protected)
        for index in wanted:
            chunk = chunks[index]
            context.lang = langs[index]
            spans = names.find(
                chunk.text,
                lists=lists,
                context=context,
                entities=entities.get(index, ()),
                heading=chunk.kind == "heading",
            )
            found[index] = [Hit(a, b, "name", chunk.text[a:b]) for a, b in spans]
        return found


def _capitalised_words(chunk_text: str) -> set[str]:
    return {names.fold(m.group()) for m in re.finditer(names.NAME_WORD, chunk_text)}


def _is_author(words: str, author_words: set[str]) -> bool:
    """The sheet's own authors (« Claire M. », « Mme Martin » for Claire Martin)."""
    parts = [names.fold(w) for w in names.WORD.findall(words) if not names.is_common(w)]
    return bool(parts) and all(p in author_words for p in parts)
