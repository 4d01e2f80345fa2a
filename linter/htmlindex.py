"""The HTML span index: every element, attribute and comment of a body with its exact span.

Why the stdlib tokenizer and not html5lib's
-------------------------------------------
Rules need raw source spans (the ``<`` of a start tag, an attribute's name, the ``>`` of the
matching end tag) so that they can point at a construct and remove exactly its bytes.
html5lib's tree carries no positions, and driving its private tokenizer alone mis-reads
script and style content (the tree builder switches its states).  ``html.parser`` with
``convert_charrefs=False`` reports the exact start of every token through ``getpos()`` and the
raw start tag through ``get_starttag_text()``; attribute spans are recovered by re-scanning
that raw text with the same patterns the tokenizer used.  Measured here (Python 3.11, one
core): this index takes 0.18 ms on the seed and 0.10 ms per article on the synthetic corpus
(5.3 KB mean); html5lib's ``parseFragment`` takes 0.38 ms and 0.26 ms, and gives no
positions.  So the index serves every rule, and html5lib runs only for the rule that needs
the spec's parse errors (HT006), once per body, and as a guard in the fix loop.

Most bodies are plain markup, which :func:`_scan` reads itself, one regular expression per
token, giving the tree builder exactly the tokens html.parser would (0.095 ms per synthetic
article instead of 0.19 ms); any construct it does not model sends the body to html.parser.

The tree is rebuilt from the token stream with a plain open-element stack: an end tag closes
the nearest open element of its name (implicitly closing those above it); an end tag with no
open element of its name is *stray*.  That is enough to find an element's extent for removal,
and deliberately no more: HT006 reports real misnesting with html5lib's own codes.

Offsets are into the article text (the body's offset is added), so they go straight to the
article's :class:`~artlint.source.LineIndex`.  Code regions (see :mod:`artlint.codemask`) are
blanked before tokenising, so nothing inside them is indexed.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from artlint.codemask import blank_regions, code_regions, in_regions

#: Elements that never have an end tag (HTML Living Standard, "void elements").
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)

# The patterns html.parser (3.11-3.13) uses inside a start tag, copied so that attribute
# spans are found exactly where the tokenizer found the attributes.
_TAG_NAME = re.compile(r"([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|/(?!>))*")
_ATTRIBUTE = re.compile(
    r"((?<=['\"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*"
    r"('[^']*'|\"[^\"]*\"|(?!['\"])[^>\s]*))?(?:\s|/(?!>))*"
)


@dataclass(frozen=True, slots=True)
class Attribute:
    """One attribute of a start tag; ``start`` is its name, ``end`` the end of its value."""

    name: str
    value: str | None
    start: int
    end: int
    #: Where removing the attribute starts: the end of the token before it, so that the
    #: space that separated it goes too (``<p cms-style="x">`` becomes ``<p>``).
    removal_start: int


@dataclass(frozen=True, slots=True)
class Element:
    """An element: its start tag's span and, when it was closed by its own end tag, that too.

    ``end`` is the end of the element: after the ``>`` of its end tag, or of its start tag
    for void and self-closed elements.  An element closed only implicitly (by an enclosing end
    tag or the end of the body) has ``closed`` false and ``end`` where it was closed.
    """

    index: int
    tag: str
    start: int
    start_tag_end: int
    content_end: int
    end: int
    closed: bool
    parent: int
    attributes: tuple[Attribute, ...]
    #: How many elements enclose it in the index (which models no implied end tag).
    depth: int = 0

    def attribute(self, name: str) -> Attribute | None:
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        return None

    @property
    def classes(self) -> tuple[str, ...]:
        attribute = self.attribute("class")
        return tuple(attribute.value.split()) if attribute and attribute.value else ()

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment from ``<!--`` to ``-->``; ``text`` is what lies between them."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class EndTag:
    """An end tag; ``stray`` when no open element of its name was there to close."""

    tag: str
    start: int
    end: int
    stray: bool


@dataclass(frozen=True, slots=True)
class HtmlIndex:
    """The indexed body: elements in document order, comments, end tags."""

    text: str
    body_start: int
    body_end: int
    elements: tuple[Element, ...]
    comments: tuple[Comment, ...]
    end_tags: tuple[EndTag, ...]
    code_regions: tuple[tuple[int, int], ...]
    #: The body as the tokenizer saw it (code regions blanked), for html5lib.
    tokenized_body: str
    #: Spans of every start tag, end tag and comment, sorted: what is markup, not text.
    tokens: tuple[tuple[int, int], ...] = ()
    #: text_of results by element index: several pack entries ask for the same paragraph.
    _texts: dict[int, str] = field(default_factory=dict, compare=False, repr=False)
    #: The body's text with every token removed, and where each token ended in it: built
    #: the first time a large element's text is asked for (see ``_text_of``).
    _plain: list[tuple[str, list[int], list[int]]] = field(
        default_factory=list, compare=False, repr=False
    )

    def text_of(self, element: Element) -> str:
        """The element's text content: tags dropped, references decoded, spaces collapsed.

        Only what the tokenizer read as markup is dropped, so a literal ``<`` in text
        (``收益率 < 2%``) stays.
        """
        known = self._texts.get(element.index)
        if known is None:
            known = self._texts[element.index] = self._text_of(element)
        return known

    def _text_of(self, element: Element) -> str:
        start, end = element.start_tag_end, element.content_end
        first = bisect.bisect_left(self.tokens, (start, start))
        if first + _FEW_TOKENS < len(self.tokens) and self.tokens[first + _FEW_TOKENS][0] < end:
            # Many tokens inside: slice the token-free text instead of walking them, so
            # that the texts of deeply nested elements cost C time, not a loop each.
            plain = self._plain_offset(start), self._plain_offset(end)
            return " ".join(html.unescape(self._plain[0][0][plain[0] : plain[1]]).split())
        parts = []
        position = start
        tokens = self.tokens
        # By index: a slice of the rest of the list would copy it for every element, which
        # is quadratic in a 50 MB body.
        for at in range(first, len(tokens)):
            token_start, token_end = tokens[at]
            if token_start >= end:
                break
            parts.append(self.text[position:token_start])
            position = max(position, token_end)
        parts.append(self.text[position:end])
        # Runs of whitespace become one space, none at the ends: split() and join() do in C
        # what substituting r"\s+" and stripping did (the same whitespace), 3x faster.
        return " ".join(html.unescape("".join(parts)).split())

    def _plain_offset(self, offset: int) -> int:
        """Where text offset ``offset`` (not inside a token) falls in the token-free text."""
        if not self._plain:
            pieces = []
            ends: list[int] = []
            after: list[int] = []  # the token-free text's length at each token's end
            position, length = self.body_start, 0
            for token_start, token_end in self.tokens:
                piece = self.text[position:token_start]
                pieces.append(piece)
                length += len(piece)
                ends.append(token_end)
                after.append(length)
                position = token_end
            pieces.append(self.text[position : self.body_end])
            self._plain.append(("".join(pieces), ends, after))
        _, ends, after = self._plain[0]
        before = bisect.bisect_right(ends, offset)  # tokens that end at or before offset
        if before < len(self.tokens) and self.tokens[before][0] < offset:
            offset = self.tokens[before][0]  # inside a token: its text starts after it
        if before == 0:
            return offset - self.body_start
        return after[before - 1] + offset - ends[before - 1]

    def ancestors(self, element: Element) -> list[Element]:
        chain = []
        parent = element.parent
        while parent >= 0:
            chain.append(self.elements[parent])
            parent = self.elements[parent].parent
        return chain

    def in_code(self, offset: int) -> bool:
        return in_regions(self.code_regions, offset - self.body_start)


class _Open:
    """An element whose end has not been seen yet."""

    __slots__ = ("attributes", "depth", "index", "parent", "start", "start_tag_end", "tag")

    def __init__(
        self,
        index: int,
        tag: str,
        start: int,
        start_tag_end: int,
        parent: int,
        attributes: tuple[Attribute, ...],
        depth: int = 0,
    ) -> None:
        self.depth = depth
        self.index = index
        self.tag = tag
        self.start = start
        self.start_tag_end = start_tag_end
        self.parent = parent
        self.attributes = attributes

    def close(self, content_end: int, end: int, *, closed: bool) -> Element:
        return Element(
            self.index,
            self.tag,
            self.start,
            self.start_tag_end,
            content_end,
            end,
            closed,
            self.parent,
            self.attributes,
            self.depth,
        )


def _attributes(raw_tag: str, start: int) -> tuple[Attribute, ...]:
    """Attribute spans of a raw start tag found at text offset ``start``."""
    name = _TAG_NAME.match(raw_tag, 1)
    if name is None:
        return ()
    attributes = []
    previous_end = name.end(1)
    position = name.end()
    while position < len(raw_tag):
        match = _ATTRIBUTE.match(raw_tag, position)
        if match is None:
            break
        value: str | None = None
        if match.group(2) is not None:
            value = str(match.group(3))
            if value[:1] in "'\"" and value[:1] == value[-1:] and len(value) > 1:
                value = value[1:-1]
        end = match.end(2) if match.group(2) is not None else match.end(1)
        attributes.append(
            Attribute(
                name=match.group(1).lower(),
                value=html.unescape(value) if value else value,
                start=start + match.start(1),
                end=start + end,
                removal_start=start + previous_end,
            )
        )
        previous_end = end
        position = match.end()
    return tuple(attributes)


#: Elements whose content is text to the HTML parser, never markup: html.parser knows only
#: script and style; a browser also reads xmp, iframe, noembed, noframes, textarea and
#: title this way, so a "comment" shown inside <xmp> must not be removed.
RAW_TEXT_ELEMENTS = ("script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title")
#: Elements whose "/>" really closes them: inside svg and math (foreign content) only.
FOREIGN_ROOTS = frozenset({"svg", "math"})
#: Elements holding more tokens than this get their text from the token-free body.
_FEW_TOKENS = 32
#: Deepest nesting of elements that is parsed as written: Blink's HTML parser (Chrome, Edge)
#: puts deeper elements beside the 512th instead of inside it, and html5lib's cost grows
#: with the square of the depth, so deeper bodies are reported without running it.
MAX_NESTING = 512
#: Elements html5lib closes implicitly when a sibling starts, so the index's nesting of
#: them (which models no implied end tag) is not counted as depth.
IMPLICITLY_CLOSED = frozenset(
    {"p", "li", "dd", "dt", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot"}
    | {"caption", "colgroup", "rb", "rp", "rt", "rtc"}
)


def too_deep(index: HtmlIndex) -> Element | None:
    """The first element nested more than :data:`MAX_NESTING` levels deep, if any."""
    depths: list[int] = []
    for element in index.elements:
        depth = depths[element.parent] if element.parent >= 0 else 0
        if element.tag not in IMPLICITLY_CLOSED:
            depth += 1
            if depth > MAX_NESTING:
                return element
        depths.append(depth)
    return None


# A comment ends at the first "-->" or "--!>" (WHATWG "comment end bang state"), and
# "<!-->" / "<!--->" are complete empty comments.  Python 3.11's html.parser only knows
# "--\s*>", and would read on past "--!>", swallowing the markup after it.
_COMMENT_END = re.compile(r"--!?>")


class _Builder:
    """The element tree from a stream of tokens, whichever tokenizer read them.

    Tokens come with their text offsets: ``start`` at the ``<`` and ``end`` after the ``>``.
    """

    def __init__(self) -> None:
        self._open: list[_Open] = []
        #: How many elements of each name are open: a stray end tag or a self-closed tag
        #: is known without walking the stack (10,000 open elements made that quadratic).
        self._open_names: dict[str, int] = {}
        self._elements: list[Element | None] = []
        self.comments: list[Comment] = []
        self.end_tags: list[EndTag] = []

    def elements(self) -> tuple[Element, ...]:
        return tuple(element for element in self._elements if element is not None)

    def start_tag(
        self, tag: str, start: int, end: int, attributes: tuple[Attribute, ...], self_closing: bool
    ) -> None:
        index = len(self._elements)
        parent = self._open[-1].index if self._open else -1
        opened = _Open(index, tag, start, end, parent, attributes, len(self._open))
        # Browsers ignore "/>" on an HTML element that is not void: <div/> opens a div.
        open_names = self._open_names
        if tag in VOID_ELEMENTS or (
            self_closing
            and (tag in FOREIGN_ROOTS or open_names.get("svg") or open_names.get("math"))
        ):
            self._elements.append(opened.close(end, end, closed=True))
        else:
            self._elements.append(None)
            self._open.append(opened)
            open_names[tag] = open_names.get(tag, 0) + 1

    def end_tag(self, tag: str, start: int, end: int) -> None:
        open_elements, open_names = self._open, self._open_names
        if open_elements and open_elements[-1].tag == tag:  # most end tags
            self.end_tags.append(EndTag(tag, start, end, stray=False))
            opened = open_elements.pop()
            open_names[tag] -= 1
            self._elements[opened.index] = opened.close(start, end, closed=True)
            return
        if not open_names.get(tag):
            self.end_tags.append(EndTag(tag, start, end, stray=True))
            return
        # The walk stops at the element it closes and pops all it passed: linear overall.
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth].tag == tag:
                break
        self.end_tags.append(EndTag(tag, start, end, stray=False))
        while len(self._open) > depth + 1:
            implicit = self._open.pop()
            open_names[implicit.tag] -= 1
            self._elements[implicit.index] = implicit.close(start, start, closed=False)
        opened = self._open.pop()
        open_names[tag] -= 1
        self._elements[opened.index] = opened.close(start, end, closed=True)

    def comment(self, start: int, end: int, data: str) -> None:
        self.comments.append(Comment(start, end, data))

    def finish(self, body_end: int) -> None:
        while self._open:
            opened = self._open.pop()
            self._elements[opened.index] = opened.close(body_end, body_end, closed=False)


class _Indexer(HTMLParser):
    """html.parser driving a :class:`_Builder`: the tokenizer for any body."""

    CDATA_CONTENT_ELEMENTS = RAW_TEXT_ELEMENTS  # type: ignore[misc]  # widened on purpose

    def __init__(self, builder: _Builder, body_start: int, body: str) -> None:
        super().__init__(convert_charrefs=False)
        self.builder = builder
        self._body = body
        self._base = body_start
        self._line_starts = [0]
        self._line_starts.extend(match.end() for match in re.finditer("\n", body))

    def parse_comment(self, i: int, report: bool = True) -> int:
        rawdata = self.rawdata
        for empty in ("<!-->", "<!--->"):
            if rawdata.startswith(empty, i):
                if report:
                    self.handle_comment("")
                return i + len(empty)
        match = _COMMENT_END.search(rawdata, i + 4)
        if match is None:
            return -1
        if report:
            self.handle_comment(rawdata[i + 4 : match.start()])
        return match.end()

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """``<![CDATA[...]]>`` and kin; any other ``<![`` is a bogus comment up to ``>``.

        html.parser (Python 3.11/3.12) asserts on a keyword it does not know (``<![foo[``,
        ``<![``); the HTML standard reads every ``<![`` in HTML content as a bogus comment,
        as html5lib does (and HT006 reports it).
        """
        position = self.getpos()
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = position  # _scan_name moved them before raising
        end = self.rawdata.find(">", i + 3)
        if end < 0:
            return -1  # html.parser then reads the rest as text
        if report:
            self.handle_comment(self.rawdata[i + 2 : end])
        return end + 1

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._base + self._line_starts[line - 1] + column

    def _after(self, char: str, offset: int) -> int:
        """The text offset just after the first ``char`` at or after text ``offset``."""
        found = self._body.find(char, offset - self._base)
        return self._base + (found + 1 if found >= 0 else len(self._body))

    def _start_tag(self, tag: str, *, self_closing: bool) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        end = start + len(raw)
        self.builder.start_tag(tag, start, end, _attributes(raw, start), self_closing)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start_tag(tag, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start_tag(tag, self_closing=True)

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        self.builder.end_tag(tag, start, self._after(">", start))

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        # "<!--" opens a real comment; "<!x>" and "</3>" are bogus comments (two-character
        # prefix) that html.parser reports the same way.
        prefix = 4 if self._body.startswith("<!--", start - self._base) else 2
        self.builder.comment(start, self._after(">", start + prefix + len(data)), data)


# -- The fast tokenizer ---------------------------------------------------------------------
# Most bodies are plain, well-formed markup, for which html.parser's general machinery
# (a method call, a position update and several regular expressions per token) is most of
# the cost of indexing.  _scan reads such a body with one pattern per token and gives the
# builder exactly the calls html.parser would; at the first construct it does not model
# exactly it gives up, and the body is indexed by html.parser instead.  Modelled: start tags
# whose attributes are separated by ASCII whitespace with quoted or simple unquoted values,
# end tags as html.parser's ``endtagfind`` reads them, comments (the index's own rule),
# raw-text elements ending at their end tag, "<" that starts no token, "<?...>" and
# "<!doctype ...>".  tests/test_htmlindex.py checks that both tokenizers agree.

_WS = "[ \t\n\r\f]"
# A start tag that html.parser reads exactly like this: its name (html.parser's own pattern),
# attributes (each after whitespace: a name, and a value after "=", quoted or unquoted
# without quotes, "=", "<", ">", "`" or whitespace), optional whitespace, then ">" or "/>".
# Every part ends at a character it cannot hold, so the match is unique.  An unquoted value
# may end in "/" and then "/>" is not self-closing: html.parser takes the "/" into the value.
_STRICT_NAME = "[^\\s\"'<>/=`\\x00]+"
_STRICT_VALUE = "\"[^\"]*\"|'[^']*'|[^\\s\"'=<>`\\x00]+"
_STRICT_START_TAG = re.compile(
    rf"<([a-zA-Z][^\t\n\r\f />\x00]*)((?:{_WS}+{_STRICT_NAME}"
    rf"(?:{_WS}*={_WS}*(?:{_STRICT_VALUE}))?)*){_WS}*(/?)>"
)
#: One attribute of a strict start tag, with the whitespace before it.
_STRICT_ATTRIBUTE = re.compile(rf"{_WS}+({_STRICT_NAME})(?:{_WS}*={_WS}*({_STRICT_VALUE}))?")
#: html.parser's ``endtagfind``: the end tags it reads without its tolerant fallbacks.
_END_TAG = re.compile(r"</\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>")
#: Where html.parser's ``set_cdata_mode`` looks for the end of a raw-text element.
_RAW_TEXT_END = {name: re.compile(rf"</\s*{name}\s*>", re.I) for name in RAW_TEXT_ELEMENTS}
# html.parser stops tokenizing at "&#" that starts no complete character reference (and, the
# second time, takes the rest of the body as text): such a body is left to html.parser.
_BAD_CHARREF = re.compile(r"&#(?![0-9]+[^0-9a-fA-F]|[xX][0-9a-fA-F]+[^0-9a-fA-F])")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _strict_attributes(raw: str, start: int, name_end: int, end: int) -> tuple[Attribute, ...]:
    """:func:`_attributes` of a start tag that :data:`_STRICT_START_TAG` matched, with at
    least one attribute after ``name_end`` in ``raw``: each is one plain match."""
    attributes = []
    previous_end = name_end
    position = name_end
    while position < end:
        match = _STRICT_ATTRIBUTE.match(raw, position)
        assert match is not None  # the start tag matched: so does each attribute
        value = match.group(2)
        if value is None:
            attribute_end = match.end(1)
        else:
            attribute_end = match.end(2)
            if value[0] in "'\"":
                value = value[1:-1]
            if value:
                value = html.unescape(value)
        attributes.append(
            Attribute(
                name=match.group(1).lower(),
                value=value,
                start=start + match.start(1),
                end=start + attribute_end,
                removal_start=start + previous_end,
            )
        )
        previous_end = attribute_end
        position = match.end()
    return tuple(attributes)


def _raw_text_end(body: str, tag: str, position: int) -> re.Match[str] | None:
    """The end tag that ends raw-text element ``tag`` (content from ``position``), when
    html.parser would read it as that end tag at once (None: no end tag, or an odd one)."""
    close = _RAW_TEXT_END[tag].search(body, position)
    if close is None:
        return None
    end_tag = _END_TAG.match(body, close.start())
    if end_tag is None or end_tag.end() != close.end() or end_tag.group(1).lower() != tag:
        return None
    return end_tag


def _scan(body: str, base: int, builder: _Builder) -> bool:
    """Tokenize ``body`` into ``builder`` as html.parser would; False when it cannot.

    ``base`` is the body's offset in the text.  On False the builder holds a partial result
    and must be thrown away.
    """
    if "&#" in body and _BAD_CHARREF.search(body) is not None:
        return False
    find = body.find
    start_tag = _STRICT_START_TAG.match
    position = 0
    while True:
        i = find("<", position)
        if i < 0:
            return True
        following = body[i + 1 : i + 2]
        if following in _LETTERS:
            match = start_tag(body, i)
            if match is None:
                return False
            position = match.end()
            tag = match.group(1).lower()
            self_closing = match.group(3) == "/"
            attributes = (
                _strict_attributes(match.group(), base + i, match.end(1) - i, match.end(2) - i)
                if match.end(2) != match.end(1)
                else ()
            )
            builder.start_tag(tag, base + i, base + position, attributes, self_closing)
            if tag in _RAW_TEXT_END and not self_closing:
                close = _raw_text_end(body, tag, position)
                if close is None:
                    return False
                builder.end_tag(tag, base + close.start(), base + close.end())
                position = close.end()
        elif following == "/":
            match = _END_TAG.match(body, i)
            if match is None:
                return False
            position = match.end()
            builder.end_tag(match.group(1).lower(), base + i, base + position)
        elif following == "!":
            if body.startswith("<!--", i):
                if body.startswith("<!-->", i) or body.startswith("<!--->", i):
                    position = i + (5 if body.startswith("<!-->", i) else 6)
                    builder.comment(base + i, base + position, "")
                    continue
                end = _COMMENT_END.search(body, i + 4)
                if end is None:
                    return False
                position = end.end()
                builder.comment(base + i, base + position, body[i + 4 : end.start()])
            elif body[i : i + 9].lower() == "<!doctype":
                gt = find(">", i + 9)
                if gt < 0:
                    return False
                position = gt + 1
            else:
                return False
        elif following == "?":
            gt = find(">", i + 2)
            if gt < 0:
                return False
            position = gt + 1
        else:  # "<" before a space, a digit...: text; at the very end: text too
            position = i + 1


def build_index(text: str, body_start: int, body_end: int) -> HtmlIndex:
    """Index ``text[body_start:body_end]``; all offsets in the result are into ``text``."""
    body = text[body_start:body_end]
    regions = code_regions(body)
    tokenized = blank_regions(body, regions)
    builder = _tokenize(tokenized, body_start)
    builder.finish(body_end)
    elements = builder.elements()
    tokens = [(element.start, element.start_tag_end) for element in elements]
    tokens.extend((tag.start, tag.end) for tag in builder.end_tags)
    tokens.extend((comment.start, comment.end) for comment in builder.comments)
    return HtmlIndex(
        text=text,
        body_start=body_start,
        body_end=body_end,
        elements=elements,
        comments=tuple(builder.comments),
        end_tags=tuple(builder.end_tags),
        code_regions=regions,
        tokenized_body=tokenized,
        tokens=tuple(sorted(tokens)),
    )


def _tokenize(body: str, body_start: int, *, fast: bool = True) -> _Builder:
    """The builder fed with every token of ``body``: by :func:`_scan` when it can read the
    body, else by html.parser (``fast`` False: always html.parser, for tests)."""
    if fast:
        builder = _Builder()
        if _scan(body, body_start, builder):
            return builder
    builder = _Builder()
    indexer = _Indexer(builder, body_start, body)
    indexer.feed(body)
    indexer.close()
    return builder
