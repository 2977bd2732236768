"""Write the search index with Pagefind: one bundle for every sheet under pagefind/all/.

Pagefind (a Rust binary shipped on PyPI as `pagefind[bin]`) splits the index into small
chunks fetched on demand, so a reader downloads only what a query needs. The records are
written to a scratch folder and indexed by the binary in one run (its Python wrapper polls
for each file's answer, which costs 0.1 s per sheet).

One bundle, not one per language: each bundle costs a reader ~85 KB of code before the first
result, and two would break the 300 KB budget of a first search at 10,000 sheets. French and
English sheets share the site language's stemmer; the search page also tries the English
base form of the last word (« worked » → « work »), and Pagefind matches it as a prefix.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from atelier.core.cache import link_or_copy
from atelier.site.pagefind_stable import UnstableBundle, stabilise
from atelier.site.search_record import Record, by_language

BUNDLE = "all"


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


def copy_bundle(stored: Path, output: Path) -> None:
    """Put a bundle kept by the build cache at `output` (a copy: the cache stays intact)."""
    if output.exists():
        shutil.rmtree(output)
    shutil.copytree(
        stored, output, ignore=shutil.ignore_patterns(".complete"), copy_function=link_or_copy
    )


class IndexJob:
    """Pagefind running in the background: started as soon as every sheet's body is rendered,
    while MkDocs renders the pages (one core each), and collected at the end of the build."""

    def __init__(self, records: list[Record], *, lang: str = "fr") -> None:
        self.lang = lang
        self.counts = {language: len(items) for language, items in by_language(records).items()}
        self._scratch = tempfile.TemporaryDirectory(prefix="atelier-search-")
        source = Path(self._scratch.name) / "site"
        for item in records:
            page = source / item.url / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(item.html, encoding="utf-8")
        source.mkdir(parents=True, exist_ok=True)
        self._output = Path(self._scratch.name) / "bundle"
        command = [executable(), "--site", str(source), "--output-path", str(self._output),
                   "--force-language", lang, "--silent"]  # fmt: skip
        self._process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )

    def finish(self, output: Path) -> dict[str, int]:
        """Wait for Pagefind, then put the bundle at `output`; the count per language."""
        try:
            out, err = self._process.communicate()
            if self._process.returncode != 0:
                raise SearchIndexError(f"pagefind: {err.strip() or out.strip()}")
            try:  # the same bundle from the same sources (filters come out in random order)
                stabilise(self._output)
            except UnstableBundle as error:
                raise SearchIndexError(f"pagefind bundle: {error}") from error
            if output.exists():
                shutil.rmtree(output)
            output.mkdir(parents=True)
            shutil.move(str(self._output), str(output / BUNDLE))
            manifest = {"bundles": [{"lang": self.lang, "path": f"{BUNDLE}/"}]}
            (output / "languages.json").write_text(json.dumps(manifest), encoding="utf-8")
            return self.counts
        finally:
            self._scratch.cleanup()

    def cancel(self) -> None:
        """Stop Pagefind (the build failed) and remove its files."""
        self._process.kill()
        self._process.communicate()
        self._scratch.cleanup()
