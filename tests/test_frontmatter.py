from __future__ import annotations

import pickle

import pytest

from artlint.article import Article
from artlint.frontmatter import parse_front_matter
from artlint.source import Source


def fm(text: str):  # type: ignore[no-untyped-def]
    return parse_front_matter(Source(text))


def test_front_matter_first() -> None:
    block = fm("---\ntitle: x\n---\nbody\n")
    assert block is not None
    assert (block.open_start, block.open_end) == (0, 3)
    assert (block.yaml_start, block.yaml_end) == (4, 13)
    assert (block.close_start, block.close_end, block.body_start) == (13, 16, 17)
    assert block.data == {"title": "x"}
    assert block.is_first


def test_blank_lines_before_fence_are_found_not_first() -> None:
    block = fm("\n\n---\ntitle: x\n---\n")
    assert block is not None
    assert block.open_start == 2
    assert not block.is_first
    assert block.data == {"title": "x"}


def test_short_text_before_a_yaml_block_is_misplaced_front_matter() -> None:
    block = fm("junk line\n---\ntitle: x\n---\n")
    assert block is not None
    assert block.open_start == 10


def test_a_horizontal_rule_in_prose_is_not_front_matter() -> None:
    assert fm("Some text\n\n---\n\nMore text\n") is None
    assert fm("a\nb\nc\nd\n---\ntitle: x\n---\n") is None  # too much text before


def test_no_fence_at_all() -> None:
    assert fm("<div>hello</div>\n") is None
    assert fm("") is None


def test_unclosed_front_matter() -> None:
    block = fm("---\ntitle: x\n")
    assert block is not None
    assert block.data is None
    assert not block.is_closed
    assert [problem.message for problem in block.problems] == [
        "front matter is not closed: no '---' line after the opening fence"
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_fences_with_any_newline(newline: str) -> None:
    text = newline.join(["---", "title: x", "---", "body"])
    block = fm(text)
    assert block is not None
    assert block.data == {"title": "x"}
    assert text[block.body_start :] == "body"


def test_dots_close_and_trailing_spaces_are_allowed() -> None:
    block = fm("--- \ntitle: x\n...\t\nbody")
    assert block is not None
    assert block.data == {"title": "x"}
    assert block.body_start == len("--- \ntitle: x\n...\t\n")


def test_four_dashes_are_not_a_fence() -> None:
    assert fm("----\ntitle: x\n----\n") is None


def test_empty_block_is_an_empty_mapping() -> None:
    block = fm("---\n---\nbody")
    assert block is not None
    assert block.data == {}
    assert block.body_start == 8


def test_article_keeps_body_offset_and_pickles() -> None:
    article = Article.from_text("---\ntitle: x\n---\n<p>hi</p>\n", "a.md")
    assert article.body == "<p>hi</p>\n"
    assert article.body_start == 17
    assert pickle.loads(pickle.dumps(article)) == article
