"""One `Settings` for the plugin, the commands and the benchmarks: what mkdocs.yml says.

The MkDocs plugin declares its option names (MkDocs needs them) but converts nothing: the values
as written reach `Settings.from_mkdocs`, and the commands read the same file with
`Settings.from_config_file`. Both go through one validation (`_settle`), so a folder, a language
or a privacy mode means the same thing to `mkdocs build`, `atelier check`, `review`, `new`…

mkdocs.yml is code for MkDocs (it may hold Python tags): it is read here with a safe loader that
reads `!ENV` as MkDocs does and ignores every other tag (`!!python/name:`… become None), keeping
each node's line so that a bad value is reported where it is written. A bad value is a located
diagnostic (file, line, option, how to fix), never an exception: the setting keeps its
default, and `errors` tells a caller that must not act on a wrong folder (`atelier new`, the
build) to stop.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import yaml
from yaml_env_tag import construct_env_tag

from atelier.core.diagnostics import LANGS, Diagnostic, Report
from atelier.core.messages import KIND_NOUNS, LANG_NAMES

# The one fallback language, when mkdocs.yml names none (neither `lang:` nor `theme.language`)
# or one Atelier does not speak: the project is French-first.
DEFAULT_LANG = "fr"
PRIVACY_MODES = ("off", "rules", "model")
# The address `make serve` (mkdocs serve --dev-addr 127.0.0.1:8000) listens on; MkDocs serves
# the site under site_url's path (e.g. /atelier/).
PREVIEW_HOST = "http://127.0.0.1:8000"
CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")  # the names MkDocs looks for, in its order
PLUGIN_NAMES = ("atelier", "/atelier")  # `/atelier`: MkDocs' "no theme namespace" spelling

# Content folders: option → default. A new kind of content (e.g. `workshops_dir`) is one line
# here and one field of `Settings`; validation, watching and review follow.
FOLDERS: dict[str, str] = {
    "practices_dir": "practices",
    "communities_dir": "communities",
    "workshops_dir": "workshops",
}
# Every option of the plugin (AtelierConfig in mkdocs_plugin.py declares the same names).
# Options whose value is a list of extension files (YAML), read in order.
FILE_LISTS = ("vocabularies", "privacy_lists")
OPTIONS: tuple[str, ...] = (*FOLDERS, *FILE_LISTS, "lang", "search_index", "privacy", "cache")
_MKDOCS_OPTIONS = ("enabled",)  # MkDocs' own option, accepted by every plugin


class MkDocsConfigLike(Protocol):
    """What `from_mkdocs` reads of MkDocs' configuration (core/ imports nothing from MkDocs)."""

    @property
    def config_file_path(self) -> str: ...

    @property
    def docs_dir(self) -> str: ...

    @property
    def site_url(self) -> str | None: ...

    @property
    def theme(self) -> Mapping[str, Any]: ...


