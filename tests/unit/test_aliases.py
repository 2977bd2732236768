"""Renamed sheets: `aliases` (their old ids) read, checked against each other, and resolved.

Line numbers: `conftest.sheet` writes the default fields on lines 2-11 (authors and
what_went_wrong as lists), then each extra field; `aliases: [a, b]` is line 12, a on 13, b on 14.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from atelier.cli import main
from atelier.core import export, knowledge, links, taxonomy
from atelier.core.diagnostics import Report
from atelier.core.knowledge import KnowledgeBase
from atelier.core.model import Sheet
from atelier.core.settings import Settings
from atelier.site import redirects
from conftest import Raw, community, sheet, write_files

TODAY = dt.date(2026, 12, 4)
SITE_URL = "https://atelier-pratiques.github.io/atelier/"


def load(tmp_path: Path, files: dict[str, str]) -> tuple[KnowledgeBase, Report]:
    write_files(tmp_path, files)
    return knowledge.load(Settings(tmp_path, today=TODAY))


def messages(report: Report, lang: str = "fr") -> list[str]:
    return [d.render(lang) for d in sorted(report.items, key=lambda d: d.sort_key())]


def renamed(**fields: Any) -> str:
    """The sheet once called `debat-mouvant` (and `debat`), now `debat-mouvant-4e`."""
    return sheet(aliases=["debat-mouvant", "debat"], **fields)


# --- Reading the field ----------------------------------------------------------------------


def test_aliases_are_read_with_their_lines(tmp_path: Path) -> None:
    kb, report = load(tmp_path, {"practices/debat-mouvant-4e.md": renamed()})
    assert messages(report) == []
    found = kb.sheets["debat-mouvant-4e"]
    assert found.aliases == ("debat-mouvant", "debat")
    assert found.lines["aliases"] == 12
    assert found.lines["aliases.debat-mouvant"] == 13
    assert found.lines["aliases.debat"] == 14
    assert kb.aliases == {"debat": "debat-mouvant-4e", "debat-mouvant": "debat-mouvant-4e"}


def test_a_single_alias_may_be_written_as_text(tmp_path: Path) -> None:
    kb, report = load(tmp_path, {"practices/nouveau.md": sheet(aliases="ancien")})
    assert messages(report) == []
    assert kb.sheets["nouveau"].aliases == ("ancien",)


def test_a_sheet_without_aliases_has_none(tmp_path: Path) -> None:
    kb, _ = load(tmp_path, {"practices/nouveau.md": sheet()})
    assert kb.sheets["nouveau"].aliases == () and kb.aliases == {}


@pytest.mark.parametrize(
    ("aliases", "fr", "en"),
    [
        (
            ["Débat Mouvant"],
            "practices/nouveau.md:13: aliases: « Débat Mouvant » n'est pas un identifiant "
            "possible : un ancien identifiant est l'ancien nom du fichier de la fiche, sans "
            "« .md », en minuscules sans accent ni espace (par exemple « debat-mouvant »)",
            "practices/nouveau.md:13: aliases: 'Débat Mouvant' is not a possible id: an old id "
            "is the sheet's old file name, without '.md', lowercase without accents or spaces "
            "(for example 'debat-mouvant')",
        ),
        (
            ["practices/ancien.md"],
            "practices/nouveau.md:13: aliases: « practices/ancien.md » n'est pas un identifiant "
            "possible : un ancien identifiant est l'ancien nom du fichier de la fiche, sans "
            "« .md », en minuscules sans accent ni espace (par exemple « ancien »)",
            "practices/nouveau.md:13: aliases: 'practices/ancien.md' is not a possible id: an "
            "old id is the sheet's old file name, without '.md', lowercase without accents or "
            "spaces (for example 'ancien')",
        ),
        (
            ["index"],
            "practices/nouveau.md:13: aliases: « index » est un nom réservé par le site (page "
            "de liste) : il ne peut pas être un ancien identifiant ; retirez-le",
            "practices/nouveau.md:13: aliases: 'index' is a name the site reserves (a listing "
            "page): it cannot be an old id; remove it",
        ),
        (
            ["ancien", "page"],
            "practices/nouveau.md:14: aliases: « page » est un nom réservé par le site (page "
            "de liste) : il ne peut pas être un ancien identifiant ; retirez-le",
            "practices/nouveau.md:14: aliases: 'page' is a name the site reserves (a listing "
            "page): it cannot be an old id; remove it",
        ),
        (
            ["nouveau"],
            "practices/nouveau.md:13: aliases: « nouveau » est l'identifiant actuel de cette "
            "fiche (le nom de son fichier) : n'indiquez dans aliases que ses anciens "
            "identifiants",
            "practices/nouveau.md:13: aliases: 'nouveau' is this sheet's current id (its file "
            "name): list only its old ids in aliases",
        ),
    ],
    ids=["not-a-slug", "a-path", "reserved-index", "reserved-page", "its-own-id"],
)
def test_an_alias_that_cannot_be_an_old_id_is_located(
    tmp_path: Path, aliases: list[str], fr: str, en: str
) -> None:
    kb, report = load(tmp_path, {"practices/nouveau.md": sheet(aliases=aliases)})
    assert messages(report) == [fr]
    assert messages(report, "en") == [en]
    assert "nouveau" in kb.failed


def test_an_alias_must_be_text(tmp_path: Path) -> None:
    _, report = load(tmp_path, {"practices/nouveau.md": sheet(aliases=[Raw("2024")])})
    assert messages(report) == [
        "practices/nouveau.md:13: aliases: YAML lit « 2024 » comme un nombre : mettez la "
        'valeur entre guillemets ("2024") si c\'est bien ce que vous voulez écrire'
    ]


def test_an_alias_given_twice_in_one_sheet_is_a_warning(tmp_path: Path) -> None:
    kb, report = load(tmp_path, {"practices/nouveau.md": sheet(aliases=["ancien", "ancien"])})
    [warning] = report.items
    assert not warning.is_error and warning.line == 14 and warning.code == "duplicate-item"
    assert kb.sheets["nouveau"].aliases == ("ancien",)


def test_aliases_is_suggested_for_its_french_names(tmp_path: Path) -> None:
    text = sheet(anciens_noms=["ancien"])
    _, report = load(tmp_path, {"practices/nouveau.md": text})
    [error] = report.items
    assert error.code == "key-unknown" and error.args["suggestion"] == "aliases"


# --- Collisions between sheets ----------------------------------------------------------------


def test_an_alias_that_is_another_sheets_id_is_an_error(tmp_path: Path) -> None:
    files = {
        "practices/debat-mouvant-4e.md": renamed(),
        "practices/sub/debat.md": sheet(title="Un autre débat"),
    }
    kb, report = load(tmp_path, files)
    assert messages(report) == [
        "practices/debat-mouvant-4e.md:14: aliases: « debat » est l'identifiant d'une fiche qui "
        "existe (practices/sub/debat.md) : son adresse ne peut pas mener à cette fiche-ci ; "
        "retirez-le de aliases"
    ]
    assert messages(report, "en") == [
        "practices/debat-mouvant-4e.md:14: aliases: 'debat' is the id of a sheet that exists "
        "(practices/sub/debat.md): its address cannot lead to this sheet; remove it from aliases"
    ]
    assert kb.aliases == {"debat-mouvant": "debat-mouvant-4e"}  # the page stays the sheet's


def test_an_alias_that_is_the_id_of_an_unreadable_sheet_is_an_error(tmp_path: Path) -> None:
    files = {"practices/nouveau.md": sheet(aliases=["casse"]), "practices/casse.md": "oops\n"}
    _, report = load(tmp_path, files)
    assert any(
        d.code == "alias-is-sheet" and d.path == "practices/nouveau.md" and d.line == 13
        for d in report.errors
    )


def test_one_alias_claimed_by_two_sheets_is_an_error_on_the_second(tmp_path: Path) -> None:
    files = {
        "practices/a-debat.md": sheet(aliases=["ancien"]),
        "practices/b-debat.md": sheet(tags=["oral"], aliases=["autre", "ancien"]),
    }
    kb, report = load(tmp_path, files)
    assert messages(report) == [
        "practices/b-debat.md:16: aliases: l'ancien identifiant « ancien » est déjà déclaré par "
        "practices/a-debat.md (ligne 13) : une ancienne adresse ne mène qu'à une seule fiche ; "
        "retirez-le de l'une des deux"
    ]
    assert messages(report, "en") == [
        "practices/b-debat.md:16: aliases: the old id 'ancien' is already claimed by "
        "practices/a-debat.md (line 13): an old address leads to one sheet only; remove it from "
        "one of the two"
    ]
    assert kb.aliases == {"ancien": "a-debat", "autre": "b-debat"}


# --- References by an old id resolve to the sheet -----------------------------------------------

LINKING_BODY = (
    "\n## Contexte\n\nVoir [le débat](id:debat-mouvant#contexte) et [aussi](debat.md).\n"
    "\n[ref]: id:debat\n"
)  # with `related` (lines 12-13), "Voir" is on line 18 and the definition on line 20


def test_links_by_an_old_id_resolve_with_a_warning(tmp_path: Path) -> None:
    files = {
        "practices/debat-mouvant-4e.md": renamed(),
        "practices/citation.md": sheet(body=LINKING_BODY, related=["debat-mouvant"]),
    }
    kb, report = load(tmp_path, files)
    assert [d for d in report.items if d.is_error] == []
    assert [link.target for link in kb.links] == ["debat-mouvant-4e"] * 3
    assert kb.sheets["citation"].related == ("debat-mouvant-4e",)
    assert kb.backlinks["debat-mouvant-4e"] == ["citation"]
    found = [m for m in messages(report) if "renommée" in m]
    assert found == [
        "practices/citation.md:12: avertissement : related: « debat-mouvant » renvoie à une "
        "fiche renommée (son identifiant est maintenant « debat-mouvant-4e ») : cela fonctionne "
        "encore, mais écrivez plutôt « debat-mouvant-4e »",
        "practices/citation.md:18: avertissement : « id:debat-mouvant#contexte » renvoie à une "
        "fiche renommée (son identifiant est maintenant « debat-mouvant-4e ») : cela fonctionne "
        "encore, mais écrivez plutôt « id:debat-mouvant-4e#contexte »",
        "practices/citation.md:18: avertissement : « debat.md » renvoie à une fiche renommée "
        "(son identifiant est maintenant « debat-mouvant-4e ») : cela fonctionne encore, mais "
        "écrivez plutôt « debat-mouvant-4e.md »",
        "practices/citation.md:20: avertissement : « id:debat » renvoie à une fiche renommée "
        "(son identifiant est maintenant « debat-mouvant-4e ») : cela fonctionne encore, mais "
        "écrivez plutôt « id:debat-mouvant-4e »",
    ]
    english = [m for m in messages(report, "en") if "renamed" in m]
    assert english[1] == (
        "practices/citation.md:18: warning: 'id:debat-mouvant#contexte' points to a renamed "
        "sheet (its id is now 'debat-mouvant-4e'): it still works, but write "
        "'id:debat-mouvant-4e#contexte' instead"
    )


def test_rewrite_sends_old_ids_to_the_current_page(tmp_path: Path) -> None:
    files = {
        "practices/debat-mouvant-4e.md": renamed(),
        "practices/citation.md": sheet(body=LINKING_BODY),
    }
    kb, _ = load(tmp_path, files)
    citing = kb.sheets["citation"]
    rewritten = links.rewrite(citing.body, citing, kb.published_paths, aliases=kb.aliases)
    assert "[le débat](debat-mouvant-4e.md#contexte)" in rewritten
    assert "[aussi](debat-mouvant-4e.md)" in rewritten
    assert "[ref]: debat-mouvant-4e.md" in rewritten
    # Without the aliases, the old ids are unknown and left alone.
    assert links.rewrite(citing.body, citing, kb.published_paths) == citing.body


def test_an_unknown_id_is_still_an_error_when_aliases_exist(tmp_path: Path) -> None:
    body = "\n## Contexte\n\nVoir [x](id:debat-mouvan).\n"
    files = {
        "practices/debat-mouvant-4e.md": renamed(),
        "practices/citation.md": sheet(body=body),
    }
    _, report = load(tmp_path, files)
    assert [d.code for d in report.errors] == ["link-unknown-id"]


def test_translation_of_by_an_old_id_resolves(tmp_path: Path) -> None:
    files = {
        "practices/debat-mouvant-4e.md": renamed(),
        "practices/moving-debate.md": sheet(lang="en", translation_of="debat"),
    }
    kb, report = load(tmp_path, files)
    assert report.error_count == 0
    assert kb.sheets["moving-debate"].translation_of == "debat-mouvant-4e"
    assert [d.code for d in report.warnings if d.code == "alias-used"] == ["alias-used"]


def test_a_sheet_citing_its_own_old_id_cites_itself(tmp_path: Path) -> None:
    _, report = load(tmp_path, {"practices/debat-mouvant-4e.md": renamed(related=["debat"])})
    assert "related-self" in [d.code for d in report.errors]


WORKSHOP = """\
---
title: "Rencontre de décembre"
community: cdp-lettres
start: 2026-11-19T16:00:00+01:00
end: 2026-11-19T18:00:00+01:00
place: "Nantes"
status: held
sheets:
  - debat-mouvant
