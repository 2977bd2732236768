"""`atelier new`: the scripted form and the interactive questions, then `atelier check`."""

from __future__ import annotations

import concurrent.futures
import importlib.util
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from questionary.prompts.autocomplete import WordCompleter

from atelier import prompts
from atelier.cli import main
from atelier.core import knowledge, scaffold

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "communities", tmp_path / "communities")
    (tmp_path / "practices").mkdir()
    return tmp_path


def run(*args: object) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


SCRIPTED = (
    "new", "--no-input", "--title", "Débat mouvant en 4e : la parole captée",
    "--subject", "Français", "--level", "4e", "--author", "Claire M.",
    "--what-went-wrong", "Les élèves timides ne se sont pas déplacés.",
    "--what-went-wrong", "Trois élèves ont monopolisé la parole.",
)  # fmt: skip


@pytest.mark.model
def test_a_scripted_new_sheet_passes_check(repo: Path) -> None:
    result = run(*SCRIPTED, "--root", repo)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    created = repo / "practices" / "debat-mouvant-en-4e-la-parole-captee.md"
    assert "Fiche créée : practices/debat-mouvant-en-4e-la-parole-captee.md" in (
        result.output  # type: ignore[attr-defined]
    )
    text = created.read_text(encoding="utf-8")
    assert 'level: ["fr-4e"]' in text and 'subject: ["francais"]' in text
    assert "status: draft" in text and "## Ce qui n'a pas marché" in text
    checked = run("check", "--root", repo)
    assert checked.exit_code == 0, checked.output  # type: ignore[attr-defined]
    assert "0 erreur(s), 0 avertissement(s)" in checked.output  # type: ignore[attr-defined]


def test_new_refuses_to_overwrite(repo: Path) -> None:
    assert run(*SCRIPTED, "--root", repo).exit_code == 0  # type: ignore[attr-defined]
    before = (repo / "practices" / "debat-mouvant-en-4e-la-parole-captee.md").read_text()
    again = run(*SCRIPTED, "--root", repo)
    assert again.exit_code == 1  # type: ignore[attr-defined]
    assert "existe déjà : rien n'a été écrit" in again.output  # type: ignore[attr-defined]
    assert (repo / "practices" / "debat-mouvant-en-4e-la-parole-captee.md").read_text() == before


@pytest.mark.model
def test_new_in_english_and_with_a_chosen_id(repo: Path) -> None:
    result = run(
        "new", "--no-input", "--lang", "en", "--id", "exit-tickets", "--title", "Exit tickets",
        "--subject", "mathematiques", "--level", "qc-sec-3", "--author", "Sam",
        "--what-went-wrong", "Ninety slips a day and I read none of them.", "--root", repo,
    )  # fmt: skip
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "Sheet created: practices/exit-tickets.md" in result.output  # type: ignore[attr-defined]
    text = (repo / "practices" / "exit-tickets.md").read_text()
    assert "lang: en" in text and "## What went wrong" in text
    assert run("check", "--root", repo).exit_code == 0  # type: ignore[attr-defined]


def test_scripted_new_names_what_is_missing_or_unknown(repo: Path) -> None:
    missing = run("new", "--no-input", "--title", "x", "--root", repo)
    assert missing.exit_code == 2  # type: ignore[attr-defined]
    assert "--subject, --level, --author, --what-went-wrong" in missing.output  # type: ignore[attr-defined]
    unknown = run(*SCRIPTED[:4], "--subject", "zzzz", *SCRIPTED[6:], "--root", repo)
    assert unknown.exit_code == 2  # type: ignore[attr-defined]
    assert "'zzzz' inconnu" in unknown.output  # type: ignore[attr-defined]


@pytest.mark.model
def test_the_interactive_questions_complete_over_labels(repo: Path) -> None:
    kb, _ = knowledge.load(repo)
    keys = "\r".join(
        [
            "Oral en 4e : un débat qui a tourné court",  # title
            "",  # summary: later
            "francais",  # subject: an id is accepted…
            "Quatrième (4e, collège) (fr-4e)",  # level: …and so is a label from the list
            "",  # community: the first choice, (aucune)
            "Claire M., Hugo",  # authors
            "Les timides ne se sont pas déplacés.",  # what went wrong 1
            "",  # done
        ]
    )

    def answer() -> scaffold.Answers:
        with create_pipe_input() as pipe:
            pipe.send_text(keys + "\r")
            pipe.close()  # a question left unanswered ends the test instead of waiting forever
            return prompts.ask(kb, "fr", input=pipe, output=DummyOutput())

    # Its own thread: the browser tests' Playwright keeps an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        answers = pool.submit(answer).result(timeout=60)
    assert answers.title == "Oral en 4e : un débat qui a tourné court"
    assert answers.subjects == ("francais",) and answers.levels == ("fr-4e",)
    assert answers.authors == ("Claire M.", "Hugo") and answers.communities == ()
    assert answers.what_went_wrong == ("Les timides ne se sont pas déplacés.",)
    (repo / "practices" / "oral.md").write_text(scaffold.render(answers), encoding="utf-8")
    assert run("check", "--root", repo).exit_code == 0  # type: ignore[attr-defined]


