"""FM001 front-matter-missing."""

from __future__ import annotations

from collections.abc import Iterator

from artlint.context import RuleContext
from artlint.rule import Finding, FixAvailability, Rule, Severity, Target


class FrontMatterMissing(Rule):
    """What it does:
    Reports an article file with no YAML front matter block.

    Why it matters:
    Without front matter the site generator has no title, date or categories for the page;
    Hexo and Jekyll publish it as an untitled page or skip it. Scraped files without front
    matter are often error pages (an nginx 404 saved as an article).

    Example:
        ```
        <div><p>Body text with no front matter.</p></div>
        ```

    Use instead:
        ```
        ---
        title: 'The headline'
        date: Thu, 27 May 2021 12:15:20 GMT
        ---
        <div><p>Body text.</p></div>
        ```

    Fix safety:
        Not fixable: the title and date are not in the file.
    """

    code = "FM001"
    name = "front-matter-missing"
    summary = "No front matter block"
    severity = Severity.ERROR
    fixable = FixAvailability.NEVER
    target = Target.FRONT_MATTER

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        if ctx.article.front_matter is None:
            first_line_end = ctx.article.source.lines.line_span(0)[1]
            end = len(ctx.text[:first_line_end].rstrip("\r\n"))
            yield Finding(0, end, "no front matter: the file does not start with a '---' block")
