"""The public result models: a Violation with its position and optional fix.

These are pydantic models because they are artlint's output contract: ``model_dump()`` gives
exactly the fields of the JSON report.  Text offsets (``start``/``end``) travel with them for
the fixer and for suppression, but are excluded from every dump.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from artlint.rule import Applicability, Severity


class FixEdit(BaseModel):
    model_config = ConfigDict(frozen=True)

    line: int
    column: int
    end_line: int
    end_column: int
    content: str
    start: int = Field(exclude=True, repr=False)
    end: int = Field(exclude=True, repr=False)


class ViolationFix(BaseModel):
    model_config = ConfigDict(frozen=True)

    applicability: Applicability
    message: str
    edits: tuple[FixEdit, ...]


class Violation(BaseModel):
    """One problem in one file, 1-based lines, columns in code points."""

    model_config = ConfigDict(frozen=True)

    path: str
    code: str
    name: str
    message: str
    severity: Severity
    line: int
    column: int
    end_line: int
    end_column: int
    fix: ViolationFix | None = None
    start: int = Field(default=0, exclude=True, repr=False)
    end: int = Field(default=0, exclude=True, repr=False)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)
