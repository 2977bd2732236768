"""The `atelier` command: `check` and `vocabulary`, as a contributor runs them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from atelier.cli import main
from atelier.site.strings import STRINGS
from conftest import (
    OVERRIDES,
    REPO,
    REPO_URL,
    build_config,
    community,
    load_site_config,
    make_site,
    sheet,
    write_files,
)

BAD = """\
---
title: "Une fiche avec des erreurs"
summary: "Un résumé"
subject: francais
level: lycee
authors: [Claire]
date: 2025-01-10
what_went_wrong: ["La séance a débordé."]
niveau: fr-4e
---

## Contexte

Texte.
"""


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=test@example.org", "-c", "user.name=Test", *args],
        cwd=root, check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture
def valid_repo(tmp_path: Path) -> Path:
    return make_site(
        tmp_path,
        {"debat-4e": sheet(community="cdp-test"), "fractions": sheet(subject="mathematiques")},
        {"cdp-test": community()},
    )


@pytest.fixture
def broken_repo(tmp_path: Path) -> Path:
    return make_site(tmp_path, {"bonne": sheet(), "x": BAD, "y": sheet(date="2025-02-30")})


# -- check ----------------------------------------------------------------------------------


@pytest.mark.model
def test_check_a_valid_repository(valid_repo: Path) -> None:
    result = run("check", "--root", valid_repo)
    assert result.exit_code == 0, result.output
    assert (
        result.stdout.strip()
        == "2 fiche(s), 1 communauté(s), 0 atelier(s) : 0 erreur(s), 0 avertissement(s)."
    )
    assert result.stderr == ""


@pytest.mark.model
def test_check_reports_every_error_located_and_exits_1(broken_repo: Path) -> None:
    result = run("check", "--root", broken_repo)
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert errors == [
        "practices/x.md:5: level: « lycee » n'est pas un niveau connu — "
        "vouliez-vous dire « fr-lycee » ?",
        "practices/x.md:9: niveau: champ inconnu « niveau » — vouliez-vous dire « level » ?",
        "practices/y.md:8: date: « 2025-02-30 » n'est pas une vraie date : "
        "vérifiez le jour et le mois",
    ]
    assert "3 fiche(s), 0 communauté(s), 0 atelier(s) : 3 erreur(s), " in result.stdout


@pytest.mark.model
def test_check_in_english(broken_repo: Path) -> None:
    result = run("check", "--root", broken_repo, "--lang", "en")
    assert result.exit_code == 1
    assert (
        "practices/x.md:5: level: 'lycee' is not a known level — did you mean 'fr-lycee'?"
        in result.stderr
    )
    assert "practices/x.md:9: niveau: unknown field 'niveau' — did you mean 'level'?" in (
        result.stderr
    )
    assert "n'est pas" not in result.output
    assert "3 sheet(s), 0 community(ies), 0 workshop(s): 3 error(s)" in result.stdout


@pytest.mark.model
def test_check_speaks_the_site_language_by_default(broken_repo: Path) -> None:
    config = broken_repo / "mkdocs.yml"
    config.write_text(config.read_text().replace("language: fr", "language: en"))
    result = run("check", "--root", broken_repo)
    assert "'lycee' is not a known level" in result.stderr
    assert run("check", "--root", broken_repo, "--lang", "fr").stderr.startswith(
        "practices/x.md:5: level: « lycee »"
    )


@pytest.mark.model
def test_check_paths_restricts_the_report_to_those_files(broken_repo: Path) -> None:
    only_y = run("check", "--root", broken_repo, broken_repo / "practices" / "y.md")
    assert only_y.exit_code == 1
    assert only_y.stderr.splitlines() == [
        "practices/y.md:8: date: « 2025-02-30 » n'est pas une vraie date : "
        "vérifiez le jour et le mois"
    ]
    assert "practices/x.md" not in only_y.output
    assert ": 1 erreur(s)" in only_y.stdout

    good = run("check", "--root", broken_repo, broken_repo / "practices" / "bonne.md")
    assert good.exit_code == 0, good.output
    assert "practices/" not in good.output
    assert ": 0 erreur(s), 0 avertissement(s)." in good.stdout


@pytest.mark.model
def test_check_paths_relative_to_the_repository(
    broken_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken_repo)
    result = run("check", "practices/x.md")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 2
    assert all(line.startswith("practices/x.md:") for line in result.stderr.splitlines())
    folder = run("check", "practices")
    assert len(folder.stderr.splitlines()) == 3


@pytest.mark.model
def test_warnings_are_printed_but_do_not_fail(tmp_path: Path) -> None:
    body = "\n## Contexte\n\nUn récit.\n\n<script>alert(1)</script>\n"
    make_site(tmp_path, {"court": sheet(body=body)})
    result = run("check", "--root", tmp_path)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert (
        "practices/court.md:13: avertissement : section recommandée absente : "
        "« ## Ce qui n'a pas marché »" in out
    )
    assert (
        "practices/court.md:18: avertissement : la balise <script> sera supprimée à la "
        "publication (HTML non autorisé) : utilisez du Markdown" in out
    )
    assert "0 erreur(s), 7 avertissement(s)." in out
    assert result.stderr == ""
    english = run("check", "--root", tmp_path, "--lang", "en").stdout
    # the heading to add is given in the sheet's language
    assert "warning: recommended section missing: '## Ce qui n'a pas marché'" in english
    assert "the <script> tag will be removed when published" in english


@pytest.mark.model
def test_check_does_not_report_autolinks_or_escaped_brackets_as_html(tmp_path: Path) -> None:
    body = (
        "\n## Contexte\n\nVoir <https://exemple.fr/ressource> et <claire@exemple.fr>.\n\n"
        "Les élèves écrivaient \\<prénom\\> sur la copie.\n"
    )
    make_site(tmp_path, {"court": sheet(body=body)})
    result = run("check", "--root", tmp_path)
    assert result.exit_code == 0, result.output
    assert "sera supprimé" not in result.stdout
    assert "balise" not in result.stdout
    assert "« ## Ce qui n'a pas marché »" in result.stdout  # the check did read the body


@pytest.mark.model
def test_check_a_missing_path_exits_2(valid_repo: Path) -> None:
    missing = valid_repo / "practices" / "absente.md"
    result = run("check", "--root", valid_repo, missing)
    assert result.exit_code == 2
    assert f"{missing}: fichier introuvable" in result.stderr
    english = run("check", "--root", valid_repo, "--lang", "en", missing)
    assert english.exit_code == 2
    assert "no such file" in english.stderr


@pytest.mark.model
def test_check_refuses_what_the_build_refuses(tmp_path: Path) -> None:
    make_site(tmp_path, {"index": sheet()})
    result = run("check", "--root", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("practices/index.md:")


@pytest.mark.model
def test_check_the_repository_samples() -> None:
    root = Path(__file__).resolve().parents[1]
    result = run("check", "--root", root)
    assert result.exit_code == 0, result.output
    count = len(list((root / "practices").rglob("*.md")))
    assert result.stdout.splitlines()[-1].startswith(f"{count} fiche(s)")


@pytest.mark.model
@pytest.mark.slow  # a subprocess: the installed `atelier`
def test_the_installed_command(broken_repo: Path) -> None:
    command = Path(sys.executable).parent / "atelier"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    bad = subprocess.run(
        [str(command), "check"], cwd=broken_repo, capture_output=True, text=True, env=env
    )
    assert bad.returncode == 1, bad.stderr
    assert "practices/x.md:5: level: « lycee »" in bad.stderr
    good = subprocess.run(
        [str(command), "check", "practices/bonne.md"],
        cwd=broken_repo,
        capture_output=True,
        text=True,
        env=env,
    )
    assert good.returncode == 0, good.stderr
    assert "0 erreur(s)" in good.stdout


# -- vocabulary -----------------------------------------------------------------------------


def test_vocabulary_as_json(valid_repo: Path) -> None:
    result = run("vocabulary", "--format", "json", "--root", valid_repo)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    expected = {
        "subjects",
        "levels",
        "challenges",
        "outcomes",
        "practice_types",
        "group_sizes",
        "modalities",
        "communities",
    }
    assert expected <= set(data)
    levels = {term["id"]: term for term in data["levels"]}
    assert levels["fr-4e"]["isced"] == [2]
    assert levels["fr-4e"]["labels"]["fr"] == "Quatrième (4e, collège)"
    assert levels["qc-sec-1"]["system"] == "qc"
    subjects = {term["id"]: term for term in data["subjects"]}
    assert subjects["mathematiques"]["labels"]["fr-CA"] == "Mathématique"
    assert data["communities"] == [
        {
            "id": "cdp-test",
            "labels": {"fr": "Atelier Lettres de test", "en": "Atelier Lettres de test"},
        }
    ]
    for name in expected:
        assert all({"id", "labels"} <= set(term) for term in data[name]), name


def test_vocabulary_as_text(valid_repo: Path) -> None:
    result = run("vocabulary", "--root", valid_repo)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "# levels" in lines
    assert "# communities" in lines
    fr_4e = next(line for line in lines if line.split()[:1] == ["fr-4e"])
    assert "Quatrième (4e, collège)" in fr_4e
    english = run("vocabulary", "--root", valid_repo, "--lang", "en").stdout
    assert "Quatrième — France (grade 8)" in english


# -- check: machine formats, strict mode, privacy -------------------------------------------


@pytest.mark.model
def test_check_as_github_annotations(broken_repo: Path) -> None:
    result = run("check", "--root", broken_repo, "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "::error file=practices/x.md,line=5,title=level::« lycee » n'est pas un niveau connu "
        "— vouliez-vous dire « fr-lycee » ?"
    )
    assert lines[-1].startswith("3 fiche(s)")


@pytest.mark.model
def test_check_as_json(broken_repo: Path) -> None:
    result = run("check", "--root", broken_repo, "--format", "json", "--lang", "en")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["summary"].startswith("3 sheet(s)")
    assert data["errors"][0] == {
        "path": "practices/x.md", "line": 5, "field": "level", "code": "unknown-id",
        "severity": "error", "message": "'lycee' is not a known level — did you mean 'fr-lycee'?",
    }  # fmt: skip


@pytest.mark.model
def test_strict_makes_warnings_fail(tmp_path: Path) -> None:
    body = "\n## Contexte\n\nUn récit.\n"
    make_site(tmp_path, {"court": sheet(body=body)})
    assert run("check", "--root", tmp_path).exit_code == 0
    assert run("check", "--root", tmp_path, "--strict").exit_code == 1


def test_check_warns_about_personal_data_with_file_and_line(tmp_path: Path) -> None:
    body = (
        "\n## Contexte\n\nL'élève Lucas a écrit à lucas.d@example.org ; "
        "son père m'a appelé au 06 12 34 56 78.\n"
    )
    make_site(tmp_path, {"prive": sheet(body=body)})
    out = run("check", "--root", tmp_path, "--privacy", "rules").stdout
    assert "practices/prive.md:16: avertissement : données personnelles possibles" in out
    for words in ("Lucas", "lucas.d@example.org", "06 12 34 56 78"):
        assert f"« {words} »" in out, out
    accepted = body.replace("Lucas a", "Lucas <!-- privacy-ok: Lucas --> a")
    make_site(tmp_path, {"prive": sheet(body=accepted)})
    again = run("check", "--root", tmp_path, "--privacy", "rules").stdout
    assert "« Lucas »" not in again and "« lucas.d@example.org »" in again


# -- one site, its settings honoured everywhere (core/settings.py) ----------------------------

SAMPLES = ("number-talks-grade-4-math", "dictee-negociee-6e", "theatre-de-lecteurs-5e")
FICHES_CONFIG = f"""\
site_name: Fiches
site_url: https://example.org/atelier/
docs_dir: docs
repo_url: {REPO_URL}
edit_uri: edit/main/docs/
theme:
  name: material
  custom_dir: {json.dumps(str(OVERRIDES))}
  language: en
