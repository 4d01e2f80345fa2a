"""``artlint [PATH...]``: lint (or ``--fix``, ``--diff``) files or standard input, and report.

The options are parsed by :mod:`artlint.cli`; this module resolves the configuration, runs
the files, picks the reporter and the exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from artlint.config import ConfigError
from artlint.project import Overrides, ProjectConfig, Resolver
from artlint.registry import UnknownRuleError, check_selectors
from artlint.report import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_VIOLATIONS,
    Detail,
    FileReport,
    Report,
    ReportStream,
)
from artlint.runner import AboveProgress

if TYPE_CHECKING:
    from artlint.violation import Violation

STDIN = "-"


def _overrides(args: argparse.Namespace) -> Overrides:
    return Overrides(
        config=args.config,
        isolated=args.isolated,
        select=tuple(args.select) or None,
        extend_select=tuple(args.extend_select),
        ignore=tuple(args.ignore),
        packs=tuple(args.pack),
        unsafe_fixes=True if args.unsafe_fixes else None,
        output_format=args.output_format,
    )


def _error(message: object) -> int:
    print(f"artlint: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def run_check(args: argparse.Namespace) -> int:
    # Linting allocates many short-lived objects and few cycles: collect young objects less
    # often than CPython's default of every 700 allocations (cycles are still freed).
    gc.set_threshold(20_000, 50, 100)
    resolver = Resolver(_overrides(args))
    reading_stdin = args.paths == [STDIN]
    if STDIN in args.paths and not reading_stdin:
        return _error("'-' (standard input) cannot be mixed with other paths")
    if args.stdin_filename is not None and not reading_stdin:
        return _error("--stdin-filename needs the path '-'")
    try:
        # The plugins of the working directory's config (or --config) come first, so that
        # --select and --ignore may name their rules.
        resolver.load_plugins_for(Path.cwd())
        check_selectors(args.select + args.extend_select + args.ignore)
        project = resolver.for_folder(Path.cwd())
        if args.pack:  # the config's packs were checked when it was read
            _check_packs(args.pack)
        if reading_stdin:
            return _run_stdin(args, resolver, project)
        report = _run_paths(args, resolver, project)
    except (ConfigError, UnknownRuleError) as error:
        return _error(error)
    # The files are linted while the report is written.
    with _output(args.output_file) as stream:
        if args.diff:
            from artlint.reporters.diff import write_diff

            return _exit(args, report, write_diff(report, stream, sys.stderr))
        _write_report(args, project, report, stream)
    return _exit(args, report, report.exit_code)


def _check_packs(packs: list[Path]) -> None:
    """``--pack`` files must load now: one clear error, not an AL900 per file."""
    from artlint.packs import PackError, load_packs

    try:
        load_packs(tuple(packs))
    except PackError as error:
        raise ConfigError(str(error)) from None


def _run_paths(
    args: argparse.Namespace, resolver: Resolver, project: ProjectConfig
) -> ReportStream:
    from artlint.api import fix_stream, lint_stream
    from artlint.cache import DEFAULT_DIR
    from artlint.runner import default_jobs

    paths = args.paths or ["."]
    force = args.force_exclude
    jobs = args.jobs or project.jobs or default_jobs()
    if args.diff:
        return fix_stream(paths, resolver=resolver, write=False, force_exclude=force, jobs=jobs)
    if args.fix:
        return fix_stream(paths, resolver=resolver, force_exclude=force, jobs=jobs)
    cache_dir = None
    if not args.no_cache:
        cache_dir = args.cache_dir or project.cache_dir or project.root / DEFAULT_DIR
    return lint_stream(
        paths,
        resolver=resolver,
        force_exclude=force,
        jobs=jobs,
        cache_dir=cache_dir,
        detail=_detail(args, project),
    )


def _detail(args: argparse.Namespace, project: ProjectConfig) -> Detail:
    """What the report will read of each file: the less, the less the cache decodes."""
    from artlint.reporters.text import use_colour

    if args.statistics:
        return Detail.ROWS
    if project.output_format != "text":
        return Detail.FULL
    coloured = args.output_file is None and use_colour(sys.stdout)
    return Detail.ROWS if coloured else Detail.TEXT


def _run_stdin(args: argparse.Namespace, resolver: Resolver, project: ProjectConfig) -> int:
    """Lint standard input as ``--stdin-filename``; with --fix the fixed text goes to stdout."""
    from artlint.discovery import is_excluded
    from artlint.engine import lint_bytes
    from artlint.fixer import fix_source
    from artlint.source import Source, UndecodableError

    data = sys.stdin.buffer.read()
    name: Path = args.stdin_filename or Path(STDIN)
    display = name.as_posix()
    config = resolver.for_file(name) if args.stdin_filename else project
    settings = config.settings_for(name)
    fixing = args.fix or args.diff
    if args.force_exclude and args.stdin_filename and is_excluded(name, resolver):
        if args.fix:
            sys.stdout.buffer.write(data)  # pass the text through untouched
        return EXIT_CLEAN
    if not fixing:
        report = _single(display, lint_bytes(data, display, settings))
        with _output(args.output_file) as stream:
            _write_report(args, config, report, stream)
        return _exit(args, report, report.exit_code)
    try:
        source = Source.from_bytes(data)
    except UndecodableError:
        if args.fix:
            sys.stdout.buffer.write(data)
        report = _single(display, lint_bytes(data, display, settings))
        _write_report(args, config, report, sys.stderr)
        return _exit(args, report, report.exit_code)
    outcome = fix_source(source, display, settings, unsafe=settings.unsafe_fixes)
    file = FileReport(
        path=display,
        violations=outcome.remaining,
        fixed=outcome.fixed,
        original_text=source.text,
        fixed_text=outcome.text,
    )
    report = Report(files=(file,), fixing=True).stream()
    if args.diff:
        from artlint.reporters.diff import write_diff

        return _exit(args, report, write_diff(report, sys.stdout, sys.stderr))
    sys.stdout.buffer.write(source.to_bytes(outcome.text))
    sys.stdout.flush()
    # The fixed text owns standard output: the report goes to stderr (or --output-file).
    with _output(args.output_file, default=sys.stderr) as stream:
        _write_report(args, config, report, stream)
    return _exit(args, report, report.exit_code)


def _single(display: str, violations: Iterable[Violation]) -> ReportStream:
    return Report(files=(FileReport(display, violations),)).stream()


def _write_report(
    args: argparse.Namespace, project: ProjectConfig, report: ReportStream, stream: TextIO
) -> None:
    from artlint.reporters import get_reporter

    if args.statistics:
        from artlint.reporters.statistics import write_statistics

        write_statistics(report, stream, as_json=project.output_format == "json")
        return
    get_reporter(project.output_format)(report, stream)


def _exit(args: argparse.Namespace, report: ReportStream, code: int) -> int:
    if code == EXIT_ERROR:
        return code
    if args.exit_non_zero_on_fix and args.fix and report.fixed:
        return EXIT_VIOLATIONS
    if args.exit_zero:
        return EXIT_CLEAN
    return code


@contextlib.contextmanager
def _output(path: Path | None, default: TextIO | None = None) -> Iterator[TextIO]:
    """The report's stream: ``--output-file`` (created, written as the files are linted,
    closed) or stdout.

    A reader that goes away early (`artlint posts/ | head`) ends the output quietly, as
    cat and grep do.  On a terminal, the report's lines go above the progress bar.
    """
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as file:
            yield file
        return
    stream: TextIO = default or sys.stdout
    try:
        yield cast(TextIO, AboveProgress(stream)) if stream.isatty() else stream
        stream.flush()
    except BrokenPipeError:
        # Python would otherwise complain again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
