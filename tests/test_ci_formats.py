"""The CI output formats: json-lines, github, junit and gitlab.

github and json-lines are compared exactly; junit and gitlab are parsed and checked against
the structure that their readers (GitHub, GitLab, Jenkins) require.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from artlint.reporters.github import escape_data, escape_property
from tests.conftest import CliResult

Run = Callable[..., CliResult]

HEAD = "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n"
#: HT002 (5:4) and HT001 (5:19), both warnings.
WARNINGS = HEAD + '<p style="x">a</p><!-- c -->\n'
#: ... and HT004 (6:1), an error.
WITH_ERROR = WARNINGS + "<script>x()</script>\n"
#: HT001 and HT002 with CJK text and the characters that XML and the formats escape.
AWKWARD = HEAD + '<p style="color:红;width:100%">文</p><!-- 注释 <&> -->\n'
AWKWARD_NAME = "文章 <&>,:%.md"
CLEAN = HEAD + "<p>a</p>\n"

GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# --- github ----------------------------------------------------------------------------------


def test_github(run_cli: Run, tree: Path) -> None:
    write(tree, {"a.md": WITH_ERROR, "b.md": CLEAN})
    result = run_cli("--output-format", "github", "a.md", "b.md")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        "::warning file=a.md,line=5,col=4,endLine=5,endColumn=13,title=HT002 inline-style"
        "::inline style on <p>: 'x'\n"
        "::warning file=a.md,line=5,col=19,endLine=5,endColumn=29,title=HT001 html-comment"
        "::HTML comment left in the body: '<!-- c -->'\n"
        "::error file=a.md,line=6,col=1,endLine=6,endColumn=21,title=HT004 script-element"
        "::<script> element in the body\n"
    )


def test_github_escapes(run_cli: Run, tree: Path) -> None:
    write(tree, {AWKWARD_NAME: AWKWARD})
    result = run_cli("--output-format", "github", AWKWARD_NAME)
    assert result.exit_code == 1
    path = "文章 <&>%2C%3A%25.md"
    assert result.stdout == (
        f"::warning file={path},line=5,col=4,endLine=5,endColumn=30,title=HT002 inline-style"
        "::inline style on <p>: 'color:红;width:100%25'\n"
        f"::warning file={path},line=5,col=36,endLine=5,endColumn=51,title=HT001 html-comment"
        "::HTML comment left in the body: '<!-- 注释 <&> -->'\n"
    )


def test_github_escape_functions() -> None:
    assert escape_data("50% a:b,c\r\nd") == "50%25 a:b,c%0D%0Ad"
    assert escape_property("50% a:b,c\r\nd") == "50%25 a%3Ab%2Cc%0D%0Ad"
    # '%' first: an escape is not escaped again.
    assert escape_data("%0A") == "%250A"


def test_github_clean_prints_nothing(run_cli: Run, tree: Path) -> None:
    write(tree, {"b.md": CLEAN})
    assert run_cli("--output-format", "github", "b.md") == CliResult(0, "", "")


# --- json-lines ------------------------------------------------------------------------------


def test_json_lines(run_cli: Run, tree: Path) -> None:
    write(tree, {"a.md": WITH_ERROR, "b.md": CLEAN})
    result = run_cli("--output-format", "json-lines", "a.md", "b.md")
    assert (result.exit_code, result.stderr) == (1, "")
    lines = result.stdout.splitlines(keepends=True)
    assert lines[0] == (
        '{"path": "a.md", "code": "HT002", "name": "inline-style",'
        ' "message": "inline style on <p>: \'x\'", "severity": "warning",'
        ' "line": 5, "column": 4, "end_line": 5, "end_column": 13,'
        ' "fix": {"applicability": "safe", "message": "Remove the style attribute",'
        ' "edits": [{"line": 5, "column": 3, "end_line": 5, "end_column": 13, "content": ""}]}}\n'
    )
    assert [json.loads(line)["code"] for line in lines] == ["HT002", "HT001", "HT004"]
    assert lines[2].startswith(
        '{"path": "a.md", "code": "HT004", "name": "script-element",'
        ' "message": "<script> element in the body", "severity": "error",'
        ' "line": 6, "column": 1, "end_line": 6, "end_column": 21,'
    )
    # Exactly the objects of the json format, in the same order.
    as_json = run_cli("--output-format", "json", "a.md", "b.md")
    assert [json.loads(line) for line in lines] == json.loads(as_json.stdout)


def test_json_lines_unicode(run_cli: Run, tree: Path) -> None:
    write(tree, {AWKWARD_NAME: AWKWARD})
    lines = run_cli("--output-format", "json-lines", AWKWARD_NAME).stdout.splitlines()
    assert len(lines) == 2
    assert '"path": "文章 <&>,:%.md"' in lines[0]  # ensure_ascii=False
    assert json.loads(lines[1])["message"] == "HTML comment left in the body: '<!-- 注释 <&> -->'"


def test_json_lines_clean(run_cli: Run, tree: Path) -> None:
    write(tree, {"b.md": CLEAN})
    assert run_cli("--output-format", "json-lines", "b.md") == CliResult(0, "", "")


# --- junit -----------------------------------------------------------------------------------


def parse_junit(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    return root


def check_junit(root: ET.Element) -> None:
    """The structure and counts that GitLab and Jenkins read."""
    suites = list(root)
    assert [suite.tag for suite in suites] == ["testsuite"]
    (suite,) = suites
    assert suite.get("name") == "artlint"
    cases = list(suite)
    assert all(case.tag == "testcase" for case in cases)
    failed = [case for case in cases if case.find("failure") is not None]
    for element in (root, suite):
        assert element.get("tests") == str(len(cases))
        assert element.get("failures") == str(len(failed))
        assert element.get("errors") == "0"
    for case in cases:
        assert case.get("classname") == case.get("name")
        assert case.get("name")
        assert len(list(case)) <= 1  # at most one failure per testcase
        failure = case.find("failure")
        if failure is not None:
            assert failure.get("type") == "artlint"
            lines = (failure.text or "").splitlines()
            count = len(lines)
            assert failure.get("message") == f"{count} violation{'' if count == 1 else 's'}"
            assert all(re.fullmatch(r"\d+:\d+ [A-Z]+\d+ .+", line) for line in lines)


def test_junit(run_cli: Run, tree: Path) -> None:
    write(tree, {"a.md": WITH_ERROR, "b.md": CLEAN, "c.md": HEAD + "<p>a</p><!-- c -->\n"})
    result = run_cli("--output-format", "junit", "a.md", "b.md", "c.md")
    assert (result.exit_code, result.stderr) == (1, "")
    root = parse_junit(result.stdout)
    check_junit(root)
    assert (root.get("tests"), root.get("failures")) == ("3", "2")
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert list(cases) == ["a.md", "b.md", "c.md"]
    assert cases["b.md"].find("failure") is None
    failure = cases["a.md"].find("failure")
    assert failure is not None
    assert failure.get("message") == "3 violations"
    assert failure.text == (
        "5:4 HT002 inline style on <p>: 'x'\n"
        "5:19 HT001 HTML comment left in the body: '<!-- c -->'\n"
        "6:1 HT004 <script> element in the body\n"
    )
    failure = cases["c.md"].find("failure")
    assert failure is not None
    assert failure.get("message") == "1 violation"


def test_junit_escapes(run_cli: Run, tree: Path) -> None:
    write(tree, {AWKWARD_NAME: AWKWARD})
    result = run_cli("--output-format", "junit", AWKWARD_NAME)
    assert result.exit_code == 1
    # The characters are written as they are (UTF-8), the markup ones as entities.
    assert "文章 &lt;&amp;&gt;,:%.md" in result.stdout
    assert "'&lt;!-- 注释 &lt;&amp;&gt; --&gt;'" in result.stdout
    root = parse_junit(result.stdout)
    check_junit(root)
    (case,) = root.iter("testcase")
    assert case.get("name") == case.get("classname") == AWKWARD_NAME
    failure = case.find("failure")
    assert failure is not None
    assert failure.text == (
        "5:4 HT002 inline style on <p>: 'color:红;width:100%'\n"
        "5:36 HT001 HTML comment left in the body: '<!-- 注释 <&> -->'\n"
    )


def test_junit_control_characters(run_cli: Run, tree: Path) -> None:
    """XML 1.0 cannot hold most control characters: they are shown escaped."""
    name = "a\x01b.md"
    write(tree, {name: WARNINGS})
    root = parse_junit(run_cli("--output-format", "junit", name).stdout)
    (case,) = root.iter("testcase")
    assert case.get("name") == "a\\x01b.md"


def test_junit_clean(run_cli: Run, tree: Path) -> None:
    write(tree, {"b.md": CLEAN})
    result = run_cli("--output-format", "junit", "b.md")
    assert result.exit_code == 0
    root = parse_junit(result.stdout)
    check_junit(root)
    assert (root.get("tests"), root.get("failures")) == ("1", "0")


# --- gitlab ----------------------------------------------------------------------------------


def check_gitlab(issues: Any) -> None:
    """What GitLab's Code Quality report requires of each issue."""
    assert isinstance(issues, list)
    for issue in issues:
        assert isinstance(issue["description"], str)
        assert issue["description"]
        assert isinstance(issue["check_name"], str)
        assert issue["check_name"]
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert issue["severity"] in GITLAB_SEVERITIES
        assert issue["type"] == "issue"
        assert issue["categories"] in (["Style"], ["Bug Risk"])
        location = issue["location"]
        assert isinstance(location["path"], str)
        lines = location["lines"]
        assert isinstance(lines["begin"], int)
        assert lines["begin"] >= 1
        assert lines["end"] >= lines["begin"]
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)


