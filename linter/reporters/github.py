"""``--output-format github``: GitHub Actions workflow commands, one per violation.

``::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE name::message``
(``::warning`` for warnings) makes GitHub annotate the line in the pull request's diff.
Nothing else is printed: the runner reads every line of the step's output.

Columns are 1-based code points and the end is exclusive, as in the other formats.
Values are escaped as GitHub's own toolkit does (``@actions/core``, ``command.ts``).
"""

from __future__ import annotations

from typing import TextIO

from artlint.report import ReportStream
from artlint.rule import Severity

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def escape_data(text: str) -> str:
    """The message after ``::``: ``%``, CR and LF would end or garble the command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A ``key=value`` property: also ``:`` (ends the properties) and ``,`` (next key)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(report: ReportStream, stream: TextIO) -> None:
    for file in report:
        for violation in file.violations:
            properties = {
                "file": violation.path,
                "line": str(violation.line),
                "col": str(violation.column),
                "endLine": str(violation.end_line),
                "endColumn": str(violation.end_column),
                "title": f"{violation.code} {violation.name}",
            }
            joined = ",".join(
                f"{key}={escape_property(value)}" for key, value in properties.items()
            )
            command = _COMMANDS[violation.severity]
            stream.write(f"::{command} {joined}::{escape_data(violation.message)}\n")
