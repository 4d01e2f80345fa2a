"""The HTML span index, the Markdown code mask, and html5lib parse errors placed in the text."""

from __future__ import annotations

import html.parser

import pytest

from artlint import htmlindex
from artlint.article import Article
from artlint.codemask import blank_regions, code_regions, in_regions
from artlint.htmlindex import Attribute, HtmlIndex, build_index
from artlint.parse_errors import ParseError, html5lib_errors
from artlint.source import LineIndex, Position

#: tag, start, start_tag_end, content_end, end, closed, parent
ElementRow = tuple[str, int, int, int, int, bool, int]
#: name, value, start, end, removal_start
AttributeRow = tuple[str, "str | None", int, int, int]


def index_of(body: str) -> HtmlIndex:
    return build_index(body, 0, len(body))


def element_rows(index: HtmlIndex) -> list[ElementRow]:
    return [
        (e.tag, e.start, e.start_tag_end, e.content_end, e.end, e.closed, e.parent)
        for e in index.elements
    ]


def attribute_rows(index: HtmlIndex) -> list[AttributeRow]:
    return [
        (a.name, a.value, a.start, a.end, a.removal_start)
        for element in index.elements
        for a in element.attributes
    ]


def comment_rows(index: HtmlIndex) -> list[tuple[int, int, str]]:
    return [(c.start, c.end, c.text) for c in index.comments]


def end_tag_rows(index: HtmlIndex) -> list[tuple[str, int, int, bool]]:
    return [(t.tag, t.start, t.end, t.stray) for t in index.end_tags]


# --- elements -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("<p>a</p>", [("p", 0, 3, 4, 8, True, -1)], id="simple"),
        pytest.param(
            "<div><p>a</p></div>",
            [("div", 0, 5, 13, 19, True, -1), ("p", 5, 8, 9, 13, True, 0)],
            id="nested",
        ),
        # The <p> is closed implicitly by </div>: its end is where </div> starts.
        pytest.param(
            "<div><p>a</div>",
            [("div", 0, 5, 9, 15, True, -1), ("p", 5, 8, 9, 9, False, 0)],
            id="implicit-close-by-ancestor-end-tag",
        ),
        # Never closed: the end of the body closes both.
        pytest.param(
            "<div><p>a",
            [("div", 0, 5, 9, 9, False, -1), ("p", 5, 8, 9, 9, False, 0)],
            id="closed-by-end-of-body",
        ),
        pytest.param(
            "<p>a<br>b<img src=x>c<hr/></p>",
            [
                ("p", 0, 3, 26, 30, True, -1),
                ("br", 4, 8, 8, 8, True, 0),
                ("img", 9, 20, 20, 20, True, 0),
                ("hr", 21, 26, 26, 26, True, 0),
            ],
            id="void-elements",
        ),
        # Any tag written self-closing is indexed as closed at its start tag.
        pytest.param(
            # Browsers ignore "/>" on HTML elements that are not void: both stay open.
            "<div/><x/>t",
            [("div", 0, 6, 11, 11, False, -1), ("x", 6, 10, 11, 11, False, 0)],
            id="self-closing-non-void",
        ),
        pytest.param(
            "<svg><path d='M0'/></svg>",
            [("svg", 0, 5, 19, 25, True, -1), ("path", 5, 19, 19, 19, True, 0)],
            id="self-closing-inside-element",
        ),
        pytest.param(
            "<DIV><P>a</P></DIV>",
            [("div", 0, 5, 13, 19, True, -1), ("p", 5, 8, 9, 13, True, 0)],
            id="uppercase-tags-lowered",
        ),
        pytest.param(
            "<p\nclass='x'\n>y</p>",
            [("p", 0, 14, 15, 19, True, -1)],
            id="start-tag-across-lines",
        ),
        pytest.param(
            "<p title='a>b'>t</p>",
            [("p", 0, 15, 16, 20, True, -1)],
            id="quoted-gt-inside-start-tag",
        ),
        # An end tag closes the nearest open element of its name, closing those above it.
        pytest.param(
            "<b><i><b>x</b>y</i></b>",
            [
                ("b", 0, 3, 19, 23, True, -1),
                ("i", 3, 6, 15, 19, True, 0),
                ("b", 6, 9, 10, 14, True, 1),
            ],
            id="nearest-open-element-of-the-name",
        ),
    ],
)
def test_element_spans(body: str, expected: list[ElementRow]) -> None:
    assert element_rows(index_of(body)) == expected


