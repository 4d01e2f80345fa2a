"""``--output-format text``: ``path:line:col: CODE message`` lines and a summary.

Written file by file as the run produces them (see :class:`artlint.report.ReportStream`):
nothing is held but the counts.  A file's lines without the path (:func:`plain_lines`) are
what the result cache keeps for this report, so a warm run decodes no violations at all.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TextIO

from artlint.compact import Row
from artlint.report import FileReport, ReportStream
from artlint.rule import Applicability, Severity

_BOLD, _RED, _YELLOW, _CYAN, _RESET = "\x1b[1m", "\x1b[31m", "\x1b[33m", "\x1b[36m", "\x1b[0m"
_SAFE = Applicability.SAFE.value
_ERROR = Severity.ERROR.value


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _one_line(message: str) -> str:
    """A message on one line (each violation is one line of the report)."""
    return message.replace("\r", "\\r").replace("\n", "\\n")


def safe_fixes(rows: Sequence[Row]) -> int:
    """How many of ``rows`` have a safe fix (``--fix`` fixes them: ruff's ``[*]``)."""
    return sum(1 for row in rows if row[10] is not None and row[10][0] == _SAFE)


def plain_lines(rows: Sequence[Row]) -> str:
    """``line:col: CODE [*] message`` lines, without the path (rows in report order)."""
    return "".join(
        f"{line}:{column}: {code} {'[*] ' if fix is not None and fix[0] == _SAFE else ''}"
        f"{_one_line(message)}\n"
        for code, _name, message, _severity, line, column, *_, fix in rows
    )


def _coloured_lines(file: FileReport) -> str:
    lines = []
    for code, _name, message, severity, line, column, *_, fix in file.rows:
        tint = _RED if severity == _ERROR else _YELLOW
        marker = "[*] " if fix is not None and fix[0] == _SAFE else ""
        lines.append(
            f"{_BOLD}{file.path}:{line}:{column}:{_RESET} {tint}{_BOLD}{code}{_RESET}"
            f" {marker}{_one_line(message)}\n"
        )
    return "".join(lines)


def write_text(report: ReportStream, stream: TextIO) -> None:
    colour = use_colour(stream)
    fixable = 0
    for file in report:
        if colour:
            stream.write(_coloured_lines(file))
            fixable += safe_fixes(file.rows)
            continue
        if file.text is not None:
            body, fixable = file.text, fixable + file.safe_fixes
        else:
            body, fixable = plain_lines(file.rows), fixable + safe_fixes(file.rows)
        if body:
            # Each line gets the path in front: the body's line breaks are its lines' ends.
            prefix = f"{file.path}:"
            stream.write(prefix + body[:-1].replace("\n", "\n" + prefix) + "\n")
    remaining = report.violations
    summary = (
        f"Found {_plural(remaining + report.fixed, 'violation')} in {_plural(report.files, 'file')}"
    )
    if report.fixed:
        summary += f" ({report.fixed} fixed, {remaining} remaining)"
    summary += "."
    stream.write(f"{_CYAN}{summary}{_RESET}\n" if colour else f"{summary}\n")
    # After a --fix run, what is left was not fixable (or was refused: AL902 says why).
    if fixable and not report.fixing:
        stream.write(f"[*] {fixable} fixable with `artlint --fix`.\n")
