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
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from atelier.core import parallel


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
    if serving:
        return False
    for event in ("pre_page", "page_markdown", "page_content"):
        if any(getattr(method, "__self__", None) is not plugin
               for method in config.plugins.events[event]):  # fmt: skip
            return False  # another plugin's hook would see a page twice, or not at all
    return parallel.wanted(pages)


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


class PagesThere:
    """In the worker: sheet pages converted with MkDocs' own steps (on_pre_page, read_source,
    on_page_markdown, render, on_page_content)."""

    def __init__(self, config: MkDocsConfig, files: Files, cached_template: str) -> None:
        self.config, self.files, self.cached_template = config, files, cached_template
        self.captured = _Captured()
        self.installed = False

    def _silence(self) -> None:
        """The worker prints nothing itself: MkDocs' process says what it logged."""
        if not self.installed:
            captured = self.captured
            logging.Logger.callHandlers = (  # type: ignore[method-assign]
                lambda self, record: captured.call_handlers(self, record)
            )
            self.installed = True

    def _read(self, page: Page) -> bool:
        """MkDocs' reading of a page but its conversion: False if the build cache holds it."""
        config, files = self.config, self.files
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(
            page.markdown, page=page, config=config, files=files
        )
        return page.meta.get("template") != self.cached_template

    def convert(self, uri: str) -> Rendered | None:
        """A sheet page as MkDocs' reading of it would leave it (None for a page the build
        cache holds: MkDocs takes it from there)."""
        self._silence()
        file = self.files.get_file_from_path(uri)
        if file is None:
            return None
        config = self.config
        page = Page(None, file, config)
        config._current_page = page
        try:
            if not self._read(page):
                return None
            with self.captured.on() as logged:
                page.render(config, self.files)
                assert page.content is not None
                page.content = config.plugins.on_page_content(
                    page.content, page=page, config=config, files=self.files
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
