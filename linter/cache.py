"""The result cache: a file whose content, settings and artlint version were linted before
is not linted again.

One SQLite database per artlint version (``.artlint_cache/<version>/cache.sqlite3``, the
standard library's ``sqlite3``) holds two tables:

- ``results``: (settings fingerprint, hash of the file's content) -> the file's violations
  as :mod:`artlint.compact` rows in JSON, and the last day they were used.  The fingerprint
  covers everything besides the content that can change a result: the resolved settings,
  the content of the schema and of every rule pack, the plugins and their versions.
- ``files``: path -> (size, mtime, ctime, inode) and the content hash last seen there, so
  an unchanged file is not even read (git's index does the same).  An entry is only
  written for a file last modified more than :data:`RACY_SECONDS` before the run: a file
  written again within the same clock tick, at the same size, could otherwise keep a
  stale hash.  A fresh clone (new inodes and times) falls back to hashing the content.

A run looks up each file as its turn comes and decodes only that file's rows, so memory
stays flat however big the cache is; its new results are written in batches, each in one
transaction.

- Safe to share: SQLite's transactions and locks, so two runs never see half a write; a
  run that cannot get the lock in time skips writing (its results are computed again next
  time).
- Read defensively: an entry whose rows do not have exactly the expected shape is a miss;
  a database that SQLite finds corrupt is deleted and started again.  JSON only, so a
  planted cache cannot run code.
- Entries unused for :data:`KEEP_DAYS` days are dropped, so a small run (pre-commit on a
  few files) never empties the cache and a big one never grows it without bound.
- The folder gets a ``.gitignore`` of ``*`` and a ``CACHEDIR.TAG``, so neither git nor
  backup tools pick it up.  ``artlint clean`` removes it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from artlint import __version__
from artlint.compact import Row
from artlint.settings import Settings

DEFAULT_DIR = ".artlint_cache"
DATABASE = "cache.sqlite3"
#: Entries not used for this many days are dropped.
KEEP_DAYS = 30
#: Files modified this recently are hashed again next time (see the module docstring).
RACY_SECONDS = 2
#: Results are written every this many files (one transaction each).
BATCH = 500
_SEVERITIES = frozenset({"error", "warning"})
_APPLICABILITIES = frozenset({"safe", "unsafe"})
_ROW_TYPES = (str, str, str, str, int, int, int, int, int, int)
_FIX_TYPES = (str, str, list)
_EDIT_TYPES = (int, int, int, int, str, int, int)
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# artlint's result cache\n"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS results (fingerprint TEXT NOT NULL, key TEXT NOT NULL,"
    " day INTEGER NOT NULL, rows TEXT NOT NULL, PRIMARY KEY (fingerprint, key)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, stat TEXT NOT NULL,"
    " key TEXT NOT NULL) WITHOUT ROWID",
)


def content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _file_digest(path: Path) -> str:
    try:
        return content_key(path.read_bytes())
    except OSError:
        return "unreadable"


def settings_fingerprint(settings: Settings) -> str:
    """A digest of everything besides the file's bytes that decides its violations."""
    from artlint.registry import all_rules

    parts: list[str] = [__version__, settings.model_dump_json()]
    if settings.schema_path is not None:
        parts.append(_file_digest(settings.schema_path))
    parts.extend(_file_digest(path) for path in settings.packs)
    # Plugin rules: their code travels with their module's version.
    parts.extend(
        f"{rule.code}:{getattr(__import__(rule.__module__.split('.')[0]), '__version__', '')}"
        for rule in all_rules()
        if not rule.__module__.startswith("artlint.")
    )
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


def _today() -> int:
    return int(time.time() // 86_400)


def _stat_text(stat: os.stat_result) -> str:
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}"


