"""Benchmark: the search index at scale — its build cost and what a reader downloads.

    python benchmarks/search.py [--sheets 10000]

1. Builds the same generated site with and without the Pagefind index: the difference is what
   search adds to the build.
2. Serves the site on 127.0.0.1, opens the search page in Debian's chromium, searches a word
   and counts every byte the page fetched for that first search: the search files (Pagefind's
   code, its index chunks and the results' fragments) and the page itself. Sizes are what a
   server sends with gzip on for text (Pagefind's index files are already compressed).
Run by `make bench-search`; never by the test suite.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]  # fmt: skip
TEXT = (".js", ".css", ".html", ".json", ".svg", "/")


def _site(root: Path, count: int) -> None:
    corpus.write(root, count)
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Accueil\n", encoding="utf-8")


def _config(root: Path, *, search_index: bool) -> Path:
    config = root / f"mkdocs-{search_index}.yml"
    config.write_text(
        "site_name: Bench\ndocs_dir: docs\n"
        f"theme: {{name: material, language: fr, custom_dir: {REPO / 'overrides'}}}\n"
        f"plugins: [{{atelier: {{search_index: {str(search_index).lower()}}}}}]\n"
        "nav: [index.md, search.md, practices/index.md]\n",
        encoding="utf-8",
    )
    return config


def _build(config: Path, site: Path) -> float:
    cfg = load_config(str(config), site_dir=str(site))
    start = time.perf_counter()
    build(cfg)
    return time.perf_counter() - start


def _transfer(site: Path, query: str) -> tuple[int, int, int]:
    """Bytes fetched by a first search: (search files, page and theme, requests)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    sizes: dict[str, int] = {}

    def record(response: object) -> None:
        url = response.url  # type: ignore[attr-defined]
        path = site / url.removeprefix(base).split("?")[0]
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            data = path.read_bytes()
            compressible = url.split("?")[0].endswith(TEXT)
            sizes[url] = len(gzip.compress(data)) if compressible else len(data)

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.on("response", record)
            page.goto(f"{base}search/?q={query}")
            page.wait_for_selector("#atelier-search-results li", timeout=30_000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    search = sum(size for url, size in sizes.items() if "/pagefind/" in url)
    if os.environ.get("BENCH_DETAILS"):
        for url, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
            print(f"{size / 1024:8.1f} KB  {url.removeprefix(base)}")
    return search, sum(sizes.values()) - search, len(sizes)


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=10000)
    parser.add_argument("--query", default="consigne")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _site(root, args.sheets)
        without = _build(_config(root, search_index=False), root / "site-plain")
        shutil.rmtree(root / "site-plain")
        with_index = _build(_config(root, search_index=True), root / "site")
        index_bytes = sum(f.stat().st_size for f in (root / "site" / "pagefind").rglob("*"))
        search, page, requests = _transfer(root / "site", args.query)
    added = with_index - without
    print(f"sheets: {args.sheets}")
    print(f"build without index: {without:.1f} s, with index: {with_index:.1f} s "
          f"(+{added:.1f} s, +{100 * added / without:.1f} %)")  # fmt: skip
    print(f"index on disk: {index_bytes / 1e6:.1f} MB")
    print(f"first search for '{args.query}': {search / 1024:.0f} KB of search files + "
          f"{page / 1024:.0f} KB page and theme = {(search + page) / 1024:.0f} KB "
          f"in {requests} requests")  # fmt: skip


if __name__ == "__main__":
    main()
