"""Benchmark artlint as users run it: whole processes, median of several runs.

    python benchmarks/run.py                # 10,000 files, 5 runs; saves benchmarks/results/
    python benchmarks/run.py --runs 3 --update-readme
    python benchmarks/run.py --quick        # a smoke test: 200 files, 1 run, nothing saved

It makes the corpus with ``../shared/bench/make_corpus.py`` (once per size, in
``benchmarks/.corpus/<N>``), then times each measure in rounds (one run of every measure
per round, so drift spreads over all of them):

- ``floor``: ``benchmarks/floor.py``, the least work a linter must do (read, front matter,
  schema, html5lib parse) in one process; every artlint figure is also given as a ratio to it;
- ``cold_1job`` / ``cold_2jobs``: ``artlint CORPUS --no-cache --jobs 1|2``;
- ``cold_tenth``: ``--no-cache --jobs 1`` on the first tenth of the files, for memory that
  should not grow with the corpus;
- ``warm``: nothing changed since a run that filled the cache;
- ``changed_1pct``: the same, with 1 % of the files changed (a comment appended to the body,
  restored after);
- ``precommit_5``: five changed files named on the command line, as the pre-commit hook
  runs, with the corpus's cache present;
- ``version``: ``artlint --version``;
- ``fix``: ``artlint --fix --jobs 2 --no-cache`` on a fresh copy of the corpus (the copy is
  not timed; the copies are deleted at the end, not between runs: see ``benchmark``).

Each cached measure starts from a copy of the same filled cache (artlint keeps only the
entries of the files of its last run), so no run sees another's leftovers. Wall time is
``time.perf_counter`` around the process; peak memory is the largest resident set of the
process or any of its workers (``os.wait4``); the output goes to a file, and its summary line
must count the files expected. artlint runs with ``--isolated``: default
rules, whatever configuration surrounds the corpus. Results go to
``benchmarks/results/<date>-<host>.{json,md}`` with a description of the machine.

Only the standard library is used; artlint is the one installed beside ``sys.executable``.
Its modules are compiled to bytecode first, as ``pip install`` does, and the runs do not
inherit ``PYTHONDONTWRITEBYTECODE``: a user's runs do not compile artlint again each time.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = Path(os.environ.get("ARTLINT_SHARED", REPO.parent / "shared"))
MAKE_CORPUS = SHARED / "bench" / "make_corpus.py"
FLOOR = HERE / "floor.py"
README = REPO / "README.md"
README_START = "<!-- benchmark-results:start -->"
README_END = "<!-- benchmark-results:end -->"
MARKER = ".benchmark-corpus.json"
SEED = 1
SUFFIXES = (".md", ".markdown")
QUICK_FILES = 200
TARGET_FILES = 10_000
MIB = 1024 * 1024
# "Found 3 violations in 10000 files." (artlint) or "10000 files, 7 problems" (floor.py).
SUMMARY = re.compile(r"^(?:Found .* in )?(\d+) files?\b", re.M)

# The targets (for 10,000 files on 2 cores).
COLD_TARGET = 5.0
COLD_STRETCH = 2.6  # htmlhint on the same corpus
WARM_TARGET = 0.6
CHANGED_TARGET = 1.0
PRECOMMIT_TARGET = 0.25
VERSION_TARGET = 0.08
MEMORY_TARGET_MIB = 100
SPEEDUP_TARGET = 1.8
FIX_FACTOR_TARGET = 2.0
FLAT_FACTOR = 1.25  # "flat": the full corpus may take at most this much more than a tenth


class BenchmarkError(Exception):
    """A step failed: the message says which and why."""


@dataclass
class Measure:
    key: str
    label: str
    target: float | None = None  # seconds
    per_corpus: bool = True  # the target is for 10,000 files
    times: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)  # bytes
    others: list[float] = field(default_factory=list)  # CPUs busy elsewhere, each run
    command: list[str] = field(default_factory=list)
    files: int | None = None  # the files the run must report it checked

    @property
    def median(self) -> float:
        return statistics.median(self.times)


# --------------------------------------------------------------------------- processes


def artlint_command() -> list[str]:
    script = Path(sys.executable).with_name("artlint")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "artlint"]


def _busy_cpu_seconds() -> float | None:
    """CPU time the whole machine has spent busy since boot (Linux), in seconds."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


