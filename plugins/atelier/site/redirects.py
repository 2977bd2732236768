"""Redirect pages: the old address of a renamed sheet leads to its current page.

A sheet lists its old ids in `aliases` (`core/aliases.py` checks them); each old address
practices/<old>/ gets a small page that sends the reader on to practices/<new>/: an immediate
`<meta http-equiv="refresh">`, a canonical link to the new page, `noindex` for search engines,
and a visible link in the sheet's language for readers whose browser does not follow it.

Why pages written here rather than the mkdocs-redirects plugin (well kept, and fine for a site's
hand-written pages): its `redirect_maps` come from mkdocs.yml, read before the sheets are, while
aliases come from each sheet's front matter; feeding it would mean changing another plugin's
configuration during the build, and its page has no `lang`, no text in the sheet's language
and no `noindex`. A page here is a pure function of the knowledge base: one module, tested
alone, and the post-build scanner is told exactly which pages are redirects (`paths`).

The target is relative (`../new/`), so a redirect works wherever the site is served (under the
path of `site_url`, e.g. /atelier/, or from a local folder); the canonical link is absolute.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping
from pathlib import Path

from atelier.core.aliases import line_of
from atelier.core.diagnostics import Report
from atelier.core.knowledge import KnowledgeBase
from atelier.core.model import Sheet
from atelier.core.urls import absolute
from atelier.site.strings import french_spacing

_TEXT = {
    "fr": {"title": "Fiche renommée : {title}", "moved": "Cette fiche a été renommée :"},
    "en": {"title": "Sheet renamed: {title}", "moved": "This sheet was renamed:"},
}

_PAGE = """\
<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p>{moved} <a href="{target}">{name}</a></p>
</body>
</html>
"""


def redirect_path(alias: str, use_directory_urls: bool = True) -> str:
    """Where the redirect page of an old id is written, relative to the site folder."""
    return f"practices/{alias}/index.html" if use_directory_urls else f"practices/{alias}.html"


def _target(sheet_id: str, use_directory_urls: bool) -> str:
    """The current page, relative to the redirect page (both are in practices/)."""
    return f"../{sheet_id}/" if use_directory_urls else f"{sheet_id}.html"


def _typeset(text: str, lang: str) -> str:
    return french_spacing(text) if lang == "fr" else text


def page(sheet: Sheet, site_url: str | None, use_directory_urls: bool = True) -> str:
    """The redirect page of any old id of `sheet` (the page is the same for each of them)."""
    lang = sheet.lang if sheet.lang in _TEXT else "fr"
    text = {key: _typeset(value, lang) for key, value in _TEXT[lang].items()}
    title = _typeset(sheet.title, lang)
    path = f"practices/{sheet.id}/" if use_directory_urls else f"practices/{sheet.id}.html"
    return _PAGE.format(
        lang=lang,
        title=html.escape(text["title"].format(title=title)),
        canonical=html.escape(absolute(site_url, path)),
        target=_target(sheet.id, use_directory_urls),
        moved=html.escape(text["moved"]),
        name=html.escape(title),
    )


def _redirects(kb: KnowledgeBase) -> Iterator[tuple[str, Sheet]]:
    """Each old id of a published sheet, with its sheet, by old id.

    A draft has no page to lead to; an old id that collides (`core/aliases.py`) is not in
    `kb.aliases` and gets no page.
    """
    for alias, sheet_id in sorted(kb.aliases.items()):
        sheet = kb.sheets.get(sheet_id)
        if sheet is not None and not sheet.is_draft:
            yield alias, sheet


def paths(kb: KnowledgeBase, use_directory_urls: bool = True) -> list[str]:
    """The redirect pages `write` writes, relative to the site folder, sorted.

    The post-build scanner allows `<meta http-equiv="refresh">` in these pages only.
    """
    return sorted(redirect_path(alias, use_directory_urls) for alias, _ in _redirects(kb))


def pages(
    kb: KnowledgeBase, site_url: str | None, use_directory_urls: bool = True
) -> dict[str, str]:
    """Every redirect page: its path relative to the site folder → its HTML."""
    found = {
        redirect_path(alias, use_directory_urls): page(sheet, site_url, use_directory_urls)
        for alias, sheet in _redirects(kb)
    }
    return dict(sorted(found.items()))


def write(
    kb: KnowledgeBase, site_dir: Path, site_url: str | None, use_directory_urls: bool = True
) -> list[str]:
    """Write every redirect page into `site_dir`; return their paths (as `paths` gives them)."""
    written = pages(kb, site_url, use_directory_urls)
    for relative, text in written.items():
        target = site_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return list(written)


def check_urls(
    kb: KnowledgeBase,
    taken: Mapping[str, str],
    report: Report,
    use_directory_urls: bool = True,
) -> None:
    """An old address that a page of the site already has is an error, on the alias's line.

    `taken` maps each page the build writes (its path in the site folder, e.g.
    'practices/x/index.html') to its source, as shown in the message.
    """
    for sheet in kb.sheets.values():
        for alias in sheet.aliases:
            if kb.aliases.get(alias) != sheet.id:
                continue  # reported already (another sheet's id, or claimed twice)
            relative = redirect_path(alias, use_directory_urls)
            if relative in taken:
                line = line_of(sheet, alias)
                url = "/" + relative.removesuffix("index.html")
                report.error(
                    sheet.path, line, "alias-url", "aliases",
                    value=alias, url=url, other=taken[relative],
                )  # fmt: skip
