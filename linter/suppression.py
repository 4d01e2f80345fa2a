"""Inline suppression: directives in the article that silence rules where they are.

In the body, HTML comments (one documented pattern, as flake8's ``noqa``)::

    <!-- artlint-disable HT002,HT007 -- legacy layout -->   ... until an enable of them
    <!-- artlint-enable HT002 -->                           (ends HT002 only)
    <!-- artlint-disable-next-line HT005 -->               the line after the comment
    <!-- artlint-disable-file FM104 -->                     the whole file

In the front matter, YAML comments::

    date: 2021-05-27  # artlint: ignore FM102             that line
    # artlint: ignore FM102                                (alone) the line after it
    # artlint: ignore-file FM104                           the whole file

Rules are named by code, prefix or name, separated by commas or spaces; no rule means all.
Text after `` -- `` is the reason and is ignored.  Selectors are resolved to rule codes, so
``artlint-enable HT002`` ends ``artlint-disable inline-style``.  A directive that suppresses
nothing is reported as AL100, whose fix removes it.
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
    r"(?:^|(?<=\s))#\s*artlint:\s*(?P<kind>ignore-file|ignore)\b"
    r"(?P<codes>(?:(?!\s--)[^#\r\n])*)(?:\s--[^#\r\n]*)?"
)
_SEPARATORS = re.compile(r"[\s,]+")
FILE_WIDE = ("disable-file", "ignore-file")
NEXT_LINE = ("disable-next-line", "ignore")


@dataclass(eq=False)
class Directive:
    """One directive: what it silences, where it stands, and whether it was needed."""

    kind: str  # disable, enable, disable-next-line, disable-file, ignore, ignore-file
    selectors: tuple[str, ...]
    codes: frozenset[str]  # the rule codes the selectors name (all codes when none)
    start: int  # the directive's own span (the comment)
    end: int
    line: int  # the line it applies to (ignore, disable-next-line)
    #: disable: where each of its codes is enabled again (absent: to the end of the text).
    closed_at: dict[str, int] = field(default_factory=dict)
    #: disable: the enables that ended some of its codes; enable: the disables it ended.
    partners: list[Directive] = field(default_factory=list)
    used: bool = False
    unknown: tuple[str, ...] = ()

    def covers(self, violation: Violation) -> bool:
        if violation.code not in self.codes:
            return False
        if self.kind in FILE_WIDE:
            return True
        if self.kind == "disable":
            until = self.closed_at.get(violation.code)
            return self.end <= violation.start and (until is None or violation.start < until)
        if self.kind in NEXT_LINE:
            return violation.line == self.line
        return False


def _directive(kind: str, codes_text: str, start: int, end: int, line: int) -> Directive:
    selectors = tuple(part for part in _SEPARATORS.split(codes_text.strip()) if part)
    rules = all_rules()
    unknown = tuple(s for s in selectors if not any(matches(rule, s) for rule in rules))
    if selectors:
        codes = frozenset(rule.code for rule in rules if any(matches(rule, s) for s in selectors))
    else:
        codes = frozenset(rule.code for rule in rules)
    return Directive(kind, selectors, codes, start, end, line, unknown=unknown)


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
        end_line = lines.position(comment.end).line
        directive = _directive(
            match.group("kind"), match.group("codes"), comment.start, comment.end, end_line + 1
        )
        found.append(directive)
        if directive.kind == "disable":
            open_disables.append(directive)
        elif directive.kind == "enable":
            _enable(directive, open_disables)
    return found


def _enable(enable: Directive, open_disables: list[Directive]) -> None:
    """End the codes ``enable`` names in every open disable that still covers them."""
    for disable in list(open_disables):
        ending = (disable.codes - disable.closed_at.keys()) & enable.codes
        if not ending:
            continue
        for code in ending:
            disable.closed_at[code] = enable.start
        disable.partners.append(enable)
        enable.partners.append(disable)
        if disable.closed_at.keys() >= disable.codes:
            open_disables.remove(disable)
    enable.used = bool(enable.partners)  # its disables answer for it


def _in_scalar(article: Article, offset: int) -> bool | None:
    """Whether ``offset`` lies inside a YAML key or value (None: the YAML has no spans)."""
    front_matter = article.front_matter
    if front_matter is None or not front_matter.spans:
        return None
    for span in front_matter.spans.values():
        if span.key_start <= offset < span.key_end:
            return True
        if span.text and span.value_start <= offset < span.value_end:
            return True
    return False


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
        inside = _in_scalar(article, start)
        if inside is None:  # YAML that does not compose: judge by the quotes on the line
            inside = before.count("'") % 2 == 1 or before.count('"') % 2 == 1
        if inside:
            continue  # inside a quoted or block scalar: text, not a comment
        line = lines.position(start).line
        alone = before.strip() == ""
        end = front_matter.yaml_start + match.end()
        found.append(
            _directive(
                match.group("kind"), match.group("codes"), start, end, line + 1 if alone else line
            )
        )
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
    """Edits that delete a directive, and the enables that answered only to it."""
    text = article.text
    if directive.kind in ("ignore", "ignore-file"):
        start, end = directive.start, directive.end
        if text[end : end + 1] == "#":
            # Another comment follows on the line: delete only this one, so the other
            # stays a comment (the spaces before the directive still separate it).
            edits = [Edit(start, end)]
        else:
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            edits = [removal(text, start, end)]
    else:
        edits = [removal(text, directive.start, directive.end)]
    for enable in directive.partners:
        if enable.kind == "enable" and enable.partners == [directive]:
            edits.append(removal(text, enable.start, enable.end))
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
