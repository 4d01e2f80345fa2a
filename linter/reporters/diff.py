"""``--diff``: a unified diff of what ``--fix`` would change, per file; nothing is written."""

from __future__ import annotations

import difflib
from typing import TextIO

from artlint.report import EXIT_CLEAN, EXIT_ERROR, EXIT_VIOLATIONS, Report

#: Files that --fix would leave unchanged although they have fixable violations.
_REFUSED = frozenset({"AL902"})


def _label(side: str, path: str) -> str:
    """git's ``a/``/``b/`` prefixes for relative paths; absolute paths are shown as they are."""
    return path if path.startswith("/") else f"{side}/{path}"


def write_diff(report: Report, stream: TextIO, errors: TextIO) -> int:
    """Write the diffs; exit 1 when a file would change or its fixes were refused (AL902,
    told on ``errors``), 2 when a rule crashed, else 0."""
    changed = 0
    for file in report.files:
        if not file.changed:
            continue
        assert file.original_text is not None
        assert file.fixed_text is not None
        changed += 1
        stream.writelines(
            difflib.unified_diff(
                file.original_text.splitlines(keepends=True),
                file.fixed_text.splitlines(keepends=True),
                fromfile=_label("a", file.path),
                tofile=_label("b", file.path),
            )
        )
    refused = [v for v in report.violations if v.code in _REFUSED]
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
