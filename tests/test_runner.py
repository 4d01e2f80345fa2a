"""Many files: --jobs gives the same report as one process, the result cache is used, kept
out of git, never trusted when corrupt, and `artlint clean` removes it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

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


def cache_files(root: Path) -> list[Path]:
    return sorted((root / ".artlint_cache").rglob("*.json"))


def cache_entries(root: Path) -> dict[str, list[object]]:
    """Every cache entry (content hash -> [last day used, rows]) of every shard."""
    entries: dict[str, list[object]] = {}
    for shard in cache_files(root):
        entries.update(json.loads(shard.read_text("utf-8"))["entries"])
    return entries


def test_the_cache_is_written_kept_out_of_git_and_used(run_cli: Run, corpus: Path) -> None:
    first = run_cli("--output-format", "json", "posts")
    cache = corpus / ".artlint_cache"
    assert (cache / ".gitignore").read_text("utf-8") == "# Created by artlint\n*\n"
    assert (cache / "CACHEDIR.TAG").read_text("utf-8").startswith("Signature: 8a477f597d28d172")
    assert len(cache_entries(corpus)) == 65
    # A tampered entry shows that results now come from the cache ...
    shard = cache_files(corpus)[0]
    data = json.loads(shard.read_text("utf-8"))
    key = next(iter(data["entries"]))
    data["entries"][key][1] = []
    shard.write_text(json.dumps(data), "utf-8")
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
    version = next((corpus / ".artlint_cache").glob("0.*"))
    assert len(list(version.iterdir())) == 2  # one folder per settings fingerprint


def test_a_small_run_keeps_the_other_entries(run_cli: Run, corpus: Path) -> None:
    run_cli("posts")
    run_cli("posts/000.md")  # a pre-commit run of one file
    assert len(cache_entries(corpus)) == 65


@pytest.mark.parametrize(
    "content", ["not json", "[]", '{"entries": {"x": [["HT001"]]}}', '{"entries": 3}']
)
def test_a_corrupt_cache_is_ignored(run_cli: Run, corpus: Path, content: str) -> None:
    expected = run_cli("--no-cache", "--output-format", "json", "posts").stdout
    run_cli("posts")
    for entries in cache_files(corpus):
        entries.write_text(content, "utf-8")
    assert run_cli("--output-format", "json", "posts").stdout == expected


def test_a_corrupt_row_is_not_trusted(run_cli: Run, corpus: Path) -> None:
    expected = run_cli("--no-cache", "--output-format", "json", "posts").stdout
    run_cli("posts")
    for shard in cache_files(corpus):
        data = json.loads(shard.read_text("utf-8"))
        for _, rows in data["entries"].values():
            if rows:
                rows[0][4] = "line one"  # a line number that is not a number
        shard.write_text(json.dumps(data), "utf-8")
    assert run_cli("--output-format", "json", "posts").stdout == expected


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
