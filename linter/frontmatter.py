"""Find the front matter fences on the raw text and load the YAML between them.

python-frontmatter is not used for the split: it strips leading whitespace and so accepts
blank lines before the opening ``---``, which Jekyll and Hexo do not (Jekyll then renders the
"front matter" as body text).  Splitting here also keeps every offset exact.

Rules of the split, as Jekyll, Hexo and Hugo agree on them:

* the opening fence is a line holding ``---`` (trailing spaces and tabs allowed);
* the closing fence is the next line holding ``---`` or ``...``;
* the body starts on the line after the closing fence.

A fence that is not on the first line is still recognised, so that the front matter can be
checked and ``FM003`` can point at what stands before it: when only blank lines precede it,
or a few lines of text (at most ``MAX_LINES_BEFORE``) followed by a fence whose next line
looks like a YAML key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from artlint.source import Source
from artlint.yamldata import FieldSpan, JsonPath, YamlProblem, load_yaml

_OPENING = re.compile(r"(?:(?<=\n)|(?<=\r)|\A)---[ \t]*(?=\r|\n|\Z)")
_CLOSING = re.compile(r"(?:(?<=\n)|(?<=\r))(?:---|\.\.\.)[ \t]*(?=\r|\n|\Z)")
_LINE_END = re.compile(r"\r\n|\r|\n|\Z")
_YAML_KEY_LINE = re.compile(r"[ \t]*[\w\"'-][^:\r\n]*:(?:[ \t]|\r|\n|\Z)")
#: Lines of text that may stand before a misplaced opening fence.
MAX_LINES_BEFORE = 3


def _next_line_start(text: str, offset: int) -> int:
    """Start of the line after the one that ``offset`` is in (len(text) on the last line)."""
    match = _LINE_END.search(text, offset)
    assert match is not None  # \Z always matches
    return match.end()


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The front matter block: fences, YAML data, spans, and why it may be unusable.

    ``data`` is ``None`` when the YAML cannot be used (does not parse, is not a mapping,
    is not closed); ``problems`` then says why.
    """

    open_start: int
    open_end: int
    yaml_start: int
    yaml_end: int
    close_start: int  # -1 when the block is not closed
    close_end: int
    body_start: int
    data: dict[str, Any] | None
    spans: dict[JsonPath, FieldSpan]
    problems: tuple[YamlProblem, ...]

    @property
    def is_closed(self) -> bool:
        return self.close_start >= 0

    @property
    def is_first(self) -> bool:
        return self.open_start == 0


def _find_opening(text: str) -> re.Match[str] | None:
    """The opening fence, or None when the file has no front matter."""
    fence = _OPENING.search(text)
    if fence is None:
        return None
    before = text[: fence.start()]
    if not before.strip():
        return fence
    lines_before = sum(1 for line in before.splitlines() if line.strip())
    after = text[_next_line_start(text, fence.end()) :]
    if lines_before <= MAX_LINES_BEFORE and _YAML_KEY_LINE.match(after):
        return fence
    return None


def parse_front_matter(source: Source) -> FrontMatter | None:
    """Split and load the front matter of ``source``; None when the file has none."""
    text = source.text
    fence = _find_opening(text)
    if fence is None:
        return None
    yaml_start = _next_line_start(text, fence.end())
    close = _CLOSING.search(text, yaml_start)
    if close is None:
        problem = YamlProblem(
            fence.start(),
            fence.end(),
            "front matter is not closed: no '---' line after the opening fence",
        )
        return FrontMatter(
            fence.start(),
            fence.end(),
            yaml_start,
            len(text),
            -1,
            -1,
            len(text),
            None,
            {},
            (problem,),
        )
    yaml_end = close.start()
    loaded = load_yaml(text[yaml_start:yaml_end], base=yaml_start, position=source.position)
    return FrontMatter(
        open_start=fence.start(),
        open_end=fence.end(),
        yaml_start=yaml_start,
        yaml_end=yaml_end,
        close_start=close.start(),
        close_end=close.end(),
        body_start=_next_line_start(text, close.end()),
        data=loaded.data,
        spans=loaded.spans,
        problems=loaded.problems,
    )