def test_elements_are_in_document_order_with_their_index() -> None:
    index = index_of("<div><p>a</p><p>b</div><span></span>")
    assert [(e.index, e.tag) for e in index.elements] == [
        (0, "div"),
        (1, "p"),
        (2, "p"),
        (3, "span"),
    ]
    assert [e.parent for e in index.elements] == [-1, 0, 0, -1]


def test_element_helpers() -> None:
    body = '<div class=" a  b "><p id="x">Tom &amp;\n  Jerry<br>!</p></div>'
    index = index_of(body)
    div, p, br = index.elements
    assert div.classes == ("a", "b")
    assert p.classes == ()
    assert p.attribute("id") == Attribute("id", "x", 23, 29, 22)
    assert p.attribute("class") is None
    assert index.text_of(p) == "Tom & Jerry!"
    assert index.ancestors(br) == [p, div]
    assert index.ancestors(div) == []
    assert div.contains(div.start)
    assert div.contains(div.end - 1)
    assert not div.contains(div.end)


# --- attributes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param('<p class="x">', [("class", "x", 3, 12, 2)], id="double-quoted"),
        pytest.param("<p class='x'>", [("class", "x", 3, 12, 2)], id="single-quoted"),
        pytest.param("<p class=x>", [("class", "x", 3, 10, 2)], id="unquoted"),
        pytest.param("<p hidden>", [("hidden", None, 3, 9, 2)], id="no-value"),
        pytest.param('<p class="">', [("class", "", 3, 11, 2)], id="empty-value"),
        pytest.param("<p a = 'q'>", [("a", "q", 3, 10, 2)], id="spaces-around-equals"),
        pytest.param(
            "<p a  =\n  'q' b>",
            [("a", "q", 3, 13, 2), ("b", None, 14, 15, 13)],
            id="equals-across-lines",
        ),
        pytest.param(
            '<P CLASS="X" ID=Y>', [("class", "X", 3, 12, 2), ("id", "Y", 13, 17, 12)], id="upper"
        ),
        pytest.param(
            "<p a='x\"y' b=\"x'y\">",
            [("a", 'x"y', 3, 10, 2), ("b", "x'y", 11, 18, 10)],
            id="other-quote-inside",
        ),
        # removal_start is the end of the previous token: the tag name or the previous value.
        pytest.param(
            '<p   cms-style="font-L"\tdata-vmark=a9f8   hidden >',
            [
                ("cms-style", "font-L", 5, 23, 2),
                ("data-vmark", "a9f8", 24, 39, 23),
                ("hidden", None, 42, 48, 39),
            ],
            id="removal-start-takes-the-separating-space",
        ),
        pytest.param("<img src=a />", [("src", "a", 5, 10, 4)], id="unquoted-before-slash"),
        # Unquoted, the "/" of "/>" belongs to the value (as in html.parser).
        pytest.param("<img src=a/>", [("src", "a/", 5, 11, 4)], id="unquoted-slash-in-value"),
        pytest.param(
            '<a href="?a=1&amp;b=2">', [("href", "?a=1&b=2", 3, 22, 2)], id="value-unescaped"
        ),
        pytest.param(
            '<p a="1" a="2">', [("a", "1", 3, 8, 2), ("a", "2", 9, 14, 8)], id="duplicate-kept"
        ),
        pytest.param(
            "<p title='😀' x=1>",
            [("title", "😀", 3, 12, 2), ("x", "1", 13, 16, 12)],
            id="astral-value",
        ),
    ],
)
def test_attribute_spans(body: str, expected: list[AttributeRow]) -> None:
    assert attribute_rows(index_of(body)) == expected


class _AttributeCollector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.extend(attrs)


