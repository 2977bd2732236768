"""Renamed sheets: the old ids a sheet declares in `aliases`, checked and resolved.

A sheet that was renamed (its file, hence its id and its address) lists its old ids in
`aliases`. Each old address then redirects to the new page (`atelier.site.redirects`), and every
reference by an old id still reaches the sheet: `id:` and file links in sheet and workshop
bodies (`core/links.py`, `core/workshops.py`), `related` and `translation_of`, a workshop's
`sheets`. A reference by an old id is a warning that gives the new id, never an error.

`schema.old_ids` checks each alias alone (an id, not reserved, not the sheet's own); `index`
checks them against each other and against the sheets' ids: an old address leads to one sheet.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from atelier.core.diagnostics import Report
from atelier.core.model import Sheet

if TYPE_CHECKING:
    from atelier.core.knowledge import KnowledgeBase


def line_of(sheet: Sheet, alias: str) -> int:
    """The front matter line where `sheet` declares `alias` (else that of `aliases`)."""
    return sheet.lines.get(f"aliases.{alias}", sheet.lines.get("aliases", 1))


def index(kb: KnowledgeBase, report: Report) -> dict[str, str]:
    """Every valid old id → the id of the sheet that declares it, by old id.

    An old id that is the id of a sheet (readable or not), or that a sheet declared before
    (in the order of their paths), is an error located on its line, and is left out.
    """
    taken = {**{sheet.id: sheet.path for sheet in kb.sheets.values()}, **kb.failed}
    claimed: dict[str, Sheet] = {}
    for sheet in sorted(kb.sheets.values(), key=lambda s: s.path):
        for alias in sheet.aliases:
            line = line_of(sheet, alias)
            if alias in taken:
                other = taken[alias]
                report.error(
                    sheet.path, line, "alias-is-sheet", "aliases", value=alias, other=other
                )
            elif alias in claimed:
                first = claimed[alias]
                report.error(
                    sheet.path, line, "alias-duplicate", "aliases",
                    value=alias, other=first.path, line=line_of(first, alias),
                )  # fmt: skip
            else:
                claimed[alias] = sheet
    return {alias: claimed[alias].id for alias in sorted(claimed)}


def resolve(kb: KnowledgeBase, report: Report) -> None:
    """Old ids in the sheets' `related` and `translation_of` replaced by the current ones.

    Call it once `kb.aliases` is known, before anything reads `related` (cross-checks,
    backlinks, related sheets). Each old id is a warning that names the new one.
    """
    aliases = kb.aliases
    if not aliases:
        return
    for sheet_id, sheet in list(kb.sheets.items()):
        related = _current(sheet.related, aliases, report, sheet.path, sheet.lines.get("related"))
        translation = sheet.translation_of
        if translation in aliases:
            line = sheet.lines.get("translation_of", 1)
            _warn(report, sheet.path, line, translation, aliases[translation], "translation_of")
            translation = aliases[translation]
        if related != sheet.related or translation != sheet.translation_of:
            kb.sheets[sheet_id] = dataclasses.replace(
                sheet, related=related, translation_of=translation
            )


def resolve_workshops(kb: KnowledgeBase, report: Report) -> None:
    """Old ids in the workshops' `sheets` replaced by the current ones (with a warning).

    Call it before `workshops.check`, which checks `sheets` and the retours against them.
    """
    aliases = kb.aliases
    for workshop_id, workshop in list(kb.workshops.items()):
        if not any(sheet_id in aliases for sheet_id in workshop.sheets):
            continue
        lines = dict(workshop.lines)
        sheets: list[str] = []
        for sheet_id in workshop.sheets:
            current = aliases.get(sheet_id, sheet_id)
            if current != sheet_id:
                line = lines.get(f"sheets.{sheet_id}", lines.get("sheets", 1))
                _warn(report, workshop.path, line, sheet_id, current, "sheets")
                lines.setdefault(f"sheets.{current}", line)
            if current not in sheets:
                sheets.append(current)
        kb.workshops[workshop_id] = dataclasses.replace(workshop, sheets=tuple(sheets), lines=lines)


def link_suggestion(written: str, current: str) -> str:
    """An `id:` link as written (`id:old#anchor`), with the current id instead."""
    anchor = written.partition("#")[2]
    return f"id:{current}" + (f"#{anchor}" if anchor else "")


def _current(
    ids: Iterable[str], aliases: Mapping[str, str], report: Report, path: str, line: int | None
) -> tuple[str, ...]:
    found: list[str] = []
    for sheet_id in ids:
        current = aliases.get(sheet_id, sheet_id)
        if current != sheet_id:
            _warn(report, path, line or 1, sheet_id, current, "related")
        if current not in found:
            found.append(current)
    return tuple(found)


def _warn(report: Report, path: str, line: int, old: str, current: str, key: str) -> None:
    report.warning(path, line, "alias-used", key, value=old, target=current, suggestion=current)
