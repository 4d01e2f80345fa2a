"""The pre-commit hooks in ``.pre-commit-hooks.yaml``, run by the real pre-commit.

The integration test makes a throwaway git repository of articles and runs
``pre-commit try-repo <this checkout> HOOK --files ...`` in it, as a user trying the hooks
would.  pre-commit builds a virtualenv and pip-installs artlint and its dependencies from
the package index into it, once per ``try-repo`` (about 12 s each with pip's cache warm).

try-repo installs what the checkout's git repository holds: with uncommitted changes it
takes the tracked files' working-tree state but leaves out untracked files (a new hook file
or module).  So when the checkout is not clean, the test tries a snapshot of the working
tree instead (every file git does not ignore, committed to a temporary repository); a clean
checkout, as CI's fresh clone is, is tried as it is.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml

import artlint
from tests.conftest import REPO

HOOKS_FILE = REPO / ".pre-commit-hooks.yaml"

CLEAN = "---\ntitle: 'a'\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n<p>正文。</p>\n"
FIXABLE = (
    "---\ntitle: 'b'\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n"
    '<p cms-style="font-L">正文。</p><!-- 正文下iframe -->\n'
)
FIXED = "---\ntitle: 'b'\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n<p>正文。</p>\n"
# No front matter (FM001, unfixable), an inline style and a comment: would fail both hooks
# if the config's extend-exclude did not apply to it.
DRAFT = '<p style="color: red">草稿</p><!-- todo -->\n'
FILES = ("clean.md", "fixable.md", "drafts/draft.md")


def _pre_commit() -> str | None:
    beside = Path(sys.executable).parent / "pre-commit"
    return str(beside) if beside.exists() else shutil.which("pre-commit")


def _env(**extra: str) -> dict[str, str]:
    """This environment without the GIT_* variables a calling git hook may set."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, **extra)
    return env


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=_env(), check=True, capture_output=True, text=True
    ).stdout


def _init(folder: Path) -> None:
    _git(folder, "init", "--quiet")
    _git(folder, "config", "user.email", "test@example.com")
    _git(folder, "config", "user.name", "artlint tests")
    _git(folder, "config", "commit.gpgsign", "false")


def _is_clean_checkout(folder: Path) -> bool:
    try:
        top = _git(folder, "rev-parse", "--show-toplevel").strip()
        return Path(top).resolve() == folder.resolve() and not _git(folder, "status", "--porcelain")
    except subprocess.CalledProcessError:
        return False


def _snapshot(source: Path, target: Path) -> Path:
    """Commit the files of ``source`` that git does not ignore to a new repository."""
    try:
        listed = _git(source, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
        names = [name for name in listed.split("\0") if name and (source / name).is_file()]
        for name in names:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, target / name)
    except subprocess.CalledProcessError:  # not a git checkout (an unpacked sdist)
        shutil.copytree(
            source,
            target,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns(
                ".venv*", "build", "*.egg-info", "__pycache__", ".*_cache"
            ),
        )
    _init(target)
    _git(target, "add", "--all")
    _git(target, "commit", "--quiet", "--no-verify", "-m", "snapshot of the working tree")
    return target


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed: pre-commit needs it")
    if _pre_commit() is None:
        pytest.skip("pre-commit is not installed (pip install '.[dev]' installs it)")
    if _is_clean_checkout(REPO):
        return REPO
    return _snapshot(REPO, tmp_path_factory.mktemp("artlint-snapshot"))


