"""``--output-format json``: one array of violation objects."""

from __future__ import annotations

import json
from typing import TextIO

from artlint.report import Report


def write_json(report: Report, stream: TextIO) -> None:
    rows = [violation.model_dump(mode="json") for violation in report.violations]
    json.dump(rows, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
