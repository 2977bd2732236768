"""The MkDocs plugin `atelier`: events only, each a few lines calling `core` and `site`."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.templates import TemplateContext

from atelier.core import export, knowledge, links, related, safety, search, taxonomy
from atelier.core.diagnostics import Diagnostic, Report
from atelier.core.model import Sheet
from atelier.site import browse, search_index, views
from atelier.site.strings import STRINGS

log = get_plugin_logger(__name__)

PER_PAGE = 100  # cards per listing page

# A fixed header so that MkDocs never reads meta-data from a contributor's body text
# (its MultiMarkdown fallback would eat leading "Key: value" lines).
_HEADER = "---\natelier: generated\n---\n\n"


class AtelierConfig(base.Config):
    """Options of the `atelier` plugin in mkdocs.yml."""

    practices_dir = c.Type(str, default="practices")
    communities_dir = c.Type(str, default="communities")
    vocabularies = c.ListOfItems(c.File(exists=True), default=[])
    lang = c.Optional(c.Choice(("fr", "en")))
    # Write the Pagefind search index (off only to measure its cost or for quick previews).
    search_index = c.Type(bool, default=True)
    # Privacy warnings in the build: "rules" (~3 ms a sheet), "model" (adds people's names,
    # ~60 ms a sheet) or "off". Off by default so that large sites build fast: `atelier check`
    # (the pull-request gate) always runs the model; this site's mkdocs.yml turns rules on.
    privacy = c.Choice(("off", "rules", "model"), default="off")


@dataclass
class _Generated:
    """A page the plugin made: its template and the data the template shows."""

    template: str
    view: dict[str, Any]
    contributed: bool = True  # its body comes from a contributor: sanitize it
    problems: list[str] = field(default_factory=list)
    sheet: Sheet | None = None  # for a sheet page: its links to other sheets are rewritten

    @property
    def title(self) -> str:
        """The page title: a sheet's title, a community's name, a listing's heading."""
        return str(self.view.get("title") or self.view.get("name") or "")

    @property
    def description(self) -> str:
        """The meta description: a sheet's summary or a community's domain."""
        return str(self.view.get("summary") or self.view.get("domain") or "")


