"""The post-build scanner runs in every build: a live payload in a written page stops it."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

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


def test_a_clean_site_passes(tmp_path: Path) -> None:
    make_site(tmp_path, {"une-fiche": sheet()})
    site = build_site(tmp_path)
    assert (site / "practices" / "une-fiche" / "index.html").is_file()
