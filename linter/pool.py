"""A process pool that survives the death of a worker.

``ProcessPoolExecutor`` gives up on every pending task when one worker process dies (killed
by a signal, by the kernel's out-of-memory killer, or by ``os._exit`` in a plugin): all
that is left is ``BrokenProcessPool``.  :func:`ordered_map` starts a new pool and goes on,
losing nothing: the first unfinished item is run again on its own, in a pool of one, and
only an item that kills that worker too is given up on (``dead(item)`` stands for its
results).  The other items that were in flight when the pool broke were victims, not
culprits, and are run again; until the culprit is found they go one per task, so that a
second death points at one item.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

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
        pool = ProcessPoolExecutor(max_workers=workers)
        try:
            # A future keeps its result: each is let go once read, or a run would hold them all.
            futures = deque(pool.submit(work, list(part)) for part in chunks)
            for part in chunks:
                yield from futures.popleft().result()
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
        finally:
            # Also when the reader stops early: what was not started is not started.
            pool.shutdown(wait=True, cancel_futures=True)


def _alone(work: Work[Item, Result], item: Item) -> list[Result]:
    """``work`` on ``item`` in a pool of its own (never in this process: it may kill it)."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        return pool.submit(work, [item]).result()
