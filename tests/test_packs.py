"""Selectors, rule pack loading and validation, the built-in packs, and ``--pack``."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from artlint.htmlindex import Element, HtmlIndex, build_index
from artlint.packs import (
    CompiledEntry,
    PackError,
    PackSet,
    RulePack,
    builtin_packs,
    load_pack,
    load_packs,
    parse_pack,
)
from artlint.selectors import AttributeTest, Selector, SelectorError
from artlint.tracking import find_credit_lines, find_tracking_blocks
from tests.conftest import CliResult

Run = Callable[..., CliResult]

BUILTIN_NAMES = ("ifanr", "ithome", "mydrivers", "sina-finance", "sspai", "common-zh")
KINDS = ("tracking_block", "junk_attribute", "editor_credit", "original_title", "promo_image")


def index_of(body: str) -> HtmlIndex:
    return build_index(body, 0, len(body))


# --- selectors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "tag", "classes", "element_id", "attributes"),
    [
        ("p", "p", set(), None, ()),
        ("DIV.appendQr_wrap", "div", {"appendQr_wrap"}, None, ()),
        ("*", None, set(), None, ()),
        ("*.x", None, {"x"}, None, ()),
        ("p.a.b", "p", {"a", "b"}, None, ()),
        (".a-b_c", None, {"a-b_c"}, None, ()),
        ("#main", None, set(), "main", ()),
        ("p#main.x", "p", {"x"}, "main", ()),
        ("  p  ", "p", set(), None, ()),
        ("段落.类", "段落", {"类"}, None, ()),
        ("[data-vmark]", None, set(), None, (AttributeTest("data-vmark", None, ""),)),
        ("[A=x]", None, set(), None, (AttributeTest("a", "=", "x"),)),
        ('[ a = "b c" ]', None, set(), None, (AttributeTest("a", "=", "b c"),)),
        ("[a='v w']", None, set(), None, (AttributeTest("a", "=", "v w"),)),
        ('[a=""]', None, set(), None, (AttributeTest("a", "=", ""),)),
        (
            'a[href^="https://sspai.com/page/client"]',
            "a",
            set(),
            None,
            (AttributeTest("href", "^=", "https://sspai.com/page/client"),),
        ),
        (
            "p[a$=x][b*=y][c~=z]",
            "p",
            set(),
            None,
            (
                AttributeTest("a", "$=", "x"),
                AttributeTest("b", "*=", "y"),
                AttributeTest("c", "~=", "z"),
            ),
        ),
    ],
)
def test_selector_parse(
    source: str,
    tag: str | None,
    classes: set[str],
    element_id: str | None,
    attributes: tuple[AttributeTest, ...],
) -> None:
    assert Selector.parse(source) == Selector(
        source, tag, frozenset(classes), element_id, attributes
    )


USE = "use tag.class#id[attr=value] without spaces or combinators"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("", "empty selector"),
        ("  ", "empty selector"),
        ("div p", f"cannot parse selector 'div p' at column 4: {USE}"),
        ("p>q", f"cannot parse selector 'p>q' at column 2: {USE}"),
        ("p,q", f"cannot parse selector 'p,q' at column 2: {USE}"),
        ("p:first-child", f"cannot parse selector 'p:first-child' at column 2: {USE}"),
        ("p*", f"cannot parse selector 'p*' at column 2: {USE}"),
        ("p.", f"cannot parse selector 'p.' at column 2: {USE}"),
        ("p..x", f"cannot parse selector 'p..x' at column 2: {USE}"),
        (".", f"cannot parse selector '.' at column 1: {USE}"),
        ("#", f"cannot parse selector '#' at column 1: {USE}"),
        ("[a", f"cannot parse selector '[a' at column 1: {USE}"),
        ("[a=]", f"cannot parse selector '[a=]' at column 1: {USE}"),
        ("[=x]", f"cannot parse selector '[=x]' at column 1: {USE}"),
        ("[a^x]", f"cannot parse selector '[a^x]' at column 1: {USE}"),
        ("p.x[a]div", f"cannot parse selector 'p.x[a]div' at column 7: {USE}"),
    ],
)
def test_selector_errors(source: str, message: str) -> None:
    with pytest.raises(SelectorError) as raised:
        Selector.parse(source)
    assert str(raised.value) == message


@pytest.mark.parametrize(("source", "culprit"), [(" div p", " "), ("\tp q", " "), ("  p>q", ">")])
def test_selector_error_column_points_into_the_quoted_selector(source: str, culprit: str) -> None:
    with pytest.raises(SelectorError) as raised:
        Selector.parse(source)
    found = re.fullmatch(r"cannot parse selector (.+) at column (\d+): .*", str(raised.value))
    assert found is not None
    quoted, column = ast.literal_eval(found.group(1)), int(found.group(2))
    assert quoted == source
    assert quoted[column - 1] == culprit


@pytest.mark.parametrize(
    "source",
    [
        "[lang|=en]",  # "|=" is not one of the grammar's operators
        'p[a="x]',  # unterminated quoted value
    ],
)
def test_selector_outside_the_grammar_is_rejected(source: str) -> None:
    with pytest.raises(SelectorError):
        Selector.parse(source)


MATCH_BODY = (
    '<div class="clearfix appendQr_wrap" id="qr">'
    '<p class="article-editor" data-vmark="a9f8">x</p>'
    '<a href="https://sspai.com/page/client?x" rel="nofollow noopener">y</a>'
    "<p hidden>z</p>"
    "</div>"
)


@pytest.mark.parametrize(
    ("source", "tags"),
    [
        ("*", ["div", "p", "a", "p"]),
        ("p", ["p", "p"]),
        ("P", ["p", "p"]),
        ("div.appendQr_wrap", ["div"]),
        (".clearfix.appendQr_wrap", ["div"]),
        (".appendqr_wrap", []),  # classes are case-sensitive
        ("div.appendQr_wrap.other", []),
        ("#qr", ["div"]),
        ("p#qr", []),
        ("#QR", []),
        ("[data-vmark]", ["p"]),
        ("[DATA-VMARK]", ["p"]),
        ("[data-vmark=a9f8]", ["p"]),
        ("[data-vmark=a9f]", []),
        ('a[href^="https://sspai.com/page/client"]', ["a"]),
        ("[href$='?x']", ["a"]),
        ("[href*=page]", ["a"]),
        ("[rel~=noopener]", ["a"]),
        ("[rel~=noop]", []),
        ("[rel~='nofollow noopener']", []),
        ("[class=appendQr_wrap]", []),  # "=" compares the whole value
        ("[hidden]", ["p"]),
        ("[hidden=hidden]", []),
        ("p.article-editor[data-vmark^=a9]", ["p"]),
    ],
)
def test_selector_matches(source: str, tags: list[str]) -> None:
    selector = Selector.parse(source)
    assert [e.tag for e in index_of(MATCH_BODY).elements if selector.matches(e)] == tags


@pytest.mark.parametrize(
    ("operator", "value", "actual", "expected"),
    [
        (None, "", None, True),
        (None, "", "x", True),
        ("=", "x", None, False),
        ("=", "x", "x", True),
        ("=", "x", "X", False),
        ("^=", "ab", "abc", True),
        ("^=", "bc", "abc", False),
        ("$=", "bc", "abc", True),
        ("$=", "ab", "abc", False),
        ("*=", "b", "abc", True),
        ("*=", "d", "abc", False),
        ("~=", "b", "a b\tc", True),
        ("~=", "b", "abc", False),
    ],
)
def test_attribute_test(
    operator: str | None, value: str, actual: str | None, expected: bool
) -> None:
    assert AttributeTest("a", operator, value).matches(actual) is expected


# --- parsing and validating packs ---------------------------------------------------------

FULL_PACK = """\
[pack]
name = "mine"
description = "my site"

