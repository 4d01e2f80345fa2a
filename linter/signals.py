"""SIGINT and SIGTERM: an exception that unwinds cleanly, in the main process and in workers.

In the main process SIGINT is Python's ``KeyboardInterrupt``; :func:`main_signals` makes
SIGTERM raise :class:`Terminated`, a ``KeyboardInterrupt`` too, so both unwind the same way
(``finally`` blocks run: the writer removes its temporary file, the pool shuts down) and the
command line exits with :func:`exit_status` (130 or 143, as shells expect).

A worker process of the pool gets the signals of its process group (a Ctrl-C in the
terminal) and SIGTERM from the pool (which ends the other workers when one dies).
:func:`worker_signals` makes both raise :class:`Interrupted` there, once: the file being
written is left old or new and its temporary file removed, and the worker ends (see
:func:`artlint.pool`).
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Stopped(KeyboardInterrupt):
    """SIGINT in the main process, while :func:`main_signals` is in force.

    A ``KeyboardInterrupt`` of its own class: when a plain one passes through code that
    Python runs with ``PyRun_String`` (imports do), Python remembers it and, at exit, ends
    the process by SIGINT whatever the status it was given.
    """


class Terminated(Stopped):
    """SIGTERM in the main process, handled like SIGINT."""


class Interrupted(SystemExit):
    """SIGINT or SIGTERM in a worker process; ``code`` is the exit status (128 + signal).

    A ``SystemExit``: a worker that was waiting for work when it came ends quietly with it.
    """


def exit_status(error: KeyboardInterrupt) -> int:
    """130 for SIGINT, 143 for SIGTERM: 128 + the signal's number."""
    return 128 + (signal.SIGTERM if isinstance(error, Terminated) else signal.SIGINT)


def signal_name(error: KeyboardInterrupt) -> str:
    return "SIGTERM" if isinstance(error, Terminated) else "SIGINT"


#: The interruption a handler raised, kept: raised inside a finalizer or a callback, where
#: Python only prints exceptions, it would be lost; :func:`raise_if_pending` raises it again.
_pending: BaseException | None = None


def _raise(interruption: BaseException) -> None:
    global _pending
    _pending = interruption
    raise interruption


def raise_if_pending() -> None:
    """Raise again an interruption whose first raising was lost (see ``_pending``); called
    between files, where a run checks that it may go on."""
    if _pending is not None:
        raise _pending


def clear_pending() -> None:
    """The interruption was handled (by the command line's exit)."""
    global _pending
    _pending = None


def pending() -> BaseException | None:
    """The interruption raised and not yet handled, if any (an exception other than the
    interruption may be what reaches the top: one raised in ``__set_name__`` during an
    import becomes a ``RuntimeError``)."""
    return _pending


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    _raise(Stopped())


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    _raise(Terminated())


@contextmanager
def main_signals() -> Iterator[None]:
    """While inside, SIGINT raises :class:`Stopped` and SIGTERM :class:`Terminated`,
    both remembered until handled (see ``_pending``); the previous handlers come back
    afterwards.  Does nothing outside the main thread, where handlers cannot be set."""
    try:
        previous_term = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread
        yield
        return
    previous_int = signal.signal(signal.SIGINT, _raise_stopped)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous_int)
        signal.signal(signal.SIGTERM, previous_term)


def _ignore(signum: int, frame: FrameType | None) -> None:
    """A handler that does nothing (not SIG_IGN: a signal already on its way when the
    handler changes to SIG_IGN makes Python raise an OSError wherever it is)."""


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    # Once: a second signal (Ctrl-C for the group, then SIGTERM from the main process)
    # must not interrupt the cleanup of the first.
    signal.signal(signal.SIGINT, _ignore)
    signal.signal(signal.SIGTERM, _ignore)
    _raise(Interrupted(128 + signum))


def worker_signals() -> None:
    """A worker process's initializer: SIGINT and SIGTERM raise :class:`Interrupted`."""
    signal.signal(signal.SIGINT, _raise_interrupted)
    signal.signal(signal.SIGTERM, _raise_interrupted)
