"""The search index job (site/search_index.py): Pagefind started in the background on the
records, its bundle collected at the end of the build, and a failure said plainly."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from atelier.site import search_index, search_parts
from atelier.site.pagefind_stable import read_json
from atelier.site.search_index import IndexJob, SearchIndexError
from atelier.site.search_record import Record
from conftest import fake_pagefind, pagefind_records


def page(url: str, lang: str, title: str, text: str, date: str) -> Record:
    """A record as search_record.py writes them (a date sort key, out of the text)."""
    html = (
        f'<html lang="{lang}"><body><main data-pagefind-body><h1>{title}</h1><p>{text}</p>'
        f'<div data-pagefind-ignore data-pagefind-sort="date:{date}"></div></main></body></html>'
    )
    return Record(url, lang, html, date)


RECORDS = [
    page("practices/debat/", "fr", "Débat mouvant", "La parole captée.", "2025-03-14"),
    page("practices/peer-review/", "en", "Peer review", "Vague feedback.", "2025-01-20"),
    page("practices/fractions/", "fr", "Fractions", "Un jeu de cartes.", "2025-02-10"),
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


def running(pid: int) -> bool:
    """Whether process `pid` runs (a zombie waiting to be reaped has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


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
        import subprocess  # then the real one
        subprocess.run([REAL, *argv], check=True)
    """
    fake = fake_pagefind(
        tmp_path, f"REAL = {search_index.executable()!r}\n" + textwrap.dedent(script)
    )
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
    assert manifest == {"bundles": [{"lang": "fr", "path": "all/", "order": "order.json"}]}
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


# -- a large site: the records indexed in several runs -------------------------------------------


def dated(n: int, date: str, size: int = 100) -> Record:
    """A record of about `size` characters."""
    return page(f"practices/r{n:03}/", "fr", f"R{n}", "x" * size, date)


def test_a_large_site_is_indexed_in_runs_listed_for_the_search_page(
    tmp_path: Path, scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [dated(n, f"2025-0{n % 9 + 1}-01", 300) for n in range(30)]
    monkeypatch.setenv("ATELIER_SEARCH_PART", "4000")
    output = tmp_path / "site" / "pagefind"
    assert IndexJob(records, lang="fr").finish(output) == {"fr": 30}
    manifest = json.loads((output / "languages.json").read_text("utf-8"))
    runs = search_parts.parts(records, 4000)
    folders = ["all", *(f"all-{n}" for n in range(2, len(runs) + 1))]
    assert len(runs) >= 3
    more = [f"{folder}/" for folder in folders[1:]]
    [listed] = manifest["bundles"]
    assert listed == {"lang": "fr", "path": "all/", "order": "order.json", "more": more,
                      "skip": listed["skip"]}  # fmt: skip
    missing = search_parts.vocabularies(runs)
    url = {}  # id -> address, over every part
    for folder, run, skip, words in zip(folders, runs, listed["skip"], missing, strict=True):
        assert (output / folder / "pagefind.js").is_file()
        fragments = {p.stem: read_json(p) for p in (output / folder).glob("fragment/*")}
        # every record of the run, and the page of the words only the others hold
        assert sorted(str(f["url"]) for f in fragments.values()) == sorted(
            [f"/{search_parts.VOCABULARY}", *(f"/{r.url}" for r in run)]
        )
        assert fragments[skip]["url"] == f"/{search_parts.VOCABULARY}"
        assert str(fragments[skip]["content"]).rstrip(".").split() == words
        assert not set(fragments) & set(url)  # ids are unique across the parts
        url |= {name: str(f["url"]) for name, f in fragments.items()}
    # The site's records newest first, over the parts (the page of words is in none).
    order = json.loads((output / "order.json").read_text("utf-8"))
    dates = {f"/{r.url}": r.date for r in records}
    assert sorted(url[name] for name in order) == sorted(dates)
    assert [dates[url[name]] for name in order] == sorted(dates.values(), reverse=True)
    assert list(scratch.iterdir()) == []


def test_every_run_gets_a_smaller_chunk_size_and_a_failing_run_stops_the_rest(
    tmp_path: Path, scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = """\
        import os
        chunk = os.environ.get("PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE")
        with log.open("a") as out:
            out.write(json.dumps([args["--site"], chunk]) + "\\n")
        if args["--site"].endswith("site-1"):
            sys.exit("Error: run two failed")
        pathlib.Path(args["--output-path"]).mkdir(parents=True)
    """
    fake = fake_pagefind(tmp_path, script)
    monkeypatch.setattr(search_index, "executable", lambda: str(fake))
    monkeypatch.setenv("ATELIER_SEARCH_PART", "1000")
    records = [dated(n, "2025-01-01", 300) for n in range(8)]  # 3 runs
    job = IndexJob(records)
    with pytest.raises(SearchIndexError, match="run two failed"):
        job.finish(tmp_path / "site" / "pagefind")
    seen = [json.loads(line) for line in (tmp_path / "fake-pagefind.json").read_text().splitlines()]
    chunk = str(search_parts.CHUNK_SIZE // len(search_parts.parts(records, 1000)))
    assert [Path(site).name for site, _ in seen] == ["site-0", "site-1"]  # not site-2
    assert {size for _, size in seen} == {chunk}
    assert not (tmp_path / "site").exists()
    assert list(scratch.iterdir()) == []


def test_a_cancelled_job_of_several_runs_stops_the_one_running(
    tmp_path: Path, scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = """\
        import os, time
        log.write_text(str(os.getpid()))
        time.sleep(60)
    """
    fake = fake_pagefind(tmp_path, script)
    monkeypatch.setattr(search_index, "executable", lambda: str(fake))
    monkeypatch.setenv("ATELIER_SEARCH_PART", "1000")
    job = IndexJob([dated(n, "2025-01-01", 300) for n in range(8)])
    wait_for(tmp_path / "fake-pagefind.json")
    time.sleep(0.2)  # the pid written
    pid = int((tmp_path / "fake-pagefind.json").read_text())
    started = time.monotonic()
    job.cancel()
    assert time.monotonic() - started < 10
    deadline = time.monotonic() + 5
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running(pid), "the running Pagefind was left behind"
    assert list(scratch.iterdir()) == []


def test_an_interrupted_build_leaves_no_pagefind_running(tmp_path: Path) -> None:
    """^C during `mkdocs build`: the build's process ends, and Pagefind (in a process group of
    its own, so that a job of several runs can be stopped whole) is stopped with it."""
    fake = fake_pagefind(
        tmp_path, "import os, time\nlog.write_text(str(os.getpid()))\ntime.sleep(60)"
    )
    program = f"""
