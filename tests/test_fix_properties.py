"""Property tests of the fixer over articles built from real fragments.

The fragments (front matter blocks, paragraphs, editor and 原标题 lines, tracking blocks,
comments, style blocks) are cut out of ../shared/corpus/real, the seed and examples/*.md with
artlint's own HTML index; hypothesis then combines and mutates them: shuffled and duplicated
blocks, junk attributes on paragraphs, extra front matter keys, runs of blank and
whitespace-only lines, LF/CRLF/CR/mixed line endings, with and without a BOM.

Properties:

1. fixing is idempotent;
2. one pass of ``apply_fixes`` keeps every byte outside the edits, in order, and the full fix
   keeps the inner text of every paragraph that is not junk (editor, 原标题, tracking);
3. after a fix that settled, no violation with a safe fix is left (a fix that failed returns
   the original text);
4. a front matter that parsed still parses, and keeps its bytes: key lines only go in before
   the closing fence;
5. the text only grows by the ``editor:`` / ``original_title:`` lines added to the front matter.

Two smaller ones: ``apply_fixes`` alone on arbitrary non-overlapping edits (property 2 without
the rules), and a credit moved to the front matter reads back as exactly its value, whatever
YAML makes of it as a plain scalar.

The article tests need ../shared (skipped without it); each runs 150 examples, the whole file
about 10 s.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, note, settings
from hypothesis import strategies as st
from hypothesis.vendor.pretty import RepresentationPrinter

from artlint.api import fix_text, lint_text
from artlint.article import Article
from artlint.engine import lint_article
from artlint.fixer import FixOutcome, apply_fixes, fix_source
from artlint.htmlindex import Element, HtmlIndex, build_index
from artlint.rule import Applicability
from artlint.rules.bd002_original_title_in_body import normalise_title
from artlint.settings import Settings
from artlint.source import Source
from artlint.violation import FixEdit, Violation, ViolationFix
from tests.conftest import REAL_CORPUS, REPO, SEED, require_shared

SETTINGS = Settings()
PATH = "article.md"

PROPERTY_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

#: Codes whose fix removes a whole element or comment: what lies inside them is junk.
JUNK_CODES = frozenset({"BD001", "BD002", "HT001", "HT003", "HT004", "HT005"})
#: Longest fragment taken from the corpus, to keep generated articles small and fast.
MAX_FRAGMENT = 1200
_ANY_NEWLINE = re.compile(r"\r\n|\r|\n")
_INSERTED_LINE = re.compile(r"(?:editor|original_title): [^\r\n]*(?:\r\n|\r|\n)")
_EDITOR = re.compile(r"责任编辑[：:]\s*([^\s（()）]+)")
_ORIGINAL_TITLE = re.compile(r"原标题[：:]\s*(.+)")
_P_START = re.compile(r"<p(?=[\s>])")
_INVISIBLE = re.compile(r"<!--.*?-->|<(style|script)\b.*?</\1\s*>|<[^>]*>", re.DOTALL | re.I)


# --- the fragment pool -----------------------------------------------------------------------


@dataclass(frozen=True)
class Head:
    """What stands before a real body: ``before_close`` ends where the closing fence starts."""

    before_close: str
    close_and_after: str


@dataclass(frozen=True, repr=False)
class Pool:
    heads: tuple[Head, ...]
    paragraphs: tuple[str, ...]
    editor_lines: tuple[str, ...]
    title_lines: tuple[str, ...]
    tracking: tuple[str, ...]
    comments: tuple[str, ...]
    styles: tuple[str, ...]
    bodies: tuple[str, ...]
    #: ``key: value`` lines for the front matter: editors and original titles of the corpus.
    front_matter_lines: tuple[str, ...]

    def __repr__(self) -> str:
        return f"Pool({len(self.heads)} heads, {len(self.paragraphs)} paragraphs, ...)"

    def _repr_pretty_(self, printer: RepresentationPrinter, cycle: bool) -> None:
        # Hypothesis prints the fixture with a failing example; the fields run to a megabyte,
        # which it warns about, and a warning is an error here (it then reports a flaky test).
        printer.text(repr(self))


def _lf(text: str) -> str:
    return _ANY_NEWLINE.sub("\n", text)


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _inside(element: Element, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start <= element.start and element.end <= end for start, end in spans)


def _build_pool(files: Sequence[Path]) -> Pool:
    heads: set[Head] = set()
    found: dict[str, set[str]] = {
        "paragraphs": set(),
        "BD001": set(),
        "BD002": set(),
        "HT005": set(),
        "HT001": set(),
        "HT003": set(),
        "bodies": set(),
        "lines": set(),
    }
    for path in files:
        text = _lf(path.read_text("utf-8-sig"))
        article = Article.from_text(text)
        front_matter = article.front_matter
        if front_matter is not None and front_matter.is_closed:
            heads.add(
                Head(
                    text[: front_matter.close_start],
                    text[front_matter.close_start : front_matter.body_start],
                )
            )
        if article.body_end - article.body_start <= 20 * MAX_FRAGMENT:
            found["bodies"].add(article.body)
        violations = lint_article(article, SETTINGS)
        junk = [(v.start, v.end) for v in violations if v.code in JUNK_CODES]
        for violation in violations:
            fragment = text[violation.start : violation.end]
            if violation.code in found and len(fragment) <= MAX_FRAGMENT:
                found[violation.code].add(fragment)
                if violation.code == "HT005" and fragment.startswith("<!--"):
                    found["HT001"].add(fragment)  # tracking comments go inside paragraphs too
            if violation.code == "BD001" and (editor := _EDITOR.search(fragment)):
                found["lines"].add(f"editor: {_quoted(editor.group(1))}\n")
            if violation.code == "BD002" and (title := _ORIGINAL_TITLE.search(fragment)):
                value = re.sub(r"<[^>]*>", "", title.group(1)).strip()
                found["lines"].add(f"original_title: {_quoted(value)}\n")
                found["lines"].add(f"title: {_quoted(value)}\n")  # a duplicate key, often
        index = build_index(text, article.body_start, article.body_end)
        for element in index.elements:
            if element.tag != "p" or not element.closed or _inside(element, junk):
                continue
            if element.end - element.start <= MAX_FRAGMENT:
                found["paragraphs"].add(text[element.start : element.end])
    # Fixed, well-known lines of the other packs, so that every credit rule gets exercised.
    found["BD001"] |= {"<p>责任编辑：王蒙</p>", "<p>（责任编辑：刘万里）</p>"}
    found["lines"] |= {"editor: 张亚楠\n", "editor: 王蒙\n", "original_title: 别的标题\n"}
    return Pool(
        heads=tuple(sorted(heads, key=lambda head: (head.before_close, head.close_and_after))),
        paragraphs=tuple(sorted(found["paragraphs"])),
        editor_lines=tuple(sorted(found["BD001"])),
        title_lines=tuple(sorted(found["BD002"])),
        tracking=tuple(sorted(found["HT005"])),
        comments=tuple(sorted(found["HT001"])),
        styles=tuple(sorted(found["HT003"])),
        bodies=tuple(sorted(found["bodies"])),
        front_matter_lines=tuple(sorted(found["lines"])),
    )


@pytest.fixture(scope="module")
def pool() -> Pool:
    corpus = require_shared(REAL_CORPUS)
    files = sorted(path for path in corpus.rglob("*.md") if path.name != "SOURCES.md")
    files += sorted((REPO / "examples").glob("*.md"))
    if SEED.exists():
        files.append(SEED)
    built = _build_pool(files)
    for name in ("heads", "paragraphs", "editor_lines", "title_lines", "tracking"):
        assert getattr(built, name), f"no {name} found in the corpus"
    for name in ("comments", "styles", "bodies"):
        assert getattr(built, name), f"no {name} found in the corpus"
    return built


# --- generated articles ----------------------------------------------------------------------


@dataclass(frozen=True)
class Generated:
    text: str
    bom: bool

    @property
    def source(self) -> Source:
        return Source(self.text, bom=self.bom)


_ATTRIBUTES = (
    ' cms-style="font-L"',
    ' cms-style="strong-Bold"',
    ' style="margin-bottom: 0;"',
    ' data-vmark="8f2a"',
    ' class="x"',
)
_SEPARATORS = ("", "\n", "\n", "\n", "\n\n", "\n\n\n", "\n\n\n\n\n\n", "\n  \n\u3000\n", "\n\t\n\n")
_INDENTS = ("", "", "", "  ", "            ", "\u3000")
_TRAILING = ("", "", "", " ", "   ", "\t")
#: What may stand before the opening fence: blank lines (FM003, fixable), a heading (not), or
#: the second BOM of a file that has two (a concatenation, an editor adding one).
_BEFORE_FENCE = ("", "", "\n", "\n\n  \n", "# 标题\n", "\ufeff")


@st.composite
def _paragraph(draw: st.DrawFn, pool: Pool) -> str:
    paragraph = draw(st.sampled_from(pool.paragraphs))
    for attribute in draw(st.lists(st.sampled_from(_ATTRIBUTES), max_size=2)):
        tag = _P_START.match(paragraph)
        if tag is not None:
            paragraph = paragraph[: tag.end()] + attribute + paragraph[tag.end() :]
    if draw(st.integers(0, 5)) == 0:  # a comment inside, as 新浪财经's ad-list slots are
        comment = draw(st.sampled_from(pool.comments))
        around = draw(st.sampled_from(("", "\n", " ")))
        at = draw(st.sampled_from((paragraph.index(">") + 1, paragraph.rindex("</"))))
        paragraph = paragraph[:at] + around + comment + around + paragraph[at:]
    return paragraph


def _blocks(pool: Pool) -> st.SearchStrategy[str]:
    return st.one_of(
        _paragraph(pool),
        _paragraph(pool),
        st.sampled_from(pool.editor_lines),
        st.sampled_from(pool.title_lines),
        st.sampled_from(pool.tracking),
        st.sampled_from(pool.comments),
        st.sampled_from(pool.styles),
    )


@st.composite
def _body_blocks(draw: st.DrawFn, pool: Pool) -> list[str]:
    if draw(st.integers(0, 4)) == 0:  # a whole real body, cut into lines
        blocks = draw(st.sampled_from(pool.bodies)).split("\n")
    else:
        blocks = list(draw(st.lists(_blocks(pool), max_size=10)))
    for _ in range(draw(st.integers(0, 3))):  # insert, duplicate
        position = draw(st.integers(0, len(blocks)))
        if len(blocks) > 0 and draw(st.booleans()):
            blocks.insert(position, blocks[draw(st.integers(0, len(blocks) - 1))])
        else:
            blocks.insert(position, draw(_blocks(pool)))
    if draw(st.booleans()):
        blocks = list(draw(st.permutations(blocks)))
    return [
        draw(st.sampled_from(_INDENTS)) + block + draw(st.sampled_from(_TRAILING))
        for block in blocks
    ]


@st.composite
def _head(draw: st.DrawFn, pool: Pool) -> str:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(("", "\n", "# 没有前言\n\n")))
    head = draw(st.sampled_from(pool.heads))
    before_close = draw(st.sampled_from(_BEFORE_FENCE)) + head.before_close.lstrip("\n")
    extra = draw(st.lists(st.sampled_from(pool.front_matter_lines), max_size=2, unique=True))
    return before_close + "".join(extra) + head.close_and_after


def _with_newlines(text: str, style: str, mixed: Sequence[bool]) -> str:
    if style == "lf":
        return text
    if style == "crlf":
        return text.replace("\n", "\r\n")
    if style == "cr":
        return text.replace("\n", "\r")
    parts = text.split("\n")
    out = [parts[0]]
    for number, part in enumerate(parts[1:]):
        out.append(("\r\n" if mixed[number % len(mixed)] else "\n") + part)
    return "".join(out)


@st.composite
def articles(draw: st.DrawFn, pool: Pool) -> Generated:
    head = draw(_head(pool))
    blocks = draw(_body_blocks(pool))
    body = ""
    for number, block in enumerate(blocks):
        body += (draw(st.sampled_from(_SEPARATORS)) if number else "") + block
    if draw(st.booleans()):
        body = "<div>\n" + body + "\n</div>"
    body += draw(st.sampled_from(("", "\n", "\n\n", "\n  \n")))
    style = draw(st.sampled_from(("lf", "lf", "crlf", "crlf", "cr", "mixed")))
    mixed = draw(st.lists(st.booleans(), min_size=1, max_size=8))
    text = _with_newlines(head + body, style, mixed)
    # Decoded text only starts with U+FEFF when the file had two BOMs, the first one decoded.
    return Generated(text, bom=draw(st.booleans()) or text.startswith("\ufeff"))


# --- helpers ---------------------------------------------------------------------------------


def _fix(generated: Generated) -> FixOutcome:
    return fix_source(generated.source, PATH, SETTINGS)


def _lint(text: str, *, bom: bool = False) -> list[Violation]:
    return lint_article(Article.parse(Source(text, bom=bom), PATH), SETTINGS)


def _safe_violations(violations: Iterable[Violation]) -> list[Violation]:
    return [
        v for v in violations if v.fix is not None and v.fix.applicability is Applicability.SAFE
    ]


def _safe(violations: Iterable[Violation]) -> list[ViolationFix]:
    return [v.fix for v in _safe_violations(violations) if v.fix is not None]


def _overlap(edit: FixEdit, spans: Sequence[tuple[int, int]]) -> bool:
    """The fixer's documented rule: spans that meet, or an insertion touching anything."""
    for start, end in spans:
        if edit.start < end and start < edit.end:
            return True
        if (edit.start == edit.end or start == end) and start <= edit.end and edit.start <= end:
            return True
    return False


