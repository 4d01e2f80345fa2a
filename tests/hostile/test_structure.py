"""Hostile structure: broken, malicious and pathological front matter and bodies.

Each file must get clear violations (code, line:column, message) and never a traceback;
``--fix`` must leave it unchanged or validly fixed, and a second ``--fix`` must change
nothing.  The pathological inputs run in a subprocess with a timeout and an address-space
limit, which is what proves them bounded in time and memory.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from artlint.yamldata import HAS_LIBYAML
from tests.conftest import CliResult

Run = Callable[..., CliResult]
Found = tuple[str, int, int, str]

DATE = "date: Thu, 27 May 2021 12:15:20 +0800\n"
COMMENT = "<!-- c -->"
BODY = f"<p>x</p>{COMMENT}\n"
COMMENT_MESSAGE = f"HTML comment left in the body: {COMMENT!r}"
#: Seconds and bytes of address space a pathological file may take, start-up included.
TIMEOUT = 30.0
MEMORY = 1 << 30
TOO_DEEP = (
    "HTML parse error: Elements nested more than 512 levels deep: browsers put deeper elements"
    " beside the 512th, not inside it (no further parse errors are reported) [nesting-too-deep]"
)


def front(yaml: str, body: str = BODY) -> str:
    return f"---\n{yaml}---\n{body}"


def comment_at(line: int, column: int = 9) -> Found:
    return ("HT001", line, column, COMMENT_MESSAGE)


def _found(output: str) -> list[Found]:
    return [
        (item["code"], item["line"], item["column"], item["message"]) for item in json.loads(output)
    ]


def lint(run_cli: Run, path: Path) -> list[Found]:
    result = run_cli(
        "--isolated", "--no-cache", "--select", "ALL", "--output-format", "json", str(path)
    )
    assert "Traceback" not in result.stderr
    found = _found(result.stdout)
    assert result.exit_code == (1 if found else 0), result.stderr
    return found


def fix_twice(run_cli: Run, path: Path, expected: bytes) -> None:
    """``--fix`` gives ``expected``; a second ``--fix`` changes nothing."""
    for _ in range(2):
        result = run_cli("--isolated", "--no-cache", "--fix", str(path))
        assert "Traceback" not in result.stderr
        assert result.exit_code in (0, 1), result.stdout + result.stderr
        assert path.read_bytes() == expected


def without_comment(text: str) -> bytes:
    return text.replace(COMMENT, "").encode()


YAML_CASES = [
    pytest.param(
        "---",
        [("FM002", 1, 1, "front matter is not closed: no '---' line after the opening fence")],
        "---",
        id="only-dashes",
    ),
    pytest.param(
        f"---\ntitle: T\n\n<p>x</p>{COMMENT}\n",
        [("FM002", 1, 1, "front matter is not closed: no '---' line after the opening fence")],
        None,  # it is all front matter: nothing to fix in a body there is not
        id="unterminated",
    ),
    pytest.param(
        front("- a\n- b\n"),
        [
            ("FM002", 2, 1, "front matter must be a mapping of keys to values, found a list"),
            comment_at(5),
        ],
        "fixed",
        id="front-matter-list",
    ),
    pytest.param(
        front("just text\n"),
        [
            (
                "FM002",
                2,
                1,
                "front matter must be a mapping of keys to values, found a single value",
            ),
            comment_at(4),
        ],
        "fixed",
        id="front-matter-scalar",
    ),
    pytest.param(
        front("title: T\n" + DATE + "title: U\n"),
        [("FM002", 4, 1, "duplicate key 'title' (first defined on line 2)"), comment_at(6)],
        "fixed",
        id="duplicate-key",
    ),
    pytest.param(
        front("title: T\n" + DATE + "1: x\n"),
        [
            (
                "FM002",
                4,
                1,
                "key '1' is read by YAML as a number, expected a string; quote it if it is text",
            ),
            comment_at(6),
        ],
        "fixed",
        id="integer-key",
    ),
    pytest.param(
        front("title: T\n" + DATE + "? [a]\n: b\n"),
        [("FM002", 4, 3, "key '[a]' is a list, expected a string"), comment_at(7)],
        "fixed",
        id="list-key",
    ),
    pytest.param(
        front("title: T\n" + DATE + "null: x\n"),
        [
            (
                "FM002",
                4,
                1,
                "key 'null' is read by YAML as empty (null), expected a string;"
                " quote it if it is text",
            ),
            comment_at(6),
        ],
        "fixed",
        id="null-key",
    ),
    pytest.param(
        front("title: T\n" + DATE + "x: !!python/name:os.system\n"),
        [("FM002", 4, 4, "unsupported YAML tag '!!python/name:os.system'"), comment_at(6)],
        "fixed",
        id="python-name-tag",
    ),
    pytest.param(
        front("title: T\n" + DATE + "x: !foo bar\ny: !!set {a}\n"),
        [
            ("FM002", 4, 4, "unsupported YAML tag '!foo'"),
            ("FM002", 5, 4, "unsupported YAML tag '!!set'"),
            comment_at(7),
        ],
        "fixed",
        id="unknown-tags",
    ),
    pytest.param(
        front(
            "title: T\n" + DATE + "a: !!int abc\nb: !!bool maybe\nc: !!float x\nd: 0x_\ne: !!int\n"
        ),
        [
            ("FM002", 4, 4, "'abc' is not a valid value for YAML tag '!!int'"),
            ("FM002", 5, 4, "'maybe' is not a valid value for YAML tag '!!bool'"),
            ("FM002", 6, 4, "'x' is not a valid value for YAML tag '!!float'"),
            (
                "FM002",
                7,
                4,
                "'0x_' is read by YAML 1.1 as a number but is not one; quote it if it is text",
            ),
            ("FM002", 8, 4, "'' is not a valid value for YAML tag '!!int'"),
            comment_at(10),
        ],
        "fixed",
        id="values-not-of-their-tag",  # a traceback (ValueError, KeyError) before
    ),
    pytest.param(
        front("title: T\ndate: !foo bar\n"),
        # The value FM002 rejects is not also "required field 'date' is empty".
        [("FM002", 3, 7, "unsupported YAML tag '!foo'"), comment_at(5)],
        "fixed",
        id="unknown-tag-on-required-field",
    ),
    pytest.param(
        front("title: T\ndate: None\n"),
        [
            (
                "FM102",
                3,
                1,
                "date: 'None' is not an RFC 2822 date: expected 'Day, DD Mon YYYY HH:MM:SS ZONE'"
                " (e.g. 'Thu, 27 May 2021 12:15:20 GMT')",
            ),
            comment_at(5),
        ],
        "fixed",
        id="date-None",
    ),
    pytest.param(
        front("title: T\ndate: null\n"),
        [("FM101", 3, 1, "required field 'date' is empty"), comment_at(5)],
        "fixed",
        id="date-null",
    ),
    pytest.param(
        front("title: T\ndate:\n"),
        [("FM101", 3, 1, "required field 'date' is empty"), comment_at(5)],
        "fixed",
        id="date-empty",
    ),
    pytest.param(
        front("title: T\n" + DATE + "author: [['a']]\n"),
        [("FM100", 4, 10, 'author[0]: ["a"] is a list, expected string'), comment_at(6)],
        "fixed",
        id="author-nested-list",
    ),
    pytest.param(
        # YAML's null is null, ~, Null, NULL or nothing: "None" is the text "None", a
        # valid category (as check-jsonschema and every site generator read it).
        front("title: T\n" + DATE + "categories: [None]\n"),
        [comment_at(6)],
        "fixed",
        id="categories-None",
    ),
    pytest.param(
        front("title: T\n" + DATE + "categories: [null]\n"),
        [
            (
                "FM100",
                4,
                14,
                "categories[0]: 'null' is read by YAML as empty (null), expected string;"
                " quote it if it is text",
            ),
            comment_at(6),
        ],
        "fixed",
        id="categories-null",
    ),
    pytest.param(
        front("title: 123\n" + DATE),
        [
            (
                "FM100",
                2,
                1,
                "title: '123' is read by YAML as a number, expected string; quote it if it is text",
            ),
            comment_at(5),
        ],
        "fixed",
        id="title-number",
    ),
    pytest.param(
        front("title: {{ title }}\n" + DATE),
        [
            (
                "FM002",
                2,
                8,
                "'{{ title }}' is a template placeholder that was never filled in (YAML reads"
                " it as a mapping); write the value, or quote it",
            ),
            comment_at(5),
        ],
        "fixed",
        id="title-placeholder",
    ),
    pytest.param(
        front('title: T\ndate: "{{ .Date }}"\n'),
        [
            (
                "FM102",
                3,
                1,
                "date: '{{ .Date }}' is not an RFC 2822 date: an unfilled template placeholder,"
                " expected 'Day, DD Mon YYYY HH:MM:SS ZONE' (e.g. 'Thu, 27 May 2021 12:15:20 GMT')",
            ),
            comment_at(5),
        ],
        "fixed",
        id="date-placeholder",
    ),
    pytest.param(
        # Jekyll renders Liquid in a post's body: a placeholder there is not a problem.
        front("title: T\n" + DATE, f"<p>{{{{ content }}}}</p>{COMMENT}\n"),
        [comment_at(5, 21)],
        "fixed",
        id="body-placeholder",
    ),
]


@pytest.mark.parametrize(("text", "expected", "fixed"), YAML_CASES)
def test_front_matter_is_reported_and_fixed_safely(
    tmp_path: Path, run_cli: Run, text: str, expected: list[Found], fixed: str | None
) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(text.encode())
    assert lint(run_cli, path) == expected
    if fixed == "fixed":
        fix_twice(run_cli, path, without_comment(text))
    else:
        fix_twice(run_cli, path, text.encode())


def test_python_tags_are_never_constructed(tmp_path: Path, run_cli: Run) -> None:
    marker = tmp_path / "pwned"
    text = front(
        "title: T\n"
        + DATE
        + f"x: !!python/object/apply:os.system ['touch {marker}']\n"
        + f"y: !!python/object/apply:builtins.open ['{marker}', 'w']\n"
        + "z: !!python/object:pathlib.Path {}\n"
    )
    path = tmp_path / "post.md"
    path.write_bytes(text.encode())
    assert lint(run_cli, path) == [
        ("FM002", 4, 4, "unsupported YAML tag '!!python/object/apply:os.system'"),
        ("FM002", 5, 4, "unsupported YAML tag '!!python/object/apply:builtins.open'"),
        ("FM002", 6, 4, "unsupported YAML tag '!!python/object:pathlib.Path'"),
        comment_at(8),
    ]
    fix_twice(run_cli, path, without_comment(text))
    assert not marker.exists()


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_bounded(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """artlint in a process limited to :data:`TIMEOUT` seconds and :data:`MEMORY` bytes."""
    return subprocess.run(
        [sys.executable, "-m", "artlint", "--isolated", "--no-cache", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


def bounded_lint_and_fix(tmp_path: Path, text: str, fixed: bytes) -> list[Found]:
    """Lint, then ``--fix`` twice, each in a bounded process; the violations found."""
    path = tmp_path / "post.md"
    path.write_bytes(text.encode())
    result = run_bounded(tmp_path, "--select", "ALL", "--output-format", "json", path.name)
    assert "Traceback" not in result.stderr
    found = _found(result.stdout)
    assert result.returncode == 1, result.stderr
    for _ in range(2):
        fix = run_bounded(tmp_path, "--fix", path.name)
        assert "Traceback" not in fix.stderr
        assert fix.returncode in (0, 1), fix.stdout + fix.stderr
        assert path.read_bytes() == fixed
    return found


def billion_laughs() -> str:
    """Ten levels of nine aliases each: 9**10 (3.5 billion) strings once expanded."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 10):
        previous, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "title: T\n" + DATE + "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_in_bounded_time_and_memory(tmp_path: Path) -> None:
    text = front(billion_laughs())
    found = bounded_lint_and_fix(tmp_path, text, without_comment(text))
    # a (9), b (81), c (729), d (6561), e (59049): the 100,001st value is in f.
    assert found == [
        (
            "FM002",
            9,
            1,
            "YAML aliases ('*name') expand the front matter to too many values (over 100,000)"
            " in field 'f': an alias bomb",
        ),
        comment_at(15),
    ]


