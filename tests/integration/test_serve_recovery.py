"""`mkdocs serve` recovers (issue 11, item 6): a real server, started once, follows a sheet that
breaks (its page shows the located error and the server goes on), is fixed (the page comes
back), is deleted (its page goes, the listings follow) and a sheet that is added, with no
restart. Every source the site is built from is watched: communities, workshops, the theme's
overrides, the vocabulary extensions.

The server runs as `make serve` runs it (live reload on), in its own process group, killed
whatever happens. Each step polls the served pages until they show the change (never a fixed
sleep), for at most STEP_TIMEOUT seconds.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import OVERRIDES, SITE_URL, community, default_body, make_site, sheet, write_files

pytestmark = pytest.mark.slow

STEP_TIMEOUT = 30.0  # seconds a step may take: a rebuild of these sites takes about one

DEBAT = sheet(title="Débat mouvant en 4e", tags=["oral", "debat"], community="cdp-lettres-test")
LECTURE = sheet(
    title="Lecture offerte chaque lundi",
    tags=["oral"],
    date="2025-03-10",
    body=default_body() + "\nVoir aussi [le débat mouvant](id:debat).\n",
)

WORKSHOP = """---
title: "Séance de février"
community: cdp-lettres-test
start: 2025-02-01T14:00:00+01:00
end: 2025-02-01T16:00:00+01:00
timezone: Europe/Paris
place: "Nantes"
status: cancelled
---
"""
WORKSHOP_ID = "2025-02-01-seance"
VOCABULARY = "subjects:\n  - id: cuisine\n    labels: {fr: Cuisine, en: Cooking}\n"


def plain(document: str) -> str:
    """HTML with entities decoded and no-break spaces made ordinary (French typography)."""
    return html.unescape(document).replace("\u202f", " ").replace("\u00a0", " ")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    """A running `mkdocs serve` of the site in `root`."""

    root: Path
    process: subprocess.Popen[bytes]
    base: str  # the served site's address, under the path of site_url
    log: Path

    def get(self, path: str) -> tuple[int, str]:
        """The status and text (see `plain`) of a page; status 0 when the server does not
        answer."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as response:
                return response.status, plain(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            return error.code, plain(error.read().decode("utf-8", "replace"))
        except OSError:
            return 0, ""

    def text(self, path: str) -> str:
        """The text of a page that must be served."""
        status, text = self.get(path)
        assert status == 200, f"{path}: HTTP {status}"
        return text

    def indexed(self) -> int:
        """How many pages the served search index holds (every bundle, every language)."""
        status, listed = self.get("pagefind/languages.json")  # the bundles, when several
        folders = [b["path"] for b in json.loads(listed)["bundles"]] if status == 200 else [""]
        entries = [json.loads(self.text(f"pagefind/{f}pagefind-entry.json")) for f in folders]
        return sum(int(lang["page_count"]) for e in entries for lang in e["languages"].values())

    def wait_for(self, what: str, check: Callable[[], bool]) -> None:
        """Poll `check` until it holds; fail (with the server's log) if the server dies or
        STEP_TIMEOUT passes."""
        deadline = time.monotonic() + STEP_TIMEOUT
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"the server died ({what}): {self.tail()}")
            if check():
                return
            if time.monotonic() > deadline:
                pytest.fail(f"not after {STEP_TIMEOUT:.0f} s: {what}\n{self.tail()}")
            time.sleep(0.2)

    def serves(self, path: str, *texts: str) -> Callable[[], bool]:
        """A check: `path` is served and shows every text."""

        def check() -> bool:
            status, text = self.get(path)
            return status == 200 and all(t in text for t in texts)

        return check

    def gone(self, path: str) -> Callable[[], bool]:
        """A check: `path` is not found."""
        return lambda: self.get(path)[0] == 404

    def tail(self) -> str:
        return "\n".join(self.log.read_text("utf-8", "replace").splitlines()[-40:])


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small site with its own copy of the theme's overrides and a vocabulary extension."""
    overrides = tmp_path / "overrides"
    shutil.copytree(OVERRIDES, overrides)
    options = {"privacy": "rules", "vocabularies": ["vocab/extra.yml"]}  # search index on
    config = {"theme": {"custom_dir": str(overrides)}, "plugins": [{"atelier": options}]}
    root = make_site(
        tmp_path / "src",
        {
            "debat": DEBAT,
            "lecture": LECTURE,
            "cuisine": sheet(title="Atelier pain", subject="cuisine"),
        },
        {"cdp-lettres-test": community()},
        config=config,
    )
    write_files(root / "workshops", {f"{WORKSHOP_ID}.md": WORKSHOP})
    write_files(root / "vocab", {"extra.yml": VOCABULARY})
    return root


