"""The MkDocs plugin `atelier`: events only, each a few lines calling `core` and `site`."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.templates import TemplateContext

from atelier import mkdocs_cache, mkdocs_jinja, mkdocs_markdown, mkdocs_parallel, mkdocs_preview
from atelier.core import cache as build_cache
from atelier.core import (
    calendar,
    export,
    knowledge,
    links,
    parallel,
    related,
    safety,
    taxonomy,
    timing,
    urls,
)
from atelier.core.diagnostics import Diagnostic, Report
from atelier.core.model import Sheet, Workshop
from atelier.core.settings import Settings
from atelier.site import (
    assets,
    browse,
    clearing,
    feeds,
    scanner,
    search_index,
    search_parts,
    search_record,
    strings,
    views,
)
from atelier.site import redirects as renamed
from atelier.site import workshops as workshop_views
from atelier.site.strings import STRINGS

log = get_plugin_logger(__name__)

PER_PAGE = 100  # cards per listing page

# A fixed header so that MkDocs never reads meta-data from a contributor's body text
# (its MultiMarkdown fallback would eat leading "Key: value" lines).
_HEADER = "---\natelier: generated\n---\n\n"


class _AsWritten(base.BaseConfigOption[object]):
    """An option passed on as written: `Settings` converts, checks and defaults it (with
    located French and English messages), the same way for the build and the commands."""


class AtelierConfig(base.Config):
    """The options of the `atelier` plugin in mkdocs.yml (names only: see core/settings.py)."""

    practices_dir = _AsWritten()  # folder of the sheets (practices)
    communities_dir = _AsWritten()  # folder of the communities (communities)
    workshops_dir = _AsWritten()  # folder of the workshops (workshops)
    vocabularies = _AsWritten()  # vocabulary extension files ([])
    privacy_lists = _AsWritten()  # the privacy guard's extra figures, places, software ([])
    lang = _AsWritten()  # fr or en (the theme's language, else fr)
    # Write the Pagefind search index (off only to measure its cost or for quick previews).
    search_index = _AsWritten()  # true
    # Privacy warnings in the build: "rules" (~3 ms a sheet), "model" (adds people's names,
    # ~60 ms a sheet) or "off" (default), so that large sites build fast: `atelier check`
    # (the pull-request gate) always runs the model; this site's `make serve` turns rules on.
    privacy = _AsWritten()
    # Reuse what depends only on unchanged inputs between builds (.cache/atelier/): true.
    cache = _AsWritten()


@dataclass
class _Generated:
    """A page the plugin made: its template and the data the template shows."""

    template: str
    view: views.PageView
    contributed: bool = True  # its body comes from a contributor: sanitize it
    problems: list[str] = field(default_factory=list)
    sheet: Sheet | None = None  # for a sheet page: its links to other sheets are rewritten
    workshop: Workshop | None = None  # for a workshop page: its `id:` links too

    @property
    def title(self) -> str:
        """The page title: a sheet's title, a community's name, a listing's heading."""
        return self.view.title

    @property
    def description(self) -> str:
        """The meta description: a sheet's summary or a community's domain."""
        return self.view.meta_description


class _ChromeSlot:
    """Material's header, site navigation, footer, config and scripts of a page out of the nav
    (`atelier_chrome` in overrides/main.html): the same HTML for every such page of a folder
    (their links are relative to the page; Material marks no item of the nav active for them)
    but the header's topic, the page's title. Each block is rendered for the first page of a
    folder, the topic as `TOPIC` (partials/header.html), then reused with the page's own
    title (about 1.3 ms a page saved, 0.75 of it the navigation)."""

    TOPIC = "\x00atelier-topic\x00"

    def __init__(self, rendered: dict[tuple[str, str], str], folder: str, page: Page) -> None:
        self.rendered, self.folder, self.page = rendered, folder, page

    @property
    def topic(self) -> str:
        return self.TOPIC

    def kept(self, block: str) -> Markup:
        """The block as kept for the folder, with this page's title ("" if none is kept)."""
        html = self.rendered.get((self.folder, block))
        return self._filled(html) if html is not None else Markup("")

    def keep(self, block: str, html: str) -> Markup:
        """Keep the block's first rendering for the folder; it, with this page's title."""
        self.rendered[(self.folder, block)] = str(html)
        return self._filled(str(html))

    def _filled(self, html: str) -> Markup:
        meta = self.page.meta
        title = meta.get("title") if meta and meta.get("title") else self.page.title
        return Markup(html.replace(self.TOPIC, str(title)))  # as Jinja prints it: str()