def test_level_completion_works_on_labels(repo: Path) -> None:
    kb, _ = knowledge.load(repo)
    choices = prompts._choices(kb.vocabularies["levels"], "fr")
    completer = WordCompleter(list(choices), ignore_case=True, match_middle=True)
    found = [c.text for c in completer.get_completions(Document("quatri"), CompleteEvent())]
    assert "Quatrième (4e, collège) (fr-4e)" in found
    found = [c.text for c in completer.get_completions(Document("2e secondaire"), CompleteEvent())]
    assert any("qc-sec-2" in text for text in found)


def test_ids_are_slugs_cut_at_a_word() -> None:
    assert scaffold.sheet_id("Débat mouvant en 4e : la parole captée !") == (
        "debat-mouvant-en-4e-la-parole-captee"
    )
    long = scaffold.sheet_id("Une très longue fiche " * 10)
    assert len(long) <= scaffold.MAX_ID and not long.endswith("-")


@pytest.mark.model
def test_import_issue_writes_a_sheet_that_checks(repo: Path, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "issue_tests", REPO / "tests/unit/test_issue_import.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # its ISSUE: a realistic issue body

    body = tmp_path / "issue.md"
    body.write_text(module.ISSUE, encoding="utf-8")
    result = run("import-issue", body, "--root", repo)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    created = [p for p in (repo / "practices").glob("*.md")]
    assert len(created) == 1
    assert f"Fiche créée : practices/{created[0].name}" in result.output  # type: ignore[attr-defined]
    checked = run("check", "--root", repo)
    assert checked.exit_code == 0, checked.output  # type: ignore[attr-defined]
    again = run("import-issue", body, "--root", repo)
    assert again.exit_code == 1  # type: ignore[attr-defined]
    assert "existe déjà" in again.output  # type: ignore[attr-defined]


def test_import_issue_refuses_a_body_that_is_not_the_form(repo: Path, tmp_path: Path) -> None:
    body = tmp_path / "issue.md"
    body.write_text("Bonjour, voici mon idée de séance…\n", encoding="utf-8")
    result = run("import-issue", body, "--root", repo)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert list((repo / "practices").glob("*.md")) == []


def test_new_prints_the_preview_address_of_the_sheet(repo: Path) -> None:
    result = run(*SCRIPTED, "--id", "debat", "--root", repo)  # no mkdocs.yml: the defaults
    assert "make serve   puis http://127.0.0.1:8000/practices/debat/" in (
        result.output  # type: ignore[attr-defined]
    )
    (repo / "mkdocs.yml").write_text(
        "site_name: x\nsite_url: https://example.org/atelier/\n", encoding="utf-8"
    )
    again = run(*SCRIPTED, "--id", "debat-2", "--root", repo)
    assert "make serve   puis http://127.0.0.1:8000/atelier/practices/debat-2/" in (
        again.output  # type: ignore[attr-defined]
    )


@pytest.mark.model
def test_new_writes_into_the_sheets_folder_in_the_site_language(repo: Path) -> None:
    (repo / "mkdocs.yml").write_text(
        "site_name: x\ntheme:\n  name: material\n  language: en\n"
        "plugins:\n  - atelier:\n      practices_dir: fiches/2026\n",
        encoding="utf-8",
    )
    result = run(*SCRIPTED, "--root", repo)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    created = repo / "fiches" / "2026" / "debat-mouvant-en-4e-la-parole-captee.md"
    assert "Sheet created: fiches/2026/debat-mouvant-en-4e-la-parole-captee.md" in (
        result.output  # type: ignore[attr-defined]
    )
    assert "## What went wrong" in created.read_text(encoding="utf-8")
    assert list((repo / "practices").iterdir()) == []
    checked = run("check", "--root", repo)
    assert checked.exit_code == 0, checked.output  # type: ignore[attr-defined]
    assert "1 sheet(s)" in checked.output  # type: ignore[attr-defined]


def test_new_stops_on_a_wrong_folder_and_says_where(repo: Path) -> None:
    (repo / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - atelier:\n      practices_dir: ../ailleurs\n",
        encoding="utf-8",
    )
    result = run(*SCRIPTED, "--root", repo)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert result.output.startswith(  # type: ignore[attr-defined]
        "mkdocs.yml:4: practices_dir: « ../ailleurs » n'est pas un dossier du dépôt"
    )
    assert list((repo / "practices").iterdir()) == []
    assert not (repo.parent / "ailleurs").exists()
    issue = repo / "issue.md"
    issue.write_text("x\n", encoding="utf-8")
    assert run("import-issue", issue, "--root", repo).exit_code == 2  # type: ignore[attr-defined]


@pytest.mark.model
def test_import_issue_writes_into_the_sheets_folder(repo: Path, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "issue_tests", REPO / "tests/unit/test_issue_import.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (repo / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  atelier:\n    practices_dir: fiches\n", encoding="utf-8"
    )
    body = tmp_path / "issue.md"
    body.write_text(module.ISSUE, encoding="utf-8")
    result = run("import-issue", body, "--root", repo)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    created = list((repo / "fiches").glob("*.md"))
    assert len(created) == 1 and list((repo / "practices").glob("*.md")) == []
    assert f"Fiche créée : fiches/{created[0].name}" in result.output  # type: ignore[attr-defined]
    assert run("check", "--root", repo).exit_code == 0  # type: ignore[attr-defined]
