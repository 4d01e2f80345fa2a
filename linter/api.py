"""The library API: lint or fix text and paths from Python.

``lint_paths`` and ``fix_paths`` read configuration files like the command line does (the
closest ``artlint.toml``, ``.artlint.toml`` or ``pyproject.toml`` with ``[tool.artlint]``
above each file), unless ``settings`` are given: then those apply to every file and no
configuration file is read.  Plugins that a configuration names (or ``settings.plugins``)
are loaded before the files they apply to are linted; one that cannot be used raises
:class:`artlint.config.ConfigError` or, with explicit settings,
:class:`artlint.plugins.PluginError` (both are ValueErrors).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from artlint.article import Article
from artlint.discovery import discover, discover_settings
from artlint.project import Overrides, Resolver
from artlint.report import Detail, Report, ReportStream
from artlint.runner import Job
from artlint.settings import Settings
from artlint.source import Source
from artlint.violation import Violation


def lint_text(
    text: str, path: str = "<string>", *, settings: Settings | None = None
) -> list[Violation]:
    """Lint one article given as text; ``path`` is the name violations carry."""
    from artlint.engine import lint_article

    settings = settings or Settings()
    _register(settings)
    return lint_article(Article.parse(Source(text), path), settings)


def fix_text(
    text: str, path: str = "<string>", *, settings: Settings | None = None, unsafe: bool = False
) -> str:
    """``text`` with every safe fix applied (and unsafe ones with ``unsafe``)."""
    from artlint.fixer import fix_source

    settings = settings or Settings()
    _register(settings)
    unsafe = unsafe or settings.unsafe_fixes
    return fix_source(Source(text), path, settings, unsafe=unsafe).text


def _register(settings: Settings) -> None:
    """Load the plugins that ``settings`` name (a PluginError when one cannot be used)."""
    if settings.plugins:
        from artlint.registry import register_plugins

        register_plugins(settings.plugins)


def _jobs(
    paths: Iterable[str | os.PathLike[str]],
    settings: Settings | None,
    resolver: Resolver | None,
    force_exclude: bool = False,
) -> list[Job]:
    """The files to check, each with the settings that apply to it."""
    if settings is not None:
        _register(settings)
        return [Job(target.path, target.display, settings) for target in discover(paths)]
    resolver = resolver or Resolver(Overrides())
    found = discover_settings(paths, resolver, force_exclude=force_exclude)
    return [Job(path, display, settings) for path, display, settings in found]


def lint_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    settings: Settings | None = None,
    resolver: Resolver | None = None,
    force_exclude: bool = False,
    jobs: int = 1,
    cache_dir: Path | None = None,
) -> Report:
    """Lint files and directories (walked for ``*.md`` and ``*.markdown`` by default).

    ``jobs`` > 1 lints in that many processes; ``cache_dir`` keeps results for files whose
    content and settings did not change (see :mod:`artlint.cache`).
    """
    stream = lint_stream(
        paths,
        settings=settings,
        resolver=resolver,
        force_exclude=force_exclude,
        jobs=jobs,
        cache_dir=cache_dir,
    )
    return Report(files=tuple(stream))


def lint_stream(
    paths: Iterable[str | os.PathLike[str]],
    *,
    settings: Settings | None = None,
    resolver: Resolver | None = None,
    force_exclude: bool = False,
    jobs: int = 1,
    cache_dir: Path | None = None,
    detail: Detail = Detail.FULL,
) -> ReportStream:
    """As :func:`lint_paths`, but each file's report is handed over as soon as it is ready
    (in path order), and none is kept: memory stays flat however many files there are.

    The files and their configuration are resolved before this returns (so configuration
    errors are raised here); the linting happens while the stream is read.  ``detail``:
    what the reader needs of each report (see :class:`artlint.report.Detail`).
    """
    from artlint.runner import iter_lint

    work = _jobs(paths, settings, resolver, force_exclude)
    return ReportStream(iter_lint(work, workers=jobs, cache_dir=cache_dir, detail=detail))


def fix_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    settings: Settings | None = None,
    resolver: Resolver | None = None,
    unsafe: bool = False,
    write: bool = True,
    force_exclude: bool = False,
    jobs: int = 1,
) -> Report:
    """Fix files in place (``write=False``: only compute the fixes, as ``--diff`` does).

    ``jobs`` > 1 fixes in that many processes (each file is fixed by one of them).
    """
    stream = fix_stream(
        paths,
        settings=settings,
        resolver=resolver,
        unsafe=unsafe,
        write=write,
        force_exclude=force_exclude,
        jobs=jobs,
    )
    return Report(files=tuple(stream), fixing=True)


def fix_stream(
    paths: Iterable[str | os.PathLike[str]],
    *,
    settings: Settings | None = None,
    resolver: Resolver | None = None,
    unsafe: bool = False,
    write: bool = True,
    force_exclude: bool = False,
    jobs: int = 1,
) -> ReportStream:
    """As :func:`fix_paths`, each file fixed (and its report handed over) as the stream is
    read, in path order."""
    from artlint.runner import iter_fix

    work = _jobs(paths, settings, resolver, force_exclude)
    return ReportStream(iter_fix(work, workers=jobs, unsafe=unsafe, write=write), fixing=True)


__all__ = ["fix_paths", "fix_stream", "fix_text", "lint_paths", "lint_stream", "lint_text"]
