"""``--output-format text``: ``path:line:col: CODE message`` lines and a summary.

Written file by file from the compact rows as the run produces them (see
:class:`artlint.report.ReportStream`): nothing is held but the counts.
"""

from __future__ import annotations

import os
from typing import TextIO

from artlint.report import ReportStream
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


def write_text(report: ReportStream, stream: TextIO) -> None:
    colour = use_colour(stream)
    fixable = 0
    for file in report:
        path = file.path
        lines = []
        for code, _name, message, severity, line, column, *_, fix in file.rows:
            # ruff's marker: "[*]" means that `--fix` fixes this one.
            marker = ""
            if fix is not None and fix[0] == _SAFE:
                fixable += 1
                marker = "[*] "
            if colour:
                tint = _RED if severity == _ERROR else _YELLOW
                lines.append(
                    f"{_BOLD}{path}:{line}:{column}:{_RESET} {tint}{_BOLD}{code}{_RESET}"
                    f" {marker}{message}\n"
                )
            else:
                lines.append(f"{path}:{line}:{column}: {code} {marker}{message}\n")
        if lines:
            stream.write("".join(lines))
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
