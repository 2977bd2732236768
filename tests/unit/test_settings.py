"""One `Settings` from mkdocs.yml: the same values and messages for the plugin and the commands."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest

from atelier.core import knowledge
from atelier.core.settings import DEFAULT_LANG, FOLDERS, OPTIONS, Settings, find_config
from conftest import OVERRIDES, REPO, build_site, load_site_config, sheet, write_files

TODAY = dt.date(2026, 3, 1)

HEAD = f"""\
site_name: Réglages
docs_dir: docs
theme:
  name: material
  custom_dir: {json.dumps(str(OVERRIDES))}
  language: fr
"""


def write(root: Path, config: str, head: str = HEAD) -> Path:
    """A site folder with its mkdocs.yml, docs/ and both content folders."""
    for folder in ("docs", "practices", "communities", "fiches", "vocab"):
        (root / folder).mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Accueil\n", encoding="utf-8")
    (root / "vocab" / "extra.yml").write_text("subjects: []\n", encoding="utf-8")
    path = root / "mkdocs.yml"
    path.write_text(head + textwrap.dedent(config), encoding="utf-8")
    return path


def read(root: Path, config: str, head: str = HEAD) -> Settings:
    return Settings.from_config_file(write(root, config, head), today=TODAY)


def from_mkdocs(config_file: Path) -> Settings:
    """The settings the plugin computes in on_config, from MkDocs' own reading of the file."""
    cfg = load_site_config(config_file, config_file.parent / "site")
    return Settings.from_mkdocs(cfg.plugins["atelier"].config, cfg, today=TODAY)


def rendered(settings: Settings, lang: str = "fr") -> list[str]:
    return [d.render(lang) for d in settings.diagnostics]


# --- The plugins entry: a list or a mapping -------------------------------------------------

OPTIONS_AS = {
    "list": """\
        plugins:
          - search
          - atelier:
              practices_dir: fiches
              privacy: rules
              vocabularies: [vocab/extra.yml]
        """,
    "mapping": """\
        plugins:
          search: {}
          atelier:
            practices_dir: fiches
            privacy: rules
            vocabularies: [vocab/extra.yml]
        """,
    "flow list": """\
        plugins: [search, {atelier: {practices_dir: fiches, privacy: rules,
                                     vocabularies: [vocab/extra.yml]}}]
        """,
    "no namespace": """\
        plugins:
          - /atelier:
              practices_dir: fiches
              privacy: rules
              vocabularies: vocab/extra.yml
        """,
}


@pytest.mark.parametrize("form", OPTIONS_AS)
def test_a_list_or_a_mapping_of_plugins_gives_the_same_settings(tmp_path: Path, form: str) -> None:
    settings = read(tmp_path, OPTIONS_AS[form])
    assert settings.diagnostics == ()
    assert settings.practices_dir == "fiches" and settings.communities_dir == "communities"
    assert settings.privacy == "rules"
    assert settings.vocabularies == (tmp_path.resolve() / "vocab/extra.yml",)
    assert settings.root == tmp_path.resolve() and settings.config_file == tmp_path / "mkdocs.yml"


@pytest.mark.parametrize("form", ["list", "mapping"])
def test_the_plugin_and_the_commands_agree(tmp_path: Path, form: str) -> None:
    config_file = write(tmp_path, OPTIONS_AS[form])
    assert from_mkdocs(config_file) == Settings.from_config_file(config_file, today=TODAY)


@pytest.mark.parametrize(("environment", "privacy"), [(None, "off"), ("rules", "rules")])
def test_this_sites_settings_are_the_same_for_the_plugin_and_the_commands(
    monkeypatch: pytest.MonkeyPatch, environment: str | None, privacy: str
) -> None:
    """The build leaves privacy to `atelier check`; `make serve` sets ATELIER_PRIVACY=rules,
    which the commands read as MkDocs does (`!ENV`)."""
    if environment is None:
        monkeypatch.delenv("ATELIER_PRIVACY", raising=False)
    else:
        monkeypatch.setenv("ATELIER_PRIVACY", environment)
    settings = Settings.from_config_file(REPO / "mkdocs.yml", today=TODAY)
    assert settings.diagnostics == ()
    assert (settings.practices_dir, settings.lang, settings.privacy) == ("practices", "fr", privacy)
    assert settings.preview_url == "http://127.0.0.1:8000/atelier/"
    assert from_mkdocs(REPO / "mkdocs.yml") == settings


