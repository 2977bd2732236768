"""Under `mkdocs serve`, the pages come first and the search index follows (issue 9, item 4).

Pagefind takes about 18 s for 10,000 sheets: a served rebuild no longer waits for it. The
last bundle is served meanwhile (results a few seconds old), then the new one is swapped in;
an unchanged set of records reuses the bundle without running Pagefind at all.
"""

from __future__ import annotations

import shutil
import stat
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build

from atelier.site import search_index
from conftest import SERVE_URL, load_site_config, make_site, pagefind_records, sheet

pytestmark = pytest.mark.slow


def slow_pagefind(folder: Path, seconds: float) -> Path:
    """The real Pagefind, started `seconds` late (a large site, in small)."""
    real = search_index.executable()
    path = folder / "slow-pagefind"
    path.write_text(f'#!/bin/sh\nsleep {seconds}\nexec "{real}" "$@"\n', encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def indexed(site: Path) -> str:
    """Every text the served index holds."""
    return " ".join(record["content"] for record in pagefind_records(site).values())


def test_a_served_rebuild_writes_the_pages_then_the_new_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "## Contexte\n\nDes pictogrammes au tableau.\n"
    root = make_site(
        tmp_path / "src",
        {"emploi": sheet(body=body), "autre": sheet(title="Une autre fiche")},
        config={"plugins": [{"atelier": {"search_index": True, "cache": False}}]},
        pagefind=True,
    )
    site = tmp_path / "site"
    slow = slow_pagefind(tmp_path, 2.0)
    monkeypatch.setattr(search_index, "executable", lambda: str(slow))
    cfg = load_site_config(root / "mkdocs.yml", site)
    cfg.plugins.on_startup(command="serve", dirty=False)
    plugin = cfg.plugins["atelier"]
    try:
        build(cfg, serve_url=SERVE_URL, dirty=False)
        assert plugin.preview_index is not None
        assert plugin.preview_index.finished.wait(60)
        assert "pictogrammes" in indexed(site)

        # The author saves the sheet: the page shows the new word as soon as the build
        # returns, while the search still answers from the last bundle.
        path = root / "practices" / "emploi.md"
        path.write_text(path.read_text("utf-8").replace("pictogrammes", "idéogrammes"), "utf-8")
        started = time.perf_counter()
        build(load_site_config(root / "mkdocs.yml", site), serve_url=SERVE_URL, dirty=False)
        returned = time.perf_counter() - started
        page = (site / "practices" / "emploi" / "index.html").read_text("utf-8")
        assert "idéogrammes" in page
        assert not plugin.preview_index.finished.is_set(), f"waited for Pagefind ({returned} s)"
        assert "pictogrammes" in indexed(site)  # the last bundle, until the new one is ready
        assert plugin.preview_index.finished.wait(60)
        assert "idéogrammes" in indexed(site)
        assert "pictogrammes" not in indexed(site)

        # Nothing changed: the same bundle, without Pagefind (a missing binary would fail).
        monkeypatch.setattr(search_index, "executable", lambda: str(tmp_path / "missing"))
        build(load_site_config(root / "mkdocs.yml", site), serve_url=SERVE_URL, dirty=False)
        assert "idéogrammes" in indexed(site)
    finally:
        cfg.plugins.on_shutdown()
    assert plugin.preview_index is None
    shutil.rmtree(site)
