"""Table tests for the rules: cases in tests/cases/*.yaml, each also with CRLF and a BOM."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from artlint.engine import lint_bytes
from artlint.settings import Settings

CASES = Path(__file__).parent / "cases"


def load_cases() -> list[Any]:
    cases = []
    for file in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(file.read_text("utf-8")):
            for variant in ("lf", "crlf", "bom"):
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


@pytest.mark.parametrize(("case", "variant"), load_cases())
def test_rule_case(case: dict[str, Any], variant: str) -> None:
    settings = Settings(select=(case["rule"],))
    violations = lint_bytes(encode(case["source"], variant), "case.md", settings)
    got = [[v.code, v.line, v.column, v.end_line, v.end_column, v.message] for v in violations]
    assert got == case["expected"]
