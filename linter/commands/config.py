"""``artlint config [PATH]``: the resolved settings for a path, and where each came from.

The configuration that applies to PATH (a file or a folder; default: the working directory)
is resolved as a lint run would, with ``--config``, ``--isolated`` and the rule selections
of the command line.  Each key is shown with its value and its source: a config file,
``command line`` or ``default``.  A key that several files set is shown as it applies:
``select`` and most keys are the last one set, ``extend-select``, ``ignore`` and
``extend-exclude`` add up (their sources are listed in order), ``per-file-ignores`` and
``severity`` merge by pattern and selector.  Last come the rules that run there; for a file,
after the per-file-ignores that match it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from artlint.commands.output import write_stdout

if TYPE_CHECKING:
    from artlint.project import ProjectConfig

EXIT_ERROR = 2

#: Keys whose values add up along the chain and the command line (each layer applies its own).
ACCUMULATED = frozenset({"extend-select", "ignore", "extend-exclude"})
#: Keys whose tables merge by key (a later file replaces a pattern or selector it repeats).
MERGED = frozenset({"per-file-ignores", "severity"})
#: What an unset key means when no literal value says it; the JSON value is null.
UNSET = {
    "select": "(the rules on by default)",
    "fixable": "(all rules)",
    "schema": "(the built-in schema)",
    "jobs": "(one per core)",
    "cache-dir": "(.artlint_cache)",
}
DEFAULT = "default"
COMMENT_COLUMN_MAX = 60
"""Comments line up after the longest ``key = value`` up to this width."""
WIDTH = 100


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="artlint config",
        description=(
            "Print the settings that apply to PATH and where each came from (a config file,"
            " the command line or the default), then the rules that run there. For a file,"
            " the per-file-ignores that match it apply too."
        ),
        epilog=(
            "In JSON: {path, config, extends (nearest first), settings: {key: {value, source}},"
            " file-ignores, rules}; a value that is not set is null, and a source names"
            " several places, comma-separated, when they add up."
        ),
    )
    parser.add_argument(
        "path",
        nargs="?",
        default=".",
        metavar="PATH",
        help="a file or directory (default: the current directory)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help="use this configuration file (artlint.toml or pyproject.toml)",
    )
    parser.add_argument("--isolated", action="store_true", help="ignore all configuration files")
    for option, what in (
        ("--select", "rule codes, prefixes or names to run"),
        ("--extend-select", "rules to run in addition to the selected ones"),
        ("--ignore", "rule codes, prefixes or names not to run"),
    ):
        parser.add_argument(
            option,
            type=_codes,
            action="extend",
            default=[],
            metavar="CODES",
            help=f"comma-separated {what}, as for linting",
        )
    parser.add_argument(
        "--output-format",
        choices=("text", "json"),
        default="text",
        help="TOML-like lines, or a JSON object (default: text)",
    )
    return parser


def shown_path(path: Path | str) -> str:
    """A config file's path relative to the working directory when below it."""
    if not isinstance(path, Path):
        return path
    absolute = Path(os.path.normpath(path.absolute()))
    cwd = Path.cwd()
    for base in (cwd, cwd.resolve()):
        try:
            return absolute.relative_to(base).as_posix()
        except ValueError:
            pass
    return str(absolute)


@dataclass(frozen=True)
class Setting:
    """One key's resolved value (as written) and its sources, in the order applied."""

    value: Any
    sources: tuple[str, ...]

    @property
    def source(self) -> str:
        return ", ".join(self.sources)


def _plain(value: Any) -> Any:
    """Tuples as lists, recursively, for JSON and TOML-like output."""
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _defaults() -> dict[str, Any]:
    from artlint.project import DEFAULT_EXCLUDE, DEFAULT_INCLUDE

    return {
        "select": None,
        "extend-select": [],
        "ignore": [],
        "per-file-ignores": {},
        "fixable": None,
        "unfixable": [],
        "unsafe-fixes": False,
        "include": list(DEFAULT_INCLUDE),
        "exclude": list(DEFAULT_EXCLUDE),
        "extend-exclude": [],
        "respect-gitignore": True,
        "severity": {},
        "schema": None,
        "packs": [],
        "plugins": [],
        "output-format": "text",
        "jobs": None,
        "cache-dir": None,
    }


def resolve_settings(project: ProjectConfig) -> dict[str, Setting]:
    """Every key but ``extend``, in the order of :meth:`ConfigFile.keys`, with its sources."""
    from artlint.config import ConfigFile
    from artlint.project import COMMAND_LINE

    written = [
        (layer.config.model_dump(exclude_none=True, by_alias=True), shown_path(layer.path))
        for layer in project.chain
    ]
    defaults = _defaults()
    settings: dict[str, Setting] = {}
    keys = ConfigFile.keys()
    for key in keys:
        if key == "extend":
            continue
        steps = [(_plain(values[key]), source) for values, source in written if key in values]
        origin = project.origins.get(key)
        if origin is not None and origin[1] == COMMAND_LINE:
            steps.append((_plain(origin[0]), COMMAND_LINE))
        if not steps:
            settings[key] = Setting(defaults.get(key), (DEFAULT,))
        elif key in ACCUMULATED:
            items = [item for value, _ in steps for item in value]
            sources = [source for _, source in steps]
            settings[key] = Setting(list(dict.fromkeys(items)), tuple(dict.fromkeys(sources)))
        elif key in MERGED:
            merged: dict[str, Any] = {}
            owner: dict[str, str] = {}
            for value, source in steps:
                merged.update(value)
                owner.update(dict.fromkeys(value, source))
            sources = [source for _, source in steps if source in owner.values()]
            settings[key] = Setting(merged, tuple(dict.fromkeys(sources)))
        else:
            value, source = steps[-1]
            settings[key] = Setting(value, (source,))
    return settings


