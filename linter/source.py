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
    """The bytes are not valid UTF-8; carries the offending byte offset and its position."""

    def __init__(self, reason: str, byte_offset: int, position: Position) -> None:
        super().__init__(reason)
        self.reason = reason
        self.byte_offset = byte_offset
        self.position = position


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
        """Decode UTF-8 (remembering a BOM); raise :class:`UndecodableError` otherwise."""
        bom = data.startswith(UTF8_BOM)
        payload = data[len(UTF8_BOM) :] if bom else data
        try:
            text = payload.decode("utf-8")
        except UnicodeDecodeError as error:
            bad = error.start
            prefix = payload[:bad].decode("utf-8", errors="replace")
            position = LineIndex.of(prefix).position(len(prefix))
            byte_offset = bad + (len(UTF8_BOM) if bom else 0)
            reason = f"not valid UTF-8: invalid byte 0x{payload[bad]:02x} at offset {byte_offset}"
            raise UndecodableError(reason, byte_offset, position) from None
        return cls(text, bom=bom)

    def to_bytes(self, text: str | None = None) -> bytes:
        """Encode ``text`` (default: this source's text) the way this source was encoded."""
        encoded = (self.text if text is None else text).encode(self.encoding)
        return UTF8_BOM + encoded if self.bom else encoded

    def position(self, offset: int) -> Position:
        return self.lines.position(offset)
