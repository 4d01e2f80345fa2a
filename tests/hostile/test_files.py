"""Hostile bytes and files: what a dirty scraped corpus holds.

Each input must get a clear violation (code, line:column, message), the other files of the
same run must still be linted, no output format may crash on it, and ``--fix`` must never
lose a byte: a file it cannot fix safely is left exactly as it was.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CliResult

Run = Callable[..., CliResult]
Row = tuple[str, str, int, int, str]

DATE = "date: Mon, 01 Jan 2024 00:00:00 +0000\n"
#: A clean article, and one with a single known violation (HT002 at 5:4), linted beside
#: every hostile file to show the run goes on.
CLEAN = f"---\ntitle: Clean\n{DATE}---\n<p>ok</p>\n".encode()
OTHER = f'---\ntitle: Other\n{DATE}---\n<p style="x">ok</p>\n'.encode()
OTHER_ROW = ("other.md", "HT002", 5, 4, "inline style on <p>: 'x'")
FORMATS = ("text", "json", "sarif", "junit", "github")

GB_TEXT = "---\ntitle: 中文标题新闻报道\n" + DATE + "---\n<p>正文内容，这是一篇新闻。</p>\n"
GB_MESSAGE = "not UTF-8: byte 0xd6 at offset 11 (line 2, column 8); it looks like GB18030"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding ``other.md`` and ``clean.md``, as the working directory."""
    (tmp_path / "other.md").write_bytes(OTHER)
    (tmp_path / "clean.md").write_bytes(CLEAN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def rows(result: CliResult) -> list[Row]:
    """The JSON report's violations as (path, code, line, column, message)."""
    assert "Traceback" not in result.stderr, result.stderr
    return [
        (row["path"], row["code"], row["line"], row["column"], row["message"])
        for row in json.loads(result.stdout)
    ]


def lint(run_cli: Run, *args: str) -> list[Row]:
    return rows(run_cli("--no-cache", "--output-format", "json", *args))


def with_other(*found: Row) -> list[Row]:
    """``found`` and other.md's violation, in report order (by path)."""
    return sorted([*found, OTHER_ROW])


# Empty and binary files -------------------------------------------------------------------


def test_empty_file_is_fm001(run_cli: Run, project: Path) -> None:
    (project / "empty.md").write_bytes(b"")
    message = "no front matter: the file does not start with a '---' block"
    assert lint(run_cli, ".") == with_other(("empty.md", "FM001", 1, 1, message))
    result = run_cli("--no-cache", "--fix", ".")
    assert (project / "empty.md").read_bytes() == b""
    assert "Traceback" not in result.stderr


def test_nul_byte_is_io001_not_text(run_cli: Run, project: Path) -> None:
    data = f"---\ntitle: a\x00b\n{DATE}---\n<p>x</p>\n".encode()
    (project / "nul.md").write_bytes(data)
    message = "not text: NUL byte at offset 12 (line 2, column 9); it looks like binary data"
    assert lint(run_cli, ".") == with_other(("nul.md", "IO001", 2, 9, message))
    run_cli("--no-cache", "--fix", "--unsafe-fixes", ".")
    assert (project / "nul.md").read_bytes() == data


def test_png_saved_as_markdown_is_io001(run_cli: Run, project: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    (project / "image.md").write_bytes(data)
    message = (
        "not UTF-8: byte 0x89 at offset 0 (line 1, column 1); it looks like a PNG image, not text"
    )
    assert lint(run_cli, ".") == with_other(("image.md", "IO001", 1, 1, message))
    run_cli("--no-cache", "--fix", "--unsafe-fixes", ".")
    assert (project / "image.md").read_bytes() == data


# Other encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [(b"\xff\xfe", "utf-16-le", "UTF-16LE"), (b"\xfe\xff", "utf-16-be", "UTF-16BE")],
)
def test_utf16_with_bom_is_io001_and_unsafe_fix_reencodes(
    run_cli: Run, project: Path, bom: bytes, codec: str, name: str
) -> None:
    text = f'---\ntitle: 中文\n{DATE}---\n<p style="x">正文</p>\n'
    data = bom + text.encode(codec)
    path = project / "wide.md"
    path.write_bytes(data)
    message = (
        f"not UTF-8: byte 0x{bom[0]:02x} at offset 0 (line 1, column 1); "
        f"it looks like {name} (it starts with a {name} byte order mark)"
    )
    assert lint(run_cli, ".") == with_other(("wide.md", "IO001", 1, 1, message))
    # Without --unsafe-fixes: untouched (the safe fix of other.md still applies).
    assert lint(run_cli, "--fix", ".") == [("wide.md", "IO001", 1, 1, message)]
    assert path.read_bytes() == data
    assert (project / "other.md").read_bytes() == OTHER.replace(b' style="x"', b"")
    # With them: UTF-8 without the UTF-16 mark, and HT002 fixed in the same run.
    assert lint(run_cli, "--fix", "--unsafe-fixes", ".") == []
    assert path.read_bytes() == text.replace(' style="x"', "").encode()


@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_gb_text_names_gb18030_and_unsafe_fix_keeps_newlines_and_mode(
    run_cli: Run, project: Path, codec: str
) -> None:
    text = GB_TEXT.replace("<p>", '<p style="x">').replace("\n", "\r\n")
    data = text.encode(codec)
    path = project / "gb.md"
    path.write_bytes(data)
    path.chmod(0o640)
    message = GB_MESSAGE.replace("offset 11", "offset 12")  # the CR of line 1
    assert lint(run_cli, ".") == with_other(("gb.md", "IO001", 2, 8, message))
    result = run_cli("--no-cache", "--fix", ".")
    assert path.read_bytes() == data
    assert "IO001" in result.stdout
    assert lint(run_cli, "--fix", "--unsafe-fixes", ".") == []
    assert path.read_bytes() == text.replace(' style="x"', "").encode()
    assert path.stat().st_mode & 0o777 == 0o640


def test_large_gb18030_file_is_named(run_cli: Run, project: Path) -> None:
    """Sampled in chunks, a large file ties GB18030 with GBK and GB2312, which read it alike."""
    text = GB_TEXT + "<p>正文内容，这是一篇新闻。</p>\n" * 600_000
    path = project / "big-gb.md"
    path.write_bytes(text.encode("gb18030"))
    assert lint(run_cli, ".") == with_other(("big-gb.md", "IO001", 2, 8, GB_MESSAGE))


def test_diff_shows_the_reencoding(run_cli: Run, project: Path) -> None:
    data = GB_TEXT.encode("gb18030")
    (project / "gb.md").write_bytes(data)
    result = run_cli("--no-cache", "--diff", "--unsafe-fixes", "gb.md")
    replaced = GB_TEXT.encode("gb18030").decode("utf-8", "replace").splitlines()
    assert result.stdout.splitlines()[:9] == [
        "--- a/gb.md",
        "+++ b/gb.md",
        "@@ -1,5 +1,5 @@",
        " ---",
        f"-{replaced[1]}",
        "+title: 中文标题新闻报道",
        f" {DATE.rstrip()}",
        " ---",
        f"-{replaced[4]}",
    ]
    assert (project / "gb.md").read_bytes() == data
    without = run_cli("--no-cache", "--diff", "gb.md")
    assert without.stdout == ""
    assert without.stderr.splitlines() == [
        f"gb.md:2:8: IO001 {GB_MESSAGE}",
        "Would fix 0 violations in 0 files.",
    ]


def test_gbk_lf_message(run_cli: Run, project: Path) -> None:
    (project / "gbk.md").write_bytes(GB_TEXT.encode("gbk"))
    assert lint(run_cli, ".") == with_other(("gbk.md", "IO001", 2, 8, GB_MESSAGE))


def test_too_little_text_names_candidates_and_is_never_rewritten(
    run_cli: Run, project: Path
) -> None:
    data = "---\ntitle: 中文\n---\n".encode("gbk")
    (project / "short.md").write_bytes(data)
    message = (
        "not UTF-8: byte 0xd6 at offset 11 (line 2, column 8); it may be Big5, EUC-KR (cp949) "
        "or EUC-JIS-2004, among others (too little text to tell)"
    )
    assert lint(run_cli, ".") == with_other(("short.md", "IO001", 2, 8, message))
    run_cli("--no-cache", "--fix", "--unsafe-fixes", ".")
    assert (project / "short.md").read_bytes() == data


def test_damaged_utf8_is_never_rewritten(run_cli: Run, project: Path) -> None:
    data = f"---\ntitle: 中文\n{DATE}---\n<p>caf\xe9</p>\n".encode() + b"\xe9\n"
    (project / "damaged.md").write_bytes(data)
    message = (
        "not UTF-8: byte 0xe9 at offset 73 (line 6, column 1); "
        "the text before it is UTF-8: the file mixes encodings or is damaged"
    )
    assert lint(run_cli, ".") == with_other(("damaged.md", "IO001", 6, 1, message))
    run_cli("--no-cache", "--fix", "--unsafe-fixes", ".")
    assert (project / "damaged.md").read_bytes() == data


def test_utf8_bom_positions_and_fix_keep_the_bom(run_cli: Run, project: Path) -> None:
    data = b"\xef\xbb\xbf" + OTHER
    (project / "bom.md").write_bytes(data)
    assert lint(run_cli, ".") == with_other(("bom.md", *OTHER_ROW[1:]))
    run_cli("--no-cache", "--fix", ".")
    assert (project / "bom.md").read_bytes() == b"\xef\xbb\xbf" + OTHER.replace(b' style="x"', b"")


# Newlines ----------------------------------------------------------------------------------

#: A comment on line 5 and a style on line 6: two positions checked per newline style.
NEWLINE_LINES = (
    "---",
    "title: T",
    DATE.rstrip("\n"),
    "---",
    "<!-- c -->",
    "<p>a</p><p style='x'>b</p>",
)


@pytest.mark.parametrize(
    "ends",
    [("\r\n",) * 6, ("\r",) * 6, ("\n", "\r\n", "\r", "\r\n", "\r", "\n")],
    ids=["crlf", "cr", "mixed"],
)
def test_newline_styles_keep_positions_and_bytes(
    run_cli: Run, project: Path, ends: tuple[str, ...]
) -> None:
    path = project / "nl.md"
    path.write_bytes("".join(map(str.__add__, NEWLINE_LINES, ends)).encode())
    assert lint(run_cli, ".") == with_other(
        ("nl.md", "HT001", 5, 1, "HTML comment left in the body: '<!-- c -->'"),
        ("nl.md", "HT002", 6, 12, "inline style on <p>: 'x'"),
    )
    assert lint(run_cli, "--fix", ".") == []
    # The comment's line goes with its own ending; every other ending is kept as it was.
    kept = [
        (line, end) for line, end in zip(NEWLINE_LINES, ends, strict=True) if "<!--" not in line
    ]
    expected = "".join(line.replace(" style='x'", "") + end for line, end in kept)
    assert path.read_bytes() == expected.encode()


# A lone surrogate --------------------------------------------------------------------------


@pytest.mark.parametrize("output", FORMATS)
def test_lone_surrogate_bytes_are_io001_in_every_format(
    run_cli: Run, project: Path, output: str
) -> None:
    (project / "sur.md").write_bytes(b"---\ntitle: a\xed\xa0\x80b\n---\n<p>x</p>\n")
    message = (
        "not UTF-8: byte 0xed at offset 12 (line 2, column 9); bytes 0xed 0xa0 0x80 encode "
        "the lone surrogate U+D800, which UTF-8 does not allow"
    )
    result = run_cli("--no-cache", "--output-format", output, ".")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    found = _parse(output, result.stdout)
    assert ("sur.md", "IO001", 2, 9, message) in found
    assert OTHER_ROW in found


def _parse(output: str, stdout: str) -> list[Row]:
    """The (path, code, line, column, message) of each violation in ``output``'s report."""
    if output == "json":
        return [
            (row["path"], row["code"], row["line"], row["column"], row["message"])
            for row in json.loads(stdout)
        ]
    if output == "text":
        found = []
        for line in stdout.splitlines():
            if ": " not in line or line.startswith(("Found ", "[*]")):
                continue
            place, rest = line.split(": ", 1)
            path, row, column = place.rsplit(":", 2)
            code, message = rest.split(" ", 1)
            found.append((path, code, int(row), int(column), message.removeprefix("[*] ")))
        return found
    if output == "github":
        found = []
        for line in stdout.splitlines():
            head, message = line.split("::", 2)[1:]
            _level, props = head.split(" ", 1)
            fields = dict(item.split("=", 1) for item in props.split(","))
            code = fields["title"].split(" ")[0]
            path = fields["file"].replace("%2C", ",").replace("%3A", ":").replace("%25", "%")
            found.append((path, code, int(fields["line"]), int(fields["col"]), message))
        return found
    if output == "junit":
        found = []
        for case in ElementTree.fromstring(stdout).iter("testcase"):
            failure = case.find("failure")
            if failure is None:  # a clean file
                continue
            for line in (failure.text or "").splitlines():
                place, code, message = line.split(" ", 2)
                row, column = place.split(":")
                found.append((case.attrib["name"], code, int(row), int(column), message))
        return found
    assert output == "sarif"
    log: Any = json.loads(stdout)
    from urllib.parse import unquote

    found = []
    for result in log["runs"][0]["results"]:
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        path = unquote(location["artifactLocation"]["uri"])
        found.append(
            (
                path,
                result["ruleId"],
                region["startLine"],
                region["startColumn"],
                result["message"]["text"],
            )
        )
    return found


# Files that cannot be read ------------------------------------------------------------------


def _read_bytes_denied(denied: Iterable[str]) -> Callable[[Path], bytes]:
    names = set(denied)
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name in names:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    return read_bytes


def test_permission_denied_injected_is_io001(
    run_cli: Run, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "locked.md").write_bytes(OTHER)
    monkeypatch.setattr(Path, "read_bytes", _read_bytes_denied(["locked.md"]))
    expected = with_other(("locked.md", "IO001", 1, 1, "cannot read file: Permission denied"))
    assert lint(run_cli, ".") == expected
    # --fix reports it too, and fixes the others.
    assert lint(run_cli, "--fix", ".") == expected[:1]
    monkeypatch.undo()
    assert (project / "locked.md").read_bytes() == OTHER


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files without permission"
)
def test_permission_denied_for_real(project: Path) -> None:
    (project / "locked.md").write_bytes(OTHER)
    (project / "locked.md").chmod(0)
    result = subprocess.run(
        [sys.executable, "-m", "artlint", "--no-cache", "--output-format", "json", "."],
        capture_output=True,
        text=True,
        check=False,
        cwd=project,
    )
    assert rows(CliResult(result.returncode, result.stdout, result.stderr)) == with_other(
        ("locked.md", "IO001", 1, 1, "cannot read file: Permission denied")
    )


