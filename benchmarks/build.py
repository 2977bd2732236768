"""Benchmark: build N sheets with Atelier, and the same pages with plain mkdocs-material.

    python benchmarks/build.py [--sheets 2000]

Prints both build times and the ratio, then the time to rank related sheets for the N sheets
(best of 3). Run by `make bench`; never by the test suite.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from atelier.core import knowledge, related

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

REPO = Path(__file__).resolve().parents[1]
# Both sites use the Markdown extensions of this site's mkdocs.yml: the comparison is then
# about what Atelier adds, not about Markdown features.
MARKDOWN = (
    "markdown_extensions: [admonition, pymdownx.details, pymdownx.superfences, tables, "
    "footnotes, def_list, sane_lists, pymdownx.tasklist, {toc: {permalink: true}}]\n"
)


def _atelier_site(root: Path, count: int) -> Path:
    corpus.write(root, count)
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Accueil\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Bench\ndocs_dir: docs\n"
        f"theme: {{name: material, language: fr, custom_dir: {REPO / 'overrides'}}}\n"
        "plugins: [atelier]\n"  # as in mkdocs.yml: Pagefind replaces Material's search
        "nav: [index.md, practices/index.md]\n" + MARKDOWN,
        encoding="utf-8",
    )
    return config


def _plain_site(root: Path, count: int) -> Path:
    """The same sheet files as plain Material pages (front matter read by MkDocs)."""
    corpus.write(root / "src", count)
    docs = root / "docs"
    shutil.copytree(root / "src" / "practices", docs / "practices")
    (docs / "index.md").write_text("# Accueil\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Bench\ndocs_dir: docs\ntheme: {name: material, language: fr}\n"
        "plugins: [search]\nnav: [index.md]\nnot_in_nav: /practices/\n" + MARKDOWN,
        encoding="utf-8",
    )
    return config


def _time_build(config: Path) -> float:
    cfg = load_config(str(config), site_dir=str(config.parent / "site"))
    start = time.perf_counter()
    build(cfg)
    return time.perf_counter() - start


def main() -> None:
    """Run both builds and print the comparison."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=2000)
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        plain = _time_build(_plain_site(Path(tmp) / "plain", args.sheets))
        atelier = _time_build(_atelier_site(Path(tmp) / "atelier", args.sheets))
        pages = len(list((Path(tmp) / "atelier" / "site" / "practices").glob("*/index.html")))
        kb, _ = knowledge.load(Path(tmp) / "atelier")
        ranking = min(_time_related(kb, explain=False) for _ in range(3))
        explained = min(_time_related(kb, explain=True) for _ in range(3))
    print(f"sheets: {args.sheets} (published pages: {pages})")
    print(f"plain mkdocs-material: {plain:.2f} s")
    print(f"atelier:               {atelier:.2f} s  (x{atelier / plain:.2f})")
    print(f"related sheets, all {args.sheets}: ranked in {ranking:.3f} s, "
          f"with their explanations in {explained:.3f} s")  # fmt: skip


def _time_related(kb: knowledge.KnowledgeBase, *, explain: bool) -> float:
    start = time.perf_counter()
    related.compute(kb, explain=explain)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