@dataclass
class Sample:
    seconds: float
    rss: int | None  # bytes
    others: float | None  # CPUs kept busy by other processes meanwhile, on average


#: The environment of every measured process: as a user's shell has it, where Python reads
#: the bytecode that pip compiled at install (PYTHONDONTWRITEBYTECODE, set in some
#: sandboxes, would make every run compile artlint's modules again: 40 ms of a 5-file run).
_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def compile_bytecode() -> None:
    """Compile artlint's modules as ``pip install`` does, so that no run pays for it."""
    code = "import artlint, artlint.rules; print(*artlint.__path__, *artlint.rules.__path__)"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_ENV)
    folders = found.stdout.split()
    subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], check=False, env=_ENV)


def run_process(command: list[str], cwd: Path, files: int | None = None) -> Sample:
    """Wall seconds of the whole process, its peak RSS (any worker included), others' load.

    With ``files``, the summary line of the output must say that many files were checked.
    """
    with tempfile.TemporaryFile() as output, tempfile.TemporaryFile() as errors:
        busy = _busy_cpu_seconds()
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=output, stderr=errors, env=_ENV
        )
        rss: int | None = None
        others: float | None = None
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - start
            busy_after = _busy_cpu_seconds()
            process.returncode = os.waitstatus_to_exitcode(status)
            # Linux reports KiB, macOS bytes; wait4 counts the reaped workers too.
            rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
            if busy is not None and busy_after is not None:
                own = usage.ru_utime + usage.ru_stime
                others = round(max(0.0, busy_after - busy - own) / elapsed, 2)
        else:  # pragma: no cover - Windows
            process.wait()
            elapsed = time.perf_counter() - start
        if process.returncode not in (0, 1):  # 1: artlint found violations, as expected
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace").strip()[-2000:]
            raise BenchmarkError(
                f"{' '.join(command)} exited {process.returncode} in {cwd}:\n{message}"
            )
        if files is not None:
            output.seek(max(0, output.seek(0, os.SEEK_END) - 4096))
            tail = output.read().decode("utf-8", "replace")
            checked = SUMMARY.findall(tail)
            if not checked or int(checked[-1]) != files:
                raise BenchmarkError(
                    f"{' '.join(command)} checked {checked[-1] if checked else 'no'} files,"
                    f" not {files}:\n{tail[-500:]}"
                )
    return Sample(elapsed, rss, others)


# --------------------------------------------------------------------------- corpus


def article_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.name.endswith(SUFFIXES))


def make_corpus(corpus: Path, files: int) -> bool:
    """Make ``corpus`` unless it already holds ``files`` articles; True when it was made."""
    if corpus.is_dir() and len(article_files(corpus)) == files:
        return False
    if not MAKE_CORPUS.is_file():
        raise BenchmarkError(f"{MAKE_CORPUS} is absent: set ARTLINT_SHARED to the shared folder")
    if corpus.exists():
        if not (corpus / MARKER).is_file() and any(corpus.iterdir()):
            raise BenchmarkError(
                f"{corpus} holds other files and was not made by this script: choose another"
                " --corpus (it would be emptied to make the corpus)"
            )
        shutil.rmtree(corpus)
    corpus.mkdir(parents=True)
    print(f"making the corpus: {files} files in {corpus}", file=sys.stderr)
    command = [sys.executable, str(MAKE_CORPUS), str(corpus), "-n", str(files)]
    subprocess.run([*command, "--seed", str(SEED), "-q"], check=True)
    generator = hashlib.sha256(MAKE_CORPUS.read_bytes()).hexdigest()
    marker = {"files": files, "seed": SEED, "generator_sha256": generator}
    (corpus / MARKER).write_text(json.dumps(marker) + "\n", "utf-8")
    return True