---

## [Le débat mouvant](id:debat-mouvant)

Le groupe propose de donner des rôles.
"""


def test_a_workshop_names_a_sheet_by_an_old_id(tmp_path: Path) -> None:
    files = {
        "practices/debat-mouvant-4e.md": renamed(),
        "communities/cdp-lettres.md": community(),
        "workshops/rencontre.md": WORKSHOP,
    }
    kb, report = load(tmp_path, files)
    assert report.error_count == 0, messages(report)
    workshop = kb.workshops["rencontre"]
    assert workshop.sheets == ("debat-mouvant-4e",)
    assert kb.workshops_of_sheet("debat-mouvant-4e") == [workshop]
    [(found, section)] = kb.discussed_in("debat-mouvant-4e")
    assert found.id == "rencontre" and section.title == "Le débat mouvant"
    warnings = [m for m in messages(report) if "renommée" in m]
    assert warnings == [
        "workshops/rencontre.md:9: avertissement : sheets: « debat-mouvant » renvoie à une "
        "fiche renommée (son identifiant est maintenant « debat-mouvant-4e ») : cela fonctionne "
        "encore, mais écrivez plutôt « debat-mouvant-4e »",
        "workshops/rencontre.md:12: avertissement : « id:debat-mouvant » renvoie à une fiche "
        "renommée (son identifiant est maintenant « debat-mouvant-4e ») : cela fonctionne "
        "encore, mais écrivez plutôt « id:debat-mouvant-4e »",
    ]
    body = links.rewrite(workshop.body, workshop, kb.published_paths, "../practices/", kb.aliases)
    assert "(../practices/debat-mouvant-4e.md)" in body


# --- The export and the redirect pages ---------------------------------------------------------


def test_the_export_lists_the_aliases(tmp_path: Path) -> None:
    kb, _ = load(tmp_path, {"practices/debat-mouvant-4e.md": renamed()})
    data = export.practices_json(kb, taxonomy.build(kb), {}, kb.backlinks, SITE_URL)
    assert data["practices"][0]["aliases"] == ["debat-mouvant", "debat"]


class _Page(HTMLParser):
    """What a redirect page says: its tags' attributes and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(text: str) -> _Page:
    found = _Page()
    found.feed(text)
    return found