plugins:
  atelier:
    practices_dir: fiches
    search_index: false
"""


@pytest.fixture
def fiches_site(tmp_path: Path) -> Path:
    """An English site whose sheets live in fiches/ (a few of this repository's samples), its
    plugins written as a mapping; the tests run from another folder."""
    root = tmp_path / "fiches-site"
    (root / "fiches").mkdir(parents=True)
    for name in SAMPLES:
        shutil.copy(REPO / "practices" / f"{name}.md", root / "fiches" / f"{name}.md")
    shutil.copytree(REPO / "communities", root / "communities")
    write_files(root / "docs", {"index.md": "# Home\n\nWelcome.\n"})
    (root / "mkdocs.yml").write_text(FICHES_CONFIG, encoding="utf-8")
    return root


def test_mkdocs_build_honours_the_settings(fiches_site: Path) -> None:
    site = fiches_site / "site"
    build_config(load_site_config(fiches_site / "mkdocs.yml", site))
    for name in SAMPLES:
        page = (site / "practices" / name / "index.html").read_text(encoding="utf-8")
        assert f"{REPO_URL}/edit/main/fiches/{name}.md" in page  # the real source file
    listing = (site / "practices" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in listing and STRINGS["en"]["all_sheets"] in listing
    assert STRINGS["fr"]["all_sheets"] not in listing
    assert not (site / "pagefind").exists()  # search_index: false


@pytest.mark.model
def test_atelier_check_honours_the_settings(
    fiches_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check", "--root", fiches_site, "--privacy", "rules")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith(
        f"{len(SAMPLES)} sheet(s), 3 community(ies), 0 workshop(s): 0 error(s)"
    )
    assert "practices/" not in result.output
    one = run("check", "--root", fiches_site, fiches_site / "fiches" / f"{SAMPLES[0]}.md")
    assert one.exit_code == 0 and "0 error(s)" in one.stdout


@pytest.mark.model
def test_atelier_new_and_review_honour_the_settings(
    fiches_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    git(fiches_site, "init", "-q", "-b", "main")
    git(fiches_site, "add", "-A")
    git(fiches_site, "commit", "-qm", "base")
    created = run(
        "new", "--no-input", "--id", "exit-tickets", "--title", "Exit tickets",
        "--subject", "mathematiques", "--level", "qc-sec-3", "--author", "Sam",
        "--what-went-wrong", "Ninety slips a day and I read none of them.",
        "--root", fiches_site,
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    text = (fiches_site / "fiches" / "exit-tickets.md").read_text(encoding="utf-8")
    assert "lang: en" in text and "## What went wrong" in text  # the site's language
    assert not (fiches_site / "practices").exists()
    assert "Sheet created: fiches/exit-tickets.md" in created.stdout
    assert "make serve   then http://127.0.0.1:8000/atelier/practices/exit-tickets/" in (
        created.stdout
    )
    assert run("check", "--root", fiches_site).exit_code == 0

    sample = fiches_site / "fiches" / f"{SAMPLES[1]}.md"
    sample.write_text(sample.read_text(encoding="utf-8") + "\nUne ligne de plus.\n", "utf-8")
    review = run("review", "--base", "main", "--root", fiches_site)
    assert review.exit_code == 0, review.output
    report = review.stdout
    assert "## Atelier review" in report  # the site's language
    assert "- **added** `fiches/exit-tickets.md` — Exit tickets" in report
    assert f"- **changed** `fiches/{SAMPLES[1]}.md`" in report
    assert "[!CAUTION]" not in report and "[!WARNING]" not in report  # fiches/ is content


@pytest.mark.model
def test_a_wrong_setting_is_located_and_fails_check(tmp_path: Path) -> None:
    make_site(tmp_path, {"a": sheet()}, config={"plugins": [{"atelier": {"privacy": "maybe"}}]})
    lines = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = lines.index("    privacy: maybe") + 1
    result = run("check", "--root", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"mkdocs.yml:{line}: privacy: « maybe » n'est pas une valeur possible : écrivez off "
        "(rien), rules (règles, ~3 ms par fiche) ou model (règles et noms de personnes, ~60 ms "
        "par fiche)"
    ]


@pytest.mark.model
def test_the_commands_speak_the_fallback_language_when_the_site_names_none(
    broken_repo: Path,
) -> None:
    config = broken_repo / "mkdocs.yml"
    config.write_text(config.read_text().replace("  language: fr\n", ""))
    result = run("check", "--root", broken_repo)
    assert "« lycee » n'est pas un niveau connu" in result.stderr  # DEFAULT_LANG, as the build


def test_vocabulary_reads_the_sites_extension_files(tmp_path: Path) -> None:
    options = {"vocabularies": ["vocab/extra.yml"], "lang": "en"}
    make_site(tmp_path, {}, config={"plugins": [{"atelier": options}]})
    write_files(
        tmp_path / "vocab",
        {"extra.yml": "subjects:\n  - id: cuisine\n    labels: {fr: Cuisine, en: Cooking}\n"},
    )
    result = run("vocabulary", "--root", tmp_path)
    assert result.exit_code == 0, result.output
    assert any(line.split() == ["cuisine", "Cooking"] for line in result.stdout.splitlines())
    (tmp_path / "vocab" / "extra.yml").unlink()
    missing = run("vocabulary", "--root", tmp_path)
    assert "vocabularies: the file 'vocab/extra.yml' does not exist" in missing.stderr
