"""The printable workshop pack, printed by Chromium: each sheet starts a new page, and the PDF
holds every sheet's title (read back with pypdf)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from conftest import community, sheet, write_files
from e2e.conftest import HOME, Site, build, new_context, serve, site_config

TITLES = {
    "debat-pack": "Débat mouvant en quatrième",
    "lecture-pack": "Lecture offerte chaque lundi",
    "projet-pack": "Un projet de conseil de coopération",
}
LONG = "\n\n".join(
    f"Un long paragraphe de récit, numéro {n}, pour remplir la page." for n in range(40)
)
WORKSHOP = """---
title: "Séance du pack"
community: cdp-lettres
start: 2025-01-16T18:00:00-05:00
end: 2025-01-16T20:00:00-05:00
timezone: America/Toronto
place: "Montréal"
protocol: codeveloppement
sheets: [debat-pack, lecture-pack, projet-pack]
status: held
---

## [Débat](id:debat-pack)

Le groupe propose des rôles.

## [Lecture](id:lecture-pack)

Le groupe propose un autre jour.

## [Projet](id:projet-pack)

Le groupe propose de commencer petit.
"""
PROJET_BODY = "".join(
    f"\n## {heading}\n\n{LONG}\n"
    for heading in ("Contexte", "Ce que je veux essayer", "Ce que je crains",
                    "Mes questions pour la communauté")
)  # fmt: skip


@pytest.fixture(scope="module")
def pack_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("atelier-pack")
    write_files(
        folder / "practices",
        {
            "debat-pack.md": sheet(title=TITLES["debat-pack"], community="cdp-lettres",
                                   body=f"\n## Contexte\n\n{LONG}\n\n## Ce que j'ai fait\n\n"
                                   "Voir [le site](https://example.org/ressource).\n"),
            "lecture-pack.md": sheet(title=TITLES["lecture-pack"], date="2025-01-02"),
            "projet-pack.md": sheet(title=TITLES["projet-pack"], outcome="not-yet-tried",
                                    what_went_wrong=None, worries=["Que cela tourne mal."],
                                    body=PROJET_BODY),
        },
    )  # fmt: skip
    write_files(folder / "communities", {"cdp-lettres.md": community()})
    write_files(folder / "workshops", {"2025-01-16-pack.md": WORKSHOP})
    built = build(folder, site_config(), {"index.md": HOME})
    with serve(built) as url:
        yield Site(built, url)


def _pdf(browser: Any, site: Site) -> PdfReader:
    context = new_context(browser, locale="fr-FR")
    try:
        tab = context.new_page()
        tab.goto(site.page_url("workshops/2025-01-16-pack/pack/"))
        data = tab.pdf(format="A4", print_background=True)
    finally:
        context.close()
    return PdfReader(io.BytesIO(data))


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_pack_prints_one_sheet_per_page(browser: Any, pack_site: Site) -> None:
    reader = _pdf(browser, pack_site)
    pages = [_flat(p.extract_text() or "") for p in reader.pages]
    whole = " ".join(pages)
    for title in TITLES.values():
        assert title in whole, title
    # Each sheet starts a new page: its title opens the page it first appears on.
    starts = []
    for title in TITLES.values():
        number = next(i for i, text in enumerate(pages) if title in text)
        assert pages[number].startswith(title), (title, pages[number][:200])
        starts.append(number)
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert starts[0] >= 1  # the protocol and timing come first, on their own page(s)
    assert "Exposé de la préoccupation" in " ".join(pages[: starts[0]])
    # Print layout: no navigation or search, link targets written out.
    assert "Rechercher" not in pages[0]
    assert "(https://example.org/ressource)" in whole


def test_the_pack_is_in_print_colours(browser: Any, pack_site: Site) -> None:
    context = new_context(browser, locale="fr-FR")
    try:
        tab = context.new_page()
        tab.emulate_media(media="print")
        tab.goto(pack_site.page_url("workshops/2025-01-16-pack/pack/"))
        header_shown = tab.locator(".md-header").is_visible()
        colour = tab.eval_on_selector(".atelier-pack h1", "e => getComputedStyle(e).color")
        breaks = tab.eval_on_selector_all(
            ".atelier-pack__sheet", "els => els.map(e => getComputedStyle(e).breakBefore)"
        )
    finally:
        context.close()
    assert not header_shown
    assert colour == "rgb(0, 0, 0)"
    assert breaks == ["page"] * 3


def test_the_site_folder_exists(pack_site: Site) -> None:
    assert Path(pack_site.root / "workshops/2025-01-16-pack/event.ics").is_file()
