"""A strict YAML reader: every plain scalar stays a string, and nothing is rewritten silently.

PyYAML follows YAML 1.1: `no` becomes False, `1:30` becomes 90, duplicate keys keep the last,
aliases expand when serialised. Here the tree is composed by hand from the parser's events
(libyaml's C parser when available, for speed), so that every value keeps its line and the
YAML 1.1 type it *would* have had, and the schema can say "quote it".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Union

import yaml

MAX_DEPTH = 6
# Items in one list or keys in one mapping, for front matter (`parse(max_items=…)`): a flow
# mapping `{a: 1, b: 2, …}` puts thousands of keys on one line, past the line limit.
MAX_ITEMS = 100

_STR_TAGS = (None, "!", "tag:yaml.org,2002:str")
_SEQ_TAGS = (None, "tag:yaml.org,2002:seq")
_MAP_TAGS = (None, "tag:yaml.org,2002:map")
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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


_COMMENT_GLUED = re.compile(r"[ \t]+#\S")


def parse(text: str, first_line: int = 1, max_items: int | None = None) -> Node | None:
    """Parse one YAML document strictly; None when empty. Raises `YamlProblem`.

    Lines in the result and in problems are 1-based lines of the file, the text starting
    at `first_line`. With `max_items`, a list or mapping may hold no more items than that.
    """
    composer = _Composer(text.split("\n"), first_line, max_items)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            composer.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line if mark else 0) + first_line
        problem = (exc.problem or exc.context or "").strip()
        source_line = composer.lines[mark.line] if mark and mark.line < len(composer.lines) else ""
        if "\t" in source_line[: len(source_line) - len(source_line.lstrip())]:
            raise YamlProblem(line, "yaml-tab") from None
        if "mapping values are not allowed" in problem:
            raise YamlProblem(line, "yaml-colon") from None
        if "maximum nesting depth" in problem:
            raise YamlProblem(line, "yaml-depth", depth=MAX_DEPTH) from None
        raise YamlProblem(line, "yaml-syntax", problem=problem) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(first_line, "yaml-syntax", problem=str(exc).splitlines()[0]) from None
    return composer.root


class _Composer:
    """Builds `Node`s from parser events, refusing what is not plain YAML."""

    def __init__(self, lines: list[str], first_line: int, max_items: int | None = None) -> None:
        self.lines = lines
        self.first_line = first_line
        self.max_items = max_items
        self.root: Node | None = None
        self.documents = 0
        # Open collections: (node, pending key or None, pending key line).
        self.stack: list[tuple[Seq | Map, str | None, int]] = []

    def _line(self, event: yaml.Event) -> int:
        return (event.start_mark.line if event.start_mark else 0) + self.first_line

    def feed(self, event: yaml.Event) -> None:
        """Take the next event."""
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise YamlProblem(self._line(event), "yaml-syntax", problem="---")
            return
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(self._line(event), "yaml-alias", name=event.anchor)
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and event.anchor:
            raise YamlProblem(self._line(event), "yaml-anchor", name=event.anchor)
        if isinstance(event, yaml.ScalarEvent):
            self._add(self._scalar(event), self._line(event))
        elif isinstance(event, yaml.SequenceStartEvent):
            self._check_tag(event, _SEQ_TAGS)
            self._open(Seq([], self._line(event)))
        elif isinstance(event, yaml.MappingStartEvent):
            self._check_tag(event, _MAP_TAGS)
            self._open(Map({}, self._line(event)))
        elif isinstance(event, yaml.CollectionEndEvent):
            node, _, _ = self.stack.pop()
            self._add(node, node.line, opened=True)

    def _check_tag(self, event: yaml.NodeEvent, allowed: tuple[str | None, ...]) -> None:
        tag = getattr(event, "tag", None)
        if tag not in allowed:
            raise YamlProblem(self._line(event), "yaml-tag", tag=_short_tag(tag))

    def _scalar(self, event: yaml.ScalarEvent) -> Scalar:
        self._check_tag(event, _STR_TAGS)
        line = self._line(event)
        if not event.implicit[0]:  # quoted or tagged: a string, as written
            return Scalar(event.value, line)
        tag = _YAML11.resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, event.value, (True, False)
        )
        end = event.end_mark
        rest = self.lines[end.line][end.column :] if end and end.line < len(self.lines) else ""
        return Scalar(
            event.value, line, _IMPLICIT_NAMES.get(tag, "str"), bool(_COMMENT_GLUED.match(rest))
        )

    def _open(self, node: Seq | Map) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise YamlProblem(node.line, "yaml-depth", depth=MAX_DEPTH)
        if self.stack and isinstance(self.stack[-1][0], Map) and self.stack[-1][1] is None:
            raise YamlProblem(node.line, "yaml-key")  # a list or mapping used as a key
        self.stack.append((node, None, 0))

    def _add(self, node: Node, line: int, opened: bool = False) -> None:
        if not self.stack:
            self.root = node
            return
        parent, key, key_line = self.stack[-1]
        if self.max_items is not None and key is None and len(parent.items) >= self.max_items:
            raise YamlProblem(parent.line, "yaml-too-many", limit=self.max_items)
        if isinstance(parent, Seq):
            parent.items.append(node)
        elif key is None:  # this node is a key
            if not isinstance(node, Scalar):
                raise YamlProblem(line, "yaml-key")
            if node.value == "<<" and node.implied == "str" and not opened:
                raise YamlProblem(line, "yaml-merge")
            if node.value in parent.items:
                raise YamlProblem(
                    line, "yaml-duplicate", key=node.value, first=parent.key_lines[node.value]
                )
            self.stack[-1] = (parent, node.value, line)
        else:
            parent.items[key] = node
            parent.key_lines[key] = key_line
            self.stack[-1] = (parent, None, 0)


def _short_tag(tag: str | None) -> str:
    prefix = "tag:yaml.org,2002:"
    tag = tag or "?"
    return "!!" + tag.removeprefix(prefix) if tag.startswith(prefix) else tag


def to_python(node: Node) -> Any:
    """The plain value of a tree: strings, lists and dicts (for trusted data files)."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Seq):
        return [to_python(item) for item in node.items]
    return {key: to_python(value) for key, value in node.items.items()}
