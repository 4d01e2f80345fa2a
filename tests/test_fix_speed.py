"""The fix loop's shortcuts give the answers of the long way round.

``fix_source`` avoids work that cannot change its answer: the parse-error guard asks the
parse gate before it builds an HTML index or runs html5lib, and a rejected fix reports the
original's first lint instead of linting it again.  These tests compare each shortcut with
the long way on every article of the shared real corpus (and on hand-made cases).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from artlint import registry
from artlint.article import Article
from artlint.context import RuleContext
from artlint.engine import lint_article
from artlint.fixer import fix_source, parse_error_count, tokenized_body
from artlint.htmlindex import build_index
from artlint.parse_errors import html5lib_errors
from artlint.rule import Applicability, Edit, Finding, Fix, FixAvailability, Rule, Target
from artlint.settings import Settings
from artlint.source import Source
from tests.conftest import REAL_CORPUS, require_shared

SETTINGS = Settings()


def _real_articles() -> list[Article]:
    corpus = require_shared(REAL_CORPUS)
    articles = []
    for path in sorted(corpus.rglob("*.md")):
        source = Source.from_bytes(path.read_bytes())
        articles.append(Article.parse(source, path.name))
    return articles


def _full_count(article: Article) -> int:
    """The guard's measure the long way: index the body, parse it with html5lib."""
    index = build_index(article.text, article.body_start, article.body_end)
    return len(html5lib_errors(index, article.source.lines))


def _fixed_texts(article: Article) -> list[Article]:
    """The article and what each pass of safe fixes makes of it (the texts the guard sees)."""
    from artlint.fixer import apply_fixes, fixable

    texts = [article]
    for _ in range(10):
        fixes = [
            v.fix for v in lint_article(article, SETTINGS) if v.fix and fixable(v, unsafe=False)
        ]
        if not fixes:
            break
        text, _ = apply_fixes(article.text, fixes)
        article = Article.parse(Source(text), article.path)
        texts.append(article)
    return texts


def test_the_guard_tokenizes_the_body_as_the_html_index_does() -> None:
    for article in _real_articles():
        index = build_index(article.text, article.body_start, article.body_end)
        assert tokenized_body(article.body) == index.tokenized_body, article.path


def test_the_guard_counts_what_html5lib_reports_on_every_pass_of_the_real_corpus() -> None:
    """With and without the gate the guard gives the same count, so the same verdict: on
    every original article and on every text a pass of fixes makes of it."""
    checked = with_errors = 0
    for original in _real_articles():
        for article in _fixed_texts(original):
            expected = _full_count(article)
            assert parse_error_count(article) == expected, article.path
            checked += 1
            with_errors += expected > 0
    assert checked > 450
    assert with_errors > 0  # html5lib decides some of them


@pytest.mark.parametrize(
    "body",
    [
        "<p>a</p>\n",
        "<p>a</span></p>\n",
        "```\n</span>\n```\n<p>a</p>\n",  # a code block is blanked: no error
        "`</b>` <p>x</p>\n",  # a code span holding an end tag is HTML: an error
        "<p a=1 a=2>x</p>\n&#0;\n",
    ],
)
def test_the_guard_counts_what_html5lib_reports(body: str) -> None:
    article = Article.from_text("---\ntitle: t\n---\n" + body)
    assert parse_error_count(article) == _full_count(article)


class AddsParseError(Rule):
    """What it does: offers a 'safe' fix that appends a stray end tag to the body."""

    code = "ZZ997"
    name = "adds-parse-error"
    summary = "a rule with a bad fix"
    fixable = FixAvailability.ALWAYS
    target = Target.BODY

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        end = len(ctx.text)
        if not ctx.text.endswith("</span>\n"):
            fix = Fix((Edit(end, end, "</span>\n"),), Applicability.SAFE, "break it")
            yield Finding(end, end, "bad", fix)


@pytest.fixture
def bad_fix_rule(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    registry.reset()
    monkeypatch.setattr("artlint.rules.BUILTIN_RULES", (*registry.all_rules(), AddsParseError))
    registry.reset()
    yield
    monkeypatch.undo()
    registry.reset()


@pytest.mark.usefixtures("bad_fix_rule")
def test_a_rejected_fix_reports_the_original_lint() -> None:
    text = "---\ntitle: t\n---\n<p>a</p>\n<!-- x -->\n"
    source = Source(text)
    outcome = fix_source(source, "a.md", SETTINGS)
    assert outcome.failure == "a fix would add HTML parse errors"
    assert (outcome.text, outcome.fixed) == (text, 0)
    expected = tuple(lint_article(Article.parse(source, "a.md"), SETTINGS))
    assert outcome.remaining == expected
    assert {"ZZ997", "HT001"} <= {violation.code for violation in expected}
