"""The Article: a decoded source, its front matter block and its body span.

Immutable and made of plain values (no parser objects), so it pickles cheaply to worker
processes and into the result cache.  Analyses that only some rules need (schema
validation, the HTML index) are computed by :class:`artlint.context.RuleContext`, not here.
"""

from __future__ import annotations

from dataclasses import dataclass

from artlint.frontmatter import FrontMatter, parse_front_matter
from artlint.source import Source


@dataclass(frozen=True, slots=True)
class Article:
    path: str
    source: Source
    front_matter: FrontMatter | None
    body_start: int
    body_end: int

    @classmethod
    def parse(cls, source: Source, path: str = "<string>") -> Article:
        front_matter = parse_front_matter(source)
        body_start = front_matter.body_start if front_matter is not None else 0
        return cls(path, source, front_matter, body_start, len(source.text))

    @classmethod
    def from_text(cls, text: str, path: str = "<string>") -> Article:
        return cls.parse(Source(text), path)

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def body(self) -> str:
        return self.source.text[self.body_start : self.body_end]
