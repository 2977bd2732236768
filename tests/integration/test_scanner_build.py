"""The post-build scanner runs in every build: a live payload in a written page stops it."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from atelier.site import search_index
from conftest import build_site, make_site, sheet


def test_every_build_scans_its_pages(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # A hand-written page is not sanitized (docs/ belongs to the project): a script in it is
    # what only the scanner sees. The sheet's own script is dropped by the sanitizer.
    body = "## Contexte\n\nUn texte.\n\n<script>alert(1)</script>\n"
    docs = {"aide.md": '# Aide\n\n<p onclick="alert(1)">Cliquez</p>\n'}
    make_site(tmp_path, {"une-fiche": sheet(body=body)}, docs=docs)
    with pytest.raises((PluginError, Abort)) as failure:
        build_site(tmp_path)
    assert "BuildError" in str(failure.value)
    [message] = [r.getMessage() for r in caplog.records if "(vérification après" in r.getMessage()]
    assert "site/aide/index.html" in message and "onclick" in message
    assert "une-fiche" not in message  # sanitized: nothing left to find in the sheet's page


def test_a_failed_scan_stops_the_search_index_it_ran_beside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scan runs while Pagefind still indexes (on the other core): a failed scan stops it,
    and no half-written bundle is left in site/."""
    cancelled: list[search_index.IndexJob] = []
    cancel = search_index.IndexJob.cancel

    def spied(job: search_index.IndexJob) -> None:
        cancelled.append(job)
        cancel(job)

    monkeypatch.setattr(search_index.IndexJob, "cancel", spied)
    docs = {"aide.md": '# Aide\n\n<p onclick="alert(1)">Cliquez</p>\n'}
    make_site(tmp_path, {"une-fiche": sheet()}, docs=docs, pagefind=True)
    with pytest.raises((PluginError, Abort)):
        build_site(tmp_path)
    assert len(cancelled) == 1
    assert cancelled[0]._status is not None  # Pagefind has ended (killed, or done and reaped)
    assert not (tmp_path / "site" / "pagefind").exists()


def test_a_clean_site_passes(tmp_path: Path) -> None:
    make_site(tmp_path, {"une-fiche": sheet()})
    site = build_site(tmp_path)
    assert (site / "practices" / "une-fiche" / "index.html").is_file()
