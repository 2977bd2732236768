"""The `atelier` command: check sheets, print the vocabularies."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any

import click

from atelier import prompts
from atelier.core import (
    duplicates,
    issue_import,
    knowledge,
    privacy,
    report,
    scaffold,
    siteconfig,
)
from atelier.core import review as review_report
from atelier.core.diagnostics import Diagnostic

LANG = click.option(
    "--lang", type=click.Choice(["fr", "en"]), default=None,
    help="Langue des messages / message language (fr, en).",
)  # fmt: skip
ROOT = click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default=True, help="Dossier du dépôt (celui de mkdocs.yml) / repository folder.",
)  # fmt: skip


def _load(
    root: Path, lang: str | None, privacy_mode: str = "off"
) -> tuple[knowledge.KnowledgeBase, list[Diagnostic], str]:
    options, site_lang = siteconfig.plugin_options(root / "mkdocs.yml")
    lang = lang or site_lang
    kb, report = knowledge.load(
        root,
        knowledge.Options(
            practices_dir=str(options.get("practices_dir", "practices")),
            communities_dir=str(options.get("communities_dir", "communities")),
            vocabularies=tuple(root / str(p) for p in options.get("vocabularies") or []),
            lang=site_lang if site_lang in ("fr", "en") else "fr",
            privacy=privacy_mode,
        ),
    )
    return kb, report.items, lang


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mkdocs-atelier")
def main() -> None:
    """Atelier : fiches de pratique partagées / shared practice sheets."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json"]), default="text",
              show_default=True,
              help="text : pour vous ; github : annotations de pull request ; json : pour les "
                   "outils / text, GitHub annotations, or JSON.")  # fmt: skip
@click.option("--strict", is_flag=True,
              help="Les avertissements font aussi échouer / warnings fail too.")  # fmt: skip
@click.option("--privacy", "privacy_mode", type=click.Choice(["model", "rules", "off"]),
              default="model", show_default=True,
              help="Données personnelles : règles + modèle de noms, règles seules, ou rien / "
                   "personal data: rules + name model, rules only, or off.")  # fmt: skip
@LANG
@ROOT
def check(
    paths: tuple[Path, ...], fmt: str, strict: bool, privacy_mode: str, lang: str | None,
    root: Path,
) -> None:  # fmt: skip
    """Vérifie les fiches et les communautés / check sheets and communities.

    Sans chemin, tout le dépôt est vérifié. Sort avec le code 1 s'il y a une erreur (ou un
    avertissement avec --strict).
    """
    root = root.resolve()
    kb, diagnostics, lang = _load(root, lang, privacy_mode)
    wanted = [_shown(p, root) for p in paths]
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        message = "fichier introuvable" if lang == "fr" else "no such file"
        click.echo(f"{path}: {message}", err=True)
    if missing:
        raise SystemExit(2)
    selected = [
        d for d in diagnostics
        if not wanted or any(d.path == w or d.path.startswith(w.rstrip("/") + "/") for w in wanted)
    ]  # fmt: skip
    selected.sort(key=Diagnostic.sort_key)
    errors = [d for d in selected if d.is_error]
    warnings = [d for d in selected if not d.is_error]
    count = len(kb.sheets) + len(kb.failed)
    if lang == "fr":
        summary = (
            f"{count} fiche(s), {len(kb.communities)} communauté(s) : "
            f"{len(errors)} erreur(s), {len(warnings)} avertissement(s)."
        )
    else:
        summary = (
            f"{count} sheet(s), {len(kb.communities)} community(ies): "
            f"{len(errors)} error(s), {len(warnings)} warning(s)."
        )
    if fmt == "json":
        click.echo(json.dumps(report.as_json(errors, warnings, lang, summary), ensure_ascii=False,
                              indent=2))  # fmt: skip
    elif fmt == "github":
        for diagnostic in errors + warnings:
            click.echo(report.github_annotation(diagnostic, lang))
        click.echo(summary)
    else:
        for diagnostic in errors + warnings:
            click.echo(diagnostic.render(lang), err=diagnostic.is_error)
        click.echo(summary)
    if errors or (strict and warnings):
        raise SystemExit(1)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Format de sortie / output format.",
)
@LANG
@ROOT
def vocabulary(fmt: str, lang: str | None, root: Path) -> None:
    """Affiche les vocabulaires (disciplines, niveaux…) / print the vocabularies."""
    root = root.resolve()
    kb, diagnostics, lang = _load(root, lang)
    for diagnostic in diagnostics:
        if diagnostic.path.startswith("atelier/") or diagnostic.code.startswith("vocab-"):
            click.echo(diagnostic.render(lang), err=True)
    data = kb.vocabularies.as_json()
    data["communities"] = [
        {"id": c.id, "labels": {"fr": c.name, "en": c.name}} for c in kb.communities.values()
    ]
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for name, terms in data.items():
        click.echo(f"# {name}")
        for term in terms:
            label = term["labels"].get(lang) or term["labels"].get("fr") or ""
            extra = f" (→ {term['replaced_by']})" if term.get("deprecated") else ""
            click.echo(f"  {term['id']:<32} {label}{extra}")
        click.echo()


