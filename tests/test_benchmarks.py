"""benchmarks/run.py runs end to end on a small corpus and saves every measure.

No timing is asserted: this only keeps the benchmark working (see README, 'Performance').
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, SHARED, require_shared

MEASURES = {
    "version",
    "floor",
    "cold_1job",
    "cold_2jobs",
    "cold_tenth",
    "warm",
    "changed_1pct",
    "precommit_5",
    "fix",
}


def test_quick_benchmark_saves_every_measure(tmp_path: Path) -> None:
    require_shared(SHARED / "bench" / "make_corpus.py")
    results = tmp_path / "results"
    command = [sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick", "--runs", "1"]
    command += ["--files", "60", "--corpus", str(tmp_path / "corpus"), "--results", str(results)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr

    (saved,) = results.glob("*.json")
    assert saved.with_suffix(".md").is_file()
    result = json.loads(saved.read_text("utf-8"))
    assert set(result["measures"]) == MEASURES
    for measure in result["measures"].values():
        assert len(measure["times"]) == 1
        assert measure["median"] > 0
        assert measure["ratio_to_floor"] is not None
        assert measure["max_rss_mib"] is not None
        assert len(measure["other_cpus"]) == 1
    assert result["files"] == 60
    assert {"platform", "python", "cpu_count", "cpu_model", "memory_bytes"} <= set(
        result["machine"]
    )
    assert result["software"]["artlint"]
    assert len(result["checks"]) == 5
    # The corpus was made, then left as it was (the changed files are put back).
    corpus = tmp_path / "corpus"
    manifest = [
        json.loads(line)
        for line in (corpus / "manifest.jsonl").read_text("utf-8").split("\n")
        if line
    ]
    assert len(manifest) == 60
    assert {entry["file"]: entry["bytes"] for entry in manifest} == {
        path.name: path.stat().st_size for path in corpus.glob("*.md")
    }
    assert not list(tmp_path.glob(".artlint-bench-*"))
