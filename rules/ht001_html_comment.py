"""HT001 html-comment."""

from __future__ import annotations

import re
from collections.abc import Iterator

from artlint.context import RuleContext
from artlint.edits import removal
from artlint.rule import Applicability, Finding, Fix, FixAvailability, Rule, Severity, Target

#: Comments that are not leftovers: the excerpt marker of Hexo/Hugo/Jekyll, artlint's own
#: directives.
_KEPT = re.compile(r"\s*(?:more|artlint-(?:disable|enable)\b.*)\s*", re.DOTALL)


def preview(text: str, limit: int = 40) -> str:
    """A one-line, length-limited rendering of ``text`` for a message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class HtmlComment(Rule):
    """What it does:
    Reports an HTML comment left in the article body.

    Why it matters:
    Scrapers copy the source page's template comments (``<!-- 正文下iframe -->``,
    ``<!-- 编辑姓名及工作代码 -->``) into the article. They say nothing to readers, leak the
    source site's internals into the published page's source, and often mark the boundaries
    of blocks that were stripped.

    Example:
        ```
        <p>正文。</p><!-- 正文下iframe -->
        ```

    Use instead:
        ```
        <p>正文。</p>
        ```

    Fix safety:
        Safe: the comment is removed (with its line when nothing else is on it). The excerpt
        marker ``<!-- more -->`` and artlint's own ``<!-- artlint-... -->`` directives are never
        reported, and comments that a rule pack marks as tracking are left to HT005.
    """

    code = "HT001"
    name = "html-comment"
    summary = "An HTML comment is left in the body"
    severity = Severity.WARNING
    fixable = FixAvailability.ALWAYS
    target = Target.BODY

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        tracking = {match.start for match in ctx.tracking_blocks}
        for comment in ctx.html.comments:
            if comment.start in tracking or _KEPT.fullmatch(comment.text):
                continue
            shown = preview(ctx.text[comment.start : comment.end])
            yield Finding(
                comment.start,
                comment.end,
                f"HTML comment left in the body: '{shown}'",
                Fix(
                    (removal(ctx.text, comment.start, comment.end),),
                    Applicability.SAFE,
                    "Remove the comment",
                ),
            )
