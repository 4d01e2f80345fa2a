"""Run-level options: standard input, --statistics, --exit-zero, --exit-non-zero-on-fix,
--force-exclude and --output-file."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult

Run = Callable[..., CliResult]

ARTICLE = (
    "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n"
    '<p style="x">a</p><!-- c -->\n<p>b</span></p>\n'
)
FIXED = "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n<p>a</p>\n<p>b</span></p>\n"


def artlint(*args: str, stdin: bytes = b"", cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "artlint", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        check=False,
    )


def test_stdin_is_linted_under_its_stdin_filename(tmp_path: Path) -> None:
    (tmp_path / "artlint.toml").write_text('ignore = ["HT006"]\n', "utf-8")
    result = artlint("-", "--stdin-filename", "posts/a.md", stdin=ARTICLE.encode(), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.decode().splitlines() == [
        "posts/a.md:5:4: HT002 [*] inline style on <p>: 'x'",
        "posts/a.md:5:19: HT001 [*] HTML comment left in the body: '<!-- c -->'",
        "Found 2 violations in 1 file.",
        "[*] 2 fixable with `artlint --fix`.",
    ]


def test_stdin_fix_writes_the_fixed_text_to_stdout_and_the_report_to_stderr(
    tmp_path: Path,
) -> None:
    data = b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode()
    result = artlint("--fix", "-", "--stdin-filename", "a.md", stdin=data, cwd=tmp_path)
    assert result.stdout == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode()
    assert result.stderr.decode().splitlines() == [
        "a.md:6:5: HT006 HTML parse error: Unexpected end tag (span). Ignored [unexpected-end-tag]",
        "Found 3 violations in 1 file (2 fixed, 1 remaining).",
    ]
    assert result.returncode == 1
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_stdin_with_force_exclude_passes_an_excluded_file_through(tmp_path: Path) -> None:
    (tmp_path / "artlint.toml").write_text('extend-exclude = ["drafts/"]\n', "utf-8")
    args = ("--fix", "--force-exclude", "-", "--stdin-filename", "drafts/a.md")
    result = artlint(*args, stdin=ARTICLE.encode(), cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, ARTICLE.encode(), b"")


def test_dash_cannot_be_mixed_with_paths(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("-", str(tmp_path))
    assert (result.exit_code, result.stderr) == (
        2,
        "artlint: error: '-' (standard input) cannot be mixed with other paths\n",
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "a.md").write_text(ARTICLE, "utf-8")
    (tmp_path / "b.md").write_text(ARTICLE.replace("<!-- c -->", ""), "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_statistics_counts_per_code_with_fixable(run_cli: Run, project: Path) -> None:
    result = run_cli("--statistics", "a.md", "b.md")
    assert result.stdout.splitlines() == [
        "     2  HT002  [*] inline-style",
        "     2  HT006      html-parse-error",
        "     1  HT001  [*] html-comment",
    ]
    assert result.exit_code == 1


def test_statistics_as_json(run_cli: Run, project: Path) -> None:
    result = run_cli("--statistics", "--output-format", "json", "a.md")
    assert result.stdout.replace(" ", "").replace("\n", "") == (
        '[{"code":"HT001","name":"html-comment","count":1,"fixable":1},'
        '{"code":"HT002","name":"inline-style","count":1,"fixable":1},'
        '{"code":"HT006","name":"html-parse-error","count":1,"fixable":0}]'
    )


def test_exit_zero_keeps_the_report(run_cli: Run, project: Path) -> None:
    result = run_cli("--exit-zero", "a.md")
    assert result.exit_code == 0
    assert "Found 3 violations in 1 file." in result.stdout


def test_exit_non_zero_on_fix(run_cli: Run, project: Path) -> None:
    assert run_cli("--fix", "--ignore", "HT006", "a.md").exit_code == 0
    (project / "a.md").write_text(ARTICLE, "utf-8")
    assert run_cli("--fix", "--exit-non-zero-on-fix", "--ignore", "HT006", "a.md").exit_code == 1
    # Nothing left to fix: 0 again.
    assert run_cli("--fix", "--exit-non-zero-on-fix", "--ignore", "HT006", "a.md").exit_code == 0


def test_force_exclude_applies_excludes_to_named_files(run_cli: Run, project: Path) -> None:
    (project / "artlint.toml").write_text('extend-exclude = ["b.md"]\n', "utf-8")

    def summary(*args: str) -> str:
        return next(line for line in run_cli(*args).stdout.splitlines() if line.startswith("Found"))

    assert summary("b.md") == "Found 2 violations in 1 file."  # named: linted anyway
    assert summary("--force-exclude", "a.md", "b.md") == "Found 3 violations in 1 file."
    assert summary("--force-exclude", "b.md") == "Found 0 violations in 0 files."


def test_output_file_gets_the_report(run_cli: Run, project: Path) -> None:
    result = run_cli("-o", "reports/artlint.json", "--output-format", "json", "a.md")
    assert (result.exit_code, result.stdout) == (1, "")
    text = (project / "reports" / "artlint.json").read_text("utf-8")
    assert text.startswith("[\n")
    assert '"code": "HT001"' in text


def test_output_format_names_agree() -> None:
    from artlint.cli import OUTPUT_FORMATS
    from artlint.config import OUTPUT_FORMATS as CONFIG_FORMATS
    from artlint.reporters import FORMATS

    assert OUTPUT_FORMATS == CONFIG_FORMATS == tuple(FORMATS)