@pytest.mark.parametrize(
    "body",
    [
        '<p   cms-style="font-L"\tdata-vmark=a9f8   hidden >',
        "<p a  =\n  'q' b>",
        "<img src=a/>",
        "<P CLASS='X' id=y/>",
        '<a href="?a=1&amp;b=2" x==y z=>',
        "<p =x a/b>",
    ],
)
def test_attribute_names_and_values_agree_with_html_parser(body: str) -> None:
    collector = _AttributeCollector()
    collector.feed(body)
    collector.close()
    assert [(a.name, a.value) for a in index_of(body).elements[0].attributes] == (
        collector.attributes
    )


def test_attribute_removal_leaves_a_clean_tag() -> None:
    body = '<p cms-style="font-L" class="x">t</p>'
    [attribute, _] = index_of(body).elements[0].attributes
    assert body[: attribute.removal_start] + body[attribute.end :] == '<p class="x">t</p>'


# --- comments and end tags ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("<!-- a -->b", [(0, 10, " a ")], id="simple"),
        pytest.param("<p>x<!--a-->y</p>", [(4, 12, "a")], id="inside-element"),
        pytest.param("<!---->", [(0, 7, "")], id="empty"),
        pytest.param("<!--\nline 1\r\nline 2\n-->", [(0, 23, "\nline 1\r\nline 2\n")], id="multi"),
        pytest.param(
            "<!-- <p>not an element</p> -->", [(0, 30, " <p>not an element</p> ")], id="tag"
        ),
        pytest.param(
            "<!--[if IE]><p>x</p><![endif]-->",
            [(0, 32, "[if IE]><p>x</p><![endif]")],
            id="conditional-comment",
        ),
    ],
)
def test_comment_spans(body: str, expected: list[tuple[int, int, str]]) -> None:
    index = index_of(body)
    assert comment_rows(index) == expected
    for comment in index.comments:
        assert body[comment.start : comment.start + 4] == "<!--"
        assert body[comment.end - 3 : comment.end] == "-->"


def test_tags_inside_a_comment_are_not_elements() -> None:
    assert index_of("<!-- <p>x</p> -->").elements == ()


def test_unclosed_comment_at_end_of_body() -> None:
    # Pins CPython 3.11.7's html.parser: "<!--" with no "-->" before the end is text, not a
    # comment (newer security releases report it as a comment running to the end).
    index = index_of("<p>a</p>\n<p>b<!-- open")
    assert comment_rows(index) == []
    assert element_rows(index) == [("p", 0, 3, 4, 8, True, -1), ("p", 9, 12, 22, 22, False, -1)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("<p>a</p>", [("p", 4, 8, False)], id="matching"),
        pytest.param("</span>x", [("span", 0, 7, True)], id="stray"),
        pytest.param(
            "<p>a</span></p>", [("span", 4, 11, True), ("p", 11, 15, False)], id="stray-in"
        ),
        pytest.param("<br></br>", [("br", 4, 9, True)], id="void-end-tag-is-stray"),
        pytest.param("<p/>x</p>", [("p", 5, 9, False)], id="self-closed-then-end-tag"),
        pytest.param("<p>a</P >", [("p", 4, 9, False)], id="uppercase-and-space"),
        pytest.param("<p>a</p\n>", [("p", 4, 9, False)], id="newline-before-gt"),
        pytest.param(
            "<div><p>a</div></p>",
            [("div", 9, 15, False), ("p", 15, 19, True)],
            id="closed-implicitly-then-stray",
        ),
    ],
)
def test_end_tag_spans(body: str, expected: list[tuple[str, int, int, bool]]) -> None:
    assert end_tag_rows(index_of(body)) == expected


# --- raw text elements --------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["script", "style", "SCRIPT"])
def test_raw_text_content_creates_no_elements_or_comments(tag: str) -> None:
    body = f"<{tag}>if (a </div> b) <!-- x <p>y</p> --> </p></{tag}><i>z</i>"
    index = index_of(body)
    close = body.index(f"</{tag}>")
    assert element_rows(index) == [
        (tag.lower(), 0, len(tag) + 2, close, close + len(tag) + 3, True, -1),
        (
            "i",
            close + len(tag) + 3,
            close + len(tag) + 6,
            close + len(tag) + 7,
            len(body),
            True,
            -1,
        ),
    ]
    assert index.comments == ()
    assert end_tag_rows(index) == [
        (tag.lower(), close, close + len(tag) + 3, False),
        ("i", close + len(tag) + 7, len(body), False),
    ]


