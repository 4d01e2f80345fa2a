"""A batch of atomic writes: fsyncs start a group at a time while the worker goes on.

Each file is fsynced before it replaces its original, a failure stays with its own file, an
interruption leaves every original and no temporary file, and a forked child (a pool's
worker) gets fsync threads of its own.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import sys
import threading
from pathlib import Path

import pytest

import artlint.writer
from artlint.writer import SYNC_GROUP, SYNC_THREADS, batch, write_atomic
from tests.conftest import fail_fsync_of

FILES = SYNC_GROUP * 2 + 3  # two whole groups and a rest


def _articles(folder: Path, count: int = FILES) -> list[Path]:
    paths = []
    for number in range(count):
        path = folder / f"{number:03}.md"
        path.write_bytes(b"old %d" % number)
        paths.append(path)
    return paths


def test_every_file_is_fsynced_before_it_replaces_its_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _articles(tmp_path)
    synced: set[str] = set()
    lock = threading.Lock()
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(handle: int) -> None:
        real_fsync(handle)
        with lock:
            synced.add(os.readlink(f"/proc/self/fd/{handle}"))

    def replace(source: str, target: str | Path) -> None:
        with lock:
            assert source in synced
        real_replace(source, target)

    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to name a descriptor's file")
    monkeypatch.setattr("artlint.writer.os.fsync", fsync)
    monkeypatch.setattr("artlint.writer.os.replace", replace)
    with batch() as pending:
        for number, path in enumerate(paths):
            write_atomic(path, b"new %d" % number, expected=b"old %d" % number)
        # The first two groups are being fsynced already, before the commit.
        assert sum(write.sync is not None for write in pending.staged) == SYNC_GROUP * 2
        assert pending.commit() == {}
    assert [path.read_bytes() for path in paths] == [b"new %d" % n for n in range(FILES)]
    assert len(synced) == FILES
    assert sorted(os.listdir(tmp_path)) == [path.name for path in paths]


def test_a_failed_fsync_in_an_early_group_fails_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _articles(tmp_path)
    fail_fsync_of(monkeypatch, paths[1])
    with batch() as pending:
        for number, path in enumerate(paths):
            write_atomic(path, b"new %d" % number, expected=b"old %d" % number)
        failures = pending.commit()
    assert list(failures) == [paths[1]]
    expected_bytes, error = failures[paths[1]]
    assert expected_bytes == b"old 1"
    assert error.reason == f"cannot write the file: {os.strerror(errno.EIO)}"
    assert paths[1].read_bytes() == b"old 1"
    others = [path.read_bytes() for path in paths if path != paths[1]]
    assert others == [b"new %d" % n for n in range(FILES) if n != 1]
    assert sorted(os.listdir(tmp_path)) == [path.name for path in paths]


def test_an_interruption_with_fsyncs_under_way_keeps_every_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _articles(tmp_path)
    started = threading.Event()
    real_fsync = os.fsync

    def noticed_fsync(handle: int) -> None:
        started.set()
        real_fsync(handle)

    monkeypatch.setattr("artlint.writer.os.fsync", noticed_fsync)

    def interrupted_before_the_commit() -> None:
        with batch():
            for number, path in enumerate(paths):
                write_atomic(path, b"new %d" % number, expected=b"old %d" % number)
            assert started.wait(10)
            raise KeyboardInterrupt  # as SIGINT would

    with pytest.raises(KeyboardInterrupt):
        interrupted_before_the_commit()
    assert [path.read_bytes() for path in paths] == [b"old %d" % n for n in range(FILES)]
    assert sorted(os.listdir(tmp_path)) == [path.name for path in paths]


def _write_in_child(folder: str) -> None:
    paths = sorted(Path(folder).iterdir())
    with batch() as pending:
        for path in paths:
            write_atomic(path, b"child", expected=path.read_bytes())
        failures = pending.commit()
    os._exit(0 if not failures else 3)


@pytest.mark.skipif(sys.platform == "win32", reason="fork")
def test_a_forked_child_fsyncs_with_threads_of_its_own(tmp_path: Path) -> None:
    """The parent's fsync threads do not exist in a forked child: it must not wait on them."""
    parent, child = tmp_path / "parent", tmp_path / "child"
    parent.mkdir()
    child.mkdir()
    with batch() as pending:  # the parent's pool of fsync threads now exists
        for number, path in enumerate(_articles(parent)):
            write_atomic(path, b"new", expected=b"old %d" % number)
        assert pending.commit() == {}
    # Every thread the pool may have is running: a child that kept the pool could start none.
    everyone = threading.Barrier(SYNC_THREADS)
    list(artlint.writer._sync_pool().map(lambda _: everyone.wait(), range(SYNC_THREADS)))
    _articles(child)
    process = multiprocessing.get_context("fork").Process(
        target=_write_in_child, args=(str(child),)
    )
    process.start()
    process.join(20)
    if process.exitcode is None:
        process.kill()
    assert process.exitcode == 0
    assert {path.read_bytes() for path in child.iterdir()} == {b"child"}
