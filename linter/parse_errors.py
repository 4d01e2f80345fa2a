"""The HTML parse errors of a body, as html5lib reports them, placed in the article text.

html5lib implements the WHATWG parsing algorithm and reports each parse error where the
tokenizer *detected* it, as a (line, column) in its own input.  That point is mapped back to
the construct it belongs to: the tag, end tag or comment whose span holds it (an
``unexpected-end-tag`` is detected at the ``>`` of ``</span>``, and reported from its ``<``),
or the ``&`` that starts a bad character reference.

The body is parsed with ``parseFragment``: a whole-document parse would report a missing
doctype on every article.  It runs once per body, and only when a rule asks for it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from artlint.htmlindex import MAX_NESTING, HtmlIndex, too_deep
from artlint.source import LineIndex

_REFERENCE = re.compile(r"&#?[0-9A-Za-z]*;?")


@dataclass(frozen=True, slots=True)
class ParseError:
    code: str
    start: int
    end: int
    details: tuple[tuple[str, object], ...]


def html5lib_errors(index: HtmlIndex, lines: LineIndex) -> tuple[ParseError, ...]:
    """Every parse error html5lib reports for the body, with article-text spans.

    A body nested more than :data:`~artlint.htmlindex.MAX_NESTING` levels deep gets one
    ``nesting-too-deep`` error at the first element too deep, and no html5lib parse: its
    cost grows with the square of the depth (2.7 s for 10,000 nested ``<div>``).
    """
    deep = too_deep(index)
    if deep is not None:
        details = (("depth", MAX_NESTING),)
        return (ParseError("nesting-too-deep", deep.start, deep.start_tag_end, details),)
    import html5lib

    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    parser.parseFragment(index.tokenized_body)
    if not parser.errors:
        return ()
    first_line, _ = lines.position(index.body_start)
    spans = list(index.tokens)
    starts = [start for start, _ in spans]
    errors = []
    for (line, column), code, details in parser.errors:
        if line == 1:
            offset = index.body_start + column
        else:
            offset = lines.offset(first_line + line - 1, column + 1)
        offset = min(max(offset, index.body_start), index.body_end)
        start, end = _construct_at(index, spans, starts, offset, code)
        if code == "expected-named-entity" and not _is_unknown_reference(index.text, start):
            continue
        # Values keep their types: some messages format them as numbers (U+%(charAsInt)08x).
        pairs = tuple(sorted((str(key), value) for key, value in (details or {}).items()))
        errors.append(ParseError(code, start, end, pairs))
    return tuple(errors)


def _is_unknown_reference(text: str, start: int) -> bool:
    """Whether ``&name;`` at ``start`` is a reference to an unknown entity.

    html5lib 1.1 predates the current standard, under which an ``&`` that is not followed by
    a known name and a ``;`` is just text (``AT&T``, ``?a=1&mid=2``): no parse error.
    """
    reference = _REFERENCE.match(text, start)
    return reference is not None and reference.group().endswith(";") and len(reference.group()) > 2


def _construct_at(
    index: HtmlIndex,
    spans: list[tuple[int, int]],
    starts: list[int],
    offset: int,
    code: str,
) -> tuple[int, int]:
    if "entity" in code or "numeric" in code:
        ampersand = index.text.rfind("&", index.body_start, offset)
        if ampersand >= 0 and "\n" not in index.text[ampersand:offset]:
            reference = _REFERENCE.match(index.text, ampersand)
            assert reference is not None  # "&" alone matches
            return ampersand, max(reference.end(), offset)
    # The detection point is inside a token or just after its ">"; a token that merely
    # starts there comes after the error.  Tokens never overlap, so only the last one that
    # starts before the point can hold it.
    position = bisect.bisect_left(starts, offset) - 1
    if position >= 0 and offset <= spans[position][1]:
        return spans[position]
    position = bisect.bisect_left(starts, offset)
    if position < len(spans) and spans[position][0] == offset:
        return spans[position]
    return offset, offset
