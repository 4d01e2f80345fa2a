"""IO001 unreadable-file."""

from __future__ import annotations

from artlint.rule import EngineRule, FixAvailability, Severity


class UnreadableFile(EngineRule):
    """What it does:
    Reports a file that cannot be read as UTF-8 text: bytes that are not UTF-8 (the offset of
    the first bad byte is named), a missing file, or one without read permission.

    Why it matters:
    Static site generators read articles as UTF-8. A file in another encoding renders as
    mojibake or breaks the build, and no other rule can check it.

    Example:
        A GBK-encoded article: ``title: \\xd6\\xd0\\xce\\xc4`` (bytes that are not UTF-8).

    Use instead:
        The same article saved as UTF-8: ``title: 中文``.

    Fix safety:
        No automatic fix: re-encode the file as UTF-8.
    """

    code = "IO001"
    name = "unreadable-file"
    summary = "File cannot be read as UTF-8 text"
    severity = Severity.ERROR
    fixable = FixAvailability.NEVER