class Cache:
    """The result cache in ``directory`` (opened on first use; every failure is a miss)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / __version__ / DATABASE
        self._db: sqlite3.Connection | None = None
        self._broken = False
        self._absent = False
        self._today = _today()
        self._racy_after = time.time_ns() - RACY_SECONDS * 1_000_000_000
        self._new_results: list[tuple[str, str, int, str]] = []
        self._new_files: list[tuple[str, str, str]] = []
        self._used: list[tuple[int, str, str]] = []

    # Reading ------------------------------------------------------------------------------

    def _connection(self, create: bool = False) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        if not create and (self._absent or not self.path.exists()):
            self._absent = True  # no cache yet: every lookup is a miss
            return None
        try:
            if create:
                self._prepare()
            db = sqlite3.connect(self.path, timeout=5, isolation_level=None)
            db.execute("PRAGMA synchronous = OFF")  # a cache needs atomicity, not durability
            for statement in _SCHEMA:
                db.execute(statement)
        except (sqlite3.Error, OSError):
            self._reset()
            return None
        self._db = db
        return db

    def _query(self, sql: str, parameters: tuple[Any, ...]) -> tuple[Any, ...] | None:
        db = self._connection()
        if db is None:
            return None
        try:
            row: tuple[Any, ...] | None = db.execute(sql, parameters).fetchone()
        except sqlite3.Error:
            self._reset()
            return None
        return row

    def key_of(self, path: Path) -> str | None:
        """The content hash of the file at ``path`` (read only when its stat changed), or
        None when it cannot be read."""
        try:
            stat = os.stat(path)
        except OSError:
            return None
        name = os.path.abspath(path)
        stat_text = _stat_text(stat)
        known = self._query("SELECT stat, key FROM files WHERE path = ?", (name,))
        if known is not None and known[0] == stat_text and type(known[1]) is str:
            key: str = known[1]
            return key
        try:
            with open(path, "rb") as file:
                key = content_key(file.read())
        except OSError:
            return None
        if stat.st_mtime_ns < self._racy_after and stat.st_ctime_ns < self._racy_after:
            self._new_files.append((name, stat_text, key))
        return key

    def contains(self, fingerprint: str, key: str) -> bool:
        sql = "SELECT 1 FROM results WHERE fingerprint = ? AND key = ?"
        return self._query(sql, (fingerprint, key)) is not None

    def get(self, fingerprint: str, key: str) -> list[Row] | None:
        """The rows stored for ``key``, or None when there are none or they are malformed."""
        sql = "SELECT day, rows FROM results WHERE fingerprint = ? AND key = ?"
        found = self._query(sql, (fingerprint, key))
        if found is None or type(found[1]) is not str:
            return None
        try:
            rows = _checked(json.loads(found[1]))
        except (ValueError, RecursionError):
            return None
        if rows is not None and found[0] != self._today:
            self._used.append((self._today, fingerprint, key))
        return rows

    # Writing ------------------------------------------------------------------------------

    def put(self, fingerprint: str, key: str, rows: list[Row]) -> None:
        text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
        self._new_results.append((fingerprint, key, self._today, text))
        if len(self._new_results) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if not (self._new_results or self._new_files or self._used):
            return
        db = self._connection(create=True)
        results, files, used = self._new_results, self._new_files, self._used
        self._new_results, self._new_files, self._used = [], [], []
        if db is None:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)", results)
            db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", files)
            db.executemany("UPDATE results SET day = ? WHERE fingerprint = ? AND key = ?", used)
            db.execute("COMMIT")
        except sqlite3.OperationalError:  # locked by another run for too long: skip
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
        except sqlite3.Error:
            self._reset()

    def save(self) -> None:
        """Write what is left, drop entries unused for KEEP_DAYS days, and close."""
        self._flush()
        db = self._db
        if db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            db.execute("DELETE FROM results WHERE day < ?", (self._today - KEEP_DAYS,))
        with contextlib.suppress(sqlite3.Error):
            db.close()
        self._db = None

    def _reset(self) -> None:
        """A database SQLite cannot read: delete it (a cache is only ever a copy)."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
        with contextlib.suppress(OSError):
            self.path.unlink()
        self._broken = True

    def _prepare(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by artlint\n*\n", "utf-8")
        tag = self.directory / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(_TAG, "utf-8")


def _checked(rows: Any) -> list[Row] | None:
    """Cached rows as tuples, or None when anything in them has the wrong shape.

    Every field is checked (a hand-edited or truncated cache must never reach a reporter);
    ``map(type, ...)`` compares a whole row's types at C speed, as this runs over every
    violation of a warm run.
    """
    if type(rows) is not list:
        return None
    checked: list[Row] = []
    for row in rows:
        if type(row) is not list or len(row) != 11:
            return None
        if tuple(map(type, row[:10])) != _ROW_TYPES or row[3] not in _SEVERITIES:
            return None
        fix = row[10]
        if fix is not None:
            if type(fix) is not list or tuple(map(type, fix)) != _FIX_TYPES:
                return None
            if fix[0] not in _APPLICABILITIES:
                return None
            edits = []
            for edit in fix[2]:
                if type(edit) is not list or tuple(map(type, edit)) != _EDIT_TYPES:
                    return None
                edits.append(tuple(edit))
            fix = (fix[0], fix[1], edits)
        checked.append((*row[:10], fix))
    return checked


def clean(directory: Path) -> bool:
    """Remove a cache folder; False when there was none."""
    import shutil

    if not (directory / "CACHEDIR.TAG").exists() and not (directory / ".gitignore").exists():
        return False
    shutil.rmtree(directory, ignore_errors=True)
    return True