def _expected_single_pass(text: str, fixes: Sequence[ViolationFix]) -> tuple[str, int]:
    """The text rebuilt from the original slices between the edits of the fixes that apply."""
    taken: list[tuple[int, int]] = []
    chosen: list[FixEdit] = []
    applied = 0
    for fix in sorted(fixes, key=lambda fix: min((edit.start for edit in fix.edits), default=0)):
        if any(_overlap(edit, taken) for edit in fix.edits):
            continue
        taken.extend((edit.start, edit.end) for edit in fix.edits)
        chosen.extend(fix.edits)
        applied += 1
    out, position = [], 0
    for edit in sorted(chosen, key=lambda edit: (edit.start, edit.end)):
        assert position <= edit.start, "edits of one pass overlap"
        out += [text[position : edit.start], edit.content]
        position = edit.end
    out.append(text[position:])
    return "".join(out), applied


def _gaps(text: str, spans: Iterable[tuple[int, int]]) -> list[str]:
    """The slices of ``text`` that no span touches, split at every span (insertions too)."""
    gaps, position = [], 0
    for start, end in sorted(spans):
        if start >= position:
            gaps.append(text[position:start])
        position = max(position, end)
    gaps.append(text[position:])
    return gaps


def _keeps_in_order(result: str, gaps: Sequence[str]) -> bool:
    """``result`` is gaps[0] + ? + gaps[1] + ? + ... + gaps[-1] (leftmost matching suffices)."""
    if len(gaps) == 1:
        return result == gaps[0]
    if not result.startswith(gaps[0]):
        return False
    position = len(gaps[0])
    for gap in gaps[1:-1]:
        found = result.find(gap, position)
        if found < 0:
            return False
        position = found + len(gap)
    return len(result) - len(gaps[-1]) >= position and result.endswith(gaps[-1])


