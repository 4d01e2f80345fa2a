"""The result cache: a file whose content, settings and artlint version were linted before
is not linted again.

One folder per settings fingerprint under ``.artlint_cache/<version>/``, holding up to 256
JSON shards, maps the hash of a file's content to its violations (as
:mod:`artlint.compact` rows).  The fingerprint
covers everything that can change a result: the resolved settings, the content of the
schema and of every rule pack, the plugins and their versions, and artlint's version.

- Written atomically (temporary file, ``os.replace``): two runs sharing the cache never see
  a half-written file; the last one to finish wins, and the other's new entries are simply
  computed again next time.
- Read defensively: anything that does not parse or has the wrong shape is ignored (a
  cache miss), never trusted; JSON only, so a planted cache file cannot run code.
- The folder gets a ``.gitignore`` of ``*`` and a ``CACHEDIR.TAG``, so neither git nor
  backup tools pick it up.  ``artlint clean`` removes it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from artlint import __version__
from artlint.compact import Row
from artlint.settings import Settings

DEFAULT_DIR = ".artlint_cache"
_SEVERITIES = frozenset({"error", "warning"})
_APPLICABILITIES = frozenset({"safe", "unsafe"})
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# artlint's result cache\n"


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


#: Entries not used for this many days are dropped when their shard is written again.
KEEP_DAYS = 30


def _today() -> int:
    return int(time.time() // 86_400)


class Cache:
    """The cache entries of one settings fingerprint, in 256 shards by content hash.

    A run reads only the shards its files fall in (a 5-file pre-commit run reads at most
    5 small files, not the whole cache) and writes back only the shards it touched.  An
    entry is ``[last day used, rows]``; entries of files not in this run are kept until
    they have gone unused for ``KEEP_DAYS`` days, so a small run does not empty the cache.
    """

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.directory = directory
        self.folder = directory / __version__ / fingerprint
        self._shards: dict[str, dict[str, Any]] = {}
        self._touched: set[str] = set()
        self._today = _today()

    def _shard(self, key: str) -> dict[str, Any]:
        name = key[:2]
        shard = self._shards.get(name)
        if shard is None:
            shard = self._shards[name] = self._load(self.folder / f"{name}.json")
        return shard

    @staticmethod
    def _load(path: Path) -> dict[str, Any]:
        try:
            data: Any = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        entries = data.get("entries") if isinstance(data, dict) else None
        return entries if isinstance(entries, dict) else {}

    def get(self, key: str) -> list[Row] | None:
        shard = self._shard(key)
        entry = shard.get(key)
        if not (type(entry) is list and len(entry) == 2 and type(entry[0]) is int):
            return None
        checked = _checked(entry[1])
        if checked is None:
            return None
        if entry[0] != self._today:
            entry[0] = self._today
            self._touched.add(key[:2])
        return checked

    def put(self, key: str, rows: list[Row]) -> None:
        self._shard(key)[key] = [self._today, rows]
        self._touched.add(key[:2])

    def save(self) -> None:
        """Write the shards this run changed, each atomically; errors are ignored."""
        if not self._touched:
            return
        with contextlib.suppress(OSError):
            self._prepare()
            oldest = self._today - KEEP_DAYS
            for name in sorted(self._touched):
                entries = {
                    key: entry
                    for key, entry in self._shards[name].items()
                    if type(entry) is list
                    and entry
                    and type(entry[0]) is int
                    and entry[0] >= oldest
                }
                self._write(self.folder / f"{name}.json", {"entries": entries})

    def _write(self, path: Path, data: dict[str, Any]) -> None:
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(data, stream, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def _prepare(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by artlint\n*\n", "utf-8")
        tag = self.directory / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(_TAG, "utf-8")


def _edit(edit: Any) -> tuple[Any, ...] | None:
    if (
        type(edit) is list
        and len(edit) == 7
        and type(edit[0]) is int
        and type(edit[1]) is int
        and type(edit[2]) is int
        and type(edit[3]) is int
        and type(edit[4]) is str
        and type(edit[5]) is int
        and type(edit[6]) is int
    ):
        return tuple(edit)
    return None


def _checked(rows: Any) -> list[Row] | None:
    """Cached rows as tuples, or None when anything in them has the wrong shape.

    Every field is checked (a hand-edited or truncated cache must never reach a reporter),
    with plain type tests: this runs over every violation of a warm run.
    """
    if type(rows) is not list:
        return None
    checked: list[Row] = []
    for row in rows:
        if not (
            type(row) is list
            and len(row) == 11
            and type(row[0]) is str
            and type(row[1]) is str
            and type(row[2]) is str
            and row[3] in _SEVERITIES
            and type(row[4]) is int
            and type(row[5]) is int
            and type(row[6]) is int
            and type(row[7]) is int
            and type(row[8]) is int
            and type(row[9]) is int
        ):
            return None
        fix = row[10]
        if fix is not None:
            if not (
                type(fix) is list
                and len(fix) == 3
                and fix[0] in _APPLICABILITIES
                and type(fix[1]) is str
                and type(fix[2]) is list
            ):
                return None
            edits = [_edit(edit) for edit in fix[2]]
            if None in edits:
                return None
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
