"""Violations as plain tuples: what workers send back and what the cache stores.

Pickling or validating pydantic models for every violation costs more than linting a
small file; plain tuples of str/int are cheap to pickle and to write as JSON, and
:func:`violations_from_rows` rebuilds the models without validating them again (they were
valid when the rows were made).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from artlint.rule import Applicability, Severity
from artlint.violation import FixEdit, Violation, ViolationFix

#: (code, name, message, severity, line, column, end_line, end_column, start, end, fix)
Row = tuple[Any, ...]


def violation_rows(violations: Iterable[Violation]) -> list[Row]:
    rows = []
    for v in violations:
        fix = None
        if v.fix is not None:
            edits = [
                (e.line, e.column, e.end_line, e.end_column, e.content, e.start, e.end)
                for e in v.fix.edits
            ]
            fix = (v.fix.applicability.value, v.fix.message, edits)
        rows.append(
            (
                v.code,
                v.name,
                v.message,
                v.severity.value,
                v.line,
                v.column,
                v.end_line,
                v.end_column,
                v.start,
                v.end,
                fix,
            )
        )
    return rows


def violations_from_rows(path: str, rows: Iterable[Row]) -> tuple[Violation, ...]:
    violations = []
    for code, name, message, severity, line, column, end_line, end_column, start, end, fix in rows:
        violation_fix = None
        if fix is not None:
            applicability, fix_message, edits = fix
            violation_fix = ViolationFix.model_construct(
                applicability=Applicability(applicability),
                message=fix_message,
                edits=tuple(
                    FixEdit.model_construct(
                        line=e[0],
                        column=e[1],
                        end_line=e[2],
                        end_column=e[3],
                        content=e[4],
                        start=e[5],
                        end=e[6],
                    )
                    for e in edits
                ),
            )
        violations.append(
            Violation.model_construct(
                path=path,
                code=code,
                name=name,
                message=message,
                severity=Severity(severity),
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                fix=violation_fix,
                start=start,
                end=end,
            )
        )
    return tuple(violations)
