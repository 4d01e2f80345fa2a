"""Pack entries tried by tag find what trying every entry on every element finds."""

from __future__ import annotations

from artlint.article import Article
from artlint.htmlindex import Element, HtmlIndex, build_index
from artlint.packs import CompiledEntry, PackSet, load_packs, parse_pack
from artlint.selectors import Selector
from artlint.source import Source
from artlint.tracking import find_credit_lines, find_tracking_blocks
from tests.conftest import REAL_CORPUS, require_shared

EXTRA = parse_pack(
    """
[pack]
name = "test"

[[tracking_block]]
selector = ".appendQr_wrap"
reason = "any tag"

[[tracking_block]]
selector = "*[data-x]"
reason = "any tag, by attribute"

[[tracking_block]]
selector = "P.end"
text = "x"
reason = "upper-case tag"

[[editor_credit]]
selector = "*"
pattern = '^编辑[：:](?P<name>\\S+)'
reason = "any element"

[[editor_credit]]
selector = "div.editor"
pattern = '(?P<name>.+)'
reason = "a div"
""",
    "test.toml",
)


def naive_first_match(
    index: HtmlIndex, element: Element, entries: tuple[CompiledEntry, ...]
) -> CompiledEntry | None:
    for entry in entries:
        if entry.selector is None or not entry.selector.matches(element):
            continue
        if entry.text is None or entry.text.search(index.text_of(element)):
            return entry
    return None


def naive_tracking(index: HtmlIndex, packs: PackSet) -> list[tuple[int, int, CompiledEntry]]:
    found = []
    covered_until = -1
    for element in index.elements:
        if element.start < covered_until:
            continue
        entry = naive_first_match(index, element, packs.tracking_blocks)
        if entry is not None:
            found.append((element.start, element.end, entry))
            covered_until = element.end
    comments = [entry for entry in packs.tracking_blocks if entry.comment is not None]
    for comment in index.comments:
        for entry in comments:
            assert entry.comment is not None
            if entry.comment.search(comment.text):
                found.append((comment.start, comment.end, entry))
                break
    return sorted(found, key=lambda item: item[0])


def naive_credits(
    index: HtmlIndex, entries: tuple[CompiledEntry, ...], group: str
) -> list[tuple[int, CompiledEntry, str]]:
    found = []
    for element in index.elements:
        for entry in entries:
            assert entry.selector is not None
            assert entry.pattern is not None
            if not entry.selector.matches(element):
                continue
            match = entry.pattern.search(index.text_of(element))
            if match is not None and match.group(group):
                found.append((element.start, entry, match.group(group).strip()))
                break
    return found


def test_same_matches_as_trying_every_entry() -> None:
    paths = sorted(require_shared(REAL_CORPUS).rglob("*.md"))
    bodies = [Article.parse(Source.from_bytes(path.read_bytes())) for path in paths]
    extra_bodies = [
        '<div class="appendQr_wrap"><p class="end">x</p></div><span data-x>a</span>',
        "<p>编辑：张三</p><div class='editor'>李四</div><div>编辑：王五</div>",
    ]
    indexes = [build_index(a.text, a.body_start, a.body_end) for a in bodies]
    indexes += [build_index(body, 0, len(body)) for body in extra_bodies]
    for packs in (load_packs(), PackSet([EXTRA, *load_packs().packs])):
        for index in indexes:
            tracking = [(m.start, m.end, m.entry) for m in find_tracking_blocks(index, packs)]
            assert tracking == naive_tracking(index, packs)
            for entries, group in (
                (packs.editor_credits, "name"),
                (packs.original_titles, "title"),
            ):
                credits = [
                    (m.element.start, m.entry, m.value)
                    for m in find_credit_lines(index, entries, group)
                ]
                assert credits == naive_credits(index, entries, group)


def test_the_extra_pack_matches_something() -> None:
    packs = PackSet([EXTRA, *load_packs().packs])
    body = '<div class="appendQr_wrap"><p class="end">x</p></div><p>编辑：张三</p><b data-x>1</b>'
    index = build_index(body, 0, len(body))
    assert [m.entry.pack for m in find_tracking_blocks(index, packs)] == ["test", "test"]
    assert [m.value for m in find_credit_lines(index, packs.editor_credits, "name")] == ["张三"]


def reference_matches(selector: Selector, element: Element) -> bool:
    """Selector.matches as first written, with the element's class tuple."""
    if selector.tag is not None and element.tag != selector.tag:
        return False
    if selector.classes and not selector.classes.issubset(element.classes):
        return False
    if selector.element_id is not None:
        found = element.attribute("id")
        if found is None or found.value != selector.element_id:
            return False
    return all(
        (found := element.attribute(test.name)) is not None and test.matches(found.value)
        for test in selector.attributes
    )


def test_selector_class_test() -> None:
    selectors = [
        Selector.parse(text)
        for text in ("p", "p.a", ".a.b", "p.a#x", "*.b[data-x]", ".c", "div.a.c", "#x")
    ]
    body = (
        "<p class='a'>1</p><p class=''>2</p><p class>3</p><p class='a b'>4</p>"
        "<div class=' c  a '>5</div><p id=x class=a>6</p><b class='b' data-x>7</b><p>8</p>"
    )
    index = build_index(body, 0, len(body))
    for selector in selectors:
        for element in index.elements:
            assert selector.matches(element) == reference_matches(selector, element)
