"""artlint-demo-plugin: an example artlint plugin with one rule, DM001 demo-shouting-title.

It is the worked example of docs/writing-rules.md.  The package declares its rules with an
entry point in the ``artlint.rules`` group (see ``pyproject.toml`` beside it); a project
enables it with ``plugins = ["demo"]`` in its artlint configuration.
"""

from __future__ import annotations

from collections.abc import Iterator

from artlint.context import RuleContext
from artlint.edits import can_edit_front_matter, yaml_scalar
from artlint.rule import (
    Applicability,
    Edit,
    Finding,
    Fix,
    FixAvailability,
    Rule,
    Severity,
    Target,
)


def is_shouting(title: str) -> bool:
    """No small letter, and at least two words with two or more capital letters.

    So ``BREAKING NEWS`` shouts, while ``CCTV 新闻联播`` and ``AI`` do not.
    """
    if any(char.islower() for char in title):
        return False
    loud_words = [word for word in title.split() if sum(char.isupper() for char in word) >= 2]
    return len(loud_words) >= 2


def sentence_case(title: str) -> str:
    """``title`` with its first cased letter kept and every other letter made small."""
    first = next((i for i, char in enumerate(title) if char.isupper()), -1)
    return "".join(char if i == first else char.lower() for i, char in enumerate(title))


class ShoutingTitle(Rule):
    """What it does:
    Reports a ``title`` written all in capital letters.

    Why it matters:
    Some sites set their headlines in capitals with CSS (``text-transform: uppercase``) and
    others type them so; scrapers copy the capitals into the front matter, and feed readers
    and search results then show a title that shouts.

    Example:
        ```
        ---
        title: MARKETS RALLY AS RATES FALL
        ---
        ```

    Use instead:
        ```
        ---
        title: Markets rally as rates fall
        ---
        ```

    Fix safety:
        Safe: the title is rewritten in sentence case (its first letter stays a capital,
        every other letter becomes small); nothing but the letters' case changes, and the
        value is re-quoted only when YAML needs it. Names and acronyms have to be capitalised
        again by hand. Nothing is fixed when the front matter does not parse or the title
        spans several lines.
    """

    code = "DM001"
    name = "demo-shouting-title"
    summary = "The title is written all in capitals"
    severity = Severity.WARNING
    fixable = FixAvailability.SOMETIMES
    target = Target.FRONT_MATTER

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        front_matter = ctx.article.front_matter
        if front_matter is None or front_matter.data is None:
            return
        title = front_matter.data.get("title")
        span = front_matter.spans.get(("title",))
        if not isinstance(title, str) or span is None or not is_shouting(title):
            return
        fix = None
        written = ctx.text[span.value_start : span.value_end]
        if can_edit_front_matter(ctx.article) and "\n" not in written and "\r" not in written:
            fix = Fix(
                (Edit(span.value_start, span.value_end, yaml_scalar(sentence_case(title))),),
                Applicability.SAFE,
                "Write the title in sentence case",
            )
        yield Finding(
            span.value_start,
            span.value_end,
            f"title is written all in capitals: {title!r}",
            fix,
        )


#: What the entry point names: the plugin's rules.
RULES = (ShoutingTitle,)
