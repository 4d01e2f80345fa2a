"""Which files a run lints: the paths given, with directories walked for article files.

A file named on the command line is always linted.  Directories are walked; in each, the
configuration that applies there (see :mod:`artlint.project`) decides: ``include`` globs
pick the files, ``exclude`` and ``extend-exclude`` skip files and folders, and with
``respect-gitignore`` (the default) what git ignores is skipped too.  Globs are gitignore
patterns, matched against the path relative to the config file's folder.

A walk visits thousands of files and few folders, so everything that depends only on the
folder (its config, where it sits relative to the globs' root, the ``.gitignore`` files
above it) is worked out once per folder, and each file costs a few string joins and regex
matches: no ``pathlib`` work per file beyond building the one ``Path`` a job carries.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from artlint.config import Globs, globs
from artlint.project import Overrides, ProjectConfig, Resolver
from artlint.settings import Settings


@dataclass(frozen=True, slots=True, order=True)
class Target:
    """A file to lint: ``display`` is how reports name it, ``path`` where to read it."""

    display: str
    path: Path


def _display(path: Path, cwd: Path | None = None) -> str:
    """The path as given, or relative to the working directory when it is below it."""
    if path.is_absolute():
        try:
            return path.relative_to(cwd or Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()
    return path.as_posix()


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


def _matches(patterns: tuple[str, ...], path: Path, root: Path, *, folder: bool) -> bool:
    relative = _relative(path, root)
    if relative is None:  # outside the config's folder: match the name alone
        relative = path.name
    return globs(patterns).match(relative + ("/" if folder else ""))


def _joinable(folder: str) -> str:
    """``folder`` (a POSIX path) ready to have a name appended: "/" stays "/"."""
    return folder if folder.endswith("/") else folder + "/"


def _prefix(folder: Path, root: Path) -> str | None:
    """What goes before the name of an entry of ``folder`` to make its path relative to
    ``root``, as ``Path.relative_to(root).as_posix()`` would; None when ``folder`` is not
    ``root`` or below it."""
    relative = _relative(folder, root)
    if relative is None:
        return None
    return "" if relative == "." else relative + "/"


#: The .gitignore files that apply in a folder, from the work tree's root down: each
#: file's globs, with what goes before an entry's name to make it relative to that file.
IgnoreChain = tuple[tuple[Globs, str], ...]


class GitIgnore:
    """The ``.gitignore`` files between a git work tree's root and a path."""

    def __init__(self) -> None:
        self._roots: dict[Path, Path | None] = {}
        self._specs: dict[Path, Globs | None] = {}

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

    def _spec(self, folder: Path) -> Globs | None:
        if folder not in self._specs:
            try:
                lines = (folder / ".gitignore").read_text("utf-8", errors="replace").splitlines()
            except OSError:
                lines = []
            self._specs[folder] = globs(tuple(lines)) if lines else None
        return self._specs[folder]

    def _bases(self, directory: Path) -> list[Path]:
        """The folders from the work tree's root down to ``directory`` (none outside one)."""
        root = self._root(directory)
        if root is None:
            return []
        chain = [directory, *directory.parents]
        return list(reversed(chain[: chain.index(root) + 1]))

    def ignored(self, path: Path, *, folder: bool) -> bool:
        result = False
        for base in self._bases(path.parent):
            spec = self._spec(base)
            if spec is None:
                continue
            relative = path.relative_to(base).as_posix() + ("/" if folder else "")
            outcome = spec.check(relative)
            if outcome is not None:
                result = outcome
        return result

    def chain(self, folder: Path) -> IgnoreChain:
        """What :meth:`ignored` reads for every entry of ``folder`` (absolute, with ".."
        folded), worked out once for the folder."""
        return tuple(
            (spec, _joinable(folder.relative_to(base).as_posix()) if base != folder else "")
            for base in self._bases(folder)
            if (spec := self._spec(base)) is not None
        )


