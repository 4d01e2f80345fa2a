"""The HTML index's fast tokenizer gives the tree builder exactly what html.parser gives it."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from artlint.article import Article
from artlint.codemask import blank_regions, code_regions
from artlint.htmlindex import Comment, Element, EndTag, _Builder, _scan, _tokenize
from artlint.source import Source
from tests.conftest import REAL_CORPUS, SHARED, require_shared

Tokens = tuple[tuple[Element, ...], list[Comment], list[EndTag]] | str

BASE = 7  # bodies start after some front matter


def tokens(body: str, *, fast: bool) -> Tokens:
    try:
        builder = _tokenize(body, BASE, fast=fast)
    except AssertionError as error:  # _markupbase refuses some marked sections
        return repr(error)
    builder.finish(BASE + len(body))
    return builder.elements(), builder.comments, builder.end_tags


def scanned(body: str) -> bool:
    return _scan(body, BASE, _Builder())


def tokenized_bodies(paths: list[Path]) -> list[str]:
    bodies = []
    for path in paths:
        body = Article.parse(Source.from_bytes(path.read_bytes())).body
        bodies.append(blank_regions(body, code_regions(body)))
    return bodies


def test_real_corpus() -> None:
    bodies = tokenized_bodies(sorted(require_shared(REAL_CORPUS).rglob("*.md")))
    for body in bodies:
        assert tokens(body, fast=True) == tokens(body, fast=False), body[:300]
    # The fast path must be the usual one, or the speed is gone.
    assert sum(map(scanned, bodies)) > 0.9 * len(bodies)


def test_synthetic_corpus(tmp_path: Path) -> None:
    script = require_shared(SHARED / "bench" / "make_corpus.py")
    subprocess.run(
        [sys.executable, str(script), str(tmp_path), "-n", "300", "--defect-rate", "0.5"],
        check=True,
        capture_output=True,
    )
    bodies = tokenized_bodies(sorted(tmp_path.glob("*.md")))
    for body in bodies:
        assert tokens(body, fast=True) == tokens(body, fast=False), body[:300]
    assert sum(map(scanned, bodies)) > 0.9 * len(bodies)


# Pieces of markup, whole and broken, that random bodies are made of.
ATOMS = [
    *("<", ">", "/", "'", '"', "=", " ", "\n", "\t", "\f", "\r", "\v", "-", "!", "?", "`"),
    *("&#", "&#x", "&#12;", "&#x1F;", "&amp;", "&", "a", "p", "x1", ":", "_", ".", "中"),
    *("<!--", "-->", "--!>", "<!", "</", "<p", "<p>", "</p>", "<div", " class", "</div>"),
    *("<script>", "</script>", "</SCRIPT>", "<style>", "</style >", "<title>", "</title>"),
    *("<xmp>", "</xmp>", "<textarea>", "</textarea>", "<svg>", "<path/>", "</svg>"),
    *("\xa0", "\u3000", "\x00", "\u017f", "<br", "<a", " href", "=x", "='y'", '="z"', "/>"),
    *("<?", "<!DOCTYPE", "doctype", "</ p>", "<b>", "</b>", "<i"),
]


@pytest.mark.parametrize("seed", range(4))
def test_random_markup(seed: int) -> None:
    rng = random.Random(seed)
    fast = 0
    for _ in range(4000):
        body = "".join(rng.choice(ATOMS) for _ in range(rng.randint(1, 30)))
        assert tokens(body, fast=True) == tokens(body, fast=False), body
        fast += scanned(body)
    assert fast > 400  # the comparison exercised the fast path


@pytest.mark.parametrize(
    "body",
    [
        "<a href=x/>t</a>",  # the "/" is the value's: not self-closing
        "<br a/><svg><path d=1 /></svg>",
        "<p title='a>b' data-x = \"1\">x</p>",
        "<script>a</scrip></script >b",
        "<script/><p>x</p>",  # not raw text: "/>" on <script> is read as a start tag
        "<title>a<b>c</TITLE>",
        "x &#12 y <p>z</p> &#x; <b>",  # html.parser stops at the second bad reference
        "<p>a &lt; b &amp c < d</p><",
        "<!-->a<!--->b<!-- c --!>d",
        "<?php x ?><!doctype html><p>",
        "<p\xa0class=x>a</p>",
        "<![CDATA[<b>]]><p>a</p>",
    ],
)
def test_edge_cases(body: str) -> None:
    assert tokens(body, fast=True) == tokens(body, fast=False)
