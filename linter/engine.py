"""The engine: runs the selected rules over an article and turns findings into violations.

Rules report findings as text offsets; here they get their line and column, their severity
and their rule's code and name.  A rule that raises does not stop the run: it becomes an
``AL900`` violation naming the rule.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from artlint.article import Article
from artlint.compact import ROW_ORDER, Row, build_model, violation_rows
from artlint.context import RuleContext
from artlint.registry import find_rule, fixable_codes, rules_for
from artlint.rule import Applicability, Edit, Finding, Fix, Rule, Severity, Target
from artlint.settings import Settings
from artlint.source import LineIndex, Source, UndecodableError
from artlint.suppression import apply as apply_directives
from artlint.suppression import find_directives
from artlint.suppression import removal_edits as directive_removal
from artlint.suppression import unused as unused_directives
from artlint.violation import FixEdit, Violation, ViolationFix

logger = logging.getLogger(__name__)

UNREADABLE = "IO001"
UNUSED_SUPPRESSION = "AL100"
INTERNAL_ERROR = "AL900"


def _span(lines: LineIndex, start: int, end: int) -> dict[str, int]:
    """The position fields of a model spanning text offsets ``start`` to ``end``."""
    line, column, end_line, end_column = lines.span(start, end)
    return {
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "start": start,
        "end": end,
    }


def _check_finding(finding: Finding) -> None:
    """A rule's finding has the types the models need (a plugin's may not): the models are
    built without validation, on the hot path, so check the few values rules supply."""
    if not (
        isinstance(finding, Finding)
        and type(finding.start) is int
        and type(finding.end) is int
        and isinstance(finding.message, str)
    ):
        raise TypeError(
            f"a rule must yield Finding(start: int, end: int, message: str), not {finding!r}"
        )
    if finding.fix is not None and not (
        isinstance(finding.fix, Fix)
        and isinstance(finding.fix.applicability, Applicability)
        and isinstance(finding.fix.message, str)
        and _edits_are_typed(finding.fix.edits)
    ):
        raise TypeError(
            f"a rule's fix must be Fix(edits of Edit, Applicability, str), not {finding.fix!r}"
        )


def _severity(rule: type[Rule], settings: Settings) -> Severity:
    """The rule's severity, or the one the configuration gives its code."""
    if settings.severity:
        return dict(settings.severity).get(rule.code, rule.severity)
    return rule.severity


def _violation(
    article: Article, rule: type[Rule], finding: Finding, settings: Settings
) -> Violation:
    _check_finding(finding)
    lines = article.source.lines
    fix = None
    if finding.fix is not None and rule.code in fixable_codes(settings.fixable, settings.unfixable):
        fix = build_model(
            ViolationFix,
            {
                "applicability": finding.fix.applicability,
                "message": finding.fix.message,
                "edits": tuple(
                    build_model(
                        FixEdit, {"content": edit.content, **_span(lines, edit.start, edit.end)}
                    )
                    for edit in finding.fix.edits
                ),
            },
        )
    severity = _severity(rule, settings)
    return build_model(
        Violation,
        {
            "path": article.path,
            "code": rule.code,
            "name": rule.name,
            "message": finding.message,
            "severity": severity,
            "line": 0,
            "column": 0,
            "end_line": 0,
            "end_column": 0,
            "fix": fix,
            "start": 0,
            "end": 0,
        }
        | _span(lines, finding.start, finding.end),
    )


def engine_violation(
    path: str, code: str, message: str, line: int = 1, column: int = 1
) -> Violation:
    """A violation the engine itself emits (IO001, AL900), at a known line and column."""
    rule = find_rule(code)
    assert rule is not None
    return Violation(
        path=path,
        code=rule.code,
        name=rule.name,
        message=message,
        severity=rule.severity,
        line=line,
        column=column,
        end_line=line,
        end_column=column,
    )


