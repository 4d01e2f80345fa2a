"""Which files a run lints: the paths given, with directories walked for article files."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = (".md", ".markdown")
SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__"})


@dataclass(frozen=True, slots=True, order=True)
class Target:
    """A file to lint: ``display`` is how reports name it, ``path`` where to read it."""

    display: str
    path: Path


def _display(path: Path) -> str:
    """The path as given, or relative to the working directory when it is below it."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()
    return path.as_posix()


def _walk(directory: Path) -> Iterator[Path]:
    for root, directories, files in os.walk(directory):
        directories[:] = sorted(
            name
            for name in directories
            if not name.startswith(".") and name not in SKIPPED_DIRECTORIES
        )
        for name in sorted(files):
            if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                yield Path(root, name)


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[Target]:
    """Files to lint, sorted and without duplicates.

    A named file is linted whatever its name (and reported if it does not exist); a directory
    is walked for ``*.md`` and ``*.markdown``, skipping hidden folders and ``node_modules``.
    """
    found: dict[str, Target] = {}
    for given in paths:
        path = Path(given)
        candidates = _walk(path) if path.is_dir() else iter([path])
        for candidate in candidates:
            target = Target(_display(candidate), candidate)
            found.setdefault(target.display, target)
    return sorted(found.values())