@pytest.mark.parametrize("entry", ["  - atelier\n", "  - atelier:\n", "  atelier:\n"])
def test_an_entry_without_options_gives_the_defaults(tmp_path: Path, entry: str) -> None:
    settings = read(tmp_path, "plugins:\n" + entry)
    assert settings == Settings(tmp_path.resolve(), tmp_path / "mkdocs.yml", today=TODAY)
    assert settings.diagnostics == ()


def test_no_mkdocs_yml_gives_the_defaults(tmp_path: Path) -> None:
    settings = Settings.from_config_file(find_config(tmp_path), today=TODAY)
    assert settings == Settings(tmp_path.resolve(), today=TODAY)
    assert settings.config_file is None and settings.config_name == "mkdocs.yml"
    assert settings.content_dirs == tuple(FOLDERS.values())


def test_mkdocs_yaml_is_found_too(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yaml").write_text("site_name: x\n", encoding="utf-8")
    assert find_config(tmp_path) == tmp_path / "mkdocs.yaml"
    assert Settings.from_config_file(find_config(tmp_path)).config_name == "mkdocs.yaml"


def test_python_and_env_tags_are_never_run_and_lines_are_kept(tmp_path: Path) -> None:
    settings = read(
        tmp_path,
        """\
        markdown_extensions:
          - pymdownx.superfences:
              custom_fences:
                - format: !!python/name:os.system
        extra:
          key: !ENV [SOME_VARIABLE, "default"]
        plugins:
          - atelier:
              practices_dir: !ENV PRACTICES
              privacy: sometimes
        """,
    )
    assert settings.practices_dir == "practices"  # a tag is not a value: the default
    assert rendered(settings) == [
        "mkdocs.yml:16: privacy: « sometimes » n'est pas une valeur possible : écrivez off "
        "(rien), rules (règles, ~3 ms par fiche) ou model (règles et noms de personnes, "
        "~60 ms par fiche)"
    ]


# --- Bad values: located, in French and English, with the fix --------------------------------


def test_bad_option_values_are_located_with_their_fix(tmp_path: Path) -> None:
    settings = read(
        tmp_path,
        """\
        plugins:
          - atelier:
              practices_dir: ../outside
              communities_dir: /srv/communities
              vocabularies: [vocab/extra.yml, vocab/missing.yml]
              lang: de
              search_index: "oui"
              privacy: on
              practice_dir: fiches
        """,
    )
    assert rendered(settings) == [
        "mkdocs.yml:9: practices_dir: « ../outside » n'est pas un dossier du dépôt : écrivez un "
        "chemin relatif au dossier de mkdocs.yml, sans « .. » ni « / » au début, par exemple "
        "« practices »",
        "mkdocs.yml:10: communities_dir: « /srv/communities » n'est pas un dossier du dépôt : "
        "écrivez un chemin relatif au dossier de mkdocs.yml, sans « .. » ni « / » au début, par "
        "exemple « communities »",
        "mkdocs.yml:11: vocabularies: le fichier « vocab/missing.yml » n'existe pas (le chemin "
        "part du dossier de mkdocs.yml) : corrigez-le ou retirez-le de la liste",
        "mkdocs.yml:12: lang: « de » n'est pas une valeur possible : choisissez parmi fr, en",
        "mkdocs.yml:13: search_index: « oui » n'est ni true ni false : écrivez true (oui) ou "
        "false (non)",
        "mkdocs.yml:14: privacy: « true » n'est pas une valeur possible : écrivez off (rien), "
        "rules (règles, ~3 ms par fiche) ou model (règles et noms de personnes, ~60 ms par "
        "fiche)",
        "mkdocs.yml:15: avertissement : practice_dir: option inconnue du plugin atelier "
        "« practice_dir » — vouliez-vous dire « practices_dir » ?",
    ]
    assert [d.render("en") for d in settings.errors][:2] == [
        "mkdocs.yml:9: practices_dir: '../outside' is not a folder of the repository: write a "
        "path relative to the folder of mkdocs.yml, without '..' or a leading '/', for example "
        "'practices'",
        "mkdocs.yml:10: communities_dir: '/srv/communities' is not a folder of the repository: "
        "write a path relative to the folder of mkdocs.yml, without '..' or a leading '/', for "
        "example 'communities'",
    ]
    # A wrong value keeps its default; a right one is used.
    assert (settings.practices_dir, settings.communities_dir) == ("practices", "communities")
    assert (settings.lang, settings.search_index, settings.privacy) == ("fr", True, "off")
    assert settings.vocabularies == (tmp_path.resolve() / "vocab/extra.yml",)
    assert len(settings.errors) == 6


def test_the_cache_option_is_true_or_false(tmp_path: Path) -> None:
    wrong = read(tmp_path, "plugins:\n  - atelier:\n      cache: 0\n")
    assert rendered(wrong) == [
        "mkdocs.yml:9: cache: « 0 » n'est ni true ni false : écrivez true (oui) ou false (non)"
    ]
    assert wrong.cache is True  # a wrong value keeps the default
    off = read(tmp_path, "plugins:\n  - atelier:\n      cache: false\n")
    assert off.cache is False and not off.errors


def test_folders_must_not_overlap_docs_or_each_other(tmp_path: Path) -> None:
    settings = read(
        tmp_path,
        """\
        plugins:
          - atelier:
              practices_dir: docs/fiches
              communities_dir: docs/fiches/communautes/
        """,
    )
    assert rendered(settings) == [
        "mkdocs.yml:9: practices_dir: « docs/fiches » et docs_dir (« docs ») se chevauchent : "
        "MkDocs publierait ces fichiers une seconde fois ; choisissez un dossier à côté de "
        "« docs »",
        "mkdocs.yml:9: avertissement : practices_dir: le dossier « docs/fiches » n'existe pas : "
        "créez-le, ou corrigez son nom (rien n'y sera lu)",
        "mkdocs.yml:10: communities_dir: « docs/fiches/communautes » et docs_dir (« docs ») se "
        "chevauchent : MkDocs publierait ces fichiers une seconde fois ; choisissez un dossier "
        "à côté de « docs »",
        "mkdocs.yml:10: communities_dir: « docs/fiches/communautes » chevauche le dossier de "
        "practices_dir (« docs/fiches ») : donnez à chacun son propre dossier",
        "mkdocs.yml:10: avertissement : communities_dir: le dossier « docs/fiches/communautes » "
        "n'existe pas : créez-le, ou corrigez son nom (rien n'y sera lu)",
    ]


def test_folder_paths_are_cleaned(tmp_path: Path) -> None:
    settings = read(tmp_path, "plugins:\n  - atelier:\n      practices_dir: ./fiches/\n")
    assert settings.practices_dir == "fiches" and settings.diagnostics == ()
    assert settings.sheet_path("a") == "fiches/a.md"
    assert settings.sheet_id("fiches/sous/a.md") == "a" and settings.sheet_id("docs/a.md") is None


def test_shapes_that_are_not_options(tmp_path: Path) -> None:
    options = read(tmp_path, "plugins:\n  - atelier: [fiches]\n")
    assert rendered(options, "en") == [
        "mkdocs.yml:8: atelier: the atelier plugin's options go one per line, indented under "
        "'- atelier:' (for example 'privacy: rules'), not a list"
    ]
    plugins = read(tmp_path, "plugins: atelier\n")
    assert rendered(plugins) == [
        "mkdocs.yml:7: plugins: « plugins » doit être une liste (« - atelier ») ou des "
        "sous-champs (« atelier: »), pas un texte"
    ]
    vocabularies = read(tmp_path, "plugins:\n  - atelier:\n      vocabularies: {a: b}\n")
    assert rendered(vocabularies) == [
        "mkdocs.yml:9: vocabularies: une liste de fichiers est attendue, pas des sous-champs : "
        "écrivez par exemple [vocabulaires/extra.yml]"
    ]


def test_a_yaml_error_is_located(tmp_path: Path) -> None:
    settings = read(tmp_path, "plugins:\n  - atelier:\n      privacy: [rules\n")
    assert [d.code for d in settings.errors] == ["config-yaml"]
    assert settings.errors[0].line == 10 and settings.errors[0].path == "mkdocs.yml"
    assert "MkDocs cannot read the file either" in settings.errors[0].render("en")


def test_privacy_off_is_yaml_false_and_means_off(tmp_path: Path) -> None:
    settings = read(tmp_path, "plugins:\n  - atelier:\n      privacy: off\n")
    assert settings.privacy == "off" and settings.diagnostics == ()
    assert from_mkdocs(tmp_path / "mkdocs.yml") == settings


def test_the_plugin_reports_bad_values_with_the_same_messages(tmp_path: Path) -> None:
    config_file = write(
        tmp_path, "plugins:\n  - atelier:\n      practices_dir: ../x\n      privacy: maybe\n"
    )
    plugin, commands = from_mkdocs(config_file), Settings.from_config_file(config_file)
    assert rendered(plugin) == rendered(commands)
    assert [d.line for d in plugin.diagnostics] == [9, 10]


def test_the_settings_problems_are_part_of_the_knowledge_base_report(tmp_path: Path) -> None:
    settings = read(tmp_path, "plugins:\n  - atelier:\n      privacy: maybe\n")
    _, report = knowledge.load(settings)
    assert [d.code for d in report.errors] == ["config-privacy"]


# --- One site language, one fallback ----------------------------------------------------------

NO_LANGUAGE = f"""\
site_name: Sans langue
theme:
  name: material
  custom_dir: {json.dumps(str(OVERRIDES))}
"""


def test_one_fallback_language_for_the_plugin_and_the_commands(tmp_path: Path) -> None:
    # Material's own default is English: Atelier's is DEFAULT_LANG, for the build too.
    config_file = write(tmp_path, "plugins: [atelier]\n", head=NO_LANGUAGE)
    assert DEFAULT_LANG == "fr"
    assert Settings.from_config_file(config_file).lang == DEFAULT_LANG
    assert from_mkdocs(config_file).lang == DEFAULT_LANG
    theme_as_text = write(tmp_path, "theme: material\nplugins: [atelier]\n", head="site_name: x\n")
    assert Settings.from_config_file(theme_as_text).lang == DEFAULT_LANG


@pytest.mark.parametrize(
    ("language", "option", "lang"),
    [("en", "", "en"), ("fr-CA", "", "fr"), ("en_GB", "", "en"), ("en", "lang: fr", "fr")],
)
def test_the_site_language_comes_from_the_theme_or_the_option(
    tmp_path: Path, language: str, option: str, lang: str
) -> None:
    head = HEAD.replace("language: fr", f"language: {language}")
    options = f"plugins:\n  - atelier:\n      {option}\n" if option else "plugins: [atelier]\n"
    config_file = write(tmp_path, options, head=head)
    settings = Settings.from_config_file(config_file, today=TODAY)
    assert settings.lang == lang and settings.diagnostics == ()
    assert from_mkdocs(config_file) == settings


def test_a_language_atelier_does_not_speak_falls_back_with_a_warning(tmp_path: Path) -> None:
    head = HEAD.replace("language: fr", "language: de")
    settings = read(tmp_path, "plugins: [atelier]\n", head=head)
    assert settings.lang == DEFAULT_LANG
    assert [d.render("en") for d in settings.diagnostics] == [
        "mkdocs.yml:6: warning: theme.language: Atelier speaks French (fr) and English (en), "
        "not 'de': its pages and messages will be in French; to choose, add 'lang: fr' or "
        "'lang: en' to the atelier plugin's options"
    ]
    assert settings.errors == []


# --- Derived values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("site_url", "preview"),
    [
        ("", "http://127.0.0.1:8000/"),
        ("https://example.org/", "http://127.0.0.1:8000/"),
        ("https://example.org/atelier/", "http://127.0.0.1:8000/atelier/"),
        ("https://example.org/a/b", "http://127.0.0.1:8000/a/b/"),
    ],
)
def test_the_preview_address_is_under_site_urls_path(site_url: str, preview: str) -> None:
    assert Settings(Path("."), site_url=site_url).preview_url == preview


