"""The result cache: a file whose content, settings and artlint version were linted before
is not linted again.

One SQLite database per artlint version (``.artlint_cache/<version>/cache.sqlite3``, the
standard library's ``sqlite3``) holds two tables:

- ``results``: (settings fingerprint, hash of the file's content) -> the file's violations
  and the last day they were used.  The fingerprint covers everything besides the content
  that can change a result: artlint's version (and its own files, for development
  installs), the resolved settings, the content of the schema and of every rule pack, the
  plugins and their versions.  The violations are stored three ways, each read only by
  the reports that need it (:class:`artlint.report.Detail`): the plain text report's lines
  (without the path) with their counts; the :mod:`artlint.compact` rows in JSON, fixes
  without their edits; and the edits.  A warm text run decodes no violation at all.
- ``files``: path -> (size, mtime, ctime, inode) and the content hash last seen there, so
  an unchanged file is not even read (git's index does the same).  An entry is only
  written for a file last modified more than :data:`RACY_SECONDS` before the run: a file
  written again within the same clock tick, at the same size, could otherwise keep a
  stale hash.  A fresh clone (new inodes and times) falls back to hashing the content.

A run reads a few hundred files' results at a time, as their turn comes, so memory stays
flat however big the cache is; its new results are written in batches, each in one
transaction.

- Safe to share: SQLite's transactions and locks, so two runs never see half a write; a
  run that cannot get the lock in time skips writing (its results are computed again next
  time).
- Read defensively: each stored form carries its CRC-32, and one that does not match is a
  miss (torn writes, disk errors, hand edits), as is JSON that is not a list of rows; a
  database that SQLite finds corrupt, or of another layout, is deleted and started again.
  JSON and text only, so a planted cache cannot run code.
- Entries unused for :data:`KEEP_DAYS` days are dropped, so a small run (pre-commit on a
  few files) never empties the cache and a big one never grows it without bound.
- The folder gets a ``.gitignore`` of ``*`` and a ``CACHEDIR.TAG``, so neither git nor
  backup tools pick it up.  ``artlint clean`` removes it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from artlint import __version__
from artlint.compact import Row
from artlint.report import Detail
from artlint.settings import Settings

DEFAULT_DIR = ".artlint_cache"
DATABASE = "cache.sqlite3"
#: Entries not used for this many days are dropped.
KEEP_DAYS = 30
#: Files modified this recently are hashed again next time (see the module docstring).
RACY_SECONDS = 2
#: Results are written every this many files (one transaction each).
BATCH = 500
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# artlint's result cache\n"
#: Bumped when the tables change: a database of another layout is started again.
LAYOUT = 5
#: An entry holds a file's results three ways, each read only by the readers that need it
#: (see :class:`artlint.report.Detail`): ``text``, the plain text report's lines with
#: ``count`` and ``safe``; ``rows``, the rows with each fix as [applicability, message];
#: ``edits``, each row's fix edits.  Each is UTF-8 JSON or text with its CRC-32.
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS results (fingerprint TEXT NOT NULL, key TEXT NOT NULL,"
    " day INTEGER NOT NULL, count INTEGER NOT NULL, safe INTEGER NOT NULL,"
    " text BLOB NOT NULL, text_crc INTEGER NOT NULL, rows BLOB NOT NULL,"
    " rows_crc INTEGER NOT NULL, edits BLOB NOT NULL, edits_crc INTEGER NOT NULL,"
    " PRIMARY KEY (fingerprint, key)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, stat TEXT NOT NULL,"
    " key TEXT NOT NULL) WITHOUT ROWID",
    # Dropping the entries unused for KEEP_DAYS must not read the whole table every run.
    "CREATE INDEX IF NOT EXISTS results_by_day ON results (day)",
    f"PRAGMA user_version = {LAYOUT}",
)
#: Seconds to wait for another run's transaction before going on without the cache.
LOCK_TIMEOUT = 5.0
#: Runs over this many files read the small tables whole instead of one query a file.
BULK = 200


def content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _file_digest(path: Path) -> str:
    try:
        return content_key(path.read_bytes())
    except OSError:
        return "unreadable"


@functools.cache
def code_digest() -> str:
    """A digest of the names, sizes and times of artlint's own files.

    The version alone would do for an installed release; in a checkout installed for
    development (``pip install -e``) the code changes under the same version, and results
    cached before an edit to a rule must not outlive it.  A stat of some 100 files.
    """
    import artlint
    import artlint.rules
    import artlint.schemas

    return folders_digest([*artlint.__path__, *artlint.rules.__path__, *artlint.schemas.__path__])


def folders_digest(folders: list[str]) -> str:
    """A digest of the path, size and mtime of every file below ``folders`` (bytecode
    caches left out)."""
    folders = list(folders)
    entries: set[str] = set()
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as found:
                for entry in found:
                    if entry.is_dir():
                        if entry.name != "__pycache__":
                            folders.append(entry.path)
                        continue
                    status = entry.stat()
                    entries.add(f"{entry.path}:{status.st_size}:{status.st_mtime_ns}")
        except OSError:
            entries.add(f"{folder}:unreadable")
    return hashlib.blake2b("\0".join(sorted(entries)).encode(), digest_size=16).hexdigest()


def settings_fingerprint(settings: Settings) -> str:
    """A digest of everything besides the file's bytes that decides its violations."""
    from artlint.registry import all_rules

    parts: list[str] = [__version__, code_digest(), settings.model_dump_json()]
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