def test_script_with_an_unclosed_comment_opener() -> None:
    body = "<script>var s = '<!--';</script><p>x</p>"
    index = index_of(body)
    assert element_rows(index) == [
        ("script", 0, 8, 23, 32, True, -1),
        ("p", 32, 35, 36, 40, True, -1),
    ]
    assert index.comments == ()


def test_unclosed_script_runs_to_the_end_of_the_body() -> None:
    index = index_of("<script>a<p>b")
    assert element_rows(index) == [("script", 0, 8, 13, 13, False, -1)]


# --- html.parser edge cases -----------------------------------------------------------------
# These pin what the index gives with CPython 3.11.7's html.parser.  CPython security releases
# (gh-102555, gh-135462, gh-135661 and others) changed how html.parser reads exactly these
# constructs, so a test here failing on another Python says the index changed with it.


# Comments follow the HTML standard, not html.parser 3.11's own rule (which read on past
# "--!>" and swallowed the markup after it): the index parses comments itself.


def test_comment_closed_by_bang_gt() -> None:
    index = index_of("<!-- a --!><p>b</p>-->")
    assert comment_rows(index) == [(0, 11, " a ")]
    assert [element.tag for element in index.elements] == ["p"]


def test_comment_is_not_closed_by_dashes_space_gt() -> None:
    # "-- >" does not end a comment; it runs to the end and is not indexed (html5lib
    # reports eof-in-comment).
    assert comment_rows(index_of("<!-- a -- >z")) == []


@pytest.mark.parametrize(("body", "end"), [("<!--->x-->", 6), ("<!-->x-->", 5)])
def test_abrupt_empty_comment_ends_at_once(body: str, end: int) -> None:
    assert comment_rows(index_of(body)) == [(0, end, "")]


def test_pinned_end_tag_with_space_before_name() -> None:
    # The standard makes "</ x>" a bogus comment; 3.11.7 reads it as the end tag </x>.
    index = index_of("</ x>t")
    assert end_tag_rows(index) == [("x", 0, 5, True)]
    assert index.comments == ()


def test_pinned_empty_end_tag_is_dropped() -> None:
    index = index_of("</>t")
    assert (index.elements, index.comments, index.end_tags) == ((), (), ())


def test_pinned_doctype_processing_instruction_and_marked_section_are_not_indexed() -> None:
    index = index_of("<!DOCTYPE html><?php x ?><![CDATA[<b>]]><p>a</p>")
    assert index.comments == ()
    assert element_rows(index) == [("p", 40, 43, 44, 48, True, -1)]


def test_pinned_start_tag_patterns_are_html_parsers() -> None:
    # The index re-scans raw start tags with copies of html.parser's patterns; on a Python
    # whose html.parser changed them, attribute spans could drift from what it tokenized.
    assert htmlindex._TAG_NAME.pattern == html.parser.tagfind_tolerant.pattern
    assert _unescape_quotes(htmlindex._ATTRIBUTE.pattern) == _unescape_quotes(
        html.parser.attrfind_tolerant.pattern
    )


def _unescape_quotes(pattern: str) -> str:
    return pattern.replace("\\'", "'").replace('\\"', '"')


@pytest.mark.parametrize("tag", ["textarea", "title", "xmp", "iframe", "noembed", "noframes"])
def test_raw_text_element_content_is_text(tag: str) -> None:
    # Browsers read these as text; html.parser alone would index the <p> and the comment.
    index = index_of(f"<{tag}><p style='x'>x</p><!-- c --></{tag}>")
    assert [e.tag for e in index.elements] == [tag]
    assert index.comments == ()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # html.parser (3.11.7) reads "<!" not followed by "--", "[" or "doctype", and "</"
        # followed by a non-letter, as bogus comments ending at the first ">" (the text is
        # pinned); the indexed span must end at that ">" too, not run on into the next tag.
        pytest.param("<!x><p>a</p>", [(0, 4, "x")], id="bang"),
        pytest.param("</3><p>a</p>", [(0, 4, "3")], id="end-tag-digit"),
        pytest.param("<p>a<!- b ->c</p>", [(4, 12, "- b -")], id="single-dash"),
        pytest.param("<!>x<b>y</b>", [(0, 3, "")], id="empty"),
    ],
)
def test_bogus_comment_span_ends_at_its_gt(body: str, expected: list[tuple[int, int, str]]) -> None:
    index = index_of(body)
    assert comment_rows(index) == expected
    for comment in index.comments:
        assert body[comment.end - 1] == ">"
        assert not any(comment.start < e.start < comment.end for e in index.elements)


