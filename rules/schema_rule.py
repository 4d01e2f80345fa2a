"""Shared check of the schema rules: each reports the schema findings that carry its code."""

from __future__ import annotations

from collections.abc import Iterator

from artlint.context import RuleContext
from artlint.rule import Finding, FixAvailability, Rule, Target


class SchemaRule(Rule):
    """Base of FM100-FM104: the schema is validated once per article (see artlint.schema)."""

    fixable = FixAvailability.NEVER
    target = Target.FRONT_MATTER

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for finding in ctx.schema_findings:
            if finding.code == self.code:
                yield Finding(finding.start, finding.end, finding.message)
