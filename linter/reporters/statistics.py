"""``--statistics``: how many violations of each rule, and how many of them --fix fixes."""

from __future__ import annotations

import collections
import json
from typing import TextIO

from artlint.report import ReportStream
from artlint.rule import Applicability

_SAFE = Applicability.SAFE.value


def write_statistics(report: ReportStream, stream: TextIO, *, as_json: bool = False) -> None:
    """One row per code, most frequent first (then by code)."""
    counts: collections.Counter[str] = collections.Counter()
    fixable: collections.Counter[str] = collections.Counter()
    names: dict[str, str] = {}
    for file in report:
        for code, name, *_, fix in file.rows:
            counts[code] += 1
            names[code] = name
            if fix is not None and fix[0] == _SAFE:
                fixable[code] += 1
    rows = sorted(counts, key=lambda code: (-counts[code], code))
    if as_json:
        data = [
            {"code": code, "name": names[code], "count": counts[code], "fixable": fixable[code]}
            for code in rows
        ]
        json.dump(data, stream, indent=2)
        stream.write("\n")
        return
    for code in rows:
        marker = "[*]" if fixable[code] == counts[code] else "[-]" if fixable[code] else "   "
        stream.write(f"{counts[code]:>6}  {code}  {marker} {names[code]}")
        stream.write(f" ({fixable[code]} fixable)\n" if 0 < fixable[code] < counts[code] else "\n")