@contextlib.contextmanager
def changed(paths: list[Path], tag: str) -> Iterator[None]:
    """Append a comment to each file's body; put the original bytes back after."""
    originals = {path: path.read_bytes() for path in paths}
    try:
        for path, data in originals.items():
            path.write_bytes(data + f"\n<!-- benchmark edit {tag} -->\n".encode())
        yield
    finally:
        for path, data in originals.items():
            path.write_bytes(data)


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def spread(paths: list[Path], count: int) -> list[Path]:
    """``count`` paths spread evenly over ``paths``."""
    count = max(1, min(count, len(paths)))
    return [paths[index * len(paths) // count] for index in range(count)]


# --------------------------------------------------------------------------- description


def _read(path: str) -> str:
    try:
        return Path(path).read_text("utf-8", "replace")
    except OSError:
        return ""


def _git(*args: str) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return ""
    return result.stdout.strip()


def _load_average() -> float | None:
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None


def describe_machine() -> dict[str, Any]:
    cpu_model = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith(("model name", "Model"))
        ),
        platform.processor() or "unknown",
    )
    memory = next(
        (
            int(line.split()[1]) * 1024
            for line in _read("/proc/meminfo").splitlines()
            if line.startswith("MemTotal:")
        ),
        None,
    )
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "hostname": socket.gethostname(),
        "platform": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "cpu_count": os.cpu_count(),
        "cpus_usable": usable,
        "cpu_model": cpu_model,
        "memory_bytes": memory,
    }


