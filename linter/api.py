"""The library API: lint text or paths from Python."""

from __future__ import annotations

import os
from collections.abc import Iterable

from artlint.article import Article
from artlint.discovery import discover
from artlint.engine import lint_article, lint_file
from artlint.report import FileReport, Report
from artlint.settings import Settings
from artlint.source import Source
from artlint.violation import Violation


def lint_text(
    text: str, path: str = "<string>", *, settings: Settings | None = None
) -> list[Violation]:
    """Lint one article given as text; ``path`` is the name violations carry."""
    return lint_article(Article.parse(Source(text), path), settings or Settings())


def fix_text(
    text: str, path: str = "<string>", *, settings: Settings | None = None, unsafe: bool = False
) -> str:
    """``text`` with every safe fix applied (and unsafe ones with ``unsafe``)."""
    from artlint.fixer import fix_source

    return fix_source(Source(text), path, settings or Settings(), unsafe=unsafe).text


def fix_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    settings: Settings | None = None,
    unsafe: bool = False,
    write: bool = True,
) -> Report:
    """Fix files in place (``write=False``: only compute the fixes, as ``--diff`` does)."""
    from artlint.fixing import fix_file

    settings = settings or Settings()
    files = [
        fix_file(target.path, target.display, settings, unsafe=unsafe, write=write)
        for target in discover(paths)
    ]
    return Report(files=tuple(files))


def lint_paths(
    paths: Iterable[str | os.PathLike[str]], *, settings: Settings | None = None
) -> Report:
    """Lint files and directories (walked for ``*.md`` and ``*.markdown``)."""
    settings = settings or Settings()
    files = [
        FileReport(
            path=target.display, violations=tuple(lint_file(target.path, target.display, settings))
        )
        for target in discover(paths)
    ]
    return Report(files=tuple(files))
