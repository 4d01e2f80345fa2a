"""Markdown code regions of a body, where HTML-looking text is an example, not markup.

Article bodies are HTML, but scrapers and authors leave Markdown in them too: fenced code
blocks (```` ``` ```` / ``~~~``) and inline code spans (`` `<!-- like this -->` ``).  Rules must
not flag, and fixes must not remove, what sits inside them.  The regions are computed once;
the HTML index is built over the body with these regions blanked out (same length, newlines
kept), so every offset stays valid and no rule has to check the mask itself.

Indented code blocks (four leading spaces) are deliberately *not* recognised: scraped HTML is
indented arbitrarily (the Sina tail block sits twelve spaces deep), so treating indentation as
code would hide exactly the leftovers artlint exists to find.
"""

from __future__ import annotations

import bisect
import re

_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n`]*$", re.MULTILINE)
# A code span: a run of backticks, content without a newline, the same run again.  Spans are
# kept to one line so a stray backtick cannot mask half an article, and a span holding an end
# tag is left alone: that is HTML in which backticks are text (Prism's highlighted
# `<span class="token">` markup of JavaScript template strings, say), not a Markdown example.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)")
_BLANKABLE = re.compile(r"[^\r\n]")
_LONE_CR = re.compile(r"\r(?!\n)")


def code_regions(body: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` offsets into ``body`` of fenced code blocks and inline code spans."""
    if "`" not in body and "~~~" not in body:
        return ()
    # The patterns find lines by "\n"; a lone "\r" ends a line too (same length, so the
    # offsets found hold for the original).
    body = _LONE_CR.sub("\n", body)
    regions: list[tuple[int, int]] = []
    position = 0
    while True:
        opening = _FENCE_OPEN.search(body, position)
        if opening is None:
            break
        fence = opening.group(1)
        closing = re.compile(
            rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*\r?$", re.MULTILINE
        ).search(body, opening.end())
        end = closing.end() if closing else len(body)
        _add_spans(body, position, opening.start(), regions)
        regions.append((opening.start(), end))
        position = end
    _add_spans(body, position, len(body), regions)
    return tuple(regions)


def in_regions(regions: tuple[tuple[int, int], ...], offset: int) -> bool:
    """Whether ``offset`` (into the body) lies in one of ``regions`` (sorted, disjoint)."""
    position = bisect.bisect_right(regions, offset, key=_start) - 1
    return position >= 0 and offset < regions[position][1]


def _start(region: tuple[int, int]) -> int:
    return region[0]


def _add_spans(body: str, start: int, end: int, regions: list[tuple[int, int]]) -> None:
    if "`" in body[start:end]:
        regions.extend(
            match.span()
            for match in _CODE_SPAN.finditer(body, start, end)
            if "</" not in match.group()
        )


def blank_regions(body: str, regions: tuple[tuple[int, int], ...]) -> str:
    """``body`` with every region replaced by spaces, keeping its length and line breaks."""
    if not regions:
        return body
    parts: list[str] = []
    position = 0
    for start, end in regions:
        parts.append(body[position:start])
        parts.append(_BLANKABLE.sub(" ", body[start:end]))
        position = end
    parts.append(body[position:])
    return "".join(parts)
