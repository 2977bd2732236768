"""Shared helpers: write a small Atelier site into a temporary folder and build it in-process.

A test site is configured by this repository's own mkdocs.yml (theme, features, Markdown
extensions, plugins, validation): only the folders change, so the tests build what ships.
MkDocs is driven through its Python API (``load_config`` + ``build``), never through its click
CLI: the CLI turns off log propagation, which would hide MkDocs' messages from ``caplog``.
"""

from __future__ import annotations

import copy
import functools
import gzip
import json
import os
import sys
import textwrap
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from yaml_env_tag import construct_env_tag

os.environ["NO_MKDOCS_2_WARNING"] = "1"

REPO = Path(__file__).resolve().parents[1]
OVERRIDES = REPO / "overrides"
SERVE_URL = "http://127.0.0.1:8000/"
E2E = Path(__file__).resolve().parent / "e2e"


class _EnvLoader(yaml.SafeLoader):
    """Reads `!ENV [NAME, default]` as MkDocs does, with the tests' environment."""


_EnvLoader.add_constructor("!ENV", construct_env_tag)


@functools.cache
def _repo_config() -> dict[str, Any]:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config: dict[str, Any] = yaml.load(text, Loader=_EnvLoader)  # a SafeLoader
    return config


def repo_config() -> dict[str, Any]:
    """This repository's mkdocs.yml, as data (a fresh copy: change it at will)."""
    return copy.deepcopy(_repo_config())


REPO_URL: str = repo_config()["repo_url"]
SITE_URL: str = repo_config()["site_url"]


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/e2e drives a browser: mark it `browser` (`make unit` skips them)."""
    for item in items:
        if E2E in item.path.parents:
            item.add_marker(pytest.mark.browser)


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


def edit_file(path: Path, old: str, new: str) -> None:
    """Replace the first `old` of a file with `new` (a save by an author); `old` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _merge(base: dict[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """`base` with `changes`: mappings are merged key by key, any other value replaced."""
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
    return base


def _nav(entries: list[Any], docs: Collection[str], docs_dir: Path) -> list[Any]:
    """The navigation without the hand-written pages of this repository that a test site lacks
    (pages the plugin generates, such as search.md, stay)."""
    kept: list[Any] = []
    for entry in entries:
        title, target = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
        if isinstance(target, list):
            section = _nav(target, docs, docs_dir)
            if section:
                kept.append({title: section})
        elif target in docs or not (docs_dir / str(target)).is_file():
            kept.append(entry)
    return kept


def site_config(
    docs: Collection[str] = ("index.md",),
    *,
    pagefind: bool = False,
    changes: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """This repository's mkdocs.yml for a test site whose docs/ holds `docs`.

    Everything is kept but the folders: the theme's overrides stay this repository's (outside
    the site's folder, as for any site using the plugin) and the navigation drops the
    hand-written pages the site lacks. The Pagefind index, the slowest step, is built only
    with `pagefind`. `changes` are merged on top (mappings key by key).
    """
    config = repo_config()
    config["theme"]["custom_dir"] = str(OVERRIDES)
    config["nav"] = _nav(config.get("nav", []), docs, REPO / config.get("docs_dir", "docs"))
    plugins = []
    for plugin in config["plugins"]:
        name, options = next(iter(plugin.items())) if isinstance(plugin, dict) else (plugin, {})
        if name == "atelier":
            options = {**(options or {}), "search_index": pagefind}
        plugins.append({name: options} if options else name)
    config["plugins"] = plugins
    return _merge(config, changes or {})


def write_config(folder: Path, config: Mapping[str, Any]) -> Path:
    """Write `config` as folder/mkdocs.yml; return its path."""
    path = folder / "mkdocs.yml"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(dict(config), allow_unicode=True, sort_keys=False), "utf-8")
    return path


def make_site(
    tmp_path: Path,
    sheets: dict[str, str],
    communities: dict[str, str] | None = None,
    docs: dict[str, str] | None = None,
    *,
    config: Mapping[str, Any] | None = None,
    pagefind: bool = False,
) -> Path:
    """Write a small Atelier site into `tmp_path`, configured as this repository (see
    `site_config`), and return it.

    `sheets` and `communities` map a file name (with or without ``.md``, sub-folders allowed)
    to its text; `docs` maps a path under docs/ to its text (index.md exists by default).
    `config` changes the configuration; `pagefind` builds the search index.
    """
    docs = {"index.md": "# Accueil\n\nBienvenue.\n", **(docs or {})}
    write_config(tmp_path, site_config(docs, pagefind=pagefind, changes=config))
    write_files(tmp_path / "docs", docs)
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
        # A served site's search index follows its pages (search_index.PreviewIndex).
        preview = getattr(cfg.plugins.get("atelier"), "preview_index", None)
        if preview is not None:
            assert preview.finished.wait(120), "the search index of the preview never came"
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


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path relative to the site."""
    return {
        str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
    }


def pagefind_records(site: Path, under: str = "pagefind") -> dict[str, dict[str, Any]]:
    """What the built Pagefind index holds of each page, by URL: its text, meta and filters
    (the index's fragments, gzip-compressed JSON behind a signature), in every part."""
    records = {}
    for path in sorted((site / under).rglob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        record = json.loads(data)
        records[record["url"]] = record
    return records


def fake_pagefind(folder: Path, script: str) -> Path:
    """An executable standing in for Pagefind: `script` is the body of a Python program that
    receives Pagefind's arguments as `args` (a dict) and `log` (where to write what it saw)."""
    path = folder / "fake-pagefind"
    log = folder / "fake-pagefind.json"
    prelude = f"""\
        #!{sys.executable}
        import json, pathlib, sys
        argv = sys.argv[1:]
        args = dict(zip(argv[::2], argv[1::2]))
        log = pathlib.Path({str(log)!r})
    """
    path.write_text(textwrap.dedent(prelude) + textwrap.dedent(script), encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture
def mkdocs_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """caplog, recording MkDocs' INFO messages and above."""
    caplog.set_level("INFO", logger="mkdocs")
    return caplog
