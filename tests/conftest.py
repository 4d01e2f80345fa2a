"""Shared fixtures: where the shared corpus lives, and an in-process CLI runner."""

from __future__ import annotations

import contextlib
import errno
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from artlint import registry
from artlint.rule import Rule

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ARTLINT_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seeds" / "000_f56b66c2b6a34142.txt"
REAL_CORPUS = SHARED / "corpus" / "real"


def require_shared(path: Path) -> Path:
    """Skip the calling test when the shared data is absent (a user's fresh clone)."""
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpus is only beside the developers' checkout")
    return path


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run ``artlint`` in process, capturing its output."""
    from artlint.cli import main

    def run(*args: str) -> CliResult:
        stdout, stderr = io.StringIO(), io.StringIO()
        monkeypatch.setattr("sys.stdout", stdout)
        monkeypatch.setattr("sys.stderr", stderr)
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        return CliResult(code, stdout.getvalue(), stderr.getvalue())

    return run


def fail_fsync_of(monkeypatch: pytest.MonkeyPatch, original: Path) -> None:
    """Make artlint's writer fail (EIO) to fsync the temporary file that is to replace
    ``original``; the others are fsynced.  Skips where /proc cannot name a descriptor."""
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to name a descriptor's file")
    real_fsync = os.fsync
    temporary = str(original.parent / f".{original.name}.")

    def fsync(handle: int) -> None:
        if os.readlink(f"/proc/self/fd/{handle}").startswith(temporary):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_fsync(handle)

    monkeypatch.setattr("artlint.writer.os.fsync", fsync)


@contextlib.contextmanager
def rules_added(*rules: type[Rule]) -> Iterator[None]:
    """While inside, ``rules`` (a test's own) are known beside the built-in ones; the
    registry forgets them afterwards."""
    registry.reset()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("artlint.rules.BUILTIN_RULES", (*registry.all_rules(), *rules))
            registry.reset()
            yield
    finally:
        registry.reset()
