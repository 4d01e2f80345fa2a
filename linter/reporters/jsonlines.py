"""``--output-format json-lines``: one JSON object per line per violation.

Each line holds exactly the fields of the ``json`` format, so ``jq``, ``grep`` and
line-by-line readers can take violations one at a time.
"""

from __future__ import annotations

import json
from typing import TextIO

from artlint.report import ReportStream


def write_json_lines(report: ReportStream, stream: TextIO) -> None:
    for file in report:
        for violation in file.violations:
            # json.dumps escapes newlines inside strings, so every object stays on one line.
            stream.write(json.dumps(violation.model_dump(mode="json"), ensure_ascii=False))
            stream.write("\n")
