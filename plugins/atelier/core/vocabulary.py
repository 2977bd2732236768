"""Controlled vocabularies: data files with stable ids and labels in fr, fr-CA and en.

The package ships defaults in `atelier/data/vocabularies/`; a site extends or overrides them
with files named in `mkdocs.yml`. An id is never deleted: it is marked deprecated.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from atelier.core import yamlstrict
from atelier.core.diagnostics import Report
from atelier.core.yamlstrict import Map, Node, Scalar, Seq

NAMES = (
    "subjects", "levels", "challenges", "outcomes", "practice_types", "group_sizes",
    "modalities", "ground_rules", "regions", "memberships", "cadences", "meeting_formats",
    "community_statuses", "licenses", "protocols",
)  # fmt: skip
_TERM_KEYS = {
    "id", "labels", "description", "deprecated", "replaced_by",
    "system", "isced", "ages", "parents", "url", "steps",
}  # fmt: skip
# Only the protocols of a workshop (codéveloppement, GEASE…) have steps.
_STEP_VOCABULARIES = frozenset({"protocols"})
_STEP_KEYS = {"labels", "description", "minutes"}


@dataclass(frozen=True)
class Step:
    """One step of a workshop protocol, with its usual length (shown to facilitators)."""

    labels: dict[str, str]
    description: dict[str, str] = field(default_factory=dict)
    minutes: int = 0

    def label(self, lang: str = "fr") -> str:
        """The label in `lang`, falling back like `Term.label`."""
        return _in_lang(self.labels, lang) or "?"


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary."""

    id: str
    labels: dict[str, str]
    description: dict[str, str] = field(default_factory=dict)
    deprecated: bool = False
    replaced_by: str | None = None
    system: str | None = None  # levels: fr, qc or any
    isced: tuple[int, ...] = ()
    ages: tuple[int, int] | None = None
    parents: tuple[str, ...] = ()
    url: str | None = None
    steps: tuple[Step, ...] = ()  # protocols only, in order

    def label(self, lang: str = "fr") -> str:
        """The label in `lang` (fr, fr-CA or en), falling back to French, then English."""
        return _in_lang(self.labels, lang) or self.id

    @property
    def minutes(self) -> int:
        """The usual length of all the steps (0 when there are none)."""
        return sum(step.minutes for step in self.steps)


def _in_lang(texts: dict[str, str], lang: str) -> str | None:
    """The text in `lang` (fr, fr-CA or en), falling back to French, then English."""
    return (
        texts.get(lang)
        or texts.get(lang.split("-")[0])
        or texts.get("fr")
        or texts.get("en")
        or None
    )


