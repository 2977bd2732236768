"""The `atelier` command: check sheets, print the vocabularies."""

from __future__ import annotations

import json
from pathlib import Path

import click

from atelier.core import knowledge, siteconfig
from atelier.core.diagnostics import Diagnostic

LANG = click.option(
    "--lang", type=click.Choice(["fr", "en"]), default=None,
    help="Langue des messages / message language (fr, en).",
)  # fmt: skip
ROOT = click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default=True, help="Dossier du dépôt (celui de mkdocs.yml) / repository folder.",
)  # fmt: skip


def _load(root: Path, lang: str | None) -> tuple[knowledge.KnowledgeBase, list[Diagnostic], str]:
    options, site_lang = siteconfig.plugin_options(root / "mkdocs.yml")
    lang = lang or site_lang
    kb, report = knowledge.load(
        root,
        knowledge.Options(
            practices_dir=str(options.get("practices_dir", "practices")),
            communities_dir=str(options.get("communities_dir", "communities")),
            vocabularies=tuple(root / str(p) for p in options.get("vocabularies") or []),
            lang=site_lang if site_lang in ("fr", "en") else "fr",
        ),
    )
    return kb, report.items, lang


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mkdocs-atelier")
def main() -> None:
    """Atelier : fiches de pratique partagées / shared practice sheets."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@LANG
@ROOT
def check(paths: tuple[Path, ...], lang: str | None, root: Path) -> None:
    """Vérifie les fiches et les communautés / check sheets and communities.

    Sans chemin, tout le dépôt est vérifié. Sort avec le code 1 s'il y a une erreur.
    """
    root = root.resolve()
    kb, diagnostics, lang = _load(root, lang)
    wanted = [_shown(p, root) for p in paths]
    missing = [p for p, shown in zip(paths, wanted, strict=True) if not p.exists()]
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
    for diagnostic in errors + warnings:
        click.echo(diagnostic.render(lang), err=diagnostic.is_error)
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
    click.echo(summary)
    if errors:
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
