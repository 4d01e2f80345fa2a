"""HT008 blank-line-run."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from artlint.codemask import in_regions
from artlint.context import RuleContext
from artlint.rule import Applicability, Edit, Finding, Fix, FixAvailability, Rule, Severity, Target

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")
# Two or more blank lines in a row: whitespace but line breaks (``\s`` is what ``str.strip``
# strips), each ended by a line break (a lone "\r" only when no "\n" follows, so that a CRLF
# is never read as two lines) or by the end of the text.  Runs are found by one search from
# the line break before them (a pattern that starts with a character is searched for far
# faster than one that starts with a test of the line start, and with "\n" fastest of all).
_RUN = r"(?:[^\S\r\n]*(?:\r\n|\r(?!\n)|\n)|[^\S\r\n]+\Z){2,}"
_BLANK_RUN_AT_START = re.compile(_RUN)
_BLANK_RUN = re.compile(rf"(?:\r\n|\r(?!\n)|\n)({_RUN})")
#: _BLANK_RUN for a text without "\r" (most of them).
_BLANK_RUN_LF = re.compile(r"\n((?:[^\S\n]*\n|[^\S\n]+\Z){2,})")
#: Elements whose blank lines are content (rendered as they are, or code).
PREFORMATTED = frozenset({"pre", "textarea", "listing", "plaintext", "xmp", "script", "style"})
#: Where one of them may start: a body without a match has none (the HTML index is not
#: needed to know it).
_MAY_START_PREFORMATTED = re.compile("<(?:" + "|".join(sorted(PREFORMATTED)) + ")", re.IGNORECASE)


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    position = bisect.bisect_right(spans, (offset, offset)) - 1
    # Spans can nest (<pre> in <pre> is rare but legal), so look back over a few.
    return any(start < offset < end for start, end in spans[max(0, position - 3) : position + 1])


def _blank_runs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the runs of two or more blank lines between ``start`` and ``end``, each
    from the start of its first line (``start`` is a line start)."""
    first = _BLANK_RUN_AT_START.match(text, start, end)
    if first is not None:
        yield first.span()
        start = first.end()
    pattern = _BLANK_RUN if "\r" in text else _BLANK_RUN_LF
    for found in pattern.finditer(text, start, end):
        yield found.span(1)


class BlankLineRun(Rule):
    """What it does:
    Reports a run of more than one blank line (empty, or only whitespace) in the body.

    Why it matters:
    Scrapers leave dozens of blank lines where the source page had blocks they stripped.
    They make diffs and reviews of the content repository noisy and, in Markdown, can end an
    HTML block early so that the rest renders as text.

    Example:
        ```
        <p>第一段。</p>



        <p>第二段。</p>
        ```

    Use instead:
        ```
        <p>第一段。</p>

        <p>第二段。</p>
        ```

    Fix safety:
        Safe: the first blank line of the run is kept as it is and the others are removed.
        Blank lines inside Markdown code blocks and inside ``<pre>``, ``<textarea>``,
        ``<script>`` and ``<style>`` are content, and are left alone.
    """

    code = "HT008"
    name = "blank-line-run"
    summary = "More than one blank line in a row in the body"
    severity = Severity.WARNING
    fixable = FixAvailability.ALWAYS
    target = Target.BODY
    # Removing a comment or a block between two blank lines makes a new run.
    refix_after_edits = True

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        # Runs are found by one search over the body rather than line by line (most lines
        # are not blank); only the lines of a run are looked at one by one.  The HTML index
        # is asked for only when the body may hold a preformatted element: the fixer runs
        # this rule alone after each pass's edits, mostly on bodies without one.
        article = ctx.article
        body_start = article.body_start
        left_alone: tuple[list[tuple[int, int]], tuple[tuple[int, int], ...]] | None = None
        for run_start, run_end in _blank_runs(ctx.text, body_start, article.body_end):
            if left_alone is None:
                left_alone = _left_alone(ctx)
            kept, code = left_alone
            lines = [line.span() for line in _LINE.finditer(ctx.text, run_start, run_end)]
            if lines[-1][0] == lines[-1][1]:
                lines.pop()  # the empty match at the end of the span
            if not kept and not code:
                yield _finding(lines)
                continue
            run: list[tuple[int, int]] = []
            for start, end in lines:
                if not in_regions(code, start - body_start) and not _inside(kept, start):
                    run.append((start, end))
                    continue
                if len(run) >= 2:
                    yield _finding(run)
                run = []
            if len(run) >= 2:
                yield _finding(run)


def _left_alone(
    ctx: RuleContext,
) -> tuple[list[tuple[int, int]], tuple[tuple[int, int], ...]]:
    """Where blank lines are content: the spans of the preformatted elements (sorted), and
    the Markdown code regions (offsets into the body)."""
    article = ctx.article
    if not _MAY_START_PREFORMATTED.search(ctx.text, article.body_start, article.body_end):
        return [], ctx.code_regions
    index = ctx.html
    kept = sorted(
        (element.start, element.end) for element in index.elements if element.tag in PREFORMATTED
    )
    return kept, index.code_regions


def _finding(run: list[tuple[int, int]]) -> Finding:
    """The finding for a ``run`` of two or more blank lines: all but the first go."""
    start, end = run[1][0], run[-1][1]
    return Finding(
        start,
        end,
        f"{len(run)} blank lines in a row; keep one",
        Fix((Edit(start, end),), Applicability.SAFE, "Remove the extra blank lines"),
    )