@main.command()
@click.option("--title", help="Titre / title.")
@click.option("--summary", default="", help="Résumé / summary.")
@click.option("--subject", "subjects", multiple=True, help="Discipline (id ou libellé) / subject.")
@click.option("--level", "levels", multiple=True, help="Niveau (id ou libellé) / level.")
@click.option("--community", "communities", multiple=True, help="Communauté / community id.")
@click.option("--author", "authors", multiple=True, help="Auteur·rice / author.")
@click.option("--what-went-wrong", "wrong", multiple=True,
              help="Ce qui n'a pas marché (répétable) / what went wrong (repeatable).")  # fmt: skip
@click.option("--id", "sheet_id", help="Nom du fichier, sans .md / file name without .md.")
@click.option("--no-input", is_flag=True, help="Sans questions / do not ask (for scripts).")
@LANG
@ROOT
def new(
    title: str | None, summary: str, subjects: tuple[str, ...], levels: tuple[str, ...],
    communities: tuple[str, ...], authors: tuple[str, ...], wrong: tuple[str, ...],
    sheet_id: str | None, no_input: bool, lang: str | None, root: Path,
) -> None:  # fmt: skip
    """Crée une nouvelle fiche dans practices/ / create a new sheet in practices/."""
    root = root.resolve()
    kb, _, _ = _load(root, None)
    lang = lang or "fr"
    if no_input:
        answers = _answers_from_options(kb, lang, title, summary, subjects, levels, communities,
                                        authors, wrong)  # fmt: skip
    else:
        try:
            answers = prompts.ask(kb, lang)
        except KeyboardInterrupt:
            click.echo("\nAnnulé, aucune fiche créée." if lang == "fr" else "\nCancelled.")
            raise SystemExit(1) from None
    target = root / "practices" / f"{sheet_id or scaffold.sheet_id(answers.title)}.md"
    if target.exists():
        _refuse_overwrite(target.relative_to(root).as_posix(), lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(scaffold.render(answers), encoding="utf-8")
    shown = target.relative_to(root).as_posix()
    click.echo(NEXT_STEPS[lang].format(path=shown))


def _refuse_overwrite(shown: str, lang: str) -> None:
    message = (
        "existe déjà : rien n'a été écrit ; choisissez un autre --id ou un autre titre"
        if lang == "fr"
        else "already exists: nothing written; choose another --id or title"
    )
    click.echo(f"{shown}: {message}", err=True)
    raise SystemExit(1)


NEXT_STEPS = {
    "fr": """Fiche créée : {path} (brouillon : « status: draft »)

La suite :
  1. Ouvrez {path} et racontez, sous chaque titre « ## ».
  2. Vérifiez :          .venv/bin/atelier check {path}
  3. Prévisualisez :     make serve   puis http://127.0.0.1:8000
  4. Quand elle est prête, retirez la ligne « status: draft » et proposez-la
     par une pull request (voir CONTRIBUTING.md).""",
    "en": """Sheet created: {path} (a draft: 'status: draft')

Next:
  1. Open {path} and write under each '##' heading.
  2. Check it:           .venv/bin/atelier check {path}
  3. Preview it:         make serve   then http://127.0.0.1:8000
  4. When it is ready, remove the 'status: draft' line and propose it
     in a pull request (see CONTRIBUTING.md).""",
}


def _answers_from_options(
    kb: knowledge.KnowledgeBase, lang: str, title: str | None, summary: str,
    subjects: tuple[str, ...], levels: tuple[str, ...], communities: tuple[str, ...],
    authors: tuple[str, ...], wrong: tuple[str, ...],
) -> scaffold.Answers:  # fmt: skip
    missing = [name for name, value in (("--title", title), ("--subject", subjects),
               ("--level", levels), ("--author", authors), ("--what-went-wrong", wrong))
               if not value]  # fmt: skip
    if missing:
        label = "options manquantes" if lang == "fr" else "missing options"
        raise click.UsageError(f"{label} : {', '.join(missing)}")
    assert title is not None
    return scaffold.Answers(
        title, _ids(kb, "subjects", subjects, lang), _ids(kb, "levels", levels, lang), authors,
        wrong, summary=summary, communities=communities, lang=lang,
    )  # fmt: skip


def _ids(
    kb: knowledge.KnowledgeBase, name: str, values: tuple[str, ...], lang: str
) -> tuple[str, ...]:
    """Ids from ids or labels (« Quatrième » → fr-4e); an unknown value stops with a hint."""
    vocab = kb.vocabularies[name]
    found = []
    for value in values:
        term_id = value if value in vocab else vocab.suggest(value)
        if term_id is None:
            hint = ("inconnu : « atelier vocabulary » donne la liste" if lang == "fr"
                    else "unknown: 'atelier vocabulary' prints the list")  # fmt: skip
            raise click.BadParameter(f"{value!r} {hint}", param_hint=name)
        found.append(term_id)
    return tuple(found)


@main.command()
@click.option("--base", default="origin/main", show_default=True,
              help="Branche ou commit de départ / base branch or commit.")  # fmt: skip
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Écrire le rapport dans ce fichier / write it to this file.")  # fmt: skip
@LANG
@ROOT
def review(base: str, output: Path | None, lang: str | None, root: Path) -> None:
    """Rapport de relecture d'une pull request, en Markdown / review report (Markdown)."""
    root = root.resolve()
    kb, diagnostics, lang = _load(root, lang)
    try:
        changes = _git_changes(root, base)
    except subprocess.CalledProcessError as error:
        detail = (error.stderr or "").strip()
        click.echo(f"git: {detail or error}", err=True)
        raise SystemExit(2) from None
    guard = privacy.PrivacyGuard()
    changed = {c.path for c in changes}
    findings = {s.path: guard.scan_sheet(s) for s in kb.sheets.values() if s.path in changed}
    index = duplicates.DuplicateIndex(kb.sheets.values())
    text = review_report.render(changes, kb, diagnostics, {p: f for p, f in findings.items() if f},
                                index, base=base, lang=lang)  # fmt: skip
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)


