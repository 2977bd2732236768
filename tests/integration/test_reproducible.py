"""Reproducible builds: the same sources, built twice with SOURCE_DATE_EPOCH, give the same bytes.

The Pagefind bundle included: Pagefind writes its filters in a random order (Rust hash maps),
which site/pagefind_stable.py puts back in a fixed one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_config, community, load_site_config, make_site, sheet, site_files

SHEETS = {
    "debat-mouvant-4e": sheet(tags=["oral", "debat"], community="cdp-lettres-test"),
    "lecture-offerte-4e": sheet(
        title="Lecture offerte chaque lundi",
        tags=["lecture", "oral"],
        outcome="worked",
        date="2025-03-10",
    ),
    "jeu-fractions-cm1": sheet(
        title="Jeu de cartes sur les fractions",
        subject="mathematiques",
        level="fr-cm1",
        tags=["fractions", "jeu", "lecture"],
        challenges=["timing"],
        outcome="mixed",
        date="2025-02-10",
    ),
    "number-talks-sec-2": sheet(
        lang="en",
        title="Number talks to start the lesson",
        summary="Five minutes of mental maths to open each lesson.",
        subject="mathematiques",
        level="qc-sec-2",
        tags=["mental-math", "jeu"],
        outcome="worked",
        date="2024-11-07",
        what_went_wrong=["The same three students answered every time."],
    ),
}


def test_two_builds_of_the_same_sources_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = make_site(tmp_path / "src", SHEETS, {"cdp-lettres-test": community()}, pagefind=True)
    built = []
    for name in ("first", "second"):
        site = tmp_path / name
        build_config(load_site_config(root / "mkdocs.yml", site))
        built.append(site_files(site))
    first, second = built
    assert any(name.endswith(".pf_filter") for name in first), "no Pagefind filter was built"
    assert sorted(first) == sorted(second), "the two builds wrote different files"
    differing = sorted(name for name in first if first[name] != second[name])
    assert not differing, f"files that differ between two builds: {differing}"


def test_blocks_kept_for_a_folder_give_the_bytes_of_a_full_rendering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page out of the nav reuses its folder's header, footer, config and scripts
    (mkdocs_plugin._ChromeSlot), its own title put in the header: every page is byte for byte
    what Material renders for it in full, titles with quotes, ampersands and brackets too."""
    from atelier import mkdocs_plugin

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    sheets = dict(SHEETS)
    sheets["guillemets-4e"] = sheet(title='Des « guillemets », un "mot" & <b>gras</b>')
    root = make_site(tmp_path / "src", sheets, {"cdp-lettres-test": community()})
    build_config(load_site_config(root / "mkdocs.yml", tmp_path / "kept"))
    monkeypatch.setattr(mkdocs_plugin, "_ChromeSlot", lambda *args: None)
    build_config(load_site_config(root / "mkdocs.yml", tmp_path / "full"))
    kept, full = site_files(tmp_path / "kept"), site_files(tmp_path / "full")
    assert sorted(kept) == sorted(full)
    pages = [name for name in full if name.endswith(".html")]
    assert any(name.startswith("practices/guillemets-4e/") for name in pages)
    differing = sorted(name for name in pages if kept[name] != full[name])
    assert not differing, f"pages that differ when their folder's blocks are reused: {differing}"
    assert b"\x00" not in b"".join(kept[name] for name in pages)
    topic = full["practices/guillemets-4e/index.html"].decode()
    assert "&lt;b&gt;gras&lt;/b&gt;" in topic and "<b>gras</b>" not in topic
