"""IO001 unreadable-file."""

from __future__ import annotations

from artlint.rule import EngineRule, FixAvailability, Severity


class UnreadableFile(EngineRule):
    """What it does:
    Reports a file that cannot be read as UTF-8 text, with the byte offset, line and column
    of the first problem and what the file looks like instead: bytes that are not UTF-8
    (``not UTF-8: byte 0xd6 at offset 12 (line 2, column 8); it looks like GB18030``; the
    likely encoding is found with charset-normalizer, or from a UTF-16 or UTF-32 byte order
    mark), a lone surrogate encoded in UTF-8, binary data (a NUL byte, or an image saved
    under an article's name), or a file that cannot be read at all (missing, a broken
    symbolic link, a directory, no read permission).

    Why it matters:
    Static site generators read articles as UTF-8. A file in another encoding renders as
    mojibake or breaks the build, and no other rule can check it.

    Example:
        A GBK-encoded article: ``title: \\xd6\\xd0\\xce\\xc4`` (bytes that are not UTF-8).

    Use instead:
        The same article saved as UTF-8: ``title: 中文``.

    Fix safety:
        Unsafe: with ``--fix --unsafe-fixes`` a file in another text encoding (GB18030,
        GBK, UTF-16 or UTF-32 with a byte order mark, ...) is re-encoded as UTF-8, and the
        other fixes then apply to it in the same run. Only when the whole file decodes
        strictly in the detected encoding and encodes back to the same bytes; the detection
        is a guess all the same (two encodings may both decode a file), hence unsafe. Line
        endings, a UTF-8 byte order mark and the file's mode are kept; the other encoding's
        byte order mark is dropped. Binary data, lone surrogates, and UTF-8 damaged in
        places are never rewritten; without ``--unsafe-fixes`` the file is left untouched.
    """

    code = "IO001"
    name = "unreadable-file"
    summary = "File cannot be read as UTF-8 text"
    severity = Severity.ERROR
    fixable = FixAvailability.SOMETIMES
