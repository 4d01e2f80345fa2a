"""``--output-format json``: one array of violation objects.

The array is written element by element as files are linted, so a run over 100,000 files
holds one file's violations at a time.  The layout is ``json.dump(..., indent=2)``'s.
"""

from __future__ import annotations

import json
from typing import TextIO

from artlint.report import ReportStream


def _indented(violation: object) -> str:
    """One element of the array, indented as it would be inside ``json.dump(indent=2)``."""
    return "  " + json.dumps(violation, ensure_ascii=False, indent=2).replace("\n", "\n  ")


def write_json(report: ReportStream, stream: TextIO) -> None:
    first = True
    for file in report:
        for violation in file.violations:
            stream.write("[\n" if first else ",\n")
            first = False
            stream.write(_indented(violation.model_dump(mode="json")))
    stream.write("[]\n" if first else "\n]\n")
