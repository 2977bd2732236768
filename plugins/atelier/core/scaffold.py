"""A new sheet's text, from a few answers: the front matter (strictly quoted) and the
recommended sections with a short prompt under each (HTML comments, never published)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from atelier.core.schema import slugify

MAX_ID = 60

_GUIDE = {
    "fr": [
        ("Contexte", "La classe, le niveau, le moment de l'année : sans nom ni code de classe."),
        ("Ce que je voulais faire", "L'objectif, ce que vous espériez voir chez les élèves."),
        ("Ce que j'ai fait", "Le déroulé, les consignes, le matériel, la durée."),
        ("Ce qui a marché", "Même un petit progrès compte."),
        (
            "Ce qui n'a pas marché",
            "Le cœur de la fiche : ce qui a coincé, et comment vous l'avez vu.",
        ),
        ("Pourquoi, à mon avis", "Vos hypothèses, sans jugement sur les élèves ni les collègues."),
        ("Ce que je referais autrement", "Ce que vous changeriez la prochaine fois."),
        (
            "Mes doutes, mes questions",
            "Ce que vous aimeriez demander à la communauté (facultatif).",
        ),
    ],
    "en": [
        ("Context", "The class, the level, the time of year: no names, no class codes."),
        ("What I intended", "The aim, what you hoped to see in the students."),
        ("What I did", "How it went, the instructions, the materials, the timing."),
        ("What worked", "Even a small step counts."),
        ("What went wrong", "The heart of the sheet: what got stuck, and how you noticed."),
        ("Why I think it happened", "Your hypotheses, without judging students or colleagues."),
        ("What I would do differently", "What you would change next time."),
        ("Open questions for the community", "What you would like to ask (optional)."),
    ],
}


@dataclass(frozen=True)
class Answers:
    """What `atelier new` asks for."""

    title: str
    subjects: tuple[str, ...]
    levels: tuple[str, ...]
    authors: tuple[str, ...]
    what_went_wrong: tuple[str, ...]
    summary: str = ""
    communities: tuple[str, ...] = ()
    lang: str = "fr"
    date: dt.date = field(default_factory=dt.date.today)


def sheet_id(title: str) -> str:
    """The id (file name) proposed for a title: a lowercase ASCII slug, cut at a word."""
    slug = slugify(title) or "fiche"
    if len(slug) > MAX_ID:
        slug = slug[:MAX_ID].rsplit("-", 1)[0]
    return slug


def _quoted(value: str) -> str:
    # JSON strings are valid YAML double-quoted strings: accents stay readable.
    return json.dumps(" ".join(value.split()), ensure_ascii=False)


def _list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(_quoted(v) for v in values) + "]"


def render(answers: Answers) -> str:
    """The complete text of a new sheet."""
    # Until the author writes one, the summary is the first thing that went wrong: real text,
    # never a placeholder that the checker would reject.
    summary = answers.summary or answers.what_went_wrong[0]
    lines = [
        "---",
        f"title: {_quoted(answers.title)}",
        f"summary: {_quoted(summary)}",
        f"subject: {_list(answers.subjects)}",
        f"level: {_list(answers.levels)}",
        f"authors: {_list(answers.authors)}",
        f"date: {answers.date.isoformat()}",
        "what_went_wrong:",
        *(f"  - {_quoted(point)}" for point in answers.what_went_wrong),
    ]
    if answers.communities:
        lines.append(f"community: {_list(answers.communities)}")
    lines += [f"lang: {answers.lang}", "status: draft", "---", ""]
    for heading, guide in _GUIDE[answers.lang]:
        lines += [f"## {heading}", "", f"<!-- {guide} -->", ""]
    return "\n".join(lines)