@dataclass(frozen=True)
class Paragraph:
    inner: str
    touched: bool

    @property
    def visible(self) -> str:
        """The text a reader sees: no comments, style or script, tags or extra spaces."""
        return " ".join(html.unescape(_INVISIBLE.sub("", self.inner)).split())


def _paragraphs(text: str, bom: bool = False) -> list[Paragraph]:
    """Closed ``<p>`` elements outside junk, with whether a safe edit reaches inside them."""
    article = Article.parse(Source(text, bom=bom), PATH)
    violations = lint_article(article, SETTINGS)
    junk = [(v.start, v.end) for v in violations if v.code in JUNK_CODES]
    edits = [(edit.start, edit.end) for fix in _safe(violations) for edit in fix.edits]
    index: HtmlIndex = build_index(text, article.body_start, article.body_end)
    found = []
    for element in index.elements:
        if element.tag != "p" or not element.closed or _inside(element, junk):
            continue
        inner_start, inner_end = element.start_tag_end, element.content_end
        touched = any(start < inner_end and inner_start < end for start, end in edits) or any(
            start == end and inner_start <= start <= inner_end for start, end in edits
        )
        found.append(Paragraph(text[inner_start:inner_end], touched))
    return found


def _front_matter_ok(article: Article) -> bool:
    front_matter = article.front_matter
    return front_matter is not None and front_matter.data is not None and not front_matter.problems


