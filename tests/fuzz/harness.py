"""Run a fuzz target under atheris, or, without atheris (or with ``--plain``), as a plain
random loop that mutates real articles.  Not a test module: pytest never collects it.

Usage of a harness built on this (see README.md)::

    python tests/fuzz/atheris_htmlindex.py -runs=100000            # atheris if installed
    python tests/fuzz/atheris_htmlindex.py -runs=100000 --plain    # the plain loop
    python tests/fuzz/atheris_htmlindex.py --write-seeds DIR       # real articles, for atheris
    python tests/fuzz/atheris_htmlindex.py -runs=100000 DIR        # atheris from those seeds

The plain loop takes ``-runs=N`` (default 10,000) and ``-seed=S``; on a failure it writes the
input to ``crash-<sha1>`` in the working directory (as libFuzzer does) and re-raises.
"""

from __future__ import annotations

import hashlib
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # run as a script: make ``tests`` importable
    sys.path.insert(0, str(REPO))

Target = Callable[[bytes], None]

_JUNK = (b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\r", b"\r\n", b"\n", b"---\n", b"...\n")
_MARKUP = (b"<", b">", b"<!--", b"-->", b"</p>", b"<p>", b"<![", b'"', b"'", b"=", b"&", b"`")


def seeds() -> list[bytes]:
    """The real articles (or examples/), whole, as the mutations' starting points."""
    from tests.fuzz.corpus import load_corpus

    return list(load_corpus().files)


def mutate(data: bytes, rng: random.Random, pool: Sequence[bytes]) -> bytes:
    """A few random byte-level edits: insert, delete, replace, duplicate, splice."""
    for _ in range(rng.randint(1, 6)):
        at = rng.randint(0, len(data))
        kind = rng.randrange(6)
        if kind == 0:
            data = data[:at] + rng.choice(_JUNK + _MARKUP) + data[at:]
        elif kind == 1:
            data = data[:at] + data[at + rng.randint(1, 64) :]
        elif kind == 2:
            data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
        elif kind == 3:
            end = min(len(data), at + rng.randint(1, 200))
            data = data[:at] + data[at:end] * 2 + data[end:]
        elif kind == 4:
            other = rng.choice(pool)
            cut = rng.randint(0, len(other))
            data = data[:at] + other[cut : cut + rng.randint(1, 400)]
        else:
            data = data[:at]
    return data


def _plain(target: Target, runs: int, seed: int) -> None:
    pool = seeds()
    rng = random.Random(seed)
    started = time.monotonic()
    for run in range(1, runs + 1):
        data = mutate(rng.choice(pool), rng, pool)
        try:
            target(data)
        except BaseException:
            name = f"crash-{hashlib.sha1(data).hexdigest()}"
            Path(name).write_bytes(data)
            print(f"run {run}: failure, input written to {name}", file=sys.stderr)
            raise
        if run % 10_000 == 0:
            print(f"#{run} runs in {time.monotonic() - started:.0f} s", file=sys.stderr)
    print(f"Done {runs} runs in {time.monotonic() - started:.1f} s (seed {seed})", file=sys.stderr)


def main(target: Target, argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    if "--write-seeds" in args:
        folder = Path(args[args.index("--write-seeds") + 1])
        folder.mkdir(parents=True, exist_ok=True)
        for data in seeds():
            (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)
        print(f"wrote {len(seeds())} seeds to {folder}", file=sys.stderr)
        return
    plain = "--plain" in args
    args = [arg for arg in args if arg != "--plain"]
    try:
        import atheris
    except ImportError:
        atheris = None
        print("atheris is not installed: running the plain random loop", file=sys.stderr)
    if atheris is None or plain:
        runs = next((int(a.split("=", 1)[1]) for a in args if a.startswith("-runs=")), 10_000)
        seed = next((int(a.split("=", 1)[1]) for a in args if a.startswith("-seed=")), 0)
        _plain(target, runs, seed)
        return
    atheris.Setup(args, target)
    atheris.Fuzz()
