"""Matching rule pack entries against the HTML index: tracking blocks and credit lines."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

from artlint.htmlindex import MAX_NESTING, Comment, Element, HtmlIndex
from artlint.packs import CompiledEntry, PackSet
from artlint.selectors import Selector


@dataclass(frozen=True, slots=True)
class TrackingMatch:
    """A tracking block: an element or a comment, and the pack entry that marked it."""

    node: Element | Comment
    entry: CompiledEntry

    @property
    def start(self) -> int:
        return self.node.start

    @property
    def end(self) -> int:
        return self.node.end


#: A pack entry, with its selector when more than the element's tag is left to test.
_Candidate = tuple[CompiledEntry, Selector | None]


class _ByTag:
    """Element entries by the tag their selector names, each list in the entries' order.

    An entry whose selector names another tag cannot match, so an element is tried only
    against the entries for its tag (and those for any tag): a pack entry for ``p.end`` is
    never tried on the ``div`` and ``span`` elements of every article.  An entry whose
    selector is only a tag (``p``, the common case) matches every element it is tried on.
    """

    def __init__(self, entries: tuple[CompiledEntry, ...]) -> None:
        selectors = [(entry, entry.selector) for entry in entries if entry.selector is not None]
        tags = {selector.tag for _, selector in selectors if selector.tag is not None}
        self.any_tag = [
            _candidate(entry, selector) for entry, selector in selectors if selector.tag is None
        ]
        self.by_tag = {
            tag: [
                _candidate(entry, selector)
                for entry, selector in selectors
                if selector.tag in (None, tag)
            ]
            for tag in tags
        }

    def __bool__(self) -> bool:
        return bool(self.any_tag or self.by_tag)

    def entries(self, tag: str) -> list[_Candidate]:
        return self.by_tag.get(tag, self.any_tag)


def _candidate(entry: CompiledEntry, selector: Selector) -> _Candidate:
    tag_only = not selector.classes and selector.element_id is None and not selector.attributes
    return entry, None if tag_only else selector


@functools.lru_cache(maxsize=64)
def _by_tag(entries: tuple[CompiledEntry, ...]) -> _ByTag:
    return _ByTag(entries)


def find_tracking_blocks(index: HtmlIndex, packs: PackSet) -> tuple[TrackingMatch, ...]:
    """Outermost matching elements (a block inside a block is not reported twice), comments."""
    matches: list[TrackingMatch] = []
    element_entries = _by_tag(packs.tracking_blocks)
    comment_entries = [entry for entry in packs.tracking_blocks if entry.comment is not None]
    covered_until = -1
    if element_entries:
        for element in index.elements:
            if element.start < covered_until or element.depth >= MAX_NESTING:
                continue
            entry = _first_match(index, element, element_entries.entries(element.tag))
            if entry is not None:
                matches.append(TrackingMatch(element, entry))
                covered_until = element.end
    for comment in index.comments:
        for entry in comment_entries:
            assert entry.comment is not None
            if entry.comment.search(comment.text):
                matches.append(TrackingMatch(comment, entry))
                break
    matches.sort(key=lambda match: match.start)
    return tuple(matches)


def _first_match(
    index: HtmlIndex, element: Element, entries: list[_Candidate]
) -> CompiledEntry | None:
    for entry, selector in entries:
        if selector is not None and not selector.matches(element):
            continue
        if entry.text is None or entry.text.search(index.text_of(element)):
            return entry
    return None


@dataclass(frozen=True, slots=True)
class CreditMatch:
    """An element whose text matched a credit entry; ``value`` is the pattern's named group."""

    element: Element
    entry: CompiledEntry
    text: str
    value: str


def find_credit_lines(
    index: HtmlIndex, entries: tuple[CompiledEntry, ...], group: str
) -> Iterator[CreditMatch]:
    """Each element matched by the first entry whose selector and pattern fit it.

    An element inside a match is not matched again (unclosed ``<p>``s nest in the index, and
    all share the innermost one's text), nor one nested deeper than browsers nest (HT006
    reports it): the texts of ever deeper elements would make the search quadratic.
    """
    if not entries:
        return
    by_tag = _by_tag(entries)
    covered_until = -1
    for element in index.elements:
        if element.start < covered_until or element.depth >= MAX_NESTING:
            continue
        for entry, selector in by_tag.entries(element.tag):
            assert entry.pattern is not None
            if selector is not None and not selector.matches(element):
                continue
            text = index.text_of(element)
            found = entry.pattern.search(text)
            if found is not None and found.group(group):
                yield CreditMatch(element, entry, text, found.group(group).strip())
                covered_until = element.end
                break