def _ignored(chain: IgnoreChain, entries: list[str]) -> list[bool]:
    """:meth:`GitIgnore.ignored` for each of ``entries`` (names, with "/" for a folder)
    of the folder whose chain this is: the last .gitignore with a say decides."""
    result = [False] * len(entries)
    for spec, prefix in chain:
        outcomes = spec.checking([prefix + entry for entry in entries])
        result = [old if new is None else new for old, new in zip(result, outcomes, strict=True)]
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


class _Folder:
    """One walked folder: what its entries' checks share, worked out once.

    Each ``*_prefix`` goes before an entry's name to give the path that the old per-entry
    computation (``Path.relative_to`` and friends, kept above for named paths) gives.
    """

    __slots__ = (
        "config",
        "display_prefix",
        "exclude",
        "ignores",
        "include",
        "match_prefix",
        "root_name",
        "settings_prefix",
    )

    def __init__(
        self,
        here: Path,
        config: ProjectConfig,
        root: Path | None,
        gitignore: GitIgnore | None,
        cwd: Path,
    ) -> None:
        absolute = _absolute(here)
        base = root or config.root
        self.config = config
        self.include = globs(config.include)
        self.exclude = globs(config.exclude)
        #: Entries are matched relative to ``base``; outside it by their name alone, except
        #: the entry that is ``base`` itself, whose relative path is ".".
        self.match_prefix = _prefix(absolute, base)
        self.root_name = (
            base.name if self.match_prefix is None and base.parent == absolute else None
        )
        self.ignores: IgnoreChain = ()
        if gitignore is not None and config.respect_gitignore:
            self.ignores = gitignore.chain(absolute)
        #: per-file-ignores see paths relative to the config's folder, or absolute.
        settings_prefix = _prefix(absolute, config.root)
        if settings_prefix is None:
            settings_prefix = _joinable(absolute.as_posix())
        self.settings_prefix = settings_prefix
        display = here.as_posix()
        if here.is_absolute():
            below = _prefix(here, cwd)
            self.display_prefix = _joinable(display) if below is None else below
        else:
            self.display_prefix = "" if display == "." else _joinable(display)

    def _relative(self, names: list[str], suffix: str) -> list[str]:
        """The paths the globs see for the entries ``names`` (``suffix``: "/" for folders):
        relative to their root, or outside it the name alone, or "." for the root itself."""
        prefix = self.match_prefix
        if prefix is not None:
            return [prefix + name + suffix for name in names]
        return [("." if name == self.root_name else name) + suffix for name in names]

    def _unexcluded(self, names: list[str], relative: list[str], suffix: str) -> list[str]:
        kept = [
            name
            for name, excluded in zip(names, self.exclude.matching(relative), strict=True)
            if not excluded
        ]
        if self.ignores:
            ignored = _ignored(self.ignores, [name + suffix for name in kept])
            kept = [name for name, skip in zip(kept, ignored, strict=True) if not skip]
        return kept

    def folders(self, names: list[str]) -> list[str]:
        """The subfolders among ``names`` that the walk goes into (as :func:`_skipped`)."""
        return self._unexcluded(names, self._relative(names, "/"), "/")

    def excluded(self, name: str) -> bool:
        """Whether the file ``name`` of this folder is skipped, whatever ``include`` says
        (as :func:`is_excluded`, for a named file)."""
        return not self._unexcluded([name], self._relative([name], ""), "")

    def files(self, names: list[str]) -> list[str]:
        """The files among ``names`` that are linted: included, and not skipped."""
        relative = self._relative(names, "")
        picked = self.include.matching(relative)
        names = [name for name, include in zip(names, picked, strict=True) if include]
        relative = [path for path, include in zip(relative, picked, strict=True) if include]
        return self._unexcluded(names, relative, "")


#: A file found: its display name, its path, and its settings if asked for and walked.
Found = tuple[str, Path, Settings | None]


