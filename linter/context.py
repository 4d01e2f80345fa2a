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
    from artlint.htmlindex import HtmlIndex
    from artlint.packs import PackSet
    from artlint.parse_errors import ParseError
    from artlint.schema import SchemaFinding
    from artlint.tracking import TrackingMatch


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

    @cached_property
    def html(self) -> HtmlIndex:
        """The body's elements, attributes and comments with their spans."""
        from artlint.htmlindex import build_index

        article = self.article
        return build_index(article.text, article.body_start, article.body_end)

    @cached_property
    def code_regions(self) -> tuple[tuple[int, int], ...]:
        """The body's Markdown code regions (offsets into the body): the HTML index's when
        it was built, else found on their own (far cheaper than indexing the body)."""
        index: HtmlIndex | None = self.__dict__.get("html")
        if index is not None:
            return index.code_regions
        from artlint.codemask import code_regions

        return code_regions(self.article.body)

    @cached_property
    def packs(self) -> PackSet:
        from artlint.packs import load_packs

        return load_packs(self.settings.packs)

    @cached_property
    def parse_errors(self) -> tuple[ParseError, ...]:
        """html5lib's parse errors of the body (the one html5lib parse of this article).

        html5lib runs only when :func:`~artlint.parse_gate.needs_html5lib` cannot rule errors
        out; for the other bodies (most of them) the answer is the same, found far cheaper.
        """
        from artlint.parse_gate import needs_html5lib

        if not needs_html5lib(self.html):
            return ()
        from artlint.parse_errors import html5lib_errors

        return html5lib_errors(self.html, self.article.source.lines)

    @cached_property
    def tracking_blocks(self) -> tuple[TrackingMatch, ...]:
        """Elements and comments that a rule pack marks as tracking or promo blocks."""
        from artlint.tracking import find_tracking_blocks

        return find_tracking_blocks(self.html, self.packs)
