"""A large site's index in parts (site/search_parts.py): the records cut newest first, each
part given the words only the others hold, and the parts' bundles made one index (unique ids,
the site's order instead of each part's date sort)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from atelier.site import search_parts
from atelier.site.pagefind_stable import UnstableBundle, read, read_json
from atelier.site.search_index import IndexJob, executable
from atelier.site.search_record import Record


def page(url: str, text: str, date: str, title: str = "Fiche") -> Record:
    """A record as search_record.py writes them (a date sort key, out of the text)."""
    html = (
        f'<html lang="fr"><body><main data-pagefind-body><h1>{title}</h1><p>{text}</p>'
        f'<div data-pagefind-ignore data-pagefind-sort="date:{date}"></div></main></body></html>'
    )
    return Record(url, "fr", html, date)  # fmt: skip


def test_parts_hold_the_newest_records_first_in_about_equal_lengths() -> None:
    records = [
        page(f"practices/r{n:03}/", "x" * 100, f"2025-01-{n % 28 + 1:02}") for n in range(100)
    ]
    size = sum(len(r.html) for r in records)
    newest_first = sorted(sorted(records, key=lambda r: r.url), key=lambda r: r.date, reverse=True)
    assert search_parts.parts(records, size) == [newest_first]
    cut = search_parts.parts(records, size // 3 - 1)
    assert len(cut) == 4  # as few parts as keep each under the size
    assert [r for part in cut for r in part] == newest_first
    lengths = [sum(len(r.html) for r in part) for part in cut]
    assert max(lengths) <= size // 3 - 1
    assert max(lengths) - min(lengths) <= 2 * max(len(r.html) for r in records)
    # A record longer than the size is a part of its own; no part is ever empty.
    big = [page("a/", "x" * 5000, "2025-01-02"), page("b/", "x", "2025-01-01"),
           page("c/", "x", "2025-01-03")]  # fmt: skip
    assert [[r.url for r in part] for part in search_parts.parts(big, 1000)] == [
        ["c/"],
        ["a/"],
        ["b/"],
    ]
    assert search_parts.parts([], 1000) == [[]]


def test_the_part_size_can_be_set_for_a_machine_with_little_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ATELIER_SEARCH_PART", raising=False)
    assert search_parts.part_size() == search_parts.PART_SIZE
    monkeypatch.setenv("ATELIER_SEARCH_PART", "5000")
    assert search_parts.part_size() == 5000
    for wrong in ("", "0", "-3", "lots"):
        monkeypatch.setenv("ATELIER_SEARCH_PART", wrong)
        assert search_parts.part_size() == search_parts.PART_SIZE


def test_each_part_gets_the_words_only_the_others_hold() -> None:
    """Pagefind answers an unknown word with a known word that begins it, so a part lacking a
    word would answer « monopolisaient » with « mon »: each part is given the missing words."""
    cut = [
        [page("a/", "La parole, monopolisée « vite ».", "2025-03-01", "Débat")],
        [page("b/", "Un élève l'a dit&nbsp;: <em>bravo</em>&lt;3!", "2025-02-01", "DÉBAT")],
    ]
    assert search_parts.words(cut[0]) == {"débat", "la", "parole", "monopolisée", "vite"}
    # tags part words (as block elements do for Pagefind); entities are the characters
    assert search_parts.words(cut[1]) == {"débat", "un", "élève", "l'a", "dit", "bravo", "3"}
    missing = search_parts.vocabularies(cut)
    assert missing == [
        ["3", "bravo", "dit", "l'a", "un", "élève"],
        ["la", "monopolisée", "parole", "vite"],
    ]
    html = search_parts.vocabulary_page(missing[0], "fr")
    assert "<p>3 bravo dit l'a un élève</p>" in html
    assert "&lt;b&gt; &amp;" in search_parts.vocabulary_page(["<b>", "&"], "fr")
    assert "data-pagefind-sort" not in html and "data-pagefind-filter" not in html


def run_pagefind(site: Path, output: Path) -> None:
    subprocess.run([executable(), "--site", str(site), "--output-path", str(output),
                    "--force-language", "fr", "--silent"], check=True)  # fmt: skip


def write(site: Path, records: list[Record], words: list[str] | None = None) -> None:
    for item in records:
        (site / item.url).mkdir(parents=True, exist_ok=True)
        (site / item.url / "index.html").write_text(item.html, encoding="utf-8")
    if words is not None:
        (site / search_parts.VOCABULARY).write_text(search_parts.vocabulary_page(words, "fr"))


def meta_of(bundle: Path) -> list[object]:
    [language] = json.loads((bundle / "pagefind-entry.json").read_text())["languages"].values()
    found = read(bundle / f"pagefind.{language['hash']}.pf_meta")
    assert isinstance(found, list)
    return found


def test_tidy_makes_the_parts_one_index(tmp_path: Path) -> None:
    """The same record in two parts has the same id in both (Pagefind names a page after its
    content): the second is renamed. The date sorts leave the meta files for one order."""
    same = page("practices/twin/", "Jumeau exact.", "2025-01-05")
    cut = [[page("practices/new/", "Récent.", "2025-03-01"), same],
           [Record("practices/twin/", "fr", same.html, same.date),
            page("practices/old/", "Ancien.", "2024-12-01")]]  # fmt: skip
    missing = search_parts.vocabularies(cut)
    bundles = []
    for n, part in enumerate(cut):
        write(tmp_path / f"site-{n}", part, missing[n])
        run_pagefind(tmp_path / f"site-{n}", tmp_path / f"bundle-{n}")
        bundles.append(tmp_path / f"bundle-{n}")
    order, skip = search_parts.tidy(bundles, with_words=True)
    url = {}
    for bundle in bundles:
        meta = meta_of(bundle)
        assert meta[4] == []  # no date sort left to download
        ids = [str(p[0]) for p in meta[1]]  # type: ignore[union-attr, index]
        assert not set(ids) & set(url)
        for name in ids:  # every page of the meta file has its fragment, under its id
            url[name] = read_json(bundle / "fragment" / f"{name}.pf_fragment")["url"]
    assert [url[name] for name in skip] == [f"/{search_parts.VOCABULARY}"] * 2
    assert [url[name] for name in order] == [
        "/practices/new/",
        "/practices/twin/",
        "/practices/twin/",
        "/practices/old/",
    ]
    assert len(set(order)) == 4


def test_tidy_refuses_a_part_whose_page_of_words_cannot_be_told(tmp_path: Path) -> None:
    write(tmp_path / "site", [page("practices/a/", "Un.", "2025-01-01")], ["deux", "trois"])
    (tmp_path / "site" / "other.html").write_text(search_parts.vocabulary_page(["x"], "fr"))
    run_pagefind(tmp_path / "site", tmp_path / "bundle")
    with pytest.raises(UnstableBundle, match="2 pages without a date in part 1"):
        search_parts.tidy([tmp_path / "bundle"], with_words=True)


def test_a_part_missing_no_word_has_no_page_of_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The newest part holds every word of the site: it gets no page of words (Pagefind
    would leave out an empty page), and the index is written all the same."""
    records = [
        page("practices/a/", "Un deux.", "2025-02-01"),
        page("practices/b/", "Un.", "2025-01-01"),
    ]
    monkeypatch.setenv("ATELIER_SEARCH_PART", "10")  # a part a record
    cut = search_parts.parts(records, 10)
    assert search_parts.vocabularies(cut) == [[], ["deux"]]
    output = tmp_path / "pagefind"
    assert IndexJob(records).finish(output) == {"fr": 2}
    [listed] = json.loads((output / "languages.json").read_text())["bundles"]
    assert listed["more"] == ["all-2/"] and len(listed["skip"]) == 1
    assert len(json.loads((output / "order.json").read_text())) == 2
