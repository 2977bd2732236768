"""A renamed sheet keeps its address: a real build where `debat-mouvant` became
`debat-mouvant-4e` (its front matter says `aliases: [debat-mouvant, debat]`).

The old addresses are redirect pages to the new one; links, `related` and a workshop's `sheets`
by an old id reach the new page; an old id that collides stops the build with a located message.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from conftest import REPO, SITE_URL, build_site, community, make_site, sheet, write_files

OLD, NEW = "debat-mouvant", "debat-mouvant-4e"
CITING_BODY = (
    "\n## Contexte\n\nComme dans [le débat mouvant](id:debat-mouvant#contexte), puis "
    "[encore](debat.md).\n"
)
WORKSHOP = """\
---
title: "Rencontre de novembre"
community: cdp-lettres
start: 2026-01-15T16:00:00+01:00
end: 2026-01-15T18:00:00+01:00
place: "Nantes"
status: held
sheets:
  - debat-mouvant
---

## [Le débat mouvant](id:debat-mouvant)

Le groupe propose de donner des rôles aux élèves.
"""
VNU_JAR = REPO / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("renamed")
    make_site(
        root,
        {
            NEW: sheet(
                title="Débat mouvant en 4e",
                community="cdp-lettres",
                aliases=[OLD, "debat"],
            ),
            "citation": sheet(
                title="Une fiche qui cite l'ancien nom",
                date="2025-02-01",
                related=[OLD],
                body=CITING_BODY,
            ),
            "moving-debate": sheet(
                title="Moving debate", lang="en", date="2025-01-01", aliases=["old-debate"]
            ),
        },
        {"cdp-lettres": community()},
    )
    write_files(root / "workshops", {"2026-01-15-rencontre.md": WORKSHOP})
    return build_site(root)


def test_the_new_page_exists_and_the_old_addresses_redirect_to_it(site: Path) -> None:
    assert "Débat mouvant en 4e" in page(site, f"practices/{NEW}/")
    for old in (OLD, "debat"):
        redirect = page(site, f"practices/{old}/")
        assert '<html lang="fr">' in redirect
        assert f'<meta http-equiv="refresh" content="0; url=../{NEW}/">' in redirect
        assert f'<link rel="canonical" href="{SITE_URL}practices/{NEW}/">' in redirect
        assert '<meta name="robots" content="noindex">' in redirect
        assert f'renommée\u202f: <a href="../{NEW}/">Débat mouvant en 4e</a>' in redirect
        # The relative target, from the old address, is the new page (under /atelier/ too).
        assert (site / f"practices/{old}" / f"../{NEW}/index.html").resolve().is_file()


def test_an_english_sheet_redirects_in_english(site: Path) -> None:
    redirect = page(site, "practices/old-debate/")
    assert '<html lang="en">' in redirect
    assert 'This sheet was renamed: <a href="../moving-debate/">Moving debate</a>' in redirect


def test_redirect_pages_are_not_in_the_sitemap(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"practices/{NEW}/" in sitemap
    assert f"practices/{OLD}/" not in sitemap and "practices/debat/" not in sitemap


def test_links_by_an_old_id_point_to_the_new_page(site: Path) -> None:
    citing = page(site, "practices/citation/")
    links = hrefs(citing)
    assert f"../{NEW}/#contexte" in links  # id:debat-mouvant#contexte
    assert f"../{NEW}/" in links  # debat.md, the old file, and `related`
    assert not any(href.startswith((f"../{OLD}/", "../debat/", "id:")) for href in links)
    # The renamed sheet lists the citing one under « Cité par ».
    assert "../citation/" in hrefs(page(site, f"practices/{NEW}/"))


def test_a_workshop_naming_the_old_id_shows_the_sheet_and_its_retour(site: Path) -> None:
    workshop = page(site, "workshops/2026-01-15-rencontre/")
    assert f"../../practices/{NEW}/" in hrefs(workshop)
    assert "Débat mouvant en 4e" in workshop
    # The sheet's page links to the retour of the workshop that discussed it.
    assert any(
        href.startswith("../../workshops/2026-01-15-rencontre/#")
        for href in hrefs(page(site, f"practices/{NEW}/"))
    )


def test_the_export_lists_the_aliases(site: Path) -> None:
    data = json.loads((site / "api" / "practices.json").read_text(encoding="utf-8"))
    by_id = {practice["id"]: practice for practice in data["practices"]}
    assert by_id[NEW]["aliases"] == [OLD, "debat"]
    assert by_id["citation"]["aliases"] == []
    assert by_id["citation"]["related"][0] == NEW  # declared first, then computed
    assert OLD not in by_id


@pytest.mark.skipif(
    shutil.which("java") is None or not VNU_JAR.exists(),
    reason="the Nu Html Checker (java, vnu.jar: make install-browser) is not installed",
)
def test_the_redirect_page_is_valid_html(site: Path) -> None:
    done = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always",
         str(site / f"practices/{OLD}/index.html"), str(site / "practices/old-debate/index.html")],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    messages = json.loads(done.stderr.strip() or done.stdout.strip())["messages"]
    assert [m for m in messages if m.get("type") in ("error", "non-document-error")] == []


# --- Collisions stop the build ----------------------------------------------------------------


def errors_logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.levelname == "ERROR")


def test_an_old_id_of_another_sheet_stops_the_build(
    tmp_path: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    make_site(tmp_path, {NEW: sheet(aliases=["autre"]), "autre": sheet(title="Une autre")})
    with pytest.raises(Abort):
        build_site(tmp_path)
    assert (
        f"practices/{NEW}.md:13: aliases: « autre » est l'identifiant d'une fiche qui existe "
        "(practices/autre.md) : son adresse ne peut pas mener à cette fiche-ci ; retirez-le de "
        "aliases"
    ) in errors_logged(mkdocs_logs)


def test_an_old_address_that_a_docs_page_has_stops_the_build(
    tmp_path: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    make_site(
        tmp_path,
        {NEW: sheet(aliases=["guide"])},
        docs={"practices/guide.md": "# Guide\n\nUne page écrite à la main.\n"},
        config={"theme": {"language": "en"}},
    )
    with pytest.raises(Abort):
        build_site(tmp_path)
    logged = errors_logged(mkdocs_logs)
    assert f"practices/{NEW}.md:13: aliases: the old address /practices/guide/ is already" in (
        logged
    )
    assert "practices/guide.md): remove 'guide' from aliases, or rename that page" in logged
