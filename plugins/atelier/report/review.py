"""The review report of a pull request, in Markdown, ready to paste as a comment."""

from __future__ import annotations

from atelier.core.review import Changed, Review

_STATUS = {
    "A": ("ajoutée", "added"),
    "M": ("modifiée", "changed"),
    "D": ("supprimée", "removed"),
    "R": ("renommée", "renamed"),
}


def markdown(review: Review, *, base: str, lang: str = "fr") -> str:
    """The whole report: the loud notice first, then sheets, workshops, errors, privacy,
    near-duplicates and look-alike tags."""
    fr = lang == "fr"
    out: list[str] = [f"## {'Relecture Atelier' if fr else 'Atelier review'} (base : `{base}`)", ""]
    if review.outside:
        out += [
            "> [!CAUTION]" if review.code else "> [!WARNING]",
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
            *(f"> - `{c.status}` `{c.path}`" for c in review.outside),
            "",
        ]
    out += [f"### {'Fiches' if fr else 'Sheets'}", ""]
    if not review.sheets:
        out.append("_Aucune fiche modifiée._" if fr else "_No sheet changed._")
    out += [_changed(item, fr) for item in review.sheets]
    out.append("")
    if review.workshops:
        out += [f"### {'Ateliers' if fr else 'Workshops'}", ""]
        out += [_changed(item, fr) for item in review.workshops]
        out.append("")
    out += [f"### {'Erreurs' if fr else 'Errors'} ({len(review.errors)})", ""]
    out += [f"- `{_md(d.render(lang))}`" for d in review.errors] or ["✅"]
    out.append("")
    if review.warnings:
        out += [f"### {'Avertissements' if fr else 'Warnings'} ({len(review.warnings)})", ""]
        out += [f"- `{_md(d.render(lang))}`" for d in review.warnings]
        out.append("")
    title = "Données personnelles possibles" if fr else "Possible personal data"
    out += [f"### {title} ({len(review.privacy)})", ""]
    out += [
        f"- `{path}:{finding.line}` — {finding.kind} : « {_md(finding.words)} »"
        for path, finding in review.privacy
    ] or ["✅"]
    out.append("")
    title = "Doublons possibles" if fr else "Possible duplicates"
    out += [f"### {title} ({len(review.duplicates)})", ""]
    out += [
        f"- `{sid}` ≈ `{match.id}` ({other}) — score {match.score:.2f}"
        for sid, match, other in review.duplicates
    ] or ["✅"]
    out.append("")
    if review.tags:
        out += [f"### {'Mots-clés nouveaux à vérifier' if fr else 'New tags to check'}", ""]
        out += [
            f"- `{h.tag}` ({h.sheet}) {'ressemble à' if fr else 'looks like'} `{h.like}`"
            for h in review.tags
        ]
        out.append("")
    return "\n".join(out)


def _changed(item: Changed, fr: bool) -> str:
    change = item.change
    word = _STATUS.get(change.status[:1], (change.status, change.status))[0 if fr else 1]
    renamed = f" ← `{change.old_path}`" if change.old_path else ""
    title = f" — {_md(item.title)}" if item.title else ""
    return f"- **{word}** `{change.path}`{renamed}{title}"


def _md(text: str) -> str:
    """Contributor text inside the report: no HTML, no table or code breaks."""
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("`", "'").replace("\n", " ")
