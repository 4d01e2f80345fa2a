"""Fuzz the front matter splitter (``artlint.frontmatter``) and the UTF-8 decoding before it.

Run by hand (not collected by pytest)::

    python tests/fuzz/atheris_frontmatter.py -runs=100000          # atheris, or the plain loop
    python tests/fuzz/atheris_frontmatter.py -runs=100000 --plain  # the plain loop

Checked for every input: decoding raises only ``UndecodableError``, naming a byte inside the
input; the split never raises, and its offsets are ordered and inside the text, the fences
are where it says, an unclosed block has no data and says why, every problem and field span
lies inside the text, and splitting is deterministic.  See README.md.
"""

from __future__ import annotations

import sys

from harness import REPO, main  # type: ignore[import-not-found]  # run as a script

assert str(REPO) in sys.path
try:
    if "--plain" in sys.argv:
        raise ImportError("the plain loop needs no instrumentation")
    import atheris

    with atheris.instrument_imports():
        import artlint.frontmatter
        import artlint.source
        import artlint.yamldata  # noqa: F401
except ImportError:  # no atheris, or --plain
    pass

from artlint.frontmatter import parse_front_matter  # noqa: E402
from artlint.source import Source, UndecodableError  # noqa: E402


def check(data: bytes) -> None:
    undecodable: UndecodableError | None = None
    try:
        source = Source.from_bytes(data)
    except UndecodableError as error:
        undecodable = error
        source = Source(data.decode("utf-8", errors="replace"))
    if undecodable is not None:
        assert 0 <= undecodable.byte_offset < len(data), (undecodable.byte_offset, len(data))
        assert undecodable.position.line >= 1
        assert undecodable.position.column >= 1
    text = source.text
    front_matter = parse_front_matter(source)
    if front_matter is None:
        return
    fm = front_matter
    assert 0 <= fm.open_start < fm.open_end <= fm.yaml_start <= fm.yaml_end <= len(text), fm
    assert text[fm.open_start : fm.open_end].rstrip(" \t") == "---"
    if fm.is_closed:
        assert fm.yaml_end == fm.close_start < fm.close_end <= fm.body_start <= len(text), fm
        assert text[fm.close_start : fm.close_end].rstrip(" \t") in ("---", "...")
        assert text[fm.close_end : fm.body_start] in ("", "\n", "\r", "\r\n")
    else:
        assert fm.data is None
        assert fm.problems
        assert fm.body_start == len(text)
    assert fm.data is None or isinstance(fm.data, dict)
    if fm.data is None:
        assert fm.problems
    for problem in fm.problems:
        assert 0 <= problem.start <= problem.end <= len(text), problem
    for span in fm.spans.values():
        assert -1 <= span.key_start <= span.key_end <= len(text), span
        assert 0 <= span.value_start <= span.value_end <= len(text), span
    assert parse_front_matter(Source(text, bom=source.bom)) == front_matter


if __name__ == "__main__":
    main(check)