def test_the_plugin_declares_exactly_the_settings_options() -> None:
    from atelier.mkdocs_plugin import AtelierConfig

    assert [name for name, _ in AtelierConfig._schema] == list(OPTIONS)


# --- The build: stopped by a wrong setting, warned by a doubtful one -------------------------


def test_a_wrong_setting_stops_the_build_with_a_located_message(
    tmp_path: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import Abort

    write(tmp_path, "plugins:\n  - atelier:\n      practices_dir: ../x\n")
    with pytest.raises(Abort):
        build_site(tmp_path)
    logged = "\n".join(r.getMessage() for r in mkdocs_logs.records if r.levelname == "ERROR")
    assert logged.splitlines() == [
        "1 problème(s) à corriger dans mkdocs.yml :",
        "  mkdocs.yml:9: practices_dir: « ../x » n'est pas un dossier du dépôt : écrivez un "
        "chemin relatif au dossier de mkdocs.yml, sans « .. » ni « / » au début, par exemple "
        "« practices »",
        "Corrigez ces fichiers puis relancez (« atelier check » les vérifie seul).",
    ]
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_doubtful_setting_is_a_build_warning(
    tmp_path: Path, mkdocs_logs: pytest.LogCaptureFixture
) -> None:
    write(
        tmp_path,
        "plugins:\n  - atelier:\n      search_index: false\n",
        head=HEAD.replace("language: fr", "language: de"),
    )
    write_files(tmp_path / "practices", {"a.md": sheet()})
    build_site(tmp_path)
    assert (
        "mkdocs.yml:6: avertissement : theme.language: Atelier parle français (fr) et anglais "
        "(en), pas « de » : ses pages et ses messages seront en français ; pour choisir, ajoutez "
        "« lang: fr » ou « lang: en » aux options du plugin atelier"
    ) in mkdocs_logs.text
    assert '<html lang="de"' in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert (tmp_path / "site" / "practices" / "a" / "index.html").is_file()


@pytest.mark.model
def test_a_sites_privacy_lists_reach_the_guard(tmp_path: Path) -> None:
    """A site's own figures (`privacy_lists`) are read by the one guard the commands build."""
    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "people.yml").write_text(
        "figures:\n  - Zéphirin Quarteron\n", encoding="utf-8"
    )
    settings = read(
        tmp_path,
        """\
        plugins:
          - atelier:
              privacy_lists: [vocab/people.yml]
        """,
    )
    assert settings.privacy_lists == (tmp_path / "vocab" / "people.yml",)
    text = "Zéphirin Quarteron a dit que la consigne était floue."
    with_list = knowledge.privacy_guard(settings, "model").scan_text(text)
    without = knowledge.privacy_guard(Settings(tmp_path), "model").scan_text(text)
    assert [f.kind for f in without] == ["name"]
    assert with_list == []


def test_a_missing_privacy_list_is_located(tmp_path: Path) -> None:
    settings = read(tmp_path, "plugins:\n  - atelier:\n      privacy_lists: [absent.yml]\n")
    assert settings.privacy_lists == ()
    assert any("absent.yml" in message for message in rendered(settings))