# --- line endings, code points, body offsets ---------------------------------------------

CRLF_BODY = '<p>\r\n<a\r\n href="x">y</a>\r\n<!-- c -->\r\n</p>'


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_offsets_are_into_the_original_text_whatever_the_line_endings(newline: str) -> None:
    body = CRLF_BODY.replace("\r\n", newline)
    index = index_of(body)
    p, a = index.elements
    assert body[p.start : p.start_tag_end] == "<p>"
    assert body[p.content_end : p.end] == "</p>"
    assert p.end == len(body)
    assert body[a.start : a.start_tag_end] == f'<a{newline} href="x">'
    assert body[a.start_tag_end : a.content_end] == "y"
    assert body[a.content_end : a.end] == "</a>"
    [href] = a.attributes
    assert body[href.start : href.end] == 'href="x"'
    assert body[href.removal_start : href.start] == f"{newline} "
    [comment] = index.comments
    assert body[comment.start : comment.end] == "<!-- c -->"
    assert [body[t.start : t.end] for t in index.end_tags] == ["</a>", "</p>"]


def test_crlf_exact_offsets() -> None:
    index = index_of(CRLF_BODY)
    assert element_rows(index) == [("p", 0, 3, 38, 42, True, -1), ("a", 5, 19, 20, 24, True, 0)]
    assert attribute_rows(index) == [("href", "x", 10, 18, 7)]
    assert comment_rows(index) == [(26, 36, " c ")]


def test_cr_only_exact_offsets() -> None:
    index = index_of(CRLF_BODY.replace("\r\n", "\r"))
    assert element_rows(index) == [("p", 0, 3, 34, 38, True, -1), ("a", 4, 17, 18, 22, True, 0)]
    assert attribute_rows(index) == [("href", "x", 8, 16, 6)]
    assert comment_rows(index) == [(23, 33, " c ")]


def test_astral_characters_count_one_code_point() -> None:
    text = "😀😀<p title='😀'>x</p>\n😀<b>y</b>"
    index = index_of(text)
    assert element_rows(index) == [
        ("p", 2, 15, 16, 20, True, -1),
        ("b", 22, 25, 26, 30, True, -1),
    ]
    lines = LineIndex.of(text)
    assert [lines.position(e.start) for e in index.elements] == [Position(1, 3), Position(2, 2)]


FRONT_MATTER = "---\ntitle: x\n---\n"


def test_offsets_include_the_body_start() -> None:
    text = FRONT_MATTER + "<p class='a'>x<!--c--></p>\n</span>\n"
    body_start = len(FRONT_MATTER)
    assert body_start == 17
    index = build_index(text, body_start, len(text))
    assert (index.body_start, index.body_end) == (17, len(text))
    assert element_rows(index) == [("p", 17, 30, 39, 43, True, -1)]
    assert attribute_rows(index) == [("class", "a", 20, 29, 19)]
    assert comment_rows(index) == [(31, 39, "c")]
    assert end_tag_rows(index) == [("p", 39, 43, False), ("span", 44, 51, True)]
    assert text[31:39] == "<!--c-->"


def test_unclosed_elements_close_at_body_end_not_text_end() -> None:
    text = "<!--x--><div><p>a</p>tail that is not body"
    index = build_index(text, 8, 21)
    assert element_rows(index) == [
        ("div", 8, 13, 21, 21, False, -1),
        ("p", 13, 16, 17, 21, True, 0),
    ]
    assert index.comments == ()


