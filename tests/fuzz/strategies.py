"""Hypothesis strategies: real articles, cut, spliced, re-encoded and salted with junk.

An example starts from a real article (a whole file of the corpus, or one put together from
real fragments by :func:`tests.test_fix_properties.articles`), then goes through up to five
mutations, each drawn from:

* ``cut``: the text truncated at a random offset, or a random slice of it deleted;
* ``junk``: NUL, U+FFFD, C0/C1 controls, U+2028, a stray BOM or random text inserted;
* ``newlines``: LF swapped for CRLF or CR (all of them, or one line break);
* ``fence``: a ``---`` (or ``...``) line duplicated, dropped or added;
* ``splice``: the front matter of one article on the body of another;
* ``duplicate-key``: a front matter line repeated (a duplicate key, most of the time);
* ``yaml-junk``: a broken or odd YAML line put into the front matter (tags, anchors, tabs,
  unclosed flow collections, dates);
* ``unclosed``: an unclosed tag, comment, ``<style>``/``<script>``, CDATA, reference or code
  fence, or a stray end tag, inserted anywhere;
* ``directive``: an ``artlint-disable`` comment or ``# artlint: ignore`` inserted anywhere.

:func:`mutated_bytes` then encodes the text (UTF-8 with or without a BOM, UTF-16 in either
byte order, GB18030) and may insert invalid UTF-8 (lone continuation bytes, overlong forms,
encoded surrogates, a truncated sequence, NUL, random bytes) or truncate the bytes in the
middle of a character.  Every mutation is recorded with ``hypothesis.event`` so the
statistics (``--hypothesis-show-statistics``) say what was exercised.
"""

from __future__ import annotations

import re

from hypothesis import event
from hypothesis import strategies as st

from artlint.article import Article
from tests.fuzz.corpus import FuzzCorpus, load_corpus
from tests.test_fix_properties import articles

_FENCE_LINE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)", re.MULTILINE)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)")

JUNK_TEXT = (
    "\x00",
    "\x00\x00\x00",
    "\ufffd",
    "\x0b",
    "\x0c",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u200b",
    "\U0001f600",
    "\ue000",
    "\r",
    "\t",
)
UNCLOSED = (
    "<p>",
    "<p",
    "<div class='x'",
    '<a href="',
    "<img src=x",
    "<!--",
    "<!-- 文末二维码 start",
    "<!-->",
    "<!--->",
    "--!>",
    "-->",
    "<style>",
    "<style>p{color:red}",
    "<script>",
    "<script>var a = '<!--';",
    "</p>",
    "</div>",
    "</style>",
    "</script>",
    "</",
    "<",
    "<>",
    "<![CDATA[",
    "<![",
    "<![if !IE]>",
    "<![foo[ x ]]>",
    "<!DOCTYPE html",
    "<?xml ",
    "&#",
    "&#x110000;",
    "&amp",
    "&nbsp",
    "```\n",
    "`",
    "<table><tr><td>",
    "<svg><p>",
    "<textarea>",
    "<plaintext>",
    "<p style='",
    '<p cms-style="font-L">',
)
DIRECTIVES = (
    "<!-- artlint-disable-next-line HT005 -->\n",
    "<!-- artlint-disable HT001 -->",
    "<!-- artlint-enable HT001 -->",
    "<!-- artlint-disable-file -->",
    "<!-- artlint-disable-next-line -->",
    "<!-- artlint-disable-next-line NOPE12 -->\n",
    "<!-- artlint-",
    "  # artlint: ignore FM102",
    "  # artlint: ignore",
    "# artlint: ignore-file\n",
)
YAML_JUNK = (
    "title: [unclosed\n",
    "title: {a: 1\n",
    "tags:\n  - a\n - b\n",
    "\tkey: tab\n",
    "key: !!python/object:os.system x\n",
    "key: !custom x\n",
    "anchor: &a x\n",
    "alias: *a\n",
    "<<: *nowhere\n",
    "date: 2021-05-27\n",
    "date: 12:30:00\n",
    "date: Thu, 27 May 2021 12:15:20 GMT\n",
    "headimg: http://\n",
    "thumbnail: 'javascript:alert(1)'\n",
    "? complex\n: key\n",
    "- a list item\n",
    "key: |\n  block\n",
    "'unclosed: quote\n",
    "%YAML 1.2\n",
    "editor: ~\n",
    "original_title: null\n",
    "title:\n",
    "title: ''\n",
    "x: 0x1F\n",
    "... \n",
)
ENCODINGS = ("utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030")
BAD_BYTES = (
    b"\x00",
    b"\x80",
    b"\xbf",
    b"\xff",
    b"\xfe",
    b"\xc3",
    b"\xe4\xb8",
    b"\xc0\xaf",
    b"\xe0\x80\xaf",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
)


