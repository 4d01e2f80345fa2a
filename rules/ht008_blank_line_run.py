"""HT008 blank-line-run."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from artlint.context import RuleContext
from artlint.rule import Applicability, Edit, Finding, Fix, FixAvailability, Rule, Severity, Target

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")
#: Elements whose blank lines are content (rendered as they are, or code).
PREFORMATTED = frozenset({"pre", "textarea", "listing", "plaintext", "xmp", "script", "style"})


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    position = bisect.bisect_right(spans, (offset, offset)) - 1
    # Spans can nest (<pre> in <pre> is rare but legal), so look back over a few.
    return any(start < offset < end for start, end in spans[max(0, position - 3) : position + 1])


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

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        index = ctx.html
        kept = sorted(
            (element.start, element.end)
            for element in index.elements
            if element.tag in PREFORMATTED
        )
        run: list[tuple[int, int]] = []
        for line in _LINE.finditer(ctx.text, index.body_start, index.body_end):
            if line.start() == line.end():
                break
            start, end = line.span()
            blank = line.group().strip() == ""
            if blank and not index.in_code(start) and not _inside(kept, start):
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
