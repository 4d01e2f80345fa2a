"""Decoded article text, how it was encoded, and offset-to-position conversion.

Every position artlint reports starts life as an offset into the decoded text (an index
into a ``str``, so one unit per code point).  ``LineIndex`` is the one place that turns
such offsets into 1-based lines and code-point columns, whatever produced them: YAML
marks, the HTML span index or a rule's own search.

Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``, as editors count them.  The text is never
stripped or normalised: fixes are edits on exactly this text.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

UTF8_BOM = b"\xef\xbb\xbf"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Position(NamedTuple):
    """A 1-based line and a 1-based column counted in code points."""

    line: int
    column: int


class UndecodableError(ValueError):
    """The bytes are not UTF-8 text; carries the offending byte offset and its position.

    ``encoding`` is the codec the whole file decodes with strictly and losslessly, as far
    as artlint can tell (what ``--fix --unsafe-fixes`` re-encodes from), or None.
    """

    def __init__(
        self, reason: str, byte_offset: int, position: Position, encoding: str | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.byte_offset = byte_offset
        self.position = position
        self.encoding = encoding


#: Byte order marks other than UTF-8's: the codec that decodes the file (the mark becoming
#: U+FEFF) and its name.  UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32LE"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32BE"),
    (b"\xff\xfe", "utf-16-le", "UTF-16LE"),
    (b"\xfe\xff", "utf-16-be", "UTF-16BE"),
)

#: Magic numbers of binary formats a scraper may save under an article's name.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
)

#: Python codec names (as charset-normalizer gives them) to the names people know.
_NAMES = {
    "gb18030": "GB18030",
    "gbk": "GBK",
    "gb2312": "GB2312",
    "big5": "Big5",
    "big5hkscs": "Big5-HKSCS",
    "shift_jis": "Shift JIS",
    "cp932": "Shift JIS (cp932)",
    "euc_jp": "EUC-JP",
    "euc_kr": "EUC-KR",
    "cp949": "EUC-KR (cp949)",
    "utf_16": "UTF-16",
    "utf_16_le": "UTF-16LE",
    "utf_16_be": "UTF-16BE",
    "utf_32": "UTF-32",
    "latin_1": "Latin-1",
    "iso8859_15": "Latin-9",
    "koi8_r": "KOI8-R",
}


def _display_name(codec: str) -> str:
    if codec in _NAMES:
        return _NAMES[codec]
    if codec.startswith("cp") and codec[2:].isdigit():
        return f"Windows-{codec[2:]}" if codec.startswith("cp12") else codec
    return codec.replace("_", "-").upper()


def _lossless(data: bytes, codec: str) -> bool:
    """Whether ``data`` decodes strictly with ``codec`` and encodes back to the same bytes."""
    try:
        return data.decode(codec).encode(codec) == data
    except (UnicodeError, LookupError):
        return False


def _decoded(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError):
        return None


def _binary(data: bytes) -> str | None:
    """What binary format ``data`` looks like, or None if it may be text."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    return "binary data" if b"\x00" in data else None


