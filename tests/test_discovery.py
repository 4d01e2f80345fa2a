"""Discovery's fast walk gives what checking every path on its own gives.

The walk works out per folder what its entries share (config, globs' root, .gitignore
files, per-file-ignores) and matches a folder's names in one go.  ``reference`` below is
the walk as it was written before: every entry made absolute with pathlib and matched with
pathspec on its own, and each file's settings from ``resolver.for_file(path)`` with its
per-file-ignores matched by pathspec.  The tests compare the two on a tree with nested
configs (``exclude``, ``extend-exclude``, ``include``, ``extend``, ``per-file-ignores``,
``respect-gitignore``) and nested ``.gitignore`` files, from several working directories.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pathspec
import pytest

from artlint.api import _jobs
from artlint.config import find_config, globs
from artlint.discovery import discover
from artlint.project import Overrides, ProjectConfig, Resolver
from artlint.settings import Settings

Row = tuple[str, str, Settings]

CONFIGS = {
    ".git/HEAD": "",
    ".gitignore": "ignored-*.md\nbuild/\n/a1/b1/\n*.tmp.md\n",
    "artlint.toml": 'select = ["HT001", "HT002"]\nextend-exclude = ["drafts", "/a2/b0"]\n'
    '[per-file-ignores]\n"a1/**/f-1*.md" = ["HT001"]\n"!*.md" = ["HT002"]\n'
    '"/a0/b0/*.md" = ["HT002"]\n"f-2*.md" = ["HT001", "HT002"]\n',
    "base.toml": 'extend-exclude = ["*.skip.md"]\n[per-file-ignores]\n"**/b2/*" = ["HT008"]\n',
    "a1/artlint.toml": 'extend = "../base.toml"\nexclude = ["b2", ".*"]\n'
    '[per-file-ignores]\n"b0/**" = ["HT008"]\n"/b1/" = ["HT001"]\n',
    "a2/pyproject.toml": '[tool.artlint]\ninclude = ["*.md", "*.txt"]\nrespect-gitignore = false\n',
    "a3/b1/.artlint.toml": 'select = ["HT001"]\n[per-file-ignores]\n"c/*.md" = ["HT001"]\n',
    "a3/.gitignore": "*.markdown\n!keep.markdown\n/b2/\n",
    "a3/b0/.gitignore": "!f-1.md\nf-*.md\n",
    "a0/pyproject.toml": '[project]\nname = "x"\n',
    "a0/node_modules/n.md": "",
    "a0/b1/drafts/d.md": "",
    "a0/.hid/h.md": "",
    "build/x.md": "",
    ".conf/artlint.toml": 'extend-exclude = ["b1"]\n',
    ".conf/x.md": "",
}
NAMES = [
    "f-0.md",
    "f-1.md",
    "f-2.markdown",
    "f-3.txt",
    "ignored-x.md",
    "y.skip.md",
    "z.tmp.md",
    ".hidden.md",
    "keep.markdown",
]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    files: dict[str, str] = dict(CONFIGS)
    for a in range(4):
        for b in range(3):
            for name in NAMES:
                files[f"a{a}/b{b}/{name}"] = ""
                files[f"a{a}/b{b}/c/{name}"] = ""
        files[f"a{a}/g.md"] = ""
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return tmp_path


# --- The walk as it was: every entry on its own ------------------------------------------


def _spec(lines: tuple[str, ...] | list[str]) -> Any:
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _absolute(path: Path) -> Path:
    return Path(os.path.normpath(path.absolute()))


def _matches(patterns: tuple[str, ...], path: Path, root: Path, *, folder: bool) -> bool:
    try:
        relative = path.relative_to(root).as_posix()
    except ValueError:
        relative = path.name
    return bool(_spec(patterns).match_file(relative + ("/" if folder else "")))


def _git_ignored(path: Path, *, folder: bool) -> bool:
    directory = path.parent
    chain = [directory, *directory.parents]
    roots = [base for base in chain if (base / ".git").exists()]
    if not roots:
        return False
    result = False
    for base in reversed(chain[: chain.index(roots[0]) + 1]):
        try:
            lines = (base / ".gitignore").read_text("utf-8").splitlines()
        except OSError:
            continue
        relative = path.relative_to(base).as_posix() + ("/" if folder else "")
        outcome = _spec(lines).check_file(relative)
        if outcome.include is not None:
            result = bool(outcome.include)
    return result


def _skipped(
    path: Path, config: ProjectConfig, git: bool, *, folder: bool, root: Path | None = None
) -> bool:
    if _matches(config.exclude, path, root or config.root, folder=folder):
        return True
    return git and config.respect_gitignore and _git_ignored(path, folder=folder)


def _walk(directory: Path, resolver: Resolver) -> Iterator[Path]:
    named = _absolute(directory)
    root: Path | None = None
    git = True
    if _skipped(named, resolver.for_folder(named), git, folder=True):
        root, git = named, False
    for folder, directories, files in os.walk(directory):
        here = Path(folder)
        config = resolver.for_folder(here)
        directories[:] = sorted(
            name
            for name in directories
            if not _skipped(_absolute(here / name), config, git, folder=True, root=root)
        )
        for name in sorted(files):
            path = here / name
            absolute = _absolute(path)
            if not _matches(config.include, absolute, root or config.root, folder=False):
                continue
            if not _skipped(absolute, config, git, folder=False, root=root):
                yield path


def _display(path: Path) -> str:
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()
    return path.as_posix()


def _settings(config: ProjectConfig, path: Path) -> Settings:
    absolute = _absolute(path)
    try:
        relative = absolute.relative_to(config.root).as_posix()
    except ValueError:
        relative = absolute.as_posix()
    ignored: list[str] = []
    for pattern, codes in config.per_file_ignores:
        negated = pattern.startswith("!")
        if bool(_spec([pattern.lstrip("!")]).match_file(relative)) is not negated:
            ignored.extend(codes)
    if not ignored:
        return config.settings
    return config.settings.model_copy(update={"file_ignores": tuple(ignored)})


def reference(paths: list[str], overrides: Overrides, force_exclude: bool = False) -> list[Row]:
    resolver = Resolver(overrides)
    found: dict[str, Path] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            candidates = list(_walk(path, resolver))
        elif force_exclude and _skipped(
            _absolute(path), resolver.for_file(_absolute(path)), True, folder=False
        ):
            continue
        else:
            candidates = [path]
        for candidate in candidates:
            found.setdefault(_display(candidate), candidate)
    return [
        (str(found[display]), display, _settings(resolver.for_file(found[display]), found[display]))
        for display in sorted(found)
    ]


def fast(paths: list[str], overrides: Overrides, force_exclude: bool = False) -> list[Row]:
    jobs = _jobs(paths, None, Resolver(overrides), force_exclude)
    return [(str(job.path), job.display, job.settings) for job in jobs]


# --- The comparisons ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cwd", "paths", "force_exclude"),
    [
        (".", ["."], False),
        (".", ["."], True),
        (".", ["a0/", "a0//b0", "a0/b0/../b1", "./a1", "a1"], False),
        ("a1/b0", [".."], False),
        ("a1/b0", ["../../a3", "c/f-0.md", "../../a2/b0/f-0.md", "../b2/f-0.md"], True),
        ("a1/b0", ["../../a3", "c/f-0.md", "../../a2/b0/f-0.md", "../b2/f-0.md"], False),
        (".", ["a2/b0", "a0/b1/drafts", "a0/.hid", "a0/node_modules", "build", "a1/b1"], False),
        (".", ["a1/b2", "a3/b2", "a3/b0"], False),
        (
            ".",
            [
                "a0/b0/ignored-x.md",
                "a0/b0/y.skip.md",
                "a2/b0/f-0.md",
                "a1/b2/f-0.md",
                "a0/b0/.hidden.md",
                "a3/b0/f-2.markdown",
                "a3/b0/f-0.md",
                "a2/b1/ignored-x.md",
                "missing.md",
                "a0/b0/f-3.txt",
            ],
            True,
        ),
        ("a2", ["../a2/b0", "b1/c", "ABSOLUTE/a2/b2"], False),
        (".", ["EVERY FILE"], True),
        ("a1", ["EVERY FILE"], True),
        ("a1", ["EVERY FILE"], False),
        ("..", ["TREE/a3"], False),
        ("a0", ["ABSOLUTE"], False),
    ],
)
def test_the_walk_finds_what_checking_each_path_finds(
    tree: Path,
    monkeypatch: pytest.MonkeyPatch,
    cwd: str,
    paths: list[str],
    force_exclude: bool,
) -> None:
    paths = [path.replace("ABSOLUTE", str(tree)).replace("TREE", tree.name) for path in paths]
    monkeypatch.chdir(tree / cwd)
    if paths == ["EVERY FILE"]:  # as pre-commit names them (and a few more spellings)
        every = sorted(path for path in tree.rglob("*") if path.is_file())
        paths = [os.path.relpath(path) for path in every] + [str(every[0]), "a0/../x/.."]
    expected = reference(paths, Overrides(), force_exclude)
    assert expected  # the scenario finds something
    assert fast(paths, Overrides(), force_exclude) == expected
    assert [(target.path.as_posix(), target.display) for target in discover(paths)] == [
        (path, display) for path, display, _ in reference(paths, Overrides(isolated=True))
    ]


@pytest.mark.parametrize(
    "overrides",
    [
        Overrides(isolated=True),
        Overrides(config=Path("a1/artlint.toml")),
        Overrides(config=Path("a3/b1/.artlint.toml")),
        Overrides(config=Path(".conf/artlint.toml")),
    ],
)
@pytest.mark.parametrize("cwd", [".", "a3"])
def test_the_walk_with_one_config_for_all(
    tree: Path, monkeypatch: pytest.MonkeyPatch, overrides: Overrides, cwd: str
) -> None:
    # With --config or none, the globs' root may be a folder below the walked one (or the
    # working directory): the entry that is that root itself is matched as ".".
    monkeypatch.chdir(tree)
    if overrides.config is not None:
        overrides = Overrides(config=overrides.config.absolute())
    monkeypatch.chdir(tree / cwd)
    paths = ["..", "."] if cwd != "." else ["."]
    expected = reference(paths, overrides)
    if overrides.config is not None and overrides.config.parent.name == ".conf":
        # The config's own folder is the globs' root, so not a hidden folder to them.
        assert any(row[1].endswith(".conf/x.md") for row in expected)
    assert fast(paths, overrides) == expected


def test_a_walk_without_any_config_from_a_subfolder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without a config the globs are relative to the working directory, which is then an
    # entry of the walked parent, matched as "./" (so not as a hidden folder).
    for name in ("a.md", ".sub/b.md", ".sub/.c.md", "other/d.md", ".e/f.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", "utf-8")
    monkeypatch.chdir(tmp_path / ".sub")
    expected = reference([".."], Overrides())
    assert [row[1] for row in expected] == ["../.sub/b.md", "../a.md", "../other/d.md"]
    assert fast([".."], Overrides()) == expected


def test_files_of_one_config_share_their_settings_objects(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree)
    settings = [job.settings for job in _jobs(["a0"], None, Resolver(Overrides()), False)]
    assert len({id(one) for one in settings}) == len(set(settings)) > 1


def test_each_folder_gets_the_closest_config_above_it(tree: Path) -> None:
    folders = [tree, *sorted(path for path in tree.rglob("*") if path.is_dir())]
    random.Random(6).shuffle(folders)  # the cache must not depend on the order of asking
    resolver = Resolver(Overrides())
    assert [resolver.config_path(folder) for folder in folders] == [
        find_config(folder) for folder in folders
    ]
    assert resolver.config_path(tree / "a3" / "b1" / "c") == tree / "a3" / "b1" / ".artlint.toml"
    assert resolver.config_path(tree / "a0" / "b0") == tree / "artlint.toml"


def test_a_folder_reached_through_dot_dot_gets_its_own_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Once, the parents of "a/b/../../c" were looked in as written ("a/b/..", "a/b",
    # "a"), so c/x.md took a/artlint.toml, which does not apply to c.
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "artlint.toml").write_text('select = ["HT002"]\n', "utf-8")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "x.md").write_text("", "utf-8")
    monkeypatch.chdir(tmp_path / "a" / "b")
    jobs = _jobs(["../../c", "../../c/x.md"], None, Resolver(Overrides()), False)
    assert [(job.display, job.settings) for job in jobs] == [("../../c/x.md", Settings())]


PATTERNS = [
    ("*.md", "*.markdown"),
    (".*", "node_modules", "drafts", "/a2/b1"),
    ("drafts/", "/sub/drafts", "**/drafts/*", "!sub/drafts/e.md"),
    ("*.markdown", "!keep.markdown", "/b1/"),
    ("!f-0001.md", "f-000*.md"),
    ("# a comment", "", "a[!x]b", "sub/**/x?.md", "\\#literal"),
    (),
]
PATHS = [
    "a.md",
    "x/a.markdown",
    "x/.hidden/a.md",
    "node_modules/",
    "a/node_modules/b.md",
    "drafts/",
    "drafts/d.md",
    "sub/drafts/e.md",
    "sub/drafts/",
    "a2/b1/",
    "a2/b1/c.md",
    "x/a2/b1/",
    "keep.markdown",
    "b1/",
    "x/b1/",
    "f-0001.md",
    "f-0002.md",
    "a/b",
    "axb",
    "sub/q/r/x1.md",
    "#literal",
    "/abs/a.md",
    "./a.md",
    "./",
    "",
    ".",
]


@pytest.mark.parametrize("lines", PATTERNS)
def test_globs_answer_as_pathspec_does(lines: tuple[str, ...]) -> None:
    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    compiled = globs(lines)
    assert [compiled.check(path) for path in PATHS] == [
        spec.check_file(path).include for path in PATHS
    ]
    assert compiled.checking(PATHS) == [spec.check_file(path).include for path in PATHS]
    assert compiled.matching(PATHS) == [spec.match_file(path) for path in PATHS]
