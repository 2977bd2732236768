"""The `atelier` command: check sheets, print the vocabularies."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import posixpath
import subprocess
import zoneinfo
from pathlib import Path
from typing import Any

import click

from atelier import prompts
from atelier.core import duplicates, issue_import, knowledge, scaffold, schema, urls
from atelier.core import review as pull_request
from atelier.core.diagnostics import Diagnostic
from atelier.core.model import PROJET
from atelier.core.settings import Settings, find_config
from atelier.report import machine as report
from atelier.report import review as review_report

LANG = click.option(
    "--lang", type=click.Choice(["fr", "en"]), default=None,
    help="Langue des messages / message language (fr, en).",
)  # fmt: skip
ROOT = click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default=True, help="Dossier du dépôt (celui de mkdocs.yml) / repository folder.",
)  # fmt: skip


def _settings(root: Path, lang: str | None, *, act: bool = False) -> tuple[Settings, str]:
    """The site's settings (from ROOT/mkdocs.yml) and the language of the messages.

    A command that writes (`act`) stops on a wrong setting rather than use its default (e.g.
    write a sheet into practices/ when practices_dir is misspelt); the others report it.
    """
    settings = Settings.from_config_file(find_config(root.resolve()))
    lang = lang or settings.lang
    if act and settings.errors:
        for diagnostic in settings.errors:
            click.echo(diagnostic.render(lang), err=True)
        raise SystemExit(2)
    return settings, lang


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
    settings, lang = _settings(root, lang)
    root = settings.root
    kb, found = knowledge.load(settings.replace(privacy=privacy_mode))
    diagnostics = found.items
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
            f"{count} fiche(s), {len(kb.communities)} communauté(s), "
            f"{len(kb.workshops)} atelier(s) : "
            f"{len(errors)} erreur(s), {len(warnings)} avertissement(s)."
        )
    else:
        summary = (
            f"{count} sheet(s), {len(kb.communities)} community(ies), "
            f"{len(kb.workshops)} workshop(s): "
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
    settings, lang = _settings(root, lang)
    kb, found = knowledge.load(settings)
    for diagnostic in found.items:
        if (
            diagnostic.path in ("atelier", settings.config_name)
            or diagnostic.path.startswith("atelier/")
            or diagnostic.code.startswith("vocab-")
        ):
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
@click.option("--projet", is_flag=True,
              help="Un projet, pas encore essayé (outcome: not-yet-tried) / a project, not "
                   "tried yet.")  # fmt: skip
@click.option("--outcome", type=click.Choice([PROJET]), default=None,
              help="not-yet-tried : comme --projet / same as --projet.")  # fmt: skip
@click.option(
    "--worry",
    "worries",
    multiple=True,
    help="Projet : ce que je crains (répétable) / project: a worry (repeatable).",
)
@click.option("--workshop", is_flag=True,
              help="Un atelier (workshops/) plutôt qu'une fiche / a workshop instead of a "
                   "sheet.")  # fmt: skip
@click.option("--start", help="Atelier : début, 2026-11-18T14:00 / workshop start.")
@click.option("--end", help="Atelier : fin, 2026-11-18T16:30 ou 16:30 / workshop end.")
@click.option("--timezone", help="Atelier : fuseau IANA, Europe/Paris / IANA time zone.")
@click.option("--protocol", help="Atelier : protocole (id) / protocol id.")
@click.option("--sheet", "sheets", multiple=True, help="Atelier : fiche (id) / sheet id.")
@click.option("--place", help="Atelier : lieu / place.")
@click.option("--online", help="Atelier : lien https / https link.")
@click.option("--facilitator", "facilitators", multiple=True,
              help="Atelier : animation / facilitator.")  # fmt: skip
@LANG
@ROOT
def new(
    title: str | None, summary: str, subjects: tuple[str, ...], levels: tuple[str, ...],
    communities: tuple[str, ...], authors: tuple[str, ...], wrong: tuple[str, ...],
    sheet_id: str | None, no_input: bool, projet: bool, outcome: str | None,
    worries: tuple[str, ...], workshop: bool, start: str | None, end: str | None,
    timezone: str | None, protocol: str | None, sheets: tuple[str, ...], place: str | None,
    online: str | None, facilitators: tuple[str, ...], lang: str | None, root: Path,
) -> None:  # fmt: skip
    """Crée une fiche dans le dossier des fiches (practices_dir, practices/ par défaut), dans la
    langue du site ; avec --workshop, un atelier ; avec --projet, un projet pas encore essayé /
    create a sheet in the sheets' folder, in the site's language (--workshop: a workshop;
    --projet: a project not tried yet)."""
    settings, lang = _settings(root, lang, act=True)
    root = settings.root
    kb, _ = knowledge.load(settings)
    if workshop:
        fields = _WorkshopFields(title, summary, communities, start, end, timezone, protocol,
                                 sheets, place, online, facilitators)  # fmt: skip
        _new_workshop(settings, kb, lang, fields, no_input, sheet_id)
        return
    if projet or outcome == PROJET:
        _new_projet(settings, kb, lang, title, summary, subjects, levels, communities, authors,
                    worries, no_input, sheet_id)  # fmt: skip
        return
    if no_input:
        answers = _answers_from_options(kb, lang, title, summary, subjects, levels, communities,
                                        authors, wrong)  # fmt: skip
    else:
        try:
            answers = prompts.ask(kb, lang)
        except KeyboardInterrupt:
            click.echo("\nAnnulé, aucune fiche créée." if lang == "fr" else "\nCancelled.")
            raise SystemExit(1) from None
    new_id = sheet_id or scaffold.sheet_id(answers.title)
    shown = settings.sheet_path(new_id)
    _write_new(root, shown, scaffold.render(answers), lang)
    # `make serve` shows drafts: the address of the sheet's page (under site_url's path).
    url = settings.preview_url + urls.sheet_url(new_id)
    click.echo(NEXT_STEPS[lang].format(path=shown, url=url))


def _new_projet(
    settings: Settings, kb: knowledge.KnowledgeBase, lang: str, title: str | None, summary: str,
    subjects: tuple[str, ...], levels: tuple[str, ...], communities: tuple[str, ...],
    authors: tuple[str, ...], worries: tuple[str, ...], no_input: bool, sheet_id: str | None,
) -> None:  # fmt: skip
    """A projet: a sheet written before trying, with what the author fears."""
    fr = lang == "fr"
    if not no_input:
        title = title or click.prompt("Titre" if fr else "Title")
        subjects = subjects or (click.prompt("Discipline" if fr else "Subject"),)
        levels = levels or (click.prompt("Niveau" if fr else "Level"),)
        authors = authors or (click.prompt("Auteur·rice" if fr else "Author"),)
        worries = worries or (click.prompt("Ce que je crains" if fr else "What I fear"),)
    missing = [name for name, value in (("--title", title), ("--subject", subjects),
               ("--level", levels), ("--author", authors), ("--worry", worries))
               if not value]  # fmt: skip
    if missing:
        label = "options manquantes" if fr else "missing options"
        raise click.UsageError(f"{label} : {', '.join(missing)}")
    assert title is not None
    answers = scaffold.Answers(
        title, _ids(kb, "subjects", subjects, lang), _ids(kb, "levels", levels, lang), authors,
        (), summary=summary, communities=communities, lang=lang, worries=worries,
    )  # fmt: skip
    new_id = sheet_id or scaffold.sheet_id(title)
    shown = settings.sheet_path(new_id)
    _write_new(settings.root, shown, scaffold.render(answers), lang)
    url = settings.preview_url + urls.sheet_url(new_id)
    click.echo(NEXT_STEPS[lang].format(path=shown, url=url))


@dataclasses.dataclass(frozen=True)
class _WorkshopFields:
    title: str | None
    summary: str
    communities: tuple[str, ...]
    start: str | None
    end: str | None
    timezone: str | None
    protocol: str | None
    sheets: tuple[str, ...]
    place: str | None
    online: str | None
    facilitators: tuple[str, ...]


def _moment(text: str, zone: str | None, day: dt.date | None, lang: str, name: str) -> dt.datetime:
    """An aware datetime from '2026-11-18T14:00' (+ the zone), one with an offset, or '16:30'."""
    text = text.strip()
    try:
        if day is not None and len(text) <= 5 and ":" in text:
            moment = dt.datetime.combine(day, dt.time.fromisoformat(text))
        else:
            moment = dt.datetime.fromisoformat(text)
    except ValueError:
        hint = "attendu : 2026-11-18T14:00" if lang == "fr" else "expected: 2026-11-18T14:00"
        raise click.BadParameter(f"{text!r} ({hint})", param_hint=name) from None
    if moment.tzinfo is None:
        if not zone:
            hint = ("sans décalage, donnez --timezone" if lang == "fr"
                    else "no offset: give --timezone")  # fmt: skip
            raise click.BadParameter(f"{text!r} ({hint})", param_hint=name)
        moment = moment.replace(tzinfo=zoneinfo.ZoneInfo(zone))
    return moment.replace(tzinfo=dt.timezone(moment.utcoffset() or dt.timedelta()))


def _new_workshop(
    settings: Settings, kb: knowledge.KnowledgeBase, lang: str, f: _WorkshopFields,
    no_input: bool, workshop_id: str | None,
) -> None:  # fmt: skip
    """A planned workshop in workshops/<date>-<slug>.md."""
    fr = lang == "fr"
    title, community, start, end, zone = f.title, (f.communities or (None,))[0], f.start, f.end, \
        f.timezone  # fmt: skip
    place, online = f.place, f.online
    if not no_input:
        title = title or click.prompt("Titre" if fr else "Title")
        community = community or click.prompt(
            "Communauté (id)" if fr else "Community (id)",
            type=click.Choice(sorted(kb.communities)) if kb.communities else str,
        )
        zone = zone or click.prompt("Fuseau horaire" if fr else "Time zone", default="Europe/Paris")
        start = start or click.prompt("Début (2026-11-18T14:00)" if fr else "Start")
        end = end or click.prompt("Fin (16:30)" if fr else "End")
        if not place and not online:
            place = click.prompt("Lieu" if fr else "Place", default="", show_default=False)
            if not place:
                online = click.prompt("Lien https" if fr else "https link")
    missing = [name for name, value in (("--title", title), ("--community", community),
               ("--start", start), ("--end", end)) if not value]  # fmt: skip
    if not place and not online:
        missing.append("--place/--online")
    if missing:
        label = "options manquantes" if fr else "missing options"
        raise click.UsageError(f"{label} : {', '.join(missing)}")
    assert title and community and start and end
    if zone and schema.zone_of(zone) is None:
        raise click.BadParameter(repr(zone), param_hint="--timezone")
    if community not in kb.communities:
        raise click.BadParameter(repr(community), param_hint="--community")
    begin = _moment(start, zone, None, lang, "--start")
    answers = scaffold.WorkshopAnswers(
        title=title, community=community, start=begin,
        end=_moment(end, zone, begin.date(), lang, "--end"), timezone=zone or None,
        protocol=f.protocol, sheets=f.sheets, place=place or None, online=online or None,
        facilitators=f.facilitators, summary=f.summary, lang=lang,
    )  # fmt: skip
    new_id = workshop_id or scaffold.workshop_id(answers)
    shown = settings.workshop_path(new_id)
    _write_new(settings.root, shown, scaffold.render_workshop(answers), lang)
    url = settings.preview_url + urls.workshop_url(new_id)
    click.echo(WORKSHOP_NEXT_STEPS[lang].format(path=shown, url=url))


WORKSHOP_NEXT_STEPS = {
    "fr": """Atelier créé : {path}