def pattern_sources(project: ProjectConfig) -> dict[str, str]:
    """Which file set each per-file-ignores pattern (the last one that names it)."""
    owner: dict[str, str] = {}
    for layer in project.chain:
        for pattern in layer.config.per_file_ignores or {}:
            owner[pattern] = shown_path(layer.path)
    return owner


def _toml_key(key: str) -> str:
    bare = key.replace("-", "").replace("_", "")
    return key if bare.isascii() and bare.isalnum() else json.dumps(key, ensure_ascii=False)


def toml_value(value: Any) -> str:
    """A value as TOML writes it inline: ``["FM", "HT"]``, ``true``, ``{"a/*" = ["FM"]}``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = (f"{_toml_key(key)} = {toml_value(item)}" for key, item in value.items())
        return "{" + ", ".join(pairs) + "}"
    return json.dumps(value, ensure_ascii=False)


def _aligned(rows: list[tuple[str, str]], indent: str = "") -> list[str]:
    """``text  # comment`` lines with the comments in one column (where lines allow)."""
    column = min(max(len(text) for text, _ in rows), COMMENT_COLUMN_MAX)
    return [f"{indent}{text:<{column}}  # {comment}" for text, comment in rows]


def render_text(
    project: ProjectConfig,
    settings: dict[str, Setting],
    file: tuple[str, tuple[tuple[str, tuple[str, ...]], ...]] | None,
    rules: list[str],
) -> str:
    lines: list[str] = []
    if project.path is None:
        lines.append("no configuration file: defaults")
    else:
        lines.append(f"configuration file: {shown_path(project.path)}")
        bases = [shown_path(layer.path) for layer in reversed(project.chain[:-1])]
        if bases:
            lines.append("extends: " + ", which extends ".join(bases))
    width = max(len(key) for key in settings)
    rows = []
    for key, setting in settings.items():
        value = UNSET.get(key, "null") if setting.value is None else toml_value(setting.value)
        rows.append((f"{key:<{width}} = {value}", setting.source))
    lines += _aligned(rows)
    if file is not None:
        path, matched = file
        if not matched:
            lines.append(f"per-file-ignores matching {path}: none")
        else:
            lines.append(f"per-file-ignores matching {path}:")
            owner = pattern_sources(project)
            lines += _aligned(
                [
                    (f"{_toml_key(pattern)} = {toml_value(list(codes))}", owner[pattern])
                    for pattern, codes in matched
                ],
                indent="  ",
            )
    lines.append(
        textwrap.fill(
            "rules: " + (" ".join(rules) or "none"),
            width=WIDTH,
            subsequent_indent=" " * len("rules: "),
            break_on_hyphens=False,
        )
    )
    return "\n".join(lines)


def render_json(
    path: str,
    project: ProjectConfig,
    settings: dict[str, Setting],
    file: tuple[str, tuple[tuple[str, tuple[str, ...]], ...]] | None,
    rules: list[str],
) -> str:
    owner = pattern_sources(project)
    document = {
        "path": path,
        "config": None if project.path is None else shown_path(project.path),
        "extends": [shown_path(layer.path) for layer in reversed(project.chain[:-1])],
        "settings": {
            key: {"value": setting.value, "source": setting.source}
            for key, setting in settings.items()
        },
        "file-ignores": None
        if file is None
        else {
            pattern: {"value": list(codes), "source": owner[pattern]} for pattern, codes in file[1]
        },
        "rules": rules,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def run(argv: list[str]) -> int:
    """Print the settings for the path in ``argv``; exit 2 when its configuration (or the
    command line's rule selection) cannot be used or the path does not exist."""
    args = build_parser().parse_args(argv)
    path = Path(args.path)
    if not path.exists():
        print(f"artlint: error: {args.path}: no such file or directory", file=sys.stderr)
        return EXIT_ERROR
    from artlint.config import ConfigError
    from artlint.project import Overrides, Resolver
    from artlint.registry import rules_for

    overrides = Overrides(
        config=args.config,
        isolated=args.isolated,
        select=tuple(args.select) or None,
        extend_select=tuple(args.extend_select),
        ignore=tuple(args.ignore),
    )
    try:
        resolver = Resolver(overrides)
        if path.is_file():
            project = resolver.for_file(path)
            file = (args.path, project.file_ignores(path))
            applied = project.settings_for(path)
        else:
            project = resolver.for_folder(path)
            file = None
            applied = project.settings
    except ConfigError as error:
        print(f"artlint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    settings = resolve_settings(project)
    rules = [rule.code for rule in rules_for(applied)]
    if args.output_format == "json":
        write_stdout(render_json(args.path, project, settings, file, rules))
    else:
        write_stdout(render_text(project, settings, file, rules))
    return 0
