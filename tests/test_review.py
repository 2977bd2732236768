"""`atelier review --base REV`: the Markdown report of a branch, on a real git repository."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from atelier.cli import main
from conftest import Raw, sheet, write_files

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


@pytest.mark.model
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


@pytest.mark.model
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


@pytest.mark.model
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


@pytest.mark.model
def test_review_from_another_folder_honours_privacy_markers(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = "L'élève Lucas a refusé de travailler."
    accepted = Raw(json.dumps(said, ensure_ascii=False) + "  # privacy-ok: Lucas")
    write_files(
        repo / "practices",
        {
            "avec-accord.md": sheet(what_went_wrong=[accepted]),
            "sans-accord.md": sheet(what_went_wrong=[said]),
        },
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the sheets' paths are not relative to this folder
    report = review(repo)
    assert "- `practices/sans-accord.md:10` — name : « Lucas »" in report
    assert "`practices/avec-accord.md:" not in report  # its `# privacy-ok: Lucas` is honoured


@pytest.mark.model
def test_review_of_a_site_in_a_folder_of_the_git_repository(tmp_path: Path) -> None:
    top = tmp_path / "top"
    site = top / "site"
    for folder in ("practices", "communities"):
        shutil.copytree(REPO / folder, site / folder)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    (top / ".github").mkdir()
    (top / ".github" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "base")
    (top / ".github" / "ci.yml").write_text("on: pull_request\n", encoding="utf-8")
    sample = site / "practices" / "dictee-negociee-6e.md"
    sample.write_text(sample.read_text(encoding="utf-8") + "\nUne ligne.\n", encoding="utf-8")
    report = review(site)
    assert "- **modifiée** `practices/dictee-negociee-6e.md`" in report  # relative to the site
    assert "> [!CAUTION]" in report and "> - `M` `../.github/ci.yml`" in report
