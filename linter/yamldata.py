"""YAML front matter to plain data, with the source span of every key and value.

PyYAML's ``compose`` gives nodes that carry marks (character offsets into the YAML text)
without constructing any Python object, so no tag can run code.  We turn the node tree into
JSON-like data for the schema ourselves, because the schema check needs three things
``safe_load`` does not give:

* every value's span, looked up by its JSON path (``("categories", 1)``);
* implicit timestamps kept as the text the author wrote (``2021-05-27 12:15:20``), so a date
  check sees what is in the file rather than a ``datetime``;
* duplicate keys, unknown tags and alias bombs reported as problems instead of being
  silently merged, constructed or expanded.

libyaml's composer is used when PyYAML was built with it (18x faster than pure Python).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from artlint.source import Position

try:
    _Loader: type = yaml.CSafeLoader
    HAS_LIBYAML = True
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader
    HAS_LIBYAML = False

#: Upper bound on nodes visited while converting (aliases count each time they are used),
#: so a "billion laughs" document is refused instead of expanded.
MAX_NODE_VISITS = 100_000
#: Deepest nesting accepted; real front matter is two or three levels deep.
MAX_DEPTH = 100

JsonPath = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_SCALAR_TYPES = {
    _TAG + "str": "string",
    _TAG + "null": "null",
    _TAG + "bool": "boolean",
    _TAG + "int": "integer",
    _TAG + "float": "number",
    _TAG + "timestamp": "timestamp",
    _TAG + "binary": "string",
}
#: How messages name what YAML read a value as (as the schema messages do).
_TYPE_NAMES = {
    "boolean": "a boolean",
    "integer": "a number",
    "number": "a number",
    "null": "empty (null)",
    "timestamp": "a timestamp",
    "string": "a string",
}
_constructor = SafeConstructor()
_CONSTRUCTORS: dict[str, Callable[[yaml.ScalarNode], Any]] = {
    _TAG + "bool": _constructor.construct_yaml_bool,
    _TAG + "int": _constructor.construct_yaml_int,
    _TAG + "float": _constructor.construct_yaml_float,
}


@dataclass(frozen=True, slots=True)
class FieldSpan:
    """Where one key/value pair (or list item) sits in the file, as text offsets.

    ``key_start`` is -1 for list items and for the root.  ``text`` is the scalar exactly as
    written (without quotes), empty for mappings and sequences; ``yaml_type`` is what YAML
    read it as (``string``, ``boolean``, ``timestamp``, ``mapping``...).
    """

    key_start: int
    key_end: int
    value_start: int
    value_end: int
    text: str
    yaml_type: str

    @property
    def start(self) -> int:
        return self.key_start if self.key_start >= 0 else self.value_start


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """Why the YAML cannot be used, at a text offset.

    ``path`` is the value the problem makes unusable (``None`` for the whole block): the
    schema does not check it again, so one mistake gets one report.
    """

    start: int
    end: int
    message: str
    path: JsonPath | None = None


@dataclass(frozen=True, slots=True)
class LoadedYaml:
    data: Any
    spans: dict[JsonPath, FieldSpan]
    problems: tuple[YamlProblem, ...]


class _TooComplex(Exception):
    def __init__(self, node: yaml.Node, path: JsonPath, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.path = path


#: An unfilled template placeholder (``{{ title }}``), which YAML reads as a flow mapping.
_PLACEHOLDER = re.compile(r"\{\{.*\}\}\Z", re.DOTALL)


class _Converter:
    """Walks a composed node tree into data, recording spans and problems."""

    def __init__(self, text: str, base: int, position: Callable[[int], Position]) -> None:
        self.text = text
        self.base = base
        self.position = position
        self.spans: dict[JsonPath, FieldSpan] = {}
        self.problems: list[YamlProblem] = []
        self.visits = 0

    def span(self, node: yaml.Node) -> tuple[int, int]:
        return self.base + node.start_mark.index, self.base + node.end_mark.index

    def problem(self, node: yaml.Node, message: str, path: JsonPath | None = None) -> None:
        start, end = self.span(node)
        self.problems.append(YamlProblem(start, end, message, path))

    def source(self, node: yaml.Node) -> str:
        """The node as written (flow collections and scalars; block ones span lines)."""
        written = self.text[node.start_mark.index : node.end_mark.index].strip()
        return written if len(written) <= 60 else written[:57] + "..."

    def record(self, path: JsonPath, key: yaml.Node | None, value: yaml.Node) -> None:
        key_start, key_end = self.span(key) if key is not None else (-1, -1)
        value_start, value_end = self.span(value)
        if isinstance(value, yaml.ScalarNode):
            text = value.value
            yaml_type = _SCALAR_TYPES.get(value.tag, "string")
        else:
            text = ""
            yaml_type = "mapping" if isinstance(value, yaml.MappingNode) else "sequence"
        self.spans[path] = FieldSpan(key_start, key_end, value_start, value_end, text, yaml_type)

    def convert(self, node: yaml.Node, path: JsonPath) -> Any:
        self.visits += 1
        if self.visits > MAX_NODE_VISITS:
            raise _TooComplex(
                node,
                path,
                "YAML aliases ('*name') expand the front matter to too many values"
                f" (over {MAX_NODE_VISITS:,}) in field {{field}}: an alias bomb",
            )
        if len(path) > MAX_DEPTH:
            raise _TooComplex(
                node, path, f"field {{field}} is nested deeper than {MAX_DEPTH} levels"
            )
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                self.problem(node, f"unsupported YAML tag {_short_tag(node.tag)!r}", path)
                return None
            items = []
            for index, item in enumerate(node.value):
                self.record((*path, index), None, item)
                items.append(self.convert(item, (*path, index)))
            return items
        if isinstance(node, yaml.MappingNode):
            if node.tag != _TAG + "map":
                self.problem(node, f"unsupported YAML tag {_short_tag(node.tag)!r}", path)
                return None
            if node.flow_style and node.value and not isinstance(node.value[0][0], yaml.ScalarNode):
                written = self.source(node)
                if _PLACEHOLDER.match(written):
                    self.problem(
                        node,
                        f"{written!r} is a template placeholder that was never filled in"
                        " (YAML reads it as a mapping); write the value, or quote it",
                        path,
                    )
                    return written
            return self.mapping(node, path)
        raise AssertionError(f"unknown YAML node {node!r}")  # pragma: no cover

    def scalar(self, node: yaml.ScalarNode, path: JsonPath) -> Any:
        tag = node.tag
        if tag == _TAG + "str" or tag == _TAG + "timestamp" or tag == _TAG + "binary":
            # Timestamps stay as written: the date rule must see the author's text.
            return node.value
        if tag == _TAG + "null":
            return None
        construct = _CONSTRUCTORS.get(tag)
        if construct is None:
            self.problem(node, f"unsupported YAML tag {_short_tag(tag)!r}", path)
            return None
        try:
            return construct(node)
        except (ValueError, LookupError):
            # An explicit tag on text that is not of its type (`!!int abc`, `!!int` empty),
            # or what YAML 1.1's patterns take for a number but is none (`0x_`, `._`).
            if self.text.startswith("!", node.start_mark.index):
                message = f"{node.value!r} is not a valid value for YAML tag {_short_tag(tag)!r}"
            else:
                message = (
                    f"{node.value!r} is read by YAML 1.1 as {_TYPE_NAMES[_SCALAR_TYPES[tag]]}"
                    " but is not one; quote it if it is text"
                )
            self.problem(node, message, path)
            return None

    def mapping(self, node: yaml.MappingNode, path: JsonPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        merged: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                merged.extend(
                    value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                kind = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
                written = self.source(key_node)
                if _PLACEHOLDER.match(written):
                    kind = "an unfilled template placeholder"
                self.problem(key_node, f"key {written!r} is {kind}, expected a string")
                continue
            if key_node.tag != _TAG + "str":
                # YAML 1.1 reads `1:`, `null:`, `yes:` and `2021-05-27:` as numbers, null,
                # booleans and dates: a parser keys the value by that, not by the text.
                yaml_type = _SCALAR_TYPES.get(key_node.tag)
                read_as = (
                    f"is read by YAML as {_TYPE_NAMES[yaml_type]}"
                    if yaml_type is not None
                    else f"has the unsupported tag {_short_tag(key_node.tag)!r}"
                )
                self.problem(
                    key_node,
                    f"key {self.source(key_node)!r} {read_as}, expected a string;"
                    " quote it if it is text",
                )
                continue
            key = key_node.value
            if key in first_seen:
                line = self.position(self.span(first_seen[key])[0]).line
                self.problem(key_node, f"duplicate key {key!r} (first defined on line {line})")
                continue
            first_seen[key] = key_node
            self.record((*path, key), key_node, value_node)
            result[key] = self.convert(value_node, (*path, key))
        for source in merged:
            if not isinstance(source, yaml.MappingNode):
                self.problem(source, "a merge key ('<<') must refer to a mapping")
                continue
            for key_node, value_node in source.value:
                key = str(key_node.value)
                if key not in result:
                    self.record((*path, key), key_node, value_node)
                    result[key] = self.convert(value_node, (*path, key))
        return result


def _is_recursive(root: yaml.MappingNode, field: str | int) -> bool:
    """Whether the value of top-level ``field`` holds itself (``a: &a [*a]``).

    Only asked once the depth bound is hit, so it costs nothing on valid front matter; the
    walk visits each node once.
    """
    value = next((v for k, v in root.value if getattr(k, "value", None) == field), None)
    if value is None:
        return False
    # Depth-first, iteratively: a node met again while still on the path is a cycle.
    on_path: set[int] = set()
    done: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(value, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            on_path.discard(id(node))
            done.add(id(node))
            continue
        if id(node) in on_path:
            return True
        if id(node) in done or isinstance(node, yaml.ScalarNode):
            continue
        on_path.add(id(node))
        stack.append((node, True))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((item, False) for item in node.value)
        else:
            stack.extend((part, False) for pair in node.value for part in pair)
    return False


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def _mark_offset(error: yaml.MarkedYAMLError) -> int:
    mark = error.problem_mark or error.context_mark
    return mark.index if mark is not None else 0


def _describe(error: yaml.YAMLError) -> str:
    if isinstance(error, yaml.MarkedYAMLError):
        parts = [part for part in (error.context, error.problem) if part]
        return "YAML does not parse: " + ", ".join(parts) if parts else "YAML does not parse"
    return f"YAML does not parse: {error}"


def load_yaml(text: str, *, base: int, position: Callable[[int], Position]) -> LoadedYaml:
    """Compose ``text`` (which starts at offset ``base`` of the file) into data and spans."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        offset = base + (_mark_offset(error) if isinstance(error, yaml.MarkedYAMLError) else 0)
        return LoadedYaml(None, {}, (YamlProblem(offset, offset, _describe(error)),))
    except RecursionError:
        return LoadedYaml(None, {}, (YamlProblem(base, base, "YAML is nested too deeply"),))
    if root is None:  # an empty block is an empty mapping, as Jekyll and Hexo read it
        return LoadedYaml({}, {}, ())
    converter = _Converter(text, base, position)
    if not isinstance(root, yaml.MappingNode) or root.tag != _TAG + "map":
        kind = {yaml.ScalarNode: "a single value", yaml.SequenceNode: "a list"}.get(
            type(root), "not a mapping"
        )
        converter.problem(root, f"front matter must be a mapping of keys to values, found {kind}")
        return LoadedYaml(None, {}, tuple(converter.problems))
    try:
        data = converter.convert(root, ())
    except _TooComplex as error:
        # Reported at the top-level field that explodes (its key was recorded before its
        # value was converted), not deep inside an anchored value elsewhere.
        top = converter.spans.get(error.path[:1])
        if top is not None:
            start, end = top.key_start, top.value_end
            while end > start and text[end - 1 - base] in " \t\r\n":
                end -= 1
            message = str(error).format(field=repr(error.path[0]))
            if len(error.path) > MAX_DEPTH and _is_recursive(root, error.path[0]):
                message = (
                    f"field {error.path[0]!r} contains itself through a YAML alias ('*name'):"
                    " a recursive alias"
                )
        else:  # pragma: no cover - the root itself is never too deep or too many
            start, end = converter.span(error.node)
            message = str(error).format(field="(root)")
        return LoadedYaml(None, {}, (YamlProblem(start, end, message),))
    return LoadedYaml(data, converter.spans, tuple(converter.problems))