def _encoded(text: str) -> tuple[bytes, int]:
    data = text.encode("utf-8", "surrogatepass")
    return data, zlib.crc32(data)


class Rendered(NamedTuple):
    """A file's results as the plain text report shows them (:class:`Detail` TEXT)."""

    text: str
    violations: int
    safe_fixes: int


Cached = list[Row] | Rendered


class Encoded(NamedTuple):
    """A file's results as an entry stores them (see :func:`encode`)."""

    violations: int
    safe_fixes: int
    text: bytes
    text_crc: int
    rows: bytes
    rows_crc: int
    edits: bytes
    edits_crc: int

    def rendered(self) -> Rendered:
        text = self.text.decode("utf-8", "surrogatepass")
        return Rendered(text, self.violations, self.safe_fixes)


def encode(rows: Sequence[Row]) -> Encoded:
    """``rows`` (in report order) the three ways the module docstring lists.

    Workers call this, so that a run that caches sends the main process bytes to store
    and lines to print, not rows to take apart.
    """
    from artlint.reporters.text import plain_lines, safe_fixes

    brief = [(*row[:10], None if row[10] is None else row[10][:2]) for row in rows]
    edits = [None if row[10] is None else row[10][2] for row in rows]
    return Encoded(
        len(rows),
        safe_fixes(rows),
        *_encoded(plain_lines(rows)),
        *_encoded(_json(brief)),
        *_encoded(_json(edits)),
    )