@dataclass(frozen=True)
class Settings:
    """Where the sources are and how to read and publish them, for one site.

    Folders are repository paths (POSIX, relative to `root`, the folder of mkdocs.yml);
    `vocabularies` are files. Build one with `from_config_file` (commands) or `from_mkdocs`
    (plugin); `Settings(root)` gives the defaults without reading anything (tests, tools).
    """

    root: Path
    config_file: Path | None = None  # None: no mkdocs.yml, every setting is its default
    docs_dir: str = "docs"
    practices_dir: str = FOLDERS["practices_dir"]
    communities_dir: str = FOLDERS["communities_dir"]
    workshops_dir: str = FOLDERS["workshops_dir"]
    lang: str = DEFAULT_LANG  # the site's language: pages, messages, sheets without `lang:`
    # Privacy guard: "off", "rules" (fast: e-mails, phones, class codes, diagnoses…) or
    # "model" (rules plus people's names found by a French named-entity model, ~60 ms a sheet).
    privacy: str = "off"
    vocabularies: tuple[Path, ...] = ()  # extension files, applied in order
    # The privacy guard's extra lists (figures, researchers, places, software of this site).
    privacy_lists: tuple[Path, ...] = ()
    search_index: bool = True
    # Reuse, between builds, what depends only on unchanged inputs (core/cache.py), in
    # `.cache/atelier/` beside mkdocs.yml or in $ATELIER_CACHE_DIR.
    cache: bool = True
    site_url: str = ""
    today: dt.date = field(default_factory=dt.date.today)
    # What was wrong in the configuration (located in `config_file`); a wrong value kept its
    # default above. `knowledge.load` adds these to its report.
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def from_config_file(cls, path: Path, *, today: dt.date | None = None) -> Settings:
        """The settings a mkdocs.yml gives, read safely; its folder is the repository root.

        A missing file gives the defaults (a repository of sheets without a site).
        """
        path = Path(path).absolute()
        root, report = path.parent.resolve(), Report()
        if not path.is_file():
            return _settle(root, None, _Written(), report, today)
        return _settle(root, path, _read(path, report), report, today)

    @classmethod
    def from_mkdocs(
        cls,
        plugin_config: Mapping[str, object],
        mkdocs_config: MkDocsConfigLike,
        *,
        today: dt.date | None = None,
    ) -> Settings:
        """The settings of a build: the plugin's options as written, MkDocs' resolved values.

        The file is read again only to locate problems and to know whether `theme.language`
        was written (MkDocs' themes default it to `en`; Atelier's fallback is DEFAULT_LANG).
        """
        config_file = (
            Path(mkdocs_config.config_file_path).absolute()
            if mkdocs_config.config_file_path
            else None
        )
        root = (config_file.parent if config_file else Path.cwd()).resolve()
        located = _Written()
        if config_file is not None and config_file.is_file():
            located = _read(config_file, Report())  # MkDocs reports the file's own errors
        theme = mkdocs_config.theme
        language_written = located.language_written or config_file is None
        written = _Written(
            options={k: plugin_config.get(k) for k in OPTIONS if plugin_config.get(k) is not None},
            docs_dir=mkdocs_config.docs_dir,
            site_url=mkdocs_config.site_url,
            language=theme.get("language") if language_written else None,
            language_written=language_written,
            lines=located.lines,
        )
        return _settle(root, config_file, written, Report(), today)

    # --- Derived values ---------------------------------------------------------------------

    @property
    def config_name(self) -> str:
        """The configuration file as diagnostics name it (e.g. mkdocs.yml)."""
        return self.config_file.name if self.config_file else CONFIG_NAMES[0]

    @property
    def content_dirs(self) -> tuple[str, ...]:
        """Every content folder (sheets, communities…), as repository paths."""
        return tuple(str(getattr(self, name)) for name in FOLDERS)

    @property
    def practices_path(self) -> Path:
        """The folder of the sheets."""
        return self.root / self.practices_dir

    @property
    def communities_path(self) -> Path:
        """The folder of the communities."""
        return self.root / self.communities_dir

    def workshop_path(self, workshop_id: str) -> str:
        """The repository path of a (new) workshop, e.g. workshops/2026-11-18-seance.md."""
        return f"{self.workshops_dir}/{workshop_id}.md"

    def workshop_id(self, path: str) -> str | None:
        """The id of a repository path under the workshops' folder, else None."""
        if path.startswith(self.workshops_dir + "/") and path.endswith(".md"):
            return posixpath.basename(path).removesuffix(".md")
        return None

    def sheet_path(self, sheet_id: str) -> str:
        """The repository path of a (new) sheet with this id, e.g. practices/debat-4e.md."""
        return f"{self.practices_dir}/{sheet_id}.md"

    def sheet_id(self, path: str) -> str | None:
        """The id of a repository path under the sheets' folder, else None."""
        if path.startswith(self.practices_dir + "/") and path.endswith(".md"):
            return posixpath.basename(path).removesuffix(".md")
        return None

    @property
    def preview_url(self) -> str:
        """Where `make serve` shows the site: MkDocs serves it under site_url's path."""
        path = urlsplit(self.site_url).path or "/"
        return PREVIEW_HOST + (path if path.endswith("/") else path + "/")

    @property
    def errors(self) -> list[Diagnostic]:
        """The configuration's errors (wrong values: do not act on their defaults)."""
        return [d for d in self.diagnostics if d.is_error]

    def replace(self, **changes: Any) -> Settings:
        """A copy with some settings changed (e.g. the privacy mode of `atelier check`)."""
        return dataclasses.replace(self, **changes)


def find_config(root: Path) -> Path:
    """The configuration file of the site in `root` (mkdocs.yml, else mkdocs.yaml)."""
    for name in CONFIG_NAMES:
        if (root / name).is_file():
            return root / name
    return root / CONFIG_NAMES[0]


# --- Reading mkdocs.yml ---------------------------------------------------------------------


class _IgnoreTags(yaml.SafeLoader):
    """Safe loading; `!ENV` reads the environment as MkDocs does; `!relative`, `!!python/…`
    and other tags become None."""


