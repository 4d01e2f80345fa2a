"""The ``artlint`` command line.

Only argparse is imported at start-up; the engine and its libraries load when there is
something to lint, so ``artlint --version`` and ``--help`` stay fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from artlint import __version__

EXIT_ERROR = 2


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="artlint",
        description="Lint article files: YAML front matter and HTML body.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or directories to lint (default: the current directory)",
    )
    parser.add_argument(
        "--output-format",
        choices=("text", "json"),
        default=None,
        help="how to report violations (default: the config's output-format, else text)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help="use this configuration file for every file (artlint.toml or pyproject.toml)",
    )
    parser.add_argument(
        "--isolated",
        action="store_true",
        help="ignore all configuration files",
    )
    parser.add_argument(
        "--select",
        type=_codes,
        action="extend",
        default=[],
        metavar="CODES",
        help="comma-separated rule codes, prefixes or names to run (default: all default rules)",
    )
    parser.add_argument(
        "--extend-select",
        type=_codes,
        action="extend",
        default=[],
        metavar="CODES",
        help="comma-separated rules to run in addition to the selected ones",
    )
    parser.add_argument(
        "--ignore",
        type=_codes,
        action="extend",
        default=[],
        metavar="CODES",
        help="comma-separated rule codes, prefixes or names not to run",
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="apply safe fixes in place, then report what remains",
    )
    parser.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also apply fixes marked unsafe",
    )
    parser.add_argument(
        "--diff",
        action="store_true",
        help="print a unified diff of what --fix would change; write nothing",
    )
    parser.add_argument(
        "--pack",
        type=Path,
        action="append",
        default=[],
        metavar="PATH",
        help="load a rule pack (TOML) after the built-in ones; repeatable",
    )
    parser.add_argument("--version", action="version", version=f"artlint {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    from artlint.commands import SUBCOMMANDS

    if arguments and arguments[0] in SUBCOMMANDS:
        import importlib

        command = importlib.import_module(SUBCOMMANDS[arguments[0]])
        exit_code: int = command.run(arguments[1:])
        return exit_code
    args = build_parser().parse_args(arguments)
    from artlint.api import fix_paths, lint_paths
    from artlint.config import ConfigError
    from artlint.packs import PackError, load_packs
    from artlint.project import Overrides, Resolver
    from artlint.registry import UnknownRuleError, check_selectors
    from artlint.reporters import get_reporter
    from artlint.schema import SchemaError

    overrides = Overrides(
        config=args.config,
        isolated=args.isolated,
        select=tuple(args.select) or None,
        extend_select=tuple(args.extend_select),
        ignore=tuple(args.ignore),
        packs=tuple(args.pack),
        unsafe_fixes=True if args.unsafe_fixes else None,
        output_format=args.output_format,
    )
    paths = args.paths or ["."]
    resolver = Resolver(overrides)
    try:
        # The plugins of the working directory's config (or --config) come first, so that
        # --select and --ignore may name their rules.
        resolver.load_plugins_for(Path.cwd())
    except ConfigError as error:
        print(f"artlint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    try:
        check_selectors(args.select + args.extend_select + args.ignore)
    except UnknownRuleError as error:
        print(f"artlint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    try:
        project = resolver.for_folder(Path.cwd())
        load_packs(project.settings.packs)
        if args.diff:
            report = fix_paths(paths, resolver=resolver, write=False)
        elif args.fix:
            report = fix_paths(paths, resolver=resolver)
        else:
            report = lint_paths(paths, resolver=resolver)
    except (ConfigError, SchemaError, PackError) as error:
        print(f"artlint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    try:
        if args.diff:
            from artlint.reporters.diff import write_diff

            return write_diff(report, sys.stdout, sys.stderr)
        get_reporter(project.output_format)(report, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`artlint posts/ | head`): stop quietly, as cat and grep do.
        # Python would otherwise complain again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return report.exit_code