def _try_repo(
    hook_repo: Path, project: Path, home: Path, hooks: Sequence[str]
) -> subprocess.CompletedProcess[str]:
    pre_commit = _pre_commit()
    assert pre_commit is not None
    return subprocess.run(
        [pre_commit, "try-repo", str(hook_repo), *hooks, "--color", "never", "--files", *FILES],
        cwd=project,
        env=_env(PRE_COMMIT_HOME=str(home)),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def test_try_repo_runs_both_hooks(hook_repo: Path, tmp_path: Path) -> None:
    project = tmp_path / "blog"
    project.mkdir()
    _init(project)
    (project / "artlint.toml").write_text('extend-exclude = ["drafts/"]\n', "utf-8")
    _git(project, "add", "artlint.toml")
    _git(project, "commit", "--quiet", "--no-verify", "-m", "config")
    (project / "drafts").mkdir()
    for name, text in zip(FILES, (CLEAN, FIXABLE, DRAFT), strict=True):
        (project / name).write_text(text, "utf-8")
    _git(project, "add", *FILES)
    home = tmp_path / "pre-commit-home"

    def contents() -> list[str]:
        return [(project / name).read_text("utf-8") for name in FILES]

    check = _try_repo(hook_repo, project, home, ["artlint"])
    report = check.stdout + check.stderr
    assert check.returncode == 1, report
    assert re.search(r"^artlint\.+Failed$", check.stdout, re.M), report
    assert "fixable.md:5:4: HT007 [*] junk attribute 'cms-style'" in check.stdout
    assert "fixable.md:5:30: HT001 [*] HTML comment left in the body" in check.stdout
    # --force-exclude: the draft, named by pre-commit, is excluded by artlint.toml.
    assert "draft.md" not in check.stdout
    assert "Found 2 violations in 2 files." in check.stdout
    assert contents() == [CLEAN, FIXABLE, DRAFT]

    fix = _try_repo(hook_repo, project, home, ["artlint-fix"])
    report = fix.stdout + fix.stderr
    # Every violation was fixed (artlint exits 0), but pre-commit fails a hook that
    # changes files, so that the user reviews and stages them.
    assert fix.returncode == 1, report
    assert re.search(r"^artlint --fix\.+Failed$", fix.stdout, re.M), report
    assert "- files were modified by this hook" in fix.stdout
    assert "Found 2 violations in 2 files (2 fixed, 0 remaining)." in fix.stdout
    assert contents() == [CLEAN, FIXED, DRAFT]
    assert (project / "fixable.md").read_bytes() == FIXED.encode("utf-8")

    # Without a hook id, try-repo runs every hook of the manifest: both pass now.
    again = _try_repo(hook_repo, project, home, [])
    report = again.stdout + again.stderr
    assert again.returncode == 0, report
    assert re.search(r"^artlint\.+Passed$", again.stdout, re.M), report
    assert re.search(r"^artlint --fix\.+Passed$", again.stdout, re.M), report
    assert contents() == [CLEAN, FIXED, DRAFT]


def _manifest() -> list[dict[str, object]]:
    hooks = yaml.safe_load(HOOKS_FILE.read_text("utf-8"))
    assert isinstance(hooks, list)
    return hooks


def test_manifest_declares_the_two_hooks() -> None:
    hooks = {hook["id"]: hook for hook in _manifest()}
    assert set(hooks) == {"artlint", "artlint-fix"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types_or"] == ["markdown"]
        assert "minimum_pre_commit_version" in hook
        assert "require_serial" in hook
        # In entry, not args: a user's `args:` replaces args but never entry.
        assert str(hook["entry"]).split()[:2] == ["artlint", "--force-exclude"]
    assert "--fix" in str(hooks["artlint-fix"]["entry"]).split()
    assert "--fix" not in str(hooks["artlint"]["entry"]).split()


def _readme_config() -> str:
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("### pre-commit\n", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert match is not None
    return match.group(1)


def test_readme_snippet_names_the_manifest_hooks_and_this_version() -> None:
    snippet = _readme_config()
    [repo] = yaml.safe_load(snippet)["repos"]
    assert repo["repo"] == "https://github.com/artlint/artlint"
    assert repo["rev"] == f"v{artlint.__version__}"
    # The alternative hook is shown commented out: count it too.
    named = re.findall(r"^\s*#?\s*- id: ([\w-]+)", snippet, re.M)
    assert set(named) == {hook["id"] for hook in _manifest()}


def _validate(command: str, path: Path, home: Path) -> None:
    pre_commit = _pre_commit()
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (pip install '.[dev]' installs it)")
    result = subprocess.run(
        [pre_commit, command, str(path)],
        env=_env(PRE_COMMIT_HOME=str(home)),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_validates_the_manifest(tmp_path: Path) -> None:
    _validate("validate-manifest", HOOKS_FILE, tmp_path / "home")


def test_pre_commit_validates_the_readme_config(tmp_path: Path) -> None:
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(_readme_config(), "utf-8")
    _validate("validate-config", config, tmp_path / "home")