def gitlab(run_cli: Run, *args: str) -> list[dict[str, Any]]:
    result = run_cli("--output-format", "gitlab", *args)
    assert result.stderr == ""
    issues: list[dict[str, Any]] = json.loads(result.stdout)
    check_gitlab(issues)
    return issues


def test_gitlab(run_cli: Run, tree: Path) -> None:
    write(tree, {"a.md": WITH_ERROR, "b.md": CLEAN})
    issues = gitlab(run_cli, "a.md", "b.md")
    summary = [
        (
            issue["check_name"],
            issue["severity"],
            issue["categories"],
            issue["location"]["path"],
            issue["location"]["lines"],
        )
        for issue in issues
    ]
    assert summary == [
        ("HT002", "minor", ["Style"], "a.md", {"begin": 5, "end": 5}),
        ("HT001", "minor", ["Style"], "a.md", {"begin": 5, "end": 5}),
        ("HT004", "major", ["Bug Risk"], "a.md", {"begin": 6, "end": 6}),
    ]
    assert issues[2]["description"] == "HT004 <script> element in the body"


def test_gitlab_fingerprints(run_cli: Run, tree: Path) -> None:
    """Unique for equal violations in one file; the same when the lines move."""
    twice = HEAD + "<p>a</p><!-- c -->\n<p>b</p><!-- c -->\n"
    write(tree, {"a.md": twice, "b.md": twice})
    issues = gitlab(run_cli, "--select", "HT001", "a.md", "b.md")
    assert len(issues) == 4  # check_gitlab: four different fingerprints
    before = [issue["fingerprint"] for issue in issues]
    write(tree, {"a.md": HEAD + "\n\n<p>new</p>\n" + twice[len(HEAD) :], "b.md": twice})
    moved = gitlab(run_cli, "--select", "HT001", "a.md", "b.md")
    assert [issue["location"]["lines"]["begin"] for issue in moved] == [8, 9, 5, 6]
    assert [issue["fingerprint"] for issue in moved] == before


def test_gitlab_unicode(run_cli: Run, tree: Path) -> None:
    write(tree, {AWKWARD_NAME: AWKWARD})
    result = run_cli("--output-format", "gitlab", AWKWARD_NAME)
    assert "注释 <&>" in result.stdout  # not \u escapes
    issues = json.loads(result.stdout)
    check_gitlab(issues)
    assert {issue["location"]["path"] for issue in issues} == {AWKWARD_NAME}


def test_gitlab_clean(run_cli: Run, tree: Path) -> None:
    write(tree, {"b.md": CLEAN})
    assert run_cli("--output-format", "gitlab", "b.md") == CliResult(0, "[]\n", "")


# --- output file and config ------------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["github", "json-lines", "junit", "gitlab"])
@pytest.mark.parametrize("option", ["-o", "--output-file"])
def test_output_file(run_cli: Run, tree: Path, output_format: str, option: str) -> None:
    write(tree, {"a.md": WITH_ERROR, AWKWARD_NAME: AWKWARD})
    on_stdout = run_cli("--output-format", output_format, "a.md", AWKWARD_NAME)
    result = run_cli("--output-format", output_format, option, "reports/out", "a.md", AWKWARD_NAME)
    assert result == CliResult(1, "", "")
    assert (tree / "reports" / "out").read_text(encoding="utf-8") == on_stdout.stdout


@pytest.mark.parametrize(
    ("config", "args", "github"),
    [
        ('output-format = "github"\n', (), True),
        ('output-format = "github"\n', ("--output-format", "text"), False),
        ('output-format = "text"\n', ("--output-format", "github"), True),
    ],
)
def test_output_format_config(
    run_cli: Run, tree: Path, config: str, args: tuple[str, ...], github: bool
) -> None:
    write(tree, {"artlint.toml": config, "a.md": WARNINGS})
    result = run_cli(*args, "a.md")
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::warning file=a.md,line=5,col=4,") == github
    assert result.stdout.startswith("a.md:5:4: HT002") != github


def test_output_format_pyproject(run_cli: Run, tree: Path) -> None:
    write(tree, {"pyproject.toml": '[tool.artlint]\noutput-format = "gitlab"\n', "a.md": WARNINGS})
    issues = gitlab(run_cli)
    assert [issue["check_name"] for issue in issues] == ["HT002", "HT001"]
