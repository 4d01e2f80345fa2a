"""Fix building blocks: whole-line removals, YAML scalars, front matter insertions."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from artlint.article import Article
from artlint.edits import (
    _LIBYAML_SAFE as LIBYAML_SAFE,
)
from artlint.edits import (
    add_front_matter_key,
    can_edit_front_matter,
    removal,
    scalar_candidates,
    yaml_scalar,
)
from artlint.rule import Edit

TARGET = "<!--x-->"


def apply(text: str, edit: Edit) -> str:
    return text[: edit.start] + edit.content + text[edit.end :]


# --- removal() ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "result"),
    [
        # Alone on its line: the line and its line break go.
        pytest.param("a\n<!--x-->\nb\n", (2, 11), "a\nb\n", id="lf"),
        pytest.param("a\r\n<!--x-->\r\nb\r\n", (3, 13), "a\r\nb\r\n", id="crlf"),
        pytest.param("a\r<!--x-->\rb\r", (2, 11), "a\rb\r", id="lone-cr"),
        pytest.param("a\r\n<!--x-->\nb", (3, 12), "a\r\nb", id="crlf-then-lf"),
        pytest.param("a\n<!--x-->\r\nb", (2, 12), "a\nb", id="lf-then-crlf"),
        pytest.param("<!--x-->\nb\n", (0, 9), "b\n", id="first-line"),
        # Indentation and trailing blanks around it go with the line.
        pytest.param("a\n  <!--x-->  \nb\n", (2, 15), "a\nb\n", id="spaces"),
        pytest.param("a\n\t<!--x-->\t\nb", (2, 13), "a\nb", id="tabs"),
        pytest.param("a\n\u3000\u3000<!--x-->\nb\n", (2, 13), "a\nb\n", id="ideographic-space"),
        pytest.param("a\r\n\u3000<!--x-->\u3000\r\nb", (3, 15), "a\r\nb", id="ideographic-crlf"),
        # Something else on the line: only the span goes.
        pytest.param("a\n<p><!--x--></p>\nb\n", (5, 13), "a\n<p></p>\nb\n", id="inside-line"),
        pytest.param("a\n<!--x--> tail\nb\n", (2, 10), "a\n tail\nb\n", id="text-after"),
        pytest.param("a\nhead <!--x-->\nb\n", (7, 15), "a\nhead \nb\n", id="text-before"),
        pytest.param("a\n\xa0<!--x-->\nb", (3, 11), "a\n\xa0\nb", id="nbsp-is-content"),
        # The last line has no line break: the line break before it goes instead.
        pytest.param("a\n<!--x-->", (2, 10), "a\n", id="last-line-lf"),
        pytest.param("a\r\n<!--x-->", (3, 11), "a\r\n", id="last-line-crlf"),
        pytest.param("a\r<!--x-->", (2, 10), "a\r", id="last-line-cr"),
        pytest.param("a\n<!--x-->  ", (2, 12), "a\n", id="last-line-trailing-spaces"),
        pytest.param("a\n  <!--x-->", (2, 12), "a\n", id="last-line-indented"),
        pytest.param("a\n\n<!--x-->", (3, 11), "a\n\n", id="last-line-after-blank"),
        pytest.param("a\r\n\r\n<!--x-->", (5, 13), "a\r\n\r\n", id="last-line-after-blank-crlf"),
        pytest.param("<!--x-->", (0, 8), "", id="only-line"),
        pytest.param("<!--x-->\n", (0, 9), "", id="only-line-with-break"),
        pytest.param("a\n<p><!--x-->", (5, 13), "a\n<p>", id="last-line-not-alone"),
    ],
)
def test_removal_of_a_comment(text: str, span: tuple[int, int], result: str) -> None:
    start = text.index(TARGET)
    edit = removal(text, start, start + len(TARGET))
    assert edit == Edit(*span)
    assert apply(text, edit) == result


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("a\n<div>\nq\n</div>\nb\n", "a\nb\n"),
        ("a\r\n  <div>\r\n  q\r\n  </div>\r\nb\r\n", "a\r\nb\r\n"),
        ("a\r<div>\rq\r</div>\rb\r", "a\rb\r"),
        ("a\n<div>\nq\n</div>", "a\n"),
        ("a\n<div>\nq\n</div> b\n", "a\n b\n"),
    ],
)
def test_removal_of_a_block_over_several_lines(text: str, result: str) -> None:
    start, end = text.index("<div>"), text.index("</div>") + len("</div>")
    assert apply(text, removal(text, start, end)) == result


def test_removal_of_an_empty_span_on_a_blank_line() -> None:
    text = "a\n\nb\n"
    assert removal(text, 2, 2) == Edit(2, 3)


# --- yaml_scalar() ------------------------------------------------------------------------

TRICKY = [
    # Plain text and CJK names stay plain.
    "张亚楠",
    "刘万里 SF014",
    "王蒙",
    "央行副行长：增强监管合力 防范地方金融风险",
    "it's",
    "a,b",
    "a#x",
    "x?",
    "a -- b",
    "...",
    "a\\b",
    "é",
    # YAML would read these as something else, or fail: they must be quoted.
    "",
    "yes",
    "Yes",
    "NO",
    "on",
    "off",
    "y",
    "n",
    "N",
    "true",
    "TRUE",
    "null",
    "Null",
    "~",
    "1",
    "-1",
    "+1",
    "1.0",
    ".5",
    "1.",
    "1e3",
    "1_000",
    "0x1F",
    "0o17",
    "0b101",
    "0777",
    ".inf",
    "-.inf",
    ".nan",
    "12:30",
    "1:2:3",
    "2021-05-27",
    "2021-5-7",
    "2021-05-27T10:00:00Z",
    "2021-05-27 10:00:00",
    "a: b",
    "a:b",
    "x: ",
    ": x",
    "#x",
    "a #x",
    "- x",
    "-x",
    "-",
    "? x",
    "---",
    "[x]",
    "{x}",
    "*x",
    "&x",
    "!x",
    "|x",
    ">x",
    "%x",
    "@x",
    "`x",
    '"x"',
    "'x'",
    "it's 'quoted'",
    " x",
    "x ",
    "\u3000\u3000原标题",
    "原标题\u3000",
    "=",
    "<<",
    "a\tb",
]


@pytest.mark.parametrize("value", TRICKY)
def test_yaml_scalar_round_trips(value: str) -> None:
    scalar = yaml_scalar(value)
    assert "\n" not in scalar
    assert yaml.safe_load(f"key: {scalar}\n") == {"key": value}


@pytest.mark.parametrize(
    ("value", "scalar"),
    [
        ("张亚楠", "张亚楠"),
        ("刘万里 SF014", "刘万里 SF014"),
        ("it's", "it's"),
        ("yes", "'yes'"),
        ("1.0", "'1.0'"),
        ("a: b", "'a: b'"),
        ("#x", "'#x'"),
        ("- x", "'- x'"),
        ("2021-05-27", "'2021-05-27'"),
        ("it's 'quoted'", "it's 'quoted'"),
        ("'x'", "'''x'''"),
        ("", "''"),
    ],
)
def test_yaml_scalar_is_plain_when_it_can_be(value: str, scalar: str) -> None:
    assert yaml_scalar(value) == scalar


# --- add_front_matter_key() ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "---\ntitle: x\n---\n<p>b</p>\n",
            "---\ntitle: x\neditor: 张亚楠\n---\n<p>b</p>\n",
            id="lf",
        ),
        pytest.param(
            "---\r\ntitle: x\r\n---\r\n<p>b</p>\r\n",
            "---\r\ntitle: x\r\neditor: 张亚楠\r\n---\r\n<p>b</p>\r\n",
            id="crlf",
        ),
        pytest.param("---\rtitle: x\r---\r", "---\rtitle: x\reditor: 张亚楠\r---\r", id="cr"),
        pytest.param(
            "---\ntitle: x\n...\nbody", "---\ntitle: x\neditor: 张亚楠\n...\nbody", id="dots"
        ),
        pytest.param("---\n---\n", "---\neditor: 张亚楠\n---\n", id="empty"),
        pytest.param("---\n# c\n---\n", "---\n# c\neditor: 张亚楠\n---\n", id="only-comment"),
        pytest.param(
            "---\ntitle: |\n  l1\n  l2\n---\n",
            "---\ntitle: |\n  l1\n  l2\neditor: 张亚楠\n---\n",
            id="after-block-scalar",
        ),
        pytest.param(
            "---\ntags:\n  - a\n---\n",
            "---\ntags:\n  - a\neditor: 张亚楠\n---\n",
            id="after-list",
        ),
        pytest.param(
            "---\ntitle: 'q' # kept\n---\n",
            "---\ntitle: 'q' # kept\neditor: 张亚楠\n---\n",
            id="keeps-comments",
        ),
    ],
)
def test_add_front_matter_key(text: str, expected: str) -> None:
    article = Article.from_text(text)
    edit = add_front_matter_key(article, "editor", "张亚楠")
    assert edit is not None
    assert article.front_matter is not None
    assert edit.start == edit.end == article.front_matter.close_start
    assert apply(text, edit) == expected
    after = Article.from_text(apply(text, edit)).front_matter
    assert after is not None
    assert after.problems == ()
    assert after.data is not None
    assert after.data["editor"] == "张亚楠"


@pytest.mark.parametrize("value", ["yes", "2021-05-27", "a: b", "#x", "- x", "1.0"])
def test_add_front_matter_key_quotes_the_value(value: str) -> None:
    text = "---\ntitle: x\n---\n"
    edit = add_front_matter_key(Article.from_text(text), "editor", value)
    assert edit is not None
    assert edit.content == f"editor: {yaml_scalar(value)}\n"
    assert yaml.safe_load(apply(text, edit).split("---\n")[1]) == {"title": "x", "editor": value}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("<p>no front matter</p>\n", id="none"),
        pytest.param("---\ntitle: x\n", id="not-closed"),
        pytest.param("---\n- a\n---\n", id="not-a-mapping"),
        pytest.param("---\ntitle: [x\n---\n", id="does-not-parse"),
        pytest.param("---\ntitle: x\ntitle: y\n---\n", id="duplicate-key"),
        pytest.param("---\ntitle: x\neditor: 王蒙\n---\n", id="key-present"),
        pytest.param("---\ntitle: x\neditor:\n---\n", id="key-present-null"),
    ],
)
def test_add_front_matter_key_refuses(text: str) -> None:
    assert add_front_matter_key(Article.from_text(text), "editor", "张亚楠") is None


@pytest.mark.parametrize(
    ("text", "editable"),
    [
        ("---\ntitle: x\n---\n", True),
        ("---\n---\n", True),
        ("<p>x</p>", False),
        ("---\ntitle: x\n", False),
        ("---\n- a\n---\n", False),
        ("---\ntitle: x\ntitle: y\n---\n", False),
    ],
)
def test_can_edit_front_matter(text: str, editable: bool) -> None:
    assert can_edit_front_matter(Article.from_text(text)) is editable


def test_add_front_matter_key_uses_the_front_matters_newline() -> None:
    text = "---\r\ntitle: x\r\n---\n<p>\n</p>\n<p>\n</p>\n"
    edit = add_front_matter_key(Article.from_text(text), "editor", "x")
    assert edit is not None
    assert edit.content == "editor: x\r\n"  # the body's LF does not leak into the YAML


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("---\n{title: x}\n---\n<p>b</p>\n", id="flow-mapping"),
        pytest.param("---\n  title: x\n  date: y\n---\n", id="indented-mapping"),
    ],
)
def test_add_front_matter_key_keeps_the_yaml_valid(text: str) -> None:
    article = Article.from_text(text)
    assert can_edit_front_matter(article)
    edit = add_front_matter_key(article, "editor", "张亚楠")
    # Either refuse, or insert a line that keeps the front matter a valid mapping.
    if edit is not None:
        after = Article.from_text(apply(text, edit)).front_matter
        assert after is not None
        assert after.problems == ()
        assert after.data is not None
        assert after.data["editor"] == "张亚楠"


@settings(max_examples=5000, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_libyaml_reads_a_printable_scalar_line_as_the_python_loader_does(value: str) -> None:
    """yaml_scalar checks candidates of printable BMP text with libyaml (faster): whether
    one reads back as the value must not depend on the loader."""
    for candidate in scalar_candidates(value):
        if not LIBYAML_SAFE.fullmatch(candidate):
            continue
        verdicts = []
        for loader in (yaml.CSafeLoader, yaml.SafeLoader):
            try:
                verdicts.append(yaml.load(f"k: {candidate}", Loader=loader) == {"k": value})
            except yaml.YAMLError:
                verdicts.append(False)
        assert verdicts[0] == verdicts[1], candidate


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ('<p cms-style="x">y</p>\n', "<p>y</p>\n"),
        ("<p style='a'c\">x</p>\n", '<p c">x</p>\n'),  # the space stays: no <pc">
        ('<span style="a"/>\n', "<span/>\n"),
        ('<p class="k" style="a">x</p>\n', '<p class="k">x</p>\n'),
    ],
)
def test_attribute_removal_never_joins_the_tag_name(text: str, fixed: str) -> None:
    from artlint.api import fix_text
    from artlint.settings import Settings

    assert fix_text(text, "a.md", settings=Settings(select=("HT002", "HT007"))) == fixed
