"""A page kept in the build cache is the very file the build wrote to site/ (core/cache.py)."""

from __future__ import annotations

from pathlib import Path

from atelier.core.cache import BuildCache, Reading, digest, output_bytes


def _written(site: Path, name: str, html: str) -> str:
    path = site / name / "index.html"
    path.parent.mkdir(parents=True)
    path.write_bytes(output_bytes(html))
    return str(path)


def test_a_kept_page_is_the_written_file_and_only_what_was_written_is_kept(
    tmp_path: Path,
) -> None:
    cache, site = BuildCache(tmp_path / "cache"), tmp_path / "site"
    html = "<p>Débat mouvant — « oral »</p>"
    cache.keep_page("aa11", html, "corps", ["intro"])
    same = _written(site, "a", html)
    cache.take_html("aa11", same)
    cache.keep_page("bb22", html, None, [])
    cache.take_html("bb22", _written(site, "b", html + "<!-- changed after -->"))
    cache.keep_page("cc33", html, None, [])  # never written: nothing to take
    cache.take_html("dd44", same)  # never kept: ignored
    cache.save()
    following = BuildCache(tmp_path / "cache")
    found = following.page("aa11")
    assert found is not None and found.body == "corps" and found.anchors == {"intro"}
    assert found.html() == output_bytes(html)
    assert found.path.stat().st_ino == Path(same).stat().st_ino
    assert following.page("bb22") is None and following.page("cc33") is None
    assert following.page("dd44") is None
    left = sorted(p.name for p in (tmp_path / "cache" / "pages").rglob("*") if p.is_file())
    assert left == ["aa11.html"]


def _keep_pages(cache: BuildCache, site: Path, keys: list[str]) -> None:
    for key in keys:
        html = f"<p>Page {key}</p>"
        cache.keep_page(key, html, f"corps {key}", [key])
        cache.take_html(key, _written(site, key, html))


def test_page_entries_are_kept_in_64_files_and_a_build_rewrites_only_those_that_change(
    tmp_path: Path,
) -> None:
    """One file a page cost a cold build ~1 ms a page: entries go in 64 files by key, written
    at the end of the build, and only those whose entries changed are written again."""
    first = BuildCache(tmp_path / "cache")
    keys = [digest(str(n)) for n in range(200)]
    _keep_pages(first, tmp_path / "site-1", keys)
    first.save()
    files = sorted((tmp_path / "cache" / "entries").iterdir())
    assert 50 < len(files) <= 64
    before = {path.name: path.stat().st_ino for path in files}
    second = BuildCache(tmp_path / "cache")
    for key in keys[1:]:  # keys[0]'s page is gone
        found = second.page(key)
        assert found is not None and found.body == f"corps {key}" and found.anchors == {key}
    new = digest("new")
    _keep_pages(second, tmp_path / "site-2", [new])
    second.save()
    after = {path.name: path.stat().st_ino for path in files}
    rewritten = {name for name in before if after[name] != before[name]}
    assert rewritten == {f"{int(k[:4], 16) % 64:02d}.pickle" for k in (keys[0], new)}
    third = BuildCache(tmp_path / "cache")
    assert third.page(keys[0]) is None
    assert third.page(new) is not None and third.page(keys[7]) is not None


def test_a_damaged_file_of_entries_only_loses_its_own_pages(tmp_path: Path) -> None:
    first = BuildCache(tmp_path / "cache")
    keys = [digest(str(n)) for n in range(100)]
    _keep_pages(first, tmp_path / "site", keys)
    first.save()
    (tmp_path / "cache" / "entries" / "00.pickle").write_bytes(b"not a pickle")
    second = BuildCache(tmp_path / "cache")
    lost = [k for k in keys if second.page(k) is None]
    assert lost == [k for k in keys if int(k[:4], 16) % 64 == 0]


def test_a_written_file_changed_in_place_is_not_served_again(tmp_path: Path) -> None:
    cache, site = BuildCache(tmp_path / "cache"), tmp_path / "site"
    html = "<p>Une fiche</p>"
    cache.keep_page("aa11", html, None, [])
    written = _written(site, "a", html)
    cache.take_html("aa11", written)
    cache.save()
    with open(written, "r+b") as handle:  # the same size, other bytes, the same inode
        handle.write(b"<P>")
    assert BuildCache(tmp_path / "cache").page("aa11") is None


def _reading(text: str) -> Reading:
    return Reading(text, ())


def test_an_edited_sheet_rewrites_one_file_of_readings(tmp_path: Path) -> None:
    """Readings are kept in 64 files by key: a build that changed one reading writes one."""
    first = BuildCache(tmp_path / "cache")
    keys = [digest(str(n)) for n in range(200)]
    for key in keys:
        assert first.reading(key) is None
        first.keep_reading(key, _reading(key))
    first.save()
    files = sorted((tmp_path / "cache" / "readings").iterdir())
    assert len(files) == 64
    before = {path.name: path.stat().st_ino for path in files}  # a file written anew: a new inode
    second = BuildCache(tmp_path / "cache")
    for key in keys[1:]:  # keys[0]'s sheet was removed
        found = second.reading(key)
        assert found is not None and found.value == key
    new = digest("edited")
    second.keep_reading(new, _reading("edited"))
    kept = second.reading(keys[5])
    assert kept is not None
    kept.privacy = ()
    second.changed(kept)
    second.save()
    after = {path.name: path.stat().st_ino for path in files}
    rewritten = {name for name in before if after[name] != before[name]}
    assert rewritten
    assert rewritten <= {f"{int(k[:4], 16) % 64:02d}.pickle" for k in (keys[0], new, keys[5])}
    third = BuildCache(tmp_path / "cache")
    assert third.reading(keys[0]) is None
    found = third.reading(keys[5])
    assert found is not None and found.privacy == ()
    assert third.reading(new) is not None and third.reading(keys[7]) is not None


def test_a_damaged_file_of_readings_only_loses_its_own(tmp_path: Path) -> None:
    first = BuildCache(tmp_path / "cache")
    keys = [digest(str(n)) for n in range(100)]
    for key in keys:
        first.keep_reading(key, _reading(key))
    first.save()
    damaged = tmp_path / "cache" / "readings" / "00.pickle"
    damaged.write_bytes(b"not a pickle")
    second = BuildCache(tmp_path / "cache")
    lost = [k for k in keys if second.reading(k) is None]
    assert lost == [k for k in keys if int(k[:4], 16) % 64 == 0]
