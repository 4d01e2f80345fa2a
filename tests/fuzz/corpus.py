"""The articles the fuzz strategies start from: ../shared/corpus/real, or examples/.

The fragment pool is built by :func:`tests.test_fix_properties._build_pool` (front matter
heads, paragraphs, credit lines, tracking blocks, comments, style blocks, whole bodies);
whole files are kept too, as bytes, for the byte-level mutations.  Without ../shared (a fresh
clone) the five articles of examples/ stand in, and ``fallback`` says so.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REAL_CORPUS, REPO, SEED
from tests.test_fix_properties import Pool, _build_pool

#: Whole files longer than this are not used as they are (they only slow the examples down).
MAX_WHOLE_FILE = 30_000


@dataclass(frozen=True, repr=False)
class FuzzCorpus:
    pool: Pool
    #: The raw bytes of the smaller whole files.
    files: tuple[bytes, ...]
    #: Where the articles came from, for messages.
    origin: str
    #: True when ../shared is absent and examples/ stands in for the real corpus.
    fallback: bool

    def __repr__(self) -> str:
        return f"FuzzCorpus({self.origin}, {len(self.files)} files, {self.pool!r})"


@functools.cache
def load_corpus() -> FuzzCorpus:
    examples = sorted((REPO / "examples").glob("*.md"))
    fallback = not REAL_CORPUS.is_dir()
    if fallback:
        paths: list[Path] = examples
        origin = str(REPO / "examples")
    else:
        paths = sorted(p for p in REAL_CORPUS.rglob("*.md") if p.name != "SOURCES.md")
        paths += examples
        if SEED.exists():
            paths.append(SEED)
        origin = str(REAL_CORPUS)
    pool = _build_pool(paths)
    files = tuple(
        data for data in (path.read_bytes() for path in paths) if len(data) <= MAX_WHOLE_FILE
    )
    return FuzzCorpus(pool, files, origin, fallback)
