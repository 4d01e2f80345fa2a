"""What a rule sees: the article, the run's settings, and shared analyses computed once.

Analyses are cached properties, so an analysis that no selected rule asks for is never
computed (and its library never imported).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from artlint.article import Article
from artlint.settings import Settings

if TYPE_CHECKING:
    from artlint.schema import SchemaFinding


class RuleContext:
    def __init__(self, article: Article, settings: Settings) -> None:
        self.article = article
        self.settings = settings

    @property
    def text(self) -> str:
        return self.article.text

    @cached_property
    def schema_findings(self) -> tuple[SchemaFinding, ...]:
        """Schema errors of the front matter, each with the code of the rule that owns it."""
        front_matter = self.article.front_matter
        if front_matter is None:
            return ()
        from artlint.schema import check_front_matter

        return check_front_matter(
            front_matter, self.article.text, schema_path=self.settings.schema_path
        )
