"""Simple selectors for rule packs: one compound CSS selector, matched against one element.

Rule packs describe site furniture (``div.appendQr_wrap``, ``p.article-editor``,
``a[href^="https://sspai.com/page/client"]``), so they need what a CSS compound selector gives
and nothing more: a tag, classes, an id and attribute tests.  No combinators, no
pseudo-classes: a pack entry that needs more context uses its ``text`` pattern.

Grammar::

    selector  = [tag] (class | id | attribute)*
    class     = "." name            id = "#" name
    attribute = "[" name [op value] "]"     op = "=" | "^=" | "$=" | "*=" | "~="
    value     = name | '"' chars '"' | "'" chars "'"
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from artlint.htmlindex import Element

_NAME = r"[A-Za-z0-9_\-\u00a0-\U0010ffff]+"
_PART = re.compile(
    rf"""
    (?P<tag>{_NAME}|\*)
    | \.(?P<cls>{_NAME})
    | \#(?P<id>{_NAME})
    | \[\s*(?P<attr>[^\s"'<>/=\[\]^$*~|]+)\s*
        (?:(?P<op>[\^$*~]?=)\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s\]"']+))\s*)?
      \]
    """,
    re.VERBOSE,
)


class SelectorError(ValueError):
    """A selector string that does not parse; the message says where."""


@dataclass(frozen=True, slots=True)
class AttributeTest:
    name: str
    operator: str | None
    value: str

    def matches(self, actual: str | None) -> bool:
        if self.operator is None:
            return True
        if actual is None:
            return False
        if self.operator == "=":
            return actual == self.value
        if self.operator == "^=":
            return actual.startswith(self.value)
        if self.operator == "$=":
            return actual.endswith(self.value)
        if self.operator == "*=":
            return self.value in actual
        return self.value in actual.split()  # "~="


@dataclass(frozen=True, slots=True)
class Selector:
    source: str
    tag: str | None
    classes: frozenset[str]
    element_id: str | None
    attributes: tuple[AttributeTest, ...]

    @classmethod
    def parse(cls, source: str) -> Selector:
        tag = element_id = None
        classes: set[str] = set()
        attributes: list[AttributeTest] = []
        text = source.rstrip()
        position = len(text) - len(text.lstrip())
        first = position
        if not text:
            raise SelectorError("empty selector")
        while position < len(text):
            match = _PART.match(text, position)
            if match is None or (match.group("tag") and position > first):
                raise SelectorError(
                    f"cannot parse selector {source!r} at column {position + 1}: "
                    "use tag.class#id[attr=value] without spaces or combinators"
                )
            if match.group("tag"):
                tag = None if match.group("tag") == "*" else match.group("tag").lower()
            elif match.group("cls"):
                classes.add(match.group("cls"))
            elif match.group("id"):
                element_id = match.group("id")
            else:
                value = match.group("dq") or match.group("sq") or match.group("bare") or ""
                attributes.append(
                    AttributeTest(match.group("attr").lower(), match.group("op"), value)
                )
            position = match.end()
        return cls(source, tag, frozenset(classes), element_id, tuple(attributes))

    def matches(self, element: Element) -> bool:
        if self.tag is not None and element.tag != self.tag:
            return False
        if self.classes:
            # element.classes without its tuple: pack entries test every paragraph's class.
            found = element.attribute("class")
            if found is None or not found.value or not self.classes.issubset(found.value.split()):
                return False
        if self.element_id is not None:
            found = element.attribute("id")
            if found is None or found.value != self.element_id:
                return False
        for test in self.attributes:
            found = element.attribute(test.name)
            if found is None or not test.matches(found.value):
                return False
        return True
