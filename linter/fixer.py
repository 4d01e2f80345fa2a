"""The fix loop: apply fixes as edits on the text, re-lint, repeat until nothing is left.

Modelled on ruff's and sqlfluff's fixers.  A fix is applied whole or not at all; a fix whose
edits touch an edit already applied in this pass waits for the next pass, where it is
recomputed on the new text.  After every pass three guards run: a front matter that parsed
still parses, the body has no more html5lib parse errors than the original, and the text was
not seen before (a cycle).  If a guard fails or the loop does not settle within
``MAX_PASSES``, the original text is returned untouched and the reason is given.
Text between edits is copied from the source slice by slice: nothing is re-rendered.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from artlint.article import Article
from artlint.compact import ROW_ORDER, Row, violations_from_rows
from artlint.context import RuleContext
from artlint.engine import lint_article_rows
from artlint.registry import rules_for
from artlint.rule import Applicability, FixAvailability, Rule
from artlint.settings import Settings
from artlint.source import Source
from artlint.suppression import find_directives
from artlint.violation import Violation, ViolationFix

MAX_PASSES = 10


@dataclass(frozen=True, slots=True)
class FixOutcome:
    """The fixed text (the original when nothing could be fixed safely) and what remains."""

    text: str
    fixed: int
    remaining: tuple[Violation, ...]
    #: Why the file was left untouched although fixes were available; empty when it settled.
    failure: str = ""


#: An edit as the loop handles it: ``(start, end, content)``, offsets into the text.
PlainEdit = tuple[int, int, str]


def _conflict(edit_start: int, edit_end: int, start: int, end: int, same_rule: bool = True) -> bool:
    if edit_start < end and start < edit_end:
        return True
    # Two insertions at one point by different rules (BD001's editor and BD002's
    # original_title, both before the closing fence) are independent: both go in, in the
    # order of the fixes.  By one rule they may repeat each other: the second waits.
    if edit_start == edit_end == start == end:
        return same_rule
    # An insertion next to a replaced span is ordered by nothing: let the second wait.
    if edit_start == edit_end and start <= edit_start <= end:
        return True
    return start == end and edit_start <= start <= edit_end


def _overlaps(edit: PlainEdit, taken: Sequence[tuple[int, int, str]], code: str = "") -> bool:
    """Whether ``edit`` (of a fix by rule ``code``) conflicts with one of ``taken`` (sorted
    spans, each with the code of its fix).

    Only the spans that start at or before the edit's end can overlap it, and of those the
    last ones reach furthest, so a look at the neighbours is enough (a file with 80,000
    fixes would otherwise take minutes).
    """
    edit_start, edit_end, _ = edit
    position = bisect.bisect_right(taken, (edit_end, edit_end, "\U0010ffff"))
    for start, end, owner in taken[max(0, position - 3) : position + 1]:
        if _conflict(edit_start, edit_end, start, end, owner == code):
            return True
    return False


def apply_fixes(text: str, fixes: Iterable[ViolationFix]) -> tuple[str, int]:
    """Apply every fix that does not overlap one applied before it; the text and how many."""
    plain = [("", [(edit.start, edit.end, edit.content) for edit in fix.edits]) for fix in fixes]
    fixed, applied, _ = _apply(text, plain)
    return fixed, applied


#: A fix as the loop handles it: the code of its rule and its edits.
PlainFix = tuple[str, Sequence[PlainEdit]]


def _apply(text: str, fixes: Iterable[PlainFix]) -> tuple[str, int, int]:
    """:func:`apply_fixes` on each fix's edits, and the offset of the first edit applied
    (``len(text)`` when none)."""
    taken: list[tuple[int, int, str]] = []
    edits: list[PlainEdit] = []
    applied = 0
    for code, fix in sorted(fixes, key=lambda fix: min((edit[0] for edit in fix[1]), default=0)):
        if any(_overlaps(edit, taken, code) for edit in fix):
            continue
        for start, end, _ in fix:
            bisect.insort(taken, (start, end, code))
        edits.extend(fix)
        applied += 1
    edits.sort(key=lambda edit: (edit[0], edit[1]))
    parts: list[str] = []
    position = 0
    for start, end, content in edits:
        parts.append(text[position:start])
        parts.append(content)
        position = end
    parts.append(text[position:])
    return "".join(parts), applied, edits[0][0] if edits else len(text)


def _reparse(previous: Article, source: Source, first_edit: int) -> Article:
    """The article of ``source``, whose text is ``previous``'s with edits from ``first_edit`` on.

    When every edit is in the body, the front matter is the one already parsed: the split
    and the YAML read only the text up to the closing fence's line break (the fences are the
    first matches there, each checked by a look at the next character), so the same text up
    to the body gives the same front matter, spans and problems.  A lone CR after the
    closing fence is the exception: a LF inserted right after it would join it.
    """
    front_matter = previous.front_matter
    if (
        front_matter is None
        or not front_matter.is_closed
        or first_edit < front_matter.body_start
        or front_matter.body_start == front_matter.close_end  # no line break after the fence
        or (
            first_edit == front_matter.body_start
            and previous.text[front_matter.close_end : front_matter.body_start] == "\r"
        )
    ):
        return Article.parse(source, previous.path)
    return Article(previous.path, source, front_matter, front_matter.body_start, len(source.text))


def _front_matter_ok(article: Article) -> bool:
    front_matter = article.front_matter
    return front_matter is not None and front_matter.data is not None and not front_matter.problems


def fixable(violation: Violation, *, unsafe: bool) -> bool:
    fix = violation.fix
    return fix is not None and (unsafe or fix.applicability is Applicability.SAFE)


def _row_fixes(rows: Iterable[Row], *, unsafe: bool) -> list[PlainFix]:
    """The edits of every fix in ``rows`` that may be applied (see :func:`fixable`)."""
    fixes: list[PlainFix] = []
    for row in rows:
        fix = row[_FIX]
        if fix is not None and (unsafe or fix[0] == _SAFE):
            fixes.append((row[0], [(edit[5], edit[6], edit[4]) for edit in fix[2]]))
    return fixes


_FIX = 10  # where a row (artlint.compact.Row) holds its fix: (applicability, message, edits)
_SAFE = Applicability.SAFE.value


def fix_source(
    source: Source, path: str, settings: Settings, *, unsafe: bool = False
) -> FixOutcome:
    """Fix ``source`` until it settles; see the module docstring for the guards.

    Each pass lints to rows (:func:`artlint.engine.lint_article_rows`): the loop needs only
    the fixes' edits, and only the last pass's rows become violations, for the report.
    The first pass runs only the rules that may offer fixes (the schema rules and HT006
    never do): most files are fixed in one pass, and the lint after it runs every rule.
    A file with nothing to fix gets the other rules then.  Each text is analysed once: its
    lints share one :class:`~artlint.context.RuleContext` (one HTML index, one parse), and
    the parse-error guard takes its counts from those contexts.
    """
    original = Article.parse(source, path)
    article = original
    plan = _fix_plan(rules_for(settings))
    split = plan.split
    original_context = RuleContext(original, settings)
    first = lint_article_rows(original, settings, split[0] if split else None, original_context)
    rows = first if split is None else []

    def whole_first() -> list[Row]:
        """The lint of the original by every rule (the first pass ran some)."""
        if split is None:
            return first
        if find_directives(original):  # suppression needs every rule's findings at once
            return lint_article_rows(original, settings, ctx=original_context)
        rest = lint_article_rows(original, settings, split[1], original_context)
        return sorted([*first, *rest], key=ROW_ORDER)

    seen = {source.text}

    def edited(article: Article, fixes: list[PlainFix]) -> tuple[Article, int] | None:
        """The article with ``fixes`` applied, and how many were; None when the text was
        seen before (fixes that undo each other)."""
        text, applied, first_edit = _apply(article.text, fixes)
        if text in seen:
            return None
        seen.add(text)
        return _reparse(article, Source(text, source.bom, source.encoding), first_edit), applied

    cycle = "fixes undo each other (a cycle)"
    fixed = 0
    front_matter_ok = _front_matter_ok(original)
    baseline_errors: int | None = None
    for number in range(MAX_PASSES):
        fixes = _row_fixes(first if number == 0 else rows, unsafe=unsafe)
        if not fixes:
            if number == 0:
                rows = whole_first()
            return FixOutcome(article.text, fixed, violations_from_rows(path, rows))
        step = edited(article, fixes)
        if step is None:
            return _failed(original, whole_first(), cycle)
        article, applied = step
        context = RuleContext(article, settings)
        if plan.refix:
            # What the edits made for the refix_after_edits rules, fixed within this pass.
            found = lint_article_rows(article, settings, plan.refix, context)
            again = _row_fixes(found, unsafe=unsafe)
            if again:
                step = edited(article, again)
                if step is None:
                    return _failed(original, whole_first(), cycle)
                article, more = step
                context = RuleContext(article, settings)
                applied += more
        if front_matter_ok and not _front_matter_ok(article):
            return _failed(original, whole_first(), "a fix would break the front matter")
        rows = lint_article_rows(article, settings, ctx=context)
        errors = len(context.parse_errors)
        if errors:  # the original's count is needed only then (most fixed bodies have none)
            if baseline_errors is None:
                baseline_errors = len(original_context.parse_errors)
            if errors > baseline_errors:
                return _failed(original, whole_first(), "a fix would add HTML parse errors")
        fixed += applied
    if _row_fixes(rows, unsafe=unsafe):
        return _failed(original, whole_first(), f"fixes did not settle after {MAX_PASSES} passes")
    return FixOutcome(article.text, fixed, violations_from_rows(path, rows))


def _may_fix(rule: type[Rule]) -> bool:
    """Whether ``rule`` may offer fixes: built-in rules say so truly in ``fixable``; a
    plugin's rule is taken to (its declaration is not checked)."""
    builtin = rule.__module__.startswith("artlint.rules.")
    return not builtin or rule.fixable is not FixAvailability.NEVER


@dataclass(frozen=True, slots=True)
class FixPlan:
    """How the loop runs a selection of rules (the same for every file of a run)."""

    #: The codes of the rules that may offer fixes, and of the others; None when one of
    #: the two is empty (nothing to gain by running them apart).
    split: tuple[frozenset[str], frozenset[str]] | None
    #: The codes of the rules run again within a pass (``refix_after_edits``), or None.
    refix: frozenset[str] | None


@functools.lru_cache(maxsize=64)
def _fix_plan(rules: tuple[type[Rule], ...]) -> FixPlan:
    fixers = frozenset(rule.code for rule in rules if _may_fix(rule))
    others = frozenset(rule.code for rule in rules) - fixers
    refix = frozenset(rule.code for rule in rules if rule.refix_after_edits)
    return FixPlan((fixers, others) if fixers and others else None, refix or None)


def _failed(original: Article, untouched: list[Row], reason: str) -> FixOutcome:
    """The original text with what its own lint found: no fix is applied."""
    return FixOutcome(original.text, 0, violations_from_rows(original.path, untouched), reason)
