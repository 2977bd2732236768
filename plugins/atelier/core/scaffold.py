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


# A projet (`outcome: not-yet-tried`): written before trying, to ask a workshop for advice.
_PROJET_GUIDE = {
    "fr": [
        ("Contexte", "La classe, le niveau, le moment de l'année : sans nom ni code de classe."),
        ("Ce que je veux essayer", "Le déroulé prévu, les consignes, le matériel, la durée."),
        ("Ce que je crains", "Ce qui pourrait coincer, et pourquoi vous le pensez."),
        ("Mes questions pour la communauté", "Sur quoi vous aimeriez l'avis du groupe."),
    ],
    "en": [
        ("Context", "The class, the level, the time of year: no names, no class codes."),
        ("What I want to try", "The plan, the instructions, the materials, the timing."),
        ("What I am worried about", "What could get stuck, and why you think so."),
        ("My questions for the community", "What you would like the group's advice on."),
    ],
}
_WORKSHOP_GUIDE = {
    "fr": ("Préparation", "Ce que les participants lisent ou apportent. Après la séance, "
           "remplacez ce texte par le retour : une section « ## » par fiche discutée, dont le "
           "titre est un lien [titre](id:fiche)."),
    "en": ("Preparation", "What participants read or bring. After the session, replace this "
           "with the report: one '##' section per sheet discussed, its heading a link "
           "[title](id:sheet)."),
}  # fmt: skip


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
    worries: tuple[str, ...] = ()  # a projet: what the author fears, before trying

    @property
    def is_projet(self) -> bool:
        """Written before trying (`outcome: not-yet-tried`)."""
        return bool(self.worries) and not self.what_went_wrong


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
    points = answers.what_went_wrong or answers.worries
    summary = answers.summary or points[0]
    lines = [
        "---",
        f"title: {_quoted(answers.title)}",
        f"summary: {_quoted(summary)}",
        f"subject: {_list(answers.subjects)}",
        f"level: {_list(answers.levels)}",
        f"authors: {_list(answers.authors)}",
        f"date: {answers.date.isoformat()}",
    ]
    if answers.is_projet:
        lines += ["outcome: not-yet-tried", "worries:"]
        lines += [f"  - {_quoted(point)}" for point in answers.worries]
    else:
        lines.append("what_went_wrong:")
        lines += [f"  - {_quoted(point)}" for point in answers.what_went_wrong]
    if answers.communities:
        lines.append(f"community: {_list(answers.communities)}")
    lines += [f"lang: {answers.lang}", "status: draft", "---", ""]
    guides = _PROJET_GUIDE if answers.is_projet else _GUIDE
    for heading, guide in guides[answers.lang]:
        lines += [f"## {heading}", "", f"<!-- {guide} -->", ""]
    return "\n".join(lines)


@dataclass(frozen=True)
class WorkshopAnswers:
    """What `atelier new --workshop` asks for. `start` and `end` are aware datetimes."""

    title: str
    community: str
    start: dt.datetime
    end: dt.datetime
    timezone: str | None = None
    protocol: str | None = None
    sheets: tuple[str, ...] = ()
    place: str | None = None
    online: str | None = None
    facilitators: tuple[str, ...] = ()
    summary: str = ""
    lang: str = "fr"


def workshop_id(answers: WorkshopAnswers) -> str:
    """The id (file name) of a new workshop: its local date, then a slug of its title."""
    slug = slugify(answers.title) or "atelier"
    if len(slug) > MAX_ID - 11:
        slug = slug[: MAX_ID - 11].rsplit("-", 1)[0]
    return f"{answers.start.date().isoformat()}-{slug}"


def render_workshop(answers: WorkshopAnswers) -> str:
    """The complete text of a new (planned) workshop."""
    lines = ["---", f"title: {_quoted(answers.title)}"]
    if answers.summary:
        lines.append(f"summary: {_quoted(answers.summary)}")
    lines += [
        f"community: {answers.community}",
        f"start: {answers.start.isoformat()}",
        f"end: {answers.end.isoformat()}",
    ]
    if answers.timezone:
        lines.append(f"timezone: {answers.timezone}")
    if answers.place:
        lines.append(f"place: {_quoted(answers.place)}")
    if answers.online:
        lines.append(f"online: {_quoted(answers.online)}")
    if answers.facilitators:
        lines.append(f"facilitators: {_list(answers.facilitators)}")
    if answers.protocol:
        lines.append(f"protocol: {answers.protocol}")
    if answers.sheets:
        lines.append("sheets:")
        lines += [f"  - {sheet}" for sheet in answers.sheets]
    heading, guide = _WORKSHOP_GUIDE[answers.lang]
    lines += ["status: planned", f"lang: {answers.lang}", "---", "", f"## {heading}", "",
              f"<!-- {guide} -->", ""]  # fmt: skip
    return "\n".join(lines)
