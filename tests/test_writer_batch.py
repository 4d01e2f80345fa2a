"""A batch of atomic writes: fsyncs start a group at a time while the worker goes on.

Each file is fsynced before it replaces its original, a failure stays with its own file, an
interruption leaves every original and no temporary file, and a forked child (a pool's
worker) gets fsync threads of its own.
"""

from __future__ import annotations

import _thread
import errno
import multiprocessing
import os
import threading
from pathlib import Path

import pytest

from artlint.writer import SYNC_GROUP, batch, share_sync_threads, write_atomic
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


def test_no_fsync_thread_outlives_its_batch(tmp_path: Path) -> None:
    """A process that forks later (a library caller's next run, with workers) has none."""
    paths = _articles(tmp_path)
    with batch() as pending:
        for number, path in enumerate(paths):
            write_atomic(path, b"new %d" % number, expected=b"old %d" % number)
        assert any(thread.name.startswith("artlint-fsync") for thread in threading.enumerate())
        assert pending.commit() == {}
    assert not [t for t in threading.enumerate() if t.name.startswith("artlint-fsync")]


def test_discarding_waits_for_the_fsync_under_way_even_when_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The handle is closed only after the thread's fsync returns, and an interruption that
    comes during the wait (a second Ctrl-C) is raised once the temporary file is gone."""
    paths = _articles(tmp_path, SYNC_GROUP)
    entered, release = threading.Event(), threading.Event()
    still_open: list[bool] = []
    real_fsync = os.fsync

    def held_fsync(handle: int) -> None:
        if handle == held.handle:
            entered.set()
            release.wait(10)
            try:
                os.fstat(handle)
                still_open.append(True)
            except OSError:
                still_open.append(False)
        real_fsync(handle)

    monkeypatch.setattr("artlint.writer.os.fsync", held_fsync)
    pending = batch()
    group = pending.__enter__()
    held = None
    try:
        for number, path in enumerate(paths):
            write_atomic(path, b"new %d" % number, expected=b"old %d" % number)
            if held is None:
                held = group.staged[0]
        assert entered.wait(10)
        # A second interruption arrives while discard waits; the fsync ends a little later.
        threading.Timer(0.2, _thread.interrupt_main).start()
        threading.Timer(0.6, release.set).start()
        with pytest.raises(KeyboardInterrupt):
            group.discard()
    finally:
        release.set()
        pending.__exit__(None, None, None)
    assert still_open == [True]
    assert [path.read_bytes() for path in paths] == [b"old %d" % n for n in range(SYNC_GROUP)]
    assert sorted(os.listdir(tmp_path)) == [path.name for path in paths]


def _two_batches_sharing_threads(folder: str) -> None:
    """In a child, as a pool's worker: the threads of the first batch serve the second."""
    share_sync_threads()
    alive_after: list[set[int]] = []
    for round_ in range(2):
        with batch() as pending:
            for path in sorted(Path(folder).iterdir()):
                data = path.read_bytes()
                write_atomic(path, data + b"!", expected=data)
            failures = pending.commit()
        fsync_threads = [t for t in threading.enumerate() if t.name.startswith("artlint-fsync")]
        alive_after.append({thread.ident or 0 for thread in fsync_threads})
        if failures or not fsync_threads:
            os._exit(10 + round_)
    # The first batch's threads still run (the second may have started a few more).
    os._exit(0 if alive_after[0] <= alive_after[1] else 3)


def test_a_pool_worker_keeps_its_fsync_threads_for_all_its_chunks(tmp_path: Path) -> None:
    paths = _articles(tmp_path)
    process = multiprocessing.get_context("fork").Process(
        target=_two_batches_sharing_threads, args=(str(tmp_path),)
    )
    process.start()
    process.join(30)
    if process.exitcode is None:
        process.kill()
    assert process.exitcode == 0
    assert [path.read_bytes() for path in paths] == [b"old %d!!" % n for n in range(FILES)]
