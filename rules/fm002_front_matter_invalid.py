"""FM002 front-matter-invalid."""

from __future__ import annotations

from collections.abc import Iterator

from artlint.context import RuleContext
from artlint.rule import Finding, FixAvailability, Rule, Severity, Target


class FrontMatterInvalid(Rule):
    """What it does:
    Reports front matter that cannot be used: YAML that does not parse (at YAML's own error
    mark), a block that is not a mapping of keys to values, a block with no closing ``---``,
    duplicate keys, keys that are not strings (``1:``, ``null:``, ``yes:``, ``[a]:``),
    unfilled template placeholders (``title: {{ title }}``, which YAML reads as a mapping),
    and tags that are not plain data (``!!python/object``, ``!custom``): they are never
    constructed. Aliases that expand past 100,000 values (a "billion laughs"), a value that
    contains itself through an alias, and nesting deeper than 100 levels are refused,
    naming the field. A value reported here is not also checked against the schema.

    Why it matters:
    The site generator fails on the file or silently drops fields: with a duplicate key one of
    the two values is lost, and which one depends on the parser.

    Example:
        ```
        ---
        title: 'A headline
        title: Another
        ---
        ```

    Use instead:
        ```
        ---
        title: 'A headline'
        ---
        ```

    Fix safety:
        Not fixable: which value was meant cannot be known.
    """

    code = "FM002"
    name = "front-matter-invalid"
    summary = "Front matter YAML does not parse, is not a mapping, or has duplicate keys"
    severity = Severity.ERROR
    fixable = FixAvailability.NEVER
    target = Target.FRONT_MATTER

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        front_matter = ctx.article.front_matter
        if front_matter is None:
            return
        for problem in front_matter.problems:
            yield Finding(problem.start, problem.end, problem.message)
