"""``--output-format text``: ``path:line:col: CODE message`` lines and a summary."""

from __future__ import annotations

import os
from typing import TextIO

from artlint.report import Report
from artlint.rule import Applicability, Severity
from artlint.violation import Violation

_BOLD, _RED, _YELLOW, _CYAN, _RESET = "\x1b[1m", "\x1b[31m", "\x1b[33m", "\x1b[36m", "\x1b[0m"


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _safe_fix(violation: Violation) -> bool:
    return violation.fix is not None and violation.fix.applicability is Applicability.SAFE


def write_text(report: Report, stream: TextIO) -> None:
    colour = use_colour(stream)
    fixable = 0
    for violation in sorted(report.violations, key=lambda violation: violation.sort_key):
        location = f"{violation.path}:{violation.line}:{violation.column}:"
        code = violation.code
        if colour:
            tint = _RED if violation.severity is Severity.ERROR else _YELLOW
            location = f"{_BOLD}{location}{_RESET}"
            code = f"{tint}{_BOLD}{code}{_RESET}"
        # ruff's marker: "[*]" means that `--fix` fixes this one.
        marker = ""
        if _safe_fix(violation):
            fixable += 1
            marker = "[*] "
        stream.write(f"{location} {code} {marker}{violation.message}\n")
    remaining = len(report.violations)
    summary = (
        f"Found {_plural(remaining + report.fixed, 'violation')}"
        f" in {_plural(len(report.files), 'file')}"
    )
    if report.fixed:
        summary += f" ({report.fixed} fixed, {remaining} remaining)"
    summary += "."
    stream.write(f"{_CYAN}{summary}{_RESET}\n" if colour else f"{summary}\n")
    # After a --fix run, what is left was not fixable (or was refused: AL902 says why).
    if fixable and not report.fixing:
        stream.write(f"[*] {fixable} fixable with `artlint --fix`.\n")
