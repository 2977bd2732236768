"""Sheet pages converted by a second process (mkdocs_parallel.py) give the very site, and the
very messages, that one process gives: byte for byte, warning for warning, in the same order."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from atelier import mkdocs_parallel
from conftest import (
    build_config,
    default_body,
    edit_file,
    load_site_config,
    make_site,
    sheet,
    site_files,
)

TWENTY = [f"fiche-{n:02d}" for n in range(20)]


def _body(n: int, *, unsafe: bool = True) -> str:
    """Every kind of content a worker converts: headings (table of contents, anchors), links
    to other sheets with and without anchors, raw HTML the sanitizer removes, a table, notes,
    an admonition."""
    following = TWENTY[(n + 1) % len(TWENTY)]
    return default_body() + (
        f"\n## Suite {n}\n\nVoir [la suite](id:{following}) et "
        f"[son contexte](id:{following}#contexte).\n\n"
        "| Étape | Durée |\n|---|---|\n| Accueil | 5 min |\n\n"
        "Une note[^1].\n\n[^1]: Le détail.\n\n"
        + ('<script>alert("x")</script><b onclick="x()">gras</b>\n\n' if unsafe else "")
        + '!!! warning "Attention"\n    Le temps.\n'
    )


def _sheets(*, broken_last: bool = False, unsafe: bool = True) -> dict[str, str]:
    sheets = {
        name: sheet(
            title=f"Séance numéro {n}", date=f"2025-01-{n + 1:02d}", body=_body(n, unsafe=unsafe)
        )
        for n, name in enumerate(TWENTY)
    }
    if broken_last:  # the last sheets are the worker's: MkDocs warns of anchors there
        sheets[TWENTY[-1]] = sheet(
            title="Séance avec des liens cassés",
            body=_body(19, unsafe=unsafe)
            + "\nVoir [ici](#pas-d-ancre), [là](id:fiche-00#pas-la), [abs](/ailleurs/), "
            "[dossier](../communities/) et ![img](image.png).\n",
        )
    return sheets


Logged = list[tuple[str, int, str]]


def _build(
    root: Path,
    site: Path,
    parallel: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> tuple[dict[str, bytes], Logged]:
    monkeypatch.setenv("ATELIER_PARALLEL", parallel)
    monkeypatch.setenv("ATELIER_CACHE_DIR", str(site.parent / f"cache-{site.name}"))
    caplog.clear()
    build_config(load_site_config(root / "mkdocs.yml", site))
    logged = [
        (record.name, record.levelno, record.getMessage())
        for record in caplog.records
        if record.levelno >= logging.WARNING
    ]
    return site_files(site), logged


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level("INFO", logger="mkdocs")
    return caplog


def _converted_elsewhere(caplog: pytest.LogCaptureFixture) -> int:
    """How many sheet pages the worker converted (its count in the build's log)."""
    for record in caplog.records:
        found = re.search(r"(\d+) sheet pages converted by a second process", record.getMessage())
        if found:
            return int(found[1])
    return 0


def test_a_second_process_gives_the_same_site_and_the_same_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, logs: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = make_site(tmp_path / "src", _sheets(broken_last=True), pagefind=True)
    alone, alone_logs = _build(root, tmp_path / "alone", "off", monkeypatch, logs)
    assert _converted_elsewhere(logs) == 0
    shared, shared_logs = _build(root, tmp_path / "shared", "on", monkeypatch, logs)
    converted = _converted_elsewhere(logs)
    assert 0 < converted < len(TWENTY), "both processes should convert some sheet pages"
    assert sorted(alone) == sorted(shared)
    differing = sorted(name for name in alone if alone[name] != shared[name])
    assert not differing, f"files that differ with a second process: {differing}"
    assert any("pas-la" in message for _, _, message in shared_logs)
    assert any("pas-d-ancre" in message for _, _, message in shared_logs)
    assert shared_logs == alone_logs  # the same warnings, in the same order, once each


def test_a_warning_in_a_page_converted_elsewhere_still_fails_a_strict_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, logs: pytest.LogCaptureFixture
) -> None:
    clean = make_site(tmp_path / "clean", _sheets(unsafe=False), config={"strict": True})
    _build(clean, tmp_path / "clean-site", "on", monkeypatch, logs)  # no warning: it passes
    root = make_site(
        tmp_path / "src", _sheets(broken_last=True, unsafe=False), config={"strict": True}
    )
    with pytest.raises(Abort, match="in strict mode"):
        _build(root, tmp_path / "site", "on", monkeypatch, logs)
    assert _converted_elsewhere(logs) > 0


