"""The rows path of the engine (what workers send back) gives exactly the model path's rows."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from artlint.compact import Row, violation_rows
from artlint.context import RuleContext
from artlint.engine import lint_bytes, lint_file, lint_rows
from artlint.rule import Finding, Rule, Severity, Target
from artlint.settings import Settings
from artlint.source import LineIndex
from tests.conftest import REAL_CORPUS, SHARED, require_shared, rules_added


def model_rows(data: bytes | None, path: Path, settings: Settings) -> list[Row]:
    if data is None:
        return violation_rows(lint_file(path, str(path), settings))
    return violation_rows(lint_bytes(data, str(path), settings))


def assert_same_rows(data: bytes | None, path: Path, settings: Settings) -> None:
    expected = model_rows(data, path, settings)
    found = lint_rows(data, path, str(path), settings)
    # repr too: a tuple where the cache wants a list, or True for 1, must not slip through.
    assert (found, repr(found)) == (expected, repr(expected)), path


def test_real_corpus_rows_equal_model_rows() -> None:
    files = sorted(require_shared(REAL_CORPUS).rglob("*.md"))
    assert len(files) > 200
    for path in files:
        assert_same_rows(path.read_bytes(), path, Settings())


def test_synthetic_rows_equal_model_rows(tmp_path: Path) -> None:
    script = require_shared(SHARED / "bench" / "make_corpus.py")
    subprocess.run(
        [sys.executable, str(script), str(tmp_path), "-n", "150", "--defect-rate", "0.3"],
        check=True,
        capture_output=True,
    )
    files = sorted(tmp_path.glob("*.md"))
    assert len(files) == 150
    for path in files:
        assert_same_rows(path.read_bytes(), path, Settings())
        assert_same_rows(None, path, Settings())


ARTICLE = (
    "---\ntitle: x\ndate: 2021-05-27\ncover: http://example.com/a.png\n---\n"
    '<p style="color: red">a</p><!-- left over -->\n\n\n\n<style>p{}</style>\n'
    '<p class="article-editor">责任编辑：王涵</p>\n<p>原标题：另一个标题</p>\n'
)


@pytest.mark.parametrize(
    "settings",
    [
        Settings(),
        Settings(severity=(("HT002", Severity.ERROR), ("FM102", Severity.WARNING))),
        Settings(unfixable=("HT00",)),
        Settings(fixable=("HT002",)),
        Settings(select=("HT",), ignore=("HT008",)),
    ],
)
def test_settings_that_change_rows(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    for text in (ARTICLE, ARTICLE.replace("\n", "\r\n"), ARTICLE.replace("\n", "\r")):
        assert_same_rows(text.encode(), path, settings)


@pytest.mark.parametrize(
    "body",
    [
        "<!-- artlint-disable HT002 -->\n<p style='x'>a</p>\n",  # suppresses
        "<!-- artlint-disable-file HT004 -->\n<p style='x'>a</p>\n",  # unused: AL100
        "<!-- artlint-disable-next-line -->\n<p style='x'>a</p><!-- c -->\n",
    ],
)
def test_articles_with_directives(body: str, tmp_path: Path) -> None:
    data = f"---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n{body}".encode()
    assert_same_rows(data, tmp_path / "a.md", Settings())
    assert_same_rows(data, tmp_path / "a.md", Settings(ignore=("AL100",)))


def test_unreadable_and_undecodable_files(tmp_path: Path) -> None:
    missing = tmp_path / "missing.md"
    assert_same_rows(None, missing, Settings())
    assert_same_rows(None, missing, Settings(ignore=("IO001",)))
    [row] = lint_rows(None, missing, "missing.md", Settings())
    assert row[0] == "IO001"
    assert_same_rows(b"---\ntitle: \xff\n---\n", tmp_path / "a.md", Settings())
    assert_same_rows(b"\xef\xbb\xbf<p>\xc3</p>", tmp_path / "a.md", Settings(ignore=("IO001",)))
    assert_same_rows(b"", tmp_path / "a.md", Settings())


class Exploding(Rule):
    """What it does: raises after one finding."""

    code = "ZZ996"
    name = "exploding-late"
    summary = "raises"
    target = Target.BODY

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        yield Finding(0, 1, "first")
        raise KeyError("boom")


def test_a_rule_that_raises_is_one_al900_row(tmp_path: Path) -> None:
    settings = Settings(extend_select=("ZZ996",))
    with rules_added(Exploding):
        assert_same_rows(ARTICLE.encode(), tmp_path / "a.md", settings)
        rows = lint_rows(ARTICLE.encode(), tmp_path / "a.md", "a.md", settings)
    assert [row[2] for row in rows if row[0] in ("AL900", "ZZ996")] == [
        "rule ZZ996 (exploding-late) failed: KeyError: 'boom'"
    ]


@pytest.mark.parametrize("text", ["", "a", "a\nb", "a\r\nb\rc\n", "\n\n\r\r\n", "中文\n𝄞x\r\n"])
def test_line_index_span_is_position_twice(text: str) -> None:
    lines = LineIndex.of(text)
    offsets = range(-2, len(text) + 3)
    for start in offsets:
        for end in offsets:
            assert lines.span(start, end) == (*lines.position(start), *lines.position(end))


@pytest.mark.parametrize(
    "text", ["", "a", "\n", "a\n", "\n\n", "ab\ncd", "中\n文\n𝄞", "a\r\nb", "a\rb\n", "\r"]
)
def test_line_starts(text: str) -> None:
    expected = [0, *(match.end() for match in re.finditer(r"\r\n|\r|\n", text))]
    assert LineIndex.of(text).line_starts == tuple(expected)