def lint_article(
    article: Article, settings: Settings, ctx: RuleContext | None = None
) -> list[Violation]:
    """Run every selected rule over ``article``; violations sorted by position.

    ``ctx``: a context of this article and settings whose analyses were made already.
    """
    ctx = _context(article, settings, ctx)
    violations: list[Violation] = []
    for rule in rules_for(settings):
        if rule.target is Target.ENGINE:
            continue
        try:
            found = [_violation(article, rule, one, settings) for one in rule().check(ctx)]
        except Exception as error:
            logger.debug("rule %s failed on %s", rule.code, article.path, exc_info=True)
            violations.append(
                engine_violation(
                    article.path,
                    INTERNAL_ERROR,
                    f"rule {rule.code} ({rule.name}) failed: {type(error).__name__}: {error}",
                )
            )
            continue
        violations.extend(found)
    violations = _suppress(article, violations, settings)
    violations.sort(key=lambda violation: violation.sort_key)
    return violations


def _context(article: Article, settings: Settings, ctx: RuleContext | None) -> RuleContext:
    """``ctx``, checked to be ``article``'s, or a new context."""
    if ctx is None:
        return RuleContext(article, settings)
    if ctx.article is not article or ctx.settings is not settings:
        raise ValueError("the context given is another article's or another run's")
    return ctx


def _suppress(article: Article, violations: list[Violation], settings: Settings) -> list[Violation]:
    """Drop what inline directives silence; report directives that silenced nothing."""
    directives = find_directives(article)
    if not directives:
        return violations
    kept = apply_directives(directives, violations)
    if not is_selected(UNUSED_SUPPRESSION, settings):
        return kept
    rule = find_rule(UNUSED_SUPPRESSION)
    assert rule is not None
    unused = []
    for directive, problem in unused_directives(directives):
        shown = article.text[directive.start : directive.end].strip()
        fix = None
        if not directive.used:  # one that also silenced something stays: fix it by hand
            fix = Fix(directive_removal(article, directive), Applicability.SAFE, "Remove it")
        finding = Finding(directive.start, directive.end, f"'{shown}' {problem}", fix)
        unused.append(_violation(article, rule, finding, settings))
    # AL100 itself can be silenced for a whole file, like any rule.
    file_wide = [d for d in directives if d.kind in ("disable-file", "ignore-file")]
    return kept + apply_directives(file_wide, unused)


def lint_article_rows(
    article: Article,
    settings: Settings,
    only: frozenset[str] | None = None,
    ctx: RuleContext | None = None,
) -> list[Row]:
    """:func:`lint_article` as rows: ``violation_rows(lint_article(article, settings))``.

    What a worker sends back is rows, so building a pydantic model per violation only to
    take it apart again was a fifth of the cost of linting a file; here each finding goes
    straight to its row.  An article with suppression directives takes the model path,
    because suppression works on violations (few articles have directives).

    ``only``: run just the selected rules with these codes (the fixer's re-run of
    ``refix_after_edits`` rules).  ``ctx``: a context of this article and settings, whose
    analyses (HTML index, parse errors, ...) are reused (the fixer lints one text in parts).
    """
    ctx = _context(article, settings, ctx)
    if find_directives(article):
        everything = violation_rows(lint_article(article, settings, ctx))
        return everything if only is None else [row for row in everything if row[0] in only]
    lines = article.source.lines
    rows: list[Row] = []
    plan = _plan(
        rules_for(settings), settings.severity, fixable_codes(settings.fixable, settings.unfixable)
    )
    for rule, code, name, severity, offers_fix in plan:
        if only is not None and code not in only:
            continue
        try:
            found = [
                _row(lines, code, name, severity, offers_fix, finding)
                for finding in rule().check(ctx)
            ]
        except Exception as error:
            logger.debug("rule %s failed on %s", code, article.path, exc_info=True)
            message = f"rule {code} ({name}) failed: {type(error).__name__}: {error}"
            rows.extend(violation_rows([engine_violation(article.path, INTERNAL_ERROR, message)]))
            continue
        rows.extend(found)
    rows.sort(key=ROW_ORDER)
    return rows


