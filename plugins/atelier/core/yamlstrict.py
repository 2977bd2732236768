"""A strict YAML reader: every plain scalar stays a string, and nothing is rewritten silently.

PyYAML follows YAML 1.1: `no` becomes False, `1:30` becomes 90, duplicate keys keep the last,
aliases expand when serialised. Here the node graph is walked by hand so that every value keeps
its line and the YAML 1.1 type it *would* have had, and the schema can say "quote it".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Union

import yaml

MAX_DEPTH = 6

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_IMPLICIT_NAMES = {
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "timestamp",
}
# Resolves a plain scalar the way ordinary YAML 1.1 tools would, to warn about it.
_YAML11 = yaml.resolver.Resolver()


class YamlProblem(Exception):
    """A YAML text that cannot be accepted, at a 0-based line of that text."""

    def __init__(self, line: int, code: str, **args: Any) -> None:
        super().__init__(code)
        self.line = line
        self.code = code
        self.args_: dict[str, Any] = args


@dataclass(frozen=True)
class Scalar:
    """A scalar value, always a string, with the type YAML 1.1 would have given it."""

    value: str
    line: int
    implied: str = "str"  # str, bool, int, float, null or timestamp
    trailing_hash: bool = False  # `title: Atelier #2`: the rest was eaten as a comment


@dataclass(frozen=True)
class Seq:
    """A list of nodes."""

    items: list[Node]
    line: int


@dataclass(frozen=True)
class Map:
    """A mapping of string keys to nodes; `key_lines` gives each key's line."""

    items: dict[str, Node]
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)


Node = Union[Scalar, Seq, Map]  # noqa: UP007 (a runtime alias)


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases and bounds nesting depth."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(line, "yaml-alias", name=event.anchor)
        if getattr(event, "anchor", None):
            raise YamlProblem(line, "yaml-anchor", name=event.anchor)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlProblem(line, "yaml-depth", depth=MAX_DEPTH)
            return super().compose_node(parent, index)  # type: ignore[arg-type]
        finally:
            self._depth -= 1


# Every plain scalar resolves to str: the schema decides what a value means.
_StrictLoader.yaml_implicit_resolvers = {}


_COMMENT_GLUED = re.compile(r"[ \t]+#\S")


def parse(text: str, first_line: int = 1) -> Node | None:
    """Parse one YAML document strictly; None when empty. Raises `YamlProblem`.

    Lines in the result and in problems are 1-based lines of the file, the text starting
    at `first_line`.
    """
    loader = _StrictLoader(text)
    try:
        root = loader.get_single_node()
    except YamlProblem as found:
        found.line += first_line
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line if mark else 0) + first_line
        problem = (exc.problem or exc.context or "").strip()
        if "found character '\\t'" in problem or "found character '\t'" in problem:
            raise YamlProblem(line, "yaml-tab") from None
        if "found undefined alias" in problem or "found duplicate anchor" in problem:
            raise YamlProblem(line, "yaml-alias", name="") from None
        raise YamlProblem(line, "yaml-syntax", problem=problem) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(first_line, "yaml-syntax", problem=str(exc).splitlines()[0]) from None
    finally:
        loader.dispose()
    if root is None:
        return None
    return _Converter(text.split("\n"), first_line).convert(root)


class _Converter:
    """Turns PyYAML nodes into `Node`s with file line numbers, refusing what is not plain."""

    def __init__(self, lines: list[str], first_line: int) -> None:
        self.lines = lines
        self.first_line = first_line

    def convert(self, node: yaml.Node) -> Node:
        """Convert one node and its children."""
        line = node.start_mark.line + self.first_line
        if isinstance(node, yaml.ScalarNode):
            if node.tag != _STR:
                raise YamlProblem(line, "yaml-tag", tag=_short_tag(node.tag))
            implied = "str"
            trailing_hash = False
            if node.style is None:  # plain: what would YAML 1.1 make of it?
                tag = _YAML11.resolve(  # type: ignore[no-untyped-call]
                    yaml.ScalarNode, node.value, (True, False)
                )
                implied = _IMPLICIT_NAMES.get(tag, "str")
                rest = self.lines[node.end_mark.line][node.end_mark.column :]
                trailing_hash = bool(_COMMENT_GLUED.match(rest))
            return Scalar(node.value, line, implied, trailing_hash)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise YamlProblem(line, "yaml-tag", tag=_short_tag(node.tag))
            return Seq([self.convert(item) for item in node.value], line)
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                raise YamlProblem(line, "yaml-tag", tag=_short_tag(node.tag))
            items: dict[str, Node] = {}
            key_lines: dict[str, int] = {}
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + self.first_line
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                    raise YamlProblem(key_line, "yaml-key")
                if key_node.value == "<<":
                    raise YamlProblem(key_line, "yaml-merge")
                key = key_node.value
                if key in items:
                    raise YamlProblem(key_line, "yaml-duplicate", key=key, first=key_lines[key])
                items[key] = self.convert(value_node)
                key_lines[key] = key_line
            return Map(items, line, key_lines)
        raise YamlProblem(line, "yaml-syntax", problem=type(node).__name__)  # pragma: no cover


def _short_tag(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag.removeprefix(prefix) if tag.startswith(prefix) else tag


def to_python(node: Node) -> Any:
    """The plain value of a tree: strings, lists and dicts (for trusted data files)."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Seq):
        return [to_python(item) for item in node.items]
    return {key: to_python(value) for key, value in node.items.items()}
