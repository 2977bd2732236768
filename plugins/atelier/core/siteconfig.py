"""Read the `atelier` plugin options from mkdocs.yml without running it.

mkdocs.yml is code for MkDocs (it may hold Python tags); the CLI only needs a few plain
options, so it reads the file with a safe loader that ignores every tag.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _IgnoreTags(yaml.SafeLoader):
    """Safe loading; `!ENV`, `!!python/…` and other tags become None."""


def _ignore(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_IgnoreTags.add_multi_constructor("!", _ignore)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", _ignore)


def plugin_options(config_file: Path) -> tuple[dict[str, Any], str]:
    """The `atelier` plugin's options and the site language, from a mkdocs.yml."""
    if not config_file.is_file():
        return {}, "fr"
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_IgnoreTags)
    except yaml.YAMLError:
        return {}, "fr"
    if not isinstance(data, dict):
        return {}, "fr"
    theme = data.get("theme")
    lang = str(theme.get("language") or "fr")[:2] if isinstance(theme, dict) else "fr"
    for entry in data.get("plugins") or []:
        if isinstance(entry, dict) and isinstance(entry.get("atelier"), dict):
            return entry["atelier"], lang
    return {}, lang
