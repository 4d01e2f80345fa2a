"""Shared logic of the rules that move a credit line from the body to the front matter."""

from __future__ import annotations

from artlint.context import RuleContext
from artlint.edits import add_front_matter_key, can_edit_front_matter, removal
from artlint.rule import Applicability, Fix
from artlint.tracking import CreditMatch


def move_to_front_matter(
    ctx: RuleContext, match: CreditMatch, key: str, *, same_as_existing: bool
) -> tuple[Fix | None, str]:
    """The fix that moves ``match`` to ``key`` (or just removes it), and why there is none.

    ``same_as_existing`` says the front matter's ``key`` already holds this value, so the
    line only needs to go.
    """
    element = match.element
    if not element.closed:
        return None, f"not fixed: the <{element.tag}> has no end tag"
    if not can_edit_front_matter(ctx.article):
        return None, "not fixed: the front matter cannot be edited safely"
    remove = removal(ctx.text, element.start, element.end)
    if same_as_existing:
        return Fix((remove,), Applicability.SAFE, "Remove the line"), ""
    insert = add_front_matter_key(ctx.article, key, match.value)
    if insert is None:
        data = ctx.article.front_matter.data if ctx.article.front_matter else None
        if data and key in data:
            return None, f"not fixed: the front matter already has a different {key}"
        return None, f"not fixed: a '{key}:' line cannot be appended to this front matter's YAML"
    return Fix((insert, remove), Applicability.SAFE, f"Move it to the front matter as {key}"), ""
