"""Write the search index with Pagefind: one bundle for every sheet under pagefind/all/
(and all-2/, all-3/… on a site too large for one Pagefind run: see IndexJob).

Pagefind (a Rust binary shipped on PyPI as `pagefind[bin]`) splits the index into small
chunks fetched on demand, so a reader downloads only what a query needs. The records are
written to a scratch folder and indexed by the binary in one run (its Python wrapper polls
for each file's answer, which costs 0.1 s per sheet).

One bundle, not one per language: each bundle costs a reader ~85 KB of code before the first
result, and two would break the 300 KB budget of a first search at 10,000 sheets. French and
English sheets share the site language's stemmer; the search page also tries the English
base form of the last word (« worked » → « work »), and Pagefind matches it as a prefix.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from atelier.core.cache import BUNDLE_COMPLETE, link_or_copy
from atelier.site import search_parts
from atelier.site.pagefind_stable import UnstableBundle, stabilise
from atelier.site.search_record import Record, by_language

BUNDLE = "all"
ORDER = "order.json"  # the ids of the indexed pages, newest first (search_parts.tidy)


class SearchIndexError(RuntimeError):
    """Pagefind could not be found or failed."""


def executable() -> str:
    """The Pagefind binary: the one shipped by `pagefind[bin]`, else one on the PATH."""
    try:
        from pagefind_bin import get_executable

        return str(get_executable())
    except ImportError:
        found = shutil.which("pagefind")
        if found is None:
            raise SearchIndexError(
                "Pagefind is not installed: run `make install` (pip install 'pagefind[bin]')"
            ) from None
        return found


def copy_bundle(stored: Path, output: Path) -> None:
    """Put a bundle kept by the build cache at `output` (a copy: the cache stays intact)."""
    if output.exists():
        shutil.rmtree(output)
    shutil.copytree(
        stored, output, ignore=shutil.ignore_patterns(BUNDLE_COMPLETE), copy_function=link_or_copy
    )


class IndexJob:
    """Pagefind running in the background: started as soon as every sheet's body is rendered,
    while MkDocs renders the pages, and collected at the end of the build. A large site is
    indexed in parts, one Pagefind run after the other (search_parts.py).

    Pagefind reads one HTML file a record (some 3 s of writing at 10,000 sheets). A thread of
    this process writes them slowly, taking turns with MkDocs' rendering for the interpreter's
    lock, so Pagefind would start late (up to ten seconds): a forked child writes them, then
    becomes Pagefind (exec; a shell running the runs in turn when there are several). A thread
    does it where a fork is not safe (a process running other threads: `mkdocs serve`, where
    the index follows the served pages anyway) or not possible."""

    def __init__(self, records: list[Record], *, lang: str = "fr") -> None:
        self.lang = lang
        self.counts = {language: len(items) for language, items in by_language(records).items()}
        self._scratch = tempfile.TemporaryDirectory(prefix="atelier-search-")
        scratch = Path(self._scratch.name)
        self._said = scratch / "pagefind.log"  # what Pagefind printed
        self._failed = scratch / "failed.txt"  # why the records could not be written
        runs = search_parts.parts(records, search_parts.part_size())
        self._env = dict(os.environ)
        if len(runs) > 1:  # smaller chunks: a first search fetches one chunk from each part
            self._env["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"] = str(
                search_parts.CHUNK_SIZE // len(runs)
            )
        pagefind = executable()
        self._runs = [(run, scratch / f"site-{n}", scratch / f"bundle-{n}")
                      for n, run in enumerate(runs)]  # fmt: skip
        self._commands = [[pagefind, "--site", str(site), "--output-path", str(bundle),
                           "--force-language", lang, "--silent"]
                          for _, site, bundle in self._runs]  # fmt: skip
        self._pid: int | None = None
        self._status: int | None = None  # set when stopped, or once the runs have ended
        self._code: int | None = None  # the runs' exit code (the thread's)
        self._process: subprocess.Popen[bytes] | None = None
        self._writer: threading.Thread | None = None
        if hasattr(os, "fork") and threading.active_count() == 1:
            self._pid = os.fork()
            if self._pid == 0:
                self._become_pagefind()  # never returns
            with contextlib.suppress(OSError):  # its own group, so that kill() stops every run
                os.setpgid(self._pid, self._pid)
            atexit.register(self.kill)  # not left running if the build is interrupted (^C)
        else:
            self._writer = threading.Thread(target=self._write_then_run,
                                            name="atelier-pagefind-input", daemon=True)  # fmt: skip
            self._writer.start()

    def _write(self) -> None:
        """One file a record, at its address; with several parts, each gets a page of the
        words only the others hold (search_parts.vocabularies)."""
        runs = [run for run, _, _ in self._runs]
        extra = search_parts.vocabularies(runs) if len(runs) > 1 else []
        for n, (run, source, _) in enumerate(self._runs):
            folders: set[str] = set()
            for item in run:
                folder = str(source / item.url)
                if folder not in folders:
                    os.makedirs(folder, exist_ok=True)
                    folders.add(folder)
                with open(os.path.join(folder, "index.html"), "w", encoding="utf-8") as out:
                    out.write(item.html)
            os.makedirs(source, exist_ok=True)
            if extra and extra[n]:  # (Pagefind would leave out a page without words)
                page = search_parts.vocabulary_page(extra[n], self.lang)
                (source / search_parts.VOCABULARY).write_text(page, encoding="utf-8")

    def _become_pagefind(self) -> None:
        """In the forked child: write the records, then run Pagefind in its place."""
        try:
            os.setpgid(0, 0)
            self._write()
            said = os.open(self._said, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(said, 1)
            os.dup2(said, 2)
            if len(self._commands) == 1:
                os.execve(self._commands[0][0], self._commands[0], self._env)
            os.execve("/bin/sh", ["sh", "-c", self._script()], self._env)
        except BaseException as error:  # the parent says it (finish)
            with contextlib.suppress(BaseException):
                self._failed.write_text(str(error), encoding="utf-8")
        finally:
            os._exit(127)

    def _script(self) -> str:
        """The shell script of several runs, one after the other, stopping at the first that
        fails. Once a run has read its records, a background job removes them while the next
        run indexes (removing 10,000 files and folders takes more than a second of waiting
        on the disk, not of work); the script waits for those jobs before it ends."""
        steps = []
        for n, command in enumerate(self._commands):
            steps.append(shlex.join(command))
            if n < len(self._commands) - 1:  # the last run's records: removed with the rest
                steps.append(f"{{ rm -rf {shlex.quote(str(self._runs[n][1]))} & }}")
        return f"{' && '.join(steps)}; ended=$?; wait; exit $ended"

    def _write_then_run(self) -> None:
        """In a thread of this process: write the records, then run Pagefind once a run."""
        try:
            self._write()
            with self._said.open("wb") as said:
                for command in self._commands:
                    if self._status is not None:  # stopped meanwhile
                        return
                    self._process = subprocess.Popen(command, stdout=said, stderr=said,
                                                     env=self._env)  # fmt: skip
                    if self._status is not None:  # stopped while it started
                        self._process.kill()
                    self._code = self._process.wait()
                    if self._code != 0:
                        return
        except OSError as error:
            with contextlib.suppress(OSError):
                self._failed.write_text(str(error), encoding="utf-8")
            self._code = 127

    def _wait(self) -> int:
        """Pagefind's exit code (waits for every run)."""
        if self._writer is not None:
            self._writer.join()
            if self._status is None:
                self._status = self._code if self._code is not None else 127
        elif self._status is None and self._pid is not None:
            self._status = os.waitstatus_to_exitcode(os.waitpid(self._pid, 0)[1])
            atexit.unregister(self.kill)
        return self._status if self._status is not None else 127

    def finish(self, output: Path) -> dict[str, int]:
        """Wait for Pagefind, then put the bundles at `output`; the count per language."""
        try:
            if self._wait() != 0:
                raise SearchIndexError(f"pagefind: {self._why()}")
            bundles = [bundle for _, _, bundle in self._runs]
            try:  # the same bundle from the same sources (filters come out in random order)
                for bundle in bundles:
                    stabilise(bundle)
                order, skip = search_parts.tidy(bundles, with_words=len(bundles) > 1)
            except UnstableBundle as error:
                raise SearchIndexError(f"pagefind bundle: {error}") from error
            if output.exists():
                shutil.rmtree(output)
            output.mkdir(parents=True)
            paths = [BUNDLE if n == 0 else f"{BUNDLE}-{n + 1}" for n in range(len(bundles))]
            for bundle, path in zip(bundles, paths, strict=True):
                shutil.move(str(bundle), str(output / path))
            listed: dict[str, object] = {"lang": self.lang, "path": f"{paths[0]}/", "order": ORDER}
            if len(paths) > 1:  # merged into the first by the search page, which skips `skip`
                listed |= {"more": [f"{path}/" for path in paths[1:]], "skip": skip}
            (output / ORDER).write_text(json.dumps(order), encoding="utf-8")
            manifest = {"bundles": [listed]}
            (output / "languages.json").write_text(json.dumps(manifest), encoding="utf-8")
            return self.counts
        finally:
            self._scratch.cleanup()

    def _why(self) -> str:
        """Why Pagefind failed: the records' error, else what it printed, else its end."""
        for path in (self._failed, self._said):
            with contextlib.suppress(OSError):
                if text := path.read_text(encoding="utf-8", errors="replace").strip():
                    return text
        return "stopped" if self._status is not None and self._status < 0 else "failed"

    def cancel(self) -> None:
        """Stop Pagefind (the build failed) and remove its files."""
        self.kill()
        self._wait()
        self._scratch.cleanup()

    def kill(self) -> None:
        """Stop Pagefind while another thread waits in `finish` (which then fails and cleans up)."""
        if self._writer is not None:
            self._status = self._status if self._status is not None else -signal.SIGKILL
            if self._process is not None:
                with contextlib.suppress(OSError):
                    self._process.kill()
        elif self._pid is not None and self._status is None:
            with contextlib.suppress(OSError):
                os.killpg(self._pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)