def _ignore(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_IgnoreTags.add_constructor("!ENV", construct_env_tag)  # MkDocs' own reading of it
_IgnoreTags.add_multi_constructor("!", _ignore)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", _ignore)


@dataclass
class _Written:
    """What a configuration says, before validation, and where (1-based lines; absent: 0).

    `lines` keys: "atelier" (the plugin's entry), each option, "vocabularies.<n>" (an item),
    "docs_dir", "site_url", "theme.language".
    """

    options: dict[str, object] = field(default_factory=dict)
    docs_dir: object = None
    site_url: object = None
    language: object = None
    language_written: bool = False
    lines: dict[str, int] = field(default_factory=dict)


def _read(path: Path, report: Report) -> _Written:
    """Read a mkdocs.yml safely; problems of shape go to `report`, located."""
    shown = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        report.error(shown, 0, "config-unreadable", reason=str(exc))
        return _Written()
    loader = _IgnoreTags(text)
    try:
        return _extract(loader.get_single_node(), loader, shown, report)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "").strip()
        report.error(shown, mark.line + 1 if mark else 0, "config-yaml", problem=problem)
    except yaml.YAMLError as exc:
        report.error(shown, 0, "config-yaml", problem=str(exc).splitlines()[0])
    finally:
        loader.dispose()
    return _Written()


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1 if node.start_mark else 0


