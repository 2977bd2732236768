"""Every regular expression of the plugin stays linear on pathological input.

A regex that backtracks catastrophically turns one long line or word of a sheet into a build
that never ends. The patterns are gathered two ways, so that a new one is tested without being
listed here: every compiled pattern held by a module or a class of the `atelier` package, and
every literal pattern passed to a function of `re` in its source.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import time
from pathlib import Path

import pytest

import atelier

PACKAGE = Path(atelier.__file__).parent
SIZE = 100 * 1024
BUDGET = 2.0  # seconds for one pattern over every input: generous, never flaky
_RE_FUNCTIONS = {"compile", "match", "fullmatch", "search", "sub", "subn", "split", "findall",
                 "finditer"}  # fmt: skip


def _flags(node: ast.expr | None) -> int:
    """The value of a flags argument written as re.X | re.Y (0 when it is anything else)."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        value = getattr(re, node.attr, 0) if node.value.id == "re" else 0
        return int(value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _flags(node.left) | _flags(node.right)
    return 0


def _literal_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in _RE_FUNCTIONS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                continue
            flags_at = 1 if node.func.attr in ("compile", "search", "match", "fullmatch") else 3
            flag_node = node.args[flags_at] if len(node.args) > flags_at else None
            flag_node = next((k.value for k in node.keywords if k.arg == "flags"), flag_node)
            where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
            found[where] = re.compile(node.args[0].value, _flags(flag_node))
    return found


def _compiled_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(atelier.__path__, "atelier."):
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional dependency (the names model)
            continue
        holders = [module, *(v for v in vars(module).values() if isinstance(v, type))]
        for holder in holders:
            for name, value in vars(holder).items():
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    found.setdefault(f"{info.name}.{name}", value)
    return found


PATTERNS = {**_literal_patterns(), **_compiled_patterns()}

# What makes a backtracking engine explode: long runs of one class, alternations of two,
# a run that almost matches then fails at its end.
_UNITS = ["a", "A", "1", " ", "\t", "\n", "é", "-", ".", "#", "*", "_", "<", "[", "(", "'", '"',
          "a ", "A ", "Aa", "a-", "a.", "1 ", "1:", "a@", "@a", "<a", "&#", "\\", ">", "| ",
          "- ", "x ", "é "]  # fmt: skip
INPUTS = [unit * (SIZE // len(unit)) for unit in _UNITS]
INPUTS += [text + "!" for text in INPUTS[:6]] + ["Élève " + "A" * SIZE, "a@" + "a." * (SIZE // 2)]


# Patterns only ever matched on a short window after a word (core/privacy/names.py slices
# `text[end : end + 40]` or `+ 80`): quadratic on 100 KB, bounded in use; tested on that window.
WINDOWED = {
    "atelier.core.privacy.names._AFTER_PERSON": 80,
    "atelier.core.privacy.names._THINGS_AFTER": 80,
}


def test_the_patterns_are_found() -> None:
    assert len(PATTERNS) > 50  # the search itself works (the package has over a hundred)
    assert set(WINDOWED) <= set(PATTERNS)


@pytest.mark.parametrize("where", sorted(PATTERNS))
def test_a_pattern_does_not_backtrack_catastrophically(where: str) -> None:
    """Anchored at one position (`match`), a pattern takes linear time on 100 KB.

    Searching (`search`, `sub`) tries every position: a pattern such as `\\s*x\\s*$` is then
    quadratic on a long run of spaces. Where the code searches unbounded text, that is a
    hazard of its own (see the report of issue 11), not tested here.
    """
    pattern = PATTERNS[where]
    window = WINDOWED.get(where, SIZE)
    started = time.perf_counter()
    for text in INPUTS:
        for _ in range(SIZE // window if window < SIZE else 1):
            pattern.match(text[:window])
            pattern.fullmatch(text[:window])
        assert time.perf_counter() - started < BUDGET, (where, pattern.pattern, text[:8])
