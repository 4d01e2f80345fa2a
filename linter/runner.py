"""Running many files: the result cache first, then a process pool for the rest.

:func:`iter_lint` hands each file's report over as soon as its turn comes, in the order of
the jobs (sorted by path), so the command line writes a 100,000-file report while it lints
and holds one file's violations at a time.  For each file the cache is asked first (by
content hash; see :mod:`artlint.cache`); the misses go to a pool of worker processes, which
read the files themselves and send back plain rows (see :mod:`artlint.compact`).  Small
runs (a pre-commit batch) stay in one process: a pool costs more to start than a few files
cost to lint.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from artlint.cache import (
    BULK,
    Cache,
    Cached,
    Encoded,
    Rendered,
    content_key,
    encode,
    settings_fingerprint,
)
from artlint.compact import Row, violation_rows
from artlint.report import (
    WORKER_DIED_CODE,
    Detail,
    FileReport,
    run_failed,
)
from artlint.settings import Settings

if TYPE_CHECKING:
    from artlint.writer import WriteError

#: Below this many files per worker, one process is faster than a pool.
MIN_FILES_PER_JOB = 16
#: Files per task sent to a worker, at most: each task costs the pool a round trip
#: through its queues and threads (10,000 files in chunks of 24: 3.65 s; of 64: 3.42 s).
MAX_CHUNK = 64


def chunk_size(files: int, workers: int) -> int:
    """Big chunks for throughput, but at least 4 per worker so that they finish together."""
    return max(1, min(MAX_CHUNK, files // (workers * 4)))


@dataclass(frozen=True, slots=True)
class Job:
    path: Path
    display: str
    settings: Settings


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


#: A file to lint: its index among the jobs, the job, whether to hash its content (for the
#: cache), and what the report needs of it.
Task = tuple[int, Job, bool, Detail]
#: What a worker sends back for a file: its rows; or, for the text report, its lines
#: (Rendered), with the cache's entry when the run keeps one (Encoded): bytes cross between
#: processes far more cheaply than 100,000s of tuples, and the work is done in parallel.
Outcome = list[Row] | Encoded | Rendered
#: A linted file: its index, the hash of the content linted (None: not asked or
#: unreadable), and its outcome.
Linted = tuple[int, str | None, Outcome]


def _lint_one(job: Job, want_key: bool, detail: Detail) -> tuple[str | None, Outcome]:
    """Lint one file, reading it here; with ``want_key`` also the hash of what was read."""
    from artlint.engine import lint_rows

    try:
        data = job.path.read_bytes()
    except OSError:  # lint_rows reads it again and says why it cannot
        return None, lint_rows(None, job.path, job.display, job.settings)
    key = content_key(data) if want_key else None
    rows = lint_rows(data, job.path, job.display, job.settings)
    if detail is not Detail.TEXT or run_failed(rows):
        return key, rows
    # lint_rows gives the rows in report order, as plain_lines and the cache want them.
    if want_key:
        return key, encode(rows)
    from artlint.reporters.text import plain_lines, safe_fixes

    return key, Rendered(plain_lines(rows), len(rows), safe_fixes(rows))


def _lint_chunk(chunk: list[Task]) -> list[Linted]:
    """Worker: lint a few files; plugins named by the settings are loaded here too."""
    from artlint.registry import register_plugins

    results = []
    for index, job, want_key, detail in chunk:
        if job.settings.plugins:
            register_plugins(job.settings.plugins)
        results.append((index, *_lint_one(job, want_key, detail)))
    return results


def _use_pool(workers: int, files: int) -> bool:
    return workers > 1 and files >= MIN_FILES_PER_JOB * 2


def _linted(tasks: list[Task], workers: int) -> Generator[Linted, None, None]:
    """Lint ``tasks``, results in their order; in a pool when there are enough of them."""
    if not _use_pool(workers, len(tasks)):
        for task in tasks:  # one at a time: each report is handed over as it is made
            yield from _lint_chunk([task])
        return
    from artlint.pool import ordered_map

    chunk = chunk_size(len(tasks), workers)
    yield from ordered_map(_lint_chunk, tasks, workers=workers, chunk=chunk, dead=_lint_died)


WORKER_DIED = "the process checking this file died (killed, or out of memory); it was not checked"


def _died(job: Job) -> list[Row]:
    from artlint.engine import engine_violation

    return violation_rows([engine_violation(job.display, WORKER_DIED_CODE, WORKER_DIED)])


def _lint_died(task: Task) -> Linted:
    return (task[0], None, _died(task[1]))


class Progress:
    """A one-line progress bar on stderr: only on a terminal, never in CI, for big runs."""

    #: The bar on the screen now, if any (see :class:`AboveProgress`).
    shown_bar: Progress | None = None

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self.shown = 0.0
        self.enabled = (
            total >= 200
            and sys.stderr.isatty()
            and not os.environ.get("CI")
            and not os.environ.get("NO_PROGRESS")
        )

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.shown < 0.1 and self.done < self.total:
            return
        self.shown = now
        elapsed = max(now - self.started, 1e-6)
        rate = self.done / elapsed
        eta = (self.total - self.done) / rate if rate else 0.0
        width = 30
        filled = int(width * self.done / self.total)
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(
            f"\r[{bar}] {self.done}/{self.total} files  {rate:,.0f}/s  ETA {eta:.0f}s "
        )
        sys.stderr.flush()
        Progress.shown_bar = self

    def clear(self) -> None:
        """Take the bar off the screen (an advance at least 0.1 s later draws it again)."""
        if Progress.shown_bar is self:
            sys.stderr.write("\r" + " " * 72 + "\r")
            sys.stderr.flush()
            Progress.shown_bar = None

    def close(self) -> None:
        self.enabled = False
        self.clear()


class AboveProgress:
    """A terminal stream whose writes go above the progress bar: the bar is cleared first,
    so a report written while files are linted never shares a line with it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if Progress.shown_bar is not None:
            Progress.shown_bar.clear()
        return self._stream.write(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Lookup:
    """The cache's side of a run: which jobs are hits, their rows a batch at a time (in job
    order), and storing the misses' results."""

    def __init__(self, cache_dir: Path, files: int, detail: Detail) -> None:
        self.cache = Cache(cache_dir, bulk=files >= BULK)
        self.detail = detail
        self._fingerprints: dict[Settings, str] = {}
        #: job index -> (fingerprint, content hash) of the jobs found in the cache.
        self.hits: dict[int, tuple[str, str]] = {}
        self._order: list[int] = []  # the hits' indices, in job order
        self._next = 0  # the first hit of _order whose rows were not fetched yet
        self._window: dict[int, Cached | None] = {}

    def fingerprint(self, settings: Settings) -> str:
        found = self._fingerprints.get(settings)
        if found is None:
            found = self._fingerprints[settings] = settings_fingerprint(settings)
        return found

    def find(self, index: int, job: Job) -> bool:
        key = self.cache.key_of(job.path)
        if key is None:
            return False
        fingerprint = self.fingerprint(job.settings)
        if self.cache.contains(fingerprint, key):
            self.hits[index] = (fingerprint, key)
            self._order.append(index)
            return True
        return False

    def cached(self, index: int) -> Cached | None:
        """What the cache holds for the hit ``index`` (None when the entry turned out
        malformed); ask in job order."""
        if index not in self._window:
            self._fetch()
        return self._window.pop(index, None)

    def _fetch(self) -> None:
        """The rows of the next BULK hits, a query per fingerprint."""
        batch = self._order[self._next : self._next + BULK]
        self._next += len(batch)
        wanted: dict[str, list[int]] = {}
        for index in batch:
            wanted.setdefault(self.hits[index][0], []).append(index)
        self._window = dict.fromkeys(batch)
        for fingerprint, indices in wanted.items():
            keys = [self.hits[i][1] for i in indices]
            found = self.cache.get_many(fingerprint, keys, self.detail)
            for index in indices:
                self._window[index] = found.get(self.hits[index][1])

    def store(self, job: Job, key: str, entry: Encoded) -> None:
        self.cache.put(self.fingerprint(job.settings), key, entry)


def iter_lint(
    jobs: Sequence[Job],
    *,
    workers: int = 1,
    cache_dir: Path | None = None,
    detail: Detail = Detail.FULL,
) -> Iterator[FileReport]:
    """Lint every job; each report is handed over as soon as its turn (job order) comes.

    ``detail``: what the reader needs of each report.  Results from the cache come at that
    detail (the text report needs no violations decoded, only its lines); files linted now
    come whole.
    """
    lookup = _Lookup(cache_dir, len(jobs), detail) if cache_dir is not None else None
    todo: list[Task] = [
        (index, job, lookup is not None, detail)
        for index, job in enumerate(jobs)
        if lookup is None or not lookup.find(index, job)
    ]
    progress = Progress(len(jobs))
    linted = _linted(todo, workers)
    try:
        for index, job in enumerate(jobs):
            hit = lookup is not None and index in lookup.hits
            cached = lookup.cached(index) if lookup is not None and hit else None
            progress.advance()
            if isinstance(cached, Rendered):
                yield FileReport.from_text(job.display, *cached)
                continue
            if cached is not None:
                yield FileReport(job.display, rows=cached, detail=detail)
                continue
            if hit:  # a malformed entry: lint the file here
                _, key, outcome = _lint_chunk([(index, job, True, detail)])[0]
            else:
                done, key, outcome = next(linted)
                assert done == index, "results come back in the order of the jobs"
            if isinstance(outcome, list):
                file = FileReport(job.display, rows=outcome)
                # A crashed rule (AL900) or a dead worker (AL901) is not a result to keep.
                if lookup is not None and key is not None and not file.crashed:
                    lookup.store(job, key, encode(file.rows))
            elif isinstance(outcome, Encoded):
                file = FileReport.from_text(job.display, *outcome.rendered())
                if lookup is not None and key is not None:
                    lookup.store(job, key, outcome)
            else:
                file = FileReport.from_text(job.display, *outcome)
            yield file
    finally:
        linted.close()
        progress.close()
        if lookup is not None:
            lookup.cache.save()


def lint_jobs(
    jobs: Sequence[Job], *, workers: int = 1, cache_dir: Path | None = None
) -> list[FileReport]:
    """Lint every job; reports in the order of ``jobs``."""
    return list(iter_lint(jobs, workers=workers, cache_dir=cache_dir))


FixTask = tuple[int, Job]


def _fix_chunk(
    chunk: list[FixTask], unsafe: bool, write: bool, keep_texts: bool = True
) -> list[tuple[int, FileReport]]:
    """Fix a few files.  The texts are kept only for --diff (which shows them).

    The chunk's writes are committed together (see :func:`artlint.writer.batch`): the
    files are fsynced at once, then each replaces its original.
    """
    from artlint.fixing import fix_file
    from artlint.registry import register_plugins
    from artlint.signals import raise_if_pending
    from artlint.writer import batch

    results = []
    with batch() as pending:
        for index, job in chunk:
            raise_if_pending()  # an interruption lost in a finalizer stops the run here
            if job.settings.plugins:
                register_plugins(job.settings.plugins)
            allow = unsafe or job.settings.unsafe_fixes
            report = fix_file(job.path, job.display, job.settings, unsafe=allow, write=write)
            results.append((index, job, report))
        failures = pending.commit()
    done = []
    for index, job, report in results:
        failure = failures.get(job.path)
        if failure is not None:
            report = _unwritten(job, report, *failure)
        done.append((index, report if keep_texts else report.without_texts()))
    return done


def _unwritten(job: Job, report: FileReport, data: bytes, error: WriteError) -> FileReport:
    """The report of a file whose fixed version could not be written (found when the batch
    was committed): as :func:`artlint.fixing.fix_file` reports a write that fails at once,
    IO002 and the lint of the original, nothing fixed."""
    from artlint.engine import engine_violation, lint_bytes
    from artlint.fixing import UNWRITABLE

    violations = list(lint_bytes(data, job.display, job.settings))
    message = f"not written: {error.reason}"
    violations.insert(0, engine_violation(job.display, UNWRITABLE, message))
    violations.sort(key=lambda violation: violation.sort_key)
    return FileReport(
        path=job.display,
        violations=tuple(violations),
        fixed=0,
        original_text=report.original_text,
        fixed_text=report.fixed_text,
    )


def _fix_died(task: FixTask) -> tuple[int, FileReport]:
    index, job = task
    return index, FileReport(job.display, rows=_died(job))


def iter_fix(
    jobs: Sequence[Job], *, workers: int = 1, unsafe: bool = False, write: bool = True
) -> Iterator[FileReport]:
    """Fix every job (never cached: the files change); reports handed over in job order."""
    tasks = list(enumerate(jobs))
    progress = Progress(len(jobs))
    try:
        if _use_pool(workers, len(tasks)):
            from artlint.pool import ordered_map

            # From a worker the texts travel back only for --diff, which shows them.
            work = functools.partial(_fix_chunk, unsafe=unsafe, write=write, keep_texts=not write)
            results: Iterator[tuple[int, FileReport]] = ordered_map(
                work,
                tasks,
                workers=workers,
                chunk=chunk_size(len(tasks), workers),
                dead=_fix_died,
            )
        else:
            # A few files at a time, so that their writes are committed together.
            results = (
                result
                for start in range(0, len(tasks), MIN_FILES_PER_JOB)
                for result in _fix_chunk(tasks[start : start + MIN_FILES_PER_JOB], unsafe, write)
            )
        for _, report in results:
            progress.advance()
            yield report
    finally:
        progress.close()


def fix_jobs(
    jobs: Sequence[Job], *, workers: int = 1, unsafe: bool = False, write: bool = True
) -> list[FileReport]:
    """Fix every job; reports in the order of ``jobs``."""
    return list(iter_fix(jobs, workers=workers, unsafe=unsafe, write=write))
