"""Results of a run: violations per file, and the exit code they imply."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from artlint.violation import Violation

EXIT_CLEAN = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2

INTERNAL_ERROR_CODE = "AL900"


class FileReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: str
    violations: tuple[Violation, ...] = ()
    #: How many fixes ``--fix`` applied to this file (the violations are those remaining).
    fixed: int = 0
    #: The text before and after fixing, for ``--diff``; not part of any output format.
    original_text: str | None = Field(default=None, exclude=True, repr=False)
    fixed_text: str | None = Field(default=None, exclude=True, repr=False)

    @property
    def changed(self) -> bool:
        """Whether --fix changed (or --diff would change) the file."""
        if self.fixed_text is None:  # texts are kept for --diff only
            return self.fixed > 0
        return self.fixed_text != self.original_text


class Report(BaseModel):
    model_config = ConfigDict(frozen=True)

    files: tuple[FileReport, ...] = ()
    #: The result of --fix or --diff (what remains), not of a plain lint.
    fixing: bool = Field(default=False, exclude=True)

    @property
    def violations(self) -> list[Violation]:
        return [violation for file in self.files for violation in file.violations]

    @property
    def fixed(self) -> int:
        return sum(file.fixed for file in self.files)

    @property
    def files_with_violations(self) -> int:
        return sum(1 for file in self.files if file.violations)

    @property
    def exit_code(self) -> int:
        violations = self.violations
        if any(violation.code == INTERNAL_ERROR_CODE for violation in violations):
            return EXIT_ERROR
        return EXIT_VIOLATIONS if violations else EXIT_CLEAN
