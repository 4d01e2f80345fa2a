"""Validate front matter against a JSON Schema and place each error in the file.

Loading and compiling a schema happens once per process and schema (``compiled_schema``);
jsonschema is imported only here, and only when a schema rule runs.

Each jsonschema error becomes a :class:`SchemaFinding` with the code of the rule that owns
it (FM100-FM104) and a span found by walking the error's JSON path through the YAML spans:

* ``required``: at the opening fence (or the key of the mapping that lacks the field);
* ``additionalProperties``: at each unexpected key;
* everything else: from the key to the end of its value (or the list item).

Messages show the text the author wrote, not the value YAML made of it, so
``date: 2021-05-27`` is reported as ``'2021-05-27'`` and ``title: yes`` as ``yes`` read as a
boolean.
"""

from __future__ import annotations

import functools
import json
import numbers
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from artlint.formats import RFC2822_EXAMPLE, InsecureImageUrl, format_checker
from artlint.frontmatter import FrontMatter
from artlint.yamldata import FieldSpan, JsonPath

if TYPE_CHECKING:
    from jsonschema import FormatChecker, ValidationError
    from jsonschema.protocols import Validator

DEFAULT_SCHEMA_NAME = "article.schema.json"
DEFAULT_SCHEMA_URI = "artlint://schemas/article.schema.json"

REQUIRED_FIELD = "FM101"
DATE_FORMAT = "FM102"
IMAGE_URL = "FM103"
IMAGE_URL_INSECURE = "FM104"
OTHER = "FM100"

#: The longest rendering of a list or mapping in a message.
_SHOWN_LENGTH = 80
_EMPTY_KEYWORDS = frozenset({"type", "minLength", "pattern", "minItems", "minProperties"})
_YAML_TYPE_NAMES = {
    "boolean": "a boolean",
    "integer": "a number",
    "number": "a number",
    "null": "empty (null)",
    "timestamp": "a timestamp",
    "mapping": "a mapping",
    "sequence": "a list",
    "string": "a string",
}


class SchemaError(Exception):
    """The schema file cannot be read or is not a valid JSON Schema."""


@dataclass(frozen=True, slots=True)
class SchemaFinding:
    code: str
    start: int
    end: int
    message: str


def read_default_schema() -> dict[str, Any]:
    text = resources.files("artlint.schemas").joinpath(DEFAULT_SCHEMA_NAME).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _read_schema(path: Path | None) -> dict[str, Any]:
    if path is None:
        return read_default_schema()
    try:
        loaded = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise SchemaError(f"{path}: cannot read schema: {error}") from None
    except json.JSONDecodeError as error:
        raise SchemaError(
            f"{path}:{error.lineno}:{error.colno}: schema is not valid JSON: {error.msg}"
        ) from None
    if not isinstance(loaded, dict):
        raise SchemaError(f"{path}: a JSON Schema must be an object")
    return loaded


