"""The blocks of pages out of the nav (navigation, header…) are rendered once per folder, then
reused (mkdocs_plugin._ChromeSlot)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from markupsafe import Markup

from atelier.mkdocs_plugin import _ChromeSlot


def _page(title: str) -> Any:
    return SimpleNamespace(meta={}, title=title)


def test_a_folder_keeps_its_first_rendering() -> None:
    rendered: dict[tuple[str, str], str] = {}
    first = _ChromeSlot(rendered, "practices", _page("A"))
    assert not first.kept("nav")
    kept = first.keep("nav", '<nav><a href="../../search/">x</a></nav>')
    assert isinstance(kept, Markup)
    assert _ChromeSlot(rendered, "practices", _page("B")).kept("nav") == kept


def test_another_folder_renders_its_own() -> None:
    # Links are relative to the page: subjects/a/ and practices/a/ need their own navigation.
    rendered: dict[tuple[str, str], str] = {}
    _ChromeSlot(rendered, "practices", _page("A")).keep("nav", "<nav>practices</nav>")
    assert not _ChromeSlot(rendered, "subjects", _page("A")).kept("nav")
    assert not _ChromeSlot(rendered, "subjects/a/page", _page("A")).kept("nav")


def test_the_header_gets_each_page_its_title() -> None:
    rendered: dict[tuple[str, str], str] = {}
    first = _ChromeSlot(rendered, "practices", _page("A &amp; B"))
    header = f"<header><span>{first.topic}</span></header>"
    assert first.keep("header", header) == "<header><span>A &amp; B</span></header>"
    titled = SimpleNamespace(meta={"title": "Méta"}, title="Page")
    assert _ChromeSlot(rendered, "practices", titled).kept("header") == (
        "<header><span>Méta</span></header>"
    )
