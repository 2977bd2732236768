"""Turn an issue opened with the « Proposer une pratique » form into a practice sheet.

Teachers who do not use git fill in an issue form; GitHub stores the answer as Markdown: one
``### <label>`` heading per field, in the form's order, then the answer; ``_No response_`` for
an empty optional field; ``- [X] …`` or ``- [ ] …`` for each checkbox.

The labels below are the only copy of the form's labels: the form
(`.github/ISSUE_TEMPLATE/proposer-une-pratique.yml`) uses exactly these texts, and a unit test
compares the two, so that they cannot drift apart.

Nothing is invented. A subject or a level that matches no id is kept in a note and replaced by
a placeholder id that `atelier check` rejects (« discipline-a-preciser », « niveau-a-preciser »);
a missing text becomes « À compléter » and a missing date « AAAA-MM-JJ », which it rejects too.
Every guess is listed in `ImportedSheet.notes`, for the maintainer who opens the pull request.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

from atelier.core import document
from atelier.core.reader import _FORBIDDEN
from atelier.core.schema import RESERVED_TAGS, SECTIONS, SLUG
from atelier.core.vocabulary import Term, Vocabularies, Vocabulary, normalize

# Where the form lives, relative to the repository root.
FORM_PATH = PurePosixPath(".github/ISSUE_TEMPLATE/proposer-une-pratique.yml")

MAX_ID = 60
TODO = "À compléter"  # a placeholder that `atelier check` rejects in every text field
DATE_TODO = "AAAA-MM-JJ"
SUBJECT_TODO = "discipline-a-preciser"
LEVEL_TODO = "niveau-a-preciser"
NO_RESPONSE = "_No response_"


@dataclass(frozen=True)
class FormField:
    """One field of the issue form: its stable id, its label (the heading GitHub writes)."""

    id: str
    label: str
    kind: str  # input, textarea or checkboxes (the form's `type`)
    required: bool = True


TITLE = FormField("titre", "Titre de la fiche", "input")
SUMMARY = FormField("resume", "Résumé", "textarea")
SUBJECT = FormField("discipline", "Discipline", "input")
LEVEL = FormField("niveau", "Niveau", "input")
AUTHORS = FormField("auteurs", "Auteurs ou autrices", "input")
DATE = FormField("date", "Date de la séance", "input")
WRONG = FormField("ce_qui_na_pas_marche", "Ce qui n'a pas marché", "textarea")
CONTEXT = FormField("contexte", "Contexte", "textarea")
INTENT = FormField("ce_que_je_voulais_faire", "Ce que je voulais faire", "textarea")
DONE = FormField("ce_que_jai_fait", "Ce que j'ai fait", "textarea")
WORKED = FormField("ce_qui_a_marche", "Ce qui a marché", "textarea")
WHY = FormField("pourquoi", "Pourquoi, à mon avis", "textarea")
NEXT = FormField("autrement", "Ce que je referais autrement", "textarea")
QUESTIONS = FormField("questions", "Mes doutes, mes questions", "textarea", required=False)
COMMUNITY = FormField("communaute", "Communauté de pratique", "input", required=False)
TAGS = FormField("mots_cles", "Mots-clés", "input", required=False)
PLEDGES = FormField("engagements", "Avant d'envoyer", "checkboxes")

# In the form's order.
FIELDS = (
    TITLE, SUMMARY, SUBJECT, LEVEL, AUTHORS, DATE, WRONG, CONTEXT, INTENT, DONE, WORKED, WHY,
    NEXT, QUESTIONS, COMMUNITY, TAGS, PLEDGES,
)  # fmt: skip

# The options of the PLEDGES checkboxes, each required in the form.
PRIVACY_PLEDGE = (
    "Aucun élève, parent ou collègue n'est identifiable : ni nom, ni initiales, ni code de "
    "classe, ni nom d'établissement, ni diagnostic rattaché à une personne"
)
LICENSE_PLEDGE = (
    "J'accepte que cette fiche soit publiée sous licence CC BY-SA 4.0, et j'ai le droit de "
    "partager tout ce qu'elle contient"
)
CHARTER_PLEDGE = (
    "J'ai lu la charte : je décris des situations, pas des personnes, sans jugement"
)  # fmt: skip
PLEDGE_OPTIONS = (PRIVACY_PLEDGE, LICENSE_PLEDGE, CHARTER_PLEDGE)

# Body sections, in the sheet's order: the form field that fills each one.
_BODY = (
    (CONTEXT, SECTIONS[0]),
    (INTENT, SECTIONS[1]),
    (DONE, SECTIONS[2]),
    (WORKED, SECTIONS[3]),
    (WRONG, SECTIONS[4]),
    (WHY, SECTIONS[5]),
    (NEXT, SECTIONS[6]),
    (QUESTIONS, SECTIONS[7]),
)
_LIST_FIELDS = (WRONG, NEXT)  # one point per line: a list in the front matter and the body

_BULLET = re.compile(r"^\s*(?:[-*+•–—]|\d{1,3}[.)])\s+")
# Checkboxes are read as GitHub shows them: task-list items of the Markdown answer.
_TASKS = MarkdownIt("commonmark").use(tasklists_plugin)
_MEDIA = re.compile(r"!\[|<img\b|user-attachments/|githubusercontent\.com/", re.IGNORECASE)
_MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}  # fmt: skip
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


@dataclass(frozen=True)
class ImportedSheet:
    """A sheet written from an issue, and what the maintainer must check before merging it."""

    id: str  # a slug made from the title: lowercase ASCII and hyphens, at most 60 characters
    text: str  # the whole Markdown file: front matter, then the body
    notes: list[str]  # in French: guesses, placeholders, missing fields, unticked boxes


def read_fields(body: str) -> dict[str, str]:
    """The answer to each form field found in an issue body, by field id ('' when empty).

    A heading starts a field only when it is one of the form's labels not seen yet, so that a
    ``###`` line typed inside an answer stays in that answer; the body is read as Markdown
    (as GitHub shows it), so a ``###`` line in a code block is never a heading.
    """
    by_label = {_label_key(f.label): f for f in FIELDS}
    text = _newlines(body)
    lines = text.split("\n")
    starts: list[tuple[int, str]] = []  # (0-based line of the heading, field id)
    for heading in document.parse(text).headings:
        found = by_label.get(_label_key(heading.text)) if heading.level == 3 else None
        if found is None or any(field_id == found.id for _, field_id in starts):
            continue
        if lines[heading.line - 1].startswith("###"):  # GitHub writes them so, not nested
            starts.append((heading.line - 1, found.id))
    answers: dict[str, list[str]] = {}
    for index, (start, field_id) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
        answers[field_id] = lines[start + 1 : end]
    values: dict[str, str] = {}
    for field_id, lines in answers.items():
        value = "\n".join(lines).strip("\n").rstrip()
        values[field_id] = "" if value.strip() == NO_RESPONSE else value
    return values


def parse_issue(
    body: str,
    vocabularies: Vocabularies,
    *,
    today: dt.date,
    communities: Mapping[str, str] | None = None,
) -> ImportedSheet:
    """Write the sheet told in an issue `body` (the Markdown GitHub stores for a form).

    `communities` maps the id of each community of the site to its name; when it is given, a
    community written by its name is found, and an unknown one is left out with a note.
    """
    notes: list[str] = []
    raw = read_fields(body)
    if not raw:
        notes.append(
            "Aucun champ du formulaire « Proposer une pratique » n'a été trouvé dans l'issue : "
            "la fiche est entièrement à compléter."
        )
    values = {f.id: _clean(raw.get(f.id, ""), f, notes) for f in FIELDS}
    for field in FIELDS:
        if field.required and field.kind != "checkboxes" and not values[field.id].strip():
            notes.append(f"Champ « {field.label} » vide ou absent.")

    title = _one_line(values[TITLE.id]) or TODO
    summary = _one_line(values[SUMMARY.id]) or TODO
    _limit(TITLE, title, 120, notes)
    _limit(SUMMARY, summary, 300, notes)
    subjects = _ids(values[SUBJECT.id], vocabularies["subjects"], SUBJECT, SUBJECT_TODO, notes)
    levels = _ids(values[LEVEL.id], vocabularies["levels"], LEVEL, LEVEL_TODO, notes)
    authors = [_one_line(a) for a in re.split(r"[,;\n]", values[AUTHORS.id])]
    authors = [a for a in authors if a] or [TODO]
    for author in authors:
        _limit(AUTHORS, author, 120, notes)
    date = _date(values[DATE.id], today, notes)
    wrong = _points(values[WRONG.id]) or [TODO]
    next_time = _points(values[NEXT.id])
    for field, points in ((WRONG, wrong), (NEXT, next_time)):
        for point in points:
            _limit(field, point, 400, notes)
    community = _community(values[COMMUNITY.id], communities, notes)
    tags = _tags(values[TAGS.id], notes)
    _pledges(raw.get(PLEDGES.id), notes)
    if any(_MEDIA.search(values[f.id]) for f in FIELDS):
        notes.append(
            "L'issue contient des images ou des pièces jointes : vérifiez que personne n'y est "
            "identifiable et que l'auteur a le droit de les partager, puis copiez-les dans le "
            "dépôt ou retirez-les (elles restent hébergées par GitHub)."
        )

    front = [
        "---",
        f"title: {quote(title)}",
        f"summary: {quote(summary)}",
        f"subject: {_yaml_ids(subjects)}",
        f"level: {_yaml_ids(levels)}",
        f"authors: {_yaml_list(authors)}",
        f"date: {date}",
        "what_went_wrong:",
        *(f"  - {quote(point)}" for point in wrong),
    ]
    if community:
        front.append(f"community: {quote(community)}")
    if tags:
        front.append(f"tags: {_yaml_list(tags)}")
    if next_time:
        front.append("next_time:")
        front.extend(f"  - {quote(point)}" for point in next_time)
    front.append("---")

    sections: list[str] = []
    for field, section in _BODY:
        if field in _LIST_FIELDS:
            points = wrong if field is WRONG else next_time
            text = "\n".join(f"- {point}" for point in points if point != TODO)
        else:
            text = _demote_headings(values[field.id], field, notes)
        if text.strip():
            sections.append(f"## {section.fr}\n\n{text.strip()}\n")
    if not sections:
        sections.append(f"## {SECTIONS[0].fr}\n\n{TODO}\n")
    text = "\n".join(front) + "\n\n" + "\n".join(sections)
    return ImportedSheet(id=sheet_id(title, notes), text=text, notes=notes)


def sheet_id(title: str, notes: list[str] | None = None) -> str:
    """The file stem for a title: a lowercase ASCII slug of at most 60 characters."""
    slug = _slug(title) if title != TODO else ""
    if len(slug) > MAX_ID:
        cut = slug[:MAX_ID]
        slug = cut.rsplit("-", 1)[0] if slug[MAX_ID] != "-" and "-" in cut else cut
        slug = slug.strip("-")
    if not slug:
        slug = "fiche-sans-titre"
        if notes is not None:
            notes.append(f"Aucun identifiant tiré du titre : la fiche s'appelle « {slug} ».")
    return slug


def quote(value: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `value`, on one line."""
    out = ['"']
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\t":
            out.append("\\t")
        elif char == "\n":
            out.append("\\n")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


