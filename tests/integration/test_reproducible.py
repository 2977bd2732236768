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
