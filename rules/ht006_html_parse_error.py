"""HT006 html-parse-error."""

from __future__ import annotations

from collections.abc import Iterator

from artlint.context import RuleContext
from artlint.rule import Finding, FixAvailability, Rule, Severity, Target

#: Clearer words for html5lib messages that name its internals.
_PLAIN = {
    "XXX-undefined-error": "Unspecified parse error",
    "eof-in-innerhtml": "Unexpected end of the body",
    "adoption-agency-1.1": "End tag (%(name)s) closes formatting elements that are misnested",
    "adoption-agency-1.2": "End tag (%(name)s) closes formatting elements that are misnested",
    "adoption-agency-1.3": "End tag (%(name)s) closes formatting elements that are misnested",
    "adoption-agency-4.4": "End tag (%(name)s) closes formatting elements that are misnested",
    "unexpected-char-implies-table-voodoo": "Text in a table outside any cell is moved out",
    "unexpected-start-tag-implies-table-voodoo": (
        "Start tag (%(name)s) in a table outside any cell is moved out of the table"
    ),
    "unexpected-end-tag-implies-table-voodoo": ("End tag (%(name)s) in a table outside any cell"),
    "nesting-too-deep": (
        "Elements nested more than %(depth)s levels deep: browsers put deeper elements beside"
        " the %(depth)sth, not inside it (no further parse errors are reported)"
    ),
}


def describe(code: str, details: dict[str, object]) -> str:
    """html5lib's English text for an error code (clearer where it names internals)."""
    from html5lib.constants import E

    template = _PLAIN.get(code) or E.get(code)
    if template is None:
        return code
    try:
        return str(template % details).rstrip(".")
    except (KeyError, TypeError, ValueError):
        return str(template).rstrip(".")


class HtmlParseError(Rule):
    """What it does:
    Reports the parse errors that the HTML standard's parsing algorithm (as implemented by
    html5lib) finds in the body: stray and misnested end tags, duplicate attributes, bad
    character references. The message ends with html5lib's error code. Elements nested more
    than 512 levels deep (where browsers stop nesting) are one ``nesting-too-deep`` error at
    the first one too deep, and no further parse errors are reported.

    Why it matters:
    Browsers recover from these errors in ways that differ from what the markup seems to say:
    a stray ``</p>`` becomes an empty paragraph, a duplicate attribute is dropped. Scraped
    bodies with errors render differently on each site that embeds them.

    Example:
        ```
        <p>2021年5月26日，金融委办公室在南京召开交流会。</span></p>
        ```

    Use instead:
        ```
        <p>2021年5月26日，金融委办公室在南京召开交流会。</p>
        ```

    Fix safety:
        Not fixable: the right repair depends on what the author meant. Errors inside
        artlint's own ``<!-- artlint-... -- reason -->`` directives are not reported.
    """

    code = "HT006"
    name = "html-parse-error"
    summary = "The body has an HTML parse error"
    severity = Severity.WARNING
    fixable = FixAvailability.NEVER
    target = Target.BODY

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        # artlint's own directives are written "<!-- artlint-disable X -- reason -->"; the
        # "--" before the reason is a parse error to html5lib, but not the author's.
        directives = {
            comment.start
            for comment in ctx.html.comments
            if comment.text.lstrip().startswith("artlint-")
        }
        for error in ctx.parse_errors:
            if error.start in directives:
                continue
            text = describe(error.code, dict(error.details))
            yield Finding(error.start, error.end, f"HTML parse error: {text} [{error.code}]")
