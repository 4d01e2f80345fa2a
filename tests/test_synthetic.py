"""The synthetic corpus of ../shared/bench/make_corpus.py: every injected front matter defect
is found with the right code, and files without one get no front matter error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import artlint
from tests.conftest import SHARED, require_shared

EXPECTED_CODE = {
    "fm:absent": "FM001",
    "fm:not_mapping": "FM002",
    "fm:yaml_syntax": "FM002",
    "fm:yaml_tab_indent": "FM002",
    "fm:unclosed": "FM002",
    "fm:duplicate_key": "FM002",
    "fm:missing_title": "FM101",
    "fm:missing_date": "FM101",
    "fm:bad_date": "FM102",
    "fm:wrong_type": "FM100",
}
FRONT_MATTER_ERRORS = {"FM001", "FM002", "FM100", "FM101", "FM102", "FM103"}


def test_injected_front_matter_defects_are_found(tmp_path: Path) -> None:
    script = require_shared(SHARED / "bench" / "make_corpus.py")
    subprocess.run(
        [sys.executable, str(script), str(tmp_path), "-n", "600", "--defect-rate", "0.3"],
        check=True,
        capture_output=True,
    )
    manifest_text = (tmp_path / "manifest.jsonl").read_text("utf-8")
    manifest = [json.loads(line) for line in manifest_text.splitlines()]
    report = artlint.lint_paths([tmp_path])
    found = {
        Path(file.path).name: {violation.code for violation in file.violations}
        for file in report.files
    }
    checked = 0
    for entry in manifest:
        defects = [defect for defect in entry["defects"] if defect.startswith("fm:")]
        codes = found[entry["file"]]
        if not defects:
            assert not codes & FRONT_MATTER_ERRORS, entry
        elif len(defects) == 1:  # with two, one may hide the other (no date to check)
            assert EXPECTED_CODE[defects[0]] in codes, entry
            checked += 1
    assert checked > 50
