"""Whether a body needs html5lib at all: a cheap, conservative test for parse errors.

HT006 reports html5lib's parse errors, and parsing every body with html5lib costs more than
the rest of a lint.  Most bodies have no parse error, and for a body written in a small,
well-behaved subset of HTML that can be shown without html5lib.  :func:`needs_html5lib`
reads the body once, as html5lib's tokenizer and "in body" tree construction would, and
answers False only when it has followed every step and none of them is a parse error
(after :func:`artlint.parse_errors.html5lib_errors`' filter).  Anything it does not model
exactly answers True, and html5lib decides.

What it models (each step checked against html5lib 1.1's ``_tokenizer.py`` and
``html5parser.py``):

* Characters: no NUL, C0/C1 control or noncharacter code point (the input stream's
  ``invalid-codepoint``).
* Markup: every ``<`` starts a strict token: a start tag (ASCII name, attributes separated by
  whitespace, values quoted or unquoted without ``" ' = < > ```, a ``/`` only in a final
  ``/>``, no attribute name twice), an end tag ``</name>`` (whitespace before ``>`` only), or
  a comment ``<!--...-->`` whose text does not start with ``>``/``->``, holds no ``--`` and
  does not end with ``-``.  Anything else after ``<`` (a space, a digit, ``</>``, ``<!``
  doctype or CDATA, ``<?``, the end of the body) is an error or not modelled.
* Character references: ``&name;`` with a known name, ``&#n;``/``&#xh;`` with an allowed code
  point.  An ``&`` followed by letters and digits and no ``;`` is text under the current
  standard, and html5lib's ``expected-named-entity`` for it is dropped by the filter; unless
  a legacy name that may end without ``;`` (``&amp``, ``&not``, ``&copy``...) starts the run,
  for which html5lib reports ``named-entity-without-semicolon``.
* Tree construction in body, with the stack of open elements: the start tags that close an
  open ``p`` (and must find it as the current node once ``li``, ``dd``... are closed),
  headings (not nested), ``li``/``dd``/``dt`` (closing the previous item as html5lib does),
  formatting elements (their end tag must close the current node, no ``a`` or ``nobr`` inside
  another), void elements (the only ones allowed a ``/>``), raw-text elements (``style``,
  ``script``, ``title``, ``textarea``, ``xmp``, ``iframe``, ``noembed``, ``noframes``: the next
  ``<`` must be their own end tag), and every other element, whose end tag must close the
  current node.  At the end only ``p``, ``li``, ``dd`` and ``dt`` may be left open.
* Not modelled, so True: tables, forms, buttons, select/option, ruby, ``html``/``head``/
  ``body``/``frameset``, foreign content (``svg``, ``math``), ``applet``/``marquee``/
  ``object`` (they add formatting markers), ``plaintext``, ``image``, ``isindex``.

With nothing to model that html5lib would flag, no formatting element is ever closed except
by its own end tag, so html5lib's list of active formatting elements mirrors the open ones:
its reconstruction and adoption agency steps never run, and the plain stack is exact.

tests/test_parse_gate.py checks the claim (gate False implies no html5lib error) on the
real and synthetic corpora, on mutated bodies and on the hard-coded name sets against
html5lib's own tables.
"""

from __future__ import annotations

import re
from html.entities import html5 as _ENTITIES

from artlint.htmlindex import MAX_NESTING, HtmlIndex