def _walk(
    directory: Path, resolver: Resolver, gitignore: GitIgnore
) -> Iterator[tuple[_Folder, Path, list[str]]]:
    """Each folder below ``directory`` (and itself) with the names of its files to lint,
    in no particular order (discovery sorts them all)."""
    # A folder the user names is linted even when it is excluded or ignored itself
    # (`artlint .drafts/`): below it, globs are matched from that folder, and .gitignore
    # files are not consulted.
    named = _absolute(directory)
    root: Path | None = None
    ignore: GitIgnore | None = gitignore
    if _skipped(named, resolver.for_folder(named), gitignore, folder=True):
        root, ignore = named, None
    cwd = Path.cwd()
    for folder, directories, files in os.walk(directory):
        here = Path(folder)
        context = _Folder(here, resolver.for_folder(here), root, ignore, cwd)
        directories[:] = context.folders(sorted(directories))
        yield context, here, context.files(files)


def is_excluded(path: Path, resolver: Resolver, gitignore: GitIgnore | None = None) -> bool:
    """Whether the config of ``path`` excludes it (exclude globs, or .gitignore)."""
    absolute = _absolute(path)
    config = resolver.for_file(absolute)
    return _skipped(absolute, config, gitignore or GitIgnore(), folder=False)


def _named_excluded(
    path: Path,
    resolver: Resolver,
    gitignore: GitIgnore,
    folders: dict[Path, _Folder],
    cwd: Path,
) -> bool:
    """:func:`is_excluded` for a named file, sharing the work of its folder with the other
    files named there (pre-commit names every staged file)."""
    if path.name in ("", ".."):  # not a name within path.parent
        return is_excluded(path, resolver, gitignore)
    folder = folders.get(path.parent)
    if folder is None:
        config = resolver.for_file(_absolute(path))
        folder = folders[path.parent] = _Folder(path.parent, config, None, gitignore, cwd)
    return folder.excluded(path.name)


def _found(
    paths: Iterable[str | os.PathLike[str]],
    resolver: Resolver,
    *,
    force_exclude: bool,
    settings: bool,
) -> list[Found]:
    """The files of :func:`discover`, sorted by display name; with ``settings``, each
    walked file with its own (one folder's files are matched to per-file-ignores at once).
    """
    gitignore = GitIgnore()
    found: dict[str, Found] = {}
    folders: dict[Path, _Folder] = {}  # of named files
    cwd = Path.cwd()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for context, here, names in _walk(path, resolver, gitignore):
                prefix = context.display_prefix
                each: Iterable[Settings | None] = [None] * len(names)
                if settings:
                    relative = [context.settings_prefix + name for name in names]
                    each = context.config.settings_each(relative)
                for name, applied in zip(names, each, strict=True):
                    display = prefix + name
                    if display not in found:
                        found[display] = (display, here / name, applied)
        elif not (force_exclude and _named_excluded(path, resolver, gitignore, folders, cwd)):
            display = _display(path, cwd)
            if display not in found:
                found[display] = (display, path, None)
    # Display names are unique, so this is the order of sorting the Targets themselves.
    return [found[display] for display in sorted(found)]


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
    found = _found(paths, resolver, force_exclude=force_exclude, settings=False)
    return [Target(display, path) for display, path, _ in found]


def discover_settings(
    paths: Iterable[str | os.PathLike[str]],
    resolver: Resolver,
    *,
    force_exclude: bool = False,
) -> list[tuple[Path, str, Settings]]:
    """:func:`discover`'s files as (path, display, settings), the settings being
    ``resolver.for_file(path).settings_for(path)`` worked out from what the walk already
    knows of the file's folder (no Target objects: a job is built from each instead)."""
    result: list[tuple[Path, str, Settings]] = []
    append = result.append
    configs: dict[Path, ProjectConfig] = {}  # of named files' folders
    for display, path, settings in _found(
        paths, resolver, force_exclude=force_exclude, settings=True
    ):
        if settings is None:  # a file named, not walked
            config = configs.get(path.parent)
            if config is None:
                config = configs[path.parent] = resolver.for_file(path)
            settings = config.settings_for(path)
        append((path, display, settings))
    return result
