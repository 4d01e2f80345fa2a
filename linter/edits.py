"""Building blocks for fixes: text removals that take whole lines, front matter insertions.

Fixes are edits on the original text (never a re-rendered tree), so everything outside the
edits keeps its bytes: quoting, key order and comments in the YAML, indentation and entities
in the HTML.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from typing import Any

import yaml

from artlint.article import Article
from artlint.htmlindex import Attribute
from artlint.rule import Edit
from artlint.source import detect_newline

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: Text on which libyaml and PyYAML's own loader agree: printable, in the BMP.
_LIBYAML_SAFE = re.compile("[\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")
_PLAIN_SCALAR = re.compile(
    r"[^\s\-?:,\[\]{}#&*!|>'\"%@`=<][^:#\x00-\x1f\x7f-\x9f\u2028\u2029]*(?<=\S)"
)
_YAML_SPECIAL = re.compile(
    r"(?i)(?:y|n|yes|no|on|off|true|false|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?"
    r"|[-+]?\.inf|\.nan|\d{4}-\d\d?-\d\d?.*|0[xob][0-9a-f_]+|[\d:]+)"
)


def removal(text: str, start: int, end: int) -> Edit:
    """Remove ``text[start:end]``; when nothing else is on its line(s), the whole lines go."""
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    if text[line_start:start].strip(" \t\f\v\u3000") != "":
        return Edit(start, end)
    line_break = _LINE_BREAK.search(text, end)
    line_end = line_break.start() if line_break else len(text)
    if text[end:line_end].strip(" \t\f\v\u3000") != "":
        return Edit(start, end)
    # The whole line goes; on the last line (no line break of its own) the line break
    # before it stays, so the file ends with a newline and the line before is untouched
    # (it may be the front matter's closing fence).
    return Edit(line_start, line_break.end() if line_break is not None else len(text))


def attribute_removal(text: str, attribute: Attribute) -> Edit:
    """Remove an attribute and the space before it (``<p cms-style="x">`` becomes ``<p>``).

    When something is glued to the attribute's end (``<p style='a'c">``, where ``c"`` is the
    next attribute), the space stays: removing it would join that to the tag name (``<pc">``).
    """
    following = text[attribute.end : attribute.end + 1]
    if following and not following.isspace() and following not in ">/":
        return Edit(attribute.start, attribute.end)
    return Edit(attribute.removal_start, attribute.end)


@functools.lru_cache(maxsize=1024)
def yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar that reads back as exactly ``value``.

    Plain when that round-trips (``editor: 张亚楠``), else single-quoted, else (control
    characters, line separators) a double-quoted string with escapes.
    """
    candidates = scalar_candidates(value)
    for candidate in candidates:
        # The pure-Python loader is the reference (libyaml accepts a tab in a plain scalar,
        # rejects characters beyond the BMP, ...); on printable BMP text libyaml reads the
        # same, eight times faster (tests/test_edits.py compares them).
        loader = SafeLoader if _LIBYAML_SAFE.fullmatch(candidate) else yaml.SafeLoader
        if _reads_back(f"k: {candidate}", {"k": value}, loader=loader):
            return candidate
    return candidates[-1]


def scalar_candidates(value: str) -> list[str]:
    """How ``value`` may be written, from the plainest: plain, single-quoted, JSON."""
    candidates = []
    if _PLAIN_SCALAR.fullmatch(value) and not _YAML_SPECIAL.fullmatch(value):
        candidates.append(value)
    candidates.append("'" + value.replace("'", "''") + "'")
    candidates.append(json.dumps(value))
    return candidates


def _reads_back(document: str, expected: dict[str, Any], *, loader: type = SafeLoader) -> bool:
    try:
        return bool(yaml.load(document, Loader=loader) == expected)
    except yaml.YAMLError:
        return False


def can_edit_front_matter(article: Article) -> bool:
    """Only a closed front matter whose YAML parsed into a mapping gets fixes."""
    front_matter = article.front_matter
    return (
        front_matter is not None
        and front_matter.is_closed
        and front_matter.data is not None
        and not front_matter.problems
    )


def add_front_matter_key(article: Article, key: str, value: str) -> Edit | None:
    """An insertion of ``key: value`` as the last line of the front matter, or None.

    None when the front matter cannot be edited or already has ``key``.
    """
    front_matter = article.front_matter
    if front_matter is None or not can_edit_front_matter(article):
        return None
    assert front_matter.data is not None
    if key in front_matter.data:
        return None
    # The front matter's own newline: a file can mix them (LF YAML above a CRLF body).
    newline = detect_newline(article.text[front_matter.open_start : front_matter.close_end])
    line = f"{key}: {yaml_scalar(value)}{newline}"
    # Appending a line is only right for a block mapping at column 0: check that the YAML
    # with the line reads back as the old data plus the key (flow style, indented keys or a
    # trailing open scalar would break or swallow it).
    text = article.text
    yaml_text = text[front_matter.yaml_start : front_matter.close_start]
    if yaml_text and not yaml_text.endswith(("\n", "\r")):
        return None
    if not _block_mapping_at_column_one(article) and not _reads_back(
        yaml_text + line, _loaded(yaml_text) | {key: value}
    ):
        return None
    return Edit(front_matter.close_start, front_matter.close_start, line)


def _block_mapping_at_column_one(article: Article) -> bool:
    """Every top-level key starts a line: a block mapping, to which a line can be appended.

    The common case, decided from the spans alone; anything else (flow style, indented
    keys) is checked by parsing the YAML with the new line.
    """
    front_matter = article.front_matter
    if front_matter is None:
        return False
    starts = article.source.lines.line_starts
    keys = [span.key_start for path, span in front_matter.spans.items() if len(path) == 1]
    if not keys:
        return False

    for start in keys:
        line = bisect.bisect_right(starts, start) - 1
        if starts[line] != start:
            return False
    return True


def _loaded(yaml_text: str) -> dict[str, Any]:
    try:
        data = yaml.load(yaml_text, Loader=SafeLoader)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}
