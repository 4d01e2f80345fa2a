"""Reporters: turn a Report into text for people or data for tools."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from artlint.report import Report

Reporter = Callable[[Report, TextIO], None]

FORMATS = ("text", "json")


def get_reporter(name: str) -> Reporter:
    if name == "json":
        from artlint.reporters.json import write_json

        return write_json
    from artlint.reporters.text import write_text

    return write_text
