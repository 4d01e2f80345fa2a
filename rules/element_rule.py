"""Shared check of the rules that remove whole elements by tag (HT003 style, HT004 script)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from artlint.context import RuleContext
from artlint.edits import removal
from artlint.rule import Applicability, Finding, Fix, FixAvailability, Rule, Target


class ElementRule(Rule):
    """Reports every element named ``tag``; the fix removes it when its end tag is there."""

    tag: ClassVar[str]
    fixable = FixAvailability.SOMETIMES
    target = Target.BODY

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for element in ctx.html.elements:
            if element.tag != self.tag:
                continue
            fix = None
            if element.closed:
                fix = Fix(
                    (removal(ctx.text, element.start, element.end),),
                    Applicability.SAFE,
                    f"Remove the <{self.tag}> element",
                )
            message = f"<{self.tag}> element in the body"
            if not element.closed:
                message += f" (no </{self.tag}>: not removed automatically)"
            yield Finding(element.start, element.end, message, fix)
