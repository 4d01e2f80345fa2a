"""Reporters: turn a run's ReportStream into text for people or data for tools.

Each format is a module with one ``write_*(report, stream)`` function, imported only when
that format is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TextIO

from artlint.report import ReportStream

Reporter = Callable[[ReportStream, TextIO], None]

#: ``--output-format`` name -> "module:function".
FORMATS = {
    "text": "artlint.reporters.text:write_text",
    "json": "artlint.reporters.json:write_json",
    "json-lines": "artlint.reporters.jsonlines:write_json_lines",
    "sarif": "artlint.reporters.sarif:write_sarif",
    "github": "artlint.reporters.github:write_github",
    "junit": "artlint.reporters.junit:write_junit",
    "gitlab": "artlint.reporters.gitlab:write_gitlab",
}


def get_reporter(name: str) -> Reporter:
    module, function = FORMATS[name].split(":")
    reporter: Reporter = getattr(importlib.import_module(module), function)
    return reporter
