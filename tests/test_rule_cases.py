"""Table tests for the rules: cases in tests/cases/*.yaml, each also with CRLF and a BOM.

A case's ``fixed`` is the exact text after ``--fix`` (safe fixes) with only that rule
selected; a case without one must come out of the fixer unchanged.  For every case the fix
is also checked to be idempotent and to leave no safe fix of the rule behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from artlint.engine import lint_bytes
from artlint.fixer import fix_source
from artlint.settings import Settings
from artlint.source import Source

CASES = Path(__file__).parent / "cases"


def load_cases() -> list[Any]:
    cases = []
    for file in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(file.read_text("utf-8")):
            for variant in ("lf", "crlf", "bom"):
                if variant == "crlf" and "\r" in case["source"]:
                    continue  # a case about mixed newlines is its own variant
                cases.append(
                    pytest.param(case, variant, id=f"{case['rule']}-{case['name']}-{variant}")
                )
    return cases


def encode(source: str, variant: str) -> bytes:
    if variant == "crlf":
        return source.replace("\n", "\r\n").encode()
    if variant == "bom":
        return b"\xef\xbb\xbf" + source.encode()
    return source.encode()


def fix(data: bytes, settings: Settings) -> bytes:
    source = Source.from_bytes(data)
    outcome = fix_source(source, "case.md", settings)
    assert not outcome.failure
    return source.to_bytes(outcome.text)


@pytest.mark.parametrize(("case", "variant"), load_cases())
def test_rule_case(case: dict[str, Any], variant: str) -> None:
    settings = Settings(select=(case["rule"],))
    violations = lint_bytes(encode(case["source"], variant), "case.md", settings)
    got = [[v.code, v.line, v.column, v.end_line, v.end_column, v.message] for v in violations]
    assert got == case["expected"]

    data = encode(case["source"], variant)
    fixed = fix(data, settings)
    assert fixed == encode(case.get("fixed", case["source"]), variant)
    assert fix(fixed, settings) == fixed
    left = lint_bytes(fixed, "case.md", settings)
    assert not [v for v in left if v.fix is not None and v.fix.applicability.value == "safe"]