# html5lib's space characters (not Python's \s, which takes U+3000 and U+00A0 too).
_WS = "\t\n\f\r "
_NAME = r"[A-Za-z][A-Za-z0-9:_.\-]*"
_ATTRIBUTE_NAME = r"[^\t\n\f\r />\"'<=\x00]+"
_VALUE = r"(?:\"[^\"]*\"|'[^']*'|[^\t\n\f\r \"'<=>`\x00]+)"
_ATTRIBUTE = rf"[{_WS}]+{_ATTRIBUTE_NAME}(?:[{_WS}]*=[{_WS}]*{_VALUE})?"
# One alternative per token kind; the empty last one matches a "<" that starts none of them.
# No alternative can match a token in two ways (each quantified run is ended by a character
# it cannot hold), so a match is the token html5lib's tokenizer reads there.
_MARKUP = re.compile(
    rf"<(?:({_NAME})((?:{_ATTRIBUTE})?)((?:{_ATTRIBUTE})*)[{_WS}]*(/?)>"
    rf"|/({_NAME})[{_WS}]*>"
    r"|(!--)(?!-?>)[^-]*(?:-(?!-)[^-]*)*-->"
    r"|)"
)
#: ``match.lastindex`` of each kind of token (the "/" group of a start tag always takes part).
_START_TAG, _END_TAG, _COMMENT = 4, 5, 6
_ATTRIBUTE_NAMES = re.compile(rf"[{_WS}]({_ATTRIBUTE_NAME})(?:[{_WS}]*=[{_WS}]*{_VALUE})?")
# html5lib's invalid_unicode_re (C0/C1 controls but tab, LF, FF, CR; noncharacters; lone
# surrogates) and NUL, which its tokenizer reports.
_INVALID = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
    + "".join(f"\\U{plane:04X}FFFE\\U{plane:04X}FFFF" for plane in range(1, 17))
    + "]"
)
# The same with one range for the astral noncharacters, which the regular expression engine
# tests far faster than 32 single characters (15 us against 166 us on a 4 KB body); when it
# finds something (CJK Extension B and later are above U+1FFFE too), _INVALID decides.
_MAYBE_INVALID = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff\U0001fffe-\U0010ffff]"
)
# Every "&": a numeric reference, a name (with its ";" if any), a "#" that starts no complete
# numeric reference (an error: "&#", "&#x;", "&#12"), or anything else ("& ", "&中", "&;": text,
# or an error the filter drops).
_REFERENCE = re.compile(r"&(?:#[xX]([0-9A-Fa-f]+);|#([0-9]+);|([A-Za-z0-9]+)(;?)|(#)|)")
#: Names that are references with their ";" ("amp;") and, for the legacy ones, without.
_NAMED = frozenset(name for name in _ENTITIES if name.endswith(";"))
_LEGACY = frozenset(name for name in _ENTITIES if not name.endswith(";"))
_LEGACY_LENGTHS = tuple(sorted({len(name) for name in _LEGACY}))

