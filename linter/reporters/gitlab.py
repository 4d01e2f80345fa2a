"""``--output-format gitlab``: a GitLab Code Quality report (``artifacts:reports:codequality``).

A JSON array of issues in the Code Climate format that GitLab reads: ``description``,
``check_name`` (the rule code), ``fingerprint``, ``severity`` and ``location`` (``path`` and
``lines``) are the keys GitLab requires; ``type`` and ``categories`` come from the Code
Climate spec. GitLab compares fingerprints between the base and the head of a merge
request, so a fingerprint hashes the path, code, message and how many equal issues came
before it in the file, never line numbers: a violation that only moves stays the same.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any, TextIO

from artlint.report import ReportStream
from artlint.rule import Severity
from artlint.violation import Violation

#: GitLab's severities are info, minor, major, critical and blocker.
_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor"}
#: Code Climate categories.
_CATEGORIES = {Severity.ERROR: "Bug Risk", Severity.WARNING: "Style"}


def fingerprint(violation: Violation, occurrence: int) -> str:
    """sha256 of path, code, message and the occurrence count (0 for the first)."""
    key = "\0".join((violation.path, violation.code, violation.message, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _issue(violation: Violation, occurrence: int) -> dict[str, Any]:
    return {
        "type": "issue",
        "check_name": violation.code,
        "description": f"{violation.code} {violation.message}",
        "categories": [_CATEGORIES[violation.severity]],
        "severity": _SEVERITIES[violation.severity],
        "fingerprint": fingerprint(violation, occurrence),
        "location": {
            "path": violation.path,
            "lines": {"begin": violation.line, "end": violation.end_line},
        },
    }


def write_gitlab(report: ReportStream, stream: TextIO) -> None:
    """Written issue by issue as the files come (the layout of ``json.dump(indent=2)``)."""
    first = True
    for file in report:
        seen: Counter[tuple[str, str]] = Counter()
        for violation in file.violations:
            key = (violation.code, violation.message)
            issue = json.dumps(_issue(violation, seen[key]), ensure_ascii=False, indent=2)
            seen[key] += 1
            stream.write("[\n  " if first else ",\n  ")
            first = False
            stream.write(issue.replace("\n", "\n  "))
    stream.write("[]\n" if first else "\n]\n")