def test_pages_the_worker_could_not_make_are_made_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, logs: pytest.LogCaptureFixture
) -> None:
    """A page that fails in the worker, and a worker that dies, leave MkDocs to make them."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = make_site(tmp_path / "src", _sheets(broken_last=True))
    expected, expected_logs = _build(root, tmp_path / "alone", "off", monkeypatch, logs)
    made: list[str] = []
    convert = mkdocs_parallel.PagesThere.convert

    def flaky(self: mkdocs_parallel.PagesThere, uri: str) -> object:
        made.append(uri)
        if len(made) == 2:
            raise RuntimeError("a page the worker cannot make")
        if len(made) == 4:
            os._exit(3)  # the worker dies: every page it took and did not send
        return convert(self, uri)

    monkeypatch.setattr(mkdocs_parallel.PagesThere, "convert", flaky)
    site, site_logs = _build(root, tmp_path / "shared", "on", monkeypatch, logs)
    assert 0 < _converted_elsewhere(logs) <= 2  # at most the first and the third it took
    assert site == expected
    assert site_logs == expected_logs


def test_the_worker_takes_only_the_pages_the_cache_does_not_hold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, logs: pytest.LogCaptureFixture
) -> None:
    """A warm build starts no worker (every page is in the cache); after one sheet is edited,
    the worker may take only that page; each build equals a cold one."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = make_site(tmp_path / "src", _sheets())
    monkeypatch.setenv("ATELIER_PARALLEL", "on")
    monkeypatch.setenv("ATELIER_CACHE_DIR", str(tmp_path / "cache"))
    built = []
    for name in ("cold", "warm"):
        logs.clear()
        build_config(load_site_config(root / "mkdocs.yml", tmp_path / name))
        built.append(site_files(tmp_path / name))
    assert built[0] == built[1]
    assert "converted by a second process" not in logs.text  # no worker was started
    found = logs.text.rsplit("cache: ", 1)[-1].split(" found")[0]
    assert int(found) > len(TWENTY), "the warm build should find its pages in the cache"
    edit_file(root / "practices" / "fiche-19.md", "Un paragraphe", "Un autre paragraphe")
    logs.clear()
    build_config(load_site_config(root / "mkdocs.yml", tmp_path / "edited"))
    made = int(logs.text.rsplit("cache: ", 1)[-1].split(" found, ")[1].split(" made")[0])
    assert 0 < made < len(TWENTY)
    assert _converted_elsewhere(logs) <= made  # only pages the cache did not hold
    monkeypatch.setenv("ATELIER_CACHE_DIR", str(tmp_path / "other-cache"))
    build_config(load_site_config(root / "mkdocs.yml", tmp_path / "edited-cold"))
    assert site_files(tmp_path / "edited") == site_files(tmp_path / "edited-cold")


def test_not_used_when_another_plugin_reads_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, logs: pytest.LogCaptureFixture
) -> None:
    """Another plugin's page hook would see a page twice, or not at all: one process then."""
    hook = tmp_path / "hook.py"
    hook.write_text("def on_page_content(html, page, config, files):\n    return html\n")
    root = make_site(tmp_path / "src", _sheets(), config={"hooks": [str(hook)]})
    _build(root, tmp_path / "site", "on", monkeypatch, logs)
    assert _converted_elsewhere(logs) == 0
