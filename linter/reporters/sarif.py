"""``--output-format sarif``: a SARIF 2.1.0 log for code-scanning tools (GitHub, GitLab, IDEs).

One run: ``tool.driver`` lists every known rule with its documentation, and each violation is
a result at a region of its file.  Paths below the working directory are relative to the
``%SRCROOT%`` base (the working directory's ``file:`` URI); others are absolute ``file:`` URIs.
Columns are code points (``run.columnKind``), end columns exclusive, as artlint counts them.

``partialFingerprints["artlint/v1"]`` hashes the rule code and the whitespace-collapsed text
of the finding's lines (read back from the file), numbered among identical keys in the file,
so that a code-scanning alert follows its finding when lines are added above it.  Safe fixes
become SARIF ``fixes``; unsafe ones are left out, as ``artlint --fix`` leaves them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any, TextIO
from urllib.parse import quote

from artlint import __version__
from artlint.report import FileReport, ReportStream
from artlint.rule import Applicability, Rule, Severity
from artlint.violation import FixEdit, Violation

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/artlint/artlint"
RULES_DOC_URI = f"{INFORMATION_URI}/blob/main/docs/rules.md"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "artlint/v1"
STDIN = "-"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning"}
_SPACE = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

Json = dict[str, Any]


def write_sarif(report: ReportStream, stream: TextIO) -> None:
    json.dump(sarif_log(report), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def sarif_log(report: ReportStream, cwd: Path | None = None) -> Json:
    """The SARIF log of ``report``, paths taken relative to ``cwd`` (default: the current
    working directory)."""
    from artlint.registry import all_rules

    root = Path.cwd() if cwd is None else cwd
    rules = all_rules()
    index = {rule.code: position for position, rule in enumerate(rules)}
    results: list[Json] = []
    for file in report:
        # Each file's lines are read for its fingerprints, then let go.
        fingerprints = _Fingerprints(file, root)
        results.extend(
            _result(violation, index.get(violation.code), fingerprints.next(violation), root)
            for violation in file.violations
        )
    root_uri = root.absolute().as_uri()
    run: Json = {
        "tool": {
            "driver": {
                "name": "artlint",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_descriptor(rule) for rule in rules],
            }
        },
        "invocations": [{"executionSuccessful": not report.crashed}],
        "originalUriBaseIds": {SRCROOT: {"uri": root_uri.rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


# Rules -------------------------------------------------------------------------------------


def _descriptor(rule: type[Rule]) -> Json:
    from artlint.registry import plugin_of
    from artlint.ruledocs import fix_label, render_rule_markdown, render_text, rule_sections

    sections = {section.title: section.body for section in rule_sections(rule)}
    plugin = plugin_of(rule)
    descriptor: Json = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": sections.get("What it does") or rule.summary},
        "help": {"text": render_text(rule), "markdown": render_rule_markdown(rule)},
    }
    if plugin is None:  # docs/rules.md documents the built-in rules
        descriptor["helpUri"] = f"{RULES_DOC_URI}#{rule.code.lower()}"
    descriptor["defaultConfiguration"] = {
        "enabled": rule.enabled_by_default,
        "level": _LEVELS[rule.severity],
    }
    label = fix_label(rule)
    properties = {"fix": "none" if label == "-" else label, "target": rule.target.value}
    if plugin is not None:
        properties["plugin"] = plugin
    descriptor["properties"] = properties
    return descriptor


# Results -----------------------------------------------------------------------------------


def _result(violation: Violation, rule_index: int | None, fingerprint: str, root: Path) -> Json:
    artifact = _artifact_location(violation.path, root)
    result: Json = {"ruleId": violation.code}
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    result["level"] = _LEVELS[violation.severity]
    result["message"] = {"text": violation.message}
    region = _region(violation.line, violation.column, violation.end_line, violation.end_column)
    result["locations"] = [{"physicalLocation": {"artifactLocation": artifact, "region": region}}]
    result["partialFingerprints"] = {FINGERPRINT: fingerprint}
    fix = violation.fix
    if fix is not None and fix.applicability is Applicability.SAFE:
        change = {
            "artifactLocation": artifact,
            "replacements": [_replacement(edit) for edit in fix.edits],
        }
        result["fixes"] = [{"description": {"text": fix.message}, "artifactChanges": [change]}]
    return result


def _region(line: int, column: int, end_line: int, end_column: int) -> Json:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _replacement(edit: FixEdit) -> Json:
    return {
        "deletedRegion": _region(edit.line, edit.column, edit.end_line, edit.end_column),
        "insertedContent": {"text": edit.content},
    }


def _artifact_location(display: str, root: Path) -> Json:
    """``display`` (a report path) relative to ``%SRCROOT%`` when it is below ``root``, else
    an absolute ``file:`` URI."""
    path = Path(display)
    if display == STDIN or not path.is_absolute():
        relative = PurePosixPath(os.path.normpath(display).replace(os.sep, "/"))
        if relative.parts[:1] != ("..",):
            return {"uri": _quote(relative.as_posix()), "uriBaseId": SRCROOT}
        path = root / path
    absolute = Path(os.path.normpath(path.absolute()))
    try:
        below = absolute.relative_to(root.absolute()).as_posix()
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": _quote(below), "uriBaseId": SRCROOT}


def _quote(path: str) -> str:
    """``path`` percent-encoded for a URI, from its bytes: a file name that is not UTF-8
    (its bytes surrogate-escaped in ``path``) keeps them, as ``Path.as_uri`` does."""
    return quote(os.fsencode(path), safe="/")


# Fingerprints ------------------------------------------------------------------------------


class _Fingerprints:
    """Content-based fingerprints of one file's violations, numbering identical keys."""

    def __init__(self, file: FileReport, root: Path) -> None:
        self._file = file
        self._root = root
        self._lines: list[str] | None = None
        self._read = False
        self._seen: Counter[str] = Counter()

    def next(self, violation: Violation) -> str:
        """The fingerprint of ``violation``; call in report order."""
        if not self._read:  # only files with violations are read
            self._lines, self._read = _lines(self._file, self._root), True
        lines = self._lines
        text = _snippet(lines, violation) if lines is not None else None
        # Without the file's text, the message stands in for it (it rarely names a line).
        key = f"{violation.code}\0{'line' if text is not None else 'message'}\0"
        key += text if text is not None else violation.message
        occurrence = self._seen[key]
        self._seen[key] += 1
        return hashlib.sha256(f"{key}\0{occurrence}".encode()).hexdigest()


def _lines(file: FileReport, root: Path) -> list[str] | None:
    """The lines of the text the violations of ``file`` refer to, or None when unreadable."""
    # After --fix the violations are those of the fixed text, unless it was not written.
    text = file.fixed_text if file.fixed else file.original_text
    if text is None:
        if file.path == STDIN:
            return None
        from artlint.source import Source, UndecodableError

        path = Path(file.path)
        try:
            text = Source.from_bytes((root / path).read_bytes()).text
        except (OSError, UndecodableError):
            return None
    return _LINE_BREAK.split(text)


def _snippet(lines: list[str], violation: Violation) -> str | None:
    """The violation's lines, whitespace collapsed; a span ending at the start of a line does
    not take that line in.  None when the lines are not in the file (it changed since)."""
    last = violation.end_line
    if last > violation.line and violation.end_column == 1:
        last -= 1
    if not 1 <= violation.line <= last <= len(lines):
        return None
    text = " ".join(lines[violation.line - 1 : last])
    return _SPACE.sub(" ", text).strip()