def test_a_redirect_page_leads_to_the_current_page(tmp_path: Path) -> None:
    title = "Débat <mouvant> : « trois élèves »"
    kb, _ = load(tmp_path, {"practices/debat-mouvant-4e.md": renamed(title=title)})
    pages = redirects.pages(kb, SITE_URL)
    assert list(pages) == ["practices/debat-mouvant/index.html", "practices/debat/index.html"]
    assert redirects.paths(kb) == list(pages)
    text = pages["practices/debat/index.html"]
    assert text.startswith('<!doctype html>\n<html lang="fr">')
    found = parsed(text)
    attrs = {tag: attrs for tag, attrs in found.tags if tag != "meta"}
    metas = [attrs for tag, attrs in found.tags if tag == "meta"]
    assert {"http-equiv": "refresh", "content": "0; url=../debat-mouvant-4e/"} in metas
    assert {"name": "robots", "content": "noindex"} in metas
    assert {"charset": "utf-8"} in metas
    assert attrs["link"] == {
        "rel": "canonical",
        "href": "https://atelier-pratiques.github.io/atelier/practices/debat-mouvant-4e/",
    }
    assert attrs["a"] == {"href": "../debat-mouvant-4e/"}
    words = "".join(found.text)  # French typography: narrow no-break spaces
    assert (
        "Cette fiche a été renommée\u202f: Débat <mouvant>\u202f: «\u202ftrois élèves\u202f»"
        in (words)
    )
    assert "<title>Fiche renommée\u202f: Débat &lt;mouvant&gt;\u202f:" in text
    assert "<mouvant>" not in text  # contributor text is escaped


