"""`atelier new --workshop` and `atelier new --projet`: files that pass `atelier check`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from atelier.cli import main

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "communities", tmp_path / "communities")
    shutil.copytree(REPO / "practices", tmp_path / "practices")
    return tmp_path


def run(*args: object, input: str | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def check(repo: Path, path: str) -> Result:
    return run("check", repo / path, "--privacy", "rules", "--root", repo)


def test_a_scripted_workshop_passes_check(repo: Path) -> None:
    result = run(
        "new", "--workshop", "--no-input", "--title", "Séance de mars : la dictée négociée",
        "--community", "atelier-lettres-nantes", "--start", "2030-03-18T14:00",
        "--end", "16:30", "--timezone", "Europe/Paris", "--protocol", "codeveloppement",
        "--sheet", "oraux-blancs-entre-pairs-1re", "--place", "Nantes", "--root", repo,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    path = "workshops/2030-03-18-seance-de-mars-la-dictee-negociee.md"
    assert f"Atelier créé : {path}" in result.output
    text = (repo / path).read_text(encoding="utf-8")
    assert "start: 2030-03-18T14:00:00+01:00" in text and "end: 2030-03-18T16:30:00+01:00" in text
    assert "timezone: Europe/Paris" in text and "status: planned" in text
    checked = check(repo, path)
    assert checked.exit_code == 0, checked.output
    assert "0 erreur(s), 0 avertissement(s)" in checked.output
    assert "atelier(s)" in checked.output


def test_an_interactive_workshop(repo: Path) -> None:
    answers = "\n".join(
        ["Café pédagogique de juin", "atelier-lettres-nantes", "America/Toronto",
         "2030-06-02T18:00", "19:30", "", "https://example.org/visio", ""]
    )  # fmt: skip
    result = run("new", "--workshop", "--root", repo, input=answers)
    assert result.exit_code == 0, result.output
    path = repo / "workshops/2030-06-02-cafe-pedagogique-de-juin.md"
    text = path.read_text(encoding="utf-8")
    assert (
        "start: 2030-06-02T18:00:00-04:00" in text and 'online: "https://example.org/visio"' in text
    )
    checked = check(repo, "workshops")
    assert checked.exit_code == 0, checked.output


def test_a_workshop_needs_where_and_a_known_community(repo: Path) -> None:
    base = ("new", "--workshop", "--no-input", "--title", "Séance", "--root", repo,
            "--start", "2030-03-18T14:00+01:00", "--end", "2030-03-18T16:00+01:00")  # fmt: skip
    missing = run(*base, "--community", "atelier-lettres-nantes")
    assert missing.exit_code != 0 and "--place/--online" in missing.output
    unknown = run(*base, "--community", "inconnue", "--place", "Lyon")
    assert unknown.exit_code != 0 and "inconnue" in unknown.output


def test_a_scripted_projet_passes_check(repo: Path) -> None:
    result = run(
        "new", "--projet", "--no-input", "--title", "Un conseil de classe coopératif en 5e",
        "--subject", "Français", "--level", "5e", "--author", "Léa P.",
        "--worry", "Que le conseil tourne au règlement de comptes.", "--root", repo,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    path = "practices/un-conseil-de-classe-cooperatif-en-5e.md"
    text = (repo / path).read_text(encoding="utf-8")
    assert "outcome: not-yet-tried" in text and "worries:" in text
    assert "what_went_wrong" not in text
    assert "## Ce que je veux essayer" in text and "## Ce que je crains" in text
    checked = check(repo, path)
    assert checked.exit_code == 0, checked.output
    assert "0 erreur(s)" in checked.output


def test_outcome_not_yet_tried_is_a_projet(repo: Path) -> None:
    result = run(
        "new", "--outcome", "not-yet-tried", "--no-input", "--title", "A first project",
        "--subject", "Français", "--level", "5e", "--author", "Léa P.",
        "--worry", "It may not work.", "--lang", "en", "--root", repo,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (repo / "practices/a-first-project.md").read_text(encoding="utf-8")
    assert "outcome: not-yet-tried" in text and "## What I am worried about" in text


def test_a_retour_that_names_a_student_is_a_privacy_warning(repo: Path) -> None:
    """A workshop's retour is read by the privacy guard like a sheet's body, located."""
    result = run(
        "new", "--workshop", "--no-input", "--title", "Retour de mars",
        "--community", "atelier-lettres-nantes", "--start", "2030-03-18T14:00",
        "--end", "16:30", "--timezone", "Europe/Paris", "--place", "Nantes", "--root", repo,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    path = repo / "workshops/2030-03-18-retour-de-mars.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + "\nLe groupe a proposé d'appeler la mère, joignable au 06 12 34 56 78.\n",
        encoding="utf-8",
    )
    line = len(text.split("\n")) + 1
    checked = check(repo, "workshops/2030-03-18-retour-de-mars.md")
    assert checked.exit_code == 0, checked.output  # a warning, not an error
    assert f"workshops/2030-03-18-retour-de-mars.md:{line}" in checked.output
    assert "06 12 34 56 78" in checked.output