# --- code mask ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("<p>a</p>", (), id="no-code"),
        pytest.param("```\n<!-- x -->\n<p>\n```\n<p>y</p>", ((0, 22),), id="backtick-fence"),
        pytest.param("~~~~ html\n<b>\n~~~~\n<i>", ((0, 18),), id="tilde-fence-info-string"),
        pytest.param("```\r\n<b>\r\n```\r\n<i>", ((0, 14),), id="crlf-fence"),
        pytest.param(" ```\n<b>\n   ```\n<i>", ((0, 15),), id="fence-indented-3"),
        pytest.param("```\n<b>\n~~~\n<i>", ((0, 15),), id="other-fence-does-not-close"),
        pytest.param("````\n```\n````\n<i>", ((0, 13),), id="shorter-fence-does-not-close"),
        pytest.param("```\n<b>", ((0, 7),), id="unclosed-fence-to-end"),
        pytest.param("a `<!-- c -->` b <i>", ((2, 14),), id="code-span"),
        pytest.param("``<b>`x``<i>", ((0, 9),), id="double-backtick-span"),
        pytest.param("`a` and `b`", ((0, 3), (8, 11)), id="two-spans"),
        pytest.param("a `</p>` b", (), id="span-with-end-tag-not-masked"),
        pytest.param("`a\nb` <i>", (), id="span-not-across-lines"),
        pytest.param("    <!-- indented -->", (), id="indented-code-not-masked"),
        pytest.param("    ```\n<b>\n```\n<i>", ((12, 19),), id="fence-indented-4-is-not-a-fence"),
        pytest.param("```js`\n<b>", (), id="backtick-in-backtick-info-string"),
        pytest.param("`x`\n```\n<b>\n```\n`y`", ((0, 3), (4, 15), (16, 19)), id="spans-and-fence"),
    ],
)
def test_code_regions(body: str, expected: tuple[tuple[int, int], ...]) -> None:
    assert code_regions(body) == expected


def test_blank_regions_keeps_length_and_line_breaks() -> None:
    body = "a\n```\r\n<!-- x -->\n```\nb `<i>` c"
    regions = code_regions(body)
    assert regions == ((2, 21), (24, 29))
    blanked = blank_regions(body, regions)
    assert blanked == "a\n   \r\n" + " " * 10 + "\n   \nb " + " " * 5 + " c"
    assert len(blanked) == len(body)


def test_blank_regions_without_regions_is_identity() -> None:
    body = "<p>a</p>"
    assert blank_regions(body, ()) is body


def test_code_is_not_indexed() -> None:
    body = "```html\n<!-- example -->\n<p class='x'>code</p>\n```\n`<b>` <i>t</i>\n"
    index = index_of(body)
    assert index.comments == ()
    assert element_rows(index) == [("i", 57, 60, 61, 65, True, -1)]
    assert index.tokenized_body == (
        " " * 7
        + "\n"
        + " " * 16
        + "\n"
        + " " * 21
        + "\n"
        + " " * 3
        + "\n"
        + " " * 5
        + " <i>t</i>\n"
    )


def test_indented_code_is_indexed() -> None:
    index = index_of("<p>x</p>\n    <!-- indented -->\n")
    assert comment_rows(index) == [(13, 30, " indented ")]


def test_span_holding_an_end_tag_is_indexed_as_html() -> None:
    body = 'x = `<span class="token">${a}</span>`'
    index = index_of(body)
    assert index.code_regions == ()
    assert element_rows(index) == [("span", 5, 25, 29, 36, True, -1)]


def test_code_regions_are_body_relative_and_in_code_takes_text_offsets() -> None:
    text = FRONT_MATTER + "a `<b>` c\n"
    index = build_index(text, 17, len(text))
    assert index.code_regions == ((2, 7),)
    assert [offset for offset in range(len(text)) if index.in_code(offset)] == list(range(19, 24))


@pytest.mark.parametrize("fence", ["```", "~~~"])
def test_fence_with_cr_only_line_endings(fence: str) -> None:
    # The article's lines may end with a lone "\r" (LineIndex counts them as line breaks).
    body = f"{fence}\r<!-- x -->\r</p>\r{fence}\r<i>y</i>"
    index = index_of(body)
    assert index.code_regions == ((0, 23),)
    assert index.comments == ()
    assert end_tag_rows(index) == [("i", 28, 32, False)]


