"""An interrupted ``--fix`` (SIGINT, SIGTERM) loses nothing.

Every file is either its original bytes or its fully fixed bytes, never partial; no
temporary file (``.NAME.XXXXXXXX.artlint-tmp``) is left; the run ends with a one-line
message and status 130 (SIGINT) or 143 (SIGTERM), without a traceback; and no worker
process outlives it.  The fixed bytes come from a run that was not interrupted.

The moments are spread over the run, but nothing is asserted about how far the run got:
on a loaded machine a signal at 0.1 s may come before the first file is written, or one
at 1.5 s after the last.  A signal that comes before artlint has set its handlers (while
Python starts) ends the run by Python's own means: then no file may have been touched.
"""

from __future__ import annotations

import difflib
import errno
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from artlint import signals
from artlint.pool import _guarded
from artlint.writer import SUFFIX, WriteError, write_atomic
from tests.conftest import REPO

FILES = 800
TIMEOUT = 120  # seconds; a run takes 1-3 s on two busy cores


def _article(number: int) -> str:
    """An article with something to fix (an editor credit, a comment, a style attribute,
    blank lines) and enough paragraphs to take a few milliseconds."""
    paragraphs = "".join(
        f'<p cms-style="font-L">第{number}篇，第{line}段：正文内容。</p>\n\n\n'
        for line in range(30)
    )
    return (
        f"---\ntitle: '文章 {number}'\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n"
        f"{paragraphs}<!-- 正文下iframe -->\n"
        '<p class="article-editor">责任编辑：张亚楠 </p>\n'
    )


def _run(folder: Path, *options: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "artlint", "--fix", "--no-cache", *options, str(folder)]
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_PROGRESS": "1"}
    return subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own process group: the test's is not signalled
    )


def _fixed_now(originals: Path, folder: Path) -> Path:
    """``originals`` fixed by a run that is not interrupted, in ``folder``."""
    shutil.copytree(originals, folder)
    process = _run(folder, "--jobs", "2")
    _, stderr = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 0, stderr.decode()
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The original articles and, beside them, their fixed versions (an uninterrupted run)."""
    originals = tmp_path_factory.mktemp("originals")
    for number in range(FILES):
        (originals / f"{number:04}.md").write_text(_article(number), "utf-8")
    fixed = tmp_path_factory.mktemp("fixed")
    shutil.rmtree(fixed)
    _fixed_now(originals, fixed)
    changed = [
        name
        for name in os.listdir(originals)
        if (fixed / name).read_bytes() != (originals / name).read_bytes()
    ]
    assert len(changed) == FILES
    return originals, fixed


def _group_gone(group: int) -> bool:
    """Whether no process of the run's process group is left (waiting up to 30 s)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


MOMENTS = [
    ("group", signal.SIGINT, 0.1),
    ("group", signal.SIGTERM, 0.3),
    ("group", signal.SIGINT, 0.6),
    ("group", signal.SIGTERM, 1.0),
    ("group", signal.SIGINT, 1.5),
    ("main", signal.SIGTERM, 0.4),
    ("main", signal.SIGINT, 0.8),
]


