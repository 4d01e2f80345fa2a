"""Inline suppression: directives in the article that silence rules where they are.

In the body, HTML comments (one documented pattern, as flake8's ``noqa``)::

    <!-- artlint-disable HT002,HT007 -- legacy layout -->   ... until the matching enable
    <!-- artlint-enable HT002 -->
    <!-- artlint-disable-next-line HT005 -->               the line after the comment
    <!-- artlint-disable-file FM104 -->                     the whole file

In the front matter, YAML comments::

    date: 2021-05-27  # artlint: ignore FM102             that line
    # artlint: ignore FM102                                (alone) the line after it
    # artlint: ignore-file FM104                           the whole file

Rules are named by code, prefix or name, separated by commas or spaces; no rule means all.
Text after `` -- `` is the reason and is ignored.  A directive that suppresses nothing is
reported as AL100, whose fix removes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from artlint.article import Article
from artlint.edits import removal
from artlint.registry import all_rules, matches
from artlint.rule import Edit
from artlint.violation import Violation

MARKER = "artlint"
_BODY = re.compile(
    r"^\s*artlint-(?P<kind>disable-next-line|disable-file|disable|enable)\b"
    r"(?P<codes>(?:(?!--).)*)(?:--.*)?$",
    re.DOTALL,
)
_YAML = re.compile(
    r"(?:^|(?<=\s))#\s*artlint:\s*(?P<kind>ignore-file|ignore)\b(?P<codes>[^#\r\n]*)",
)
_SEPARATORS = re.compile(r"[\s,]+")


@dataclass
class Directive:
    """One directive: what it silences, where it stands, and whether it was needed."""

    kind: str  # disable, enable, disable-next-line, disable-file, ignore, ignore-file
    selectors: tuple[str, ...]
    start: int  # the directive's own span (the comment)
    end: int
    line: int  # the line it applies to (ignore, disable-next-line)
    until: int = -1  # disable: offset of the matching enable (or the end of the text)
    partner: Directive | None = None  # disable: its enable
    used: bool = False
    unknown: tuple[str, ...] = field(default=())

    def covers(self, violation: Violation) -> bool:
        if self.selectors and not any(
            selector == violation.code or _names(selector, violation.code)
            for selector in self.selectors
        ):
            return False
        if self.kind in ("disable-file", "ignore-file"):
            return True
        if self.kind == "disable":
            return self.end <= violation.start < self.until
        if self.kind in ("disable-next-line", "ignore"):
            return violation.line == self.line
        return False


def _names(selector: str, code: str) -> bool:
    return any(rule.code == code and matches(rule, selector) for rule in all_rules())


def _selectors(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Selectors of a directive, and those that name no rule."""
    selectors = tuple(part for part in _SEPARATORS.split(text.strip()) if part)
    unknown = tuple(
        selector
        for selector in selectors
        if not any(matches(rule, selector) for rule in all_rules())
    )
    return selectors, unknown


def _body_directives(article: Article) -> list[Directive]:
    from artlint.htmlindex import build_index

    index = build_index(article.text, article.body_start, article.body_end)
    lines = article.source.lines
    found: list[Directive] = []
    open_disables: list[Directive] = []
    for comment in index.comments:
        match = _BODY.match(comment.text)
        if match is None:
            continue
        selectors, unknown = _selectors(match.group("codes"))
        end_line = lines.position(comment.end).line
        directive = Directive(
            match.group("kind"), selectors, comment.start, comment.end, end_line + 1
        )
        directive.unknown = unknown
        if directive.kind == "enable":
            directive.used = False
            for opened in reversed(open_disables):
                if not selectors or set(selectors) & set(opened.selectors) or not opened.selectors:
                    opened.until = comment.start
                    opened.partner = directive
                    directive.used = True  # its disable answers for it
                    open_disables.remove(opened)
                    if selectors:
                        break
            found.append(directive)
            continue
        if directive.kind == "disable":
            open_disables.append(directive)
        found.append(directive)
    for opened in open_disables:
        opened.until = len(article.text)
    return found


def _quotes_balanced(text: str) -> bool:
    return text.count("'") % 2 == 0 and text.count('"') % 2 == 0


def _front_matter_directives(article: Article) -> list[Directive]:
    front_matter = article.front_matter
    if front_matter is None:
        return []
    lines = article.source.lines
    found = []
    block = article.text[front_matter.yaml_start : front_matter.yaml_end]
    for match in _YAML.finditer(block):
        start = front_matter.yaml_start + match.start()
        line_start, _ = lines.line_span(start)
        before = article.text[line_start:start]
        if not _quotes_balanced(before):
            continue  # inside a quoted scalar, not a comment
        line = lines.position(start).line
        alone = before.strip() == ""
        selectors, unknown = _selectors(match.group("codes"))
        kind = match.group("kind")
        end = front_matter.yaml_start + match.end()
        directive = Directive(kind, selectors, start, end, line + 1 if alone else line)
        directive.unknown = unknown
        found.append(directive)
    return found


def find_directives(article: Article) -> list[Directive]:
    """Every directive of the article (cheap when the text never says "artlint")."""
    if MARKER not in article.text:
        return []
    return [*_front_matter_directives(article), *_body_directives(article)]


def apply(directives: Iterable[Directive], violations: list[Violation]) -> list[Violation]:
    """The violations no directive covers; marks the directives that covered something."""
    active = [directive for directive in directives if directive.kind != "enable"]
    kept = []
    for violation in violations:
        covering = [directive for directive in active if directive.covers(violation)]
        for directive in covering:
            directive.used = True
        if not covering:
            kept.append(violation)
    return kept


def removal_edits(article: Article, directive: Directive) -> tuple[Edit, ...]:
    """Edits that delete a directive (and a disable's matching enable)."""
    text = article.text
    if directive.kind in ("ignore", "ignore-file"):
        start = directive.start
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        edits = [removal(text, start, directive.end)]
    else:
        edits = [removal(text, directive.start, directive.end)]
    if directive.partner is not None:
        partner = directive.partner
        edits.append(removal(text, partner.start, partner.end))
    return tuple(edits)


def unused(directives: Iterable[Directive]) -> list[tuple[Directive, str]]:
    """Directives that suppressed nothing or name unknown rules, with what is wrong."""
    problems = []
    for directive in directives:
        if directive.unknown:
            names = ", ".join(repr(selector) for selector in directive.unknown)
            problems.append((directive, f"names no known rule: {names}"))
        elif not directive.used:
            if directive.kind == "enable":
                problems.append((directive, "enables nothing: no artlint-disable before it"))
            else:
                problems.append((directive, "suppresses nothing"))
    return problems
