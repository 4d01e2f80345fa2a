"""HT002 inline-style."""

from __future__ import annotations

from collections.abc import Iterator

from artlint.context import RuleContext
from artlint.edits import attribute_removal
from artlint.rule import Applicability, Finding, Fix, FixAvailability, Rule, Severity, Target
from artlint.rules.ht001_html_comment import preview

#: Replaced elements: their inline style usually sizes them, and removing it shows them at
#: their natural size.
SIZED = frozenset({"img", "video", "audio", "iframe", "embed", "object", "canvas", "svg"})


class InlineStyle(Rule):
    """What it does:
    Reports a ``style`` attribute on an element of the body.

    Why it matters:
    Inline styles carry the source site's layout (fonts, floats, margins) into a site that has
    its own stylesheet; they override it, break dark modes and narrow screens, and cannot be
    changed in one place.

    Example:
        ```
        <p style="margin-bottom: 0;">杨利伟透露航天员正为登月任务做准备</p>
        ```

    Use instead:
        ```
        <p>杨利伟透露航天员正为登月任务做准备</p>
        ```

    Fix safety:
        Safe: only the attribute (and the space before it) is removed; the element, its other
        attributes and its content keep their bytes. Unsafe on images, video, iframes and
        other replaced elements, where the style often sets the size (WordPress emoji are
        ``<img class="wp-smiley" style="height: 1em;">``: without it they show at 72 px).
    """

    code = "HT002"
    name = "inline-style"
    summary = "An element has an inline style attribute"
    severity = Severity.WARNING
    fixable = FixAvailability.ALWAYS
    target = Target.BODY

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for element in ctx.html.elements:
            for attribute in element.attributes:
                if attribute.name != "style":
                    continue
                yield Finding(
                    attribute.start,
                    attribute.end,
                    f"inline style on <{element.tag}>: '{preview(attribute.value or '')}'",
                    Fix(
                        (attribute_removal(ctx.text, attribute),),
                        Applicability.UNSAFE if element.tag in SIZED else Applicability.SAFE,
                        "Remove the style attribute",
                    ),
                )