class AtelierPlugin(BasePlugin[AtelierConfig]):
    """Reads practices/ and communities/, validates them, and adds their pages."""

    def __init__(self) -> None:
        self.serving = self.dirty = self.exits_after = False
        self.settings = Settings(Path.cwd())  # until on_config reads the real ones
        self.root, self.lang = self.settings.root, self.settings.lang
        self.pages: dict[str, _Generated] = {}
        self.kb: knowledge.KnowledgeBase | None = None
        self.report = Report()
        self.taxonomies: browse.Taxonomies = {}
        self.site_views: views.SiteViews | None = None
        self.related: dict[str, list[related.Related]] = {}
        self.bodies: dict[str, str] = {}
        self.workshop_bodies: dict[str, str] = {}
        self.in_nav: set[str] = set()  # URLs of the pages in the nav
        # Blocks of the pages out of the nav, by folder and block (_ChromeSlot).
        self.chrome_html: dict[tuple[str, str], str] = {}
        self.index_job: search_index.IndexJob | None = None
        self.index_started = 0.0
        self.timer = timing.Stages()  # stage times for `make bench` ($ATELIER_TIMINGS)
        # The build cache (core/cache.py, mkdocs_cache.py): None when `cache: false`.
        self.cache: build_cache.BuildCache | None = None
        self.site_key = ""  # what every generated page depends on (on_nav)
        self.page_keys: dict[str, str] = {}  # src_uri → key of a page to keep in the cache
        self.cached: dict[str, build_cache.CachedPage] = {}  # src_uri → page from the cache
        self.written_here: list[File] = []  # cached pages this plugin writes (on_post_build)
        self.files: Files | None = None
        self.warnings = mkdocs_cache.WarningCount()
        self.warnings_at: dict[str, int] = {}  # src_uri → MkDocs warnings before the page
        self.warned: set[str] = set()  # pages that made MkDocs warn: not kept in the cache
        self.search_key = ""  # the records' digest
        self.stored_bundle: Path | None = None  # the cache's bundle for the same records
        self.preview_index: search_index.PreviewIndex | None = None  # under `mkdocs serve`
        self.clearing: clearing.Clearing | None = None  # the last build's site/, being removed
        self.taken: set[str] = set()  # cached pages taken back from the last build's site/
        self.bundle_taken = False  # its search bundle too (the same records)
        # Under `mkdocs serve`: what the last build made, and what this one keeps of it
        # (mkdocs_preview.py): the sheets whose page is made again (None: every page).
        self.snapshot: mkdocs_preview.Snapshot | None = None
        self.inputs = ""  # mkdocs_cache.inputs_key, under `mkdocs serve`
        self.plan: mkdocs_preview.Plan | None = None
        self.records: dict[str, search_record.Record] = {}  # sheet id → its search record
        self.reads: dict[str, frozenset[str]] = {}  # sheet id → the sheets its view read
        self.nav_key = ""  # the navigation's shape and the titles of its pages
        self.restored = False  # the last site folder was put back in place (on_files)
        self.record_keys: dict[str, tuple[search_record.Record, str]] = {}  # url → its digest
        self.keepable: set[str] = set()  # pages whose view and Markdown are the last ones
        self.kept: set[str] = set()  # pages not made again (EXCLUDED): site/ holds them
        self.contents: dict[str, tuple[str, str | None]] = {}  # src_uri → (Markdown, edit)
        self.keys_used: dict[str, str] = {}  # src_uri → cache key (found or made)
        self.sitemap: str | None = None
        self.quiet = mkdocs_preview.QuietLinksToKept()
        # A second process converting sheet pages meanwhile (mkdocs_parallel.py), if any.
        self.worker: parallel.Worker[mkdocs_parallel.Rendered] | None = None
        self.elsewhere: set[str] = set()  # pages the worker took
        self.from_worker: set[str] = set()  # pages whose content the worker made
        self.converter = mkdocs_markdown.Converter()  # one Markdown instance for its pages
        # Sheet pages' Markdown, key and cache entry, found in on_nav (src_uri → …).
        self.looked_up: dict[str, tuple[str, str, build_cache.CachedPage | None]] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across serve rebuilds: state is reset in
        # on_config.
        self.serving, self.dirty = command == "serve", dirty
        self.snapshot = None  # a new session: nothing of another build is trusted
        # The `mkdocs build` command (a click command) ends its process with the build.
        running = click.get_current_context(silent=True) is not None
        self.exits_after = running and command in ("build", "gh-deploy")

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Before MkDocs cleans the site folder: the served search index is set aside, and the
        # rest is removed in a thread (a dirty build keeps its files).
        if self.preview_index is not None:
            self.preview_index.set_aside(Path(config.site_dir))
        if not self.dirty:  # with a cache, what is the cache's own is taken back (on_env);
            # a served rebuild may put the whole last site back (on_files)
            self.clearing = clearing.Clearing(
                Path(config.site_dir),
                keep_until_start=self.cache is not None or self.snapshot is not None,
            )

    def on_shutdown(self) -> None:
        self.snapshot = None
        if self.preview_index is not None:
            self.preview_index.close()
            self.preview_index = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.timer = timing.Stages()
        self.pages = {}
        self.bodies = {}
        self.workshop_bodies = {}
        self.chrome_html = {}
        self.kb = None
        self.site_views = None
        settings = Settings.from_mkdocs(self.config, config)
        self.settings, self.root, self.lang = settings, settings.root, settings.lang
        folder = build_cache.directory(settings.root) if settings.cache else None
        if folder is None:
            self.cache = None
        elif self.serving and self.cache is not None and self.cache.folder == folder:
            self.cache = self.cache.next_build()  # a rebuild of a served site: kept in memory
        else:
            self.cache = build_cache.BuildCache(folder)
        self.page_keys, self.cached, self.warnings_at, self.warned = {}, {}, {}, set()
        self.written_here, self.taken, self.bundle_taken = [], set(), False
        self.plan, self.keepable, self.kept, self.contents = None, set(), set(), {}
        self.records, self.record_keys, self.reads, self.nav_key = {}, {}, {}, ""
        self.inputs = ""  # set by on_files under `mkdocs serve`
        self.restored = False
        self.keys_used, self.sitemap, self.quiet.kept = {}, None, set()
        self.search_key, self.stored_bundle = "", None
        self.warnings.start()
        if settings.errors:  # its warnings are logged with the sheets' (knowledge.load)
            lines = [d.render(self.lang) for d in settings.errors]
            raise PluginError(_summary(lines, self.lang, settings.config_name))
        watched = [settings.root / folder for folder in settings.content_dirs]
        if config.theme.custom_dir:
            watched.append(Path(config.theme.custom_dir))
        watched += settings.vocabularies + settings.privacy_lists
        for path in watched:
            if str(path) not in config.watch and path.exists():
                config.watch.append(str(path))
        return config

    @event_priority(-50)  # after other plugins added their files, so URL clashes are seen
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Read the sheets, then add their pages and every listing. Both make millions of
        objects that live until the build ends: the collector is paused meanwhile (it would
        walk them again and again, while nothing made is garbage yet), and they are frozen
        after, so that its later passes need not walk them either (some 3 s of a warm build
        of 10,000 sheets, 1.5 s of a cold one). Unfrozen at the end (`mkdocs serve`)."""
        with _collector_paused():
            files = self._read_and_add(files, config)
        gc.freeze()
        return files

    def _read_and_add(self, files: Files, config: MkDocsConfig) -> Files:
        self.timer.lap()
        self.files = files
        assets.minify(files, config)
        kb, report = knowledge.load(self.settings, self.cache)
        self.kb, self.report = kb, report
        self.timer.lap("reading and validation")
        # Under `mkdocs serve`, the sheets whose face changed since the last build (None: more
        # changed). With none, the related sheets and the taxonomies (made of faces,
        # vocabularies and options only) are the last build's.
        last = self.snapshot
        faces: set[str] | None = None
        if self.serving:  # (the snapshot keeps it for the next build)
            self.inputs = mkdocs_cache.inputs_key(config, self.settings)
        if self.serving and last is not None:
            faces = mkdocs_preview.changed_faces(last, self.inputs, kb)
        same = last if faces == set() and last and last.taxonomies is not None else None
        self.taxonomies = same.taxonomies if same is not None else taxonomy.build(kb)
        site_views = self.site_views = views.SiteViews(
            kb, config.site_name, config.site_url, today=self.settings.today
        )
        self._refuse_outside_files(files, config, report)
        with self.timer.stage("related"):
            if same is None:
                self.related = related.for_site(kb, self.cache)
            else:
                self.related = same.related
                if self.cache is not None:  # its entry stays for the next build
                    self.cache.keep_using_value(related.cache_key(kb))
        if faces is not None:
            self._plan_preview(config, site_views, faces)
        self._add_pages(files, config, site_views, report)
        self._add_browse_pages(files, config, site_views)
        self._add_workshop_pages(files, config, site_views)
        if self.plan is not None:
            self._choose_keepable()
        self._check_destinations(files, report)
        taken = {file.dest_uri: str(file.abs_src_path or file.src_uri) for file in files}
        renamed.check_urls(kb, taken, report, config.use_directory_urls)  # old addresses
        for warning in report.warnings:
            log.warning(warning.render(self.lang))
        if report.errors:
            lines = [d.render(self.lang) for d in report.errors]
            if not self.serving:
                raise PluginError(_summary(lines, self.lang))
            for line in lines:
                log.error(line)
        if kb.drafts:
            ids = ", ".join(s.id for s in kb.drafts)
            log.info(
                Diagnostic(
                    "practices", 0, "draft-count", {"count": len(kb.drafts), "ids": ids}
                ).text(self.lang)
            )
        counts = {"sheets": len(kb.published), "communities": len(kb.communities),
                  "workshops": len(kb.workshops)}  # fmt: skip
        log.info(Diagnostic("practices", 0, "build-summary", counts).text(self.lang))
        self.timer.lap("generated pages")
        return files

    def _refuse_outside_files(self, files: Files, config: MkDocsConfig, report: Report) -> None:
        """A symlink in docs/ must not publish a file from outside the repository."""
        docs_dir = os.path.abspath(config.docs_dir)
        for file in list(files):
            if not file.abs_src_path or file.generated_by or file.src_dir != docs_dir:
                continue  # theme files come from installed packages, not contributors
            real = os.path.realpath(file.abs_src_path)
            if not real.startswith(str(self.root) + os.sep):
                shown = Path(config.docs_dir).name + "/" + file.src_uri
                report.error(shown, 0, "outside-repo", target=real)
                files.remove(file)

    def _add_pages(
        self, files: Files, config: MkDocsConfig, site_views: views.SiteViews, report: Report
    ) -> None:
        kb = site_views.kb
        docs_dir = Path(config.docs_dir)
        by_path = report.by_path()
        up = os.path.relpath(kb.root, docs_dir)  # once: relpath for each sheet costs ~0.1 s
        sheets = kb.sheets
        # Under `mkdocs serve`, which other sheets each view reads (mkdocs_preview.Reads).
        reads = mkdocs_preview.Reads(sheets) if self.serving else None
        last_reads = self.snapshot.reads if self.snapshot is not None else {}
        try:
            if reads is not None:
                kb.sheets = reads
            for sheet in sheets.values():
                problems = [d.render(self.lang) for d in by_path.get(sheet.path, []) if d.is_error]
                uri = f"practices/{sheet.id}.md"
                generated = self._last_view(uri, sheet.id, problems)
                if generated is None:
                    view = site_views.sheet(sheet, self.related[sheet.id])
                    generated = _Generated("atelier/sheet.html", view, problems=problems,
                                           sheet=sheet)  # fmt: skip
                    if reads is not None:
                        self.reads[sheet.id] = reads.take()
                elif sheet.id in last_reads:
                    self.reads[sheet.id] = last_reads[sheet.id]
                self._add(
                    files, config, uri, sheet.body, generated,
                    edit=os.path.normpath(os.path.join(up, sheet.path)),
                    inclusion=InclusionLevel.DRAFT if sheet.is_draft
                    else InclusionLevel.NOT_IN_NAV,
                )  # fmt: skip
        finally:
            kb.sheets = sheets
        if self.serving:  # an unreadable sheet still gets a page that says what to fix
            for sheet_id, path in kb.failed.items():
                problems = [d.render(self.lang) for d in by_path.get(path, [])]
                failed = views.ProblemsPage(t=STRINGS[self.lang], path=path)
                self._add(
                    files, config, f"practices/{sheet_id}.md", "",
                    _Generated("atelier/problems.html", failed, problems=problems),
                    edit=os.path.relpath(kb.root / path, docs_dir),
                )  # fmt: skip
        for community in kb.communities.values():
            self._add(
                files, config, f"communities/{community.id}.md", community.body,
                _Generated("atelier/community.html", site_views.community(community)),
                edit=os.path.relpath(kb.root / community.path, docs_dir),
            )  # fmt: skip
        self._add_paged(files, config, "practices/index.md", "atelier/listing.html",
                        site_views.listing(self.lang))  # fmt: skip
        communities = _Generated(
            "atelier/communities.html", site_views.communities(self.lang), contributed=False
        )
        self._add(files, config, "communities/index.md", "", communities)

    def _add_browse_pages(
        self, files: Files, config: MkDocsConfig, site_views: views.SiteViews
    ) -> None:
        """Taxonomy indexes and terms, subject × level cells, lessons, questions, coverage."""
        kb = site_views.kb
        terms = self.taxonomies
        # A served rebuild in which no sheet's face changed (mkdocs_preview.plan: the same
        # sheets, vocabularies and options): these pages show nothing but faces, so their views
        # are the last build's (~0.4 s at 10,000 sheets). The open questions read bodies.
        last = self._last_pages_if_same_faces()
        for tax in taxonomy.TAXONOMIES:
            if tax.name == "community":  # community pages and their index exist already
                continue
            uri = f"{tax.folder}/index.md"
            if last is not None and uri in last:
                self._add(files, config, uri, "", last[uri])
            else:
                index = browse.taxonomy_index(kb, terms, tax.name)
                self._add(files, config, uri, "",
                          _Generated("atelier/terms.html", index, contributed=False))  # fmt: skip
            for term in terms[tax.name].values():
                uri = f"{term.url.rstrip('/')}.md"
                if last is None or not self._add_last_paged(files, config, uri, last):
                    view = browse.term_page(site_views, terms, term)
                    self._add_paged(files, config, uri, "atelier/term.html", view)
        pages: dict[str, tuple[str, Callable[[], views.PageView]]] = {
            "search.md": ("atelier/search.html", lambda: browse.search_page(kb, terms)),
            "lessons.md": ("atelier/lessons.html", lambda: browse.lessons(kb, terms)),
            "questions.md": ("atelier/questions.html", lambda: browse.open_questions(site_views)),
            "coverage.md": ("atelier/coverage.html", lambda: browse.coverage(kb, terms)),
        }
        for src_uri, (template, make) in pages.items():
            if last is not None and src_uri in last and src_uri != "questions.md":
                self._add(files, config, src_uri, "", last[src_uri])
            else:
                self._add(files, config, src_uri, "", _Generated(template, make(),
                                                                 contributed=False))  # fmt: skip

    def _last_pages_if_same_faces(self) -> dict[str, _Generated] | None:
        """The last served build's pages, when this one has a plan in which no face changed."""
        if self.plan is None or self.plan.faces or self.snapshot is None:
            return None
        return self.snapshot.pages

    def _add_last_paged(
        self, files: Files, config: MkDocsConfig, src_uri: str, last: dict[str, _Generated]
    ) -> bool:
        """The pages of a listing (see `_add_paged`) as the last build made them, if it did."""
        if src_uri not in last:
            return False
        base = _paged_base(src_uri)
        uris = [src_uri]
        while (following := f"{base}page/{len(uris) + 1}.md") in last:
            uris.append(following)
        for uri in uris:
            self._add(files, config, uri, "", last[uri])
        return True

    def _add_workshop_pages(
        self, files: Files, config: MkDocsConfig, site_views: views.SiteViews
    ) -> None:
        """Each workshop's page and printable pack, and the index of workshops."""
        kb = site_views.kb
        docs_dir = Path(config.docs_dir)
        for workshop in kb.workshops.values():
            page = workshop_views.workshop_page(workshop, kb, config.site_url)
            self._add(
                files, config, f"workshops/{workshop.id}.md", workshop.body,
                _Generated("atelier/workshop.html", page, workshop=workshop),
                edit=os.path.relpath(kb.root / workshop.path, docs_dir),
            )  # fmt: skip
            pack = _Generated(
                "atelier/workshop-pack.html", workshop_views.pack(workshop, kb), contributed=False
            )
            self._add(files, config, f"workshops/{workshop.id}/pack.md", "", pack)
        index = workshop_views.index(kb, self.settings.today)
        self._add(files, config, "workshops/index.md", "",
                  _Generated("atelier/workshops.html", index, contributed=False))  # fmt: skip

    def _add_paged(
        self, files: Files, config: MkDocsConfig, src_uri: str, template: str, view: browse.Paged
    ) -> None:
        """A listing of cards cut into pages of PER_PAGE: no page grows with the site."""
        cards = view.sheets
        chunks = [cards[i : i + PER_PAGE] for i in range(0, len(cards), PER_PAGE)] or [()]
        base = _paged_base(src_uri)
        uris = [src_uri] + [f"{base}page/{n}.md" for n in range(2, len(chunks) + 1)]
        urls = [_url_of(uri) for uri in uris]
        for number, (uri, chunk) in enumerate(zip(uris, chunks, strict=True), start=1):
            pager = views.Pager(
                number=number,
                pages=tuple(urls),
                previous=urls[number - 2] if number > 1 else None,
                next=urls[number] if number < len(urls) else None,
            )
            title = view.title if number == 1 else f"{view.title} ({number}/{len(chunks)})"
            page_view = dataclasses.replace(
                view, sheets=chunk, total=len(cards), pager=pager, title=title
            )
            self._add(files, config, uri, "", _Generated(template, page_view, contributed=False))

    def _add(
        self,
        files: Files,
        config: MkDocsConfig,
        src_uri: str,
        body: str,
        generated: _Generated,
        *,
        edit: str | None = None,
        inclusion: InclusionLevel = InclusionLevel.NOT_IN_NAV,
    ) -> None:
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            other = existing.abs_src_path or existing.src_uri
            self.report.error(str(other), 0, "url-duplicate", url=src_uri, other=generated.title)
            return
        file = File.generated(config, src_uri, content=_HEADER + body, inclusion=inclusion)
        if edit is not None:
            file.edit_uri = Path(edit).as_posix()
        files.append(file)
        self.pages[src_uri] = generated
        if self.serving:
            self.contents[src_uri] = (body, file.edit_uri)

    # --- `mkdocs serve`: only the pages a save changed (mkdocs_preview.py) ----------------------

    def _plan_preview(
        self, config: MkDocsConfig, site_views: views.SiteViews, faces: set[str]
    ) -> None:
        """Whether this served build may keep most of the last one's pages, and which sheets'
        pages it makes again (`plan`); the bodies, cards and search records start as the last
        ones (the same sheets but for their bodies, the same vocabularies and options)."""
        last = self.snapshot
        if last is None or self.clearing is None or self.clearing.old is None:
            return
        if last.site_dir != config.site_dir:
            return
        self.plan = mkdocs_preview.plan(last, faces, site_views.kb, self.related)
        if self.plan is not None:
            self.bodies, self.workshop_bodies = dict(last.bodies), dict(last.workshop_bodies)
            faces = self.plan.faces
            site_views.reuse_cards({k: v for k, v in last.cards.items() if k not in faces})
            self.records = {k: v for k, v in last.records.items() if k not in self.plan.remake}

    def _last_view(self, uri: str, sheet_id: str, problems: list[str]) -> _Generated | None:
        """A sheet page's view of the last served build, when this one may keep it."""
        if self.plan is None or sheet_id in self.plan.remake or self.snapshot is None:
            return None
        last = self.snapshot.pages.get(uri)
        return last if last is not None and last.problems == problems else None

    def _choose_keepable(self) -> None:
        """The pages whose view and Markdown are those of the last build: with the same pages
        as the last build, its site folder goes back in place and holds them (on_nav excludes
        them from this build). Else every page is made (a full build)."""
        last = self.snapshot
        remake = self.plan.remake if self.plan is not None else set()
        if (
            last is None
            or self.pages.keys() != last.pages.keys()
            or self.clearing is None
            or not self.clearing.restore()
        ):
            self.plan = None
            return
        self.clearing, self.restored = None, True
        for uri, generated in self.pages.items():
            before = last.pages[uri]
            view = generated.view
            if isinstance(view, workshop_views.PackPage) and any(
                item.id in remake for item in view.sheets
            ):
                continue  # it shows the bodies of its sheets
            if (generated is before or generated == before) and (
                self.contents[uri] == last.contents.get(uri)
            ):
                self.keepable.add(uri)

    def _check_destinations(self, files: Files, report: Report) -> None:
        """Two sources for one URL is an error (MkDocs would silently keep the last)."""
        seen: dict[str, str] = {}
        for file in files:
            source = file.abs_src_path or file.src_uri
            if file.dest_uri in seen:
                report.error(
                    str(source), 0, "url-duplicate", url="/" + file.url, other=seen[file.dest_uri]
                )
            else:
                seen[file.dest_uri] = str(source)

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return None
        # Material prints titles and descriptions raw: give it escaped text only.
        page.title = escape(generated.title)
        page.meta = {"template": generated.template}
        if generated.description:
            page.meta["description"] = escape(generated.description)
        uri = page.file.src_uri
        looked_up = self.looked_up.pop(uri, None)  # on_nav made its Markdown and its key
        markdown = self._rewritten(markdown, generated) if looked_up is None else looked_up[0]
        markdown = self._from_cache(page, markdown, generated, looked_up)
        if (worker := self.worker) is not None and uri in self.elsewhere and uri not in self.cached:
            mkdocs_parallel.take(
                page, lambda: worker.result(uri), lambda: self.from_worker.add(uri)
            )
        return markdown

    def _rewritten(self, markdown: str, generated: _Generated) -> str:
        """A sheet's or a workshop's Markdown with its links to other sheets (`id:x`, `../x.md`)
        made `x.md`, the generated page's path."""
        kb = self.kb
        if kb is None:
            return markdown
        if generated.sheet is not None:
            targets = kb.sheet_paths if self.serving else kb.published_paths
            return links.rewrite(markdown, generated.sheet, targets, aliases=kb.aliases)
        if generated.workshop is not None:
            published = kb.published_paths
            return links.rewrite(markdown, generated.workshop, published, "../practices/",
                                 kb.aliases)  # fmt: skip
        return markdown

    def _key(self, file: File, markdown: str, generated: _Generated) -> str:
        return mkdocs_cache.page_key(self.site_key, file, markdown, generated.template,
                                     (generated.view, generated.problems, generated.contributed,
                                      self.lang))  # fmt: skip

    def _from_cache(
        self,
        page: Page,
        markdown: str,
        generated: _Generated,
        looked_up: tuple[str, str, build_cache.CachedPage | None] | None = None,
    ) -> str:
        """A page whose key is in the cache is not rendered again: its HTML (and, for a sheet
        or a workshop, its body for the search index and the packs) comes from there.
        `looked_up`: its Markdown, key and cache entry, if on_nav found them already."""
        if self.cache is None or isinstance(generated.view, workshop_views.PackPage):
            return markdown  # a pack shows its sheets' bodies as this build renders them
        uri = page.file.src_uri
        last = self.snapshot
        if looked_up is not None:
            _, key, found = looked_up
        else:
            if (
                last is not None
                and uri in self.keepable
                and uri in last.keys
                and (last.site_key == self.site_key)
            ):
                key = last.keys[uri]  # a page of the navigation as the last served build made it
            else:
                key = self._key(page.file, markdown, generated)
            found = self.cache.page(key)
        self.keys_used[page.file.src_uri] = key
        if found is None:
            self.page_keys[page.file.src_uri] = key
            return markdown
        self.cached[page.file.src_uri] = found
        if found.body is not None and (kept := self._bodies_of(generated)) is not None:
            bodies, item_id = kept
            bodies[item_id] = found.body
        page.meta["template"] = mkdocs_cache.CACHED_TEMPLATE
        mkdocs_cache.skip_render(page, found.anchors)
        return ""

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        """Once the sitemap lists every page, the pages found in the cache leave MkDocs: it
        would only run its context, an empty template and a write for each. This plugin writes
        them (on_post_build). Pages of the navigation stay: they are few."""
        if template_name == "sitemap.xml":
            for file in self.written_here:
                file.inclusion = InclusionLevel.EXCLUDED
            if self.kept and self.snapshot is not None and self.snapshot.sitemap is not None:
                output_content = self.snapshot.sitemap  # the same pages: the last sitemap
            self.sitemap = output_content
        return output_content

    def _choose_written_here(self, config: MkDocsConfig) -> None:
        """The pages found in the cache that this plugin writes, not MkDocs (those out of the
        navigation): chosen once every page is read (on_env), excluded after the sitemap (a
        theme without one lets MkDocs write them all)."""
        self.written_here = []
        if "sitemap.xml" not in config.theme.static_templates:
            return
        for uri in self.cached:
            file = self.files.get_file_from_path(uri) if self.files is not None else None
            if file is None or file.page is None or file.url in self.in_nav:
                continue
            if not file.inclusion.is_excluded():
                self.written_here.append(file)

    def _take_back(self) -> None:
        """What the last build's site/ holds of the cache's own files (the same inodes) moves
        into the new one instead of being removed and linked again; then the rest of it goes."""
        if self.clearing is None:
            return
        for file in self.written_here:
            if self.clearing.take_page(file.dest_uri, str(self.cached[file.src_uri].path)):
                self.taken.add(file.src_uri)
        if self.stored_bundle is not None:
            self.bundle_taken = self.clearing.take_tree(
                "pagefind", self.stored_bundle, frozenset({build_cache.BUNDLE_COMPLETE})
            )
        self.clearing.start()

    @event_priority(-100)  # last: sanitize what every other plugin produced
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.warnings.count != self.warnings_at.get(page.file.src_uri, -1):
            self.warned.add(page.file.src_uri)
        generated = self.pages.get(page.file.src_uri)
        if generated is None or not generated.contributed or page.file.src_uri in self.cached:
            return None
        if page.file.src_uri in self.from_worker:  # this very method ran there, on this page
            if (kept := self._bodies_of(generated)) is not None:
                bodies, item_id = kept
                bodies[item_id] = html
            return None
        _escape_toc(page.toc.items)
        with self.timer.stage("rendering: sanitize"):
            clean = safety.sanitize(html)
        clean = strings.permalink_titles(clean, strings.page_lang(generated.view, self.lang))
        if (kept := self._bodies_of(generated)) is not None:
            bodies, item_id = kept
            bodies[item_id] = clean  # for the search index and the packs
        return clean

    def _bodies_of(self, generated: _Generated) -> tuple[dict[str, str], str] | None:
        """Where a sheet's or a workshop's rendered body is kept, and under which id."""
        if generated.sheet is not None:
            return self.bodies, generated.sheet.id
        if generated.workshop is not None:
            return self.workshop_bodies, generated.workshop.id
        return None

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
        self.in_nav = {page.url for page in nav.pages}
        self.chrome_html = {}
        in_nav = {page.file.src_uri for page in nav.pages}
        if self.serving:
            self.nav_key = build_cache.digest(
                json.dumps(mkdocs_cache.nav_shape(nav.items), default=str),
                repr(sorted((uri, self.pages[uri].title) for uri in in_nav if uri in self.pages)),
            )
            if self.snapshot is not None and self.nav_key != self.snapshot.nav_key:
                # Every page shows the navigation: none is kept (the last site is overwritten,
                # page by page: the same pages).
                self.plan, self.keepable = None, set()
        by_uri = {file.src_uri: file for file in files} if self.keepable else {}
        for uri in self.keepable - in_nav:  # pages of the navigation are made every time
            file = by_uri.get(uri)
            if file is not None:
                file.inclusion = InclusionLevel.EXCLUDED  # MkDocs neither reads nor writes it
                self.kept.add(uri)
        self.quiet.kept = self.kept
        if self.kept:
            logging.getLogger("mkdocs.structure.pages").addFilter(self.quiet)
            log.info(f"preview: {len(self.pages) - len(self.kept)} pages made again, "
                     f"{len(self.kept)} kept from the last build")  # fmt: skip
        if self.cache is not None:
            titles = repr(sorted((uri, page.title) for uri, page in self.pages.items()))
            # Under `mkdocs serve`, the inputs' digest is the one on_files made (the same tree
            # digests of docs/, the theme overrides and the vocabularies, read once a build).
            inputs = self.inputs or mkdocs_cache.inputs_key(config, self.settings)
            self.site_key = mkdocs_cache.site_key(inputs, nav, serving=self.serving, titles=titles)
        self._start_worker(config, files)

    def _start_worker(self, config: MkDocsConfig, files: Files) -> None:
        """Fork the process that converts sheet pages from the last while MkDocs converts them
        from the first (mkdocs_parallel.py): last in on_nav, every input of a page is known.
        It takes only the pages the cache does not hold: their keys and entries are looked up
        here, once (on_page_markdown takes them)."""
        self.elsewhere, self.from_worker, self.looked_up = set(), set(), {}
        if self.serving:
            return
        sheets = []
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
            generated = self.pages.get(file.src_uri)
            if generated is None or generated.sheet is None:
                continue
            if self.cache is not None:
                markdown = self._rewritten(file.content_string.removeprefix(_HEADER), generated)
                key = self._key(file, markdown, generated)
                found = self.cache.page(key)
                self.looked_up[file.src_uri] = (markdown, key, found)
                if found is not None:
                    continue
            sheets.append(file.src_uri)
        if mkdocs_parallel.wanted(config, self, serving=self.serving, pages=len(sheets)):
            there = mkdocs_parallel.PagesThere(config, files, mkdocs_cache.CACHED_TEMPLATE)
            self.worker = parallel.Worker(sheets, there.convert, "render")

    def _stop_worker(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None
            log.info(f"{len(self.from_worker)} sheet pages converted by a second process")

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page | None:
        self.warnings_at[page.file.src_uri] = self.warnings.count
        if self.worker is not None and not self.worker.claim(page.file.src_uri):
            self.elsewhere.add(page.file.src_uri)
        if page.file.src_uri in self.pages:
            _source_without_meta(page)
            self.converter.use(page)
        return page

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        generated = self.pages.get(page.file.src_uri)
        self.warnings_at[page.file.src_uri] = self.warnings.count
        if page.file.src_uri in self.cached:
            return context  # its template prints nothing: on_post_page gives its HTML
        if page.is_homepage and self.site_views is not None:
            home = browse.home(self.site_views, self.taxonomies)
            context["atelier_home"] = home  # type: ignore[typeddict-unknown-key]
        if generated is not None and isinstance(generated.view, workshop_views.PackPage):
            # Every page's body is rendered by now: the pack gathers its sheets' bodies.
            pack = generated.view
            sheets = tuple(
                dataclasses.replace(
                    item,
                    html=workshop_views.pack_body(
                        self.bodies.get(item.id, ""), item.id, urls.workshop_pack_url(pack.card.id)
                    ),
                )
                for item in pack.sheets
            )
            generated = dataclasses.replace(
                generated, view=dataclasses.replace(pack, sheets=sheets)
            )
        if generated is not None and not any(url.startswith(page.url) for url in self.in_nav):
            folder = page.url.rstrip("/").rpartition("/")[0]  # practices/a/ -> practices
            context["atelier_chrome"] = _ChromeSlot(self.chrome_html, folder, page)  # type: ignore[typeddict-unknown-key]
        if generated is not None:
            context["atelier"] = generated.view  # type: ignore[typeddict-unknown-key]
            context["atelier_problems"] = generated.problems  # type: ignore[typeddict-unknown-key]
        return context

    @event_priority(-100)  # last: the page as it will be written
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        uri = page.file.src_uri
        cached = self.cached.get(uri)
        if cached is not None:
            return cached.html().decode("utf-8")
        key = self.page_keys.get(uri)
        if key is None or self.cache is None:
            return None
        if self.warnings.count != self.warnings_at.get(uri, -1):
            self.warned.add(uri)
        if uri not in self.warned:  # else: rendered again next time, and warns again
            kept = self._bodies_of(self.pages[uri])
            body = kept[0].get(kept[1]) if kept is not None else None
            self.cache.keep_page(key, output, body, page.present_anchor_ids or ())
        return None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Open data and feeds: api/practices.json, feed.xml, one feed per community."""
        kb = self.kb
        if kb is None:
            return
        self.timer.lap("rendering: templates")
        site_dir = Path(config.site_dir)
        if self.plan is None or not self.plan.same_exports:  # else: the last ones, in site/
            self._write_exports(kb, site_dir, config)
        self.timer.lap("exports")
        folders: set[str] = set()
        for file in self.written_here:  # pages found in the cache, as MkDocs would write them
            if file.src_uri in self.taken:
                continue  # already there: the same file (_take_back)
            target = file.abs_dest_path
            folder = os.path.dirname(target)
            if folder not in folders:
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            self.cached[file.src_uri].write_to(target)
        self.timer.lap("cached pages")
        if self.clearing is not None:  # the last build's files are gone by now
            self.clearing.wait()
            self.clearing = None
        pages = {f.src_uri: f.dest_uri for f in self.files or () if f.is_documentation_page()}
        problems = scanner.scan_build(
            config, pages.values(),
            {pages.get(f"practices/{s.id}.md", f"practices/{s.id}/index.html"): s.path
             for s in kb.published},
            redirects=renamed.paths(kb, config.use_directory_urls),
            # Pages from the cache, or kept from the last served build, were scanned by the
            # build that made them, with this code.
            trusted={pages[uri] for uri in (*self.cached, *self.kept)},
        )  # fmt: skip
        self.timer.lap("scan")
        if problems and not self.serving:
            raise PluginError(scanner.summary(problems, self.lang))  # on_build_error stops Pagefind
        for problem in problems:
            log.error(problem.render(self.lang))
        last = self.snapshot
        if self.cache is not None and not problems:  # a failed scan vouches for nothing
            for uri, key in self.page_keys.items():  # the pages made: their HTML as written
                made = self.files.get_file_from_path(uri) if self.files is not None else None
                if made is not None:
                    self.cache.take_html(key, made.abs_dest_path)
            if last is not None:  # the pages kept from the last served build are still used
                self.cache.keep_using(last.keys[uri] for uri in self.kept if uri in last.keys)
            self.cache.save_early()  # readings and entries (~1 s at 10,000 sheets)
        self.timer.lap("cache: pages")
        # Pagefind has been indexing since on_env in a process of its own: the scan, the
        # links above and most of the cache were written on the other core meanwhile; only now
        # does the build wait for it. (What the cache holds counts once `save` lists it.)
        self._write_search_index(site_dir)
        self.timer.lap("search index: wait")
        if self.cache is not None and not problems:
            self.cache.save()
            log.info(f"cache: {self.cache.hits} found, {self.cache.misses} made")
            self.timer.lap("cache: save")
        if self.serving:
            keys = {uri: last.keys[uri] for uri in self.kept if last and uri in last.keys}
            self.snapshot = mkdocs_preview.Snapshot(
                site_dir=config.site_dir,
                inputs=self.inputs,
                kb=kb,
                related=self.related,
                pages=dict(self.pages),
                contents=self.contents,
                bodies=self.bodies,
                workshop_bodies=self.workshop_bodies,
                keys=keys | self.keys_used,
                sitemap=self.sitemap,
                cards=self.site_views.made_cards if self.site_views else {},
                records=self.records,
                record_keys=self.record_keys,
                reads=self.reads,
                nav_key=self.nav_key,
                taxonomies=self.taxonomies,
                site_key=self.site_key,
            )
        self.timer.write()
        self._unfreeze()

    def _write_exports(
        self, kb: knowledge.KnowledgeBase, site_dir: Path, config: MkDocsConfig
    ) -> None:
        """Open data, feeds, calendars and redirects: what the site publishes beside its pages."""
        related_ids = {
            sheet_id: [item.id for item in items] for sheet_id, items in self.related.items()
        }
        data = export.practices_json(kb, self.taxonomies, related_ids, kb.backlinks,
                                     config.site_url)  # fmt: skip
        _write(site_dir / "api" / "practices.json", _json(data))
        # Renamed sheets: practices/<old id>/ redirects to the page (renamed.paths lists them).
        renamed.write(kb, site_dir, config.site_url, config.use_directory_urls)
        _write(
            site_dir / "feed.xml",
            feeds.atom_feed(kb.published, title=config.site_name, feed_path="feed.xml",
                             site_url=config.site_url, lang=self.lang),
        )  # fmt: skip
        for community in kb.communities.values():
            path = f"communities/{community.id}/feed.xml"
            feed = feeds.atom_feed(
                kb.sheets_of_community(community.id),
                title=f"{community.name} — {config.site_name}",
                feed_path=path,
                site_url=config.site_url,
                lang=community.lang,
            )
            _write(site_dir / path, feed)
        self._write_calendars(kb, site_dir, config)
        _write(
            site_dir / "api" / "workshops.json",
            _json(export.workshops_json(kb, config.site_url)),
        )

    def _write_calendars(
        self, kb: knowledge.KnowledgeBase, site_dir: Path, config: MkDocsConfig
    ) -> None:
        """calendar.ics, one per community, one per workshop (reproducible: SOURCE_DATE_EPOCH)."""
        site_url = config.site_url or ""

        def page_url(workshop: Workshop) -> str:
            return urls.absolute(config.site_url, urls.workshop_url(workshop.id))

        (site_dir / urls.SITE_CALENDAR_PATH).write_bytes(
            calendar.site_calendar(kb, site_url=site_url, name=config.site_name, page_url=page_url)
        )
        for community in kb.communities.values():
            if not kb.workshops_of_community(community.id):
                continue
            path = site_dir / urls.community_calendar_path(community.id)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(calendar.community_calendar(kb, community.id, site_url=site_url,
                                                         page_url=page_url))  # fmt: skip
        host = calendar.host_of(site_url)
        for workshop in kb.workshops.values():
            one = calendar.build([workshop], kb, name=workshop.title, host=host,
                                 page_url=page_url)  # fmt: skip
            path = site_dir / urls.workshop_event_path(workshop.id)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(one.to_ical())

    @event_priority(-100)  # last: every page's body is rendered (and sanitized) by now
    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> None:
        """Start indexing while MkDocs renders the pages: the index then costs little time."""
        self._stop_worker()  # every page is read by now
        gc.freeze()  # the pages' HTML, tables of contents…: kept to the end (see on_files)
        self.timer.lap("rendering: markdown")
        if self.cache is not None:
            mkdocs_cache.prepare(env, self.cache.folder / "templates")
        mkdocs_jinja.install(env, config.theme["language"])
        self._start_index()
        self._choose_written_here(config)
        self._take_back()
        if self.restored:  # the last site is back: a page made again never writes through a link
            for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(file.abs_dest_path)  # (it may be one to a cache entry)
        self.timer.lap("cached pages: taken back")

    def _start_index(self) -> None:
        kb = self.kb
        if kb is None or not self.settings.search_index:
            return
        made = self.records  # under `mkdocs serve`, those of unchanged sheets are the last ones
        for sheet in kb.published:
            if sheet.id not in made:
                made[sheet.id] = search_record.record(sheet, kb, self.bodies.get(sheet.id, ""))
        records = [made[sheet.id] for sheet in kb.published]
        records += [
            search_record.workshop_record(workshop, kb, self.workshop_bodies.get(workshop.id, ""))
            for workshop in kb.agenda
        ]
        self._cancel_index()
        if self.cache is not None or self.serving:  # a bundle may be reused
            # Each record's own digest (kept for the next served build: the same record, the
            # same digest), then theirs together.
            last = self.snapshot.record_keys if self.snapshot is not None else {}
            keys = self.record_keys = {}
            for item in records:
                found = last.get(item.url)
                keys[item.url] = (
                    found
                    if found is not None and found[0] is item
                    else (item, build_cache.digest(item.url, item.lang, item.date, item.html))
                )
            self.search_key = build_cache.digest(
                build_cache.code_digest(), self.lang, str(search_parts.part_size()),
                *(keys[item.url][1] for item in records),
            )  # fmt: skip
        if self.preview_index is not None and self.preview_index.key == self.search_key:
            return  # served again with the same records: the bundle set aside (on_post_build)
        if self.cache is not None:
            self.stored_bundle = self.cache.search_bundle(self.search_key)
            if self.stored_bundle is not None:
                return  # the same records: the same bundle (copied in on_post_build)
        try:
            self.index_job = search_index.IndexJob(records, lang=self.lang)
        except search_index.SearchIndexError as error:
            raise PluginError(str(error)) from None
        self.index_started = time.perf_counter()
        self.timer.lap("search index: records")

    def _write_search_index(self, site_dir: Path) -> None:
        job, self.index_job = self.index_job, None
        preview = self.preview_index
        if job is None and preview is not None and preview.reuse(self.search_key, site_dir):
            return
        if self.stored_bundle is not None:
            if not self.bundle_taken:
                search_index.copy_bundle(self.stored_bundle, site_dir / "pagefind")
            log.info("pagefind: the same records as the last build (bundle from the cache)")
            return
        if job is None:
            return
        if self.serving:  # the pages are served now; the index follows (PreviewIndex)
            self.preview_index = preview or search_index.PreviewIndex()
            self.preview_index.start(job, self.search_key, site_dir, self._indexed,
                                     lambda error: log.error(str(error)))  # fmt: skip
            log.info("pagefind: updating the search index in the background")
            return
        try:
            counts = job.finish(site_dir / "pagefind")
        except search_index.SearchIndexError as error:
            raise PluginError(str(error)) from None
        if self.cache is not None and self.search_key:
            self.cache.keep_search_bundle(self.search_key, site_dir / "pagefind")
        self._indexed(counts)

    def _indexed(self, counts: dict[str, int]) -> None:
        elapsed = time.perf_counter() - self.index_started
        summary = ", ".join(f"{lang}: {count}" for lang, count in counts.items()) or "0"
        log.info(f"pagefind: {summary} ({elapsed:.1f} s after the pages began)")

    def _cancel_index(self) -> None:
        if self.index_job is not None:
            self.index_job.cancel()
            self.index_job = None

    def on_build_error(self, *, error: Exception) -> None:
        self._cancel_index()
        self._stop_worker()
        self.snapshot = None  # what site/ holds is not known: the next build is a whole one
        self._unfreeze()
        if self.clearing is not None:  # the last build's site/ goes all the same
            self.clearing.start()
            self.clearing = None

    def _unfreeze(self) -> None:
        """What this build froze (on_files) may be collected again: under `mkdocs serve`, or
        when MkDocs is run from Python (tests). Not when the `mkdocs build` command exits next:
        unfrozen, they would soon be walked by a full collection (some 3 s at 10,000 sheets)."""
        if not self.exits_after:
            gc.unfreeze()


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection meanwhile: it would walk every object made so far, again and
    again, while nothing made is garbage yet."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _url_of(src_uri: str) -> str:
    """The directory URL MkDocs gives a Markdown source: a/index.md → a/, a/b.md → a/b/."""
    return src_uri.removesuffix(".md").removesuffix("index").rstrip("/") + "/"


def _json(data: object) -> str:
    """Open data as compact JSON, one line (Python's C encoder: ~1 s less at 10,000 sheets
    than an indented file, which only its pure-Python encoder writes)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _paged_base(src_uri: str) -> str:
    """Where the further pages of a listing go: subjects/x.md → subjects/x/ (page/2.md…)."""
    if src_uri.endswith("index.md"):
        return src_uri.removesuffix("index.md")
    return src_uri.removesuffix(".md") + "/"


def _source_without_meta(page: Page) -> None:
    """A generated page's Markdown is its file after _HEADER: MkDocs need not look for
    meta-data in it (a YAML parse a page: ~1 s at 10,000 sheets)."""

    def read_source(config: MkDocsConfig) -> None:
        page.markdown = page.file.content_string.removeprefix(_HEADER)
        page.meta = {}

    setattr(page, "read_source", read_source)  # noqa: B010 (an instance attribute over the method)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _escape_toc(items: list[AnchorLink]) -> None:
    """Heading titles in the table of contents come from contributors: plain text only."""
    for item in items:
        item.title = str(escape(Markup(item.title).striptags()))
        _escape_toc(item.children)


def _summary(lines: list[str], lang: str, config: str | None = None) -> str:
    """Why the build stops: in the sheets or communities, or in the configuration file."""
    if lang == "fr":
        where = f"dans {config}" if config else "dans les fiches ou les communautés"
        head = f"{len(lines)} problème(s) à corriger {where} :"
        tail = "Corrigez ces fichiers puis relancez (« atelier check » les vérifie seul)."
    else:
        where = f"in {config}" if config else "in the sheets or communities"
        head = f"{len(lines)} problem(s) to fix {where}:"
        tail = "Fix these files and build again ('atelier check' checks them alone)."
    return "\n".join([head, *("  " + line for line in lines), tail])
