"""Shared helpers: write a small Atelier site into a temporary folder and build it in-process.

MkDocs is driven through its Python API (``load_config`` + ``build``), never through its click
CLI: the CLI turns off log propagation, which would hide MkDocs' messages from ``caplog``.
"""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path
from typing import Any

import pytest

os.environ["NO_MKDOCS_2_WARNING"] = "1"

REPO = Path(__file__).resolve().parents[1]
OVERRIDES = REPO / "overrides"
REPO_URL = "https://github.com/example/atelier"
SERVE_URL = "http://127.0.0.1:8000/"

SECTIONS_FR = (
    "Contexte",
    "Ce que je voulais faire",
    "Ce que j'ai fait",
    "Ce qui a marché",
    "Ce qui n'a pas marché",
    "Pourquoi, à mon avis",
    "Ce que je referais autrement",
)
SECTIONS_EN = (
    "Context",
    "What I intended",
    "What I did",
    "What worked",
    "What went wrong",
    "Why I think it happened",
    "What I would do differently",
)

SHEET_DEFAULTS: dict[str, Any] = {
    "title": "Débat mouvant en 4e : trois élèves monopolisent la parole",
    "summary": "Un débat où les élèves se déplacent selon leur avis ; la parole a été captée.",
    "subject": "francais",
    "level": "fr-4e",
    "authors": ["Claire Martin"],
    "date": "2025-03-14",
    "what_went_wrong": [
        "Les élèves timides ne se sont pas déplacés.",
        "Le débat a duré deux fois plus longtemps que prévu.",
    ],
}

COMMUNITY_DEFAULTS: dict[str, Any] = {
    "name": "Atelier Lettres de test",
    "domain": "Enseigner le français au collège : lecture, écriture, oral.",
    "region": "fr",
    "membership": "open",
    "contact": "https://example.org/atelier-lettres/inscription",
}


class Raw(str):
    """A front matter value written exactly as given (to write invalid YAML on purpose)."""


def _scalar(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def front_matter(fields: dict[str, Any]) -> str:
    """YAML front matter, one line per scalar, one line per list item; None drops the key."""
    lines = ["---"]
    for key, value in fields.items():
        if value is None:
            continue
        if isinstance(value, list | tuple):
            lines.append(f"{key}:")
            lines.extend(f"  - {_scalar(item)}" for item in value)
        else:
            lines.append(f"{key}: {_scalar(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def default_body(lang: str = "fr") -> str:
    """A body with every recommended section, each with a short paragraph."""
    headings = SECTIONS_EN if lang == "en" else SECTIONS_FR
    return "".join(
        f"\n## {heading}\n\nUn paragraphe de récit pour la section {number}.\n"
        for number, heading in enumerate(headings, start=1)
    )


def sheet(*, body: str | None = None, **overrides: Any) -> str:
    """The text of a valid French sheet; keyword arguments replace fields (None removes one).

    ``body`` replaces the Markdown body (by default every recommended section is present).
    Values are quoted as YAML strings, except ints, bools and ``Raw`` values.
    """
    fields = {**SHEET_DEFAULTS, **overrides}
    if body is None:
        body = default_body(str(fields.get("lang") or "fr"))
    return front_matter(fields) + body


def community(*, body: str | None = None, **overrides: Any) -> str:
    """The text of a valid community; keyword arguments replace fields (None removes one)."""
    fields = {**COMMUNITY_DEFAULTS, **overrides}
    if body is None:
        body = "\n## Comment nous fonctionnons\n\nUne rencontre par mois, en visioconférence.\n"
    return front_matter(fields) + body


def _md_name(name: str) -> str:
    return name if name.endswith(".md") else name + ".md"


def write_files(folder: Path, files: dict[str, str]) -> None:
    """Write `files` (relative path → text) under `folder`, creating sub-folders."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def make_site(
    tmp_path: Path,
    sheets: dict[str, str],
    communities: dict[str, str] | None = None,
    docs: dict[str, str] | None = None,
    extra_config: str = "",
) -> Path:
    """Write a minimal Atelier site into `tmp_path` and return it.

    `sheets` and `communities` map a file name (with or without ``.md``, sub-folders allowed)
    to its text; `docs` maps a path under docs/ to its text (index.md exists by default).
    The theme stays where it is installed (custom_dir is this repository's overrides/,
    Material is in the virtualenv): outside the site's folder, as for any site using the plugin.
    """
    config = textwrap.dedent(
        f"""\
        site_name: Atelier de test
        docs_dir: docs
        repo_url: {REPO_URL}
        edit_uri: edit/main/docs/
        theme:
          name: material
          custom_dir: {json.dumps(str(OVERRIDES))}
          language: fr
        plugins:
          - search
          - atelier
        nav:
          - Accueil: index.md
        """
    )
    (tmp_path / "mkdocs.yml").write_text(config + extra_config, encoding="utf-8")
    write_files(tmp_path / "docs", {"index.md": "# Accueil\n\nBienvenue.\n", **(docs or {})})
    (tmp_path / "practices").mkdir(exist_ok=True)
    write_files(tmp_path / "practices", {_md_name(k): v for k, v in sheets.items()})
    (tmp_path / "communities").mkdir(exist_ok=True)
    write_files(tmp_path / "communities", {_md_name(k): v for k, v in (communities or {}).items()})
    return tmp_path


def load_site_config(config_file: Path, site_dir: Path) -> Any:
    """MkDocs' configuration of a site, with its output redirected to `site_dir`."""
    from mkdocs.config import load_config

    return load_config(str(config_file), site_dir=str(site_dir))


def build_config(cfg: Any, *, serve: bool = False) -> None:
    """Build a loaded configuration as `mkdocs build` (or `mkdocs serve`, drafts included) does."""
    from mkdocs.commands.build import build

    cfg.plugins.on_startup(command="serve" if serve else "build", dirty=False)
    try:
        build(cfg, serve_url=SERVE_URL if serve else None, dirty=False)
    finally:
        cfg.plugins.on_shutdown()


def build_site(tmp_path: Path, serve: bool = False) -> Path:
    """Build the site written by `make_site` into tmp_path/site; return that folder.

    With ``serve=True`` the build is the one `mkdocs serve` runs: drafts are built and an
    invalid sheet gets a page instead of stopping the build.
    """
    site = tmp_path / "site"
    build_config(load_site_config(tmp_path / "mkdocs.yml", site), serve=serve)
    return site


@pytest.fixture
def mkdocs_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """caplog, recording MkDocs' INFO messages and above."""
    caplog.set_level("INFO", logger="mkdocs")
    return caplog