@functools.lru_cache(maxsize=8)
def compiled_schema(path: Path | None = None) -> Validator:
    """A validator for the schema at ``path`` (the shipped default when None)."""
    from jsonschema import exceptions, validators
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    schema = _read_schema(path)
    default = Resource.from_contents(read_default_schema(), default_specification=DRAFT202012)
    if path is None:
        # Following "$ref" through the registry is a third of the validation time; the
        # shipped schema's refs are local and not recursive, so they are written in place.
        schema = _inline_local_refs(schema, schema)
    registry: Registry[Any] = Registry().with_resource(DEFAULT_SCHEMA_URI, default)
    cls = validators.validator_for(schema, default=validators.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except exceptions.SchemaError as error:
        where = "/".join(str(part) for part in error.absolute_path) or "(root)"
        raise SchemaError(f"{path}: not a valid JSON Schema at {where}: {error.message}") from None
    return cls(schema, registry=registry, format_checker=format_checker())


#: A compiled validity test: whether an instance is valid (no error at all).
QuickCheck = Callable[[Any], bool]


class _NotModelled(Exception):
    """The schema uses a keyword :func:`quick_check` does not model."""


@functools.lru_cache(maxsize=8)
def quick_check(path: Path | None = None) -> QuickCheck | None:
    """A fast ``is_valid`` for the schema at ``path``, or None when it cannot be made.

    Most front matter is valid, and jsonschema takes 70 us to say so for the shipped schema
    (a validator object, a generator and a dict look-up per keyword and per value); this
    test, compiled once into closures, takes a few.  A valid document has no findings, so
    only the others go to jsonschema.  It models the Draft 2020-12 keywords below exactly as
    jsonschema 4 does (the same type checker and format checker; tests/test_schema_quick.py
    compares them), and any other keyword that jsonschema would apply ("$ref" among them)
    means no quick test at all.
    """
    validator = compiled_schema(path)
    from jsonschema import validators

    if (
        type(validator) is not validators.Draft202012Validator
        or validator.TYPE_CHECKER is not validators.Draft202012Validator.TYPE_CHECKER
    ):
        return None
    try:
        return _Compiler(validator).compile(validator.schema)
    except _NotModelled:
        return None


#: Draft 2020-12's types (jsonschema's draft202012_type_checker: an integer may be a float
#: with no fraction, a boolean is neither an integer nor a number).
_TYPES: dict[str, QuickCheck] = {
    "array": lambda instance: isinstance(instance, list),
    "boolean": lambda instance: isinstance(instance, bool),
    "integer": lambda instance: (
        (isinstance(instance, int) and not isinstance(instance, bool))
        or (isinstance(instance, float) and instance.is_integer())
    ),
    "null": lambda instance: instance is None,
    "number": lambda instance: (
        isinstance(instance, numbers.Number) and not isinstance(instance, bool)
    ),
    "object": lambda instance: isinstance(instance, dict),
    "string": lambda instance: isinstance(instance, str),
}


class _Compiler:
    def __init__(self, validator: Validator) -> None:
        self.keywords = validator.VALIDATORS
        self.format_checker: FormatChecker | None = getattr(validator, "format_checker", None)

    def compile(self, schema: Any) -> QuickCheck:
        if schema is True:
            return lambda instance: True
        if schema is False:
            return lambda instance: False
        if not isinstance(schema, dict):
            raise _NotModelled(repr(schema))
        checks = [
            self.keyword(keyword, value, schema)
            for keyword, value in schema.items()
            if keyword in self.keywords  # jsonschema ignores the others
        ]
        if len(checks) == 1:
            return checks[0]

        def every(instance: Any) -> bool:
            # A loop, not all() of a generator: a third of the time, on the hot path.
            for check in checks:  # noqa: SIM110
                if not check(instance):
                    return False
            return True

        return every

    def keyword(self, keyword: str, value: Any, schema: dict[str, Any]) -> QuickCheck:
        if keyword == "type":
            names = [value] if isinstance(value, str) else value
            if not all(isinstance(name, str) and name in _TYPES for name in names):
                raise _NotModelled(keyword)  # jsonschema raises UnknownType: let it
            if len(names) == 1:
                return _TYPES[names[0]]
            tests = [_TYPES[name] for name in names]
            return lambda instance: any(test(instance) for test in tests)
        if keyword == "required":
            required = list(value)
            return lambda instance: (
                not isinstance(instance, dict) or all(name in instance for name in required)
            )
        if keyword == "properties":
            properties = [(name, self.compile(sub)) for name, sub in value.items()]

            def each_property(instance: Any) -> bool:
                if isinstance(instance, dict):
                    for name, check in properties:
                        if name in instance and not check(instance[name]):
                            return False
                return True

            return each_property
        if keyword in ("anyOf", "allOf"):
            branches = [self.compile(sub) for sub in value]
            combine = any if keyword == "anyOf" else all
            return lambda instance: combine(check(instance) for check in branches)
        if keyword == "items" and "prefixItems" not in schema:
            each = self.compile(value)
            return lambda instance: not isinstance(instance, list) or all(map(each, instance))
        if keyword == "minLength":
            return lambda instance: not isinstance(instance, str) or len(instance) >= value
        if keyword == "pattern":
            search = re.compile(value).search
            return lambda instance: not isinstance(instance, str) or search(instance) is not None
        if keyword == "format":
            checker = self.format_checker
            if checker is None:
                return lambda instance: True
            return lambda instance: checker.conforms(instance, value)
        raise _NotModelled(keyword)


def _inline_local_refs(node: Any, root: dict[str, Any], depth: int = 0) -> Any:
    """``node`` with every ``{"$ref": "#/..."}`` replaced by what it points at."""
    if depth > 20:
        raise ValueError("recursive $ref in the shipped schema")
    if isinstance(node, list):
        return [_inline_local_refs(item, root, depth) for item in node]
    if not isinstance(node, dict):
        return node
    reference = node.get("$ref")
    if isinstance(reference, str) and reference.startswith("#/") and len(node) == 1:
        target: Any = root
        for part in reference[2:].split("/"):
            target = target[part]
        return _inline_local_refs(target, root, depth + 1)
    return {key: _inline_local_refs(value, root, depth) for key, value in node.items()}


def _dotted(path: JsonPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "front matter"


def _shown(span: FieldSpan | None, value: Any) -> str:
    """The value as the author wrote it."""
    if span is not None and span.yaml_type not in ("mapping", "sequence"):
        return repr(span.text)
    shown = json.dumps(value, ensure_ascii=False, default=str)
    # A collection is shown whole only when short: aliases can make it thousands of values.
    return shown if len(shown) <= _SHOWN_LENGTH else shown[: _SHOWN_LENGTH - 3] + "..."


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | dict) and not value


def _without(data: Any, path: JsonPath) -> Any:
    """A copy of ``data`` with the entry at ``path`` removed (structure shared elsewhere)."""
    head, *rest = path
    if isinstance(data, dict):
        if not rest:
            return {key: value for key, value in data.items() if key != head}
        return {**data, head: _without(data[head], tuple(rest))}
    copy = list(data)
    assert isinstance(head, int)
    copy[head] = _without(copy[head], tuple(rest))
    return copy


def _closest_branch(errors: Iterable[ValidationError]) -> list[ValidationError]:
    """The errors of the anyOf/oneOf branch the value came closest to matching.

    jsonschema's ``best_match`` prefers errors high in the instance, so for ``cover: {image:
    /logo.svg}`` it blames the "must be a string" branch.  A branch whose ``type`` the value
    already has is the one the author meant; among those, the one with fewest errors.
    """
    branches: dict[Any, list[ValidationError]] = {}
    for error in errors:
        branch = error.relative_schema_path[0] if error.relative_schema_path else None
        branches.setdefault(branch, []).append(error)

    def distance(branch_errors: list[ValidationError]) -> tuple[bool, int]:
        wrong_type = any(
            error.validator == "type" and not error.relative_path for error in branch_errors
        )
        return wrong_type, len(branch_errors)

    return min(branches.values(), key=distance)


class _Placer:
    """Turns jsonschema errors into findings placed in the file."""

    def __init__(self, front_matter: FrontMatter, validator: Validator, text: str) -> None:
        self.front_matter = front_matter
        self.validator = validator
        self.text = text
        self.data = front_matter.data

    def span_of(self, path: JsonPath) -> tuple[int, int]:
        while path:
            span = self.front_matter.spans.get(path)
            if span is not None:
                end = span.value_end
                while end > span.start and self.text[end - 1] in " \t\r\n":
                    end -= 1
                return span.start, end
            path = path[:-1]
        return self.front_matter.open_start, self.front_matter.open_end

    def key_span(self, path: JsonPath) -> tuple[int, int]:
        span = self.front_matter.spans.get(path)
        if span is None or span.key_start < 0:
            return self.span_of(path)
        return span.key_start, span.key_end

    def finding(self, code: str, path: JsonPath, message: str) -> SchemaFinding:
        start, end = self.span_of(path)
        return SchemaFinding(code, start, end, message)

    def is_required(self, path: JsonPath) -> bool:
        """Whether the schema requires the field at ``path`` (checked by removing it)."""
        if not path or not isinstance(path[-1], str):
            return False
        trimmed = _without(self.data, path)
        return any(
            error.validator == "required"
            and tuple(error.absolute_path) == path[:-1]
            and isinstance(error.validator_value, list)
            and path[-1] in error.validator_value
            for error in self.validator.iter_errors(trimmed)
        )

    def place(self, error: ValidationError) -> Iterator[SchemaFinding]:
        if error.context:
            for branch_error in _closest_branch(error.context):
                yield from self.place(branch_error)
            return
        path = tuple(error.absolute_path)
        span = self.front_matter.spans.get(path)
        keyword = error.validator
        schema = error.schema if isinstance(error.schema, dict) else {}
        value_format = schema.get("format")
        if keyword == "required":
            yield from self.place_required(error, path)
        elif keyword == "additionalProperties" and isinstance(error.instance, dict):
            yield from self.place_additional(error.instance, schema, path)
        elif keyword in _EMPTY_KEYWORDS and _is_empty(error.instance) and self.is_required(path):
            yield self.finding(REQUIRED_FIELD, path, f"required field {_dotted(path)!r} is empty")
        elif value_format == "rfc2822":
            shown = _shown(span, error.instance)
            reason = f": {error.cause}" if error.cause else f" ({self.typed_as(span)})"
            yield self.finding(
                DATE_FORMAT,
                path,
                f"{_dotted(path)}: {shown} is not an RFC 2822 date{reason}"
                f" (e.g. {RFC2822_EXAMPLE!r})",
            )
        elif value_format == "image-url":
            shown = _shown(span, error.instance)
            if isinstance(error.cause, InsecureImageUrl):
                yield self.finding(
                    IMAGE_URL_INSECURE, path, f"{_dotted(path)}: {shown} {error.cause}"
                )
            else:
                reason = str(error.cause) if error.cause else self.typed_as(span)
                yield self.finding(
                    IMAGE_URL, path, f"{_dotted(path)}: {shown} is not a valid image URL: {reason}"
                )
        elif keyword == "type" and span is not None:
            expected = error.validator_value
            expected_text = " or ".join(expected) if isinstance(expected, list) else expected
            if error.instance is None and not span.text:
                message = f"{_dotted(path)}: is empty, expected {expected_text}"
            else:
                hint = (
                    "; quote it if it is text" if span.yaml_type != "string" and span.text else ""
                )
                message = (
                    f"{_dotted(path)}: {_shown(span, error.instance)} is {self.typed_as(span)},"
                    f" expected {expected_text}{hint}"
                )
            yield self.finding(OTHER, path, message)
        else:
            yield self.finding(OTHER, path, f"{_dotted(path)}: {error.message}")

    def typed_as(self, span: FieldSpan | None) -> str:
        if span is None:
            return "not a string"
        name = _YAML_TYPE_NAMES.get(span.yaml_type, span.yaml_type)
        return name if span.yaml_type in ("mapping", "sequence") else f"read by YAML as {name}"

    def place_required(self, error: ValidationError, path: JsonPath) -> Iterator[SchemaFinding]:
        # jsonschema yields one error per missing name, all with the same list: the caller
        # drops the repeats.
        if not isinstance(error.instance, dict) or not isinstance(error.validator_value, list):
            return
        for name in error.validator_value:
            if name in error.instance:
                continue
            if path:
                start, end = self.key_span(path)
            else:
                start, end = self.front_matter.open_start, self.front_matter.open_end
            where = f" in {_dotted(path)}" if path else ""
            yield SchemaFinding(
                REQUIRED_FIELD, start, end, f"required field {name!r} is missing{where}"
            )

    def place_additional(
        self, instance: dict[str, Any], schema: dict[str, Any], path: JsonPath
    ) -> Iterator[SchemaFinding]:
        known = schema.get("properties", {})
        patterns = schema.get("patternProperties", {})
        for key in instance:
            if key in known or any(re.search(pattern, key) for pattern in patterns):
                continue
            start, end = self.key_span((*path, key))
            yield SchemaFinding(
                OTHER, start, end, f"{_dotted((*path, key))}: unexpected field {key!r}"
            )


def _under_any(path: JsonPath, prefixes: list[JsonPath]) -> bool:
    return any(path[: len(prefix)] == prefix for prefix in prefixes)


def check_front_matter(
    front_matter: FrontMatter, text: str, *, schema_path: Path | None = None
) -> tuple[SchemaFinding, ...]:
    """Every schema problem of a parsed front matter block, placed in the file."""
    if front_matter.data is None:
        return ()
    quick = quick_check(schema_path)
    if quick is not None and quick(front_matter.data):
        return ()
    validator = compiled_schema(schema_path)
    placer = _Placer(front_matter, validator, text)
    findings: list[SchemaFinding] = []
    seen: set[tuple[str, int, int, str]] = set()
    # A value FM002 already reports (an unsupported tag, a placeholder) is not checked again.
    reported = [problem.path for problem in front_matter.problems if problem.path is not None]
    for error in validator.iter_errors(front_matter.data):
        if reported and _under_any(tuple(error.absolute_path), reported):
            continue
        for finding in placer.place(error):
            key = (finding.code, finding.start, finding.end, finding.message)
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    findings.sort(key=lambda finding: (finding.start, finding.code))
    return tuple(findings)