import time
from pathlib import Path
from atelier.site import search_index
from atelier.site.search_record import Record
search_index.executable = lambda: {str(fake)!r}
page = Record("practices/a/", "fr", "<html><body>a</body></html>", "2025-01-01")
job = search_index.IndexJob([page])
while not Path({str(tmp_path / "fake-pagefind.json")!r}).exists():
    time.sleep(0.02)
time.sleep(0.2)
raise KeyboardInterrupt
"""
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=30
    )
    assert "KeyboardInterrupt" in done.stderr
    pid = int((tmp_path / "fake-pagefind.json").read_text())
    deadline = time.monotonic() + 5
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running(pid), "Pagefind was left running"


@pytest.mark.parametrize("failing", [None, 1])
def test_the_runs_script_removes_each_run_s_records_once_read_and_keeps_the_exit_code(
    tmp_path: Path, failing: int | None
) -> None:
    """Several runs in one shell (a forked child): each run's records are removed in the
    background once it has read them, but the last run's (removed with the scratch folder);
    the script waits for those removals, and ends with the first failing run's code."""
    sites = [tmp_path / f"site {n}" for n in range(3)]
    for site in sites:
        (site / "practices" / "x").mkdir(parents=True)
        (site / "practices" / "x" / "index.html").write_text("<p>x</p>")
    job = IndexJob.__new__(IndexJob)
    job._runs = [([], site, tmp_path / f"bundle-{n}") for n, site in enumerate(sites)]
    job._commands = [["sh", "-c", "exit 3" if n == failing else "test -d \"$0\"", str(site)]
                     for n, site in enumerate(sites)]  # fmt: skip
    done = subprocess.run(["sh", "-c", job._script()], check=False)
    if failing is None:
        assert done.returncode == 0
        assert [site.exists() for site in sites] == [False, False, True]
    else:
        assert done.returncode == 3
        assert [site.exists() for site in sites] == [False, True, True]
