"""The navigation of pages out of the nav is rendered once per folder, then reused."""

from __future__ import annotations

from markupsafe import Markup

from atelier.mkdocs_plugin import _NavSlot


def test_a_folder_keeps_its_first_rendering() -> None:
    rendered: dict[str, Markup] = {}
    first = _NavSlot(rendered, "practices")
    assert first.html is None
    kept = first.keep('<nav><a href="../../search/">x</a></nav>')
    assert isinstance(kept, Markup)
    assert _NavSlot(rendered, "practices").html == kept


def test_another_folder_renders_its_own() -> None:
    # Links are relative to the page: subjects/a/ and practices/a/ need their own navigation.
    rendered: dict[str, Markup] = {}
    _NavSlot(rendered, "practices").keep("<nav>practices</nav>")
    assert _NavSlot(rendered, "subjects").html is None
    assert _NavSlot(rendered, "subjects/a/page").html is None
