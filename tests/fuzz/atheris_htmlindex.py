"""Fuzz the HTML span index (``artlint.htmlindex.build_index``).

Run by hand (not collected by pytest)::

    python tests/fuzz/atheris_htmlindex.py -runs=100000          # atheris, or the plain loop
    python tests/fuzz/atheris_htmlindex.py -runs=100000 --plain  # the plain loop

The input, decoded (invalid UTF-8 replaced), is a body after a fixed front matter.  Checked:
``build_index`` never raises; every element, attribute, comment and end tag lies inside the
body, in order (start < start tag end <= content end <= end; an attribute inside its start
tag, its removal starting after the tag name), starts with ``<`` in the tokenized body;
parents come before their children; tokens do not overlap; ``text_of`` works on every
element; and the fast scanner builds exactly what html.parser builds (as
tests/test_htmlindex_scan.py checks on the corpora).  See README.md.
"""

from __future__ import annotations

import sys

from harness import REPO, main  # type: ignore[import-not-found]  # run as a script

assert str(REPO) in sys.path
try:
    if "--plain" in sys.argv:
        raise ImportError("the plain loop needs no instrumentation")
    import atheris

    with atheris.instrument_imports():
        import artlint.codemask
        import artlint.htmlindex  # noqa: F401
except ImportError:  # no atheris, or --plain
    pass

from artlint.htmlindex import build_index  # noqa: E402
from tests.test_htmlindex_scan import tokens  # noqa: E402

HEAD = "---\ntitle: t\n---\n"


def check(data: bytes) -> None:
    body = data.decode("utf-8", errors="replace")
    text = HEAD + body
    start, end = len(HEAD), len(text)
    index = build_index(text, start, end)
    tokenized = index.tokenized_body
    assert len(tokenized) == end - start
    for element in index.elements:
        assert start <= element.start < element.start_tag_end <= element.content_end, element
        assert element.content_end <= element.end <= end, element
        assert tokenized[element.start - start] == "<", element
        assert element.parent < element.index, element
        for attribute in element.attributes:
            assert element.start < attribute.removal_start <= attribute.start, attribute
            assert attribute.start < attribute.end <= element.start_tag_end, attribute
        index.text_of(element)
    for comment in index.comments:
        assert start <= comment.start < comment.end <= end, comment
        assert tokenized[comment.start - start] == "<", comment
    for end_tag in index.end_tags:
        assert start <= end_tag.start < end_tag.end <= end, end_tag
    for (_, first_end), (second_start, _) in zip(index.tokens, index.tokens[1:], strict=False):
        assert first_end <= second_start, index.tokens
    assert tokens(tokenized, fast=True) == tokens(tokenized, fast=False)


if __name__ == "__main__":
    main(check)