def test_directory_named_like_a_file_is_walked(run_cli: Run, project: Path) -> None:
    folder = project / "posts" / "x.md"
    folder.mkdir(parents=True)
    assert lint(run_cli, ".") == with_other()
    assert lint(run_cli, "posts/x.md", "other.md") == with_other()
    (folder / "inner.md").write_bytes(OTHER)
    assert lint(run_cli, "posts/x.md/", "other.md") == with_other(
        ("posts/x.md/inner.md", *OTHER_ROW[1:])
    )


def test_directory_read_as_a_file_is_io001(project: Path) -> None:
    from artlint.engine import lint_file
    from artlint.settings import Settings

    (project / "x.md").mkdir()
    [violation] = lint_file(Path("x.md"), "x.md", Settings())
    assert (violation.code, violation.line, violation.column, violation.message) == (
        "IO001",
        1,
        1,
        "cannot read file: it is a directory",
    )


def test_broken_symlink_is_io001(run_cli: Run, project: Path) -> None:
    (project / "broken.md").symlink_to("nowhere.md")
    message = "cannot read file: broken symbolic link (to 'nowhere.md', which does not exist)"
    assert lint(run_cli, ".") == with_other(("broken.md", "IO001", 1, 1, message))
    assert lint(run_cli, "--fix", ".") == [("broken.md", "IO001", 1, 1, message)]
    assert (project / "broken.md").is_symlink()


def test_file_deleted_after_discovery_is_io001(
    run_cli: Run, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import artlint.api

    (project / "gone.md").write_bytes(OTHER)
    real = artlint.api.discover_settings

    def discover_then_delete(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        (project / "gone.md").unlink(missing_ok=True)
        return found

    monkeypatch.setattr(artlint.api, "discover_settings", discover_then_delete)
    gone = ("gone.md", "IO001", 1, 1, "cannot read file: No such file or directory")
    assert lint(run_cli, ".") == with_other(gone)
    (project / "gone.md").write_bytes(OTHER)
    assert lint(run_cli, "--fix", ".") == [gone]
    assert not (project / "gone.md").exists()


# Awkward names ----------------------------------------------------------------------------

CJK_FOLDER = "dir with space/中文"
CJK_PATH = f"{CJK_FOLDER}/文章 one.md"


@pytest.mark.parametrize("output", FORMATS)
def test_path_with_spaces_and_cjk_in_every_format(run_cli: Run, project: Path, output: str) -> None:
    (project / CJK_FOLDER).mkdir(parents=True)
    (project / CJK_PATH).write_bytes(OTHER)
    result = run_cli("--no-cache", "--output-format", output, ".")
    assert result.exit_code == 1
    assert _parse(output, result.stdout) == with_other((CJK_PATH, *OTHER_ROW[1:]))
    if output == "sarif":
        uri = "dir%20with%20space/%E4%B8%AD%E6%96%87/%E6%96%87%E7%AB%A0%20one.md"
        assert f'"uri": "{uri}"' in result.stdout
    if output == "github":
        assert f"::warning file={CJK_PATH},line=5,col=4," in result.stdout


@pytest.mark.parametrize("output", FORMATS)
def test_undecodable_file_name_in_every_format(project: Path, output: str) -> None:
    """A file name that is not UTF-8 (surrogate-escaped by Python) crashes no reporter,
    written to a real standard output."""
    name = os.fsdecode(b"bad\xed\xa0\x80name.md")
    try:
        (project / name).write_bytes(OTHER)
    except (OSError, UnicodeError):
        pytest.skip("the file system does not take a name that is not UTF-8")
    result = subprocess.run(
        [sys.executable, "-m", "artlint", "--no-cache", "--output-format", output, "."],
        capture_output=True,
        check=False,
        cwd=project,
    )
    assert b"Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    stdout = result.stdout.decode("utf-8", "surrogateescape")
    found = _parse(output, stdout)
    assert OTHER_ROW in found
    assert len(found) == 2
    if output == "sarif":
        uris = [
            item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for item in json.loads(stdout)["runs"][0]["results"]
        ]
        assert uris == ["bad%ED%A0%80name.md", "other.md"]


# Large files ------------------------------------------------------------------------------


def test_one_megabyte_single_line(run_cli: Run, project: Path) -> None:
    head = f"---\ntitle: Long\n{DATE}---\n"
    body = "<p>" + "x" * 1_000_000 + '</p><p style="x">y</p>\n'
    (project / "long.md").write_text(head + body, encoding="utf-8")
    assert lint(run_cli, ".") == with_other(
        ("long.md", "HT002", 5, 1_000_011, "inline style on <p>: 'x'")
    )


#: Seconds a 50 MB body may take before the test calls it unbounded (it takes about half
#: a minute: this is a guard against a quadratic, not a benchmark), and an 8 MB one (about
#: 6 s; minutes while HtmlIndex._text_of copies the rest of the token list for each element).
BIG_TIMEOUT = 240
PROBE_TIMEOUT = 25
PARAGRAPH = "<p>Lorem ipsum dolor sit amet, <b>consectetur</b> adipiscing elit.</p>\n"


def _lint_big(folder: Path, size: int, timeout: float) -> CliResult | None:
    """Lint ``folder`` with a ``size``-byte ``big.md`` beside other.md in a subprocess, or
    None if it takes more than ``timeout`` seconds."""
    with (folder / "big.md").open("w", encoding="utf-8") as stream:
        stream.write(f'---\ntitle: Big\n{DATE}---\n<p style="x">first</p>\n')
        stream.write(PARAGRAPH * (size // len(PARAGRAPH)))
    (folder / "other.md").write_bytes(OTHER)
    started = time.monotonic()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "artlint", "--no-cache", "--output-format", "json", "."],
            capture_output=True,
            text=True,
            check=False,
            cwd=folder,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None
    print(f"{size / 1e6:.0f} MB body: {time.monotonic() - started:.1f} s")
    return CliResult(result.returncode, result.stdout, result.stderr)


def test_fifty_megabyte_body_finishes(tmp_path: Path) -> None:
    expected = with_other(("big.md", "HT002", 5, 4, "inline style on <p>: 'x'"))
    probe = _lint_big(tmp_path, 8_000_000, PROBE_TIMEOUT)
    if probe is None:
        pytest.fail(f"an 8 MB body took more than {PROBE_TIMEOUT} s: something is quadratic")
    assert rows(probe) == expected
    result = _lint_big(tmp_path, 50_000_000, BIG_TIMEOUT)
    assert (tmp_path / "big.md").stat().st_size > 50_000_000
    if result is None:
        pytest.fail(f"a 50 MB body took more than {BIG_TIMEOUT} s: something is quadratic")
    assert rows(result) == expected
