"""Configuration files: `[tool.artlint]` in pyproject.toml, artlint.toml, .artlint.toml.

The keys follow ruff where ruff has one (``select``, ``extend-select``, ``ignore``,
``per-file-ignores``, ``fixable``, ``unfixable``, ``unsafe-fixes``, ``include``, ``exclude``,
``extend-exclude``, ``respect-gitignore``, ``output-format``) and add artlint's own
(``severity``, ``schema``, ``packs``, ``plugins``).  A file is validated by a pydantic model
with ``extra="forbid"``; any problem becomes one :class:`ConfigError` that names the file,
the key and what is wrong, with a "did you mean" for a misspelt key or rule.

Paths inside a config file (``schema``, ``packs``, ``extend``) are relative to that file's
folder; globs (``per-file-ignores``, ``include``, ``exclude``) are matched against paths
relative to it.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError
from pydantic_core import ErrorDetails

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

#: Config file names in the order they win when several sit in one folder.
CONFIG_NAMES = (".artlint.toml", "artlint.toml", "pyproject.toml")
#: The same names as artlint.reporters.FORMATS (a test keeps them equal).
OUTPUT_FORMATS = ("text", "json", "json-lines", "sarif", "github", "junit", "gitlab")


class ConfigError(ValueError):
    """A configuration that cannot be used; the message names file, key and problem."""


def _kebab(name: str) -> str:
    return name.rstrip("_").replace("_", "-")


class ConfigFile(BaseModel):
    """The keys of one config file, exactly as written (``None``: not set here)."""

    model_config = ConfigDict(extra="forbid", frozen=True, alias_generator=_kebab)

    extend: StrictStr | None = None
    select: tuple[StrictStr, ...] | None = None
    extend_select: tuple[StrictStr, ...] | None = None
    ignore: tuple[StrictStr, ...] | None = None
    per_file_ignores: dict[str, tuple[StrictStr, ...]] | None = None
    fixable: tuple[StrictStr, ...] | None = None
    unfixable: tuple[StrictStr, ...] | None = None
    unsafe_fixes: StrictBool | None = None
    include: tuple[StrictStr, ...] | None = None
    exclude: tuple[StrictStr, ...] | None = None
    extend_exclude: tuple[StrictStr, ...] | None = None
    respect_gitignore: StrictBool | None = None
    severity: dict[str, Literal["error", "warning"]] | None = None
    schema_: StrictStr | None = Field(default=None, alias="schema")
    packs: tuple[StrictStr, ...] | None = None
    plugins: tuple[StrictStr, ...] | None = None
    output_format: (
        Literal["text", "json", "json-lines", "sarif", "github", "junit", "gitlab"] | None
    ) = None
    jobs: Annotated[StrictInt, Field(ge=1)] | None = None
    cache_dir: StrictStr | None = None

    @classmethod
    def keys(cls) -> list[str]:
        return [field.alias or name for name, field in cls.model_fields.items()]


#: pydantic's error types in the words of a TOML file.
_PLAIN_MESSAGES = {
    "tuple_type": "must be a list",
    "list_type": "must be a list",
    "dict_type": "must be a table",
    "string_type": "must be a string",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
}


def error_location(error: ErrorDetails) -> str:
    """A pydantic error's location as a TOML reader writes it: ``select[0]``, ``a.b``."""
    parts: list[str] = []
    for item in error["loc"]:
        if isinstance(item, int):
            parts[-1] = f"{parts[-1]}[{item}]" if parts else f"[{item}]"
        else:
            parts.append(str(item))
    return ".".join(parts)


def _describe(error: ErrorDetails) -> tuple[str, str]:
    """The dotted key and a short message for one pydantic error."""
    location = [str(part) for part in error["loc"]]
    key = error_location(error)
    if error["type"] == "extra_forbidden":
        from artlint.registry import did_you_mean

        return key, "unknown key" + did_you_mean(location[-1], ConfigFile.keys())
    message = _PLAIN_MESSAGES.get(error["type"], error["msg"])
    if error["type"] == "literal_error":
        message = f"must be one of {error['ctx']['expected']}"
    given = error.get("input")
    if given is not None and not isinstance(given, dict | list):
        shown = str(given).lower() if isinstance(given, bool) else repr(given)
        message += f", got {shown}"
    return key, message


