"""Diagnostics for machines: GitHub annotations and JSON (the text form is Diagnostic.render)."""

from __future__ import annotations

from typing import Any

from atelier.core.diagnostics import Diagnostic


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(diagnostic: Diagnostic, lang: str) -> str:
    """A GitHub Actions workflow command that puts the message on the file's line in a PR."""
    level = "error" if diagnostic.is_error else "warning"
    properties = [f"file={_escape_property(diagnostic.path)}"]
    if diagnostic.line:
        properties.append(f"line={diagnostic.line}")
    if diagnostic.field:
        properties.append(f"title={_escape_property(diagnostic.field)}")
    return f"::{level} {','.join(properties)}::{_escape_data(diagnostic.text(lang))}"


def _entry(diagnostic: Diagnostic, lang: str) -> dict[str, Any]:
    return {
        "path": diagnostic.path,
        "line": diagnostic.line,
        "field": diagnostic.field,
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "message": diagnostic.text(lang),
    }


def as_json(
    errors: list[Diagnostic], warnings: list[Diagnostic], lang: str, summary: str
) -> dict[str, Any]:
    """Everything `atelier check` found, as plain data."""
    return {
        "errors": [_entry(d, lang) for d in errors],
        "warnings": [_entry(d, lang) for d in warnings],
        "summary": summary,
        "ok": not errors,
    }
