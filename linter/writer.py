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
        status = path.stat()
    except OSError as error:
        raise WriteError(f"cannot read the file again: {error.strerror or error}") from None
    if current != expected:
        raise WriteError("the file changed on disk while artlint was fixing it")
    mode = stat.S_IMODE(status.st_mode)
    # Replacing the file would sidestep what its owner set up: a read-only file stays as it
    # is (even for root, who could write it), and a hard-linked one would split from its
    # other names, which would keep the old text.
    if not mode & stat.S_IWUSR:
        raise WriteError("the file is read-only")
    if status.st_nlink > 1:
        raise WriteError(
            f"the file has {status.st_nlink} hard links; replacing it would split them"
        )
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
        _keep_owner(temporary, status)
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise WriteError(f"cannot write the file: {error.strerror or error}") from None


def _keep_owner(temporary: str, status: os.stat_result) -> None:
    """Give the new file the old one's owner and group where we may (root, same user)."""
    if hasattr(os, "chown") and (os.getuid() == 0 or status.st_uid == os.getuid()):
        with contextlib.suppress(OSError):
            os.chown(temporary, status.st_uid, status.st_gid)