def read_table(path: Path) -> dict[str, Any] | None:
    """The artlint table of a config file; None for a pyproject.toml without one."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ConfigError(f"{path}: cannot read the configuration: {reason}") from None
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    if path.name == "pyproject.toml":
        table: object = data.get("tool", {}).get("artlint")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.artlint] must be a table")
        return table
    return data


def parse_table(table: dict[str, Any], path: Path) -> ConfigFile:
    """Validate one config table; ``path`` names it in the error."""
    try:
        return ConfigFile.model_validate(table)
    except ValidationError as error:
        key, message = _describe(error.errors()[0])
        prefix = "tool.artlint." if path.name == "pyproject.toml" else ""
        raise ConfigError(f"{path}: {prefix}{key}: {message}") from None


def has_config(path: Path) -> bool:
    """Whether ``path`` is a config file artlint reads (a pyproject.toml needs the table)."""
    if not path.is_file():
        return False
    if path.name != "pyproject.toml":
        return True
    try:
        text = path.read_text("utf-8", errors="replace")
    except OSError:
        return False
    if "artlint" not in text:  # the common case, without parsing the TOML
        return False
    # Any TOML spelling counts ([tool.artlint], tool.artlint.select = ..., an inline
    # table), and a comment that mentions the table does not.
    return read_table(path) is not None


def config_in(directory: Path) -> Path | None:
    """The config file in ``directory`` itself, if it has one."""
    for name in CONFIG_NAMES:
        candidate = directory / name
        if has_config(candidate):
            return candidate
    return None


def find_config(folder: Path) -> Path | None:
    """The config file that applies in ``folder``: the closest one in it or above it."""
    for directory in (folder, *folder.parents):
        candidate = config_in(directory)
        if candidate is not None:
            return candidate
    return None


#: Whether pathspec's normalize_file() would change separators here (not on POSIX).
_OTHER_SEPARATORS = os.sep != "/" or os.altsep not in (None, "/")
#: Paths that pathspec's normalize_file() changes on POSIX: left to pathspec itself.
_UNNORMALIZED = ("/", "./")
#: A named group of a pattern's regex (pathspec marks folder matches with one).
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _any_of(regexes: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One regex that finds a match where any of ``regexes`` does (None: cannot tell).

    Named groups become plain ones, since the alternatives would repeat their names; no
    pattern refers back to one, so what matches is unchanged."""
    if len({regex.flags for regex in regexes}) > 1:
        return None
    alternatives = [f"(?:{_NAMED_GROUP.sub('(?:', regex.pattern)})" for regex in regexes]
    try:
        return re.compile("|".join(alternatives) or "(?!)", regexes[0].flags if regexes else 0)
    except re.error:
        return None


class Globs:
    """Gitignore-style globs, answering exactly as pathspec's ``GitIgnoreSpec`` does.

    A run matches every file it walks against a few globs (``include``, ``exclude``,
    ``.gitignore``, ``per-file-ignores``), and ``GitIgnoreSpec.match_file`` costs about a
    microsecond a call, most of it bookkeeping for negated patterns.  When no pattern is
    negated (the usual case) the answer is simply whether any pattern's regex matches, so
    one regex made of them all answers instead; otherwise pathspec does.
    """

    __slots__ = ("_search", "spec")

    def __init__(self, lines: tuple[str, ...]) -> None:
        import pathspec
        from pathspec.pattern import RegexPattern

        self.spec: Any = pathspec.GitIgnoreSpec.from_lines(lines)
        active = [pattern for pattern in self.spec.patterns if pattern.include is not None]
        # RegexPattern.match_file() calls regex.match() in older pathspec releases and
        # regex.search() in newer ones: the same thing for a regex anchored with "^".
        regexes: list[re.Pattern[str]] = []
        for pattern in active:
            regex = pattern.regex if isinstance(pattern, RegexPattern) else None
            if (
                pattern.include is not True
                or regex is None
                or not isinstance(regex.pattern, str)
                or not regex.pattern.startswith("^")
            ):
                combined = None
                break
            regexes.append(regex)
        else:
            combined = None if _OTHER_SEPARATORS else _any_of(regexes)
        self._search = combined.search if combined is not None else None

    def check(self, path: str) -> bool | None:
        """``spec.check_file(path).include``: True if the last pattern that matches
        includes ``path``, False if it negates, None if no pattern matches."""
        search = self._search
        if search is None or path.startswith(_UNNORMALIZED):
            return self.spec.check_file(path).include  # type: ignore[no-any-return]
        return True if search(path) else None

    def match(self, path: str) -> bool:
        """``spec.match_file(path)``: whether the globs pick ``path``."""
        return bool(self.check(path))

    def checking(self, paths: list[str]) -> list[bool | None]:
        """:meth:`check` for each of ``paths``, in one call."""
        search = self._search
        if search is None:
            return [self.check(path) for path in paths]
        return [
            self.check(path) if path.startswith(_UNNORMALIZED) else True if search(path) else None
            for path in paths
        ]

    def matching(self, paths: list[str]) -> list[bool]:
        """:meth:`match` for each of ``paths``, in one call: a walk asks about every file
        of a folder at once, and this is most of the time a big walk takes."""
        search = self._search
        if search is None:
            return [self.match(path) for path in paths]
        return [
            self.match(path) if path.startswith(_UNNORMALIZED) else search(path) is not None
            for path in paths
        ]


@functools.lru_cache(maxsize=1024)
def globs(lines: tuple[str, ...]) -> Globs:
    """The compiled globs of ``lines``, shared by every config and folder that has them."""
    return Globs(lines)
