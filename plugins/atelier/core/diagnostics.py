"""Located problems (file, line, field) with French and English messages.

Pure modules never log: they return `Diagnostic`s, and the edges (plugin, CLI) print them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from atelier.core.messages import MESSAGES

LANGS = ("fr", "en")


class Severity(StrEnum):
    """How bad a problem is: errors stop the build, warnings inform the author."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem in one file, at one line, with a message key and its arguments."""

    path: str
    line: int
    code: str
    args: dict[str, Any] = field(default_factory=dict)
    field: str | None = None
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        """True when this problem must stop the build."""
        return self.severity is Severity.ERROR

    def text(self, lang: str = "fr") -> str:
        """The message alone, in `lang` (fr or en), without location."""
        templates = MESSAGES[self.code]
        template = templates.get(lang) or templates["en"]
        args = {
            key: (value.get(lang) or value["en"]) if isinstance(value, dict) else value
            for key, value in self.args.items()
        }
        return template.format(**args)

    def render(self, lang: str = "fr") -> str:
        """`path:line: field: message`, the line a contributor reads."""
        where = f"{self.path}:{self.line}:" if self.line else f"{self.path}:"
        label = ""
        if self.severity is Severity.WARNING:
            label = "avertissement : " if lang == "fr" else "warning: "
        prefix = f"{self.field}: " if self.field else ""
        return f"{where} {label}{prefix}{self.text(lang)}"

    def sort_key(self) -> tuple[str, int, str]:
        """Order by file, then line, then field."""
        return (self.path, self.line, self.field or "")


class Report:
    """A growing list of diagnostics, shared by the stages that read one source."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []
        self.error_count = 0

    def error(
        self, path: str, line: int, code: str, field: str | None = None, /, **args: Any
    ) -> None:
        """Record an error."""
        self.error_count += 1
        self.items.append(Diagnostic(path, line, code, args, field, Severity.ERROR))

    def warning(
        self, path: str, line: int, code: str, field: str | None = None, /, **args: Any
    ) -> None:
        """Record a warning."""
        self.items.append(Diagnostic(path, line, code, args, field, Severity.WARNING))

    def extend(self, items: Iterable[Diagnostic]) -> None:
        """Add diagnostics found elsewhere."""
        for item in items:
            self.error_count += item.is_error
            self.items.append(item)

    @property
    def errors(self) -> list[Diagnostic]:
        """The errors, sorted by location."""
        return sorted((d for d in self.items if d.is_error), key=Diagnostic.sort_key)

    @property
    def warnings(self) -> list[Diagnostic]:
        """The warnings, sorted by location."""
        return sorted((d for d in self.items if not d.is_error), key=Diagnostic.sort_key)

    def by_path(self) -> dict[str, list[Diagnostic]]:
        """Every diagnostic grouped by file, each group sorted."""
        groups: dict[str, list[Diagnostic]] = {}
        for item in sorted(self.items, key=Diagnostic.sort_key):
            groups.setdefault(item.path, []).append(item)
        return groups
