"""The Nu Html Checker (vnu.jar) on our pages, against what Material itself produces.

Material's own markup has a few errors (an `autocomplete` on its toggle checkboxes, say); a
plain Material site, same theme and Markdown as ours, is checked in the same run, and an error
on our pages passes only when every plain Material page has the same message: an error of
Material's base template, which no page escapes. An error plain Material makes on some pages
only (a `<label for="__toc">` without its checkbox on a page out of the navigation) is one our
templates must avoid, and do (overrides/partials/toc.html).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from .conftest import PLAIN_PAGES, vnu

OUR_PAGES = {
    "search page": "search/",
    "sheet page": "practices/debat-mouvant-4e/",
    "term page (levels/fr-4e/)": "levels/fr-4e/",
    "home page": "",
    "workshop page": "workshops/2026-01-15-seance-de-janvier/",
    "workshops index": "workshops/",
    "workshop pack": "workshops/2026-01-15-seance-de-janvier/pack/",
    "community page": "communities/cdp-lettres/",
}
# A page that is invalid on purpose: proves the checker ran and that its report is read.
BROKEN = '<!DOCTYPE html><html lang="fr"><head><title>x</title></head><body><p id="a" id="a">'


def normalize(message: str) -> str:
    """A message without URLs, file names or spacing differences: comparable across pages."""
    message = re.sub(r"\b(?:https?|file):/*[^\s“”\"']+", "URL", message)
    return " ".join(message.split())


def errors(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Errors, and files the checker could not read."""
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


@dataclass
class Checked:
    """One vnu.jar run: our pages by name, the plain Material pages, BROKEN, the messages."""

    ours: dict[str, Path]
    plain: list[Path]
    broken: Path
    messages: dict[Path, list[dict[str, Any]]]

    def errors(self, file: Path) -> list[dict[str, Any]]:
        return errors(self.messages[file])


@pytest.fixture(scope="module")
def checked(
    built_site: Path, built_plain_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> Checked:
    """Our pages, Material's and BROKEN, checked in one run of vnu.jar (one JVM start)."""
    broken = (tmp_path_factory.mktemp("vnu") / "broken.html").resolve()
    broken.write_text(BROKEN, encoding="utf-8")
    ours = {name: (built_site / p / "index.html").resolve() for name, p in OUR_PAGES.items()}
    plain = [(built_plain_site / p / "index.html").resolve() for p in PLAIN_PAGES]
    messages: dict[Path, list[dict[str, Any]]] = {f: [] for f in [*ours.values(), *plain, broken]}
    for message in vnu(list(messages)):
        path = Path(unquote(re.sub(r"^file:", "", message.get("url", ""))))
        messages.setdefault(path.resolve(), []).append(message)
    return Checked(ours, plain, broken, messages)


def describe(messages: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"- line {m.get('lastLine', '?')}: {m['message']}\n"
        f"    {' '.join(str(m.get('extract', '')).split())[:160]}"
        for m in messages
    )


def test_the_checker_runs_and_reports_errors(checked: Checked) -> None:
    found = [normalize(m["message"]) for m in checked.errors(checked.broken)]
    assert "Duplicate attribute “id”." in found, found


# Errors of our templates that are known and not yet fixed: page → messages. A page whose new
# errors are exactly these is an expected failure; other errors fail it, a fix makes it pass
# and strict xfail says so.
KNOWN: dict[str, set[str]] = {}


class KnownErrors(Exception):
    """The new errors of a page are exactly those recorded in KNOWN (an expected failure)."""


def _param(name: str) -> Any:
    known = KNOWN.get(name)
    if not known:
        return name
    reason = "known errors: " + "; ".join(sorted(known))
    return pytest.param(
        name, marks=pytest.mark.xfail(strict=True, raises=KnownErrors, reason=reason)
    )


@pytest.mark.parametrize("name", [_param(name) for name in OUR_PAGES])
def test_no_html_error_beyond_materials_own(checked: Checked, name: str) -> None:
    material = set.intersection(
        *({normalize(m["message"]) for m in checked.errors(f)} for f in checked.plain)
    )
    page = checked.ours[name]
    new = [m for m in checked.errors(page) if normalize(m["message"]) not in material]
    message = (
        f"vnu.jar, {name} ({page}): errors that plain Material pages don't have:\n"
        f"{describe(new)}\n(errors of every plain Material page, allowed: {sorted(material)})"
    )
    if new and {normalize(m["message"]) for m in new} == KNOWN.get(name):
        raise KnownErrors(message)
    if new:
        pytest.fail(message, pytrace=False)


def test_plain_material_errs_on_the_toc_label_of_a_page_out_of_the_nav(checked: Checked) -> None:
    """What the check of every page above must not let through: Material alone makes it."""
    home, content = ({normalize(m["message"]) for m in checked.errors(f)} for f in checked.plain)
    toc_label = {m for m in content - home if "“for” attribute of the “label”" in m}
    assert toc_label, "plain Material's content page no longer has its label error"