def test_aliases_below_the_bound_are_checked_and_shown_short(tmp_path: Path) -> None:
    """A few thousand values through aliases go through the schema; messages stay short."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += ["b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]", "c: &c [*b, *b, *b, *b, *b]"]
    text = front("title: T\n" + DATE + "\n".join(lines) + "\ncategories: [*c, *c]\n")
    found = bounded_lint_and_fix(tmp_path, text, without_comment(text))
    shown = '[[["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"], ["l...'
    assert found == [
        ("FM100", 6, 4, f"categories[0]: {shown} is a list, expected string"),
        ("FM100", 6, 4, f"categories[1]: {shown} is a list, expected string"),
        comment_at(9),
    ]


@pytest.mark.skipif(not HAS_LIBYAML, reason="the messages are libyaml's")
@pytest.mark.parametrize(
    ("value", "line", "column", "message"),
    [
        pytest.param(
            "[" * 10_000 + "]" * 10_000,
            4,
            1003,
            "YAML does not parse: while increasing flow level, exceeded maximum nesting depth",
            id="flow-lists",
        ),
        pytest.param(
            "{a: " * 10_000 + "1" + "}" * 10_000,
            4,
            4000,
            "YAML does not parse: while increasing flow level, exceeded maximum nesting depth",
            id="flow-mappings",
        ),
        pytest.param(
            "".join(f"\n{' ' * depth}a:" for depth in range(1, 1500)) + " 1",
            1003,
            1001,
            "YAML does not parse: while increasing block level, exceeded maximum nesting depth",
            id="block-mappings",
        ),
    ],
)
def test_yaml_nested_10000_deep_is_refused(
    tmp_path: Path, value: str, line: int, column: int, message: str
) -> None:
    text = front("title: T\n" + DATE + f"x: {value}\n")
    found = bounded_lint_and_fix(tmp_path, text, without_comment(text))
    end_line = text.count("\n", 0, text.index(COMMENT)) + 1
    assert found == [("FM002", line, column, message), comment_at(end_line)]


def test_yaml_nested_past_the_bound_but_parsable_is_refused(tmp_path: Path) -> None:
    """500 levels parse (libyaml stops at 1000); the converter stops at 100."""
    text = front("title: T\n" + DATE + "x: " + "[" * 500 + "]" * 500 + "\n")
    found = bounded_lint_and_fix(tmp_path, text, without_comment(text))
    assert found == [("FM002", 4, 1, "field 'x' is nested deeper than 100 levels"), comment_at(6)]


def test_yaml_nested_99_deep_goes_through_the_schema(tmp_path: Path) -> None:
    text = front("title: T\n" + DATE + "categories: " + "[" * 99 + "a" + "]" * 99 + "\n")
    found = bounded_lint_and_fix(tmp_path, text, without_comment(text))
    shown = "[" * 77 + "..."
    assert found == [
        ("FM100", 4, 14, f"categories[0]: {shown} is a list, expected string"),
        comment_at(6),
    ]


HTML_CASES: list[Any] = [
    pytest.param(
        "<div>" * 10_000 + f'{COMMENT}<p style="color:red">x</p>' + "</div>" * 10_000,
        '<p style="color:red">',
        [
            ("HT006", 5, 2561, TOO_DEEP),
            ("HT001", 5, 50001, COMMENT_MESSAGE),
            ("HT002", 5, 50014, "inline style on <p>: 'color:red'"),
        ],
        id="nested-divs",
    ),
    pytest.param(
        "<b>" * 10_000 + f'{COMMENT}<p style="color:red">x</p>',
        '<p style="color:red">',
        [
            ("HT006", 5, 1537, TOO_DEEP),
            ("HT001", 5, 30001, COMMENT_MESSAGE),
            ("HT002", 5, 30014, "inline style on <p>: 'color:red'"),
        ],
        id="unclosed-b",
    ),
    pytest.param(
        "<b>" * 10_000 + COMMENT + "</i>" * 10_000,
        "",
        [("HT006", 5, 1537, TOO_DEEP), ("HT001", 5, 30001, COMMENT_MESSAGE)],
        id="unclosed-b-then-stray-end-tags",
    ),
    pytest.param(
        "<div/>" * 10_000 + COMMENT,
        "",
        [("HT006", 5, 3073, TOO_DEEP), ("HT001", 5, 60001, COMMENT_MESSAGE)],
        id="self-closed-divs",
    ),
    pytest.param(
        # html5lib closes each <p> at the next: no parse error, but the index nests them,
        # and each one's text used to be collected separately (quadratic), and the credit
        # line reported once per enclosing <p> (512 times).
        "<p>" * 10_000 + COMMENT + "<p>（责任编辑：张三）",
        "",
        [
            (
                "BD001",
                5,
                1,
                "editor credit '（责任编辑：张三）' in the body; put 'editor: 张三' in the front"
                " matter (not fixed: the <p> has no end tag)",
            ),
            ("HT001", 5, 30001, COMMENT_MESSAGE),
        ],
        id="unclosed-p",
    ),
    pytest.param(
        # 500 deep (under the bound) 40 times, with an error so that html5lib runs: the
        # parse gate's look-back over open formatting elements was quadratic.
        ("<b>" * 500 + "</b>" * 500) * 40 + "</span>" + COMMENT,
        "",
        [
            (
                "HT006",
                5,
                140_001,
                "HTML parse error: Unexpected end tag (span). Ignored [unexpected-end-tag]",
            ),
            ("HT001", 5, 140_008, COMMENT_MESSAGE),
        ],
        id="b-500-deep-40-times",
    ),
]


@pytest.mark.parametrize(("body", "removed", "expected"), HTML_CASES)
def test_html_nested_10000_deep_is_bounded(
    tmp_path: Path, body: str, removed: str, expected: list[Found]
) -> None:
    text = front("title: T\n" + DATE, body + "\n")
    fixed = text.replace(COMMENT, "")
    if removed:
        fixed = fixed.replace(removed, "<p>")
    assert bounded_lint_and_fix(tmp_path, text, fixed.encode()) == expected


@pytest.mark.parametrize(
    ("section", "found"),
    [
        pytest.param(
            "<![foo[ x ]]>",
            [
                ("HT001", 5, 9, "HTML comment left in the body: '<![foo[ x ]]>'"),
                (
                    "HT006",
                    5,
                    9,
                    "HTML parse error: Expected '--' or 'DOCTYPE'. Not found"
                    " [expected-dashes-or-doctype]",
                ),
            ],
            id="unknown-keyword",
        ),
        pytest.param(
            "<![",
            [
                (
                    "HT006",
                    5,
                    11,
                    "HTML parse error: Expected '--' or 'DOCTYPE'. Not found"
                    " [expected-dashes-or-doctype]",
                ),
            ],
            id="unfinished",
        ),
    ],
)
def test_marked_section_is_a_bogus_comment(
    tmp_path: Path, run_cli: Run, section: str, found: list[Found]
) -> None:
    """html.parser (3.11, 3.12) asserts on ``<![`` and a keyword it does not know."""
    text = front("title: T\n" + DATE, f"<p>x</p>{section}\n")
    path = tmp_path / "post.md"
    path.write_bytes(text.encode())
    assert lint(run_cli, path) == found
    fixed = text.replace(section, "") if found[0][0] == "HT001" else text
    fix_twice(run_cli, path, fixed.encode())


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("&a [*a]", id="list"),
        pytest.param("&a {x: *a}", id="mapping"),
        pytest.param("&a {<<: *a}", id="merge-key"),
    ],
)
def test_recursive_alias_is_refused(tmp_path: Path, value: str) -> None:
    text = front("title: T\n" + DATE + f"a: {value}\n")
    found = bounded_lint_and_fix(tmp_path, text, without_comment(text))
    assert found == [
        (
            "FM002",
            4,
            1,
            "field 'a' contains itself through a YAML alias ('*name'): a recursive alias",
        ),
        comment_at(6),
    ]
