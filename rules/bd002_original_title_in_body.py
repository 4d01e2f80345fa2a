"""BD002 original-title-in-body."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from artlint.context import RuleContext
from artlint.rule import Finding, FixAvailability, Rule, Severity, Target
from artlint.rules.credit_rule import move_to_front_matter
from artlint.tracking import find_credit_lines

KEY = "original_title"


def normalise_title(title: str) -> str:
    """A title reduced to what makes it the same headline: no punctuation, spaces or case.

    A decimal point between digits is kept: "1.4%" and "14%" are different news.
    """
    folded = unicodedata.normalize("NFKC", title).casefold()
    kept = []
    for position, char in enumerate(folded):
        if unicodedata.category(char).startswith(("P", "Z", "C", "S")):
            between_digits = (
                folded[position - 1 : position].isdigit()
                and folded[position + 1 : position + 2].isdigit()
            )
            if not (char == "." and between_digits):
                continue
        kept.append(char)
    return "".join(kept)


class OriginalTitleInBody(Rule):
    """What it does:
    Reports an "original title" line (``原标题：…``) at the top of the body, as described by
    the rule packs' ``[[original_title]]`` entries.

    Why it matters:
    Syndicated news repeats the source's headline as the first paragraph. When it equals the
    title, readers see the headline twice; when it differs, it is metadata that belongs in the
    front matter, not an opening paragraph.

    Example:
        ```
        ---
        title: '央行副行长：增强监管合力 防范地方金融风险'
        ---
        <p class="ori_titlesource">原标题：央行副行长：增强监管合力，防范地方金融风险</p>
        <p>正文。</p>
        ```

    Use instead:
        ```
        ---
        title: '央行副行长：增强监管合力 防范地方金融风险'
        ---
        <p>正文。</p>
        ```

    Fix safety:
        Safe. When the line repeats the title (compared without punctuation, spaces and case)
        it is removed. Otherwise it is moved to ``original_title`` in the front matter, or only
        removed when ``original_title`` already says the same. Nothing is fixed when the front
        matter does not parse or already has a different ``original_title``.

    Options:
        ``[[original_title]]`` entries of the rule packs: a ``selector`` and a ``pattern``
        whose ``title`` group is the original headline.
    """

    code = "BD002"
    name = "original-title-in-body"
    summary = "An original-title line is in the body"
    severity = Severity.WARNING
    fixable = FixAvailability.SOMETIMES
    target = Target.ARTICLE

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        front_matter = ctx.article.front_matter
        data = front_matter.data if front_matter and front_matter.data else {}
        title, existing = data.get("title"), data.get(KEY)
        for match in find_credit_lines(ctx.html, ctx.packs.original_titles, "title"):
            value = normalise_title(match.value)
            repeats = isinstance(title, str) and normalise_title(title) == value
            same = repeats or (isinstance(existing, str) and normalise_title(existing) == value)
            fix, why_not = move_to_front_matter(ctx, match, KEY, same_as_existing=same)
            if repeats:
                message = f"'{match.text}' repeats the title"
            else:
                message = f"'{match.text}' in the body; put '{KEY}' in the front matter"
            if why_not:
                message += f" ({why_not})"
            yield Finding(match.element.start, match.element.end, message, fix)