def normalize(text: str) -> str:
    """Lowercase, without accents: how people's guesses are compared with ids and labels."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


@dataclass
class Vocabulary:
    """The terms of one vocabulary, by id, in file order."""

    name: str
    terms: dict[str, Term] = field(default_factory=dict)

    def __contains__(self, term_id: object) -> bool:
        return term_id in self.terms

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms.values())

    def __getitem__(self, term_id: str) -> Term:
        return self.terms[term_id]

    def label(self, term_id: str, lang: str = "fr") -> str:
        """The label of an id in `lang`; the id itself when unknown."""
        term = self.terms.get(term_id)
        return term.label(lang) if term else term_id

    def suggest(self, value: str) -> str | None:
        """The id a contributor most likely meant by `value`, or None."""
        wanted = normalize(value).replace(" ", "-")
        ids = list(self.terms)
        by_label: dict[str, str] = {}
        for term in self:
            for label in term.labels.values():
                by_label.setdefault(normalize(label), term.id)
        if normalize(value) in by_label:
            return by_label[normalize(value)]
        for term_id in ids:
            if term_id == wanted or term_id.endswith("-" + wanted):
                return term_id
        close = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.6)
        if close:
            return close[0]
        for label, term_id in by_label.items():
            if label.startswith(normalize(value)) or f"({normalize(value)})" in label:
                return term_id
        close = difflib.get_close_matches(normalize(value), list(by_label), n=1, cutoff=0.75)
        if close:
            return by_label[close[0]]
        close = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.5)
        return close[0] if close else None


class Vocabularies:
    """Every vocabulary of a site, by name."""

    def __init__(self, vocabularies: dict[str, Vocabulary]) -> None:
        self._all = vocabularies

    def __getitem__(self, name: str) -> Vocabulary:
        return self._all[name]

    def __iter__(self) -> Iterator[Vocabulary]:
        return iter(self._all.values())

    def as_json(self) -> dict[str, list[dict[str, Any]]]:
        """Every vocabulary as plain data, for `atelier vocabulary --format json`."""
        return {vocab.name: [_term_json(term) for term in vocab] for vocab in self._all.values()}


def _term_json(term: Term) -> dict[str, Any]:
    data: dict[str, Any] = {"id": term.id, "labels": dict(term.labels)}
    if term.description:
        data["description"] = dict(term.description)
    if term.system:
        data["system"] = term.system
    if term.isced:
        data["isced"] = list(term.isced)
    if term.ages:
        data["ages"] = list(term.ages)
    if term.parents:
        data["parents"] = list(term.parents)
    if term.url:
        data["url"] = term.url
    if term.steps:
        data["steps"] = [
            {"labels": dict(step.labels), "description": dict(step.description),
             "minutes": step.minutes}
            for step in term.steps
        ]  # fmt: skip
    if term.deprecated:
        data["deprecated"] = True
        data["replaced_by"] = term.replaced_by
    return data


def load(
    extra_files: Iterable[Path] = (), *, root: Path | None = None
) -> tuple[Vocabularies, Report]:
    """Load the packaged vocabularies, then each extension file in order."""
    report = Report()
    vocabularies = {name: Vocabulary(name) for name in NAMES}
    package = resources.files("atelier") / "data" / "vocabularies"
    for name in NAMES:
        text = (package / f"{name}.yml").read_text(encoding="utf-8")
        tree = _parse(text, f"atelier/data/vocabularies/{name}.yml", report)
        if isinstance(tree, Seq):
            _merge(vocabularies[name], tree, f"atelier/data/vocabularies/{name}.yml", report)
    for file in extra_files:
        shown = _shown(file, root)
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            report.error(shown, 0, "vocab-unreadable", reason=str(exc))
            continue
        tree = _parse(text, shown, report)
        if tree is None:
            continue
        if not isinstance(tree, Map):
            report.error(shown, tree.line, "vocab-extension-shape", names=", ".join(NAMES))
            continue
        for name, node in tree.items.items():
            if name not in vocabularies:
                report.error(
                    shown, tree.key_lines[name], "vocab-unknown", name=name, names=", ".join(NAMES)
                )
            elif not isinstance(node, Seq):
                report.error(shown, node.line, "vocab-not-list", name=name)
            else:
                _merge(vocabularies[name], node, shown, report)
    _check_references(vocabularies, report)
    return Vocabularies(vocabularies), report


def _shown(file: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return file.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return file.as_posix()


def _parse(text: str, shown: str, report: Report) -> Node | None:
    try:
        return yamlstrict.parse(text)
    except yamlstrict.YamlProblem as problem:
        report.error(shown, problem.line, problem.code, **problem.args_)
        return None


def _merge(vocab: Vocabulary, entries: Seq, shown: str, report: Report) -> None:
    """Add or override the entries of one vocabulary list."""
    for node in entries.items:
        if not isinstance(node, Map) or not isinstance(node.items.get("id"), Scalar):
            report.error(shown, node.line, "vocab-entry-shape")
            continue
        data = yamlstrict.to_python(node)
        allowed = _TERM_KEYS if vocab.name in _STEP_VOCABULARIES else _TERM_KEYS - {"steps"}
        unknown = set(data) - allowed
        if unknown:
            report.error(
                shown,
                node.line,
                "vocab-entry-keys",
                keys=", ".join(sorted(unknown)),
                allowed=", ".join(sorted(allowed)),
            )
            continue
        try:
            term = _term(data, vocab.terms.get(data["id"]))
        except (TypeError, ValueError) as exc:
            report.error(shown, node.line, "vocab-entry-value", id=data["id"], reason=str(exc))
            continue
        vocab.terms[term.id] = term


def _term(data: dict[str, Any], previous: Term | None) -> Term:
    labels = dict(previous.labels) if previous else {}
    labels.update(_str_map(data.get("labels", {}), "labels"))
    if not labels:
        raise ValueError("labels: {fr: …, en: …} is required")
    description = dict(previous.description) if previous else {}
    description.update(_str_map(data.get("description", {}), "description"))
    ages = data.get("ages", list(previous.ages) if previous and previous.ages else None)
    if ages is not None and (len(ages) != 2 or not all(str(a).isdigit() for a in ages)):
        raise ValueError("ages must be [min, max]")
    isced = data.get("isced", list(previous.isced) if previous else [])
    return Term(
        id=data["id"],
        labels=labels,
        description=description,
        deprecated=str(data.get("deprecated", previous.deprecated if previous else False)).lower()
        in ("true", "yes"),
        replaced_by=data.get("replaced_by", previous.replaced_by if previous else None),
        system=data.get("system", previous.system if previous else None),
        isced=tuple(int(x) for x in isced),
        ages=(int(ages[0]), int(ages[1])) if ages else None,
        parents=tuple(data.get("parents", previous.parents if previous else ())),
        url=data.get("url", previous.url if previous else None),
        steps=_steps(data["steps"]) if "steps" in data else previous.steps if previous else (),
    )


def _steps(value: Any) -> tuple[Step, ...]:
    """The steps of a protocol: a list of {labels, description, minutes}, replaced as a whole."""
    if not isinstance(value, list) or not value:
        raise ValueError("steps must be a list of {labels: …, description: …, minutes: …}")
    steps = []
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict) or set(item) - _STEP_KEYS:
            raise ValueError(f"step {number}: the keys are labels, description and minutes")
        labels = _str_map(item.get("labels", {}), f"step {number}: labels")
        if not labels:
            raise ValueError(f"step {number}: labels: {{fr: …, en: …}} is required")
        minutes = str(item.get("minutes", ""))
        if not minutes.isdigit() or not 0 < int(minutes) <= 1000:
            raise ValueError(f"step {number}: minutes must be a whole number from 1 to 1000")
        description = _str_map(item.get("description", {}), f"step {number}: description")
        steps.append(Step(labels, description, int(minutes)))
    return tuple(steps)


def _str_map(value: Any, name: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ValueError(f"{name} must map a language (fr, fr-CA, en) to a text")
    return value


def _check_references(vocabularies: dict[str, Vocabulary], report: Report) -> None:
    for vocab in vocabularies.values():
        for term in vocab:
            refs = [*term.parents, *([term.replaced_by] if term.replaced_by else [])]
            for ref in refs:
                if ref not in vocab:
                    report.error(vocab.name, 0, "vocab-bad-reference", id=term.id, ref=ref)
