"""The plugin's pages converted by one reused Markdown instance (mkdocs_markdown.py) give the very
site and the very warnings that MkDocs' own render (a new instance per page) gives."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from atelier import mkdocs_markdown
from conftest import build_config, default_body, load_site_config, make_site, sheet, site_files

NAMES = [f"fiche-{n:02d}" for n in range(8)]


def _body(n: int) -> str:
    """What carries state from one document to the next in Python-Markdown and its extensions:
    footnotes, headings of the same text (toc ids), reference links, fenced code, raw HTML with
    ids (anchors), links to other sheets and their anchors, broken ones (warnings)."""
    other = NAMES[(n + 1) % len(NAMES)]
    notes = "".join(f"Note {k}[^{k}].\n\n" for k in range(1, n % 3 + 2))
    definitions = "".join(f"[^{k}]: Détail {k} de la fiche {n}.\n" for k in range(1, n % 3 + 2))
    return default_body() + (
        f"\n## Suite\n\n## Suite\n\n{notes}{definitions}\n"
        f"Voir [la suite][s{n}] et [son contexte](id:{other}#contexte).\n\n"
        f"[s{n}]: id:{other}\n\n"
        + ("[ref-de-la-fiche-0]: https://exemple.org/zero\n\n" if n == 0 else "")
        + "Un [lien par référence][ref-de-la-fiche-0].\n\n"
        + f'<span id="ancre-{n}">ancre</span>\n\n'
        + "```python\nprint('étape')\n```\n\n"
        + "| Étape | Durée |\n|---|---|\n| Accueil | 5 min |\n\n"
        + '!!! note "À retenir"\n    Le temps.\n\n'
        + "- [x] fait\n- [ ] à faire\n\n"
        + ("Voir [ici](#pas-d-ancre) et [là](id:fiche-00#pas-la).\n" if n % 4 == 3 else "")
    )


def _build(
    root: Path, site: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> tuple[dict[str, bytes], list[tuple[str, int, str]]]:
    monkeypatch.setenv("ATELIER_CACHE_DIR", str(site.parent / f"cache-{site.name}"))
    caplog.clear()
    build_config(load_site_config(root / "mkdocs.yml", site))
    logged = [(r.name, r.levelno, r.getMessage()) for r in caplog.records
              if r.levelno >= logging.WARNING]  # fmt: skip
    return site_files(site), logged


def test_a_reused_instance_gives_what_a_new_instance_per_page_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    assert mkdocs_markdown.AVAILABLE, "MkDocs no longer has the steps of Page.render used here"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("ATELIER_PARALLEL", "off")  # one process: one instance for every page
    caplog.set_level("INFO", logger="mkdocs")
    sheets = {name: sheet(title=f"Séance {n}", date=f"2025-02-{n + 1:02d}", body=_body(n))
              for n, name in enumerate(NAMES)}  # fmt: skip
    root = make_site(tmp_path / "src", sheets)
    rendered: list[str] = []
    render = mkdocs_markdown.Converter.render

    def counted(self: mkdocs_markdown.Converter, page: object, *args: object) -> None:
        rendered.append(page.file.src_uri)  # type: ignore[attr-defined]
        render(self, page, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(mkdocs_markdown.Converter, "render", counted)
    reused, reused_logs = _build(root, tmp_path / "reused", monkeypatch, caplog)
    assert {f"practices/{name}.md" for name in NAMES} <= set(rendered)

    monkeypatch.setattr(mkdocs_markdown, "AVAILABLE", False)  # MkDocs' own Page.render
    fresh, fresh_logs = _build(root, tmp_path / "fresh", monkeypatch, caplog)

    assert sorted(reused) == sorted(fresh)
    differing = sorted(name for name in fresh if fresh[name] != reused[name])
    assert not differing, f"files that differ with a reused Markdown instance: {differing}"
    page = reused["practices/fiche-05/index.html"].decode()
    assert 'id="fn:3"' in page and 'id="suite_1"' in page  # the cases above were rendered
    assert any("pas-la" in message for _, _, message in reused_logs)
    assert reused_logs == fresh_logs
