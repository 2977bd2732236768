"""A second process converts the Markdown of sheet pages while MkDocs converts the others.

MkDocs reads every page in one process, one after the other: for a sheet, Python-Markdown
(~2.5 ms) and the sanitizer. A large site is built on machines with two cores or more (CI,
this project's reference machine), so at the end of on_nav the plugin forks a worker: MkDocs goes
through the sheet pages from the first, the worker from the last, each taking the next page not
yet taken (a shared table of claims), and they meet in the middle.

The worker makes a page with MkDocs' own steps (the plugins' `on_pre_page` and
`on_page_markdown`, `Page.render`, `on_page_content`): what it sends back is what MkDocs would
have made in this process. MkDocs then takes it instead of converting the page again (`take`),
and says again, at that moment, what the worker logged while converting it: warnings reach the
same handlers in the same order (`--strict`, the cache's warning count). A page the worker could
not make (an error, a worker gone) is made here as usual.

Only where it cannot change the result: `mkdocs build` (not `serve`: a served build makes few
pages, and its process runs threads), fork available, more than one core, enough pages, and no
other plugin that reads or changes a page's Markdown or HTML. `ATELIER_PARALLEL=off` turns it off,
`on` uses it for any number of pages (tests).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

MIN_PAGES = 200  # below, the fork costs about what it saves
_FREE, _HERE, _THERE = 0, 1, 2  # a page's claim: nobody yet, this process, the worker


@dataclass(frozen=True)
class Rendered:
    """A page as `Page.render` and the `on_page_content` events left it in the worker."""

    content: str
    toc: TableOfContents
    title: str | None  # the title found in the Markdown (MkDocs' _title_from_render)
    anchors: frozenset[str]  # present_anchor_ids
    links_to_anchors: dict[str, dict[str, str]] | None  # by the src_uri of the page linked to
    logged: tuple[tuple[str, int, str], ...]  # (logger, level, message) while converting


def wanted(config: MkDocsConfig, plugin: object, *, serving: bool, pages: int) -> bool:
    """Whether this build converts pages in a worker too (see the module's docstring)."""
    setting = os.environ.get("ATELIER_PARALLEL", "auto").strip().lower()
    if setting in {"off", "0", "false", "no"} or serving or not hasattr(os, "fork"):
        return False
    for event in ("pre_page", "page_markdown", "page_content"):
        if any(getattr(method, "__self__", None) is not plugin
               for method in config.plugins.events[event]):  # fmt: skip
            return False  # another plugin's hook: it would see the page twice, or not at all
    if setting == "on":
        return pages > 0
    return pages >= MIN_PAGES and len(os.sched_getaffinity(0)) > 1


class Worker:
    """The forked process and this side's view of it: which pages it took, what it made."""

    def __init__(self, uris: Sequence[str], make: Callable[[str], Rendered | None]) -> None:
        context = multiprocessing.get_context("fork")
        self.uris = list(uris)
        self._index = {uri: n for n, uri in enumerate(self.uris)}
        self._claims = context.RawArray("b", len(self.uris))
        self._lock = context.Lock()
        receiving, sending = context.Pipe(duplex=False)
        self._results: dict[int, Rendered | None] = {}
        self._done = False
        self._ready = threading.Condition()
        self._process = context.Process(
            target=_work, args=(self.uris, self._claims, self._lock, sending, make),
            name="atelier-render", daemon=True,
        )  # fmt: skip
        self._process.start()
        sending.close()
        self._receiving = receiving
        self._reader = threading.Thread(target=self._receive, name="atelier-render-results",
                                        daemon=True)  # fmt: skip
        self._reader.start()

    def claim(self, uri: str) -> bool:
        """True if this process makes the page (it was free, it is now ours); False if the
        worker took it (or it is not one of the worker's pages: then it is made here too)."""
        n = self._index.get(uri)
        if n is None:
            return True
        with self._lock:
            if self._claims[n] == _FREE:
                self._claims[n] = _HERE
            return bool(self._claims[n] == _HERE)

    def result(self, uri: str) -> Rendered | None:
        """What the worker made of a page it took (waits for it); None if it could not."""
        n = self._index[uri]
        with self._ready:
            self._ready.wait_for(lambda: n in self._results or self._done)
            return self._results.pop(n, None)

    def _receive(self) -> None:
        try:
            while (message := self._receiving.recv()) is not None:
                n, rendered = message
                with self._ready:
                    self._results[n] = rendered
                    self._ready.notify_all()
        except (EOFError, OSError):
            pass  # the worker is gone: the pages it took and did not send are made here
        finally:
            with self._ready:
                self._done = True
                self._ready.notify_all()

    def close(self) -> None:
        """Wait for the worker's end (every page is read by now), or stop it."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._reader.join()
        self._receiving.close()


def _work(uris: list[str], claims: Any, lock: Any, sending: Any,
          make: Callable[[str], Rendered | None]) -> None:  # fmt: skip
    """In the worker: take pages from the last, make each, send it; stop where this process's
    MkDocs has come to (it takes them in order from the first)."""
    try:
        for n in range(len(uris) - 1, -1, -1):
            with lock:
                if claims[n] != _FREE:
                    break
                claims[n] = _THERE
            try:
                rendered = make(uris[n])
            except Exception:  # the page is made again in MkDocs' process, which says why
                rendered = None
            sending.send((n, rendered))
        sending.send(None)
    finally:
        sending.close()


# -- in the worker: a page made with MkDocs' own steps --------------------------------------------


class _Captured:
    """While a page is converted in the worker, what its loggers would have printed."""

    def __init__(self) -> None:
        self.records: list[tuple[str, int, str]] | None = None

    def call_handlers(self, logger: logging.Logger, record: logging.LogRecord) -> None:
        if self.records is not None:
            self.records.append((record.name, record.levelno, record.getMessage()))

    @contextlib.contextmanager
    def on(self) -> Iterator[list[tuple[str, int, str]]]:
        self.records = []
        try:
            yield self.records
        finally:
            self.records = None


def render_here(
    config: MkDocsConfig, files: Files, cached_template: str
) -> Callable[[str], Rendered | None]:
    """The worker's `make`: a page as MkDocs' reading of it would leave it (None for a page
    the build cache holds: MkDocs takes it from there)."""
    captured = _Captured()
    installed = False

    def make(uri: str) -> Rendered | None:
        nonlocal installed
        if not installed:  # the worker prints nothing itself: MkDocs' process says it
            logging.Logger.callHandlers = (  # type: ignore[method-assign]
                lambda self, record: captured.call_handlers(self, record)
            )
            installed = True
        file = files.get_file_from_path(uri)
        if file is None:
            return None
        page = Page(None, file, config)
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            assert page.markdown is not None
            page.markdown = config.plugins.on_page_markdown(
                page.markdown, page=page, config=config, files=files
            )
            if page.meta.get("template") == cached_template:
                return None
            with captured.on() as logged:
                page.render(config, files)
                assert page.content is not None
                page.content = config.plugins.on_page_content(
                    page.content, page=page, config=config, files=files
                )
        finally:
            config._current_page = None
        links = page.__dict__.get("links_to_anchors")
        return Rendered(
            content=page.content or "",
            toc=page.toc,
            title=page._title_from_render,
            anchors=frozenset(page.present_anchor_ids or ()),
            links_to_anchors=None if links is None
            else {to.src_uri: dict(found) for to, found in links.items()},
            logged=tuple(logged),
        )  # fmt: skip

    return make


def take(page: Page, fetch: Callable[[], Rendered | None], taken: Callable[[], None]) -> None:
    """MkDocs' `render` of this page gives what the worker made (`fetch` waits for it) and says
    what it logged then; `taken()` is told. If the worker could not make it, it is made here."""
    convert = page.render

    def render(config: MkDocsConfig, files: Files) -> None:
        rendered = fetch()
        if rendered is None:
            convert(config, files)
            return
        taken()
        for name, level, message in rendered.logged:
            logging.getLogger(name).log(level, message)
        page.content = rendered.content
        page.toc = rendered.toc
        page._title_from_render = rendered.title
        page.present_anchor_ids = set(rendered.anchors)
        if rendered.links_to_anchors is not None:
            page.links_to_anchors = {
                target: links
                for uri, links in rendered.links_to_anchors.items()
                if (target := files.get_file_from_path(uri)) is not None
            }

    setattr(page, "render", render)  # noqa: B010 (an instance attribute over the method)
