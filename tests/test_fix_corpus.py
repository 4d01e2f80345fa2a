"""``--fix`` on real articles: the corpus in ../shared fixed through the library, the seed
through the CLI (LF, and CRLF with a BOM), and ``--diff``.  What a fix may remove is junk;
every other paragraph keeps its text, and a second run finds nothing left to do."""

from __future__ import annotations

import collections
import html
import re
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from artlint.api import fix_paths, fix_text, lint_paths
from artlint.report import FileReport, Report
from artlint.settings import Settings
from tests.conftest import REAL_CORPUS, REPO, CliResult, require_shared

Run = Callable[..., CliResult]
SEED_COPY = REPO / "examples" / "sina-finance-seed.md"
ENGINE_ERRORS = {"AL900", "AL902"}

# Numbers for ../shared/corpus/real (292 articles). Update deliberately.
EXPECTED_CHANGED_FILES = 184  # all 139 Rock-Candy-Tea files (FM003) and 45 others
EXPECTED_FIXES = 1197  # the per-code counts below, plus 4 HT008 runs joined by earlier passes
EXPECTED_FIXED_PER_CODE = {  # violations of the original lint that the fix removed
    "BD001": 16,  # 13 Sina + 3 快科技 editor credits, each moved to 'editor:'
    "BD002": 6,
    "FM003": 139,  # the blank line the Rock-Candy-Tea template writes before '---'
    "HT001": 137,
    "HT002": 386,  # 156 more are on images (unsafe fix: the style sizes them)
    "HT003": 21,
    "HT004": 2,
    "HT005": 68,
    "HT007": 334,
    "HT008": 85,
}
EXPECTED_BYTES_REMOVED = 71552
# Junk removed: 16 editor credits, 6 原标题 lines (one written '原标题 “…”' with a space),
# 3 p.end, 15 ifanr and 17 sspai promos.
EXPECTED_PARAGRAPHS = {"verbatim": 6007, "same text": 78, "junk removed": 57}

P_ELEMENT = re.compile(r"<p\b([^>]*)>(.*?)</p>", re.DOTALL)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
TAG = re.compile(r"<[^>]*>")
JUNK_TEXT = re.compile(
    r"^(原标题|[（(]?责任编辑|#欢迎关注爱范儿|> ?(下载\s*少数派|实用、好用的|特惠))"
)
END_ICON = re.compile(r"""\bclass=["']?end\b""")  # 快科技 p.end
ADDED_KEYS = ("editor:", "original_title:")


def paragraphs(text: str) -> list[tuple[str, str]]:
    """(attributes, inner HTML) of every ``<p>`` outside comments (a removed
    ``<!--article_adlist[<p>...</p>]-->`` holds paragraphs that are not the article's)."""
    return [(m.group(1), m.group(2)) for m in P_ELEMENT.finditer(COMMENT.sub("", text))]


def text_of(inner: str) -> str:
    return TAG.sub("", inner)


def is_junk(attributes: str, inner: str) -> bool:
    return bool(
        END_ICON.search(attributes) or JUNK_TEXT.match(html.unescape(text_of(inner)).strip())
    )


def split_article(text: str) -> tuple[list[str], str]:
    """The lines between the first two ``---`` lines (line endings dropped), and the body."""
    lines = text.splitlines(keepends=True)
    fences = [index for index, line in enumerate(lines) if line.rstrip() == "---"]
    front_matter = [line.rstrip("\r\n") for line in lines[fences[0] + 1 : fences[1]]]
    return front_matter, "".join(lines[fences[1] + 1 :])


def texts(file: FileReport) -> tuple[str, str]:
    assert file.original_text is not None
    assert file.fixed_text is not None
    return file.original_text, file.fixed_text


@dataclass
class FixedCorpus:
    root: Path
    before: dict[Path, bytes]
    lint_before: Report
    report: Report

    def path(self, file: FileReport) -> Path:
        return Path(file.path).resolve()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> FixedCorpus:
    source = require_shared(REAL_CORPUS)
    root = tmp_path_factory.mktemp("corpus").resolve()
    for path in sorted(source.rglob("*.md")):
        if path.name != "SOURCES.md":
            target = root / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    before = {path: path.read_bytes() for path in root.rglob("*.md")}
    assert len(before) == 292
    assert (
        len(list((root / "Rock-Candy-Tea__RSSHUB-PAGE/PMCAFF/今日推荐 / 精选").glob("*.md"))) == 3
    )
    lint_before = lint_paths([root], settings=Settings())
    return FixedCorpus(root, before, lint_before, fix_paths([root], settings=Settings()))


def test_corpus_fix_numbers(corpus: FixedCorpus) -> None:
    report = corpus.report
    assert len(report.files) == 292
    assert not {v.code for v in report.violations} & ENGINE_ERRORS
    assert sum(file.changed for file in report.files) == EXPECTED_CHANGED_FILES
    assert report.fixed == EXPECTED_FIXES
    before = collections.Counter(v.code for v in corpus.lint_before.violations)
    after = collections.Counter(v.code for v in report.violations)
    assert dict(before - after) == EXPECTED_FIXED_PER_CODE
    after_bytes = {path: path.read_bytes() for path in corpus.before}
    removed = sum(len(corpus.before[p]) - len(after_bytes[p]) for p in corpus.before)
    assert removed == EXPECTED_BYTES_REMOVED
    sina = [file for file in report.files if "/新浪财经/" in file.path]
    assert len(sina) == 13
    assert all(file.changed and file.fixed > 0 for file in sina)