La suite :
  1. Vérifiez :          .venv/bin/atelier check {path}
  2. Prévisualisez :     make serve   puis {url}
  3. Après la séance, écrivez « status: held » et le retour : une section « ## » par fiche
     discutée, dont le titre est un lien [titre](id:fiche).""",
    "en": """Workshop created: {path}

Next:
  1. Check it:           .venv/bin/atelier check {path}
  2. Preview it:         make serve   then {url}
  3. After the session, write 'status: held' and the report: one '##' section per sheet
     discussed, its heading a link [title](id:sheet).""",
}


def _write_new(root: Path, shown: str, text: str, lang: str, *, taken: bool = False) -> None:
    """Write a new source file at `root/shown`; never over an existing one (nor a `taken` id)."""
    target = root / shown
    if taken or target.exists():
        _refuse_overwrite(shown, lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="\n")


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
  3. Prévisualisez :     make serve   puis {url}
  4. Quand elle est prête, retirez la ligne « status: draft » et proposez-la
     par une pull request (voir CONTRIBUTING.md).""",
    "en": """Sheet created: {path} (a draft: 'status: draft')

Next:
  1. Open {path} and write under each '##' heading.
  2. Check it:           .venv/bin/atelier check {path}
  3. Preview it:         make serve   then {url}
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
    settings, lang = _settings(root, lang)
    root = settings.root
    kb, found = knowledge.load(settings)
    try:
        changes = _git_changes(root, base)
    except subprocess.CalledProcessError as error:
        detail = (error.stderr or "").strip()
        click.echo(f"git: {detail or error}", err=True)
        raise SystemExit(2) from None
    # The pull-request gate, as `atelier check`: rules and the names model.
    guard = knowledge.privacy_guard(settings, "model")
    changed = {c.path for c in changes}
    findings = {s.path: guard.scan_sheet(s) for s in kb.sheets.values() if s.path in changed}
    findings |= {w.path: guard.scan_sheet(w) for w in kb.workshops.values() if w.path in changed}
    index = duplicates.DuplicateIndex(kb.sheets.values())
    facts = pull_request.review(changes, kb, found.items, {p: f for p, f in findings.items() if f},
                          index, settings)  # fmt: skip
    text = review_report.markdown(facts, base=base, lang=lang)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)


def _git_changes(root: Path, base: str) -> list[pull_request.Change]:
    """Files changed since the merge base with `base`, committed or not (renames detected).

    Paths are relative to `root` (the site may be a folder of the git repository: a change
    outside it is named with `../`), whatever the current folder.
    """

    def git(*args: str) -> list[str]:
        out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                             check=True).stdout  # fmt: skip
        return out.split("\0")[:-1] if "-z" in args else out.splitlines()

    prefix = "".join(git("rev-parse", "--show-prefix")).strip()  # e.g. "site/", or ""

    def here(path: str) -> str:  # a path from the top of the git repository → from root
        return posixpath.relpath(path, prefix) if prefix else path

    merge_base = "".join(git("merge-base", base, "HEAD")).strip()
    changes = []
    fields = iter(git("diff", "--name-status", "-z", "-M", merge_base))
    for status in fields:
        if status.startswith(("R", "C")):
            old, new = next(fields), next(fields)
            changes.append(pull_request.Change(status[:1], here(new), here(old)))
        else:
            changes.append(pull_request.Change(status[:1], here(next(fields))))
    for path in git("ls-files", "--others", "--exclude-standard", "--full-name", "-z", ":/"):
        changes.append(pull_request.Change("A", here(path)))
    return changes


@main.command("import-issue")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--id", "sheet_id", help="Nom du fichier, sans .md / file name without .md.")
@LANG
@ROOT
def import_issue(file: Any, sheet_id: str | None, lang: str | None, root: Path) -> None:
    """Transforme une issue « Proposer une pratique » en fiche / turn a proposal issue into a
    sheet. FILE is the issue body (`-` reads it from standard input)."""
    settings, lang = _settings(root, lang, act=True)
    root = settings.root
    kb, _ = knowledge.load(settings)
    body = file.read()
    imported = issue_import.parse_issue(
        body, kb.vocabularies, today=settings.today,
        communities={c.id: c.name for c in kb.communities.values()},
    )  # fmt: skip
    if not issue_import.read_fields(body):
        click.echo(imported.notes[0] if imported.notes else "?", err=True)
        raise SystemExit(2)
    target_id = sheet_id or imported.id
    shown = settings.sheet_path(target_id)
    taken = target_id in kb.sheets or target_id in kb.failed
    _write_new(root, shown, imported.text, lang, taken=taken)
    for note in imported.notes:
        click.echo(f"- {note}", err=True)
    created = "Fiche créée" if lang == "fr" else "Sheet created"
    click.echo(f"{created} : {shown}")
    click.echo(f"  .venv/bin/atelier check {shown}")