# -- Tree construction: what html5lib's "in body" insertion mode does with each tag name. --


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: generateImpliedEndTags pops these while one is the current node.
_IMPLIED = frozenset({"dd", "dt", "li", "option", "optgroup", "p", "rp", "rt"})
_IMPLIED_BUT = {name: _IMPLIED - {name} for name in ("p", "li", "dd", "dt")}
#: html5lib's specialElements (HTML namespace): they stop the walk of an li/dd/dt start tag.
SPECIAL = _names(
    """
    address applet area article aside base basefont bgsound blockquote body br button caption
    center col colgroup command dd details dir div dl dt embed fieldset figure footer form
    frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe image img input isindex li
    link listing marquee menu meta nav noembed noframes noscript object ol p param plaintext
    pre script section select style table tbody td textarea tfoot th thead title tr ul wbr xmp
    """
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Start tags that close an open p first ("startTagCloseP", "startTagPreListing").
P_CLOSING = _names(
    """
    address article aside blockquote center details dir div dl fieldset figcaption figure
    footer header hgroup main menu nav ol p section summary ul pre listing
    """
)
#: End tags handled by "endTagBlock".
BLOCK_END = _names(
    """
    address article aside blockquote button center details dialog dir div dl fieldset
    figcaption figure footer header hgroup listing main menu nav ol pre section summary ul
    """
)
FORMATTING = _names("a b big code em font i nobr s small strike strong tt u")
#: Elements inserted and popped at once, whose "/>" html5lib acknowledges.
VOID = _names(
    """
    area br embed img keygen wbr param source track input meta link base basefont bgsound
    command hr
    """
)
#: Elements whose content the tokenizer reads as text up to their end tag.
RAW_TEXT = _names("style script title textarea xmp iframe noembed noframes")
#: Every other name html5lib treats specially in body (or in the modes these lead to).
NOT_MODELLED = _names(
    """
    applet marquee object body html head frameset frame form button select option optgroup
    table caption col colgroup tbody thead tfoot tr td th image isindex plaintext math svg rp
    rt rb rtc ruby dialog template
    """
)

(_OTHER, _BLOCK, _HEADING, _LIST_ITEM, _FORMAT, _UNIQUE, _VOID, _HR, _RAW, _XMP, _BAIL) = range(11)
_START_KIND: dict[str, int] = {}
_START_KIND.update(dict.fromkeys(P_CLOSING, _BLOCK))
_START_KIND.update(dict.fromkeys(HEADINGS, _HEADING))
_START_KIND.update(dict.fromkeys(("li", "dd", "dt"), _LIST_ITEM))
_START_KIND.update(dict.fromkeys(FORMATTING, _FORMAT))
_START_KIND.update(dict.fromkeys(("a", "nobr"), _UNIQUE))
_START_KIND.update(dict.fromkeys(VOID, _VOID))
_START_KIND["hr"] = _HR
_START_KIND.update(dict.fromkeys(RAW_TEXT, _RAW))
_START_KIND["xmp"] = _XMP
_START_KIND.update(dict.fromkeys(NOT_MODELLED, _BAIL))
_LIST_ITEM_STOPS = {"li": ("li",), "dd": ("dd", "dt"), "dt": ("dd", "dt")}
_ITEM_WALK_PASSES = frozenset({"address", "div", "p"})
#: What may be left open at the end of the body (html5lib's processEOF in body).
_OPEN_AT_END = frozenset({"dd", "dt", "li", "p"})
#: Open formatting elements the gate follows (articles have a few): past that, html5lib.
_MOST_FORMATTING = 32


def needs_html5lib(index: HtmlIndex) -> bool:
    """False only when html5lib would report no parse error (after the filter) for the body."""
    return body_needs_html5lib(index.tokenized_body)


def body_needs_html5lib(body: str) -> bool:
    """:func:`needs_html5lib` for the text html5lib is given (the tokenized body)."""
    if _MAYBE_INVALID.search(body) is not None and _INVALID.search(body) is not None:
        return True
    if "&" in body and _bad_reference(body):
        return True
    if "<" not in body:
        return False
    return _bad_markup(body)


def _bad_reference(body: str) -> bool:
    for match in _REFERENCE.finditer(body):
        hex_digits, digits, name, semicolon, bad_number = match.groups()
        if name is not None:
            if semicolon:
                if name + ";" not in _NAMED:
                    return True
            elif any(name[:length] in _LEGACY for length in _LEGACY_LENGTHS):
                return True
        elif digits is not None or hex_digits is not None:
            if len(match.group()) > 12:  # "&#x" and eight digits at most: > U+10FFFF
                return True
            number = int(digits, 10) if digits is not None else int(hex_digits, 16)
            if not _allowed_code_point(number):
                return True
        elif bad_number:
            return True
    return False


def _allowed_code_point(code: int) -> bool:
    """Whether ``&#code;`` is not an ``illegal-codepoint-for-numeric-entity``."""
    if code < 0x20:
        return code in (0x09, 0x0A, 0x0C)
    if 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF:
        return False
    return code <= 0x10FFFF and code & 0xFFFE != 0xFFFE


def _bad_markup(body: str) -> bool:
    stack: list[str] = []
    # The formatting elements on the stack, with their raw attributes, in the same order.
    formatting: list[tuple[str, str]] = []
    push = stack.append
    kinds = _START_KIND.get
    raw_text = ""  # the raw-text element whose end tag must come next
    for match in _MARKUP.finditer(body):
        token = match.lastindex
        if token == _END_TAG:
            name = match.group(_END_TAG).lower()
            if raw_text:
                if name != raw_text:
                    return True
                raw_text = ""
            elif stack and stack[-1] == name:
                # The current node: closed without an error whatever its kind (the elements
                # html5lib handles otherwise are never on this stack).
                stack.pop()
                if name in FORMATTING:
                    formatting.pop()
            elif name in _IMPLIED_BUT:
                if _close(stack, name, _IMPLIED_BUT[name]):
                    return True
            elif name in BLOCK_END or name in HEADINGS:
                if _close(stack, name, _IMPLIED):
                    return True
            else:
                return True
            continue
        if raw_text or token != _START_TAG:
            if token == _COMMENT and not raw_text:
                continue
            return True  # a "<" that starts no token html5lib reads without an error
        if len(stack) >= MAX_NESTING:
            return True  # html5lib_errors reports the depth (and keeps the checks here linear)
        name, first_attribute, attributes, self_closing = match.group(1, 2, 3, 4)
        name = name.lower()
        kind = kinds(name, _OTHER)
        if self_closing and kind != _VOID and kind != _HR:
            return True  # "/>" on an element that is not void
        if attributes and _duplicate_attribute(first_attribute + attributes):
            return True
        if kind == _OTHER:
            push(name)
        elif kind == _VOID:
            pass
        elif kind in (_FORMAT, _UNIQUE):
            if kind == _UNIQUE and name in stack:
                return True  # <a> in an <a>, <nobr> in a <nobr>
            raw = first_attribute + attributes
            if len(formatting) >= _MOST_FORMATTING:
                return True  # _noahs_ark's look-back would be quadratic: html5lib decides
            if stack.count(name) >= 3 and _noahs_ark(formatting, name, raw):
                return True
            push(name)
            formatting.append((name, raw))
        elif kind == _RAW:
            raw_text = name
        elif kind == _BAIL:
            return True
        else:
            if kind == _LIST_ITEM and _close_previous_item(stack, name):
                return True
            # Block, heading, list item, hr and xmp start tags close an open p.
            if "p" in stack and _close(stack, "p", _IMPLIED_BUT["p"]):
                return True
            if kind == _HEADING and stack and stack[-1] in HEADINGS:
                return True
            if kind == _XMP:
                raw_text = name
            elif kind != _HR:
                stack.append(name)
    return bool(raw_text) or any(name not in _OPEN_AT_END for name in stack)


def _noahs_ark(formatting: list[tuple[str, str]], name: str, raw: str) -> bool:
    """Whether html5lib may forget an open formatting element that it needs later.

    With three open elements alike (same name and attributes), a fourth makes html5lib drop
    the earliest from its list of active formatting elements.  That is harmless only when
    every open element of the name is alike: then none is in the list when the forgotten
    one is closed.  Attributes are compared by their names first (elements alike have the
    same names), then as raw text (equal raw text is alike).
    """
    names = _attribute_names(raw)
    same_name = [other_raw for other, other_raw in formatting if other == name]
    alike = sum(1 for other_raw in same_name if _attribute_names(other_raw) == names)
    return alike >= 3 and any(other_raw != raw for other_raw in same_name)


def _attribute_names(attributes: str) -> frozenset[str]:
    return frozenset(name.lower() for name in _ATTRIBUTE_NAMES.findall(attributes))


def _duplicate_attribute(attributes: str) -> bool:
    names = [name.lower() for name in _ATTRIBUTE_NAMES.findall(attributes)]
    return len(set(names)) != len(names)


def _close_previous_item(stack: list[str], name: str) -> bool:
    """html5lib's li/dd/dt start tag: close an open item of the same list; True on an error."""
    stops = _LIST_ITEM_STOPS[name]
    for position in range(len(stack) - 1, -1, -1):
        node = stack[position]
        if node in stops:
            return _close(stack, node, _IMPLIED_BUT[node])
        if node in SPECIAL and node not in _ITEM_WALK_PASSES:
            break
    return False


def _close(stack: list[str], name: str, implied: frozenset[str]) -> bool:
    """Close ``name`` as html5lib does after popping ``implied``; True on a parse error.

    html5lib pops the implied elements only when ``name`` is in scope; when it is not, the
    current node is not ``name`` either way, which is the error.
    """
    while stack and stack[-1] in implied:
        stack.pop()
    if not stack or stack[-1] != name:
        return True
    stack.pop()
    return False