def test_corpus_files_only_grow_by_front_matter_lines(corpus: FixedCorpus) -> None:
    added_keys: collections.Counter[str] = collections.Counter()
    for file in corpus.report.files:
        original_text, fixed_text = texts(file)
        written = corpus.path(file).read_bytes()
        assert written == fixed_text.encode("utf-8"), file.path
        old_lines = set(split_article(original_text)[0])
        added = [line for line in split_article(fixed_text)[0] if line not in old_lines]
        assert all(line.startswith(ADDED_KEYS) for line in added), (file.path, added)
        added_keys.update(line.split(":")[0] for line in added)
        allowance = sum(len(line.encode("utf-8")) + 1 for line in added)
        assert len(written) <= len(corpus.before[corpus.path(file)]) + allowance, file.path
    assert dict(added_keys) == {"editor": 16}


def test_corpus_paragraph_text_survives(corpus: FixedCorpus) -> None:
    counts: collections.Counter[str] = collections.Counter()
    for file in corpus.report.files:
        original_text, fixed_text = texts(file)
        fixed_texts = {text_of(inner) for _, inner in paragraphs(fixed_text)}
        fixed_texts |= {text.strip() for text in fixed_texts}
        for attributes, inner in paragraphs(original_text):
            if is_junk(attributes, inner):
                kept = inner in fixed_text or text_of(inner).strip() in fixed_texts - {""}
                counts["junk kept" if kept else "junk removed"] += 1
            elif inner in fixed_text:
                counts["verbatim"] += 1
            else:  # only markup inside changed (junk attributes, inline styles, comments)
                assert text_of(inner) in fixed_texts, (file.path, inner)
                counts["same text"] += 1
    assert dict(counts) == EXPECTED_PARAGRAPHS


def test_corpus_relint_and_second_fix_find_nothing_to_do(corpus: FixedCorpus) -> None:
    relint = lint_paths([corpus.root], settings=Settings())
    assert not {v.code for v in relint.violations} & ENGINE_ERRORS
    safe = [v for v in relint.violations if v.fix and v.fix.applicability.value == "safe"]
    assert safe == []
    assert sorted(v.code for v in relint.violations) == sorted(
        v.code for v in corpus.report.violations
    )
    fixed_once = {path: path.read_bytes() for path in corpus.before}
    again = fix_paths([corpus.root], settings=Settings())
    assert again.fixed == 0
    assert not any(file.changed for file in again.files)
    assert not {v.code for v in again.violations} & ENGINE_ERRORS
    assert {path: path.read_bytes() for path in corpus.before} == fixed_once


@pytest.mark.parametrize("crlf_bom", [False, True], ids=["lf", "crlf-bom"])
def test_seed_fix_through_the_cli(tmp_path: Path, run_cli: Run, crlf_bom: bool) -> None:
    seed_text = SEED_COPY.read_text("utf-8")
    assert "\r" not in seed_text
    data = seed_text.encode("utf-8")
    if crlf_bom:
        data = b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")
    path = tmp_path / "新浪 财经" / "seed.md"
    path.parent.mkdir()
    path.write_bytes(data)
    path.chmod(0o640)
    result = run_cli("--fix", str(path))
    fixed = path.read_bytes()
    # 26 of the 28 violations have safe fixes; removing the tail comments joins two blank-line
    # runs into a new HT008, fixed in the second pass. XF001 (the QR code as cover) has no fix.
    lines = result.stdout.splitlines()
    assert lines[-1] == "Found 29 violations in 1 file (27 fixed, 2 remaining)."
    codes = [line.removeprefix(f"{path}:").split(" ")[1] for line in lines[:-1]]
    assert codes == ["XF001", "XF001"]
    assert result.exit_code == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    if crlf_bom:
        assert fixed.startswith(b"\xef\xbb\xbf")
        assert b"\n" not in fixed.replace(b"\r\n", b"")
        assert b"\r" not in fixed.replace(b"\r\n", b"")
        expected = fix_text(seed_text).replace("\n", "\r\n")
        assert fixed == b"\xef\xbb\xbf" + expected.encode("utf-8")
    text = fixed.decode("utf-8-sig")
    front_matter, body = split_article(text)
    assert "editor: 张亚楠" in front_matter
    meta = yaml.safe_load("\n".join(front_matter))
    assert meta["editor"] == "张亚楠"
    for leftover in ("<!--", "<style", "appendQr_wrap", "article-editor", "责任编辑"):
        assert leftover not in body
    news = re.findall(r'<p cms-style="font-L">(.*?)</p>', seed_text)
    assert len(news) == 5
    assert all(inner.encode("utf-8") in fixed for inner in news)


def test_seed_diff_writes_nothing_then_is_empty_once_fixed(tmp_path: Path, run_cli: Run) -> None:
    path = tmp_path / "seed.md"
    shutil.copyfile(SEED_COPY, path)
    original = path.read_bytes()
    result = run_cli("--diff", str(path))
    assert result.exit_code == 1
    assert path.read_bytes() == original
    assert result.stdout.startswith(f"--- {path}\n+++ {path}\n@@ ")
    assert "+editor: 张亚楠\n" in result.stdout
    assert result.stderr == "Would fix 27 violations in 1 file.\n"
    assert run_cli("--fix", str(path)).exit_code == 1
    fixed = path.read_bytes()
    clean = run_cli("--diff", str(path))
    # No fixable violation remains, so --diff is empty and exits 0, although XF001 x2 (no
    # fix) still make a plain lint exit 1.
    assert (clean.exit_code, clean.stdout) == (0, "")
    assert clean.stderr == "Would fix 0 violations in 0 files.\n"
    assert path.read_bytes() == fixed
    remaining = lint_paths([path]).violations
    assert [v.code for v in remaining] == ["XF001", "XF001"]
    assert all(v.fix is None for v in remaining)
    assert run_cli(str(path)).exit_code == 1
