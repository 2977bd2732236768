"""The pieces of the build cache that know MkDocs: what a page's key holds, and how a page
found in the cache goes through MkDocs without being rendered again.

A generated page's key (`page_key`) is the hash of everything its HTML depends on: the
site-wide part (`site_key`: Atelier's code and libraries, mkdocs.yml as written and as
read, the templates of `custom_dir`, the hand-written pages whose titles make the navigation,
the navigation itself) and the page's own (its address, its Markdown after link rewriting, the
template and the data it shows: `repr` of its view, a frozen dataclass of plain values).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection
from dataclasses import fields
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from atelier.core import cache
from atelier.core.settings import Settings

# The template of a page found in the cache: the plugin's on_post_page gives its HTML.
CACHED_TEMPLATE = "atelier/cached-page.html"

# What of mkdocs.yml, once read (environment variables resolved), shows on a page.
_CONFIG_KEYS = (
    "site_name", "site_url", "site_description", "site_author", "repo_url", "repo_name",
    "edit_uri", "copyright", "extra", "extra_css", "extra_javascript", "markdown_extensions",
    "mdx_configs", "use_directory_urls", "docs_dir",
)  # fmt: skip


def nav_shape(items: list[Any]) -> list[Any]:
    shape: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            shape.append(["section", item.title, nav_shape(item.children)])
        elif isinstance(item, Link):
            shape.append(["link", item.title, item.url])
        elif isinstance(item, Page):
            shape.append(["page", item.title, item.file.src_uri])
    return shape


def inputs_key(config: MkDocsConfig, settings: Settings) -> str:
    """Every input of the site but its content folders (practices, communities, workshops):
    Atelier's code and libraries, mkdocs.yml as written and as read, the settings, the
    templates of `custom_dir`, the hand-written pages, the vocabularies and privacy lists."""
    written = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
    read = {key: config.get(key) for key in _CONFIG_KEYS}
    theme = {key: config.theme.get(key) for key in sorted(config.theme.keys())}
    # The settings but where the site is (a checkout elsewhere builds the same pages).
    own = {f.name: repr(getattr(settings, f.name)) for f in fields(settings)
           if f.name not in ("root", "config_file")}  # fmt: skip
    custom = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    return cache.digest(
        cache.code_digest(),
        written,
        json.dumps([read, theme], sort_keys=True, default=str),
        repr(sorted(own.items())),
        cache.tree_digest(custom),
        cache.tree_digest([Path(config.docs_dir)]),
        cache.tree_digest([*settings.vocabularies, *settings.privacy_lists]),
    )


def site_key(inputs: str, nav: Navigation, *, serving: bool, titles: str) -> str:
    """What every generated page depends on. `inputs`: `inputs_key` (computed once a build);
    `titles`: the generated pages' titles by address (the navigation shows those of the pages
    in it)."""
    return cache.digest(
        inputs,
        json.dumps(nav_shape(nav.items), default=str),
        titles,
        str(serving),
    )


def page_key(site: str, file: File, markdown: str, template: str, data: object) -> str:
    """A generated page's key: the site's, and what is the page's own."""
    return cache.digest(
        site,
        file.src_uri,
        file.edit_uri or "",
        str(file.inclusion),
        markdown,
        template,
        repr(data),
    )


def skip_render(page: Page, anchors: Collection[str]) -> None:
    """MkDocs reads the page, but does not convert its Markdown (its HTML is in the cache);
    its anchors are those it had, for MkDocs' check of the links to them."""

    def render(config: MkDocsConfig, files: Files) -> None:
        page.content = ""
        page.present_anchor_ids = set(anchors)

    setattr(page, "render", render)  # noqa: B010 (an instance attribute over the method)


def prepare(env: jinja2.Environment, folder: Path) -> None:
    """The empty template of cached pages (their HTML replaces its output), and compiled
    templates kept in `folder` (Jinja checks each against its source: ~0.4 s a build)."""
    if env.loader is not None:
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({CACHED_TEMPLATE: ""}), env.loader])
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))


class WarningCount(logging.Handler):
    """Counts MkDocs' warnings, so that a page rendered with one is never cached: the next
    build renders it again, and says it again."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def start(self) -> None:
        """Count from now on (once: a served site's rebuilds share one handler)."""
        logger = logging.getLogger("mkdocs")
        if self not in logger.handlers:
            logger.addHandler(self)