[[tracking_block]]
selector = "div.promo"
text = "^Download"
reason = "promo"
seen = "a.md"

[[tracking_block]]
comment = '^\\s*tracker'
reason = "tracking comment"
seen = "b.md"

[[junk_attribute]]
attribute = "data-x"
selector = "p"
value = "^[0-9a-f]+$"
reason = "cms id"
seen = "c.md"

[[editor_credit]]
pattern = '^Editor: (?P<name>.+)$'
reason = "credit"
seen = "d.md"

[[original_title]]
selector = "p.ori"
pattern = '^Original: (?P<title>.+)$'
reason = "title"
seen = "e.md"

[[promo_image]]
url = '^https://example\\.com/qr\\.png$'
reason = "qr"
seen = "f.md"
"""


def test_parse_a_full_pack() -> None:
    pack = parse_pack(FULL_PACK, "mine.toml")
    assert (pack.pack.name, pack.pack.description) == ("mine", "my site")
    assert [(e.selector, e.text, e.comment) for e in pack.tracking_block] == [
        ("div.promo", "^Download", None),
        (None, None, r"^\s*tracker"),
    ]
    [junk] = pack.junk_attribute
    assert (junk.attribute, junk.selector, junk.value) == ("data-x", "p", "^[0-9a-f]+$")
    [credit] = pack.editor_credit
    assert credit.selector == "p"  # the default
    [title] = pack.original_title
    assert (title.selector, title.pattern) == ("p.ori", "^Original: (?P<title>.+)$")
    [promo] = pack.promo_image
    assert promo.url == r"^https://example\.com/qr\.png$"
    assert [e.reason for kind in KINDS for e in getattr(pack, kind)] == [
        "promo",
        "tracking comment",
        "cms id",
        "credit",
        "title",
        "qr",
    ]


def test_a_pack_with_only_a_name_is_valid() -> None:
    pack = parse_pack('[pack]\nname = "x"\n', "x.toml")
    assert pack.pack.description == ""
    assert all(getattr(pack, kind) == () for kind in KINDS)


def test_compiled_entries() -> None:
    packs = PackSet([parse_pack(FULL_PACK, "mine.toml")])
    assert packs.names == ("mine",)
    block, comment = packs.tracking_blocks
    assert isinstance(block, CompiledEntry)
    assert block.pack == "mine"
    assert block.selector == Selector.parse("div.promo")
    assert block.text == re.compile("^Download")
    assert block.comment is None
    assert comment.selector is None
    assert comment.comment == re.compile(r"^\s*tracker")
    [junk] = packs.junk_attributes
    assert junk.value == re.compile("^[0-9a-f]+$")
    [credit] = packs.editor_credits
    assert credit.selector == Selector.parse("p")
    assert credit.pattern == re.compile("^Editor: (?P<name>.+)$")
    [promo] = packs.promo_images
    assert promo.pattern == re.compile(r"^https://example\.com/qr\.png$")
    assert promo.selector is None


PACK = '[pack]\nname = "x"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("pack = [", "my.toml: not valid TOML: Invalid value (at end of document)"),
        ("", "my.toml: pack: Field required"),
        ("[pack]\n", "my.toml: pack.name: Field required"),
        ('[pack]\nname = ""\n', "my.toml: pack.name: String should have at least 1 character"),
        ("[pack]\nname = 3\n", "my.toml: pack.name: Input should be a valid string"),
        (PACK + "version = 1\n", "my.toml: pack.version: Extra inputs are not permitted"),
        (
            PACK + '[[trackers]]\nselector = "p"\n',
            "my.toml: trackers: Extra inputs are not permitted",
        ),
        (
            PACK + '[tracking_block]\nselector = "p"\n',
            "my.toml: tracking_block: Input should be a valid tuple",
        ),
        (
            PACK + '[[tracking_block]]\nselector = "p"\ncolour = "red"\n',
            "my.toml: tracking_block[0].colour: Extra inputs are not permitted",
        ),
        (
            PACK + '[[tracking_block]]\nreason = "r"\n',
            "my.toml: tracking_block[0]: give exactly one of 'selector' (an element) or 'comment'",
        ),
        (
            PACK + '[[tracking_block]]\nselector = "p"\ncomment = "c"\n',
            "my.toml: tracking_block[0]: give exactly one of 'selector' (an element) or 'comment'",
        ),
        (
            PACK + '[[tracking_block]]\ncomment = "c"\ntext = "t"\n',
            "my.toml: tracking_block[0]: 'text' applies to elements; a 'comment' entry has no"
            " 'text'",
        ),
        (
            PACK + '[[tracking_block]]\nselector = "p"\ntext = "(unclosed"\n',
            "my.toml: tracking_block[0].text: invalid regular expression '(unclosed': missing ),"
            " unterminated subpattern at position 0",
        ),
        (
            PACK + '[[tracking_block]]\ncomment = "*x"\n',
            "my.toml: tracking_block[0].comment: invalid regular expression '*x': nothing to"
            " repeat at position 0",
        ),
        (
            PACK + '[[tracking_block]]\nselector = "div p"\n',
            "my.toml: tracking_block[0].selector: cannot parse selector 'div p' at column 4: "
            + USE,
        ),
        (
            PACK + '[[tracking_block]]\nselector = ""\n',
            "my.toml: tracking_block[0].selector: empty selector",
        ),
        (
            PACK + '[[tracking_block]]\nselector = "p"\n[[tracking_block]]\nselector = "p >"\n',
            f"my.toml: tracking_block[1].selector: cannot parse selector 'p >' at column 2: {USE}",
        ),
        (
            PACK + '[[tracking_block]]\nselector = "p"\nreason = 1\n',
            "my.toml: tracking_block[0].reason: Input should be a valid string",
        ),
        (
            PACK + '[[junk_attribute]]\nreason = "r"\n',
            "my.toml: junk_attribute[0].attribute: Field required",
        ),
        (
            PACK + '[[junk_attribute]]\nattribute = ""\n',
            "my.toml: junk_attribute[0].attribute: String should have at least 1 character",
        ),
        (
            PACK + '[[junk_attribute]]\nattribute = "a"\nvalue = "["\n',
            "my.toml: junk_attribute[0].value: invalid regular expression '[': unterminated"
            " character set at position 0",
        ),
        (
            PACK + '[[junk_attribute]]\nattribute = "a"\nselector = "p q"\n',
            f"my.toml: junk_attribute[0].selector: cannot parse selector 'p q' at column 2: {USE}",
        ),
        (
            PACK + '[[editor_credit]]\nselector = "p"\n',
            "my.toml: editor_credit[0].pattern: Field required",
        ),
        (
            PACK + '[[original_title]]\nselector = "p,q"\npattern = "(?P<title>.+)"\n',
            "my.toml: original_title[0].selector: cannot parse selector 'p,q' at column 2: " + USE,
        ),
        (
            PACK + '[[promo_image]]\nurl = "[a"\n',
            "my.toml: promo_image[0].url: invalid regular expression '[a': unterminated"
            " character set at position 0",
        ),
        (PACK + "[[promo_image]]\n", "my.toml: promo_image[0].url: Field required"),
    ],
)
def test_pack_errors_name_the_file_and_key(text: str, message: str) -> None:
    with pytest.raises(PackError) as raised:
        parse_pack(text, "my.toml")
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("kind", "pattern"),
    [
        ("editor_credit", "^Editor: (.+)$"),  # no "name" group: BD001 would crash on a match
        ("editor_credit", "^Editor: (?P<title>.+)$"),
        ("original_title", "^Original: (?P<name>.+)$"),  # BD002 reads the "title" group
    ],
)
def test_credit_pattern_without_its_named_group_is_rejected(kind: str, pattern: str) -> None:
    text = PACK + f"[[{kind}]]\npattern = '{pattern}'\n"
    with pytest.raises(PackError, match=rf"^my\.toml: {kind}\[0\]\.pattern: "):
        parse_pack(text, "my.toml")


def test_load_pack_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(FULL_PACK, "utf-8")
    assert load_pack(path) == parse_pack(FULL_PACK, "x")


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda path: None, "cannot read rule pack: No such file or directory"),
        (lambda path: path.mkdir(), "cannot read rule pack: Is a directory"),
        (
            lambda path: path.write_bytes(b"\xff"),
            "cannot read rule pack: 'utf-8' codec can't decode byte 0xff in position 0:"
            " invalid start byte",
        ),
        (lambda path: path.write_text("[pack]\n", "utf-8"), "pack.name: Field required"),
    ],
)
def test_load_pack_errors(tmp_path: Path, make: Callable[[Path], Any], reason: str) -> None:
    path = tmp_path / "mine.toml"
    make(path)
    with pytest.raises(PackError) as raised:
        load_pack(path)
    assert str(raised.value) == f"{path}: {reason}"


# --- built-in packs -----------------------------------------------------------------------


def _builtin_entries() -> list[Any]:
    return [
        pytest.param(entry, id=f"{pack.pack.name}.{kind}[{position}]")
        for pack in builtin_packs()
        for kind in KINDS
        for position, entry in enumerate(getattr(pack, kind))
    ]


def test_builtin_packs_load_in_order_sites_before_common() -> None:
    packs = builtin_packs()
    assert all(isinstance(pack, RulePack) for pack in packs)
    assert tuple(pack.pack.name for pack in packs) == BUILTIN_NAMES
    assert load_packs().names == BUILTIN_NAMES


def test_builtin_packs_have_descriptions() -> None:
    assert all(pack.pack.description.strip() for pack in builtin_packs())


@pytest.mark.parametrize("entry", _builtin_entries())
def test_every_builtin_entry_says_why_and_where(entry: Any) -> None:
    assert entry.reason.strip()
    assert entry.seen.strip()


def test_builtin_credit_patterns_have_their_named_groups() -> None:
    packs = load_packs()
    assert packs.editor_credits
    assert packs.original_titles
    for entry in packs.editor_credits:
        assert entry.pattern is not None
        assert "name" in entry.pattern.groupindex
    for entry in packs.original_titles:
        assert entry.pattern is not None
        assert "title" in entry.pattern.groupindex


def test_builtin_pack_entry_counts() -> None:
    packs = load_packs()
    assert [
        len(kind)
        for kind in (
            packs.tracking_blocks,
            packs.junk_attributes,
            packs.editor_credits,
            packs.original_titles,
            packs.promo_images,
        )
    ] == [7, 2, 3, 2, 1]


# --- matching: tracking blocks and credit lines ----------------------------------------------

TRACKING_BODY = (
    "<p>正文</p>\n"
    '<div class="clearfix appendQr_wrap"><div class="appendQr_wrap">x</div></div>\n'
    "<!-- news_keyword_pub,stock,bj835670 -->\n"
    "<!--article_adlist[<p>来源</p>]article_adlist-->\n"
    "<!-- other -->\n"
    '<p class="end"><img src=x></p>\n'
    "<p>#欢迎关注爱范儿官方微信公众号：ifanr</p>\n"
    "<p>&gt; 下载 少数派 客户端</p>\n"
    "<p>&gt; 别的</p>\n"
)


def test_builtin_tracking_blocks() -> None:
    index = index_of(TRACKING_BODY)
    matches = find_tracking_blocks(index, load_packs())
    assert [(TRACKING_BODY[m.start : m.end], m.entry.pack) for m in matches] == [
        (
            '<div class="clearfix appendQr_wrap"><div class="appendQr_wrap">x</div></div>',
            "sina-finance",
        ),  # the inner appendQr_wrap is inside it: reported once
        ("<!-- news_keyword_pub,stock,bj835670 -->", "sina-finance"),
        ("<!--article_adlist[<p>来源</p>]article_adlist-->", "sina-finance"),
        ('<p class="end"><img src=x></p>', "mydrivers"),
        ("<p>#欢迎关注爱范儿官方微信公众号：ifanr</p>", "ifanr"),
        ("<p>&gt; 下载 少数派 客户端</p>", "sspai"),
    ]
    assert isinstance(matches[0].node, Element)


CREDIT_BODY = (
    '<p class="url"><span>责任编辑：若风</span><a class="jiucuo">文章纠错</a></p>\n'
    "<p>责任编辑：王蒙</p>\n"
    '<p class="article-editor">责任编辑：刘万里 SF014</p>\n'
    "<p>（责任编辑：张三）</p>\n"
    "<p>责任编辑：</p>\n"
)


def test_builtin_editor_credits_site_pack_before_common() -> None:
    index = index_of(CREDIT_BODY)
    found = find_credit_lines(index, load_packs().editor_credits, "name")
    assert [(m.entry.pack, m.text, m.value) for m in found] == [
        ("mydrivers", "责任编辑：若风文章纠错", "若风"),
        ("common-zh", "责任编辑：王蒙", "王蒙"),
        ("sina-finance", "责任编辑：刘万里 SF014", "刘万里"),
        ("common-zh", "（责任编辑：张三）", "张三"),
    ]


def test_common_pack_alone_would_take_the_site_link_into_the_name() -> None:
    # Why the order matters: the generic pattern also matches the 快科技 line, wrongly.
    [common] = [pack for pack in builtin_packs() if pack.pack.name == "common-zh"]
    index = index_of(CREDIT_BODY)
    first = next(find_credit_lines(index, PackSet([common]).editor_credits, "name"))
    assert first.value == "若风文章纠错"


def test_builtin_original_titles() -> None:
    body = '<p>　　原标题：央行副行长：增强监管合力</p><p class="ori_titlesource">原标题：X</p>'
    found = find_credit_lines(index_of(body), load_packs().original_titles, "title")
    assert [(m.entry.pack, m.value) for m in found] == [
        ("common-zh", "央行副行长：增强监管合力"),
        ("sina-finance", "X"),
    ]


USER_PACK = """\
[pack]
name = "mine"

