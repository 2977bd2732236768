"""The plugin's pages converted by one Markdown instance per process, reset between pages.

MkDocs' `Page.render` makes a new `markdown.Markdown` for every page: loading the extensions and
their settings again (pymdownx.superfences deep-copies its highlight settings) costs about
0.3 ms a page, some 3 s of CPU at 10,000 sheets, as much as the sanitizer. Python-Markdown's
own way to convert many documents is one instance and `reset()` between them (every extension
clears its state there). So the plugin's pages (sheets, communities, workshops, listings) go
through `Converter.render`: MkDocs' `render`, step for step, on a reused instance. MkDocs' own
per-page processors (raw HTML anchors, anchors, relative links, title) are made anew for each
page and registered under their names, which replaces the last page's (in the same order as
on a fresh instance: same priorities, registered last). The instance is made again when the
config's extensions or their settings change.

Only where MkDocs still has those processors (1.6): else `use` leaves MkDocs' own `render`.
A test converts pages of every kind both ways and compares everything `render` sets.
"""

from __future__ import annotations

import logging
from typing import Any

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_STEPS = (
    "_RawHTMLPreprocessor",
    "_ExtractAnchorsTreeprocessor",
    "_RelativePathTreeprocessor",
    "_ExtractTitleTreeprocessor",
    "get_toc",
)
AVAILABLE = all(hasattr(mkdocs_pages, name) for name in _STEPS)
_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")  # the logger of MkDocs' render


class Converter:
    """One Markdown instance for the pages of this process (see the module's docstring)."""

    def __init__(self) -> None:
        self._md: markdown.Markdown | None = None
        self._made_for: str | None = None

    def use(self, page: Page) -> None:
        """This page's `render` is `Converter.render` (an instance attribute over the method)."""
        if AVAILABLE:
            setattr(page, "render", lambda config, files: self.render(page, config, files))  # noqa: B010

    def _markdown(self, config: MkDocsConfig) -> markdown.Markdown:
        extensions = config["markdown_extensions"]
        settings: dict[str, Any] = config["mdx_configs"] or {}
        made_for = repr((extensions, settings))
        if self._md is None or made_for != self._made_for:
            self._md = markdown.Markdown(extensions=extensions, extension_configs=settings)
            self._made_for = made_for
        else:
            self._md.reset()
        return self._md

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """What `Page.render` of MkDocs 1.6 does, on the reused instance."""
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        md = self._markdown(config)
        steps: Any = mkdocs_pages  # private names of MkDocs (checked by AVAILABLE)
        raw_html = steps._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = steps._ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        relative = steps._RelativePathTreeprocessor(page.file, files, config)
        relative._register(md)
        title = steps._ExtractTitleTreeprocessor()
        title._register(md)
        try:
            page.content = md.convert(page.markdown)
        except BaseException:
            self._md = None  # whatever state the failure left: a new instance next time
            raise
        page.toc = steps.get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if _PAGES_LOG.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors
