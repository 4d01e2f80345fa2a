"""The real corpus in ../shared: every file lints cleanly (no AL900, no traceback), and the
number of files with each code is recorded so that a change in detection shows in review."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

import artlint
from artlint.frontmatter import parse_front_matter
from artlint.source import Source
from tests.conftest import REAL_CORPUS, SEED, require_shared

# Files with each code in ../shared/corpus/real (292 articles). Update deliberately.
EXPECTED_FILES_PER_CODE = {
    "FM003": 139,  # every Rock-Candy-Tea file starts with a blank line (the scraper template)
    "FM102": 85,
    "FM103": 125,
    "FM100": 32,
    "FM104": 1,
}


def corpus_files() -> list[Path]:
    root = require_shared(REAL_CORPUS)
    return sorted(path for path in root.rglob("*.md") if path.name != "SOURCES.md")


def test_seed_gives_fm003_and_no_schema_violation() -> None:
    report = artlint.lint_paths([require_shared(SEED)])
    assert [(v.code, v.line, v.column, v.end_line, v.end_column) for v in report.violations] == [
        ("FM003", 1, 1, 2, 1)
    ]


def test_corpus_files_per_code() -> None:
    files = corpus_files()
    assert len(files) == 292
    report = artlint.lint_paths(files)
    per_code: collections.Counter[str] = collections.Counter()
    for file in report.files:
        per_code.update({violation.code for violation in file.violations})
    assert "AL900" not in per_code
    assert dict(per_code) == EXPECTED_FILES_PER_CODE


def test_splitter_agrees_with_python_frontmatter() -> None:
    """Where the front matter is first, our fences give the same data as python-frontmatter."""
    frontmatter = pytest.importorskip("frontmatter")
    compared = 0
    for path in corpus_files():
        text = path.read_text("utf-8")
        block = parse_front_matter(Source(text))
        assert block is not None, path
        if not block.is_first or block.data is None:
            continue
        post = frontmatter.loads(text)
        expected = {key: value for key, value in post.metadata.items()}
        # python-frontmatter constructs timestamps; we keep the text the author wrote.
        for key, value in block.data.items():
            if isinstance(expected.get(key), str | int | bool | list) or expected.get(key) is None:
                assert value == expected[key], (path, key)
        assert set(block.data) == set(expected), path
        compared += 1
    assert compared == 153
