"""Workshops in the knowledge base: their references checked, their retours read.

A workshop (workshops/*.md, read by `schema.read_workshop`) is a session of a community where
teachers discuss sheets, often *projets* (sheets not tried yet, `outcome: not-yet-tried`).

The retour — what came out of a held workshop — is its body, by this convention:

- After the session (`status: held`), the body tells what the group proposed, one `##` section
  per discussed sheet. A section reports on the sheet its **heading links to by id**:
  `## [Situation-problème en 1re secondaire](id:situation-probleme-fractions-1re-secondaire)`;
  when the heading has no `id:` link, on the sheet of the **first `id:` link of the section's
  first paragraph** (`## La fiche de Mélanie`, then `Fiche : [Situation-problème…](id:…)`).
  Other links in the section are mere references; a section that names no sheet (« Déroulé »,
  « Ce que le groupe retient ») is free text.
- A section reporting on a sheet that is not in the workshop's `sheets` is an error (whatever
  the status); a held workshop without a section for one of its `sheets` is a warning, on that
  sheet's line of the front matter; a second section for the same sheet is a warning (the first
  one counts). A held workshop with an empty body is a warning.
- A planned workshop's body is free: empty (the front matter is the agenda) or a
  « ## Préparation » telling participants what to read or bring. A cancelled one may say why.
- Every `id:` link of the body names a known sheet, and a published one (the page is public).

`check` reports all this and fills `kb.discussions`: for each sheet, the held workshops whose
retour has a section about it, oldest first (`KnowledgeBase.discussed_in`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from atelier.core.aliases import link_suggestion
from atelier.core.diagnostics import Report
from atelier.core.document import Document, Section
from atelier.core.messages import VOCAB_NOUNS
from atelier.core.model import Workshop

if TYPE_CHECKING:
    from atelier.core.knowledge import KnowledgeBase

_ID_LINK = re.compile(r"^id:", re.IGNORECASE)


@dataclass(frozen=True)
class Retour:
    """A section of a workshop's body that reports on one sheet."""

    sheet: str  # the sheet's id
    section: Section
    line: int  # the line of the link that names the sheet


def retours(workshop: Workshop, aliases: Mapping[str, str] | None = None) -> list[Retour]:
    """The sections of a workshop's body that report on a sheet, in body order.

    A sheet may come twice (`check` warns about it); whether the sheet exists is not checked.
    A sheet named by an old id (a key of `aliases`, `core/aliases.py`) is given its current id.
    """
    document = workshop.document
    found: list[Retour] = []
    for section in document.sections:
        if section.title is None:  # the text before the first `##`
            continue
        heading_end, paragraph_end = _zones(document, section)
        named = _first_id_link(document, section.line, heading_end)
        if named is None and paragraph_end > heading_end:
            named = _first_id_link(document, heading_end + 1, paragraph_end)
        if named is not None:
            sheet_id = (aliases or {}).get(named[0], named[0])
            found.append(Retour(sheet_id, section, named[1]))
    return found


def _zones(document: Document, section: Section) -> tuple[int, int]:
    """The last line of a section's heading, and of its first paragraph (= heading if none)."""
    heading_end = section.line
    runs = iter(document.runs)
    for run in runs:
        if run.kind == "heading" and run.line == section.line:
            heading_end = run.line + run.text.count("\n")
            break
    for run in runs:
        if run.line > section.end_line:
            break
        if run.line > heading_end:
            if run.kind == "heading":
                break
            return heading_end, run.line + run.text.count("\n")
    return heading_end, heading_end


def _first_id_link(document: Document, first: int, last: int) -> tuple[str, int] | None:
    """The sheet id and line of the first `id:` link between two lines (inclusive)."""
    for link in document.links:
        if link.kind == "link" and first <= link.line <= last:
            sheet_id = _link_id(link.target)
            if sheet_id is not None:
                return sheet_id, link.line
    return None


def _link_id(target: str) -> str | None:
    """The sheet id of an `id:` link (without its #anchor), else None."""
    if not _ID_LINK.match(target):
        return None
    return target[3:].partition("#")[0]


def _id_links(document: Document) -> Iterator[tuple[str, int, str]]:
    """Every `id:` link of a body (links and reference definitions): id, line, as written."""
    written = [link for link in document.links if link.kind == "link" and not link.reference]
    for link in (*written, *document.definitions):  # a reference link: its definition
        sheet_id = _link_id(link.target)
        if sheet_id is not None:
            yield sheet_id, link.line, link.target