# --- the properties --------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(data=st.data())
def test_fixing_twice_equals_fixing_once(pool: Pool, data: st.DataObject) -> None:
    """Property 1; and the fixed text is written back with the BOM it was read with."""
    generated = data.draw(articles(pool))
    once = _fix(generated)
    event(f"failure: {once.failure}" if once.failure else "settled")
    for code in sorted({v.code for v in _lint(generated.text, bom=generated.bom) if v.fix}):
        event(f"fixable {code}")
    twice = fix_source(Source(once.text, bom=generated.bom), PATH, SETTINGS)
    assert twice.text == once.text
    if not once.failure:
        assert (twice.fixed, twice.failure) == (0, "")
    # The library API, which takes the text alone.
    assert fix_text(fix_text(generated.text)) == fix_text(generated.text) == once.text
    source = generated.source
    assert Source.from_bytes(source.to_bytes(once.text)) == Source(once.text, bom=source.bom)


@PROPERTY_SETTINGS
@given(data=st.data())
def test_one_pass_keeps_every_byte_outside_the_edits(pool: Pool, data: st.DataObject) -> None:
    """Property 2, one pass of the safe fixes of the first lint."""
    generated = data.draw(articles(pool))
    text = generated.text
    fixes = _safe(_lint(text, bom=generated.bom))
    for fix in fixes:
        for edit in fix.edits:
            assert 0 <= edit.start <= edit.end <= len(text), edit
    result, applied = apply_fixes(text, fixes)
    # Independent of which fixes were chosen: what no edit touches is kept, in order.
    spans = [(edit.start, edit.end) for fix in fixes for edit in fix.edits]
    assert _keeps_in_order(result, _gaps(text, spans))
    # Exactly: the original slices between the chosen edits, and the edits' contents.
    assert (result, applied) == _expected_single_pass(text, fixes)
    assert (applied == 0) == (not fixes)