# --- html5lib parse errors ----------------------------------------------------------------


def parse_errors(text: str) -> list[tuple[str, str, tuple[tuple[str, str], ...]]]:
    article = Article.from_text(text)
    index = build_index(article.text, article.body_start, article.body_end)
    errors = html5lib_errors(index, article.source.lines)
    return [(error.code, text[error.start : error.end], error.details) for error in errors]


def test_no_errors() -> None:
    article = Article.from_text(FRONT_MATTER + "<p>a</p>\n")
    index = build_index(article.text, article.body_start, article.body_end)
    assert html5lib_errors(index, article.source.lines) == ()


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_unexpected_end_tag_is_placed_on_the_end_tag(newline: str) -> None:
    text = FRONT_MATTER + "<p>a</p>\n<p>2021年5月26日😀</span></p>\n"
    text = text.replace("\n", newline)
    article = Article.from_text(text)
    index = build_index(article.text, article.body_start, article.body_end)
    [error] = html5lib_errors(index, article.source.lines)
    start = text.index("</span>")
    assert error == ParseError("unexpected-end-tag", start, start + 7, (("name", "span"),))


def test_unexpected_end_tag_on_the_first_body_line() -> None:
    assert parse_errors(FRONT_MATTER + "<p>a</span></p>\n") == [
        ("unexpected-end-tag", "</span>", (("name", "span"),))
    ]


def test_unexpected_end_tag_without_front_matter() -> None:
    article = Article.from_text("<p>a</span></p>")
    index = build_index(article.text, article.body_start, article.body_end)
    assert html5lib_errors(index, article.source.lines) == (
        ParseError("unexpected-end-tag", 4, 11, (("name", "span"),)),
    )


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_duplicate_attribute_is_placed_on_the_start_tag(newline: str) -> None:
    text = FRONT_MATTER.replace("\n", newline) + f'<p>x</p>{newline}<p a="1" a="2">b</p>{newline}'
    assert parse_errors(text) == [("duplicate-attribute", '<p a="1" a="2">', ())]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_bad_character_references_are_placed_on_the_ampersand(newline: str) -> None:
    text = (FRONT_MATTER + "<p>a</p>\n<p>AT&T &#xZZ; &foo; &#0; &amp</p>\n").replace("\n", newline)
    # "AT&T" is text under the current HTML standard (html5lib 1.1 says otherwise: dropped).
    assert parse_errors(text) == [
        ("expected-numeric-entity", "&#xZZ;", ()),
        ("expected-named-entity", "&foo;", ()),
        ("illegal-codepoint-for-numeric-entity", "&#0;", (("charAsInt", 0),)),
        ("named-entity-without-semicolon", "&amp", ()),
    ]


def test_errors_on_a_line_after_crlf_inside_an_element() -> None:
    text = FRONT_MATTER + "<p>a\r\nb\r\n&#0;</p>\n"
    assert parse_errors(text) == [
        ("illegal-codepoint-for-numeric-entity", "&#0;", (("charAsInt", 0),))
    ]


def test_error_at_end_of_body_is_an_empty_span_there() -> None:
    text = FRONT_MATTER + "<p>a</p>\n<div/>\n"
    article = Article.from_text(text)
    index = build_index(article.text, article.body_start, article.body_end)
    errors = html5lib_errors(index, article.source.lines)
    assert [(e.code, e.start, e.end) for e in errors] == [
        ("non-void-element-with-trailing-solidus", 26, 32),
        ("expected-closing-tag-but-got-eof", len(text), len(text)),
    ]


def test_code_is_not_parsed_by_html5lib() -> None:
    assert parse_errors(FRONT_MATTER + "```\n</span>\n```\n`&#0;`\n<p>a</p>\n") == []


@pytest.mark.parametrize(
    "regions",
    [(), ((0, 2),), ((0, 2), (2, 5), (7, 9)), ((1, 4), (6, 7), (9, 12))],
)
def test_in_regions_is_the_half_open_test_of_each_region(
    regions: tuple[tuple[int, int], ...],
) -> None:
    for offset in range(-1, 14):
        expected = any(start <= offset < end for start, end in regions)
        assert in_regions(regions, offset) is expected, offset
