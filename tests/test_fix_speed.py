"""The fix loop's shortcuts give the answers of the long way round.

``fix_source`` avoids work that cannot change its answer: the parse-error guard takes its
count from the lint's context (which asks the parse gate before it runs html5lib), and a
rejected fix reports the original's first lint instead of linting it again.  These tests
compare each shortcut with the long way on every article of the shared real corpus (and on
hand-made cases).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from artlint.article import Article
from artlint.context import RuleContext
from artlint.engine import lint_article, lint_article_rows
from artlint.fixer import _apply, _fix_plan, _reparse, fix_source, fixable
from artlint.htmlindex import build_index
from artlint.parse_errors import html5lib_errors
from artlint.registry import rules_for
from artlint.rule import Applicability, Edit, Finding, Fix, FixAvailability, Rule, Target
from artlint.settings import Settings
from artlint.source import Source
from tests.conftest import REAL_CORPUS, require_shared, rules_added

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


def _safe_fixes(article: Article) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """The safe fixes the article's lint offers (rule code and edits), as the loop applies
    them."""
    return [
        (violation.code, [(edit.start, edit.end, edit.content) for edit in violation.fix.edits])
        for violation in lint_article(article, SETTINGS)
        if violation.fix is not None and fixable(violation, unsafe=False)
    ]


def _fixed_texts(article: Article) -> list[Article]:
    """The article and what each pass of safe fixes makes of it (the texts the guard sees)."""
    texts = [article]
    for _ in range(10):
        fixes = _safe_fixes(article)
        if not fixes:
            break
        text, _, _ = _apply(article.text, fixes)
        article = Article.parse(Source(text), article.path)
        texts.append(article)
    return texts


def parse_error_count(article: Article) -> int:
    """The guard's measure as the loop takes it: from a context the lint has used."""
    context = RuleContext(article, SETTINGS)
    lint_article_rows(article, SETTINGS, ctx=context)
    return len(context.parse_errors)


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
def bad_fix_rule() -> Iterator[None]:
    with rules_added(AddsParseError):
        yield


@pytest.mark.usefixtures("bad_fix_rule")
@pytest.mark.parametrize(
    "body",
    [
        "<p>a</p>\n<!-- x -->\n",
        # The original has a parse error already: one more is still refused.
        "<p>a</span></p>\n<!-- x -->\n",
    ],
)
def test_a_rejected_fix_reports_the_original_lint(body: str) -> None:
    text = "---\ntitle: t\n---\n" + body
    source = Source(text)
    outcome = fix_source(source, "a.md", SETTINGS)
    assert outcome.failure == "a fix would add HTML parse errors"
    assert (outcome.text, outcome.fixed) == (text, 0)
    expected = tuple(lint_article(Article.parse(source, "a.md"), SETTINGS))
    assert outcome.remaining == expected
    assert {"ZZ997", "HT001"} <= {violation.code for violation in expected}


def _same_article(reused: Article, parsed: Article) -> None:
    assert reused.front_matter == parsed.front_matter, parsed.path
    assert (reused.body_start, reused.body_end) == (parsed.body_start, parsed.body_end)


def test_a_pass_of_body_edits_keeps_the_parsed_front_matter_on_the_real_corpus() -> None:
    reused = 0
    for article in _real_articles():
        for _ in range(10):
            fixes = _safe_fixes(article)
            if not fixes:
                break
            text, _, first_edit = _apply(article.text, fixes)
            source = Source(text)
            following = _reparse(article, source, first_edit)
            parsed = Article.parse(source, article.path)
            _same_article(following, parsed)
            reused += following.front_matter is article.front_matter is not None
            article = parsed
    assert reused > 50


