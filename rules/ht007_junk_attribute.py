"""HT007 junk-attribute."""

from __future__ import annotations

from collections.abc import Iterator

from artlint.context import RuleContext
from artlint.edits import attribute_removal
from artlint.rule import Applicability, Finding, Fix, FixAvailability, Rule, Severity, Target


class JunkAttribute(Rule):
    """What it does:
    Reports an attribute that a rule pack lists as the source site's CMS leftover, such as
    Sina's ``cms-style`` or IT 之家's ``data-vmark``.

    Why it matters:
    These attributes drive the source site's own scripts and styles. Elsewhere they do
    nothing but bloat every paragraph and reveal where the text was copied from.

    Example:
        ```
        <p cms-style="font-L">　　2021年5月26日，金融委办公室在南京组织召开交流会。</p>
        ```

    Use instead:
        ```
        <p>　　2021年5月26日，金融委办公室在南京组织召开交流会。</p>
        ```

    Fix safety:
        Safe: only the attribute (and the space before it) is removed.

    Options:
        ``[[junk_attribute]]`` entries of the rule packs: ``attribute``, and optionally a
        ``selector`` the element must match and a ``value`` pattern.
    """

    code = "HT007"
    name = "junk-attribute"
    summary = "An attribute listed by a rule pack as junk is in the body"
    severity = Severity.WARNING
    fixable = FixAvailability.ALWAYS
    target = Target.BODY

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        entries = ctx.packs.junk_attributes
        if not entries:
            return
        names = {entry.entry.attribute for entry in entries}
        for element in ctx.html.elements:
            for attribute in element.attributes:
                if attribute.name not in names:
                    continue
                for entry in entries:
                    if entry.entry.attribute != attribute.name:
                        continue
                    if entry.selector is not None and not entry.selector.matches(element):
                        continue
                    if entry.value is not None and not entry.value.search(attribute.value or ""):
                        continue
                    yield Finding(
                        attribute.start,
                        attribute.end,
                        f"junk attribute '{attribute.name}' on <{element.tag}>"
                        f" ({entry.pack}: {entry.entry.reason})",
                        Fix(
                            (attribute_removal(ctx.text, attribute),),
                            Applicability.SAFE,
                            f"Remove the {attribute.name} attribute",
                        ),
                    )
                    break