class PreviewIndex:
    """Under `mkdocs serve`, the search index is written after the pages are served.

    Indexing every sheet takes Pagefind seconds to tens of seconds (about 18 s at 10,000
    sheets); an author who saves a sheet wants to see the page now. So a served site's build
    puts back the last bundle (search results a few seconds old) and finishes the new one in a
    thread, then swaps it in. The next rebuild first stops an unfinished index, and sets the
    bundle aside before MkDocs cleans the site folder."""

    def __init__(self) -> None:
        self._scratch = tempfile.TemporaryDirectory(prefix="atelier-preview-search-")
        self._kept = Path(self._scratch.name) / "last"  # the last bundle, while site/ is cleaned
        self._fresh = Path(self._scratch.name) / "fresh"
        self._thread: threading.Thread | None = None
        self._job: IndexJob | None = None
        self.key = ""  # the records' digest of the last bundle written
        self.finished = threading.Event()  # set when no index is being written

    def set_aside(self, site_dir: Path) -> None:
        """Before MkDocs cleans `site_dir`: stop an unfinished index, keep the last bundle."""
        self.stop()
        current = site_dir / "pagefind"
        if current.is_dir():
            shutil.rmtree(self._kept, ignore_errors=True)
            shutil.move(str(current), str(self._kept))

    def reuse(self, key: str, site_dir: Path) -> bool:
        """Put the bundle set aside back if it was made from the same records (`key`)."""
        return key == self.key and self._put_back(site_dir / "pagefind")

    def _put_back(self, target: Path) -> bool:
        """The bundle set aside, at `target` again (if there is one and `target` is free)."""
        if not self._kept.is_dir() or target.exists():
            return False
        shutil.move(str(self._kept), str(target))
        return True

    def start(
        self,
        job: IndexJob,
        key: str,
        site_dir: Path,
        done: Callable[[dict[str, int]], None],
        failed: Callable[[SearchIndexError], None],
    ) -> None:
        """Put the last bundle back, and finish `job` in a thread; `done(counts)` runs
        once the new bundle is in place, `failed(error)` if Pagefind failed (not if stopped)."""
        self.stop()
        target = site_dir / "pagefind"
        self._put_back(target)
        self._job, self.key = job, ""
        self.finished.clear()

        def run() -> None:
            try:
                shutil.rmtree(self._fresh, ignore_errors=True)
                counts = job.finish(self._fresh)
                if self._job is not job:  # stopped meanwhile: a newer build owns site/
                    return
                old = Path(self._scratch.name) / "old"
                shutil.rmtree(old, ignore_errors=True)
                if target.exists():
                    target.rename(old)
                self._fresh.rename(target)
                shutil.rmtree(old, ignore_errors=True)
                self.key = key
                done(counts)
            except SearchIndexError as error:
                if self._job is job:
                    failed(error)
            finally:
                self.finished.set()

        self._thread = threading.Thread(target=run, name="atelier-pagefind", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the index being written, if any, and wait for its thread."""
        job, self._job = self._job, None
        if job is not None:
            job.kill()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self.finished.set()

    def close(self) -> None:
        """The server stops: stop indexing and remove the scratch folder."""
        self.stop()
        self._scratch.cleanup()