@PROPERTY_SETTINGS
@given(data=st.data())
def test_paragraphs_that_are_not_junk_keep_their_text(pool: Pool, data: st.DataObject) -> None:
    """Property 2 over the full fix: paragraphs are matched in document order."""
    generated = data.draw(articles(pool))
    outcome = _fix(generated)
    before = _paragraphs(generated.text, generated.bom)
    after = _paragraphs(outcome.text, generated.bom)
    assert len(after) == len(before)
    for old, new in zip(before, after, strict=True):
        if old.touched:  # an attribute or comment inside it was removed: its text stays
            assert new.visible == old.visible
        else:
            assert new.inner == old.inner


@PROPERTY_SETTINGS
@given(data=st.data())
def test_no_safe_fix_is_left_after_fixing(pool: Pool, data: st.DataObject) -> None:
    """Property 3; no rule crashes (AL900) before or after; ``remaining`` is a fresh lint."""
    generated = data.draw(articles(pool))
    original = _lint(generated.text, bom=generated.bom)
    assert not [v for v in original if v.code == "AL900"]
    outcome = _fix(generated)
    if outcome.failure:
        note(f"failure: {outcome.failure}")
        assert outcome.text == generated.text
        assert outcome.fixed == 0
        return
    after = _lint(outcome.text, bom=generated.bom)
    assert not [v for v in after if v.code == "AL900"]
    assert not [(v.code, v.line, v.column) for v in _safe_violations(after)]
    assert [(v.code, v.start, v.end) for v in outcome.remaining] == [
        (v.code, v.start, v.end) for v in after
    ]
    assert [v.code for v in lint_text(outcome.text, PATH)] == [v.code for v in after]
    assert (outcome.fixed == 0) == (outcome.text == generated.text)


@PROPERTY_SETTINGS
@given(data=st.data())
def test_front_matter_still_parses_and_grows_only_by_moved_lines(
    pool: Pool, data: st.DataObject
) -> None:
    """Properties 4 and 5."""
    generated = data.draw(articles(pool))
    text = generated.text
    outcome = _fix(generated)
    fixed = outcome.text
    before = Article.parse(generated.source, PATH)
    after = Article.parse(Source(fixed, bom=generated.bom), PATH)
    if _front_matter_ok(before):
        assert _front_matter_ok(after)
    inserted = ""
    old, new = before.front_matter, after.front_matter
    if old is not None and old.is_closed:
        assert new is not None
        assert new.is_closed
        # Before the opening fence: kept, or removed when it is only blank lines (FM003).
        prefix = text[: old.open_start]
        assert fixed[: new.open_start] == prefix or (new.open_start == 0 and not prefix.strip())
        # From the opening fence on, the block is kept; key lines only go in before its end.
        kept = text[old.open_start : old.close_start]
        assert fixed[new.open_start : new.open_start + len(kept)] == kept
        inserted = fixed[new.open_start + len(kept) : new.close_start]
        assert _INSERTED_LINE.sub("", inserted) == "", inserted
        # The closing fence is kept (the line break after it goes with a last body line).
        assert fixed[new.close_start : new.close_end] == text[old.close_start : old.close_end]
        if inserted:
            assert new.data is not None
            assert old.data is not None
            assert set(new.data) - set(old.data) <= {"editor", "original_title"}
    else:
        assert fixed[: before.body_start] == text[: before.body_start]
    assert len(fixed) <= len(text) + len(inserted)
    if outcome.failure:
        assert fixed == text


