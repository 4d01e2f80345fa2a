from __future__ import annotations

import pickle

import pytest

from artlint.source import LineIndex, Position, Source, UndecodableError, detect_newline


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("abc\ndef", 0, Position(1, 1)),
        ("abc\ndef", 3, Position(1, 4)),
        ("abc\ndef", 4, Position(2, 1)),
        ("abc\r\ndef", 5, Position(2, 1)),
        ("abc\rdef", 4, Position(2, 1)),
        ("中文标题\nx", 2, Position(1, 3)),  # columns count code points, not bytes
        ("a\n\n\nb", 4, Position(4, 1)),
        ("abc", 99, Position(1, 4)),  # clamped to the end of the text
    ],
)
def test_line_index_positions(text: str, offset: int, expected: Position) -> None:
    assert LineIndex.of(text).position(offset) == expected


def test_line_index_round_trips_every_offset() -> None:
    text = "a\r\nbc\rd\n中\n"
    index = LineIndex.of(text)
    for offset in range(len(text) + 1):
        line, column = index.position(offset)
        assert index.offset(line, column) == offset


def test_bom_is_remembered_and_not_part_of_the_text() -> None:
    source = Source.from_bytes(b"\xef\xbb\xbf---\ntitle: x\n---\n")
    assert source.bom is True
    assert source.text.startswith("---")
    assert source.to_bytes() == b"\xef\xbb\xbf---\ntitle: x\n---\n"


def test_invalid_utf8_names_offset_and_position() -> None:
    data = "---\ntitle: 中\n".encode() + b"\xd6\xd0\n"
    with pytest.raises(UndecodableError) as caught:
        Source.from_bytes(data)
    assert caught.value.byte_offset == len("---\ntitle: 中\n".encode())
    assert caught.value.position == Position(3, 1)
    assert str(caught.value) == (
        "not UTF-8: byte 0xd6 at offset 15 (line 3, column 1); "
        "the text before it is UTF-8: the file mixes encodings or is damaged"
    )
    assert caught.value.encoding is None


@pytest.mark.parametrize(
    ("text", "newline"),
    [("a\nb\n", "\n"), ("a\r\nb\r\n", "\r\n"), ("a\rb\r", "\r"), ("ab", "\n")],
)
def test_detect_newline(text: str, newline: str) -> None:
    assert detect_newline(text) == newline


def test_source_pickles() -> None:
    source = Source.from_bytes("\ufeff中\r\n".encode())
    assert pickle.loads(pickle.dumps(source)) == source
