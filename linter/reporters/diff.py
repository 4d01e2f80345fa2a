"""``--diff``: a unified diff of what ``--fix`` would change, per file; nothing is written."""

from __future__ import annotations

import difflib
from typing import TextIO

from artlint.report import EXIT_CLEAN, EXIT_ERROR, EXIT_VIOLATIONS, Report


def _label(side: str, path: str) -> str:
    """git's ``a/``/``b/`` prefixes for relative paths; absolute paths are shown as they are."""
    return path if path.startswith("/") else f"{side}/{path}"


def write_diff(report: Report, stream: TextIO, errors: TextIO) -> int:
    """Write the diffs; exit 1 when a file would change, 2 when a file failed, else 0."""
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
    fixes = report.fixed
    errors.write(
        f"Would fix {fixes} violation{'s' if fixes != 1 else ''}"
        f" in {changed} file{'s' if changed != 1 else ''}.\n"
    )
    if report.exit_code == EXIT_ERROR:
        return EXIT_ERROR
    return EXIT_VIOLATIONS if changed else EXIT_CLEAN
