"""Write the search index with Pagefind: one bundle per language under pagefind/<lang>/.

Pagefind (a Rust binary shipped on PyPI as `pagefind[bin]`) splits each index into small
chunks fetched on demand, so a reader downloads only what a query needs. The records are
written to a scratch folder and indexed by the binary in one run per language (its Python
wrapper polls for each file's answer, which costs 0.1 s per sheet).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from atelier.core.search import Record, by_language


class SearchIndexError(RuntimeError):
    """Pagefind could not be found or failed."""


def executable() -> str:
    """The Pagefind binary: the one shipped by `pagefind[bin]`, else one on the PATH."""
    try:
        from pagefind_bin import get_executable

        return str(get_executable())
    except ImportError:
        found = shutil.which("pagefind")
        if found is None:
            raise SearchIndexError(
                "Pagefind is not installed: run `make install` (pip install 'pagefind[bin]')"
            ) from None
        return found


def write(records: list[Record], output: Path) -> dict[str, int]:
    """Replace `output` with one Pagefind bundle per language; return the count per language."""
    if output.exists():
        shutil.rmtree(output)
    output.mkdir(parents=True)
    groups = by_language(records)
    binary = executable()
    with tempfile.TemporaryDirectory(prefix="atelier-search-") as scratch:
        for lang, items in groups.items():
            source = Path(scratch) / lang
            for item in items:
                page = source / item.url / "index.html"
                page.parent.mkdir(parents=True, exist_ok=True)
                page.write_text(item.html, encoding="utf-8")
            command = [binary, "--site", str(source), "--output-path", str(output / lang),
                       "--force-language", lang, "--silent"]  # fmt: skip
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise SearchIndexError(f"pagefind ({lang}): {done.stderr.strip() or done.stdout}")
    manifest = {"bundles": [{"lang": lang, "path": f"{lang}/"} for lang in groups]}
    (output / "languages.json").write_text(json.dumps(manifest), encoding="utf-8")
    return {lang: len(items) for lang, items in groups.items()}