@pytest.mark.parametrize(("whom", "signum", "delay"), MOMENTS, ids=str)
def test_an_interrupted_fix_leaves_every_file_old_or_new(
    corpus: tuple[Path, Path], tmp_path: Path, whom: str, signum: signal.Signals, delay: float
) -> None:
    """``group``: the whole process group is signalled, as Ctrl-C in a terminal does (the
    workers get it too); ``main``: only the main process (``kill PID``), which stops its
    workers itself."""
    originals, fixed = corpus
    folder = tmp_path / "run"
    shutil.copytree(originals, folder)
    process = _run(folder, "--jobs", "2")
    time.sleep(delay)
    if whom == "group":
        os.killpg(process.pid, signum)
    else:
        os.kill(process.pid, signum)
    _, raw = process.communicate(timeout=TIMEOUT)
    stderr = raw.decode("utf-8", "replace")
    assert _group_gone(process.pid), "a worker process outlived the run"

    names = sorted(os.listdir(folder))
    left = [name for name in names if name.endswith(SUFFIX)]
    assert not left, "a temporary file was left behind"
    assert names == sorted(os.listdir(originals))
    new = old = 0
    neither = []
    for name in names:
        data = (folder / name).read_bytes()
        if data == (fixed / name).read_bytes():
            new += 1
        elif data == (originals / name).read_bytes():
            old += 1
        else:
            neither.append(name)
    if neither:
        # The tree may have changed since the fixture's run (others edit it while the suite
        # runs): fix the originals again, now, and judge the files by that.
        fixed = _fixed_now(originals, tmp_path / "again")
        neither = [n for n in neither if (folder / n).read_bytes() != (fixed / n).read_bytes()]
        new += FILES - new - old - len(neither)
    if neither:  # show the first, against the fixed version
        first = neither[0]
        diff = difflib.unified_diff(
            (fixed / first).read_text("utf-8").splitlines(),
            (folder / first).read_text("utf-8", "replace").splitlines(),
            lineterm="",
        )
        shown = "\n".join(list(diff)[:40])
        pytest.fail(f"{len(neither)} files are neither old nor new, {first}:\n{shown}\n{stderr}")
    assert new + old == FILES
    if process.returncode == 0:  # the signal came after the run had finished
        return
    if process.returncode in (-signum, 1) and old == FILES:
        return  # the signal came while Python started, before artlint set its handlers
    if process.returncode == -signum and new == FILES:
        return  # the signal came as the process ended, its work done and handlers gone
    assert process.returncode == 128 + signum, stderr
    assert "Traceback" not in stderr
    assert f"artlint: interrupted ({signum.name})" in stderr


def test_the_writer_removes_its_temporary_file_when_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "post.md"
    article.write_bytes(b"old")
    for name in ("write", "fsync", "fchmod", "replace"):
        with monkeypatch.context() as patch:

            def interrupt(*args: object) -> None:
                raise KeyboardInterrupt

            patch.setattr(f"artlint.writer.os.{name}", interrupt)
            with pytest.raises(KeyboardInterrupt):
                write_atomic(article, b"new", expected=b"old")
        assert article.read_bytes() == b"old", name
        assert os.listdir(tmp_path) == ["post.md"], name


def test_an_interruption_right_after_the_temporary_file_is_made_leaves_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The signal's handler may run as ``os.open`` returns, before its result is kept."""
    article = tmp_path / "post.md"
    article.write_bytes(b"old")
    real_open = os.open

    def open_then_interrupt(path: str, flags: int, mode: int = 0o777) -> int:
        real_open(path, flags, mode)
        raise KeyboardInterrupt

    monkeypatch.setattr("artlint.writer.os.open", open_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(article, b"new", expected=b"old")
    assert os.listdir(tmp_path) == ["post.md"]


def test_disk_full_while_writing_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "post.md"
    article.write_bytes(b"old")

    def disk_full(handle: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("artlint.writer.os.write", disk_full)
    with pytest.raises(WriteError, match="cannot write the file: No space left on device"):
        write_atomic(article, b"new", expected=b"old")
    assert article.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["post.md"]


def _terminated_while_writing(article: str) -> None:
    """In a worker-like child: SIGTERM arrives while the fixed file is being fsynced."""
    signals.worker_signals()
    import artlint.writer

    def fsync_then_signal(handle: int) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler runs before this ends

    artlint.writer.os.fsync = fsync_then_signal

    def work(paths: list[str]) -> list[None]:
        for path in paths:
            write_atomic(Path(path), b"new", expected=b"old")
        return [None]

    _guarded(work, [article])
    os._exit(0)  # not reached: _guarded ends the process


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_worker_terminated_while_writing_cleans_up_and_ends_with_143(tmp_path: Path) -> None:
    """The pool ends the other workers with SIGTERM when one dies: each unwinds first."""
    article = tmp_path / "post.md"
    article.write_bytes(b"old")
    child = multiprocessing.get_context("fork").Process(
        target=_terminated_while_writing, args=(str(article),)
    )
    child.start()
    child.join(TIMEOUT)
    assert child.exitcode == 128 + signal.SIGTERM
    assert article.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["post.md"]