@pytest.mark.parametrize(
    ("text", "edit", "kept"),
    [
        # An edit in the body, after a LF, CRLF or lone CR line break: the same front matter.
        ("---\na: 1\n---\n<p>x</p>\n", Edit(13, 22), True),
        ("---\na: 1\n---\n<p>x</p>\n", Edit(13, 13, "x"), True),
        ("---\r\na: 1\r\n---\r\n<p>x</p>\r\n", Edit(16, 26), True),
        ("---\ra: 1\r---\r<p>x</p>\r", Edit(14, 15, "y"), True),
        # After a front matter that text stands before.
        ("<p>x</p>\n---\na: 1\n---\n", Edit(22, 22, "x"), True),
        # A LF inserted right after a lone CR joins the closing fence's line break.
        ("---\ra: 1\r---\r<p>x</p>\r", Edit(13, 13, "\n"), False),
        # No line break after the closing fence: text appended to it changes the fence.
        ("---\na: 1\n---", Edit(12, 12, "x"), False),
        # An edit in the front matter or before it.
        ("---\na: 1\n---\n<p>x</p>\n", Edit(9, 9, "b: 2\n"), False),
        ("<p>x</p>\n---\na: 1\n---\n", Edit(0, 9), False),
        # Not closed: the body is the rest of the file.
        ("---\na: 1\n<p>x</p>\n", Edit(9, 17), False),
    ],
)
def test_the_front_matter_is_kept_only_when_the_text_before_the_body_is(
    text: str, edit: Edit, kept: bool
) -> None:
    article = Article.from_text(text)
    new_text = text[: edit.start] + edit.content + text[edit.end :]
    following = _reparse(article, Source(new_text), edit.start)
    _same_article(following, Article.from_text(new_text))
    assert (following.front_matter is article.front_matter is not None) == kept


def test_what_remains_is_the_lint_of_the_fixed_text_on_the_real_corpus() -> None:
    """The loop lints to rows and builds violations only for what remains: the same
    violations as linting the fixed text (and, when a guard refuses, the original)."""
    for article in _real_articles():
        for unsafe in (False, True):
            outcome = fix_source(article.source, article.path, SETTINGS, unsafe=unsafe)
            fixed = Article.parse(Source(outcome.text, article.source.bom), article.path)
            assert outcome.remaining == tuple(lint_article(fixed, SETTINGS)), article.path


def test_insertions_at_one_point_by_different_rules_go_in_one_pass() -> None:
    fixes = [("BD002", [(4, 4, "b\n")]), ("BD001", [(4, 4, "a\n")])]
    assert _apply("x\ny\nz\n", fixes) == ("x\ny\nb\na\nz\n", 2, 4)
    # By one rule they may repeat each other: the second waits for the next pass.
    same = [("BD001", [(4, 4, "a\n")]), ("BD001", [(4, 4, "a\n")])]
    assert _apply("x\ny\nz\n", same) == ("x\ny\na\nz\n", 1, 4)
    # Next to a replaced span, an insertion still waits.
    beside = [("HT001", [(2, 4, "")]), ("BD001", [(4, 4, "a\n")])]
    assert _apply("x\ny\nz\n", beside)[1] == 1


def test_blank_lines_that_meet_after_a_removal_are_fixed_in_the_same_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import artlint.fixer

    full_lints = 0
    first_passes = 0
    lint = artlint.fixer.lint_article_rows
    fixers = _fix_plan(rules_for(SETTINGS)).split
    assert fixers is not None

    def counting(
        article: Article,
        settings: Settings,
        only: frozenset[str] | None = None,
        ctx: RuleContext | None = None,
    ) -> Any:
        nonlocal full_lints, first_passes
        full_lints += only is None
        first_passes += only == fixers[0]
        return lint(article, settings, only, ctx)

    monkeypatch.setattr(artlint.fixer, "lint_article_rows", counting)
    text = (
        "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n"
        "<p>a</p>\n\n\n<!-- c -->\n\n\n<p>b</p>\n<p>责任编辑：王涵</p>\n\n\n<p>原标题：标题</p>\n"
    )
    outcome = fix_source(Source(text), "a.md", SETTINGS)
    assert outcome.text == (
        "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n"
        "editor: 王涵\noriginal_title: 标题\n---\n<p>a</p>\n\n<p>b</p>\n\n"
    )
    assert outcome.remaining == ()
    # The first pass runs the rules that may fix; then one lint by every rule finds nothing
    # left to fix.
    assert (first_passes, full_lints) == (1, 1)


