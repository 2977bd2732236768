"""The search index job (site/search_index.py): Pagefind started in the background on the
records, its bundle collected at the end of the build, and a failure said plainly."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pytest

from atelier.site import search_index
from atelier.site.search_index import IndexJob, SearchIndexError
from atelier.site.search_record import Record
from conftest import fake_pagefind, pagefind_records

RECORDS = [
    Record("practices/debat/", "fr", '<html lang="fr"><body><main data-pagefind-body>'
           "<h1>Débat mouvant</h1><p>La parole captée.</p></main></body></html>"),
    Record("practices/peer-review/", "en", '<html lang="en"><body><main data-pagefind-body>'
           "<h1>Peer review</h1><p>Vague feedback.</p></main></body></html>"),
    Record("practices/fractions/", "fr", '<html lang="fr"><body><main data-pagefind-body>'
           "<h1>Fractions</h1><p>Un jeu de cartes.</p></main></body></html>"),
]  # fmt: skip


@pytest.fixture(params=["fork", "thread"])
def scratch(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, request: pytest.FixtureRequest
) -> Path:
    """Where the job's scratch folders go (tmp_path/scratch), to see them removed. Each test
    runs twice: the records written by a forked child that becomes Pagefind (a process with
    one thread: `mkdocs build`), and by a thread before Pagefind starts (`mkdocs serve`)."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    threads = 1 if request.param == "fork" else 2
    monkeypatch.setattr(search_index.threading, "active_count", lambda: threads)
    return folder


def wait_for(path: Path, seconds: float = 10.0) -> None:
    """Wait until `path` exists (written by a process running in the background)."""
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)


def test_the_job_starts_pagefind_on_the_records_at_once(
    tmp_path: Path, scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = """\
        site = pathlib.Path(args["--site"])
        pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
        log.write_text(json.dumps({"argv": argv, "pages": pages,
                                   "html": (site / pages[0]).read_text("utf-8")}))
        pathlib.Path(args["--output-path"]).mkdir(parents=True)
        (pathlib.Path(args["--output-path"]) / "pagefind-entry.json").write_text("{}")
    """
    fake = fake_pagefind(tmp_path, script)
    monkeypatch.setattr(search_index, "executable", lambda: str(fake))
    job = IndexJob(RECORDS, lang="fr")
    # started by the constructor (while MkDocs renders the pages), before anyone collects it
    wait_for(tmp_path / "fake-pagefind.json")
    seen = json.loads((tmp_path / "fake-pagefind.json").read_text("utf-8"))
    assert seen["pages"] == sorted(f"{r.url}index.html" for r in RECORDS)
    assert seen["html"] == RECORDS[0].html
    assert seen["argv"][-3:] == ["--force-language", "fr", "--silent"]
    counts = job.finish(tmp_path / "site" / "pagefind")
    assert counts == {"fr": 2, "en": 1}
    assert (tmp_path / "site" / "pagefind" / "all" / "pagefind-entry.json").is_file()
    assert list(scratch.iterdir()) == []  # records and bundle cleaned up


def test_the_bundle_is_collected_with_its_language_manifest(tmp_path: Path, scratch: Path) -> None:
    output = tmp_path / "site" / "pagefind"
    output.mkdir(parents=True)
    (output / "stale.txt").write_text("from an earlier build")
    counts = IndexJob(RECORDS, lang="fr").finish(output)
    assert counts == {"fr": 2, "en": 1}
    assert not (output / "stale.txt").exists()
    manifest = json.loads((output / "languages.json").read_text("utf-8"))
    assert manifest == {"bundles": [{"lang": "fr", "path": "all/"}]}
    records = pagefind_records(tmp_path / "site")
    assert sorted(records) == sorted(f"/{r.url}" for r in RECORDS)
    assert "La parole captée." in records["/practices/debat/"]["content"]
    assert list(scratch.iterdir()) == []


def test_a_pagefind_failure_says_what_pagefind_said(
    tmp_path: Path, scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_pagefind(tmp_path, 'sys.exit("Error: could not parse the site\\n")')
    monkeypatch.setattr(search_index, "executable", lambda: str(fake))
    job = IndexJob(RECORDS)
    with pytest.raises(SearchIndexError) as caught:
        job.finish(tmp_path / "site" / "pagefind")
    assert str(caught.value) == "pagefind: Error: could not parse the site"
    assert not (tmp_path / "site").exists()  # nothing half-written
    assert list(scratch.iterdir()) == []


def test_a_missing_pagefind_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)  # `import pagefind_bin` fails
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(SearchIndexError) as caught:
        search_index.executable()
    assert str(caught.value) == (
        "Pagefind is not installed: run `make install` (pip install 'pagefind[bin]')"
    )


def test_a_cancelled_job_stops_pagefind_and_cleans_up(
    tmp_path: Path, scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_pagefind(tmp_path, "import time; time.sleep(60)")
    monkeypatch.setattr(search_index, "executable", lambda: str(fake))
    job = IndexJob(RECORDS)
    started = time.monotonic()
    job.cancel()
    assert time.monotonic() - started < 10  # killed, not waited for
    assert list(scratch.iterdir()) == []


def test_records_that_cannot_be_written_fail_the_index_with_the_reason(
    tmp_path: Path, scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The records are written by the forked child that becomes Pagefind, or by a thread: its
    failure reaches `finish` as a clear error."""

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(search_index.os, "makedirs", full)
    job = IndexJob(RECORDS)
    with pytest.raises(SearchIndexError, match="No space left on device"):
        job.finish(tmp_path / "site" / "pagefind")
    assert list(scratch.iterdir()) == []


def test_a_job_killed_while_its_records_are_written_fails_and_cleans_up(
    tmp_path: Path, scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_pagefind(tmp_path, "pathlib.Path(args['--output-path']).mkdir(parents=True)")
    monkeypatch.setattr(search_index, "executable", lambda: str(fake))
    job = IndexJob(RECORDS * 200)
    job.kill()
    with pytest.raises(SearchIndexError):
        job.finish(tmp_path / "site" / "pagefind")
    assert not (tmp_path / "site").exists()
    assert list(scratch.iterdir()) == []