def describe_software(artlint: list[str]) -> dict[str, Any]:
    version = subprocess.run([*artlint, "--version"], capture_output=True, text=True)
    status = _git("status", "--porcelain", "--untracked-files=no")
    modified = [line[3:] for line in status.splitlines()]
    where = subprocess.run(
        [sys.executable, "-c", "import artlint; print(artlint.__file__)"],
        capture_output=True,
        text=True,
    )
    libraries = {}
    for name in ("PyYAML", "html5lib", "jsonschema", "pydantic"):
        try:
            libraries[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            libraries[name] = None
    return {
        "artlint": version.stdout.strip().removeprefix("artlint ") or None,
        "command": artlint,
        # The package measured; when it is not this checkout's linter/ (an installed copy),
        # the commit below is that of the checkout the benchmark ran from.
        "location": where.stdout.strip() or None,
        "commit": _git("rev-parse", "HEAD") or None,
        # Tracked files changed since the commit (others' untracked files do not count).
        "dirty": bool(modified),
        "modified_files": modified,
        "libyaml": importlib.util.find_spec("yaml._yaml") is not None,
        "libraries": libraries,
    }


# --------------------------------------------------------------------------- the run


def benchmark(corpus: Path, runs: int, work: Path, log: Callable[[str], None]) -> list[Measure]:
    artlint = [*artlint_command(), "--isolated"]
    paths = article_files(corpus)
    files = len(paths)
    tenth_dir = work / "tenth"
    tenth_dir.mkdir()
    tenth = max(1, files // 10)
    for path in paths[:tenth]:
        shutil.copy2(path, tenth_dir / path.name)
    primed = work / "cache-primed"
    cache = work / "cache"
    fix_dir = work / "fix"
    few = spread(paths, files // 100)
    five = spread(paths, 5)

    measures = {
        measure.key: measure
        for measure in (
            Measure("version", "artlint --version", VERSION_TARGET, per_corpus=False),
            Measure("floor", "floor: floor.py, one process"),
            Measure("cold_1job", "cold, --jobs 1"),
            Measure("cold_2jobs", "cold, --jobs 2", COLD_TARGET),
            Measure("cold_tenth", f"cold, --jobs 1, {_files(tenth)}"),
            Measure("warm", "warm, nothing changed", WARM_TARGET),
            Measure("changed_1pct", f"warm, 1 % changed ({_files(len(few))})", CHANGED_TARGET),
            Measure("precommit_5", f"pre-commit, {_files(len(five))}", PRECOMMIT_TARGET, False),
            Measure("fix", "--fix --jobs 2, fresh copy"),
        )
    }
    commands: dict[str, list[str]] = {
        "version": [*artlint_command(), "--version"],
        "floor": [sys.executable, str(FLOOR), str(corpus)],
        "cold_1job": [*artlint, "--no-cache", "--jobs", "1", str(corpus)],
        "cold_2jobs": [*artlint, "--no-cache", "--jobs", "2", str(corpus)],
        "cold_tenth": [*artlint, "--no-cache", "--jobs", "1", str(tenth_dir)],
        "warm": [*artlint, "--cache-dir", str(cache), str(corpus)],
        "changed_1pct": [*artlint, "--cache-dir", str(cache), str(corpus)],
        # The hook's --force-exclude is left out: it would exclude the corpus, whose folder
        # is hidden and git-ignored.
        "precommit_5": [*artlint, "--cache-dir", str(cache), *(str(path) for path in five)],
        "fix": [*artlint, "--fix", "--no-cache", "--jobs", "2", str(fix_dir)],
    }
    for key, command in commands.items():
        measures[key].command = command
        measures[key].files = {"version": None, "cold_tenth": tenth, "precommit_5": len(five)}.get(
            key, files
        )

    log("compiling artlint's bytecode, filling the cache (not timed)")
    compile_bytecode()
    run_process([*artlint, "--cache-dir", str(primed), str(corpus)], work, files)

    def fresh_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.copytree(primed, cache)

    for round_ in range(runs):
        for key, measure in measures.items():
            tag = f"{round_}-{time.time_ns()}"
            stack = contextlib.ExitStack()
            with stack:
                if key in ("warm", "changed_1pct", "precommit_5"):
                    fresh_cache()
                if key == "changed_1pct":
                    stack.enter_context(changed(few, tag))
                elif key == "precommit_5":
                    stack.enter_context(changed(five, tag))
                elif key == "fix":
                    # The fixed copy is moved aside, not deleted, until the end: ext4 passes
                    # over inodes freed in the last minutes when it makes a file, so a fix
                    # right after 10,000 deletions paid for them in every temporary file.
                    shutil.copytree(corpus, fix_dir)
                    stack.callback(fix_dir.rename, work / f"fixed-{tag}")
                sample = run_process(measure.command, work, measure.files)
            measure.times.append(sample.seconds)
            if sample.rss is not None:
                measure.rss.append(sample.rss)
            if sample.others is not None:
                measure.others.append(sample.others)
            busy = "" if sample.others is None else f" (other processes: {sample.others} CPUs)"
            log(f"run {round_ + 1}/{runs} {key}: {sample.seconds:.3f} s{busy}")
    return list(measures.values())


# --------------------------------------------------------------------------- results


def _met(value: float | None, target: float, *, most: bool = True) -> bool | None:
    if value is None:
        return None
    return value <= target if most else value >= target


def summarize(measures: list[Measure], files: int) -> dict[str, Any]:
    by_key = {measure.key: measure for measure in measures}
    floor = by_key["floor"].median
    full = files == TARGET_FILES
    rows: dict[str, Any] = {}
    for measure in measures:
        target: str | None = None
        met: bool | None = None
        if measure.key == "fix":
            bound = FIX_FACTOR_TARGET * by_key["cold_2jobs"].median
            target = f"<= {FIX_FACTOR_TARGET:g}x cold --jobs 2"
            met = measure.median <= bound if full else None
        elif measure.target is not None:
            target = f"<= {measure.target:g} s"
            if measure.key == "cold_2jobs":
                target += f" (stretch < {COLD_STRETCH:g} s, htmlhint)"
            met = measure.median <= measure.target if full or not measure.per_corpus else None
        rows[measure.key] = {
            "label": measure.label,
            "command": measure.command,
            "times": [round(value, 4) for value in measure.times],
            "median": round(measure.median, 4),
            "min": round(min(measure.times), 4),
            "ratio_to_floor": round(measure.median / floor, 3) if floor else None,
            "max_rss_mib": round(max(measure.rss) / MIB, 1) if measure.rss else None,
            # CPUs other processes kept busy during each run (0: a quiet machine).
            "other_cpus": measure.others,
            "target": target,
            "met": met,
        }

    def rss(key: str) -> float | None:
        value: float | None = rows[key]["max_rss_mib"]
        return value

    cold1, cold2 = by_key["cold_1job"].median, by_key["cold_2jobs"].median
    peak = max(
        (rss(key) or 0.0 for key in rows if key not in ("floor", "version")),
        default=0.0,
    )
    full_rss, tenth_rss = rss("cold_1job"), rss("cold_tenth")
    flat = round(full_rss / tenth_rss, 2) if full_rss and tenth_rss else None
    checks = [
        {
            "name": "cold --jobs 2, stretch (htmlhint 2.6 s)",
            "value": f"{cold2:.2f} s",
            "target": f"< {COLD_STRETCH:g} s",
            "met": cold2 < COLD_STRETCH if full else None,
        },
        {
            "name": "2 cores vs 1 (cold --jobs 1 / --jobs 2)",
            "value": f"{cold1 / cold2:.2f}x",
            "target": f">= {SPEEDUP_TARGET:g}x",
            "met": _met(cold1 / cold2, SPEEDUP_TARGET, most=False) if full else None,
        },
        {
            "name": "--fix vs cold --jobs 2",
            "value": f"{by_key['fix'].median / cold2:.2f}x",
            "target": f"<= {FIX_FACTOR_TARGET:g}x",
            "met": _met(by_key["fix"].median / cold2, FIX_FACTOR_TARGET) if full else None,
        },
        {
            "name": "peak memory of any artlint process",
            "value": f"{peak:.1f} MiB",
            "target": f"<= {MEMORY_TARGET_MIB} MiB",
            "met": _met(peak, MEMORY_TARGET_MIB) if peak else None,
        },
        {
            "name": "memory flat in corpus size (cold --jobs 1: all files / a tenth)",
            "value": f"{flat:.2f}x" if flat is not None else "n/a",
            "target": f"<= {FLAT_FACTOR:g}x",
            "met": _met(flat, FLAT_FACTOR) if full else None,
        },
    ]
    return {"measures": rows, "checks": checks}


def _yes(met: bool | None) -> str:
    return "n/a" if met is None else ("yes" if met else "**no**")


def _other_load(row: dict[str, Any]) -> str:
    return f"{max(row['other_cpus']):.2f}" if row.get("other_cpus") else ""


def markdown_table(result: dict[str, Any]) -> str:
    lines = [
        "| measure | median s | min s | x floor | peak RSS MiB | target | met? | other load |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- | ---: |",
    ]
    for row in result["measures"].values():
        ratio = "" if row["ratio_to_floor"] is None else f"{row['ratio_to_floor']:.2f}"
        memory = "" if row["max_rss_mib"] is None else f"{row['max_rss_mib']:.0f}"
        target = row["target"] or ""
        met = _yes(row["met"]) if row["target"] else ""
        lines.append(
            f"| {row['label']} | {row['median']:.3f} | {row['min']:.3f} | {ratio} | {memory}"
            f" | {target} | {met} | {_other_load(row)} |"
        )
    lines += [
        "",
        "*other load*: the most CPUs other processes kept busy during a run of the measure"
        " (0 on a quiet machine).",
    ]
    lines += ["", "| check | value | target | met? |", "| --- | ---: | --- | --- |"]
    lines += [
        f"| {check['name']} | {check['value']} | {check['target']} | {_yes(check['met'])} |"
        for check in result["checks"]
    ]
    return "\n".join(lines)


def describe_line(result: dict[str, Any]) -> str:
    machine, software = result["machine"], result["software"]
    memory = machine["memory_bytes"]
    ram = f", {memory / 1024**3:.1f} GiB RAM" if memory else ""
    commit = (software["commit"] or "unknown")[:10] + (" (modified)" if software["dirty"] else "")
    return (
        f"{result['date']} on {machine['hostname']}: {machine['cpu_model']},"
        f" {machine['cpus_usable']} CPUs{ram}, {machine['platform']}, {machine['python']};"
        f" artlint {software['artlint']} at {commit}."
        f" {_files(result['files'])} ({result['corpus_bytes'] / MIB:.1f} MiB),"
        f" median of {result['runs']} runs."
    )


def markdown(result: dict[str, Any]) -> str:
    return (
        f"# artlint benchmark, {result['date']}\n\n"
        f"{describe_line(result)}\n\n"
        f"`{result['invocation']}`\n\n"
        f"{markdown_table(result)}\n"
    )


def print_table(result: dict[str, Any]) -> None:
    header = ("measure", "median s", "min s", "x floor", "RSS MiB", "target", "met?", "other")
    body = []
    for row in result["measures"].values():
        body.append(
            (
                row["label"],
                f"{row['median']:.3f}",
                f"{row['min']:.3f}",
                "" if row["ratio_to_floor"] is None else f"{row['ratio_to_floor']:.2f}",
                "" if row["max_rss_mib"] is None else f"{row['max_rss_mib']:.0f}",
                row["target"] or "",
                _yes(row["met"]).strip("*") if row["target"] else "",
                _other_load(row),
            )
        )
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    print(describe_line(result))
    for line in [header, *body]:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
    print()
    for check in result["checks"]:
        met = _yes(check["met"]).strip("*")
        print(f"{check['name']}: {check['value']} (target {check['target']}): {met}")


def update_readme(result: dict[str, Any], name: str) -> None:
    text = README.read_text("utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise BenchmarkError(f"{README} has no {README_START} ... {README_END} block")
    block = (
        f"{README_START}\n{describe_line(result)}"
        f" ([{name}.md](benchmarks/results/{name}.md))\n\n{markdown_table(result)}\n"
    )
    README.write_text(text[:start] + block + text[end:], "utf-8")


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark artlint: whole processes, median of several runs."
    )
    parser.add_argument("--files", type=int, help=f"corpus size (default {TARGET_FILES})")
    parser.add_argument("--runs", type=int, help="runs of each measure; the median is kept")
    parser.add_argument(
        "--corpus", type=Path, help="corpus folder (default benchmarks/.corpus/<files>)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"smoke test: {QUICK_FILES} files, 1 run, results saved only with --results",
    )
    parser.add_argument(
        "--results", type=Path, help="folder for the results (default benchmarks/results)"
    )
    parser.add_argument(
        "--update-readme",
        action="store_true",
        help="also put the table in README.md's '## Performance' section",
    )
    parser.add_argument(
        "--readme-from",
        type=Path,
        metavar="JSON",
        help="only put the table of a saved result in README.md, and run nothing",
    )
    args = parser.parse_args(argv)
    args.files = args.files or (QUICK_FILES if args.quick else TARGET_FILES)
    args.runs = args.runs or (1 if args.quick else 5)
    if args.files < 1 or args.runs < 1:
        parser.error("--files and --runs must be at least 1")
    args.corpus = args.corpus or HERE / ".corpus" / str(args.files)
    if args.results is None and not args.quick:
        args.results = HERE / "results"
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.readme_from is not None:
        try:
            update_readme(json.loads(args.readme_from.read_text("utf-8")), args.readme_from.stem)
        except (OSError, ValueError, BenchmarkError) as error:
            print(f"README not updated: {error}", file=sys.stderr)
            return 2
        return 0

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        made = make_corpus(args.corpus.resolve(), args.files)
        corpus = args.corpus.resolve()
        started = dt.datetime.now().astimezone()
        load_start = _load_average()
        work = Path(tempfile.mkdtemp(prefix=".artlint-bench-", dir=corpus.parent))
        try:
            measures = benchmark(corpus, args.runs, work, log)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    except BenchmarkError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 2
    result: dict[str, Any] = {
        "date": started.date().isoformat(),
        "started": started.isoformat(timespec="seconds"),
        "invocation": " ".join(["python", "benchmarks/run.py", *(argv or sys.argv[1:])]),
        "files": args.files,
        "runs": args.runs,
        "corpus": str(corpus),
        "corpus_made": made,
        "corpus_bytes": sum(path.stat().st_size for path in article_files(corpus)),
        "corpus_generator": f"make_corpus.py -n {args.files} --seed {SEED}",
        # Other work on the machine skews the times: the 1-minute load before and after.
        "load_average": {"start": load_start, "end": _load_average()},
        "machine": describe_machine(),
        "software": describe_software(artlint_command()),
        **summarize(measures, args.files),
    }
    print_table(result)
    if args.results is not None:
        args.results.mkdir(parents=True, exist_ok=True)
        name = f"{result['date']}-{result['machine']['hostname']}"
        json_path, md_path = args.results / f"{name}.json", args.results / f"{name}.md"
        json_path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
        md_path.write_text(markdown(result), "utf-8")
        log(f"saved {json_path} and {md_path}")
        if args.update_readme:
            try:
                update_readme(result, name)
            except BenchmarkError as error:
                print(f"README not updated: {error}", file=sys.stderr)
                return 2
            log(f"updated {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