class Cache:
    """The result cache in ``directory`` (opened on first use; every failure is a miss).

    ``bulk``: the run is big, so the stat table and the keys of each fingerprint are read
    whole (one query) rather than one query a file.
    """

    def __init__(self, directory: Path, *, bulk: bool = False) -> None:
        self.directory = directory
        self.path = directory / __version__ / DATABASE
        self._bulk = bulk
        self._db: sqlite3.Connection | None = None
        self._broken = False
        self._absent = False
        self._today = _today()
        self._racy_after = time.time_ns() - RACY_SECONDS * 1_000_000_000
        self._files: dict[str, tuple[str, str]] | None = None
        self._keys: dict[str, set[str]] = {}
        self._new_results: list[tuple[object, ...]] = []
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
            db = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT, isolation_level=None)
            db.execute("PRAGMA synchronous = OFF")  # a cache needs atomicity, not durability
            layout = db.execute("PRAGMA user_version").fetchone()[0]
            if layout != LAYOUT:
                tables = db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
                if tables:  # made by another artlint: start again
                    db.close()
                    self.path.unlink()
                    db = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT, isolation_level=None)
                for statement in _SCHEMA:
                    db.execute(statement)
        except sqlite3.Error as error:
            self._failed(error)
            return None
        except OSError:
            self._reset()
            return None
        self._db = db
        return db

    def _query(self, sql: str, parameters: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        db = self._connection()
        if db is None:
            return []
        try:
            return db.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            self._failed(error)
            return []

    def _known(self, name: str) -> tuple[str, str] | None:
        """The stat and content hash last recorded for the file ``name``."""
        if self._bulk:
            if self._files is None:
                rows = self._query("SELECT path, stat, key FROM files", ())
                self._files = {path: (stat, key) for path, stat, key in rows}
            return self._files.get(name)
        found = self._query("SELECT stat, key FROM files WHERE path = ?", (name,))
        return (found[0][0], found[0][1]) if found else None

    def key_of(self, path: Path) -> str | None:
        """The content hash of the file at ``path`` (read only when its stat changed), or
        None when it cannot be read."""
        try:
            stat = os.stat(path)
        except OSError:
            return None
        name = os.path.abspath(path)
        stat_text = _stat_text(stat)
        known = self._known(name)
        if known is not None and known[0] == stat_text and type(known[1]) is str:
            return known[1]
        try:
            with open(path, "rb") as file:
                key = content_key(file.read())
        except OSError:
            return None
        if stat.st_mtime_ns < self._racy_after and stat.st_ctime_ns < self._racy_after:
            self._new_files.append((name, stat_text, key))
        return key

    def contains(self, fingerprint: str, key: str) -> bool:
        if self._bulk:
            keys = self._keys.get(fingerprint)
            if keys is None:
                found = self._query("SELECT key FROM results WHERE fingerprint = ?", (fingerprint,))
                keys = self._keys[fingerprint] = {row[0] for row in found}
            return key in keys
        sql = "SELECT 1 FROM results WHERE fingerprint = ? AND key = ?"
        return bool(self._query(sql, (fingerprint, key)))

    def get_many(
        self, fingerprint: str, keys: list[str], detail: Detail = Detail.FULL
    ) -> dict[str, Cached]:
        """What is stored for each of ``keys`` (at most :data:`BULK` of them) that has a
        sound entry, at ``detail``: missing and malformed entries are left out."""
        marks = ",".join("?" * len(keys))
        columns = {
            Detail.TEXT: "text, text_crc, count, safe, NULL, NULL",
            Detail.ROWS: "rows, rows_crc, NULL, NULL, NULL, NULL",
            Detail.FULL: "rows, rows_crc, NULL, NULL, edits, edits_crc",
        }[detail]
        sql = f"SELECT key, day, {columns} FROM results WHERE fingerprint = ? AND key IN ({marks})"
        found: dict[str, Cached] = {}
        for key, day, data, crc, count, safe, edits, edits_crc in self._query(
            sql, (fingerprint, *keys)
        ):
            if not _intact(data, crc):
                continue
            if detail is Detail.TEXT:
                if type(count) is not int or type(safe) is not int:
                    continue
                found[key] = Rendered(data.decode("utf-8", "surrogatepass"), count, safe)
            else:
                rows = _rows(data, edits if detail is Detail.FULL else None, edits_crc)
                if rows is None:
                    continue
                found[key] = rows
            if day != self._today:
                self._used.append((self._today, fingerprint, key))
        return found

    def get(self, fingerprint: str, key: str) -> list[Row] | None:
        """The complete rows stored for ``key``, or None when there are none (or they are
        malformed)."""
        found = self.get_many(fingerprint, [key]).get(key)
        return found if isinstance(found, list) else None

    # Writing ------------------------------------------------------------------------------

    def put(self, fingerprint: str, key: str, entry: Encoded) -> None:
        """Store a file's results, encoded by :func:`encode`."""
        self._new_results.append((fingerprint, key, self._today, *entry))
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
            db.executemany(
                "INSERT OR REPLACE INTO results (fingerprint, key, day, count, safe, text,"
                " text_crc, rows, rows_crc, edits, edits_crc)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                results,
            )
            db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", files)
            db.executemany("UPDATE results SET day = ? WHERE fingerprint = ? AND key = ?", used)
            db.execute("COMMIT")
        except sqlite3.Error as error:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            self._failed(error)

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

    def _failed(self, error: sqlite3.Error) -> None:
        """Stop using the cache for this run; delete it unless another run holds its lock
        (then these results are simply computed again next time)."""
        if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
            with contextlib.suppress(sqlite3.Error):
                if self._db is not None:
                    self._db.close()
            self._db, self._broken = None, True
            return
        self._reset()

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


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _intact(data: Any, crc: Any) -> bool:
    """Whether ``data`` is what was stored: bytes with the CRC-32 stored beside them.

    That catches torn writes, disk errors and hand edits without inspecting each of a warm
    run's 100,000s of rows: what passes was written by :meth:`Cache.put`, which made it
    with ``json.dumps`` from rows of the right types.
    """
    return type(data) is bytes and type(crc) is int and zlib.crc32(data) == crc


def _json_list(data: bytes) -> list[Any] | None:
    try:
        value = json.loads(data)
    except ValueError:  # also UnicodeDecodeError
        return None
    return value if type(value) is list else None


def _rows(data: bytes, edits: Any, edits_crc: Any) -> list[Row] | None:
    """The rows of an entry, each fix completed with its edits (None: not asked for)."""
    rows = _json_list(data)
    if rows is None:
        return None
    if edits is None:
        all_edits: list[Any] | None = [None] * len(rows)
    else:
        all_edits = _json_list(edits) if _intact(edits, edits_crc) else None
    if all_edits is None or len(all_edits) != len(rows):
        return None
    for row, row_edits in zip(rows, all_edits, strict=True):
        if type(row) is not list or len(row) != 11:
            return None
        if row[10] is not None:
            row[10].append(row_edits)
    return rows


def clean(directory: Path) -> bool:
    """Remove a cache folder; False when there was none."""
    import shutil

    if not (directory / "CACHEDIR.TAG").exists() and not (directory / ".gitignore").exists():
        return False
    shutil.rmtree(directory, ignore_errors=True)
    return True
