from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult

GOOD = "---\ntitle: 'A headline'\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n<p>body</p>\n"
BAD_DATE = "---\ntitle: x\ndate: 2021-05-27\n---\n"
NO_FRONT_MATTER = "<p>no front matter</p>\n"

Run = Callable[..., CliResult]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "posts" / "sub").mkdir(parents=True)
    (tmp_path / "posts" / "good.md").write_text(GOOD, "utf-8")
    (tmp_path / "posts" / "sub" / "bad.md").write_text(BAD_DATE, "utf-8")
    (tmp_path / "posts" / "b.markdown").write_text(NO_FRONT_MATTER, "utf-8")
    (tmp_path / "posts" / "notes.txt").write_text(NO_FRONT_MATTER, "utf-8")
    (tmp_path / "posts" / ".hidden").mkdir()
    (tmp_path / "posts" / ".hidden" / "x.md").write_text(NO_FRONT_MATTER, "utf-8")
    (tmp_path / "posts" / "node_modules").mkdir()
    (tmp_path / "posts" / "node_modules" / "x.md").write_text(NO_FRONT_MATTER, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_text_output_sorted_with_summary(run_cli: Run, tree: Path) -> None:
    result = run_cli("posts")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "posts/b.markdown:1:1: FM001 no front matter: the file does not start with a '---' block",
        "posts/sub/bad.md:3:1: FM102 date: '2021-05-27' is not an RFC 2822 date: expected"
        " 'Day, DD Mon YYYY HH:MM:SS ZONE' (e.g. 'Thu, 27 May 2021 12:15:20 GMT')",
        "Found 2 violations in 3 files.",
    ]
    assert "\x1b[" not in result.stdout  # not a terminal: no colour


def test_clean_run_exits_zero(run_cli: Run, tree: Path) -> None:
    result = run_cli("posts/good.md")
    assert result.exit_code == 0
    assert result.stdout == "Found 0 violations in 1 file.\n"


def test_no_paths_lints_the_current_directory(run_cli: Run, tree: Path) -> None:
    os.chdir(tree / "posts" / "sub")
    result = run_cli()
    assert result.stdout.splitlines()[0].startswith("bad.md:3:1: FM102 ")


def test_json_output_has_exactly_the_contract_fields(run_cli: Run, tree: Path) -> None:
    result = run_cli("posts/sub/bad.md", "--output-format", "json")
    assert result.exit_code == 1
    [row] = json.loads(result.stdout)
    assert row == {
        "path": "posts/sub/bad.md",
        "code": "FM102",
        "name": "date-not-rfc2822",
        "message": "date: '2021-05-27' is not an RFC 2822 date: expected"
        " 'Day, DD Mon YYYY HH:MM:SS ZONE' (e.g. 'Thu, 27 May 2021 12:15:20 GMT')",
        "severity": "error",
        "line": 3,
        "column": 1,
        "end_line": 3,
        "end_column": 17,
        "fix": None,
    }


def test_absolute_paths_are_shown_relative_to_cwd(run_cli: Run, tree: Path) -> None:
    result = run_cli(str(tree / "posts" / "sub" / "bad.md"))
    assert result.stdout.startswith("posts/sub/bad.md:3:1: FM102")


def test_unreadable_file_is_reported_and_others_still_linted(run_cli: Run, tree: Path) -> None:
    (tree / "posts" / "gbk.md").write_bytes("---\ntitle: 中文\n---\n".encode("gbk"))
    result = run_cli("posts", "--output-format", "json")
    rows = json.loads(result.stdout)
    assert [(row["path"], row["code"], row["line"], row["column"]) for row in rows] == [
        ("posts/b.markdown", "FM001", 1, 1),
        ("posts/gbk.md", "IO001", 2, 8),
        ("posts/sub/bad.md", "FM102", 3, 1),
    ]
    assert rows[1]["message"] == (
        "not UTF-8: byte 0xd6 at offset 11 (line 2, column 8); it may be Big5, EUC-KR (cp949) "
        "or EUC-JIS-2004, among others (too little text to tell)"
    )
    assert result.exit_code == 1


def test_missing_path_is_io001(run_cli: Run, tree: Path) -> None:
    result = run_cli("nope.md")
    assert result.stdout.splitlines()[0] == (
        "nope.md:1:1: IO001 cannot read file: No such file or directory"
    )
    assert result.exit_code == 1


def test_select_and_ignore(run_cli: Run, tree: Path) -> None:
    assert "FM001" not in run_cli("posts", "--ignore", "FM001").stdout
    selected = run_cli("posts", "--select", "front-matter-missing").stdout
    assert "FM001" in selected
    assert "FM102" not in selected


def test_unknown_selector_is_a_usage_error(run_cli: Run, tree: Path) -> None:
    result = run_cli("posts", "--select", "XX999")
    assert result.exit_code == 2
    assert result.stderr == "artlint: error: unknown rule 'XX999'\n"


def test_colour_on_a_terminal_unless_no_color(
    run_cli: Run, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from artlint.reporters import text

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(text, "use_colour", lambda stream: True)
    assert "\x1b[31m" in run_cli("posts").stdout
    monkeypatch.undo()

    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("NO_COLOR", "1")
    assert text.use_colour(Tty()) is False  # type: ignore[arg-type]
    monkeypatch.delenv("NO_COLOR")
    assert text.use_colour(Tty()) is True  # type: ignore[arg-type]


def test_version(run_cli: Run) -> None:
    from artlint import __version__

    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"artlint {__version__}\n"


def test_a_closed_pipe_stops_the_output_without_a_traceback(tmp_path: Path) -> None:
    """`artlint posts/ | head -1`: the reader leaves early; no BrokenPipeError traceback."""
    for index in range(200):
        (tmp_path / f"{index:03}.md").write_text("<!-- x -->\n" * 40, "utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "artlint", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read()
    process.stderr.close()
    process.wait(timeout=60)
    assert first.startswith(str(tmp_path).encode())
    assert stderr == b""
    assert process.returncode == 1
