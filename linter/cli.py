"""The ``artlint`` command line.

Only argparse is imported at start-up; the engine and its libraries load when there is
something to lint, so ``artlint --version`` and ``--help`` stay fast.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from artlint import __version__

EXIT_ERROR = 2
#: The --output-format names (artlint.reporters.FORMATS; kept here so that --help and
#: argument parsing import nothing heavy; a test checks that they agree).
OUTPUT_FORMATS = ("text", "json", "json-lines", "sarif", "github", "junit", "gitlab")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value!r}")
    return number


def _has_libyaml() -> bool:
    """Whether PyYAML's libyaml binding is installed, found without importing PyYAML."""
    import importlib.util

    spec = importlib.util.find_spec("yaml")
    if spec is None or not spec.submodule_search_locations:
        return False
    return any(
        Path(folder, name).name.startswith("_yaml.")
        for folder in spec.submodule_search_locations
        for name in os.listdir(folder)
    )


class _Version(argparse.Action):
    """``--version``, with a note when PyYAML lacks libyaml (parsing is 20 times slower).

    Worked out only when asked for, and without importing PyYAML.
    """

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        text = f"artlint {__version__}\n"
        if not _has_libyaml():
            text += "note: PyYAML has no libyaml here; front matter parsing runs in pure Python\n"
        sys.stdout.write(text)
        parser.exit()


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
        help="files or directories to lint (default: the current directory); "
        "'-' reads one article from standard input",
    )
    parser.add_argument(
        "--output-format",
        choices=OUTPUT_FORMATS,
        default=None,
        help="how to report violations (default: the config's output-format, else text)",
    )
    parser.add_argument(
        "-o",
        "--output-file",
        type=Path,
        metavar="PATH",
        help="write the report to this file instead of standard output",
    )
    parser.add_argument(
        "--statistics",
        action="store_true",
        help="print the number of violations per rule (and how many are fixable) instead",
    )
    parser.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when violations are found (2 still means an error)",
    )
    parser.add_argument(
        "--exit-non-zero-on-fix",
        action="store_true",
        help="with --fix, exit 1 when anything was fixed, even if nothing remains",
    )
    parser.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply exclude and .gitignore to files named on the command line too "
        "(as pre-commit passes them)",
    )
    parser.add_argument(
        "--stdin-filename",
        type=Path,
        metavar="PATH",
        help="with PATH '-': the name of the article read from standard input "
        "(reported, and used to find its config)",
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
    parser.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        metavar="N",
        help="lint in N processes (default: the config's jobs, else one per core)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the result cache",
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        metavar="PATH",
        help="where to keep the result cache (default: .artlint_cache beside the config)",
    )
    parser.add_argument("--version", action=_Version)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; an interruption (SIGINT, SIGTERM) ends it with a one-line
    message and the status shells expect (130, 143), with no traceback: by then every
    file is whole, old or fixed, and no temporary file is left (see artlint.signals)."""
    from artlint import signals

    try:
        with signals.main_signals():
            return _main(argv)
    except KeyboardInterrupt as interruption:
        return _interrupted(interruption)
    except BaseException:
        # The interruption, wrapped in another exception: a RuntimeError from
        # ``__set_name__``, a PanicException from a Rust extension being imported.
        wrapped = signals.pending()
        if isinstance(wrapped, KeyboardInterrupt):
            return _interrupted(wrapped)
        raise


def _interrupted(interruption: KeyboardInterrupt) -> int:
    from artlint import signals

    signals.clear_pending()
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    with contextlib.suppress(OSError, ValueError):
        name = signals.signal_name(interruption)
        message = "files not reached yet were left as they were"
        print(f"artlint: interrupted ({name}); {message}", file=sys.stderr)
    return signals.exit_status(interruption)


def _main(argv: Sequence[str] | None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    from artlint.commands import SUBCOMMANDS

    if arguments and arguments[0] in SUBCOMMANDS:
        import importlib

        command = importlib.import_module(SUBCOMMANDS[arguments[0]])
        exit_code: int = command.run(arguments[1:])
        return exit_code
    args = build_parser().parse_args(arguments)
    from artlint.commands.check import run_check

    return run_check(args)