def _pairs(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """A mapping's plain keys with their key and value nodes (a repeated key: the last)."""
    found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and isinstance(key.value, str):
            found[key.value] = (key, value)
    return found


def _extract(node: yaml.Node | None, loader: _IgnoreTags, shown: str, report: Report) -> _Written:
    written = _Written()
    if node is None:  # an empty file
        return written
    if not isinstance(node, yaml.MappingNode):
        report.error(shown, _line(node), "config-not-mapping")
        return written

    def value(node: yaml.Node) -> object:
        return loader.construct_object(node, deep=True)

    top = _pairs(node)
    for key in ("docs_dir", "site_url"):
        if key in top:
            key_node, value_node = top[key]
            setattr(written, key, value(value_node))
            written.lines[key] = _line(key_node)
    if "theme" in top and isinstance(top["theme"][1], yaml.MappingNode):
        theme = _pairs(top["theme"][1])
        if "language" in theme:
            key_node, value_node = theme["language"]
            written.language, written.language_written = value(value_node), True
            written.lines["theme.language"] = _line(key_node)
    if "plugins" not in top:
        return written
    key_node, plugins = top["plugins"]
    entry = _atelier_entry(plugins)
    if entry is None:
        if not isinstance(plugins, yaml.SequenceNode | yaml.MappingNode) and value(plugins):
            found = KIND_NOUNS[_kind(value(plugins))]
            report.error(shown, _line(key_node), "config-plugins-shape", "plugins", found=found)
        return written
    entry_line, options = entry
    written.lines["atelier"] = entry_line
    if options is None or (isinstance(options, yaml.ScalarNode) and value(options) is None):
        return written  # `- atelier` or `atelier:` alone: every option has its default
    if not isinstance(options, yaml.MappingNode):
        found = KIND_NOUNS[_kind(value(options))]
        report.error(shown, entry_line, "config-options-shape", "atelier", found=found)
        return written
    for name, (option_key, option_value) in _pairs(options).items():
        written.options[name] = value(option_value)
        written.lines[name] = _line(option_key)
        if isinstance(option_value, yaml.SequenceNode):
            for index, item in enumerate(option_value.value):
                written.lines[f"{name}.{index}"] = _line(item)
    return written


def _atelier_entry(plugins: yaml.Node) -> tuple[int, yaml.Node | None] | None:
    """The `atelier` entry of `plugins:` (a list or a mapping): its line and its options."""
    if isinstance(plugins, yaml.MappingNode):
        for name, (key, options) in _pairs(plugins).items():
            if name in PLUGIN_NAMES:
                return _line(key), options
    elif isinstance(plugins, yaml.SequenceNode):
        for item in plugins.value:
            if isinstance(item, yaml.ScalarNode) and item.value in PLUGIN_NAMES:
                return _line(item), None
            if isinstance(item, yaml.MappingNode) and len(item.value) == 1:
                key, options = item.value[0]
                if isinstance(key, yaml.ScalarNode) and key.value in PLUGIN_NAMES:
                    return _line(key), options
    return None


# --- One validation for both constructors ---------------------------------------------------


def _kind(value: object) -> str:
    """A KIND_NOUNS key for a Python value read from YAML."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, dt.date):
        return "timestamp"
    if isinstance(value, list | tuple):
        return "list"
    if isinstance(value, Mapping):
        return "mapping"
    return "text"


def _as_written(value: object) -> str:
    """A value as a contributor would recognise it (YAML's true/false, not Python's)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _folder(value: object) -> str | None:
    """A folder of the repository as a clean POSIX path, or None when it is not one."""
    if not isinstance(value, str):
        return None
    text = value.strip().replace("\\", "/")
    if not text or text.startswith("/") or re.match(r"^[A-Za-z]:", text):
        return None
    path = posixpath.normpath(text)
    if path in (".", "") or path == ".." or path.startswith("../"):
        return None
    return path


def _overlap(a: Path, b: Path) -> bool:
    return a == b or a in b.parents or b in a.parents


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _settle(
    root: Path,
    config_file: Path | None,
    written: _Written,
    report: Report,
    today: dt.date | None,
) -> Settings:
    """Convert and check what is written; every problem is located in the configuration."""
    shown = config_file.name if config_file else CONFIG_NAMES[0]
    options = written.options

    def at(key: str) -> int:
        return (
            written.lines.get(key)
            or written.lines.get(key.split(".")[0])
            or (written.lines.get("atelier", 0))
        )

    def error(key: str, code: str, **args: Any) -> None:
        report.error(shown, at(key), code, key.split(".")[0], **args)

    for key in options:
        if key in OPTIONS or key in _MKDOCS_OPTIONS:
            continue
        close = difflib.get_close_matches(key, OPTIONS, n=1, cutoff=0.6)
        if close:
            report.warning(
                shown, at(key), "config-option-unknown", key, key=key, suggestion=close[0]
            )
        else:
            report.warning(
                shown, at(key), "config-option-unknown-nosuggest", key, key=key,
                allowed=", ".join(OPTIONS),
            )  # fmt: skip

    values: dict[str, Any] = {}

    docs_dir = written.docs_dir if written.docs_dir is not None else "docs"
    if not isinstance(docs_dir, str):
        error("docs_dir", "not-text", found=KIND_NOUNS[_kind(docs_dir)])
        docs_dir = "docs"
    docs_path = (root / docs_dir).resolve()
    values["docs_dir"] = _relative(docs_path, root)

    folders: dict[str, Path] = {}
    for name, default in FOLDERS.items():
        raw = options.get(name)
        folder = default if raw is None else _folder(raw)
        if folder is None:  # wrong: its default is kept, and nothing more is said about it
            error(name, "config-folder", value=_as_written(raw), config=shown, default=default)
            values[name] = default
            continue
        values[name] = folder
        path = (root / folder).resolve()
        if _overlap(path, docs_path):
            error(name, "config-folder-in-docs", value=folder, docs=values["docs_dir"])
        for other, other_path in folders.items():
            if _overlap(path, other_path):
                error(name, "config-folder-clash", value=folder, other=other,
                      folder=values[other])  # fmt: skip
        if raw is not None and not path.is_dir():
            report.warning(shown, at(name), "config-folder-missing", name, value=folder)
        folders[name] = path

    for option in FILE_LISTS:
        files: list[Path] = []
        raw = options.get(option)
        items = [raw] if isinstance(raw, str) else raw if raw is not None else []
        if not isinstance(items, list | tuple):
            error(option, "config-list", found=KIND_NOUNS[_kind(items)])
            items = []
        for index, item in enumerate(items):
            where = f"{option}.{index}" if not isinstance(raw, str) else option
            if not isinstance(item, str) or not item.strip():
                error(where, "not-text", found=KIND_NOUNS[_kind(item)])
            elif not (root / item).is_file():
                error(where, "config-file-missing", value=item, config=shown)
            else:
                files.append(root / item)
        values[option] = tuple(files)

    lang = options.get("lang")
    if lang is not None and lang not in LANGS:
        error("lang", "choice", value=_as_written(lang), allowed=", ".join(LANGS))
        lang = None
    if lang is None:
        lang = _theme_language(written, shown, at("theme.language"), report)
    values["lang"] = lang

    privacy = options.get("privacy")
    if privacy is None or privacy is False:  # YAML 1.1 reads `privacy: off` as false
        privacy = "off"
    elif privacy not in PRIVACY_MODES:
        error("privacy", "config-privacy", value=_as_written(privacy))
        privacy = "off"
    values["privacy"] = privacy

    for option in ("search_index", "cache"):  # true or false, true by default
        value = options.get(option)
        if value is not None and not isinstance(value, bool):
            error(option, "config-bool", value=_as_written(value))
        values[option] = value if isinstance(value, bool) else True

    site_url = written.site_url if written.site_url is not None else ""
    if not isinstance(site_url, str):
        error("site_url", "not-text", found=KIND_NOUNS[_kind(site_url)])
        site_url = ""
    values["site_url"] = site_url.strip()

    if today is not None:
        values["today"] = today
    diagnostics = tuple(sorted(report.items, key=Diagnostic.sort_key))
    return Settings(root=root, config_file=config_file, diagnostics=diagnostics, **values)


def _theme_language(written: _Written, shown: str, line: int, report: Report) -> str:
    """The site language from `theme.language` (fr-CA → fr), else the one fallback."""
    language = written.language
    if not written.language_written or not isinstance(language, str) or not language.strip():
        return DEFAULT_LANG
    code = re.split(r"[-_]", language.strip().lower(), maxsplit=1)[0]
    if code in LANGS:
        return code
    report.warning(
        shown, line, "config-lang", "theme.language",
        value=language, fallback=LANG_NAMES[DEFAULT_LANG],
    )  # fmt: skip
    return DEFAULT_LANG
