"""Violations as plain tuples: what workers send back and what the cache stores.

Pickling or validating pydantic models for every violation costs more than linting a
small file; plain tuples of str/int are cheap to pickle and to write as JSON, and
:func:`violations_from_rows` rebuilds the models without validating them again (they were
valid when the rows were made).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel

from artlint.rule import Applicability, Severity
from artlint.violation import FixEdit, Violation, ViolationFix

#: (code, name, message, severity, line, column, end_line, end_column, start, end, fix)
Row = tuple[Any, ...]
#: Rows of one file in report order: that of :attr:`Violation.sort_key` (line, column,
#: code; the path is the same).
ROW_ORDER = operator.itemgetter(4, 5, 0)
# One shared "fields set" per model instead of a new set in every one of 100,000s of objects.
_VIOLATION_FIELDS = set(Violation.model_fields)
_FIX_FIELDS = set(ViolationFix.model_fields)
_EDIT_FIELDS = set(FixEdit.model_fields)
_Model = TypeVar("_Model", bound=BaseModel)
_FIELDS: dict[type[BaseModel], set[str]] = {
    Violation: _VIOLATION_FIELDS,
    ViolationFix: _FIX_FIELDS,
    FixEdit: _EDIT_FIELDS,
}


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


def build_model(model: type[_Model], values: dict[str, Any]) -> _Model:
    """A model from values of the right types (every field given), without validating."""
    return _build(model, _FIELDS[model], values)


def _build(model: type[_Model], fields: set[str], values: dict[str, Any]) -> _Model:
    """A model instance from values that are already valid, without pydantic's per-object
    bookkeeping: ``model_construct`` costs 5 us an object, and a 10,000-file run builds
    half a million of them in the main process.  Equality with validated models is tested.
    """
    instance = model.__new__(model)
    object.__setattr__(instance, "__dict__", values)
    object.__setattr__(instance, "__pydantic_fields_set__", fields)
    object.__setattr__(instance, "__pydantic_extra__", None)
    object.__setattr__(instance, "__pydantic_private__", None)
    return instance


_SEVERITY = {severity.value: severity for severity in Severity}
_APPLICABILITY = {applicability.value: applicability for applicability in Applicability}


def violations_from_rows(path: str, rows: Iterable[Row]) -> tuple[Violation, ...]:
    violations = []
    for code, name, message, severity, line, column, end_line, end_column, start, end, fix in rows:
        violation_fix = None
        if fix is not None:
            applicability, fix_message, edits = fix
            violation_fix = _build(
                ViolationFix,
                _FIX_FIELDS,
                {
                    "applicability": _APPLICABILITY[applicability],
                    "message": fix_message,
                    "edits": tuple(
                        _build(
                            FixEdit,
                            _EDIT_FIELDS,
                            {
                                "line": e[0],
                                "column": e[1],
                                "end_line": e[2],
                                "end_column": e[3],
                                "content": e[4],
                                "start": e[5],
                                "end": e[6],
                            },
                        )
                        for e in edits
                    ),
                },
            )
        violations.append(
            _build(
                Violation,
                _VIOLATION_FIELDS,
                {
                    "path": path,
                    "code": code,
                    "name": name,
                    "message": message,
                    "severity": _SEVERITY[severity],
                    "line": line,
                    "column": column,
                    "end_line": end_line,
                    "end_column": end_column,
                    "fix": violation_fix,
                    "start": start,
                    "end": end,
                },
            )
        )
    return tuple(violations)
