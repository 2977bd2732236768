"""The theme's own scripts and stylesheets are published minified (site/assets.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from atelier.site.assets import minify

SCRIPT = """// Live results (a comment the reader never needs).
export function label(count) {
  const text = `${count}   résultats`;  // spaces inside a template literal stay
  return text;
}
"""
STYLE = """/*! Licence: kept */
/* a plain comment */
.atelier-card   {
  margin : 0 ;
}
"""


def _config(tmp_path: Path) -> MkDocsConfig:
    overrides = tmp_path / "overrides"
    (overrides / "assets").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\ntheme:\n  name: material\n  custom_dir: overrides\n", encoding="utf-8"
    )
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "Test", "docs_dir": str(tmp_path / "docs"),
                      "theme": {"name": "material", "custom_dir": str(overrides)}})  # fmt: skip
    errors, _ = config.validate()
    assert not errors, errors
    config.plugins._current_plugin = "atelier"  # as while MkDocs runs the plugin's on_files
    return config


def _theme_file(config: MkDocsConfig, name: str, data: bytes) -> File:
    custom = Path(config.theme.custom_dir or "")
    (custom / name).parent.mkdir(parents=True, exist_ok=True)
    (custom / name).write_bytes(data)
    return File(name, str(custom), config.site_dir, config.use_directory_urls)


def test_own_scripts_and_stylesheets_are_minified_others_are_left(tmp_path: Path) -> None:
    config = _config(tmp_path)
    files = Files(
        [
            _theme_file(config, "assets/search.js", SCRIPT.encode()),
            _theme_file(config, "assets/site.css", STYLE.encode()),
            _theme_file(config, "assets/vendor.min.js", b"var  a = 1 ;\n"),
            _theme_file(config, "assets/latin1.css", "é { }".encode("latin-1")),
        ]
    )
    elsewhere = tmp_path / "docs" / "extra.js"
    elsewhere.write_text("var  spaced = 1 ;\n", encoding="utf-8")
    files.append(File("extra.js", str(tmp_path / "docs"), config.site_dir, False))
    minify(files, config)
    script = files.get_file_from_path("assets/search.js")
    style = files.get_file_from_path("assets/site.css")
    assert script is not None and style is not None
    assert script.content_string == (
        "export function label(count){const text=`${count}   résultats`;return text;}"
    )
    assert style.content_string == "/*! Licence: kept */.atelier-card{margin:0}"
    for left in ("assets/vendor.min.js", "assets/latin1.css", "extra.js"):
        file = files.get_file_from_path(left)
        assert file is not None and file.generated_by is None, left


def test_a_theme_file_known_by_a_relative_path_is_minified_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs may give a theme file's path relative to the folder it runs in (a config with
    `custom_dir: overrides`, built with `cache: false`): it is the theme's file all the same."""
    config = _config(tmp_path)
    _theme_file(config, "assets/search.js", SCRIPT.encode())
    monkeypatch.chdir(tmp_path)
    files = Files([File("assets/search.js", "overrides", config.site_dir, False)])
    minify(files, config)
    script = files.get_file_from_path("assets/search.js")
    assert script is not None and script.generated_by == "atelier"
