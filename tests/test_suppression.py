"""Inline suppression: ``<!-- artlint-... -->`` and ``# artlint: ...`` directives, and AL100."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from artlint.api import fix_text, lint_text
from artlint.engine import lint_bytes
from artlint.rule import Applicability, Severity
from artlint.settings import Settings
from tests.conftest import CliResult

Run = Callable[..., CliResult]
Row = tuple[str, int, int, int, int, str]

#: A valid front matter: four lines, so the body starts on line 5.
FM = "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n"
#: One HT002 on its line (columns 4-22).
STYLE = '<p style="color: red">a</p>\n'
#: One HT001 on its line (columns 9-22).
JUNK = "<p>b</p><!-- junk -->\n"
DATE_MESSAGE = (
    "date: '2021-05-27' is not an RFC 2822 date: expected 'Day, DD Mon YYYY HH:MM:SS ZONE'"
    " (e.g. 'Thu, 27 May 2021 12:15:20 GMT')"
)
BOM = b"\xef\xbb\xbf"


def settings(*select: str, **options: tuple[str, ...]) -> Settings:
    """``select`` those rules (none: every default rule), with other Settings ``options``."""
    return Settings(select=select, **options)


def rows(text: str, *select: str, **options: tuple[str, ...]) -> list[Row]:
    return [
        (v.code, v.line, v.column, v.end_line, v.end_column, v.message)
        for v in lint_text(text, settings=settings(*select, **options))
    ]


def fixed(text: str, *select: str, **options: tuple[str, ...]) -> str:
    return fix_text(text, settings=settings(*select, **options))


def style(line: int) -> Row:
    return ("HT002", line, 4, line, 22, "inline style on <p>: 'color: red'")


def junk(line: int) -> Row:
    return ("HT001", line, 9, line, 22, "HTML comment left in the body: '<!-- junk -->'")


def date(line: int) -> Row:
    return ("FM102", line, 1, line, 17, DATE_MESSAGE)


def insecure(line: int, line_text: str) -> Row:
    """FM104 for the front matter line ``line_text`` (``key: url``, url maybe quoted)."""
    key, _, url = line_text.partition(": ")
    message = f"{key}: '{url.strip(chr(39))}' uses http:// rather than https://"
    return ("FM104", line, 1, line, 1 + len(line_text), message)


def al100(line: int, column: int, directive: str, problem: str = "suppresses nothing") -> Row:
    """AL100 for a one-line ``directive`` starting at ``column``."""
    return ("AL100", line, column, line, column + len(directive), f"'{directive}' {problem}")


# --- body directives ---------------------------------------------------------------------


def test_disable_enable_silences_only_the_range_between_them() -> None:
    text = (
        STYLE
        + "<!-- artlint-disable HT002 -- legacy layout -->\n"
        + STYLE
        + STYLE
        + "<!-- artlint-enable HT002 -->\n"
        + STYLE
    )
    assert rows(text, "HT002", "AL100") == [style(1), style(6)]


def test_a_directive_and_its_target_on_one_line() -> None:
    text = (
        '<!-- artlint-disable HT002 --><p style="color: red">a</p><!-- artlint-enable HT002 -->'
        '<p style="color: red">b</p>\n'
    )
    assert rows(text, "HT002", "AL100") == [
        ("HT002", 1, 90, 1, 108, "inline style on <p>: 'color: red'")
    ]


def test_disable_next_line_silences_the_next_line_only() -> None:
    text = STYLE + "<!-- artlint-disable-next-line HT002 -->\n" + STYLE + STYLE
    assert rows(text, "HT002", "AL100") == [style(1), style(4)]


def test_disable_next_line_after_content_is_about_the_next_line_not_its_own() -> None:
    directive = "<!-- artlint-disable-next-line HT002 -->"
    text = '<p style="color: red">a</p>' + directive + "\n" + STYLE
    assert rows(text, "HT002", "AL100") == [style(1)]
    alone = '<p style="color: red">a</p>' + directive + "\n<p>b</p>\n"
    assert rows(alone, "HT002", "AL100") == [style(1), al100(1, 28, directive)]


def test_disable_next_line_spanning_lines_applies_after_its_last_line() -> None:
    text = "<!-- artlint-disable-next-line\n     HT002 -->\n" + STYLE + STYLE
    assert rows(text, "HT002", "AL100") == [style(4)]


def test_disable_file_anywhere_silences_the_whole_file_including_front_matter() -> None:
    text = (
        "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\nheadimg: http://a.bgm.tv/a.jpg\n"
        "---\n" + STYLE + STYLE + "<!-- artlint-disable-file HT002,FM104 -->\n"
    )
    assert rows(text) == []
    assert rows(text.replace(",FM104", "")) == [insecure(4, "headimg: http://a.bgm.tv/a.jpg")]


def test_a_directive_without_codes_silences_every_rule() -> None:
    text = "<!-- artlint-disable -->\n" + STYLE + JUNK + "<!-- artlint-enable -->\n" + STYLE + JUNK
    assert rows(text, "HT001", "HT002", "AL100") == [style(5), junk(6)]
    assert rows("<!-- artlint-disable-next-line -->\n" + STYLE[:-1] + JUNK, "HT", "AL100") == []
    assert rows(JUNK + "<!-- artlint-disable-file -->\n" + STYLE, "HT", "AL100") == []


def test_nested_disables_of_different_codes() -> None:
    text = (
        "<!-- artlint-disable HT002 -->\n"  # 1
        + STYLE  # 2
        + "<!-- artlint-disable HT001 -->\n"  # 3
        + STYLE  # 4
        + JUNK  # 5
        + "<!-- artlint-enable HT001 -->\n"  # 6
        + STYLE  # 7
        + JUNK  # 8
        + "<!-- artlint-enable HT002 -->\n"  # 9
        + STYLE  # 10
        + JUNK  # 11
    )
    assert rows(text, "HT001", "HT002", "AL100") == [junk(8), style(10), junk(11)]


def test_overlapping_disables_of_different_codes() -> None:
    text = (
        "<!-- artlint-disable HT001 -->\n"  # 1
        + JUNK  # 2
        + "<!-- artlint-disable HT002 -->\n"  # 3
        + STYLE  # 4
        + JUNK  # 5
        + "<!-- artlint-enable HT001 -->\n"  # 6
        + STYLE  # 7
        + JUNK  # 8
        + "<!-- artlint-enable HT002 -->\n"  # 9
        + STYLE  # 10
        + JUNK  # 11
    )
    assert rows(text, "HT001", "HT002", "AL100") == [junk(8), style(10), junk(11)]


def test_enable_without_codes_closes_every_open_disable() -> None:
    text = (
        "<!-- artlint-disable HT001 -->\n"
        + "<!-- artlint-disable HT002 -->\n"
        + STYLE
        + JUNK
        + "<!-- artlint-enable -->\n"
        + STYLE
        + JUNK
    )
    assert rows(text, "HT001", "HT002", "AL100") == [style(6), junk(7)]


def test_an_unclosed_disable_runs_to_the_end_of_the_file() -> None:
    text = (
        STYLE + "<!-- artlint-disable HT002 -->\n" + STYLE + "\n" + STYLE + '<p style="x: y">z</p>'
    )
    assert rows(text, "HT002", "AL100") == [style(1)]


def test_enabling_one_code_keeps_the_other_codes_of_the_disable() -> None:
    text = (
        "<!-- artlint-disable HT001,HT002 -->\n"
        + STYLE
        + JUNK
        + "<!-- artlint-enable HT002 -->\n"
        + STYLE
        + JUNK
    )
    # BUG: the enable closes the whole disable, so HT001 on line 6 is reported too.
    assert rows(text, "HT001", "HT002", "AL100") == [style(5)]


def test_enabling_one_code_after_a_disable_of_every_rule_keeps_the_others() -> None:
    text = "<!-- artlint-disable -->\n" + STYLE + JUNK + "<!-- artlint-enable HT002 -->\n"
    text += STYLE + JUNK
    # BUG: the enable closes the disable of every rule, so HT001 on line 6 is reported too.
    assert rows(text, "HT001", "HT002", "AL100") == [style(5)]


@pytest.mark.parametrize(
    ("disabled", "enabled"),
    [("inline-style", "HT002"), ("HT002", "inline-style"), ("HT002", "ht002")],
)
def test_an_enable_closes_a_disable_that_names_the_same_rule_differently(
    disabled: str, enabled: str
) -> None:
    text = f"<!-- artlint-disable {disabled} -->\n{STYLE}<!-- artlint-enable {enabled} -->\n{STYLE}"
    # BUG: enables are matched to disables by their spelling, not by the rules they name:
    # the enable "enables nothing" (AL100) and the disable runs to the end of the file.
    assert rows(text, "HT002", "AL100") == [style(4)]


@pytest.mark.parametrize(
    "selector",
    [
        "HT002",
        "HT00",
        "HT",
        "H",
        "inline-style",
        "ht002",
        "HT001,HT002",
        "HT001, HT002",
        "HT001 HT002",
    ],
)
def test_rules_are_named_by_code_prefix_or_name(selector: str) -> None:
    text = f"<!-- artlint-disable-next-line {selector} -- reason -->\n{STYLE}{STYLE}"
    assert rows(text, "HT002", "AL100") == [style(3)]


def test_a_selector_for_other_rules_does_not_silence() -> None:
    directive = "<!-- artlint-disable-next-line html-comment -->"
    text = directive + "\n" + STYLE
    assert rows(text, "HT002", "HT001", "AL100") == [al100(1, 1, directive), style(2)]


def test_the_reason_after_double_dash_is_ignored_even_with_more_dashes() -> None:
    text = "<!-- artlint-disable-next-line HT002 -- HT001 -- kept for the legacy theme -->\n"
    text += STYLE[:-1] + JUNK
    assert rows(text, "HT001", "HT002", "AL100") == [
        ("HT001", 2, 36, 2, 49, "HTML comment left in the body: '<!-- junk -->'")
    ]


def test_next_line_with_crlf_line_endings() -> None:
    text = (STYLE + "<!-- artlint-disable-next-line HT002 -->\n" + STYLE + STYLE).replace(
        "\n", "\r\n"
    )
    assert rows(text, "HT002", "AL100") == [style(1), style(4)]
    assert fixed(text, "HT002", "AL100") == (
        '<p>a</p>\r\n<!-- artlint-disable-next-line HT002 -->\r\n<p style="color: red">a</p>\r\n'
        "<p>a</p>\r\n"
    )


def test_next_line_after_a_byte_order_mark() -> None:
    data = BOM + b"<!-- artlint-disable-next-line HT002 -->\n" + (STYLE * 2).encode()
    assert [(v.code, v.line, v.column) for v in lint_bytes(data, "a.md", Settings())] == [
        ("FM001", 1, 1),
        ("HT002", 3, 4),
    ]
    with_front_matter = (
        BOM
        + (FM + "<!-- artlint-disable-next-line HT002 -->\n" + STYLE + STYLE)
        .replace("\n", "\r\n")
        .encode()
    )
    assert [
        (v.code, v.line, v.column, v.end_line, v.end_column, v.message)
        for v in lint_bytes(with_front_matter, "a.md", Settings())
    ] == [style(7)]


def test_front_matter_directive_after_a_byte_order_mark() -> None:
    data = (
        BOM + b"---\r\ntitle: x\r\ndate: 2021-05-27  # artlint: ignore FM102\r\n---\r\n<p>a</p>\r\n"
    )
    assert lint_bytes(data, "a.md", Settings()) == []
    alone = BOM + b"---\ntitle: x\n# artlint: ignore FM102\ndate: 2021-05-27\n---\n<p>a</p>\n"
    assert lint_bytes(alone, "a.md", Settings()) == []
    unused = BOM + b"---\ntitle: x\n# artlint: ignore FM102\ndate: 2021-05-27\n---\n<p>a</p>\n"
    unused = unused.replace(b"2021-05-27", b"Thu, 27 May 2021 12:15:20 GMT")
    assert [(v.code, v.line, v.column) for v in lint_bytes(unused, "a.md", Settings())] == [
        ("AL100", 3, 1)
    ]


def test_directive_text_in_a_fenced_code_block_is_not_a_directive() -> None:
    text = (
        "<p>How to silence a rule:</p>\n"
        "```html\n"
        "<!-- artlint-disable-next-line HT002 -->\n"
        "<!-- artlint-disable-file -->\n"
        "<!-- artlint-enable HT999 -->\n"
        "```\n" + STYLE
    )
    assert rows(text, "HT001", "HT002", "AL100") == [style(7)]
    assert fixed(text, "HT001", "HT002", "AL100") == text.replace(' style="color: red"', "")


@pytest.mark.parametrize(
    "carrier",
    [
        "<p>`<!-- artlint-disable-file -->`</p>\n",
        "<p title='<!-- artlint-disable-file -->'>x</p>\n",
        "<textarea><!-- artlint-disable-file --></textarea>\n",
    ],
)
def test_directive_text_that_is_not_an_html_comment_is_not_a_directive(carrier: str) -> None:
    assert rows(carrier + STYLE, "HT002", "AL100") == [style(2)]


def test_directives_are_never_html_comments_or_parse_errors() -> None:
    text = (
        FM
        + "<!-- artlint-disable HT002 -- legacy -- really -->\n"
        + STYLE
        + "<!-- artlint-enable HT002 -->\n"
        + "<!-- artlint-disable-next-line HT002 -- one -- two -->\n"
        + STYLE
        + "<!--artlint-disable-file HT008--no space-->\n"
        + "\n\n\n"
        + "<p>z</p>\n"
    )
    assert rows(text) == []
    assert fixed(text) == text
    # The same comments without "artlint-" are HT001 and HT006 (the "--" inside).
    plain = FM + "<p>a</p><!-- disable HT002 -- legacy -->\n"
    assert rows(plain, "HT001", "HT006") == [
        ("HT001", 5, 9, 5, 41, "HTML comment left in the body: '<!-- disable HT002 -- legacy -->'"),
        (
            "HT006",
            5,
            9,
            5,
            41,
            "HTML parse error: Unexpected character in comment found [unexpected-char-in-comment]",
        ),
    ]


def test_unused_directives_are_not_html_comments_either() -> None:
    text = FM + "<!-- artlint-disable-next-line HT002 -- why -->\n<p>a</p>\n"
    assert rows(text, "HT001", "HT006") == []
    assert fixed(text, "HT001", "HT006") == text


def test_suppressed_violations_are_not_fixed() -> None:
    text = (
        FM
        + "<!-- artlint-disable HT002 -- legacy layout -->\n"
        + STYLE
        + "<!-- artlint-enable HT002 -->\n"
        + "<!-- artlint-disable-next-line HT001 -->\n"
        + JUNK
        + STYLE
        + JUNK
    )
    assert fixed(text) == (
        FM
        + "<!-- artlint-disable HT002 -- legacy layout -->\n"
        + STYLE
        + "<!-- artlint-enable HT002 -->\n"
        + "<!-- artlint-disable-next-line HT001 -->\n"
        + JUNK
        + "<p>a</p>\n"
        + "<p>b</p>\n"
    )
    assert rows(fixed(text)) == []


# --- front matter directives -------------------------------------------------------------


def test_ignore_on_the_same_line() -> None:
    text = "---\ntitle: x\ndate: 2021-05-27  # artlint: ignore FM102\n---\n<p>a</p>\n"
    assert rows(text) == []
    assert fixed(text) == text
    assert rows(text.replace("  # artlint: ignore FM102", "")) == [date(3)]


def test_ignore_on_the_same_line_covers_only_that_line() -> None:
    text = (
        "---\ntitle: x\ndate: 2021-05-27\n"
        "headimg: http://a.bgm.tv/a.jpg  # artlint: ignore FM102\n---\n<p>a</p>\n"
    )
    assert rows(text) == [
        date(3),
        insecure(4, "headimg: http://a.bgm.tv/a.jpg"),
        al100(4, 33, "# artlint: ignore FM102"),
    ]


def test_ignore_alone_on_its_line_covers_the_next_line() -> None:
    text = "---\n# artlint: ignore FM102\ntitle: x\ndate: 2021-05-27\n---\n<p>a</p>\n"
    assert rows(text) == [al100(2, 1, "# artlint: ignore FM102"), date(4)]
    text = "---\ntitle: x\n# artlint: ignore FM102\ndate: 2021-05-27\n---\n<p>a</p>\n"
    assert rows(text) == []
    assert fixed(text) == text


def test_ignore_file_covers_every_line() -> None:
    text = (
        "---\n# artlint: ignore-file FM104\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n"
        "headimg: 'http://a.bgm.tv/a.jpg'\nthumbnail: http://a.bgm.tv/b.jpg\n---\n<p>a</p>\n"
    )
    assert rows(text) == []
    assert rows(text.replace("# artlint: ignore-file FM104\n", "")) == [
        insecure(4, "headimg: 'http://a.bgm.tv/a.jpg'"),
        insecure(5, "thumbnail: http://a.bgm.tv/b.jpg"),
    ]


def test_ignore_file_also_covers_the_body() -> None:
    text = "---\ntitle: x  # artlint: ignore-file inline-style\n"
    text += "date: Thu, 27 May 2021 12:15:20 GMT\n---\n" + STYLE
    assert rows(text) == []


@pytest.mark.parametrize("selector", ["FM102", "FM1", "FM", "date-not-rfc2822", "fm102", ""])
def test_front_matter_selectors(selector: str) -> None:
    text = f"---\ntitle: x\ndate: 2021-05-27  # artlint: ignore {selector}\n---\n<p>a</p>\n"
    assert rows(text) == []


@pytest.mark.parametrize("quote", ["'", '"'])
def test_a_hash_inside_a_quoted_string_is_not_a_directive(quote: str) -> None:
    text = (
        f"---\ntitle: {quote}a # artlint: ignore-file FM102{quote}\n"
        f"date: 2021-05-27\n---\n<p>a</p>\n"
    )
    assert rows(text) == [date(3)]
    assert fixed(text) == text
    same_line = f"---\ntitle: x\ndate: {quote}2021-05-27 # artlint: ignore FM102{quote}\n---\n"
    assert [row[:2] for row in rows(same_line)] == [("FM102", 3)]


@pytest.mark.parametrize(
    "title",
    [
        'title: "first line\n  # artlint: ignore-file FM102\n  end"\n',
        "title: |\n  Usage:\n  # artlint: ignore-file FM102\n",
    ],
    ids=["double-quoted", "block-scalar"],
)
def test_a_hash_inside_a_multi_line_string_is_not_a_directive(title: str) -> None:
    text = f"---\n{title}date: 2021-05-27\n---\n<p>a</p>\n"
    # BUG: only the quotes on the directive's own line are looked at, so text on a
    # continuation line of a string silences FM102 in the whole file.
    assert rows(text) == [date(5)]


def test_a_comment_after_a_plain_scalar_with_an_apostrophe_is_a_directive() -> None:
    text = (
        "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n"
        "headimg: http://a.bgm.tv/o'neil.jpg  # artlint: ignore FM104\n---\n<p>a</p>\n"
    )
    # BUG: the odd apostrophe in the plain scalar makes the comment look quoted, so FM104 is
    # reported although the line says to ignore it.
    assert rows(text) == []


# --- AL100 unused-suppression ------------------------------------------------------------


def test_al100_is_a_safe_fixable_warning() -> None:
    [violation] = lint_text(
        "<!-- artlint-disable-next-line HT002 -->\n<p>a</p>\n",
        settings=settings("HT002", "AL100"),
    )
    assert (violation.code, violation.name, violation.severity) == (
        "AL100",
        "unused-suppression",
        Severity.WARNING,
    )
    assert violation.fix is not None
    assert (violation.fix.applicability, violation.fix.message) == (
        Applicability.SAFE,
        "Remove it",
    )


@pytest.mark.parametrize(
    ("text", "expected", "after"),
    [
        pytest.param(
            "<p>a</p>\n<!-- artlint-disable-next-line HT002 -->\n<p>b</p>\n",
            [al100(2, 1, "<!-- artlint-disable-next-line HT002 -->")],
            "<p>a</p>\n<p>b</p>\n",
            id="next-line",
        ),
        pytest.param(
            "<p>a</p><!-- artlint-disable-next-line HT002 -->\n<p>b</p>\n",
            [al100(1, 9, "<!-- artlint-disable-next-line HT002 -->")],
            "<p>a</p>\n<p>b</p>\n",
            id="next-line-after-content",
        ),
        pytest.param(
            "<p>a</p>\r\n<!-- artlint-disable-next-line HT002 -->\r\n<p>b</p>",
            [al100(2, 1, "<!-- artlint-disable-next-line HT002 -->")],
            "<p>a</p>\r\n<p>b</p>",
            id="next-line-crlf",
        ),
        pytest.param(
            "<p>a</p>\n<!-- artlint-disable-next-line HT002 -->",
            [al100(2, 1, "<!-- artlint-disable-next-line HT002 -->")],
            "<p>a</p>\n",
            id="next-line-last-line",
        ),
        pytest.param(
            "<p>x</p>\n<!-- artlint-disable HT002 -- legacy -->\n<p>y</p>\n"
            "<!-- artlint-enable HT002 -->\n<p>z</p>\n",
            [al100(2, 1, "<!-- artlint-disable HT002 -- legacy -->")],
            "<p>x</p>\n<p>y</p>\n<p>z</p>\n",
            id="disable-with-its-enable",
        ),
        pytest.param(
            "<p>x</p>\n<!-- artlint-disable HT002 -->\n<p>y</p>\n",
            [al100(2, 1, "<!-- artlint-disable HT002 -->")],
            "<p>x</p>\n<p>y</p>\n",
            id="unclosed-disable",
        ),
        pytest.param(
            "<!-- artlint-disable-file HT002 -->\n<p>y</p>\n",
            [al100(1, 1, "<!-- artlint-disable-file HT002 -->")],
            "<p>y</p>\n",
            id="disable-file",
        ),
        pytest.param(
            "<p>x</p>\n<!-- artlint-enable HT002 -->\n<p>y</p>\n",
            [
                al100(
                    2,
                    1,
                    "<!-- artlint-enable HT002 -->",
                    "enables nothing: no artlint-disable before it",
                )
            ],
            "<p>x</p>\n<p>y</p>\n",
            id="enable-without-disable",
        ),
        pytest.param(
            "<!-- artlint-disable HT002 -->\n<p>a</p>\n<!-- artlint-enable HT002 -->\n"
            "<!-- artlint-enable HT002 -->\n",
            [
                al100(1, 1, "<!-- artlint-disable HT002 -->"),
                al100(
                    4,
                    1,
                    "<!-- artlint-enable HT002 -->",
                    "enables nothing: no artlint-disable before it",
                ),
            ],
            "<p>a</p>\n",
            id="second-enable",
        ),
        pytest.param(
            "<!-- artlint-disable-next-line HT999, nope -->\n<p>b</p>\n",
            [
                al100(
                    1,
                    1,
                    "<!-- artlint-disable-next-line HT999, nope -->",
                    "names no known rule: 'HT999', 'nope'",
                )
            ],
            "<p>b</p>\n",
            id="unknown-rules",
        ),
        pytest.param(
            "<!-- artlint-enable HT999 -->\n<p>b</p>\n",
            [al100(1, 1, "<!-- artlint-enable HT999 -->", "names no known rule: 'HT999'")],
            "<p>b</p>\n",
            id="enable-unknown-rule",
        ),
    ],
)
def test_al100_in_the_body(text: str, expected: list[Row], after: str) -> None:
    assert rows(text, "HT002", "AL100") == expected
    assert fixed(text, "HT002", "AL100") == after
    assert rows(after, "HT002", "AL100") == []


def test_al100_for_an_unknown_rule_is_reported_beside_what_it_failed_to_silence() -> None:
    directive = "<!-- artlint-disable-next-line HT999 -->"
    text = directive + "\n" + STYLE
    assert rows(text, "HT002", "AL100") == [
        al100(1, 1, directive, "names no known rule: 'HT999'"),
        style(2),
    ]
    assert fixed(text, "HT002", "AL100") == "<p>a</p>\n"


@pytest.mark.parametrize(
    ("text", "expected", "after"),
    [
        pytest.param(
            "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT  # artlint: ignore FM102\n---\n",
            [al100(3, 38, "# artlint: ignore FM102")],
            "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n",
            id="same-line",
        ),
        pytest.param(
            "---\r\ntitle: x\r\ndate: Thu, 27 May 2021 12:15:20 GMT\t# artlint: ignore FM102\r\n"
            "---\r\n",
            [al100(3, 37, "# artlint: ignore FM102")],
            "---\r\ntitle: x\r\ndate: Thu, 27 May 2021 12:15:20 GMT\r\n---\r\n",
            id="same-line-crlf-tab",
        ),
        pytest.param(
            "---\ntitle: x\n# artlint: ignore FM102\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n",
            [al100(3, 1, "# artlint: ignore FM102")],
            "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n",
            id="alone",
        ),
        pytest.param(
            "---\n# artlint: ignore-file FM104\ntitle: x\n"
            "date: Thu, 27 May 2021 12:15:20 GMT\n---\n",
            [al100(2, 1, "# artlint: ignore-file FM104")],
            "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n",
            id="ignore-file",
        ),
        pytest.param(
            "---\ntitle: x\ndate: 2021-05-27  # artlint: ignore FM999\n---\n",
            [date(3), al100(3, 19, "# artlint: ignore FM999", "names no known rule: 'FM999'")],
            "---\ntitle: x\ndate: 2021-05-27\n---\n",
            id="unknown-rule",
        ),
    ],
)
def test_al100_in_the_front_matter(text: str, expected: list[Row], after: str) -> None:
    assert rows(text) == expected
    assert fixed(text) == after


def test_removing_an_unused_yaml_directive_keeps_the_comment_after_it() -> None:
    text = (
        "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT  # artlint: ignore FM102  # checked\n"
        "---\n<p>a</p>\n"
    )
    assert rows(text) == [("AL100", 3, 38, 3, 63, "'# artlint: ignore FM102' suppresses nothing")]
    after = fixed(text)
    # BUG: the fix leaves "...GMT# checked": the "#" is no longer a comment, so the date
    # value changes and the fixed file has an FM102 the original did not.
    assert rows(after) == []
    assert after == "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT  # checked\n---\n<p>a</p>\n"


def test_removing_an_unused_disable_keeps_an_enable_that_closes_another_disable() -> None:
    text = (
        "<!-- artlint-disable HT001 -->\n"
        + "<!-- artlint-disable HT002 -->\n"
        + STYLE
        + "<!-- artlint-enable -->\n"
        + STYLE
    )
    assert rows(text, "HT001", "HT002", "AL100") == [
        al100(1, 1, "<!-- artlint-disable HT001 -->"),
        style(5),
    ]
    # BUG: the shared enable is removed as the unused disable's partner, so the disable of
    # HT002 now runs to the end of the file.
    assert fixed(text, "HT001", "HT002", "AL100") == (
        "<!-- artlint-disable HT002 -->\n" + STYLE + "<!-- artlint-enable -->\n<p>a</p>\n"
    )


def test_al100_can_be_turned_off() -> None:
    text = "<!-- artlint-disable-next-line HT002 -->\n<p>a</p>\n"
    for options in ({"ignore": ("AL100",)}, {"ignore": ("unused-suppression",)}):
        assert rows(text, **options) == [
            ("FM001", 1, 1, 1, 41, "no front matter: the file does not start with a '---' block")
        ]
        assert fixed(text, **options) == text
    assert rows(text, "HT001", "HT002") == []
    assert fixed(text, "HT001", "HT002") == text


def test_a_used_directive_is_not_reported() -> None:
    text = FM + "<!-- artlint-disable-next-line HT002 -->\n" + STYLE
    assert rows(text) == []
    assert fixed(text) == text


# --- command line -------------------------------------------------------------------------

CLI_ARTICLE = (
    "---\n"
    "title: x\n"
    "date: 2021-05-27  # artlint: ignore FM102\n"
    "headimg: http://a.bgm.tv/a.jpg\n"
    "---\n"
    "<!-- artlint-disable HT002 -- legacy layout -->\n"
    + STYLE
    + "<!-- artlint-enable HT002 -->\n"
    + STYLE
    + "<!-- artlint-disable-next-line HT001 -->\n"
    + "<p>c</p>\n"
)


def test_cli_fix_keeps_used_directives_and_counts_what_remains(
    tmp_path: Path, run_cli: Run
) -> None:
    article = tmp_path / "post.md"
    article.write_text(CLI_ARTICLE, "utf-8")
    result = run_cli("--fix", str(article))
    assert result.stdout == (
        f"{article}:4:1: FM104 headimg: 'http://a.bgm.tv/a.jpg' uses http:// rather than "
        "https://\n"
        "Found 3 violations in 1 file (2 fixed, 1 remaining).\n"
    )
    assert result.exit_code == 1
    assert article.read_text("utf-8") == (
        "---\n"
        "title: x\n"
        "date: 2021-05-27  # artlint: ignore FM102\n"
        "headimg: http://a.bgm.tv/a.jpg\n"
        "---\n"
        "<!-- artlint-disable HT002 -- legacy layout -->\n"
        + STYLE
        + "<!-- artlint-enable HT002 -->\n"
        + "<p>a</p>\n"
        + "<p>c</p>\n"
    )
    again = run_cli("--fix", str(article))
    assert again.stdout.splitlines()[-1] == "Found 1 violation in 1 file."


def test_cli_ignore_al100_keeps_unused_directives(tmp_path: Path, run_cli: Run) -> None:
    article = tmp_path / "post.md"
    article.write_text(CLI_ARTICLE, "utf-8")
    result = run_cli("--fix", "--ignore", "AL100", str(article))
    assert result.stdout.splitlines()[-1] == "Found 2 violations in 1 file (1 fixed, 1 remaining)."
    assert "<!-- artlint-disable-next-line HT001 -->\n<p>c</p>\n" in article.read_text("utf-8")


def test_a_yaml_directive_may_give_a_reason_after_two_dashes() -> None:
    text = "---\ntitle: x\ndate: 2021-05-27  # artlint: ignore FM102 -- imported as is\n---\n"
    assert rows(text, "FM102", "AL100") == []


def test_al100_can_be_silenced_for_a_file() -> None:
    text = FM + "<!-- artlint-disable-file AL100 -->\n<!-- artlint-disable-next-line HT002 -->\n"
    assert rows(text + "<p>a</p>\n", "HT002", "AL100") == []


def test_a_partly_unknown_directive_that_silenced_something_is_reported_without_a_fix() -> None:
    text = FM + "<!-- artlint-disable-next-line HT002,HT999 -->\n" + STYLE
    [row] = rows(text, "HT002", "AL100")
    assert row == (
        "AL100",
        5,
        1,
        5,
        47,
        "'<!-- artlint-disable-next-line HT002,HT999 -->' names no known rule: 'HT999'",
    )
    assert fixed(text, "HT002", "AL100") == text
