"""A page kept in the build cache is the very file the build wrote to site/ (core/cache.py)."""

from __future__ import annotations

from pathlib import Path

from atelier.core.cache import BuildCache, output_bytes


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
    assert left == ["aa11", "aa11.html"]


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
