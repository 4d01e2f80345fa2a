"""HT005 tracking-block."""

from __future__ import annotations

from collections.abc import Iterator

from artlint.context import RuleContext
from artlint.edits import removal
from artlint.htmlindex import Element
from artlint.rule import Applicability, Finding, Fix, FixAvailability, Rule, Severity, Target
from artlint.rules.ht001_html_comment import preview


class TrackingBlock(Rule):
    """What it does:
    Reports a tracking, promo or ad block that a rule pack describes: an element (matched by
    tag, class, id, attribute or text) or a comment (matched by its text).

    Why it matters:
    Source sites append app-download and QR-code promos, follow-us lines and tracking
    markers to every article. Republished, they advertise someone else's app and point
    readers at the wrong site.

    Example:
        ```
        <p>正文。</p>
        <div class="clearfix appendQr_wrap">
            <div class="appendQr_normal_txt">海量资讯、精准解读，尽在新浪财经APP</div>
        </div>
        ```

    Use instead:
        ```
        <p>正文。</p>
        ```

    Fix safety:
        Safe: the element, from its start tag to its end tag, or the comment is removed, with
        its lines when nothing else is on them. An element whose end tag is missing is
        reported, not fixed.

    Options:
        ``[[tracking_block]]`` entries of the rule packs (``rules/packs/*.toml``,
        ``--pack PATH``); see docs/rule-packs.md.
    """

    code = "HT005"
    name = "tracking-block"
    summary = "A tracking or promo block listed by a rule pack is in the body"
    severity = Severity.ERROR
    fixable = FixAvailability.SOMETIMES
    target = Target.BODY

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for match in ctx.tracking_blocks:
            node = match.node
            why = f"{match.entry.pack}: {match.entry.entry.reason}"
            if isinstance(node, Element):
                described = preview(ctx.text[node.start : node.start_tag_end], 60)
                complete = node.closed
            else:
                described = preview(ctx.text[node.start : node.end], 60)
                complete = True
            fix = None
            if complete:
                fix = Fix(
                    (removal(ctx.text, node.start, node.end),),
                    Applicability.SAFE,
                    "Remove the tracking block",
                )
            yield Finding(node.start, node.end, f"tracking block {described} ({why})", fix)
