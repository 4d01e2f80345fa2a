"""The real corpus in ../shared: every file lints cleanly (no AL900, no traceback), and the
number of files with each code is recorded so that a change in detection shows in review."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

import artlint
from artlint.article import Article
from artlint.context import RuleContext
from artlint.frontmatter import parse_front_matter
from artlint.settings import Settings
from artlint.source import Source
from tests.conftest import REAL_CORPUS, SEED, require_shared

# Files with each code in ../shared/corpus/real (292 articles). Update deliberately.
EXPECTED_FILES_PER_CODE = {
    "FM003": 139,  # every Rock-Candy-Tea file starts with a blank line (the scraper template)
    "FM102": 85,
    "FM103": 125,
    "FM100": 32,
    "FM104": 1,
    "HT001": 14,  # the Sina template comments (正文下iframe, 总声明, 文末二维码, ...)
    "HT002": 62,
    "HT003": 21,  # Sina QR-promo styles, 掘金 .markdown-body, PMCAFF #articleCont
    "HT004": 1,  # 掘金 01Vue的生命周期.md
    "HT005": 43,  # see EXPECTED_TRACKING_BLOCKS
    "HT006": 1,  # html5lib also flags '&' in 30 files' URLs; the current standard does not
    "HT007": 17,  # Sina cms-style, IT 之家 data-vmark
    "HT008": 22,
    "BD001": 16,  # 13 Sina + 3 快科技 editor credits
    "BD002": 6,  # 原标题：..., and one '原标题 “...”' written with a space
    "XF001": 6,  # Sina articles whose headimg/thumbnail is the app QR code
}

# Tracking blocks the built-in packs find in ../shared/corpus/real, per pack.
EXPECTED_TRACKING_BLOCKS = {
    "sina-finance": 33,  # 13 QR promos, 13 news_keyword_pub comments, 7 article_adlist comments
    "ifanr": 15,  # the WeChat promo paragraph of every ifanr item
    "sspai": 17,  # download and shop promo paragraphs
    "mydrivers": 3,  # the end-of-article icon
}


def corpus_files() -> list[Path]:
    root = require_shared(REAL_CORPUS)
    return sorted(path for path in root.rglob("*.md") if path.name != "SOURCES.md")


def test_seed_violations_at_their_exact_positions() -> None:
    report = artlint.lint_paths([require_shared(SEED)])
    assert [(v.code, v.line, v.column, v.end_line, v.end_column) for v in report.violations] == [
        ("FM003", 1, 1, 2, 1),
        ("XF001", 8, 10, 8, 72),  # headimg is the QR code of the promo block
        ("XF001", 12, 12, 12, 74),
        ("BD002", 16, 1, 16, 66),  # <p class="ori_titlesource">　　原标题：...
        ("HT007", 17, 4, 17, 22),  # cms-style="font-L" on each paragraph
        ("HT007", 18, 4, 18, 22),
        ("HT007", 19, 4, 19, 22),
        ("HT007", 20, 4, 20, 22),
        ("HT007", 21, 4, 21, 22),
        ("HT005", 21, 128, 21, 160),  # <!-- news_keyword_pub,stock, --> after </p>
        ("HT008", 23, 1, 29, 1),
        ("HT001", 29, 1, 29, 19),
        ("HT008", 31, 1, 32, 1),
        ("HT001", 32, 1, 32, 19),
        ("HT001", 34, 1, 34, 12),
        ("HT008", 36, 1, 46, 1),
        ("HT001", 46, 1, 46, 12),
        ("HT001", 48, 1, 48, 21),
        ("HT008", 50, 1, 51, 1),
        ("HT001", 51, 13, 51, 33),
        ("HT003", 52, 13, 57, 21),  # <style> ... </style>
        ("HT005", 58, 13, 61, 19),  # <div class="clearfix appendQr_wrap"> ... </div>
        ("HT001", 62, 13, 62, 33),
        ("HT001", 64, 13, 64, 33),
        ("HT001", 66, 1, 66, 19),
        ("BD001", 68, 1, 68, 40),  # <p class="article-editor">责任编辑：张亚楠 </p>
        ("HT001", 69, 1, 69, 18),
        ("HT008", 71, 1, 72, 1),
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


def test_tracking_blocks_found_by_the_packs() -> None:
    per_pack: collections.Counter[str] = collections.Counter()
    reported = 0
    for path in corpus_files():
        ctx = RuleContext(Article.from_text(path.read_text("utf-8")), Settings())
        per_pack.update(match.entry.pack for match in ctx.tracking_blocks)
        reported += len(artlint.lint_text(ctx.text, settings=Settings(select=("HT005",))))
    assert dict(per_pack) == EXPECTED_TRACKING_BLOCKS
    assert reported == sum(EXPECTED_TRACKING_BLOCKS.values())


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
