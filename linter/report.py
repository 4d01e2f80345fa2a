"""Results of a run: violations per file, and the exit code they imply."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from artlint.violation import Violation

EXIT_CLEAN = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2

INTERNAL_ERROR_CODE = "AL900"


class FileReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: str
    violations: tuple[Violation, ...] = ()


class Report(BaseModel):
    model_config = ConfigDict(frozen=True)

    files: tuple[FileReport, ...] = ()

    @property
    def violations(self) -> list[Violation]:
        return [violation for file in self.files for violation in file.violations]

    @property
    def files_with_violations(self) -> int:
        return sum(1 for file in self.files if file.violations)

    @property
    def exit_code(self) -> int:
        violations = self.violations
        if any(violation.code == INTERNAL_ERROR_CODE for violation in violations):
            return EXIT_ERROR
        return EXIT_VIOLATIONS if violations else EXIT_CLEAN