# -- reading the answers ----------------------------------------------------------------------


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _label_key(label: str) -> str:
    return " ".join(unicodedata.normalize("NFC", label.replace("’", "'")).split()).casefold()


def _clean(value: str, field: FormField, notes: list[str]) -> str:
    """NFC text without the invisible and control characters the reader refuses."""
    value = unicodedata.normalize("NFC", value)
    cleaned = _FORBIDDEN.sub("", value)
    cleaned = "".join(c for c in cleaned if unicodedata.category(c) not in ("Cs", "Co", "Cn"))
    if cleaned != value:
        notes.append(
            f"Champ « {field.label} » : caractères invisibles ou de contrôle retirés "
            "(copier-coller depuis un traitement de texte ?)."
        )
    return cleaned


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _limit(field: FormField, value: str, limit: int, notes: list[str]) -> None:
    if len(value) > limit:
        notes.append(
            f"Champ « {field.label} » : {len(value)} caractères pour {limit} au plus "
            f"(« {_excerpt(value)} ») : à raccourcir avec l'auteur."
        )


def _excerpt(value: str, length: int = 60) -> str:
    return value if len(value) <= length else value[: length - 1].rstrip() + "…"


def _points(text: str) -> list[str]:
    """One point per non-empty line, without a leading bullet or number."""
    points = [_one_line(_BULLET.sub("", line, count=1)) for line in text.split("\n")]
    return [p for p in points if p]


