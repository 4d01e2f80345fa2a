"""A process pool that survives the death of a worker.

``ProcessPoolExecutor`` gives up on every pending task when one worker process dies (killed
by a signal, by the kernel's out-of-memory killer, or by ``os._exit`` in a plugin): all
that is left is ``BrokenProcessPool``.  :func:`ordered_map` starts a new pool and goes on,
losing nothing: the first unfinished item is run again on its own, in a pool of one, and
only an item that kills that worker too is given up on (``dead(item)`` stands for its
results).  The other items that were in flight when the pool broke were victims, not
culprits, and are run again; until the culprit is found they go one per task, so that a
second death points at one item.

Interruptions (see :mod:`artlint.signals`): a worker that gets SIGINT or SIGTERM unwinds
what it was doing (the file being written stays old or new, its temporary file is removed)
and ends.  When the main process is interrupted it sends SIGTERM to its workers, which do
the same, and the pool is shut down before the interruption goes on: no worker is left
running, whether the signal went to the whole process group (Ctrl-C) or to the main process
alone (``kill``).
"""

from __future__ import annotations

import contextlib
import os
from collections import deque
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from artlint.signals import Interrupted, raise_if_pending, worker_signals

Item = TypeVar("Item")
Result = TypeVar("Result")
Work = Callable[[list[Item]], list[Result]]


def ordered_map(
    work: Work[Item, Result],
    items: Sequence[Item],
    *,
    workers: int,
    chunk: int,
    dead: Callable[[Item], Result],
) -> Generator[Result, None, None]:
    """``work`` over ``items`` in chunks, in ``workers`` processes; results in item order."""
    start = 0
    careful = False  # after a death: one item per task until the culprit is found
    while start < len(items):
        size = 1 if careful else chunk
        chunks = [items[at : at + size] for at in range(start, len(items), size)]
        pool = _pool(workers)
        try:
            # A future keeps its result: each is let go once read, or a run would hold them all.
            futures = deque(pool.submit(_guarded, work, list(part)) for part in chunks)
            for part in chunks:
                yield from futures.popleft().result()
                raise_if_pending()
                start += len(part)
            return
        except BrokenProcessPool:
            suspect = items[start]
            start += 1
            try:
                yield from _alone(work, suspect)
            except BrokenProcessPool:  # it kills a worker on its own too: the culprit
                yield dead(suspect)
                careful = False
            else:  # a victim: the culprit is further on
                careful = True
        except KeyboardInterrupt:  # SIGINT, or SIGTERM (artlint.signals.Terminated)
            _stop_workers(pool)
            raise
        finally:
            # Also when the reader stops early: what was not started is not started.
            pool.shutdown(wait=True, cancel_futures=True)


def _alone(work: Work[Item, Result], item: Item) -> list[Result]:
    """``work`` on ``item`` in a pool of its own (never in this process: it may kill it)."""
    with _pool(1) as pool:
        try:
            return pool.submit(_guarded, work, [item]).result()
        except KeyboardInterrupt:
            _stop_workers(pool)
            raise


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_worker_start)


def _worker_start() -> None:
    """A worker process's initializer: SIGINT and SIGTERM raise
    :class:`~artlint.signals.Interrupted`, and ``--fix``'s fsync threads serve all its
    chunks (a worker never forks, and ends with the run)."""
    from artlint.writer import share_sync_threads

    worker_signals()
    share_sync_threads()


def _guarded(work: Work[Item, Result], items: list[Item]) -> list[Result]:
    """In a worker: ``work(items)``; interrupted, the worker ends once ``work`` has unwound.

    Ending it (rather than sending the interruption back as the task's result) leaves the
    main process to decide: interrupted too, it stops; else the pool is broken and the items
    are run again, as after any worker's death.
    """
    try:
        results = work(items)
        raise_if_pending()
        return results
    except Interrupted as stop:
        os._exit(stop.code if isinstance(stop.code, int) else 1)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """SIGTERM to each worker of ``pool``: each unwinds its task and ends (see
    :func:`artlint.signals.worker_signals`), so the shutdown that follows does not wait for
    the tasks to finish.  (The pool has no public way to name its processes.)"""
    with contextlib.suppress(Exception):
        processes = list((getattr(pool, "_processes", None) or {}).values())
        for process in processes:
            with contextlib.suppress(Exception):
                process.terminate()
