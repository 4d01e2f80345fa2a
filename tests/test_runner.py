"""Many files: --jobs gives the same report as one process, the result cache is used, kept
out of git, never trusted when corrupt, and `artlint clean` removes it."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from artlint.cache import KEEP_DAYS, LAYOUT, code_digest, folders_digest
from artlint.runner import Progress
from tests.conftest import REPO, CliResult

Run = Callable[..., CliResult]
ARTICLE = (
    "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n"
    '<p style="x">a</p><!-- c {n} -->\n\n\n<p>b</span></p>\n'
)


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """65 articles (enough for a process pool) under posts/, the working directory."""
    posts = tmp_path / "posts"
    posts.mkdir()
    for n in range(60):
        (posts / f"{n:03}.md").write_text(ARTICLE.format(n=n), "utf-8")
    for n, example in enumerate(sorted((REPO / "examples").glob("*.md"))):
        shutil.copy(example, posts / f"x{n}-{example.name}")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_jobs_do_not_change_the_report(run_cli: Run, corpus: Path) -> None:
    one = run_cli("--no-cache", "--jobs", "1", "--output-format", "json", "posts")
    two = run_cli("--no-cache", "--jobs", "2", "--output-format", "json", "posts")
    assert one.stdout == two.stdout
    assert len(json.loads(one.stdout)) > 60 * 3


def test_fix_with_jobs_equals_fix_in_one_process(run_cli: Run, corpus: Path) -> None:
    shutil.copytree(corpus / "posts", corpus / "copy")
    one = run_cli("--fix", "--jobs", "1", "posts")
    two = run_cli("--fix", "--jobs", "2", "copy")
    assert one.stdout.replace("posts/", "") == two.stdout.replace("copy/", "")
    for path in sorted((corpus / "posts").iterdir()):
        assert path.read_bytes() == (corpus / "copy" / path.name).read_bytes()


def database(root: Path) -> Path:
    (found,) = (root / ".artlint_cache").glob("*/cache.sqlite3")
    return found


def query(root: Path, sql: str, *parameters: object) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(database(root))) as db, db:
        return db.execute(sql, parameters).fetchall()


def crc(data: bytes) -> int:
    return zlib.crc32(data)


def test_a_warm_text_report_reads_only_the_stored_lines(run_cli: Run, corpus: Path) -> None:
    expected = run_cli("--no-cache", "posts").stdout
    run_cli("posts")
    # Neither rows nor edits are read by the text report ...
    query(corpus, "UPDATE results SET rows = x'00', edits = x'00'")
    assert run_cli("posts").stdout == expected
    # ... but the others need them: those entries are misses, linted again.
    for args in (["--statistics"], ["--output-format", "json"], ["--output-format", "sarif"]):
        assert run_cli(*args, "posts").stdout == run_cli("--no-cache", *args, "posts").stdout
    # The stored lines are what the text report shows (planted, with their CRC).
    planted = b"1:1: XX999 planted\n"
    sql = "UPDATE results SET text = ?, text_crc = ?, count = 1, safe = 0 WHERE key = ?"
    (key,) = query(corpus, "SELECT key FROM results LIMIT 1")[0]
    query(corpus, sql, planted, crc(planted), key)
    assert ":1:1: XX999 planted\n" in run_cli("posts").stdout


def test_the_cache_is_written_kept_out_of_git_and_used(run_cli: Run, corpus: Path) -> None:
    first = run_cli("--output-format", "json", "posts")
    cache = corpus / ".artlint_cache"
    assert (cache / ".gitignore").read_text("utf-8") == "# Created by artlint\n*\n"
    assert (cache / "CACHEDIR.TAG").read_text("utf-8").startswith("Signature: 8a477f597d28d172")
    assert query(corpus, "SELECT COUNT(*) FROM results") == [(65,)]
    # A tampered entry (with the CRC of its new bytes) shows that results now come from
    # the cache ...
    (key,) = query(corpus, "SELECT key FROM results WHERE count > 0 LIMIT 1")[0]
    sql = "UPDATE results SET rows = ?, rows_crc = ?, edits = ?, edits_crc = ? WHERE key = ?"
    query(corpus, sql, b"[]", crc(b"[]"), b"[]", crc(b"[]"), key)
    second = run_cli("--output-format", "json", "posts")
    assert len(json.loads(second.stdout)) < len(json.loads(first.stdout))
    # ... and --no-cache ignores it.
    assert run_cli("--no-cache", "--output-format", "json", "posts").stdout == first.stdout


def test_a_changed_file_or_setting_is_linted_again(run_cli: Run, corpus: Path) -> None:
    run_cli("posts")
    (corpus / "posts" / "000.md").write_text(ARTICLE.format(n=0) + "<!-- new -->\n", "utf-8")
    result = run_cli("--output-format", "json", "posts")
    assert any(row["message"].endswith("'<!-- new -->'") for row in json.loads(result.stdout))
    run_cli("--select", "HT001", "posts")
    # One set of entries per settings fingerprint.
    assert query(corpus, "SELECT COUNT(DISTINCT fingerprint) FROM results") == [(2,)]


def test_a_rewritten_file_with_the_same_size_and_mtime_is_linted_again(
    run_cli: Run, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if every file had been written long ago, so that their stat is remembered.
    monkeypatch.setattr("artlint.cache.RACY_SECONDS", -3600)
    article = corpus / "posts" / "000.md"
    run_cli("posts")
    assert query(corpus, "SELECT COUNT(*) FROM files WHERE path = ?", str(article)) == [(1,)]
    before = article.stat()
    article.write_text(ARTICLE.format(n=0).replace("<!-- c 0 -->", "<!-- d 0 -->"), "utf-8")
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert article.stat().st_size == before.st_size
    result = run_cli("--output-format", "json", "posts/000.md")
    assert "'<!-- d 0 -->'" in result.stdout  # the change of ctime gave it away


def test_files_modified_just_now_are_hashed_every_time(run_cli: Run, corpus: Path) -> None:
    run_cli("posts")  # every file was written less than RACY_SECONDS ago
    assert query(corpus, "SELECT COUNT(*) FROM files") == [(0,)]


def test_a_small_run_keeps_the_other_entries(run_cli: Run, corpus: Path) -> None:
    run_cli("posts")
    run_cli("posts/000.md")  # a pre-commit run of one file
    assert query(corpus, "SELECT COUNT(*) FROM results") == [(65,)]


def test_entries_unused_for_keep_days_are_dropped(run_cli: Run, corpus: Path) -> None:
    run_cli("posts")
    today = int(time.time() // 86_400)
    query(corpus, "UPDATE results SET day = ?", today - KEEP_DAYS - 1)
    run_cli("posts/000.md")
    assert query(corpus, "SELECT day FROM results") == [(today,)]


@pytest.mark.parametrize("content", [b"not a database", b"SQLite format 3\x00" + b"\xff" * 200])
def test_a_corrupt_database_is_ignored_and_replaced(
    run_cli: Run, corpus: Path, content: bytes
) -> None:
    expected = run_cli("--no-cache", "--output-format", "json", "posts").stdout
    run_cli("posts")
    database(corpus).write_bytes(content)
    assert run_cli("--output-format", "json", "posts").stdout == expected
    run_cli("posts")
    assert query(corpus, "SELECT COUNT(*) FROM results") == [(65,)]


@pytest.mark.parametrize("column", ["text", "rows", "edits"])
@pytest.mark.parametrize(
    "value",
    [
        b"not json",
        b'[["HT001"]]',
        b'[["HT001","n","m","error","line one",1,1,2,0,1,null]]',
        b'[["HT001","n","m","fatal",1,1,1,2,0,1,null]]',
        b'[["HT001","n","m","error",true,1,1,2,0,1,null]]',
    ],
)
def test_an_entry_edited_by_hand_is_not_trusted(
    run_cli: Run, corpus: Path, column: str, value: bytes
) -> None:
    expected = {
        args: run_cli("--no-cache", *args, "posts").stdout
        for args in (("--output-format", "json"), ("--output-format", "text"))
    }
    run_cli("posts")
    query(corpus, f"UPDATE results SET {column} = ?", value)  # its CRC no longer matches
    for args, output in expected.items():
        assert run_cli(*args, "posts").stdout == output


@pytest.mark.parametrize("column", ["rows", "edits"])
@pytest.mark.parametrize("value", [b"not json", b"{}", b"3", b'"rows"', b"[1]", b"\xff"])
def test_an_entry_that_is_not_a_list_of_rows_is_not_used(
    run_cli: Run, corpus: Path, column: str, value: bytes
) -> None:
    expected = run_cli("--no-cache", "--output-format", "json", "posts").stdout
    run_cli("posts")
    query(corpus, f"UPDATE results SET {column} = ?, {column}_crc = ?", value, crc(value))
    assert run_cli("--output-format", "json", "posts").stdout == expected


@pytest.mark.parametrize("layout", [0, LAYOUT + 1])
def test_a_database_of_another_layout_is_started_again(
    run_cli: Run, corpus: Path, layout: int
) -> None:
    run_cli("posts")
    query(corpus, "DROP TABLE results")
    query(corpus, "CREATE TABLE results (key TEXT)")
    query(corpus, f"PRAGMA user_version = {layout}")
    expected = run_cli("--no-cache", "--output-format", "json", "posts").stdout
    assert run_cli("--output-format", "json", "posts").stdout == expected
    assert query(corpus, "PRAGMA user_version") == [(LAYOUT,)]
    assert query(corpus, "SELECT COUNT(*) FROM results") == [(65,)]


def test_a_cache_locked_by_another_run_is_left_alone(
    run_cli: Run, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_cli("posts")
    (corpus / "posts" / "000.md").write_text("---\ntitle: changed\n---\n", "utf-8")
    expected = run_cli("--no-cache", "--output-format", "json", "posts").stdout
    monkeypatch.setattr("artlint.cache.LOCK_TIMEOUT", 0.1)
    with contextlib.closing(sqlite3.connect(database(corpus), isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")  # another run, writing
        assert run_cli("--output-format", "json", "posts").stdout == expected
        other.execute("ROLLBACK")
    assert query(corpus, "SELECT COUNT(*) FROM results") == [(65,)]  # not deleted


def test_two_runs_can_share_the_cache(corpus: Path) -> None:
    command = [sys.executable, "-m", "artlint", "--output-format", "json", "posts"]
    expected = subprocess.run([*command, "--no-cache"], capture_output=True, text=True)
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(3)]
    for run in runs:
        out, _ = run.communicate(timeout=120)
        assert out == expected.stdout
    assert query(corpus, "SELECT COUNT(*) FROM results") == [(65,)]


def test_cache_dir_and_clean(run_cli: Run, corpus: Path) -> None:
    run_cli("--cache-dir", "build/cache", "posts")
    assert (corpus / "build" / "cache" / "CACHEDIR.TAG").exists()
    assert not (corpus / ".artlint_cache").exists()
    assert run_cli("clean", "--cache-dir", "build/cache").stdout == "Removed build/cache\n"
    assert not (corpus / "build" / "cache").exists()
    run_cli("posts")
    assert run_cli("clean").stdout == f"Removed {corpus / '.artlint_cache'}\n"
    assert run_cli("clean").stdout == f"No cache at {corpus / '.artlint_cache'}\n"


def test_progress_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("NO_PROGRESS", raising=False)
    assert not Progress(1000).enabled  # pytest's stderr is not a terminal
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    assert Progress(1000).enabled
    assert not Progress(50).enabled  # a few files finish before a bar helps
    monkeypatch.setenv("CI", "true")
    assert not Progress(1000).enabled


def test_progress_bar_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    progress = Progress(400)
    progress.advance(400)
    progress.close()
    err = capsys.readouterr().err
    assert "\r[" + "#" * 30 + "] 400/400 files" in err
    assert "/s  ETA 0s" in err


def test_rows_rebuild_violations_equal_to_validated_ones() -> None:
    from artlint.api import lint_text
    from artlint.compact import violation_rows, violations_from_rows

    text = (REPO / "examples" / "sina-finance-seed.md").read_text("utf-8")
    violations = lint_text(text, "seed.md")
    rebuilt = violations_from_rows("seed.md", violation_rows(violations))
    assert list(rebuilt) == violations
    assert [v.model_dump() for v in rebuilt] == [v.model_dump() for v in violations]
    assert [v.start for v in rebuilt] == [v.start for v in violations]
    assert all(v.fix is None or v.fix.edits[0].start >= 0 for v in rebuilt)


def test_the_code_digest_follows_edits_to_artlint_itself(tmp_path: Path) -> None:
    """A development install changes code under one version: its files' stat is part of
    the cache key."""
    rules = tmp_path / "rules"
    (rules / "__pycache__").mkdir(parents=True)
    rule = rules / "ht001.py"
    rule.write_text("one", "utf-8")
    first = folders_digest([str(tmp_path)])
    (rules / "__pycache__" / "ht001.pyc").write_bytes(b"compiled")
    assert folders_digest([str(tmp_path)]) == first
    rule.write_text("two", "utf-8")
    os.utime(rule, ns=(1, 1))
    second = folders_digest([str(tmp_path)])
    assert second != first
    (rules / "ht002.py").write_text("", "utf-8")
    assert folders_digest([str(tmp_path)]) not in (first, second)
    assert len(code_digest()) == 32