@pytest.mark.parametrize(
    "body",
    [
        # Blank lines meet after the comment goes: HT008 runs again, without an index.
        "<p>a</p>\n\n\n<!-- c -->\n\n\n<p>b</p>\n<p>责任编辑：王涵</p>\n",
        # A parse error stays in the fixed body: the guard needs the original's count too,
        # from the index the first pass built.
        "<p>a</span></p>\n<!-- c -->\n\n\n<pre>x\n\n\ny</pre>\n",
    ],
)
def test_each_text_gets_one_html_index(monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    import artlint.htmlindex

    indexed: list[str] = []
    build = artlint.htmlindex.build_index

    def counting(text: str, body_start: int, body_end: int) -> Any:
        indexed.append(text)
        return build(text, body_start, body_end)

    monkeypatch.setattr(artlint.htmlindex, "build_index", counting)
    text = "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n" + body
    outcome = fix_source(Source(text), "a.md", SETTINGS)
    assert outcome.fixed >= 2
    assert not outcome.failure
    # The original (first pass, and the guard's count) and the fixed text (the last lint).
    assert indexed == [text, outcome.text]


def test_a_fix_that_keeps_the_originals_parse_errors_is_applied() -> None:
    text = "---\ntitle: t\n---\n<p>a</span></p>\n<!-- x -->\n"
    outcome = fix_source(Source(text), "a.md", SETTINGS)
    assert outcome.failure == ""
    assert outcome.text == "---\ntitle: t\n---\n<p>a</span></p>\n"
    assert [violation.code for violation in outcome.remaining] == ["FM101", "HT006"]  # no date


class AddsParseErrorAfterEdits(AddsParseError):
    """What it does: offers its bad fix only once the comments are gone, that is in the
    fixer's re-run within a pass."""

    code = "ZZ996"
    name = "adds-parse-error-after-edits"
    refix_after_edits = True

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        if "<!--" not in ctx.text:
            yield from super().check(ctx)


@pytest.fixture
def late_bad_fix_rule() -> Iterator[None]:
    with rules_added(AddsParseErrorAfterEdits):
        yield


@pytest.mark.usefixtures("late_bad_fix_rule")
def test_the_guard_checks_what_the_re_run_within_a_pass_fixed() -> None:
    text = "---\ntitle: t\n---\n<p>a</p>\n<!-- x -->\n"
    outcome = fix_source(Source(text), "a.md", SETTINGS)
    assert outcome.failure == "a fix would add HTML parse errors"
    assert (outcome.text, outcome.fixed) == (text, 0)


def test_a_context_of_another_article_is_refused() -> None:
    one, other = Article.from_text("<p>a</p>\n"), Article.from_text("<p>b</p>\n")
    with pytest.raises(ValueError, match="another article's"):
        lint_article_rows(one, SETTINGS, ctx=RuleContext(other, SETTINGS))


class _Swap(Rule):
    """What it does: replaces ``<b>x</b>`` with ``<i>x</i>`` (a rule whose fix another rule
    undoes)."""

    code = "ZZ995"
    name = "swap-b-for-i"
    summary = "a rule that another one undoes"
    fixable = FixAvailability.ALWAYS
    target = Target.BODY
    old, new = "<b>x</b>", "<i>x</i>"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        start = ctx.text.find(self.old)
        if start >= 0:
            end = start + len(self.old)
            fix = Fix((Edit(start, end, self.new),), Applicability.SAFE, "swap")
            yield Finding(start, end, "swap", fix)


class _SwapBack(_Swap):
    """What it does: replaces ``<i>x</i>`` with ``<b>x</b>``, in the next pass."""

    code = "ZZ994"
    name = "swap-i-for-b"
    old, new = "<i>x</i>", "<b>x</b>"


class _SwapBackWithinThePass(_SwapBack):
    """What it does: replaces ``<i>x</i>`` with ``<b>x</b>``, right after a pass's edits."""

    code = "ZZ993"
    name = "swap-i-for-b-within-the-pass"
    refix_after_edits = True


@pytest.mark.parametrize("undoer", [_SwapBack, _SwapBackWithinThePass])
def test_fixes_that_undo_each_other_leave_the_file_as_it_was(undoer: type[Rule]) -> None:
    text = "---\ntitle: t\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n<p><b>x</b></p>\n"
    with rules_added(_Swap, undoer):
        outcome = fix_source(Source(text), "a.md", SETTINGS)
    assert outcome.failure == "fixes undo each other (a cycle)"
    assert (outcome.text, outcome.fixed) == (text, 0)
    assert [(v.code, v.line, v.column) for v in outcome.remaining] == [("ZZ995", 5, 4)]
