"""Results of a run: violations per file, and the exit code they imply.

A :class:`FileReport` holds one file's violations either as :class:`Violation` models or as
the compact rows workers and the cache produce (:mod:`artlint.compact`), and turns one into
the other only when asked: the text reporter formats 100,000s of rows directly, and building
a model for each would cost more than the whole warm run.

The command line never holds a whole run: it writes each file's report as a
:class:`ReportStream` hands it over (files in path order) and keeps only the totals.  The
library's :func:`artlint.api.lint_paths` collects them into a :class:`Report`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from artlint.compact import ROW_ORDER, Row, violation_rows, violations_from_rows
from artlint.violation import Violation

EXIT_CLEAN = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2

INTERNAL_ERROR_CODE = "AL900"
WORKER_DIED_CODE = "AL901"
#: Violations that say the run itself failed on a file: the exit status is 2.
RUN_FAILURE_CODES = frozenset({INTERNAL_ERROR_CODE, WORKER_DIED_CODE})
#: Where the code sits in a :data:`Row`.
_CODE = 0


class Detail(enum.Enum):
    """How much of each file's violations a reader needs: what a run gives it (and so
    what the result cache reads back, see :mod:`artlint.cache`)."""

    #: :attr:`FileReport.text` only: the plain text report's lines, and counts.
    TEXT = "text"
    #: :attr:`FileReport.rows`, their fixes without edits (``[applicability, message, None]``).
    ROWS = "rows"
    #: Everything: rows with their fixes' edits, and :attr:`FileReport.violations`.
    FULL = "full"


def run_failed(rows: Iterable[Row]) -> bool:
    """Whether ``rows`` say a rule raised (AL900) or the file's worker died (AL901)."""
    return any(row[_CODE] in RUN_FAILURE_CODES for row in rows)


def in_report_order(rows: Iterable[Row]) -> list[Row]:
    """``rows`` by line, column and code, as every report lists a file's violations."""
    return sorted(rows, key=ROW_ORDER)


class FileReport:
    """One file's violations (those remaining after ``--fix``), in line and column order."""

    __slots__ = (
        "_count",
        "_rows",
        "_violations",
        "detail",
        "fixed",
        "fixed_text",
        "original_text",
        "path",
        "safe_fixes",
        "text",
    )

    def __init__(
        self,
        path: str,
        violations: Iterable[Violation] = (),
        fixed: int = 0,
        original_text: str | None = None,
        fixed_text: str | None = None,
        *,
        rows: Sequence[Row] | None = None,
        detail: Detail = Detail.FULL,
    ) -> None:
        self.path = path
        #: What this report holds (see :class:`Detail`): less than FULL only when it comes
        #: from the cache for a reader that needs less.
        self.detail = detail
        #: The plain text report's lines for this file, without the path (Detail.TEXT).
        self.text: str | None = None
        self._count: int | None = None
        #: How many of the violations have a safe fix (Detail.TEXT).
        self.safe_fixes = 0
        #: How many fixes ``--fix`` applied to this file.
        self.fixed = fixed
        #: The text before and after fixing, for ``--diff``; not part of any output format.
        self.original_text = original_text
        self.fixed_text = fixed_text
        self._violations: tuple[Violation, ...] | None = None
        self._rows: list[Row] | None = None
        if rows is not None:
            self._rows = in_report_order(rows)
        else:
            self._violations = tuple(sorted(violations, key=lambda v: v.sort_key))

    @classmethod
    def from_text(cls, path: str, text: str, count: int, safe_fixes: int) -> FileReport:
        """A report that holds only the plain text report's lines (see :class:`Detail`)."""
        report = cls(path, detail=Detail.TEXT)
        report.text, report._count, report.safe_fixes = text, count, safe_fixes
        return report

    def _needs(self, detail: Detail) -> None:
        order = (Detail.TEXT, Detail.ROWS, Detail.FULL)
        if order.index(self.detail) < order.index(detail):
            raise ValueError(f"{self.path}: the report was read with detail {self.detail.value}")

    @property
    def violations(self) -> tuple[Violation, ...]:
        if self._violations is None:
            self._needs(Detail.FULL)
            self._violations = violations_from_rows(self.path, self._rows or ())
        return self._violations

    @property
    def rows(self) -> list[Row]:
        """The violations as compact rows (code, name, message, severity, line, column, ...)."""
        if self._rows is None:
            self._needs(Detail.ROWS)
            self._rows = violation_rows(self._violations or ())
        return self._rows

    @property
    def count(self) -> int:
        if self._count is not None:
            return self._count
        return len(self._rows if self._rows is not None else self._violations or ())

    @property
    def crashed(self) -> bool:
        """Whether a rule raised on this file (AL900) or its worker died (AL901)."""
        if self.detail is Detail.TEXT:
            return False  # only complete results are cached, and those of a crash are not
        return run_failed(self.rows)

    @property
    def changed(self) -> bool:
        """Whether --fix changed (or --diff would change) the file."""
        if self.fixed_text is None:  # texts are kept for --diff only
            return self.fixed > 0
        return self.fixed_text != self.original_text

    def without_texts(self) -> FileReport:
        """The same report without the texts (which only ``--diff`` shows)."""
        if self.original_text is None and self.fixed_text is None:
            return self
        return FileReport(self.path, self.violations, self.fixed)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FileReport):
            return NotImplemented
        return (self.path, self.fixed, self.violations, self.original_text, self.fixed_text) == (
            other.path,
            other.fixed,
            other.violations,
            other.original_text,
            other.fixed_text,
        )

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[object, ...]:
        # Between processes as rows: pickling pydantic models costs more than linting.
        return (_from_rows, (self.path, self.rows, self.fixed, self.original_text, self.fixed_text))

    def __repr__(self) -> str:
        return f"FileReport(path={self.path!r}, violations={self.count}, fixed={self.fixed})"


