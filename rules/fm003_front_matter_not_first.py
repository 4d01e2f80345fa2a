"""FM003 front-matter-not-first."""

from __future__ import annotations

from collections.abc import Iterator

from artlint.context import RuleContext
from artlint.rule import Applicability, Edit, Finding, Fix, FixAvailability, Rule, Severity, Target


class FrontMatterNotFirst(Rule):
    """What it does:
    Reports anything (blank lines or text) before the opening ``---`` of the front matter.

    Why it matters:
    Jekyll and Hugo only read front matter that starts on the very first line; with a blank
    line before it the block is rendered as body text and the page loses its title and date.

    Example:
        ```

        ---
        title: 'A headline'
        ---
        ```

    Use instead:
        ```
        ---
        title: 'A headline'
        ---
        ```

    Fix safety:
        Safe when only blank (whitespace-only) lines stand before the opening ``---``: they
        are removed. Text before it is not touched: it may be content that belongs in the
        body, so only a person can decide where it goes.
    """

    code = "FM003"
    name = "front-matter-not-first"
    summary = "Blank lines or text before the opening '---'"
    severity = Severity.ERROR
    fixable = FixAvailability.SOMETIMES
    target = Target.FRONT_MATTER

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        front_matter = ctx.article.front_matter
        if front_matter is None or front_matter.is_first:
            return
        before = ctx.text[: front_matter.open_start]
        fix = None
        if before.strip():
            what = "text stands"
        else:
            fix = Fix(
                (Edit(0, front_matter.open_start),),
                Applicability.SAFE,
                "Remove the blank lines before the front matter",
            )
            count = ctx.article.source.lines.position(front_matter.open_start).line - 1
            what = f"{count} blank line{'s' if count != 1 else ''} stand{'s' if count == 1 else ''}"
        yield Finding(
            0,
            front_matter.open_start,
            f"front matter must start on the first line: {what} before the opening '---'",
            fix,
        )
