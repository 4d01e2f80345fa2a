"""HT008 blank-line-run."""

from __future__ import annotations

import re
from collections.abc import Iterator

from artlint.context import RuleContext
from artlint.rule import Applicability, Edit, Finding, Fix, FixAvailability, Rule, Severity, Target

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")


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
        Blank lines inside code blocks are left alone.
    """

    code = "HT008"
    name = "blank-line-run"
    summary = "More than one blank line in a row in the body"
    severity = Severity.WARNING
    fixable = FixAvailability.ALWAYS
    target = Target.BODY

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        index = ctx.html
        body = index.tokenized_body
        run: list[tuple[int, int]] = []
        for line in _LINE.finditer(body):
            if line.start() == line.end():
                break
            start, end = index.body_start + line.start(), index.body_start + line.end()
            if line.group().strip() == "" and not index.in_code(start):
                run.append((start, end))
                continue
            yield from self._report(ctx, run)
            run = []
        yield from self._report(ctx, run)

    def _report(self, ctx: RuleContext, run: list[tuple[int, int]]) -> Iterator[Finding]:
        if len(run) < 2:
            return
        start, end = run[1][0], run[-1][1]
        yield Finding(
            start,
            end,
            f"{len(run)} blank lines in a row; keep one",
            Fix((Edit(start, end),), Applicability.SAFE, "Remove the extra blank lines"),
        )
