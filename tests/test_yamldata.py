from __future__ import annotations

import time

from artlint.source import LineIndex
from artlint.yamldata import MAX_DEPTH, load_yaml


def load(text: str, base: int = 0):  # type: ignore[no-untyped-def]
    return load_yaml(text, base=base, position=LineIndex.of(" " * base + text).position)


def test_spans_of_keys_values_and_items() -> None:
    text = "title: 中文\ncategories:\n - a\n - b\n"
    loaded = load(text, base=4)
    title = loaded.spans[("title",)]
    assert (title.key_start, title.key_end) == (4, 9)
    assert (title.value_start, title.value_end) == (11, 13)
    item = loaded.spans[("categories", 1)]
    assert item.key_start == -1
    assert item.value_start == 4 + text.index("b")
    assert item.text == "b"


def test_implicit_timestamp_is_kept_as_written() -> None:
    loaded = load("date: 2021-05-27 12:15:20\nd2: 2021-05-27\n")
    assert loaded.data == {"date": "2021-05-27 12:15:20", "d2": "2021-05-27"}
    assert loaded.spans[("date",)].yaml_type == "timestamp"


def test_scalars_are_typed_as_yaml_reads_them() -> None:
    loaded = load("a: yes\nb: 0x10\nc: 1.5\nd: ~\ne: 'yes'\n")
    assert loaded.data == {"a": True, "b": 16, "c": 1.5, "d": None, "e": "yes"}
    assert loaded.spans[("a",)].yaml_type == "boolean"
    assert loaded.spans[("e",)].yaml_type == "string"


def test_duplicate_key_is_a_problem_at_the_second_key() -> None:
    loaded = load("title: a\nauthor: b\ntitle: c\n")
    assert loaded.data == {"title": "a", "author": "b"}
    [problem] = loaded.problems
    assert problem.start == 19
    assert problem.message == "duplicate key 'title' (first defined on line 1)"


def test_python_tags_are_never_constructed() -> None:
    loaded = load("x: !!python/object/apply:os.system ['echo hi']\n")
    [problem] = loaded.problems
    assert "unsupported YAML tag '!!python/object/apply:os.system'" in (problem.message)
    assert loaded.data == {"x": None}


def test_syntax_error_points_at_yaml_mark() -> None:
    loaded = load("title: 'unterminated\nx: 1\n", base=10)
    assert loaded.data is None
    [problem] = loaded.problems
    assert problem.message.startswith("YAML does not parse:")
    assert problem.start >= 10


def test_non_mapping_root() -> None:
    loaded = load("- a\n- b\n")
    assert loaded.data is None
    assert loaded.problems[0].message == (
        "front matter must be a mapping of keys to values, found a list"
    )


def test_merge_keys_are_merged() -> None:
    loaded = load("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n")
    assert loaded.data == {"base": {"x": 1}, "other": {"y": 2, "x": 1}}


def test_billion_laughs_is_bounded() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 10):
        previous = chr(ord("a") + index - 1)
        name = chr(ord("a") + index)
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    started = time.perf_counter()
    loaded = load("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 10  # bounded, not 9**10 values
    assert loaded.data is None
    assert "too many values" in loaded.problems[0].message


def test_deep_nesting_is_refused() -> None:
    depth = MAX_DEPTH + 5
    loaded = load("x: " + "[" * depth + "]" * depth + "\n")
    assert loaded.data is None
    assert "nested deeper" in loaded.problems[0].message