def test_an_english_sheet_has_an_english_redirect(tmp_path: Path) -> None:
    text = sheet(title="Moving debate", lang="en", aliases=["old-debate"])
    kb, _ = load(tmp_path, {"practices/moving-debate.md": text})
    page = redirects.pages(kb, None)["practices/old-debate/index.html"]
    assert '<html lang="en">' in page
    assert "<title>Sheet renamed: Moving debate</title>" in page
    assert 'This sheet was renamed: <a href="../moving-debate/">Moving debate</a>' in page
    assert '<link rel="canonical" href="/practices/moving-debate/">' in page


def test_without_directory_urls_the_redirect_is_a_file(tmp_path: Path) -> None:
    kb, _ = load(tmp_path, {"practices/nouveau.md": sheet(aliases=["ancien"])})
    pages = redirects.pages(kb, SITE_URL, use_directory_urls=False)
    assert list(pages) == ["practices/ancien.html"]
    assert 'content="0; url=nouveau.html"' in pages["practices/ancien.html"]


def test_a_draft_gets_no_redirect(tmp_path: Path) -> None:
    kb, _ = load(tmp_path, {"practices/nouveau.md": sheet(aliases=["ancien"], status="draft")})
    assert kb.aliases == {"ancien": "nouveau"}  # its old id is taken all the same
    assert redirects.pages(kb, SITE_URL) == {}


