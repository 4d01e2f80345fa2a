"""The compiled validity test of a schema says what jsonschema says, for every document."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from artlint.article import Article
from artlint.schema import check_front_matter, compiled_schema, quick_check
from artlint.source import Source
from tests.conftest import REAL_CORPUS, SHARED, require_shared


def front_matters(paths: list[Path]) -> list[dict[str, Any]]:
    found = []
    for path in paths:
        article = Article.parse(Source.from_bytes(path.read_bytes()))
        if article.front_matter is not None and article.front_matter.data is not None:
            found.append(article.front_matter.data)
    return found


def assert_agrees(schema_path: Path | None, documents: list[Any]) -> None:
    quick = quick_check(schema_path)
    assert quick is not None
    validator = compiled_schema(schema_path)
    for document in documents:
        assert quick(document) == validator.is_valid(document), document


def test_corpora() -> None:
    documents = front_matters(sorted(require_shared(REAL_CORPUS).rglob("*.md")))
    assert_agrees(None, documents)
    assert not all(map(compiled_schema(None).is_valid, documents))


VALUES: list[Any] = [
    *("", " ", "\u3000", "x", "标题", "2021-05-27", "Thu, 27 May 2021 12:15:20 GMT"),
    *("Fri, 27 May 2021 12:15:20 GMT", "27 May 2021 12:15 +0800", "Thu, 31 Feb 2021 1:1:1 GMT"),
    *("https://example.com/a.png", "http://example.com/a.png", "https://exa mple.com/a", "/a.png"),
    *("ftp://example.com/a.png", "https://[::1/a.png", 0, 1, -3, 1.0, 1.5, float("nan")),
    *(float("inf"), True, False, None, [], [""], ["a", "b"], [" "], [1], ["a", None], {}),
    {"image": "https://example.com/a.png"},
    {"image": "http://example.com/a.png"},
    {"image": 1},
    {"alt": "x"},
    [{"a": 1}],
    ["https://example.com/a.png", "https://example.com/b.png"],
    ["https://example.com/a.png", "nope"],
]
KEYS = [
    *("title", "date", "updated", "lastmod", "author", "categories", "tags", "comments"),
    *("headimg", "thumbnail", "cover", "images", "extra"),
]


def mutated(documents: list[dict[str, Any]], seed: int, count: int) -> list[Any]:
    rng = random.Random(seed)
    result: list[Any] = [None, [], "x", 1, {}]
    for _ in range(count):
        document = dict(rng.choice(documents))
        for _ in range(rng.randint(1, 3)):
            key = rng.choice(KEYS)
            if rng.random() < 0.2:
                document.pop(key, None)
            else:
                document[key] = rng.choice(VALUES)
        result.append(document)
    return result


@pytest.mark.parametrize("seed", range(3))
def test_mutated_documents(seed: int, tmp_path: Path) -> None:
    script = require_shared(SHARED / "bench" / "make_corpus.py")
    subprocess.run(
        [sys.executable, str(script), str(tmp_path), "-n", "100", "--seed", str(seed)],
        check=True,
        capture_output=True,
    )
    documents = front_matters(sorted(tmp_path.glob("*.md")))
    assert len(documents) > 50
    assert_agrees(None, documents)
    assert_agrees(None, mutated(documents, seed, 3000))


SCHEMA = {
    "type": "object",
    "required": ["a"],
    "properties": {
        "a": {"type": ["string", "integer"], "minLength": 2},
        "b": {"allOf": [{"type": "number"}, True]},
        "c": {"items": {"anyOf": [{"type": "null"}, {"pattern": "^x"}]}},
        "d": False,
        "e": {"format": "rfc2822", "title": "ignored", "$comment": "ignored"},
    },
}


def test_other_schema(tmp_path: Path) -> None:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(SCHEMA), "utf-8")
    rng = random.Random(0)
    values = [*VALUES, "xa", "ya", ["xa", None], ["ya"], 2.0]
    documents = [
        {key: rng.choice(values) for key in rng.sample("abcde", rng.randint(0, 5))}
        for _ in range(3000)
    ]
    assert_agrees(path, documents)


@pytest.mark.parametrize(
    "schema",
    [
        {"allOf": [{"$ref": "artlint://schemas/article.schema.json"}]},
        {"type": "object", "additionalProperties": False},
        {"properties": {"a": {"enum": [1, 2]}}},
        {"not": {"type": "string"}},
        {"prefixItems": [{"type": "string"}], "items": {"type": "string"}},
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"},
    ],
)
def test_schemas_with_other_keywords_are_left_to_jsonschema(
    schema: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema), "utf-8")
    assert quick_check(path) is None


def test_a_valid_document_has_no_findings_and_an_invalid_one_still_has() -> None:
    text = "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n"
    article = Article.from_text(text)
    assert article.front_matter is not None
    assert check_front_matter(article.front_matter, text) == ()
    bad = text.replace("Thu", "Fri")
    article = Article.from_text(bad)
    assert article.front_matter is not None
    [finding] = check_front_matter(article.front_matter, bad)
    assert finding.code == "FM102"
