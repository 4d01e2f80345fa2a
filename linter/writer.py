"""Atomic file writes for ``--fix``: the file is either the old bytes or the new, never partial.

The new content goes to a temporary file in the same folder (so ``os.replace`` is a rename on
one file system), is flushed and fsynced, gets the original file's permission bits (and owner,
where it differs), and then replaces the original in one step.  Before replacing, the original
is read again: if it no longer holds the bytes that were fixed, someone else changed it and it
is not overwritten.

The temporary file is removed on any failure, including an interruption (``KeyboardInterrupt``
for SIGINT, :class:`artlint.signals.Interrupted` for SIGTERM in a worker): its name is chosen
before it is created, so there is no moment at which it exists unnamed.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

#: How the temporary file's name ends: ``.NAME.XXXXXXXX.artlint-tmp``.
SUFFIX = ".artlint-tmp"
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


class WriteError(OSError):
    """The fixed file was not written; the original is unchanged.  ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def write_atomic(path: Path, data: bytes, *, expected: bytes) -> None:
    """Replace ``path``'s content with ``data`` if it still holds ``expected``."""
    try:
        current = path.read_bytes()
        # A symbolic link is followed: the file it names gets the new content.
        status = os.lstat(path)
        target = path
        if stat.S_ISLNK(status.st_mode):
            target = path.resolve()
            status = os.stat(target)
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
    temporary = ""
    try:
        handle = -1
        for _ in range(100):
            # The name is kept before the file exists, so an interruption at any moment
            # after it was created finds it to remove.
            temporary = str(target.parent / f".{target.name}.{secrets.token_hex(4)}{SUFFIX}")
            try:
                handle = os.open(temporary, _CREATE, 0o600)
                break
            except FileExistsError:
                temporary = ""  # someone else's: not ours to remove
            except OSError as error:
                temporary = ""
                message = f"cannot create a temporary file: {error.strerror or error}"
                raise WriteError(message) from None
        else:
            raise WriteError("cannot create a temporary file: too many name clashes")
        try:
            _write_all(handle, data)
            os.fsync(handle)
            os.fchmod(handle, mode)
            _keep_owner(handle, status)
        finally:
            os.close(handle)
        os.replace(temporary, target)
    except BaseException as error:
        # Any failure, an interruption too: the original stays and no temporary file is left.
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        if isinstance(error, OSError) and not isinstance(error, WriteError):
            raise WriteError(f"cannot write the file: {error.strerror or error}") from None
        raise


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(handle, view)
        view = view[written:]


def _keep_owner(handle: int, status: os.stat_result) -> None:
    """Give the new file the old one's owner and group where we may (root, same user)."""
    if hasattr(os, "fchown") and (os.geteuid() == 0 or status.st_uid == os.geteuid()):
        with contextlib.suppress(OSError):
            os.fchown(handle, status.st_uid, status.st_gid)
