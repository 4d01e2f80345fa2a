"""Running many files: the result cache first, then a process pool for the rest.

Files are read once in the main process (to hash them for the cache); a miss is linted by a
worker, which gets the bytes and settings and sends back plain rows (see
:mod:`artlint.compact`).  Results are put back in the order of the files, so the report is
the same whatever ``jobs`` is.  Small runs (a pre-commit batch) stay in one process: a pool
costs more to start than a few files cost to lint.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from artlint.cache import Cache, content_key, settings_fingerprint
from artlint.compact import Row, violation_rows, violations_from_rows
from artlint.report import FileReport
from artlint.settings import Settings

#: Below this many files per worker, one process is faster than a pool.
MIN_FILES_PER_JOB = 16
CHUNK = 24


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


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _lint_one(job: Job, data: bytes | None) -> list[Row]:
    from artlint.engine import lint_bytes, lint_file

    if data is None:  # not read yet (no cache) or unreadable: lint_file reads, or says why
        return violation_rows(lint_file(job.path, job.display, job.settings))
    return violation_rows(lint_bytes(data, job.display, job.settings))


def _lint_chunk(chunk: list[tuple[int, Job, bytes | None]]) -> list[tuple[int, list[Row]]]:
    """Worker: lint a few files; plugins named by the settings are loaded here too."""
    from artlint.registry import register_plugins

    results = []
    for index, job, data in chunk:
        if job.settings.plugins:
            register_plugins(job.settings.plugins)
        results.append((index, _lint_one(job, data)))
    return results


Task = tuple[int, Job, bytes | None]


def _chunks(items: Sequence[Task]) -> Iterator[list[Task]]:
    for start in range(0, len(items), CHUNK):
        yield list(items[start : start + CHUNK])


class Progress:
    """A one-line progress bar on stderr: only on a terminal, never in CI, for big runs."""

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

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 72 + "\r")
            sys.stderr.flush()


def _crashed(rows: list[Row]) -> bool:
    return any(row[0] == "AL900" for row in rows)


def lint_jobs(
    jobs: Sequence[Job], *, workers: int = 1, cache_dir: Path | None = None
) -> list[FileReport]:
    """Lint every job; reports in the order of ``jobs``."""
    rows: list[list[Row] | None] = [None] * len(jobs)
    caches: dict[Settings, Cache] = {}
    keys: list[str | None] = [None] * len(jobs)
    todo: list[tuple[int, Job, bytes | None]] = []
    progress = Progress(len(jobs))
    for index, job in enumerate(jobs):
        # Without a cache nothing needs the bytes here: the worker reads its own files.
        data = _read(job.path) if cache_dir is not None else None
        if cache_dir is not None and data is not None:
            cache = caches.get(job.settings)
            if cache is None:
                cache = caches[job.settings] = Cache(cache_dir, settings_fingerprint(job.settings))
            key = keys[index] = content_key(data)
            cached = cache.get(key)
            if cached is not None:
                rows[index] = cached
                progress.advance()
                continue
        todo.append((index, job, data))
    if workers > 1 and len(todo) >= MIN_FILES_PER_JOB * 2:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            for results in pool.map(_lint_chunk, _chunks(todo)):
                for index, file_rows in results:
                    rows[index] = file_rows
                progress.advance(len(results))
    else:
        for index, job, data in todo:
            rows[index] = _lint_one(job, data)
            progress.advance()
    progress.close()
    for index, job, _ in todo:
        entry_key, result = keys[index], rows[index]
        # A crashed rule (AL900) is not a result to keep.
        if entry_key is not None and result is not None and not _crashed(result):
            caches[job.settings].put(entry_key, result)
    for cache in caches.values():
        cache.save()
    return [
        FileReport(path=job.display, violations=violations_from_rows(job.display, file_rows or []))
        for job, file_rows in zip(jobs, rows, strict=True)
    ]


def _fix_chunk(
    chunk: list[tuple[int, Job]], unsafe: bool, write: bool, keep_texts: bool = True
) -> list[tuple[int, FileReport]]:
    """Fix a few files.  From a worker, the texts travel back only for --diff (which shows
    them): thousands of fixed files would otherwise all be held in memory at the end."""
    from artlint.fixing import fix_file
    from artlint.registry import register_plugins

    results = []
    for index, job in chunk:
        if job.settings.plugins:
            register_plugins(job.settings.plugins)
        allow = unsafe or job.settings.unsafe_fixes
        report = fix_file(job.path, job.display, job.settings, unsafe=allow, write=write)
        if not keep_texts:
            report = report.model_copy(update={"original_text": None, "fixed_text": None})
        results.append((index, report))
    return results


def fix_jobs(
    jobs: Sequence[Job], *, workers: int = 1, unsafe: bool = False, write: bool = True
) -> list[FileReport]:
    """Fix every job (never cached: the files change); reports in the order of ``jobs``."""
    reports: list[FileReport | None] = [None] * len(jobs)
    tasks = list(enumerate(jobs))
    progress = Progress(len(jobs))
    if workers > 1 and len(tasks) >= MIN_FILES_PER_JOB * 2:
        from concurrent.futures import ProcessPoolExecutor

        chunks = [tasks[start : start + CHUNK] for start in range(0, len(tasks), CHUNK)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(_fix_chunk, chunk, unsafe, write, not write) for chunk in chunks]
            for future in futures:
                results = future.result()
                for index, report in results:
                    reports[index] = report
                progress.advance(len(results))
    else:
        for index, report in _fix_chunk(tasks, unsafe, write):
            reports[index] = report
            progress.advance()
    progress.close()
    return [report for report in reports if report is not None]