def _git_changes(root: Path, base: str) -> list[review_report.Change]:
    """Files changed since the merge base with `base`, committed or not (renames detected)."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                              check=True).stdout  # fmt: skip

    merge_base = git("merge-base", base, "HEAD").strip()
    changes = []
    for line in git("diff", "--name-status", "-M", merge_base).splitlines():
        parts = line.split("\t")
        if parts[0].startswith("R") and len(parts) == 3:
            changes.append(review_report.Change("R", parts[2], parts[1]))
        elif len(parts) == 2:
            changes.append(review_report.Change(parts[0][:1], parts[1]))
    for path in git("ls-files", "--others", "--exclude-standard").splitlines():
        changes.append(review_report.Change("A", path))
    return changes


@main.command("import-issue")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--id", "sheet_id", help="Nom du fichier, sans .md / file name without .md.")
@LANG
@ROOT
def import_issue(file: Any, sheet_id: str | None, lang: str | None, root: Path) -> None:
    """Transforme une issue « Proposer une pratique » en fiche / turn a proposal issue into a
    sheet. FILE is the issue body (`-` reads it from standard input)."""
    root = root.resolve()
    kb, _, lang = _load(root, lang)
    body = file.read()
    imported = issue_import.parse_issue(
        body, kb.vocabularies, today=dt.date.today(),
        communities={c.id: c.name for c in kb.communities.values()},
    )  # fmt: skip
    if not issue_import.read_fields(body):
        click.echo(imported.notes[0] if imported.notes else "?", err=True)
        raise SystemExit(2)
    target_id = sheet_id or imported.id
    target = root / "practices" / f"{target_id}.md"
    if target_id in kb.sheets or target_id in kb.failed or target.exists():
        _refuse_overwrite(f"practices/{target_id}.md", lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(imported.text, encoding="utf-8", newline="\n")
    for note in imported.notes:
        click.echo(f"- {note}", err=True)
    created = "Fiche créée" if lang == "fr" else "Sheet created"
    click.echo(f"{created} : practices/{target_id}.md")
    click.echo(f"  .venv/bin/atelier check practices/{target_id}.md")