# --- apply_fixes on its own --------------------------------------------------------------------


@st.composite
def _edits_on(draw: st.DrawFn, text: str) -> list[ViolationFix]:
    fixes = []
    for _ in range(draw(st.integers(0, 8))):
        # The edits of one fix never overlap each other (rules build them so): consecutive
        # pairs of sorted offsets, an insertion where a pair is equal.
        bounds = sorted(draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=6)))
        edits = [
            FixEdit(
                line=1,
                column=1,
                end_line=1,
                end_column=1,
                content=draw(st.sampled_from(("", "", "X", "editor: 王蒙\n", "\r\n"))),
                start=start,
                end=end,
            )
            for start, end in zip(bounds[0::2], bounds[1::2], strict=False)
        ]
        fixes.append(
            ViolationFix(applicability=Applicability.SAFE, message="m", edits=tuple(edits))
        )
    return fixes


@settings(max_examples=150, deadline=None)
@given(data=st.data(), text=st.text(alphabet="ab\n\r<>　", max_size=40))
def test_apply_fixes_keeps_every_byte_outside_the_edits(data: st.DataObject, text: str) -> None:
    """Property 2 for ``apply_fixes`` alone: needs no corpus."""
    fixes = data.draw(_edits_on(text))
    result, applied = apply_fixes(text, fixes)
    spans = [(edit.start, edit.end) for fix in fixes for edit in fix.edits]
    assert _keeps_in_order(result, _gaps(text, spans))
    assert (result, applied) == _expected_single_pass(text, fixes)


# --- a credit's value survives the move to the front matter ---------------------------------

#: Scalars YAML reads as something other than a string, and its indicator characters.
_YAML_SPECIAL = (
    *("null", "Null", "~", "yes", "No", "on", "OFF", "true", "y", "n"),
    *("0x1F", "0o17", "0b101", "1_000", "1e3", "1.5", ".5", ".inf", "-.Inf", ".NaN"),
    *("2021-05-26", "12:30:00", "=", "<<", "-", "?", ":", "#", "!", "&", "*", "|", ">"),
    *("%", "@", "`", "'", '"', "[", "]", "{", "}", ","),
)
#: Names as the common-zh pattern reads them: printable, no spaces or brackets.
_NAME_CHARS = st.characters(
    codec="utf-8", categories=["L", "N", "P", "S"], exclude_characters="（()）"
)
_NAMES = st.one_of(
    st.text(_NAME_CHARS, min_size=1, max_size=8),
    st.sampled_from(_YAML_SPECIAL),
    st.tuples(st.sampled_from(_YAML_SPECIAL), st.text(_NAME_CHARS, max_size=3)).map("".join),
    st.tuples(st.text(_NAME_CHARS, max_size=3), st.sampled_from(_YAML_SPECIAL)).map("".join),
)
_CREDIT_ARTICLE = "---\ntitle: 标题\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n<p>{line}</p>\n"


@settings(max_examples=200, deadline=None)
@given(name=_NAMES, key=st.sampled_from(("editor", "original_title")))
def test_moved_credit_keeps_its_value(name: str, key: str) -> None:
    """The line goes, and the front matter reads back exactly the name or title it held."""
    if key == "original_title":
        assume(normalise_title(name) != normalise_title("标题"))  # then it is only removed
    line = ("责任编辑：" if key == "editor" else "原标题：") + html.escape(name)
    text = _CREDIT_ARTICLE.format(line=line)
    outcome = fix_source(Source(text), PATH, SETTINGS)
    assert outcome.failure == ""
    assert line not in outcome.text
    front_matter = Article.from_text(outcome.text).front_matter
    assert front_matter is not None
    assert front_matter.data is not None
    assert front_matter.data.get(key) == name