@pytest.fixture
def server(site: Path) -> Iterator[Server]:
    """`mkdocs serve` of `site` on a free port, live reload on (the default)."""
    port = free_port()
    log = site.parent / "serve.log"
    mount = urlsplit(SITE_URL).path  # the server serves under the path of site_url
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=site,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            start_new_session=True,  # its own process group, killed as one
        )
    running = Server(site, process, f"http://127.0.0.1:{port}{mount}", log)
    try:
        running.wait_for("the server serves the site", running.serves(""))
        yield running
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """End the server and anything it started (its process group), even if it has died."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):  # the group is gone already
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            continue


def test_a_sheet_broken_fixed_deleted_and_added_while_serving(server: Server) -> None:
    source = server.root / "practices" / "debat.md"
    assert "Débat mouvant en 4e" in server.text("practices/debat/")
    assert "Débat mouvant en 4e" in server.text("tags/debat/")
    assert 'href="../debat/"' in server.text("practices/lecture/")
    indexed = server.indexed()

    # 1. Broken: the sheet's page says where and what, the rest of the site is still served.
    source.write_text('---\ntitle: "Débat mouvant\n---\n', encoding="utf-8")
    server.wait_for(
        "the page of an unreadable sheet shows the located error",
        server.serves("practices/debat/", "practices/debat.md:2: erreur YAML"),
    )
    assert "Lecture offerte chaque lundi" in server.text("practices/lecture/")
    source.write_text(sheet(title=None, tags=["oral", "debat"]), encoding="utf-8")
    server.wait_for(
        "the page of a sheet without a title shows the located error",
        server.serves(
            "practices/debat/", "practices/debat.md:1: title: champ obligatoire manquant"
        ),
    )

    # 2. Fixed: the page comes back, with the new text and no problem shown.
    source.write_text(DEBAT.replace("Débat mouvant en 4e", "Débat mouvant, version 2"), "utf-8")
    server.wait_for(
        "the fixed sheet's page comes back", server.serves("practices/debat/", "version 2")
    )
    assert "champ obligatoire" not in server.text("practices/debat/")
    assert "version 2" in server.text("practices/")

    # 3. Deleted: its page goes, and so does every listing's mention of it.
    source.unlink()
    server.wait_for("the deleted sheet's page goes", server.gone("practices/debat/"))
    server.wait_for("a term only it used goes", server.gone("tags/debat/"))
    for listing in ("practices/", "tags/oral/", "subjects/francais/", "levels/fr-4e/"):
        shown = server.text(listing)
        assert "Lecture offerte chaque lundi" in shown, listing
        assert "Débat mouvant" not in shown, listing
    assert '"debat"' not in server.text("api/practices.json")
    assert server.indexed() == indexed - 1  # the search index too
    line = LECTURE.splitlines().index("Voir aussi [le débat mouvant](id:debat).") + 1
    broken = f"practices/lecture.md:{line}: le lien « id:debat » renvoie à une fiche qui n'existe"
    assert broken in server.text("practices/lecture/")  # a sheet that linked to it says so

    # 4. Added: a new sheet gets its page, and the listings show it.
    write_files(
        server.root / "practices",
        {"nouvelle.md": sheet(title="Une fiche toute neuve", tags=["nouveau"])},
    )
    server.wait_for(
        "a new sheet gets its page",
        server.serves("practices/nouvelle/", "Une fiche toute neuve"),
    )
    for listing in ("practices/", "tags/nouveau/", "subjects/francais/"):
        assert "Une fiche toute neuve" in server.text(listing), listing
    assert 'href="nouveau/"' in server.text("tags/")  # the index of tags
    assert server.indexed() == indexed
    assert server.process.poll() is None


def test_every_source_of_the_site_is_watched(server: Server) -> None:
    root = server.root
    edits: list[tuple[str, Path, str, str, str]] = [
        # what, file, text replaced, new text (shown as is), page that shows it
        ("a community", root / "communities" / "cdp-lettres-test.md",
         "Atelier Lettres de test", "Atelier Lettres renommé", "communities/cdp-lettres-test/"),
        ("a workshop", root / "workshops" / f"{WORKSHOP_ID}.md",
         "Séance de février", "Séance de mars", f"workshops/{WORKSHOP_ID}/"),
        ("a template of the overrides", root.parent / "overrides" / "atelier" / "sheet.html",
         "<h1>", "<p>Gabarit modifié</p><h1>", "practices/lecture/"),
        ("a vocabulary extension", root / "vocab" / "extra.yml",
         "Cuisine,", "Cuisine du monde,", "subjects/cuisine/"),
    ]  # fmt: skip
    for what, path, old, new, url in edits:
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (path, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
        shown = new.replace("<p>", "").replace("</p><h1>", "").rstrip(",")
        server.wait_for(f"editing {what} rebuilds the site", server.serves(url, shown))