def _from_rows(
    path: str, rows: list[Row], fixed: int, original_text: str | None, fixed_text: str | None
) -> FileReport:
    return FileReport(path, (), fixed, original_text, fixed_text, rows=rows)


def _exit_code(violations: int, crashed: bool) -> int:
    if crashed:
        return EXIT_ERROR
    return EXIT_VIOLATIONS if violations else EXIT_CLEAN


@dataclass
class ReportStream:
    """The files of a run, handed over one at a time, with totals kept as they pass.

    Iterate once (a reporter does); the totals and :attr:`exit_code` are complete after.
    """

    source: Iterable[FileReport]
    #: The result of --fix or --diff (what remains), not of a plain lint.
    fixing: bool = False
    files: int = 0
    violations: int = 0
    fixed: int = 0
    files_with_violations: int = 0
    crashed: bool = False
    _consumed: bool = field(default=False, repr=False)

    def __iter__(self) -> Iterator[FileReport]:
        if self._consumed:
            raise RuntimeError("a ReportStream can be read once")
        self._consumed = True
        for file in self.source:
            self.files += 1
            count = file.count
            self.violations += count
            self.fixed += file.fixed
            if count:
                self.files_with_violations += 1
                self.crashed = self.crashed or file.crashed
            yield file

    def drain(self) -> None:
        """Read the rest without reporting it (the totals are still counted)."""
        for _ in self:
            pass

    @property
    def exit_code(self) -> int:
        return _exit_code(self.violations, self.crashed)


@dataclass(frozen=True)
class Report:
    """A whole run, as the library returns it."""

    files: tuple[FileReport, ...] = ()
    #: The result of --fix or --diff (what remains), not of a plain lint.
    fixing: bool = False

    @property
    def violations(self) -> list[Violation]:
        return [violation for file in self.files for violation in file.violations]

    @property
    def fixed(self) -> int:
        return sum(file.fixed for file in self.files)

    @property
    def files_with_violations(self) -> int:
        return sum(1 for file in self.files if file.count)

    @property
    def exit_code(self) -> int:
        return _exit_code(
            sum(file.count for file in self.files), any(file.crashed for file in self.files)
        )

    def stream(self) -> ReportStream:
        return ReportStream(self.files, fixing=self.fixing)
