"""An element's text, with whitespace collapsed by split() and join() instead of a pattern."""

from __future__ import annotations

import bisect
import html
import re
import sys

from artlint.article import Article
from artlint.htmlindex import Element, HtmlIndex, build_index
from artlint.source import Source
from tests.conftest import REAL_CORPUS, require_shared


def reference_text_of(index: HtmlIndex, element: Element) -> str:
    """The first implementation: substitute r"\\s+" by a space, then strip."""
    start, end = element.start_tag_end, element.content_end
    parts = []
    position = start
    first = bisect.bisect_left(index.tokens, (start, start))
    for token_start, token_end in index.tokens[first:]:
        if token_start >= end:
            break
        parts.append(index.text[position:token_start])
        position = max(position, token_end)
    parts.append(index.text[position:end])
    return re.sub(r"\s+", " ", html.unescape("".join(parts))).strip()


def test_str_split_and_the_pattern_agree_on_whitespace() -> None:
    space = re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert char.isspace() == (space.match(char) is not None), hex(code)


def test_real_corpus() -> None:
    paths = sorted(require_shared(REAL_CORPUS).rglob("*.md"))
    texts = 0
    for path in paths:
        article = Article.parse(Source.from_bytes(path.read_bytes()))
        index = build_index(article.text, article.body_start, article.body_end)
        for element in index.elements:
            assert index.text_of(element) == reference_text_of(index, element)
            texts += 1
    assert texts > 1000


def test_spaces_of_every_kind() -> None:
    body = "<p>\u3000\u3000a\xa0 b\n\t<b>c</b>&nbsp;d\u2028 e\x1c </p>"
    index = build_index(body, 0, len(body))
    assert index.text_of(index.elements[0]) == "a b c d e"
    assert index.text_of(index.elements[0]) == reference_text_of(index, index.elements[0])
