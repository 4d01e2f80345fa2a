"""``--output-format junit``: JUnit XML, as GitLab, Jenkins and other CI servers read it.

One ``<testsuite name="artlint">`` holds one ``<testcase>`` per linted file (its
``classname`` and ``name`` are the path). A file with violations fails: its testcase has
one ``<failure message="N violations" type="artlint">`` whose text lists them, a
``line:col CODE message`` line each; a clean file passes. ``tests`` counts the files and
``failures`` the files with violations (the JUnit schema allows one failure per testcase).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from artlint.report import ReportStream

#: Characters that XML 1.0 forbids even as character references (most C0 controls, lone
#: surrogates from undecodable file names, U+FFFE and U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    """``text`` with characters XML cannot hold shown as ``\\xNN``-style escapes."""
    return _NOT_XML.sub(lambda match: ascii(match.group())[1:-1], text)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def write_junit(report: ReportStream, stream: TextIO) -> None:
    # The counts head the document: the files are collected first (without their texts).
    files = [file.without_texts() for file in report]
    failures = sum(1 for file in files if file.violations)
    counts = {"tests": str(len(files)), "failures": str(failures), "errors": "0"}
    root = ET.Element("testsuites", {"name": "artlint", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "artlint", **counts, "skipped": "0"})
    for file in files:
        path = _xml_text(file.path)
        case = ET.SubElement(suite, "testcase", {"classname": path, "name": path})
        if not file.violations:
            continue
        violations = file.violations
        failure = ET.SubElement(
            case,
            "failure",
            {"message": _plural(len(violations), "violation"), "type": "artlint"},
        )
        failure.text = "".join(
            _xml_text(f"{violation.line}:{violation.column} {violation.code} {violation.message}")
            + "\n"
            for violation in violations
        )
    ET.indent(root)
    # Declared by hand: ElementTree's own declaration names the locale's encoding for
    # encoding="unicode"; the report is UTF-8 (--output-file is always written as UTF-8).
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
