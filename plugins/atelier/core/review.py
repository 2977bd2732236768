"""The review report of a pull request, in Markdown, ready to paste as a comment.

Pure: it receives the list of changed files (from git, at the edge) and the knowledge base of
the proposed tree, and says what a volunteer maintainer needs first: which sheets change, the
errors, the privacy findings, the near-duplicates, the new tags that look like existing ones,
and — loudly — any change outside the content.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from atelier.core.diagnostics import Diagnostic
from atelier.core.duplicates import DuplicateIndex, Match
from atelier.core.knowledge import KnowledgeBase
from atelier.core.privacy import Finding
from atelier.core.schema import slugify
from atelier.core.settings import Settings

# Where a change can run code or change what every page shows: the loudest notice. With the
# site's configuration file, and anything outside the site's folder (`../…`).
CODE = (
    "mkdocs.yml", "mkdocs.yaml", "pyproject.toml", "Makefile", ".ci/", ".github/", "plugins/",
    "overrides/", "requirements", "setup.", "hooks/", ".pre-commit", "../",
)  # fmt: skip


@dataclass(frozen=True)
class Change:
    """One changed file: status is A (added), M (modified), D (deleted) or R (renamed)."""

    status: str
    path: str
    old_path: str | None = None


@dataclass(frozen=True)
class TagHint:
    """A new tag and the existing tag or vocabulary label it resembles."""

    tag: str
    sheet: str
    like: str


def new_tags(kb: KnowledgeBase, changed: set[str]) -> list[TagHint]:
    """Tags used only by changed sheets that resemble an existing tag or a vocabulary label."""
    existing = {tag for s in kb.sheets.values() if s.id not in changed for tag in s.tags}
    labels: dict[str, str] = {}
    for vocab in kb.vocabularies:
        for term in vocab:
            for label in term.labels.values():
                labels.setdefault(slugify(label), f"{vocab.name}: {term.id}")
    hints = []
    for sheet_id_ in sorted(changed):
        sheet = kb.sheets.get(sheet_id_)
        for tag in sheet.tags if sheet else ():
            if tag in existing:
                continue
            close = difflib.get_close_matches(tag, sorted(existing), n=1, cutoff=0.8)
            singular = tag.rstrip("sx")
            twin = next((t for t in sorted(existing) if t.rstrip("sx") == singular), None)
            if twin or close:
                hints.append(TagHint(tag, sheet_id_, twin or close[0]))
            elif tag in labels:
                hints.append(TagHint(tag, sheet_id_, labels[tag]))
    return hints


def render(
    changes: Sequence[Change],
    kb: KnowledgeBase,
    diagnostics: Iterable[Diagnostic],
    privacy: dict[str, list[Finding]],
    duplicates: DuplicateIndex,
    settings: Settings,
    *,
    base: str,
    lang: str = "fr",
) -> str:
    """The whole report; paths are repository paths (relative to `settings.root`)."""
    fr = lang == "fr"
    sheet_id = settings.sheet_id
    content = tuple(folder + "/" for folder in settings.content_dirs)
    out: list[str] = [f"## {'Relecture Atelier' if fr else 'Atelier review'} (base : `{base}`)", ""]
    outside = [c for c in changes if not c.path.startswith(content)]
    if outside:
        code = [c for c in outside if c.path.startswith((*CODE, settings.config_name))]
        out += [
            "> [!CAUTION]" if code else "> [!WARNING]",
            "> "
            + (
                "**Cette proposition modifie autre chose que des fiches ou des communautés.** "
                "Ces fichiers peuvent exécuter du code pendant la construction ou changer toutes "
                "les pages : une relecture par un·e mainteneur·e est nécessaire."
                if fr
                else "**This change touches more than sheets or communities.** These files can run "
                "code during the build or change every page: a maintainer must review them."
            ),
            ">",
            *(f"> - `{c.status}` `{c.path}`" for c in outside),
            "",
        ]
    sheets = [c for c in changes if sheet_id(c.path)]
    out += [f"### {'Fiches' if fr else 'Sheets'}", ""]
    names = {"A": ("ajoutée", "added"), "M": ("modifiée", "changed"),
             "D": ("supprimée", "removed"), "R": ("renommée", "renamed")}  # fmt: skip
    if not sheets:
        out.append("_Aucune fiche modifiée._" if fr else "_No sheet changed._")
    for change in sheets:
        word = names.get(change.status[:1], (change.status, change.status))[0 if fr else 1]
        sid = sheet_id(change.path) or ""
        title = kb.sheets[sid].title if sid in kb.sheets else ""
        renamed = f" ← `{change.old_path}`" if change.old_path else ""
        out.append(f"- **{word}** `{change.path}`{renamed}" + (f" — {_md(title)}" if title else ""))
    out.append("")
    workshop_id = settings.workshop_id
    workshop_changes = [c for c in changes if workshop_id(c.path)]
    if workshop_changes:
        out += [f"### {'Ateliers' if fr else 'Workshops'}", ""]
        for change in workshop_changes:
            word = names.get(change.status[:1], (change.status, change.status))[0 if fr else 1]
            wid = workshop_id(change.path) or ""
            title = kb.workshops[wid].title if wid in kb.workshops else ""
            renamed = f" ← `{change.old_path}`" if change.old_path else ""
            out.append(
                f"- **{word}** `{change.path}`{renamed}" + (f" — {_md(title)}" if title else "")
            )
        out.append("")
    changed_paths = {c.path for c in changes}
    problems = [d for d in diagnostics if d.path in changed_paths]
    errors = [d for d in problems if d.is_error]
    warnings = [d for d in problems if not d.is_error and not d.code.startswith("privacy-")]
    out += [f"### {'Erreurs' if fr else 'Errors'} ({len(errors)})", ""]
    out += [f"- `{_md(d.render(lang))}`" for d in errors] or ["✅"]
    out.append("")
    if warnings:
        out += [f"### {'Avertissements' if fr else 'Warnings'} ({len(warnings)})", ""]
        out += [f"- `{_md(d.render(lang))}`" for d in warnings]
        out.append("")
    found = sum(len(v) for v in privacy.values())
    out += [f"### {'Données personnelles possibles' if fr else 'Possible personal data'} ({found})",
            ""]  # fmt: skip
    for path, findings in sorted(privacy.items()):
        for finding in findings:
            out.append(f"- `{path}:{finding.line}` — {finding.kind} : « {_md(finding.words)} »")
    if not found:
        out.append("✅")
    out.append("")
    matches: list[tuple[str, Match]] = []
    for change in sheets:
        sid = sheet_id(change.path) or ""
        if change.status != "D" and sid in kb.sheets:
            matches += [(sid, m) for m in duplicates.matches(kb.sheets[sid])]
    out += [f"### {'Doublons possibles' if fr else 'Possible duplicates'} ({len(matches)})", ""]
    for sid, match in matches:
        other = kb.sheets[match.id].path if match.id in kb.sheets else match.id
        out.append(f"- `{sid}` ≈ `{match.id}` ({other}) — score {match.score:.2f}")
    if not matches:
        out.append("✅")
    out.append("")
    hints = new_tags(kb, {sheet_id(c.path) or "" for c in sheets})
    if hints:
        out += [f"### {'Mots-clés nouveaux à vérifier' if fr else 'New tags to check'}", ""]
        out += [
            f"- `{h.tag}` ({h.sheet}) {'ressemble à' if fr else 'looks like'} `{h.like}`"
            for h in hints
        ]
        out.append("")
    return "\n".join(out)


def _md(text: str) -> str:
    """Contributor text inside the report: no HTML, no table or code breaks."""
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("`", "'").replace("\n", " ")