def test_write_returns_what_it_wrote(tmp_path: Path) -> None:
    kb, _ = load(tmp_path / "repo", {"practices/debat-mouvant-4e.md": renamed()})
    site = tmp_path / "site"
    written = redirects.write(kb, site, SITE_URL)
    assert written == redirects.paths(kb)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")) == written


def test_an_old_address_that_a_page_has_is_an_error(tmp_path: Path) -> None:
    kb, _ = load(tmp_path, {"practices/debat-mouvant-4e.md": renamed()})
    report = Report()
    taken = {"practices/debat/index.html": "docs/practices/debat.md"}
    redirects.check_urls(kb, taken, report)
    assert messages(report) == [
        "practices/debat-mouvant-4e.md:14: aliases: l'ancienne adresse /practices/debat/ est "
        "déjà celle d'une page du site (docs/practices/debat.md) : retirez « debat » de "
        "aliases, ou renommez cette page"
    ]
    assert messages(report, "en") == [
        "practices/debat-mouvant-4e.md:14: aliases: the old address /practices/debat/ is "
        "already the address of a page of the site (docs/practices/debat.md): remove 'debat' "
        "from aliases, or rename that page"
    ]


def test_a_sheet_copy_keeps_its_aliases() -> None:
    # `resolve` replaces sheets with dataclasses.replace: aliases and lines go along.
    original = Sheet(
        id="a", path="practices/a.md", title="T", summary="S", subjects=("francais",),
        levels=("fr-4e",), authors=("C",), date=dt.date(2025, 1, 1), what_went_wrong=("x",),
        body="texte", body_line=5, aliases=("b",), lines={"aliases.b": 3},
    )  # fmt: skip
    copy = dataclasses.replace(original, related=("c",))
    assert copy.aliases == ("b",) and copy.lines["aliases.b"] == 3


# --- `atelier check` checks them as the build does ----------------------------------------------


def test_atelier_check_reports_a_colliding_alias(tmp_path: Path) -> None:
    files = {
        "practices/a-debat.md": sheet(aliases=["ancien"]),
        "practices/b-debat.md": sheet(aliases=["ancien"]),
    }
    write_files(tmp_path, files)
    args = ["check", "--privacy", "off", "--root", str(tmp_path)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 1
    assert (
        "practices/b-debat.md:13: aliases: l'ancien identifiant « ancien » est déjà déclaré par "
        "practices/a-debat.md (ligne 13)"
    ) in result.output
    write_files(tmp_path, {"practices/b-debat.md": sheet(aliases=["autre"])})
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