[[tracking_block]]
selector = "div.appendQr_wrap"
reason = "my reason"
seen = "here"

[[editor_credit]]
selector = "p.url"
pattern = '^责任编辑[：:](?P<name>.+)$'
reason = "mine"
seen = "here"
"""


@pytest.fixture
def user_pack(tmp_path: Path) -> Path:
    path = tmp_path / "user.toml"
    path.write_text(USER_PACK, "utf-8")
    return path


def test_user_pack_comes_first(user_pack: Path) -> None:
    packs = load_packs((user_pack,))
    assert packs.names == ("mine", *BUILTIN_NAMES)
    index = index_of(TRACKING_BODY)
    assert [m.entry.pack for m in find_tracking_blocks(index, packs)][:2] == [
        "mine",
        "sina-finance",
    ]
    credit = next(find_credit_lines(index_of(CREDIT_BODY), packs.editor_credits, "name"))
    assert (credit.entry.pack, credit.value) == ("mine", "若风文章纠错")


def test_user_packs_load_in_the_order_given(tmp_path: Path) -> None:
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text('[pack]\nname = "zeta"\n', "utf-8")
    second.write_text('[pack]\nname = "alpha"\n', "utf-8")
    assert load_packs((first, second)).names == ("zeta", "alpha", *BUILTIN_NAMES)


# --- --pack on the command line -----------------------------------------------------------

ARTICLE = (
    "---\ntitle: x\n---\n"
    "<p>正文。</p>\n"
    '<div class="clearfix appendQr_wrap">\n'
    '<div class="appendQr_normal_txt">海量资讯</div>\n'
    "</div>\n"
    "<!-- news_keyword_pub,stock -->\n"
)


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, "utf-8")
    return path


def test_cli_builtin_packs(run_cli: Run, article: Path) -> None:
    result = run_cli("--select", "HT005", "a.md")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        'a.md:5:1: HT005 [*] tracking block <div class="clearfix appendQr_wrap">'
        " (sina-finance: QR-code promo for the 新浪财经 app)",
        "a.md:8:1: HT005 [*] tracking block <!-- news_keyword_pub,stock -->"
        " (sina-finance: keyword and stock-code tracking marker)",
        "Found 2 violations in 1 file.",
        "[*] 2 fixable with `artlint --fix`.",
    ]


def test_cli_user_pack_wins(run_cli: Run, article: Path, user_pack: Path) -> None:
    result = run_cli("--pack", str(user_pack), "--select", "HT005", str(article))
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        'a.md:5:1: HT005 [*] tracking block <div class="clearfix appendQr_wrap"> (mine: my reason)',
        "a.md:8:1: HT005 [*] tracking block <!-- news_keyword_pub,stock -->"
        " (sina-finance: keyword and stock-code tracking marker)",
        "Found 2 violations in 1 file.",
        "[*] 2 fixable with `artlint --fix`.",
    ]


def test_cli_user_pack_adds_entries(run_cli: Run, article: Path, tmp_path: Path) -> None:
    pack = tmp_path / "extra.toml"
    pack.write_text(
        '[pack]\nname = "extra"\n[[tracking_block]]\nselector = "p"\ntext = "^正文"\n'
        'reason = "r"\nseen = "s"\n',
        "utf-8",
    )
    result = run_cli("--pack", str(pack), "--select", "HT005", "--output-format", "json", "a.md")
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert [(row["line"], row["message"]) for row in rows] == [
        (4, "tracking block <p> (extra: r)"),
        (
            5,
            'tracking block <div class="clearfix appendQr_wrap"> (sina-finance: QR-code promo for'
            " the 新浪财经 app)",
        ),
        (
            8,
            "tracking block <!-- news_keyword_pub,stock --> (sina-finance: keyword and"
            " stock-code tracking marker)",
        ),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '[pack]\nname = "mine"\n[[tracking_block]]\nselector = "div p"\n',
            f"tracking_block[0].selector: cannot parse selector 'div p' at column 4: {USE}",
        ),
        ("pack = [", "not valid TOML: Invalid value (at end of document)"),
        (
            '[pack]\nname = "mine"\n[[junk_attribute]]\n',
            "junk_attribute[0].attribute: Field required",
        ),
        (None, "cannot read rule pack: No such file or directory"),
    ],
)
def test_cli_bad_pack_is_a_one_line_error(
    run_cli: Run, article: Path, tmp_path: Path, content: str | None, message: str
) -> None:
    pack = tmp_path / "bad.toml"
    if content is not None:
        pack.write_text(content, "utf-8")
    result = run_cli("--pack", str(pack), "--select", "HT005", str(article))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"artlint: error: {pack}: {message}\n"
    assert "Traceback" not in result.stderr


def test_cli_bad_second_pack_is_named(
    run_cli: Run, article: Path, tmp_path: Path, user_pack: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[pack]\nname = "b"\n[[promo_image]]\nurl = "("\n', "utf-8")
    result = run_cli("--pack", str(user_pack), "--pack", str(bad), "a.md")
    assert result.exit_code == 2
    assert result.stderr == (
        f"artlint: error: {bad}: promo_image[0].url: invalid regular expression '(':"
        " missing ), unterminated subpattern at position 0\n"
    )
