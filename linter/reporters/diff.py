"""``--diff``: a unified diff of what ``--fix`` would change, per file; nothing is written."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import TextIO

from artlint.report import EXIT_CLEAN, EXIT_ERROR, EXIT_VIOLATIONS, ReportStream
from artlint.violation import Violation

#: Files that --fix would leave unchanged although they have fixable violations, or could
#: not even read.
_REFUSED = frozenset({"AL902", "IO001"})
# Lines end where the file's newlines are, not at every character str.splitlines() takes
# for a break (U+2028, form feed, ...): the hunks must count lines as patch does.
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_NO_NEWLINE = "\\ No newline at end of file\n"


def _lines(text: str) -> list[str]:
    return _LINE.findall(text)


def _patch(diff: Iterator[str]) -> Iterator[str]:
    """Mark a last line without a newline the way diff and git do, so the patch applies."""
    for line in diff:
        if line.endswith("\n"):
            yield line
        else:
            yield line + "\n"
            yield _NO_NEWLINE


def _label(side: str, path: str) -> str:
    """git's ``a/``/``b/`` prefixes for relative paths; absolute paths are shown as they are."""
    return path if path.startswith("/") else f"{side}/{path}"


def write_diff(report: ReportStream, stream: TextIO, errors: TextIO) -> int:
    """Write the diffs; exit 1 when a file would change or its fixes were refused (AL902,
    told on ``errors``), 2 when a rule crashed, else 0."""
    changed = 0
    refused: list[Violation] = []
    for file in report:
        refused.extend(v for v in file.violations if v.code in _REFUSED)
        if not file.changed:
            continue
        assert file.original_text is not None
        assert file.fixed_text is not None
        changed += 1
        diff = difflib.unified_diff(
            _lines(file.original_text),
            _lines(file.fixed_text),
            fromfile=_label("a", file.path),
            tofile=_label("b", file.path),
        )
        stream.writelines(_patch(diff))
    for violation in refused:
        location = f"{violation.path}:{violation.line}:{violation.column}:"
        errors.write(f"{location} {violation.code} {violation.message}\n")
    fixes = report.fixed
    errors.write(
        f"Would fix {fixes} violation{'s' if fixes != 1 else ''}"
        f" in {changed} file{'s' if changed != 1 else ''}.\n"
    )
    if report.exit_code == EXIT_ERROR:
        return EXIT_ERROR
    return EXIT_VIOLATIONS if changed or refused else EXIT_CLEAN