def _decoded(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace")


def base_texts(corpus: FuzzCorpus) -> st.SearchStrategy[str]:
    """A real article: a whole file of the corpus, or one built from its fragments."""
    generated = articles(corpus.pool).map(lambda generated: generated.text)
    whole = st.sampled_from(corpus.files).map(_decoded)
    return st.one_of(generated, whole)


def _split(text: str) -> tuple[str, str]:
    """(everything before the body, the body); the head is empty without front matter."""
    article = Article.from_text(text)
    return text[: article.body_start], text[article.body_start :]


def _line_starts(text: str) -> list[int]:
    return [0, *(match.end() for match in _LINE.finditer(text))]


@st.composite
def _mutate(draw: st.DrawFn, text: str, corpus: FuzzCorpus) -> str:
    kind = draw(
        st.sampled_from(
            (
                "cut",
                "junk",
                "newlines",
                "fence",
                "splice",
                "duplicate-key",
                "yaml-junk",
                "unclosed",
                "unclosed",
                "directive",
            )
        )
    )
    event(f"mutation: {kind}")
    at = draw(st.integers(0, len(text)))
    if kind == "cut":
        if draw(st.booleans()):
            return text[:at]
        return text[:at] + text[draw(st.integers(at, min(len(text), at + 400))) :]
    if kind == "junk":
        junk = draw(st.one_of(st.sampled_from(JUNK_TEXT), st.text(max_size=6)))
        return text[:at] + junk + text[at:]
    if kind == "newlines":
        style = draw(st.sampled_from(("\r\n", "\r", "one")))
        if style != "one":
            return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", style)
        position = text.find("\n", at)
        if position < 0:
            return text
        return (
            text[:position] + draw(st.sampled_from(("\r\n", "\r", "\n\r"))) + text[position + 1 :]
        )
    if kind == "fence":
        fences = [match.span() for match in _FENCE_LINE.finditer(text)]
        action = draw(st.sampled_from(("duplicate", "drop", "add")))
        if action != "add" and fences:
            start, end = fences[draw(st.integers(0, len(fences) - 1))]
            line = text[start:end] if text[start:end].endswith(("\n", "\r")) else "---\n"
            return text[:start] + (line * 2 if action == "duplicate" else "") + text[end:]
        starts = _line_starts(text)
        line_start = starts[draw(st.integers(0, len(starts) - 1))]
        fence = draw(st.sampled_from(("---\n", "---\r\n", "...\n", "--- \n", "---")))
        return text[:line_start] + fence + text[line_start:]
    if kind == "splice":
        other = draw(base_texts(corpus))
        head, body = (_split(text)[0], _split(other)[1])
        if draw(st.booleans()):
            head, body = _split(other)[0], _split(text)[1]
        return head + body
    head, body = _split(text)
    if kind == "duplicate-key":
        lines = _LINE.findall(head)[1:-1]  # not the fences
        if not lines:
            return text
        line = draw(st.sampled_from(lines))
        place = draw(st.integers(0, len(head)))
        place = max((start for start in _line_starts(head) if start <= place), default=0)
        return head[:place] + line + head[place:] + body
    if kind == "yaml-junk":
        starts = [start for start in _line_starts(head) if start > 0] or [0]
        place = starts[draw(st.integers(0, len(starts) - 1))]
        return head[:place] + draw(st.sampled_from(YAML_JUNK)) + head[place:] + body
    if kind == "unclosed":
        return text[:at] + draw(st.sampled_from(UNCLOSED)) + text[at:]
    # "directive": at a random offset, or at a line start (where they take effect)
    if draw(st.booleans()):
        starts = _line_starts(text)
        at = starts[draw(st.integers(0, len(starts) - 1))]
    return text[:at] + draw(st.sampled_from(DIRECTIVES)) + text[at:]


@st.composite
def mutated_texts_from(draw: st.DrawFn, corpus: FuzzCorpus, max_mutations: int = 5) -> str:
    text = draw(base_texts(corpus))
    for _ in range(draw(st.integers(0, max_mutations))):
        text = draw(_mutate(text, corpus))
    return text


@st.composite
def mutated_bytes_from(draw: st.DrawFn, corpus: FuzzCorpus) -> bytes:
    text = draw(mutated_texts_from(corpus, max_mutations=3))
    encoding = draw(st.sampled_from(ENCODINGS))
    event(f"encoding: {encoding}")
    data = text.encode(encoding, errors="surrogatepass")
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(("bad", "bad", "random", "truncate")))
        event(f"bytes: {action}")
        if action == "truncate":
            data = data[:at]
        elif action == "bad":
            data = data[:at] + draw(st.sampled_from(BAD_BYTES)) + data[at:]
        else:
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    return data


def mutated_texts() -> st.SearchStrategy[str]:
    """Mutated articles as text (the corpus is read when the first example is drawn)."""
    return st.deferred(lambda: mutated_texts_from(load_corpus()))


def mutated_bytes() -> st.SearchStrategy[bytes]:
    """Mutated articles as the bytes of a file, in various encodings, with junk bytes."""
    return st.deferred(lambda: mutated_bytes_from(load_corpus()))