class AtelierPlugin(BasePlugin[AtelierConfig]):
    """Reads practices/ and communities/, validates them, and adds their pages."""

    def __init__(self) -> None:
        self.serving = False
        self.pages: dict[str, _Generated] = {}
        self.kb: knowledge.KnowledgeBase | None = None
        self.report = Report()
        self.taxonomies: browse.Taxonomies = {}
        self.related: dict[str, list[related.Related]] = {}
        self.bodies: dict[str, str] = {}
        self.index_job: search_index.IndexJob | None = None
        self.index_started = 0.0

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across serve rebuilds: state is reset in
        # on_config.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.pages = {}
        self.bodies = {}
        self.kb = None
        self.root = Path(config.config_file_path).resolve().parent
        self.lang = self.config.lang or str(config.theme.get("language") or "fr")[:2]
        if self.lang not in STRINGS:
            self.lang = "en"
        watched = [self.root / self.config.practices_dir, self.root / self.config.communities_dir]
        if config.theme.custom_dir:
            watched.append(Path(config.theme.custom_dir))
        watched += [Path(p) for p in self.config.vocabularies]
        for path in watched:
            if str(path) not in config.watch and path.exists():
                config.watch.append(str(path))
        return config

    @event_priority(-50)  # after other plugins added their files, so URL clashes are seen
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        options = knowledge.Options(
            practices_dir=self.config.practices_dir,
            communities_dir=self.config.communities_dir,
            vocabularies=tuple(Path(p) for p in self.config.vocabularies),
            lang=self.lang,
            privacy=self.config.privacy,
        )
        kb, report = knowledge.load(self.root, options)
        self.kb, self.report = kb, report
        self.taxonomies = taxonomy.build(kb)
        self._refuse_outside_files(files, config, report)
        self._add_pages(files, config, kb, report)
        self._add_browse_pages(files, config, kb)
        self._check_destinations(files, report)
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
        counts = {"sheets": len(kb.published), "communities": len(kb.communities)}
        log.info(Diagnostic("practices", 0, "build-summary", counts).text(self.lang))
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
        self, files: Files, config: MkDocsConfig, kb: knowledge.KnowledgeBase, report: Report
    ) -> None:
        docs_dir = Path(config.docs_dir)
        by_path = report.by_path()
        self.related = related.compute(kb)
        for sheet in kb.sheets.values():
            problems = [d.render(self.lang) for d in by_path.get(sheet.path, []) if d.is_error]
            view = views.sheet_view(
                sheet,
                kb,
                self.related[sheet.id],
                site_name=config.site_name,
                site_url=config.site_url,
            )
            self._add(
                files, config, f"practices/{sheet.id}.md", sheet.body,
                _Generated("atelier/sheet.html", view, problems=problems, sheet=sheet),
                edit=os.path.relpath(kb.root / sheet.path, docs_dir),
                inclusion=InclusionLevel.DRAFT if sheet.is_draft else InclusionLevel.NOT_IN_NAV,
            )  # fmt: skip
        if self.serving:  # an unreadable sheet still gets a page that says what to fix
            for sheet_id, path in kb.failed.items():
                problems = [d.render(self.lang) for d in by_path.get(path, [])]
                view = {"t": STRINGS[self.lang], "title": path, "path": path}
                self._add(
                    files, config, f"practices/{sheet_id}.md", "",
                    _Generated("atelier/problems.html", view, problems=problems),
                    edit=os.path.relpath(kb.root / path, docs_dir),
                )  # fmt: skip
        for community in kb.communities.values():
            self._add(
                files, config, f"communities/{community.id}.md", community.body,
                _Generated("atelier/community.html", views.community_view(community, kb)),
                edit=os.path.relpath(kb.root / community.path, docs_dir),
            )  # fmt: skip
        listings = {
            "practices/index.md": ("atelier/listing.html", views.listing_view(kb, self.lang)),
            "communities/index.md": (
                "atelier/communities.html",
                views.communities_view(kb, self.lang),
            ),
        }
        for src_uri, (template, view) in listings.items():
            self._add_paged(files, config, src_uri, template, view)

    def _add_browse_pages(
        self, files: Files, config: MkDocsConfig, kb: knowledge.KnowledgeBase
    ) -> None:
        """Taxonomy indexes and terms, subject × level cells, lessons, questions, coverage."""
        terms = self.taxonomies
        for tax in taxonomy.TAXONOMIES:
            if tax.name == "community":  # community pages and their index exist already
                continue
            index = browse.taxonomy_index(kb, terms, tax.name)
            self._add(files, config, f"{tax.folder}/index.md", "",
                      _Generated("atelier/terms.html", index, contributed=False))  # fmt: skip
            for term in terms[tax.name].values():
                view = browse.term_page(kb, terms, term)
                self._add_paged(files, config, f"{term.url.rstrip('/')}.md", "atelier/term.html",
                                view)  # fmt: skip
        pages = {
            "search.md": ("atelier/search.html", browse.search_page(kb, terms)),
            "lessons.md": ("atelier/lessons.html", browse.lessons(kb, terms)),
            "questions.md": ("atelier/questions.html", browse.open_questions(kb)),
            "coverage.md": ("atelier/coverage.html", browse.coverage(kb, terms)),
        }
        for src_uri, (template, view) in pages.items():
            self._add(files, config, src_uri, "", _Generated(template, view, contributed=False))

    def _add_paged(
        self, files: Files, config: MkDocsConfig, src_uri: str, template: str, view: dict[str, Any]
    ) -> None:
        """A listing of cards cut into pages of PER_PAGE: no page grows with the site."""
        cards = view.get("sheets", [])
        chunks = [cards[i : i + PER_PAGE] for i in range(0, len(cards), PER_PAGE)] or [[]]
        base = (
            src_uri.removesuffix("index.md")
            if src_uri.endswith("index.md")
            else (src_uri.removesuffix(".md") + "/")
        )
        uris = [src_uri] + [f"{base}page/{n}.md" for n in range(2, len(chunks) + 1)]
        urls = [_url_of(uri) for uri in uris]
        for number, (uri, chunk) in enumerate(zip(uris, chunks, strict=True), start=1):
            pager = {
                "number": number,
                "pages": urls,
                "previous": urls[number - 2] if number > 1 else None,
                "next": urls[number] if number < len(urls) else None,
            }
            page_view = {**view, "sheets": chunk, "total": len(cards), "pager": pager}
            if number > 1:
                page_view["title"] = f"{view['title']} ({number}/{len(chunks)})"
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
        if generated.sheet is not None and self.kb is not None:
            # Links to other sheets (`id:x`, `../x.md`) → `x.md`, the generated page's path.
            kb = self.kb
            targets = kb.sheet_paths if self.serving else {s.id: s.path for s in kb.published}
            return links.rewrite(markdown, generated.sheet, targets)
        return None

    @event_priority(-100)  # last: sanitize what every other plugin produced
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        generated = self.pages.get(page.file.src_uri)
        if generated is None or not generated.contributed:
            return None
        _escape_toc(page.toc.items)
        clean = safety.sanitize(html)
        if generated.sheet is not None:
            self.bodies[generated.sheet.id] = clean  # for the search index
        return clean

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        generated = self.pages.get(page.file.src_uri)
        if page.is_homepage and self.kb is not None:
            home = browse.home(self.kb, self.taxonomies)
            context["atelier_home"] = home  # type: ignore[typeddict-unknown-key]
        if generated is not None:
            context["atelier"] = generated.view  # type: ignore[typeddict-unknown-key]
            context["atelier_problems"] = generated.problems  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Open data and feeds: api/practices.json, feed.xml, one feed per community."""
        kb = self.kb
        if kb is None:
            return
        site_dir = Path(config.site_dir)
        related_ids = {
            sheet_id: [item.id for item in items] for sheet_id, items in self.related.items()
        }
        data = export.practices_json(kb, self.taxonomies, related_ids, kb.backlinks,
                                     config.site_url)  # fmt: skip
        _write(site_dir / "api" / "practices.json", json.dumps(data, ensure_ascii=False, indent=1))
        _write(
            site_dir / "feed.xml",
            export.atom_feed(kb.published, title=config.site_name, feed_path="feed.xml",
                             site_url=config.site_url, lang=self.lang),
        )  # fmt: skip
        for community in kb.communities.values():
            path = f"communities/{community.id}/feed.xml"
            feed = export.atom_feed(
                kb.sheets_of_community(community.id),
                title=f"{community.name} — {config.site_name}",
                feed_path=path,
                site_url=config.site_url,
                lang=community.lang,
            )
            _write(site_dir / path, feed)
        self._write_search_index(site_dir)

    @event_priority(-100)  # last: every page's body is rendered (and sanitized) by now
    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> None:
        """Start indexing while MkDocs renders the pages: the index then costs little time."""
        kb = self.kb
        if kb is None or not self.config.search_index:
            return
        records = [
            search.record(sheet, kb, self.bodies.get(sheet.id, "")) for sheet in kb.published
        ]
        self._cancel_index()
        try:
            self.index_job = search_index.IndexJob(records, lang=self.lang)
        except search_index.SearchIndexError as error:
            raise PluginError(str(error)) from None
        self.index_started = time.perf_counter()

    def _write_search_index(self, site_dir: Path) -> None:
        job, self.index_job = self.index_job, None
        if job is None:
            return
        try:
            counts = job.finish(site_dir / "pagefind")
        except search_index.SearchIndexError as error:
            raise PluginError(str(error)) from None
        elapsed = time.perf_counter() - self.index_started
        summary = ", ".join(f"{lang}: {count}" for lang, count in counts.items()) or "0"
        log.info(f"pagefind: {summary} ({elapsed:.1f} s, alongside the pages)")

    def _cancel_index(self) -> None:
        if self.index_job is not None:
            self.index_job.cancel()
            self.index_job = None

    def on_build_error(self, *, error: Exception) -> None:
        self._cancel_index()


def _url_of(src_uri: str) -> str:
    """The directory URL MkDocs gives a Markdown source: a/index.md → a/, a/b.md → a/b/."""
    return src_uri.removesuffix(".md").removesuffix("index").rstrip("/") + "/"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _escape_toc(items: list[AnchorLink]) -> None:
    """Heading titles in the table of contents come from contributors: plain text only."""
    for item in items:
        item.title = str(escape(Markup(item.title).striptags()))
        _escape_toc(item.children)


def _summary(lines: list[str], lang: str) -> str:
    if lang == "fr":
        head = f"{len(lines)} problème(s) à corriger dans les fiches ou les communautés :"
        tail = "Corrigez ces fichiers puis relancez (« atelier check » les vérifie seul)."
    else:
        head = f"{len(lines)} problem(s) to fix in the sheets or communities:"
        tail = "Fix these files and build again ('atelier check' checks them alone)."
    return "\n".join([head, *("  " + line for line in lines), tail])
