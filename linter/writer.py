"""Atomic file writes for ``--fix``: the file is either the old bytes or the new, never partial.

The new content goes to a temporary file in the same folder (so ``os.replace`` is a rename on
one file system), is flushed and fsynced, gets the original file's permission bits, and then
replaces the original in one step.  Before replacing, the original is read again: if it no
longer holds the bytes that were fixed, someone else changed it and it is not overwritten.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class WriteError(OSError):
    """The fixed file was not written; the original is unchanged.  ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def write_atomic(path: Path, data: bytes, *, expected: bytes) -> None:
    """Replace ``path``'s content with ``data`` if it still holds ``expected``."""
    try:
        current = path.read_bytes()
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError as error:
        raise WriteError(f"cannot read the file again: {error.strerror or error}") from None
    if current != expected:
        raise WriteError("the file changed on disk while artlint was fixing it")
    target = path.resolve()
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".artlint-tmp"
        )
    except OSError as error:
        raise WriteError(f"cannot create a temporary file: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise WriteError(f"cannot write the file: {error.strerror or error}") from None
