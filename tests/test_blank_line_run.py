"""HT008 finds its runs with one search: the same findings as reading the body line by line."""

from __future__ import annotations

import random
import re

import pytest

from artlint.article import Article
from artlint.context import RuleContext
from artlint.rule import Finding
from artlint.rules.ht008_blank_line_run import PREFORMATTED, BlankLineRun, _inside
from artlint.settings import Settings

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")


def reference(ctx: RuleContext) -> list[tuple[int, int, str]]:
    """Every line of the body in turn (the rule's first implementation)."""
    index = ctx.html
    kept = sorted((e.start, e.end) for e in index.elements if e.tag in PREFORMATTED)
    found = []

    def report(run: list[tuple[int, int]]) -> None:
        if len(run) >= 2:
            found.append((run[1][0], run[-1][1], f"{len(run)} blank lines in a row; keep one"))

    run: list[tuple[int, int]] = []
    for line in _LINE.finditer(ctx.text, index.body_start, index.body_end):
        if line.start() == line.end():
            break
        start, end = line.span()
        if line.group().strip() == "" and not index.in_code(start) and not _inside(kept, start):
            run.append((start, end))
            continue
        report(run)
        run = []
    report(run)
    return found


def findings(
    text: str, indexed_first: bool = False
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """The rule's findings and the reference's.  The rule runs on a context whose HTML index
    was not built (the fixer's re-run: the index is built only when a preformatted element
    may be there), or, with ``indexed_first``, was built already (a whole lint)."""
    ctx = RuleContext(Article.from_text(text), Settings())
    if indexed_first:
        assert ctx.html is not None
    found: list[Finding] = list(BlankLineRun().check(ctx))
    for finding in found:
        assert finding.fix is not None
        assert [(e.start, e.end, e.content) for e in finding.fix.edits] == [
            (finding.start, finding.end, "")
        ]
    return [(f.start, f.end, f.message) for f in found], reference(ctx)


PIECES = [
    *("\n", "\n", "\n", "\r\n", "\r\n", "\r", " ", "\t", "\u3000", "\xa0", "\v", "\x1c", "\x85"),
    *("<p>a</p>", "x", "<pre>", "</pre>", "<script>", "</script>", "```", "```\n", "~~~\n"),
    *("`a`", "\u2028", "---\n", "title: x\n", "<!-- c -->", "<PRE>", "</Pre>", "<textarea>"),
]


@pytest.mark.parametrize("indexed_first", [False, True])
@pytest.mark.parametrize("seed", range(5))
def test_same_findings_as_line_by_line(seed: int, indexed_first: bool) -> None:
    rng = random.Random(seed)
    reported = 0
    for _ in range(2000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40)))
        if rng.random() < 0.5:
            text = "---\ntitle: x\n---\n" + text
        if rng.random() < 0.3:  # most texts have no "\r", and get a pattern of their own
            text = text.replace("\r", "")
        found, expected = findings(text, indexed_first)
        assert found == expected, text
        reported += len(found)
    assert reported > 150


@pytest.mark.parametrize(
    "text",
    [
        "<p>a</p>\n\n\n<p>b</p>",
        "\r\n\r\n\r\n",
        "\r\r\n\n",
        "a\n  \n\t\n   ",
        "<pre>\n\n\n</pre>\n\n\n",
        "```\n\n\n```\n\n\n",
        "---\ntitle: x\n---\n\n\n\nx",
    ],
)
def test_examples(text: str) -> None:
    found, expected = findings(text)
    assert found == expected