def _demote_headings(text: str, field: FormField, notes: list[str]) -> str:
    """Headings of level 1 or 2 inside an answer would end its section: make them level 3.

    Only `#` headings at the start of a line are rewritten (not in code, not in a quote).
    """
    lines = text.split("\n")
    demoted = list(lines)
    for heading in document.parse(text).headings:
        line = lines[heading.line - 1]
        written = line.lstrip(" \t")
        if heading.level <= 2 and len(line) - len(written) <= 3 and written.startswith("#"):
            demoted[heading.line - 1] = "###" + written[heading.level :]
    if demoted != lines:
        notes.append(f"Champ « {field.label} » : titres ramenés au niveau ###.")
    return "\n".join(demoted)


# -- subjects and levels ----------------------------------------------------------------------


def _ids(
    text: str, vocab: Vocabulary, field: FormField, placeholder: str, notes: list[str]
) -> list[str]:
    """The ids a free text names; the placeholder for each part that names none."""
    whole = _one_line(text)
    if not whole:
        notes.append(f"« {field.label} » : « {placeholder} » à remplacer par un identifiant.")
        return [placeholder]
    parts = [whole]
    if _match(vocab, whole) is None:
        pieces = [_one_line(p) for p in re.split(r"[,;/\n]| et | and ", text)]
        parts = [p for p in pieces if p] or [whole]
    ids: list[str] = []
    for part in parts:
        term_id = _resolve(part, vocab, field, placeholder, notes)
        if term_id not in ids:
            ids.append(term_id)
    return ids


