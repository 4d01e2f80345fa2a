"""A user's schema through the config: extends the default by $ref and uses artlint's formats."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult

Run = Callable[..., CliResult]

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "allOf": [{"$ref": "artlint://schemas/article.schema.json"}],
    "required": ["editor"],
    "properties": {
        "editor": {"type": "string", "minLength": 1},
        "published": {"type": "string", "format": "rfc2822"},
        "banner": {"type": "string", "format": "image-url"},
    },
}
ARTICLE = "---\ntitle: x\npublished: 2021-05-27\nbanner: /logo.png\n---\n<p>a</p>\n"


def test_a_schema_extending_the_default_with_artlint_formats(
    tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "mine.json").write_text(json.dumps(SCHEMA), "utf-8")
    (tmp_path / "artlint.toml").write_text('schema = "schemas/mine.json"\n', "utf-8")
    (tmp_path / "a.md").write_text(ARTICLE, "utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("--output-format", "json", "--select", "FM1", "a.md")
    rows = [(row["code"], row["line"], row["message"]) for row in json.loads(result.stdout)]
    codes = sorted((code, line) for code, line, _ in rows)
    # date is required by the default schema, editor by ours: both at the opening fence.
    assert codes == [("FM101", 1), ("FM101", 1), ("FM102", 3), ("FM103", 4)]
    messages = " ".join(message for _, _, message in rows)
    assert "'date'" in messages
    assert "'editor'" in messages