@functools.lru_cache(maxsize=64)
def _plan(
    rules: tuple[type[Rule], ...],
    severities: tuple[tuple[str, Severity], ...],
    fixable: frozenset[str],
) -> tuple[tuple[type[Rule], str, str, str, bool], ...]:
    """Each rule that checks articles, with its code, name, severity and whether its fixes
    are offered: the same for every file of a run, so worked out once, not per file."""
    overrides = dict(severities)
    return tuple(
        (
            rule,
            rule.code,
            rule.name,
            overrides.get(rule.code, rule.severity).value,
            rule.code in fixable,
        )
        for rule in rules
        if rule.target is not Target.ENGINE
    )


def _edits_are_typed(edits: tuple[Edit, ...]) -> bool:
    for edit in edits:  # a loop, not all() of a generator: this runs for every fix
        if not (
            type(edit.start) is int and type(edit.end) is int and isinstance(edit.content, str)
        ):
            return False
    return True


def _row(
    lines: LineIndex, code: str, name: str, severity: str, offers_fix: bool, finding: Finding
) -> Row:
    """The row of :func:`artlint.compact.violation_rows` for ``finding``, made directly."""
    _check_finding(finding)
    start, end, fix = finding.start, finding.end, finding.fix
    span = lines.span
    if fix is None or not offers_fix:
        return (code, name, finding.message, severity, *span(start, end), start, end, None)
    edits = [
        (*span(edit.start, edit.end), edit.content, edit.start, edit.end) for edit in fix.edits
    ]
    fix_row = (_APPLICABILITY[fix.applicability], fix.message, edits)
    return (code, name, finding.message, severity, *span(start, end), start, end, fix_row)


#: ``Applicability.value`` by a dict look-up, 8x faster than the enum's property.
_APPLICABILITY = {applicability: applicability.value for applicability in Applicability}


def is_selected(code: str, settings: Settings) -> bool:
    return any(rule.code == code for rule in rules_for(settings))


def lint_bytes(data: bytes, path: str, settings: Settings) -> list[Violation]:
    """Decode and lint one file's bytes."""
    try:
        source = Source.from_bytes(data)
    except UndecodableError as error:
        if not is_selected(UNREADABLE, settings):
            return []
        line, column = error.position
        return [engine_violation(path, UNREADABLE, error.reason, line, column)]
    return lint_article(Article.parse(source, path), settings)


def lint_file(path: Path, display: str, settings: Settings) -> list[Violation]:
    """Read and lint one file; a file that cannot be read is an IO001 violation."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return _unreadable(display, error, settings, path)
    return lint_bytes(data, display, settings)


def _unreadable(
    display: str, error: OSError, settings: Settings, path: Path | None = None
) -> list[Violation]:
    if not is_selected(UNREADABLE, settings):
        return []
    reason = error.strerror or type(error).__name__
    if isinstance(error, FileNotFoundError) and path is not None and path.is_symlink():
        try:
            target = str(path.readlink())
        except OSError:  # gone in between: the plain reason is right
            pass
        else:
            reason = f"broken symbolic link (to {target!r}, which does not exist)"
    elif isinstance(error, IsADirectoryError):
        reason = "it is a directory"
    return [engine_violation(display, UNREADABLE, f"cannot read file: {reason}")]


def lint_rows(data: bytes | None, path: Path, display: str, settings: Settings) -> list[Row]:
    """What a worker returns for one file: ``violation_rows`` of :func:`lint_bytes`, or of
    :func:`lint_file` when ``data`` is None (not read yet), without the models."""
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as error:
            return violation_rows(_unreadable(display, error, settings, path))
    try:
        source = Source.from_bytes(data)
    except UndecodableError:
        return violation_rows(lint_bytes(data, display, settings))
    return lint_article_rows(Article.parse(source, display), settings)