def _resolve(
    value: str, vocab: Vocabulary, field: FormField, placeholder: str, notes: list[str]
) -> str:
    matched = _match(vocab, value)
    guess = False
    if matched is None:
        suggested = vocab.suggest(value)
        if suggested is not None and _plausible(value, vocab[suggested]):
            matched, guess = vocab[suggested], True
    if matched is None:
        notes.append(
            f"« {field.label} » : « {value} » ne correspond à aucun identifiant connu ; "
            f"remplacez « {placeholder} » (la liste : atelier vocabulary)."
        )
        return placeholder
    term = matched
    if term.deprecated and term.replaced_by and term.replaced_by in vocab:
        notes.append(
            f"« {field.label} » : « {term.id} » est obsolète, remplacé par « {term.replaced_by} »."
        )
        term = vocab[term.replaced_by]
    if guess:
        notes.append(
            f"« {field.label} » : « {value} » rapproché de « {term.id} » ({term.label('fr')}) : "
            "à vérifier."
        )
    elif value != term.id:
        notes.append(f"« {field.label} » : « {value} » → « {term.id} » ({term.label('fr')}).")
    return term.id


def _match(vocab: Vocabulary, value: str) -> Term | None:
    """The one term `value` names for sure: its id, a label, an id ending or an abbreviation."""
    if value in vocab:
        return vocab[value]
    norm = normalize(value)
    wanted = re.sub(r"[^a-z0-9]+", "-", norm).strip("-")
    if not wanted:
        return None
    tiers: list[list[Term]] = [[], [], []]
    for term in vocab:
        labels = [normalize(label) for label in term.labels.values()]
        if norm in labels or term.id == wanted:
            tiers[0].append(term)
        if term.id.endswith("-" + wanted):  # « 4e » → fr-4e, « sec 2 » → qc-sec-2
            tiers[1].append(term)
        abbreviations = {
            part.strip()
            for label in labels
            for group in re.findall(r"\(([^)]*)\)", label)
            for part in re.split(r"[,;]", group)
        }
        if norm in abbreviations:  # « SVT », « EPS », « NSI », « cégep »
            tiers[2].append(term)
    for tier in tiers:
        if len(tier) == 1:
            return tier[0]
        if tier:
            return None  # ambiguous: « 2 » ends qc-primaire-2 and qc-sec-2
    return None


def _plausible(value: str, term: Term) -> bool:
    """Whether a fuzzy suggestion shares a word start and every number with `value`."""
    norm = normalize(value)
    names = [term.id, term.id.split("-", 1)[-1], *(normalize(t) for t in term.labels.values())]
    if not any(_shared_start(norm, name) >= 4 for name in names):
        return False
    numbers = re.findall(r"\d+", norm)
    return all(any(n in re.findall(r"\d+", name) for name in names) for n in numbers)


def _shared_start(a: str, b: str) -> int:
    """How many first characters `a` and `b` have in common."""
    pairs = zip(a, b, strict=False)
    return next((i for i, (x, y) in enumerate(pairs) if x != y), min(len(a), len(b)))


def _yaml_ids(values: list[str]) -> str:
    """One id as a scalar, several as a flow list."""
    return quote(values[0]) if len(values) == 1 else _yaml_list(values)


def _yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(quote(v) for v in values) + "]"


# -- other fields ----------------------------------------------------------------------------


