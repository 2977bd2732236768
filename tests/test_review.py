"""`atelier review --base REV`: the Markdown report of a branch, on a real git repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from atelier.cli import main

REPO = Path(__file__).resolve().parents[1]


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=test@example.org", "-c", "user.name=Test", *args],
        cwd=root, check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for folder in ("practices", "communities"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    git(tmp_path, "checkout", "-qb", "proposition")
    return tmp_path


def review(repo: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["review", "--base", "main", "--root", str(repo), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_copied_sheet_is_named_as_a_near_duplicate(repo: Path) -> None:
    original = (repo / "practices" / "dictee-negociee-6e.md").read_text(encoding="utf-8")
    copy = original.replace("Dictée négociée en 6e", "Dictée négociée en sixième")
    (repo / "practices" / "ma-dictee.md").write_text(copy, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "copie")
    report = review(repo)
    assert "- **ajoutée** `practices/ma-dictee.md` — Dictée négociée en sixième" in report
    assert "`ma-dictee` ≈ `dictee-negociee-6e` (practices/dictee-negociee-6e.md) — score" in (
        report
    )
    assert "### Erreurs (0)" in report
    assert "[!CAUTION]" not in report and "[!WARNING]" not in report


def test_errors_privacy_and_outside_changes_are_reported(repo: Path) -> None:
    sheet = repo / "practices" / "dictee-negociee-6e.md"
    text = sheet.read_text(encoding="utf-8") + "\nJ'ai écrit aux parents à parent@example.org.\n"
    sheet.write_text(text, encoding="utf-8")
    (repo / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (repo / "practices" / "untracked-draft.md").write_text("# pas d'en-tête\n", encoding="utf-8")
    report = review(repo, "--lang", "en")
    assert "> [!CAUTION]" in report and "> - `M` `mkdocs.yml`" in report
    assert "- **changed** `practices/dictee-negociee-6e.md`" in report
    assert "- **added** `practices/untracked-draft.md`" in report
    assert "practices/untracked-draft.md:1: missing front matter" in report
    assert "parent@example.org" in report and "### Possible personal data" in report


def test_new_tags_that_look_like_existing_ones(repo: Path) -> None:
    sheet = repo / "practices" / "theatre-de-lecteurs-5e.md"
    text = sheet.read_text(encoding="utf-8")
    assert "tags: [" in text
    sheet.write_text(text.replace("tags: [", "tags: [orals, ", 1), encoding="utf-8")
    report = review(repo)
    assert "### Mots-clés nouveaux à vérifier" in report
    assert "- `orals` (theatre-de-lecteurs-5e) ressemble à `oral`" in report


def test_a_bad_base_is_a_clear_error(repo: Path) -> None:
    result = CliRunner().invoke(main, ["review", "--base", "nope", "--root", str(repo)])
    assert result.exit_code == 2
    assert "git:" in result.output