def check(kb: KnowledgeBase, report: Report) -> None:
    """Check every workshop against the sheets and communities; index the retours.

    Call it once every sheet and community is loaded. Only held workshops count as having
    discussed a sheet.
    """
    known = kb.sheet_paths
    discussions: dict[str, list[tuple[Workshop, Section]]] = {}
    for workshop in sorted(kb.workshops.values(), key=lambda w: (w.start, w.id)):
        if workshop.community not in kb.communities:
            _unknown(report, workshop, "community", workshop.community, kb.communities)
        for sheet_id in workshop.sheets:
            line = workshop.lines.get(f"sheets.{sheet_id}", workshop.lines.get("sheets", 1))
            if sheet_id not in known:
                _unknown(report, workshop, "sheets", sheet_id, known, line)
            elif sheet_id in kb.sheets and kb.sheets[sheet_id].is_draft:
                report.error(workshop.path, line, "related-draft", "sheets", value=sheet_id)
        for sheet_id, line, written in _id_links(workshop.document):
            if sheet_id not in known and sheet_id in kb.aliases:  # a renamed sheet: it works
                current = kb.aliases[sheet_id]
                suggestion = link_suggestion(written, current)
                report.warning(
                    workshop.path, line, "alias-used",
                    value=written, target=current, suggestion=suggestion,
                )  # fmt: skip
                sheet_id = current
            if sheet_id not in known:
                _unknown_link(report, workshop, line, written, sheet_id, known)
            elif sheet_id in kb.sheets and kb.sheets[sheet_id].is_draft:
                report.error(workshop.path, line, "related-draft", value=sheet_id)
        published = {s for s in workshop.sheets if s in kb.sheets and not kb.sheets[s].is_draft}
        found = _check_retours(workshop, known, published, report, kb.aliases)
        for sheet_id, section in found.items():
            if workshop.is_held:
                discussions.setdefault(sheet_id, []).append((workshop, section))
    kb.discussions = discussions


def _check_retours(
    workshop: Workshop,
    known: Mapping[str, str],
    published: set[str],
    report: Report,
    aliases: Mapping[str, str] | None = None,
) -> dict[str, Section]:
    """The retour section of each listed sheet; problems of the convention reported.

    `known`: every sheet id (links to others are reported elsewhere); `published`: the listed
    sheets that should have a retour section when the workshop was held.
    """
    sections: dict[str, Section] = {}
    for retour in retours(workshop, aliases):
        if retour.sheet not in known:
            continue  # reported as an unknown link
        if retour.sheet not in workshop.sheets:
            report.error(workshop.path, retour.line, "workshop-retour-unlisted", value=retour.sheet)
        elif retour.sheet in sections:
            first = sections[retour.sheet].line
            report.warning(
                workshop.path, retour.line, "workshop-retour-twice", value=retour.sheet, first=first
            )
        else:
            sections[retour.sheet] = retour.section
    if workshop.is_held:
        if not workshop.body.strip():
            report.warning(workshop.path, workshop.body_line, "workshop-retour-empty")
        for sheet_id in workshop.sheets:
            if sheet_id in published and sheet_id not in sections:
                line = workshop.lines.get(f"sheets.{sheet_id}", workshop.lines.get("sheets", 1))
                report.warning(
                    workshop.path, line, "workshop-retour-missing", "sheets", value=sheet_id
                )
    return sections


def _unknown(
    report: Report,
    workshop: Workshop,
    key: str,
    value: str,
    known: Mapping[str, object],
    line: int | None = None,
) -> None:
    noun = VOCAB_NOUNS["communities" if key == "community" else "practices"]
    line = line if line is not None else workshop.lines.get(key, 1)
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    if close:
        report.error(
            workshop.path, line, "unknown-id", key, value=value, noun=noun, suggestion=close[0]
        )
    else:
        report.error(workshop.path, line, "unknown-id-nosuggest", key, value=value, noun=noun)


def _unknown_link(
    report: Report,
    workshop: Workshop,
    line: int,
    written: str,
    sheet_id: str,
    known: Mapping[str, str],
) -> None:
    if sheet_id.lower() in known:
        close: list[str] = [sheet_id.lower()]
    else:
        close = difflib.get_close_matches(sheet_id, list(known), n=1, cutoff=0.6)
    if close:
        anchor = written.partition("#")[2]
        suggestion = f"id:{close[0]}" + (f"#{anchor}" if anchor else "")
        report.error(workshop.path, line, "link-unknown-id", value=written, suggestion=suggestion)
    else:
        report.error(workshop.path, line, "link-unknown-id-nosuggest", value=written)