def _date(text: str, today: dt.date, notes: list[str]) -> str:
    """The date as written in the front matter: an ISO date, or a quoted placeholder."""
    value = _one_line(text)
    if not value:
        notes.append(f"« {DATE.label} » : remplacez « {DATE_TODO} » par la date de la séance.")
        return quote(DATE_TODO)
    norm = normalize(value).replace("1er", "1")
    day: dt.date | None = None
    how = ""
    try:
        if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", norm):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", norm):
            day, how = dt.date(int(m[3]), int(m[2]), int(m[1])), "JJ/MM/AAAA"
        elif (m := re.fullmatch(r"(\d{1,2}) ([a-z]+) (\d{4})", norm)) and m[2] in _MONTHS:
            day, how = dt.date(int(m[3]), _MONTHS[m[2]], int(m[1])), "jour mois année"
    except ValueError:
        day = None
    if day is None:
        notes.append(
            f"« {DATE.label} » : « {value} » n'est pas une date lisible ; "
            f"remplacez « {DATE_TODO} » (format AAAA-MM-JJ)."
        )
        return quote(DATE_TODO)
    if how:
        notes.append(f"« {DATE.label} » : « {value} » lu comme {day.isoformat()} ({how}).")
    if day > today:
        notes.append(f"« {DATE.label} » : {day.isoformat()} est dans le futur.")
    return day.isoformat()


def _community(text: str, communities: Mapping[str, str] | None, notes: list[str]) -> str:
    value = _one_line(text)
    if not value:
        return ""
    if communities is not None:
        if value in communities:
            return value
        by_name = {normalize(name): cid for cid, name in communities.items()}
        if normalize(value) in by_name:
            found = by_name[normalize(value)]
            notes.append(f"« {COMMUNITY.label} » : « {value} » → « {found} ».")
            return found
        notes.append(
            f"« {COMMUNITY.label} » : « {value} » n'est pas une communauté de communities/ : "
            "non reprise dans la fiche."
        )
        return ""
    if SLUG.match(value):
        notes.append(f"« {COMMUNITY.label} » : vérifiez que « {value} » existe dans communities/.")
        return value
    notes.append(
        f"« {COMMUNITY.label} » : « {value} » n'est pas un identifiant : non reprise dans la fiche."
    )
    return ""


def _tags(text: str, notes: list[str]) -> list[str]:
    tags: list[str] = []
    for raw in re.split(r"[,;\n]", text):
        raw = _one_line(raw).lstrip("#").strip()
        tag = _slug(raw)
        if not tag:
            continue
        if tag in RESERVED_TAGS:
            notes.append(f"« {TAGS.label} » : « {raw} » est réservé par le site, non repris.")
            continue
        if tag != raw.casefold():
            notes.append(f"« {TAGS.label} » : « {raw} » → « {tag} ».")
        if tag not in tags:
            tags.append(tag)
    return tags


def _slug(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES).casefold())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _pledges(answer: str | None, notes: list[str]) -> None:
    if answer is None:
        notes.append(f"Les cases « {PLEDGES.label} » sont absentes de l'issue : à faire confirmer.")
        return
    ticked = _checkboxes(answer)
    for option in PLEDGE_OPTIONS:
        state = ticked.get(_label_key(option))
        if state is None:
            notes.append(f"Case absente, à faire confirmer : « {option} ».")
        elif not state:
            notes.append(f"Case non cochée, à faire confirmer : « {option} ».")


def _checkboxes(answer: str) -> dict[str, bool]:
    """Whether each checkbox of an answer is ticked, by label (see `_label_key`).

    A checkbox is a task-list item (``- [X] label``, ``[x]`` or ``[ ]``) as GitHub renders
    one: a ``[x]`` line inside a code block or a quote is not a checkbox.
    """
    tokens = _TASKS.parse(_newlines(answer))
    ticked: dict[str, bool] = {}
    quotes = 0
    for index, token in enumerate(tokens):
        if token.type in ("blockquote_open", "blockquote_close"):
            quotes += 1 if token.nesting > 0 else -1
        is_task = token.type == "list_item_open" and "task-list-item" in str(token.attrGet("class"))
        if not is_task or quotes:
            continue
        inline = tokens[index + 2]  # list_item_open, paragraph_open, inline (the plugin's shape)
        box = inline.children[0] if inline.children else None
        if box is not None and box.type == "html_inline":
            ticked[_label_key(inline.content)] = 'checked="checked"' in box.content
    return ticked