def diagnose(data: bytes, bad: int) -> tuple[str, str | None]:
    """Why ``data`` (bad UTF-8 from offset ``bad``) is not UTF-8, as the end of an IO001
    message, and the codec it decodes with losslessly (for the unsafe fix), if any.

    charset-normalizer is imported only here: most runs never see a file that is not UTF-8.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            if _lossless(data, codec):
                return f"it looks like {name} (it starts with a {name} byte order mark)", codec
            return f"it starts with a {name} byte order mark but does not decode as {name}", None
    what = _binary(data)
    if what is not None:
        return f"it looks like {what}, not text", None
    surrogate = data[bad : bad + 3]
    if (
        len(surrogate) == 3
        and surrogate[0] == 0xED
        and 0xA0 <= surrogate[1] <= 0xBF
        and 0x80 <= surrogate[2] <= 0xBF
    ):
        point = 0xD000 | (data[bad + 1] & 0x3F) << 6 | (data[bad + 2] & 0x3F)
        return (
            f"bytes 0x{data[bad]:02x} 0x{data[bad + 1]:02x} 0x{data[bad + 2]:02x} encode the "
            f"lone surrogate U+{point:04X}, which UTF-8 does not allow"
        ), None
    if not data[:bad].isascii():
        # Valid UTF-8 with non-ASCII text before the bad byte: a UTF-8 file with damage,
        # not another encoding (decoding it as one would garble the UTF-8 part).
        return "the text before it is UTF-8: the file mixes encodings or is damaged", None
    from charset_normalizer import from_bytes

    # UTF-16 and UTF-32 without a byte order mark "decode" any text of the right length:
    # charset-normalizer offers them for short files, and they are never what a scraper wrote.
    matches = [
        match for match in from_bytes(data) if not match.encoding.startswith(("utf_16", "utf_32"))
    ]
    if not matches:
        return "no text encoding fits: it looks like binary data", None
    matches.sort(key=lambda match: (match.chaos, -match.coherence))
    best = matches[0]
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    if len(tied) > 1:
        # Encodings of one family (GB18030, GBK, GB2312) tie on text all of them read the
        # same: that is no ambiguity, and the best-ranked name stands for them.
        text = _decoded(data, best.encoding)
        tied = [best, *(m for m in tied[1:] if _decoded(data, m.encoding) != text)]
    if len(tied) > 1:
        names = [_display_name(match.encoding) for match in tied[:3]]
        listed = ", ".join(names[:-1]) + f" or {names[-1]}"
        more = ", among others" if len(tied) > 3 else ""
        return f"it may be {listed}{more} (too little text to tell)", None
    codec = best.encoding
    name = _display_name(codec)
    if not _lossless(data, codec):
        return f"it looks like {name}, but does not decode as {name} without loss", None
    return f"it looks like {name}", codec


@dataclass(frozen=True, slots=True)
class LineIndex:
    """Start offsets of every line of a text, for offset -> (line, column) look-ups."""

    line_starts: tuple[int, ...]
    length: int

    @classmethod
    def of(cls, text: str) -> LineIndex:
        if "\r" not in text:
            # Only "\n" ends lines: the starts are the running sum of the line lengths (each
            # plus its "\n"), all computed in C, at a third of the cost of the general way.
            lengths = map(len, text.split("\n")[:-1])
            return cls((0, *itertools.accumulate(map((1).__add__, lengths))), len(text))
        starts = [0]
        starts.extend(match.end() for match in _LINE_BREAK.finditer(text))
        return cls(tuple(starts), len(text))

    def position(self, offset: int) -> Position:
        """The 1-based line and column of ``offset`` (clamped into the text)."""
        offset = max(0, min(offset, self.length))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return Position(line + 1, offset - self.line_starts[line] + 1)

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """``(line, column, end_line, end_column)`` of offsets ``start`` and ``end``.

        :meth:`position` twice without its two named tuples: the engine places every
        finding and fix edit this way, tens of thousands of times in a large run.
        """
        starts = self.line_starts
        length = self.length
        start = 0 if start < 0 else (length if start > length else start)
        end = 0 if end < 0 else (length if end > length else end)
        line = bisect.bisect_right(starts, start)
        end_line = line if end == start else bisect.bisect_right(starts, end)
        return line, start - starts[line - 1] + 1, end_line, end - starts[end_line - 1] + 1

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based line and column (inverse of :meth:`position`)."""
        return self.line_starts[line - 1] + column - 1

    def line_span(self, offset: int) -> tuple[int, int]:
        """Start offset of the line holding ``offset`` and the start of the next line."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[line]
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else self.length
        return start, end


def _position_of(payload: bytes, bad: int) -> Position:
    """The line and column of byte ``bad`` of ``payload``, whose bytes before it are UTF-8."""
    prefix = payload[:bad].decode("utf-8", errors="replace")
    return LineIndex.of(prefix).position(len(prefix))


def detect_newline(text: str) -> str:
    """The newline the text uses most (``\\n`` when it has none); fixes write this one."""
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    best = max((lf, "\n"), (crlf, "\r\n"), (cr, "\r"), key=lambda pair: pair[0])
    return best[1] if best[0] else "\n"


@dataclass(frozen=True, slots=True)
class Source:
    """An article's decoded text and everything needed to write it back byte-identically."""

    text: str
    bom: bool = False
    encoding: str = "utf-8"
    lines: LineIndex = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", LineIndex.of(self.text))

    @classmethod
    def from_bytes(cls, data: bytes) -> Source:
        """Decode UTF-8 (remembering a BOM); raise :class:`UndecodableError` otherwise, and
        for text with a NUL byte (binary data that happens to be valid UTF-8)."""
        bom = data.startswith(UTF8_BOM)
        start = len(UTF8_BOM) if bom else 0
        payload = data[start:] if bom else data
        try:
            text = payload.decode("utf-8")
        except UnicodeDecodeError as error:
            bad = error.start
            position = _position_of(payload, bad)
            why, encoding = diagnose(payload, bad)
            byte_offset = bad + start
            reason = (
                f"not UTF-8: byte 0x{payload[bad]:02x} at offset {byte_offset} "
                f"(line {position.line}, column {position.column}); {why}"
            )
            raise UndecodableError(reason, byte_offset, position, encoding) from None
        nul = text.find("\x00")
        if nul >= 0:
            byte_offset = len(text[:nul].encode("utf-8")) + start
            position = LineIndex.of(text[: nul + 1]).position(nul)
            what = _binary(payload) or "binary data"
            reason = (
                f"not text: NUL byte at offset {byte_offset} "
                f"(line {position.line}, column {position.column}); it looks like {what}"
            )
            raise UndecodableError(reason, byte_offset, position)
        return cls(text, bom=bom)

    @classmethod
    def reencoded(cls, data: bytes, encoding: str) -> Source:
        """The text of ``data`` decoded strictly with ``encoding`` (an
        :attr:`UndecodableError.encoding`), to be written back as UTF-8: without the other
        encoding's byte order mark, with the UTF-8 one if the file had it.  Raises
        :class:`UnicodeError` if the bytes do not decode."""
        bom = data.startswith(UTF8_BOM)
        text = (data[len(UTF8_BOM) :] if bom else data).decode(encoding)
        return cls(text.removeprefix("\ufeff"), bom=bom)

    def to_bytes(self, text: str | None = None) -> bytes:
        """Encode ``text`` (default: this source's text) the way this source was encoded."""
        encoded = (self.text if text is None else text).encode(self.encoding)
        return UTF8_BOM + encoded if self.bom else encoded

    def position(self, offset: int) -> Position:
        return self.lines.position(offset)
