"""BD001 editor-credit-in-body."""

from __future__ import annotations

from collections.abc import Iterator

from artlint.context import RuleContext
from artlint.rule import Finding, FixAvailability, Rule, Severity, Target
from artlint.rules.credit_rule import move_to_front_matter
from artlint.tracking import find_credit_lines

KEY = "editor"


class EditorCreditInBody(Rule):
    """What it does:
    Reports an editor credit line in the body (``<p class="article-editor">责任编辑：张亚楠</p>``),
    as described by the rule packs' ``[[editor_credit]]`` entries.

    Why it matters:
    The editor is metadata about the article. Stranded in the body it shows up as the last
    paragraph, cannot be searched or listed by the site generator, and is lost by any theme
    that renders an excerpt.

    Example:
        ```
        ---
        title: '央行副行长：增强监管合力'
        ---
        <p>正文。</p>
        <p class="article-editor">责任编辑：张亚楠 </p>
        ```

    Use instead:
        ```
        ---
        title: '央行副行长：增强监管合力'
        editor: 张亚楠
        ---
        <p>正文。</p>
        ```

    Fix safety:
        Safe: the line is removed and ``editor: NAME`` is added as the last key of the front
        matter (every other byte of the front matter is kept). When the front matter already
        has the same editor the line is only removed; when it has a different one, or the
        front matter does not parse, nothing is fixed.

    Options:
        ``[[editor_credit]]`` entries of the rule packs: a ``selector`` and a ``pattern`` whose
        ``name`` group is the editor.
    """

    code = "BD001"
    name = "editor-credit-in-body"
    summary = "An editor credit line is in the body instead of the front matter"
    severity = Severity.WARNING
    fixable = FixAvailability.SOMETIMES
    target = Target.ARTICLE

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        front_matter = ctx.article.front_matter
        existing = front_matter.data.get(KEY) if front_matter and front_matter.data else None
        for match in find_credit_lines(ctx.html, ctx.packs.editor_credits, "name"):
            fix, why_not = move_to_front_matter(
                ctx, match, KEY, same_as_existing=existing == match.value
            )
            if existing == match.value:
                advice = f"the front matter already has '{KEY}: {match.value}'"
            else:
                advice = f"put '{KEY}: {match.value}' in the front matter"
            message = f"editor credit '{match.text}' in the body; {advice}"
            if why_not:
                message += f" ({why_not})"
            yield Finding(match.element.start, match.element.end, message, fix)
