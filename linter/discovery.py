"""Which files a run lints: the paths given, with directories walked for article files.

A file named on the command line is always linted.  Directories are walked; in each, the
configuration that applies there (see :mod:`artlint.project`) decides: ``include`` globs
pick the files, ``exclude`` and ``extend-exclude`` skip files and folders, and with
``respect-gitignore`` (the default) what git ignores is skipped too.  Globs are gitignore
patterns, matched against the path relative to the config file's folder.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from artlint.project import Overrides, ProjectConfig, Resolver


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


@functools.lru_cache(maxsize=256)
def _patterns(patterns: tuple[str, ...]) -> Any:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


def _matches(patterns: tuple[str, ...], path: Path, root: Path, *, folder: bool) -> bool:
    relative = _relative(path, root)
    if relative is None:  # outside the config's folder: match the name alone
        relative = path.name
    return bool(_patterns(patterns).match_file(relative + ("/" if folder else "")))


class GitIgnore:
    """The ``.gitignore`` files between a git work tree's root and a path."""

    def __init__(self) -> None:
        self._roots: dict[Path, Path | None] = {}
        self._specs: dict[Path, Any] = {}

    def _root(self, folder: Path) -> Path | None:
        if folder not in self._roots:
            parent = folder.parent
            if (folder / ".git").exists():
                self._roots[folder] = folder
            elif parent == folder:
                self._roots[folder] = None
            else:
                self._roots[folder] = self._root(parent)
        return self._roots[folder]

    def _spec(self, folder: Path) -> Any:
        if folder not in self._specs:
            try:
                lines = (folder / ".gitignore").read_text("utf-8", errors="replace").splitlines()
            except OSError:
                lines = []
            self._specs[folder] = _patterns(tuple(lines)) if lines else None
        return self._specs[folder]

    def ignored(self, path: Path, *, folder: bool) -> bool:
        root = self._root(path.parent)
        if root is None:
            return False
        result = False
        directory = path.parent
        chain = [directory, *directory.parents]
        for base in reversed(chain[: chain.index(root) + 1]):
            spec = self._spec(base)
            if spec is None:
                continue
            relative = path.relative_to(base).as_posix() + ("/" if folder else "")
            outcome = spec.check_file(relative)
            if outcome.include is not None:
                result = bool(outcome.include)
        return result


def _absolute(path: Path) -> Path:
    """Absolute, with ".." folded (``sub/../a.md`` must not look like a hidden path)."""
    return Path(os.path.normpath(path.absolute()))


def _skipped(
    path: Path,
    config: ProjectConfig,
    gitignore: GitIgnore | None,
    *,
    folder: bool,
    root: Path | None = None,
) -> bool:
    if _matches(config.exclude, path, root or config.root, folder=folder):
        return True
    if gitignore is None or not config.respect_gitignore:
        return False
    return gitignore.ignored(path, folder=folder)


def _walk(directory: Path, resolver: Resolver, gitignore: GitIgnore) -> Iterator[Path]:
    # A folder the user names is linted even when it is excluded or ignored itself
    # (`artlint .drafts/`): below it, globs are matched from that folder, and .gitignore
    # files are not consulted.
    named = _absolute(directory)
    root: Path | None = None
    ignore: GitIgnore | None = gitignore
    if _skipped(named, resolver.for_folder(named), gitignore, folder=True):
        root, ignore = named, None
    for folder, directories, files in os.walk(directory):
        here = Path(folder)
        config = resolver.for_folder(here)
        directories[:] = sorted(
            name
            for name in directories
            if not _skipped(_absolute(here / name), config, ignore, folder=True, root=root)
        )
        for name in sorted(files):
            path = here / name
            absolute = _absolute(path)
            if not _matches(config.include, absolute, root or config.root, folder=False):
                continue
            if not _skipped(absolute, config, ignore, folder=False, root=root):
                yield path


def is_excluded(path: Path, resolver: Resolver, gitignore: GitIgnore | None = None) -> bool:
    """Whether the config of ``path`` excludes it (exclude globs, or .gitignore)."""
    absolute = _absolute(path)
    config = resolver.for_file(absolute)
    return _skipped(absolute, config, gitignore or GitIgnore(), folder=False)


def discover(
    paths: Iterable[str | os.PathLike[str]],
    resolver: Resolver | None = None,
    *,
    force_exclude: bool = False,
) -> list[Target]:
    """Files to lint, sorted and without duplicates.

    A named file is linted whatever its name (and reported if it does not exist), unless
    ``force_exclude`` applies the excludes to it too, as pre-commit needs (it names every
    staged file); a directory is walked as the module docstring says.  Without a resolver,
    no config file is read.
    """
    resolver = resolver or Resolver(Overrides(isolated=True))
    gitignore = GitIgnore()
    found: dict[str, Target] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            candidates = _walk(path, resolver, gitignore)
        elif force_exclude and is_excluded(path, resolver, gitignore):
            continue
        else:
            candidates = iter([path])
        for candidate in candidates:
            target = Target(_display(candidate), candidate)
            found.setdefault(target.display, target)
    return sorted(found.values())
