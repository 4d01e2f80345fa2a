"""``--output-format json-lines``: one JSON object per line per violation.

Each line holds exactly the fields of the ``json`` format, so ``jq``, ``grep`` and
line-by-line readers can take violations one at a time.
"""

from __future__ import annotations

import json
from typing import TextIO

from artlint.report import Report


def write_json_lines(report: Report, stream: TextIO) -> None:
    for violation in sorted(report.violations, key=lambda violation: violation.sort_key):
        # json.dumps escapes newlines inside strings, so every object stays on one line.
        stream.write(json.dumps(violation.model_dump(mode="json"), ensure_ascii=False))
        stream.write("\n")
