"""``--fix``, ``--diff`` and the atomic writer, through the CLI and the library."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from artlint.context import RuleContext
from artlint.rule import Applicability, Edit, Finding, Fix, FixAvailability, Rule, Target
from artlint.source import Source
from artlint.writer import WriteError, write_atomic
from tests.conftest import CliResult, fail_fsync_of, rules_added

Run = Callable[..., CliResult]

ARTICLE = (
    "---\ntitle: 'a'\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n"
    '<p cms-style="font-L">正文。</p><!-- 正文下iframe -->\n'
    '<p class="article-editor">责任编辑：张亚楠 </p>\n'
)
FIXED = "---\ntitle: 'a'\ndate: Thu, 27 May 2021 12:15:20 GMT\neditor: 张亚楠\n---\n<p>正文。</p>\n"


def test_fix_writes_the_file_and_reports_what_remains(tmp_path: Path, run_cli: Run) -> None:
    article = tmp_path / "post.md"
    article.write_text(ARTICLE, "utf-8")
    result = run_cli("--fix", str(article))
    assert article.read_text("utf-8") == FIXED
    assert result.stdout == "Found 3 violations in 1 file (3 fixed, 0 remaining).\n"
    assert result.exit_code == 0
    again = run_cli("--fix", str(article))
    assert again.stdout == "Found 0 violations in 1 file.\n"
    assert article.read_text("utf-8") == FIXED


def test_fix_leaves_unfixable_violations_and_exits_1(tmp_path: Path, run_cli: Run) -> None:
    article = tmp_path / "post.md"
    article.write_text(ARTICLE.replace("title: 'a'\n", "") + "<p>x</span></p>\n", "utf-8")
    result = run_cli("--fix", str(article))
    lines = result.stdout.splitlines()
    assert [line.split(" ")[1] for line in lines[:-1]] == ["FM101", "HT006"]
    assert lines[-1] == "Found 5 violations in 1 file (3 fixed, 2 remaining)."
    assert result.exit_code == 1


def test_diff_prints_a_unified_diff_and_writes_nothing(
    tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "post.md"
    article.write_text(ARTICLE, "utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("--diff", "post.md")
    assert result.exit_code == 1
    assert article.read_text("utf-8") == ARTICLE
    assert result.stdout.splitlines()[:2] == ["--- a/post.md", "+++ b/post.md"]
    assert "+editor: 张亚楠\n" in result.stdout
    assert '-<p class="article-editor">责任编辑：张亚楠 </p>\n' in result.stdout
    assert result.stderr == "Would fix 3 violations in 1 file.\n"
    article.write_text(FIXED, "utf-8")
    clean = run_cli("--diff", "post.md")
    assert (clean.exit_code, clean.stdout) == (0, "")
    assert clean.stderr == "Would fix 0 violations in 0 files.\n"


def test_json_output_carries_the_fix_edits(tmp_path: Path, run_cli: Run) -> None:
    article = tmp_path / "post.md"
    article.write_text(ARTICLE, "utf-8")
    rows = json.loads(run_cli("--output-format", "json", "--select", "HT007", str(article)).stdout)
    assert rows[0]["fix"] == {
        "applicability": "safe",
        "message": "Remove the cms-style attribute",
        "edits": [{"line": 5, "column": 3, "end_line": 5, "end_column": 22, "content": ""}],
    }


class BreaksFrontMatter(Rule):
    """What it does: offers a 'safe' fix that deletes the closing fence."""

    code = "ZZ998"
    name = "breaks-front-matter"
    summary = "a rule with a bad fix"
    fixable = FixAvailability.ALWAYS
    target = Target.BODY

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        front_matter = ctx.article.front_matter
        if front_matter is not None and front_matter.is_closed:
            edit = Edit(front_matter.close_start, front_matter.close_end)
            yield Finding(0, 1, "bad", Fix((edit,), Applicability.SAFE, "break it"))


@pytest.fixture
def bad_fix_rule() -> Iterator[None]:
    with rules_added(BreaksFrontMatter):
        yield


@pytest.mark.usefixtures("bad_fix_rule")
def test_a_fix_that_breaks_the_front_matter_is_refused(tmp_path: Path, run_cli: Run) -> None:
    article = tmp_path / "post.md"
    article.write_text(ARTICLE, "utf-8")
    result = run_cli("--fix", str(article))
    assert article.read_text("utf-8") == ARTICLE
    first = result.stdout.splitlines()[0]
    assert first == (
        f"{article}:1:1: AL902 file left unchanged: a fix would break the front matter"
    )
    assert result.exit_code == 1
    diff = run_cli("--diff", str(article))
    assert (diff.exit_code, diff.stdout) == (1, "")
    assert diff.stderr == f"{first}\nWould fix 0 violations in 0 files.\n"


def test_flow_style_front_matter_gets_no_editor_line(tmp_path: Path, run_cli: Run) -> None:
    article = tmp_path / "post.md"
    article.write_text(
        '---\n{title: x, date: "Thu, 27 May 2021 12:15:20 GMT"}\n---\n'
        '<p class="article-editor">责任编辑：张亚楠 </p>\n<!-- c -->\n',
        "utf-8",
    )
    result = run_cli("--fix", str(article))
    assert article.read_text("utf-8") == (
        '---\n{title: x, date: "Thu, 27 May 2021 12:15:20 GMT"}\n---\n'
        '<p class="article-editor">责任编辑：张亚楠 </p>\n'
    )
    assert result.stdout.splitlines()[0].endswith(
        "(not fixed: a 'editor:' line cannot be appended to this front matter's YAML)"
    )


def test_a_file_changed_on_disk_is_not_overwritten(tmp_path: Path) -> None:
    article = tmp_path / "post.md"
    article.write_bytes(b"new content")
    with pytest.raises(WriteError, match="changed on disk"):
        write_atomic(article, b"fixed", expected=b"old content")
    assert article.read_bytes() == b"new content"


def test_write_keeps_the_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    article = tmp_path / "post.md"
    article.write_bytes(b"old")
    article.chmod(0o604)
    write_atomic(article, b"new", expected=b"old")
    assert article.read_bytes() == b"new"
    assert stat.S_IMODE(article.stat().st_mode) == 0o604
    assert sorted(path.name for path in tmp_path.iterdir()) == ["post.md"]


def test_disk_full_reports_io002_and_keeps_the_file(
    tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "post.md"
    article.write_text(ARTICLE, "utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("artlint.writer.os.fsync", disk_full)
    result = run_cli("--fix", str(article))
    assert article.read_text("utf-8") == ARTICLE
    assert sorted(path.name for path in tmp_path.iterdir()) == ["post.md"]
    first = result.stdout.splitlines()[0]
    assert first == (
        f"{article}:1:1: IO002 not written: cannot write the file: No space left on device"
    )
    # Nothing was written, so every violation is still there and none counts as fixed.
    # No "[*] fixable" hint after a fix run: IO002 says why nothing was fixed.
    assert result.stdout.splitlines()[-1] == "Found 4 violations in 1 file."
    assert result.exit_code == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_unwritable_folder_reports_io002_and_keeps_the_file(tmp_path: Path, run_cli: Run) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    article = folder / "post.md"
    article.write_text(ARTICLE, "utf-8")
    folder.chmod(0o555)
    try:
        result = run_cli("--fix", str(article))
    finally:
        folder.chmod(0o755)
    assert article.read_text("utf-8") == ARTICLE
    assert " IO002 not written: cannot create a temporary file" in result.stdout
    assert result.exit_code == 1


def test_bad_pack_stops_the_run_with_exit_2(tmp_path: Path, run_cli: Run) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text('[pack]\nname = "mine"\n[[tracking_block]]\nselector = "div p"\n', "utf-8")
    result = run_cli("--pack", str(pack), str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"artlint: error: {pack}: tracking_block[0].selector: ")
    assert len(result.stderr.splitlines()) == 1


def test_a_read_only_file_is_not_rewritten(tmp_path: Path, run_cli: Run) -> None:
    article = tmp_path / "post.md"
    article.write_text(ARTICLE, "utf-8")
    article.chmod(0o444)
    result = run_cli("--fix", "--select", "HT001", str(article))
    assert article.read_text("utf-8") == ARTICLE
    # IO002 is reported even though only HT001 is selected.
    assert (
        result.stdout.splitlines()[0] == f"{article}:1:1: IO002 not written: the file is read-only"
    )
    assert result.exit_code == 1


def test_a_hard_linked_file_is_not_split_from_its_links(tmp_path: Path, run_cli: Run) -> None:
    article = tmp_path / "post.md"
    article.write_text(ARTICLE, "utf-8")
    os.link(article, tmp_path / "same.md")
    result = run_cli("--fix", str(article))
    assert (tmp_path / "same.md").read_text("utf-8") == ARTICLE == article.read_text("utf-8")
    assert "IO002 not written: the file has 2 hard links; replacing it would split them" in (
        result.stdout
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to apply the patch")
def test_diff_output_is_a_patch_git_applies(
    tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No final newline and a U+2028 inside a line: the hunks must still apply."""
    (tmp_path / "a.md").write_text("<p>a</p>\n<!-- x -->", "utf-8")
    (tmp_path / "b.md").write_text("<p>a</p>\n<p>b\u2028c</p><!-- y -->\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("--isolated", "--diff", "a.md", "b.md")
    assert "\\ No newline at end of file\n" in result.stdout
    (tmp_path / "fix.patch").write_text(result.stdout, "utf-8")
    subprocess.run(["git", "init", "-q"], check=True, cwd=tmp_path)
    subprocess.run(["git", "apply", "fix.patch"], check=True, cwd=tmp_path)
    assert (tmp_path / "a.md").read_text("utf-8") == "<p>a</p>\n"
    assert (tmp_path / "b.md").read_text("utf-8") == "<p>a</p>\n<p>b\u2028c</p>\n"


def test_a_file_changed_between_read_and_write_is_reported_and_kept(
    tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone saves the file while artlint fixes it: their version stays, IO002 says why,
    and the other files are fixed."""
    article = tmp_path / "post.md"
    other = tmp_path / "other.md"
    article.write_text(ARTICLE, "utf-8")
    other.write_text(ARTICLE, "utf-8")
    theirs = ARTICLE.replace("正文。", "他们改的正文。")
    from artlint import fixing

    real_fix_source = fixing.fix_source

    def fix_while_someone_saves(source: Source, path: str, *args: Any, **kwargs: Any) -> Any:
        outcome = real_fix_source(source, path, *args, **kwargs)
        if path == str(article):
            article.write_text(theirs, "utf-8")
        return outcome

    monkeypatch.setattr(fixing, "fix_source", fix_while_someone_saves)
    result = run_cli("--fix", str(article), str(other))
    assert article.read_text("utf-8") == theirs
    assert other.read_text("utf-8") == FIXED
    assert (
        f"{article}:1:1: IO002 not written: the file changed on disk while artlint was fixing it"
        in result.stdout.splitlines()
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["other.md", "post.md"]
    assert result.exit_code == 1


def test_disk_full_on_one_file_reports_it_and_fixes_the_others(
    tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC from the write itself (the first file's): the original stays, no temporary
    file is left, and the run goes on."""
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text(ARTICLE, "utf-8")
    second.write_text(ARTICLE, "utf-8")
    real_write = os.write
    failed: list[int] = []

    def full_once(handle: int, data: Any) -> int:
        if not failed:
            failed.append(handle)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(handle, data)

    monkeypatch.setattr("artlint.writer.os.write", full_once)
    result = run_cli("--fix", "--jobs", "1", str(first), str(second))
    assert first.read_text("utf-8") == ARTICLE
    assert second.read_text("utf-8") == FIXED
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.md", "b.md"]
    assert result.stdout.splitlines()[0] == (
        f"{first}:1:1: IO002 not written: cannot write the file: No space left on device"
    )
    assert result.exit_code == 1


@pytest.fixture
def tiny_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 200 KiB tmpfs (needs root and a sandbox that allows mounting)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root and mount(8)")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def _fill(filler: Path) -> None:
    """Take every block left on ``filler``'s file system."""
    with filler.open("wb", buffering=0) as stream:
        while True:
            try:
                stream.write(b"\0" * 4096)
            except OSError as error:
                if error.errno == errno.ENOSPC:
                    return
                raise


def test_a_really_full_disk_reports_io002_and_keeps_the_file(
    tiny_tmpfs: Path, run_cli: Run
) -> None:
    article = tiny_tmpfs / "post.md"
    article.write_text(ARTICLE, "utf-8")
    _fill(tiny_tmpfs / "filler")
    result = run_cli("--fix", str(article))
    assert article.read_text("utf-8") == ARTICLE
    assert sorted(path.name for path in tiny_tmpfs.iterdir()) == ["filler", "post.md"]
    assert result.stdout.splitlines()[0].startswith(f"{article}:1:1: IO002 not written: ")
    assert "No space left on device" in result.stdout.splitlines()[0]
    assert result.exit_code == 1
    (tiny_tmpfs / "filler").unlink()
    again = run_cli("--fix", str(article))
    assert article.read_text("utf-8") == FIXED
    assert again.exit_code == 0


def test_a_failed_fsync_in_a_batch_fails_only_its_file(
    tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chunk's files are fsynced together (in threads): an error there (EIO, or ENOSPC on
    file systems that report it late) is IO002 for that file alone."""
    names = [f"{number:02}.md" for number in range(6)]
    for name in names:
        (tmp_path / name).write_text(ARTICLE, "utf-8")
    fail_fsync_of(monkeypatch, tmp_path / "02.md")
    result = run_cli("--fix", "--jobs", "1", str(tmp_path))
    assert sorted(path.name for path in tmp_path.iterdir()) == names
    for name in names:
        expected = ARTICLE if name == "02.md" else FIXED
        assert (tmp_path / name).read_text("utf-8") == expected, name
    unwritten = [line for line in result.stdout.splitlines() if " IO002 " in line]
    assert unwritten == [
        f"{tmp_path / '02.md'}:1:1: IO002 not written: cannot write the file: "
        f"{os.strerror(errno.EIO)}"
    ]
    assert result.exit_code == 1
