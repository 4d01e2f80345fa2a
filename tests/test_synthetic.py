"""The synthetic corpus of ../shared/bench/make_corpus.py: every injected front matter defect
and every junk block the generator writes is found with the right code, and files without
one get no such violation."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

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


# Optional blocks of the generator's body -> the codes that must report them.
BLOCK_CODES = {
    "qr_promo": {"HT001", "HT003", "HT005"},  # <!-- 文末二维码 -->, <style>, div.appendQr_wrap
    "keyword_comment": {"HT005"},  # <!-- news_keyword_pub,stock, -->
    "iframe_comments": {"HT001"},  # <!-- 正文下iframe --> and <!-- 总声明-->
    "editor": {"BD001", "HT001"},  # <p class="article-editor">责任编辑：... between comments
    "ori_title": {"BD002"},  # <p class="ori_titlesource">原标题：...
}
# Injected HTML defects that are parse errors for the HTML standard (html5lib).
# (An unclosed <p>, an unquoted attribute with a space and a bare "R&D" are valid HTML.)
PARSE_ERROR_DEFECTS = {"html:stray_end_tag", "html:duplicate_attr", "html:nested_p_in_p"}

# No body to check: an unclosed front matter runs to the end of the file.
NO_BODY = {"file:empty_body", "fm:unclosed"}

Manifest = list[dict[str, Any]]
Found = dict[str, set[str]]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Manifest, Found]:
    script = require_shared(SHARED / "bench" / "make_corpus.py")
    folder = tmp_path_factory.mktemp("synthetic")
    subprocess.run(
        [sys.executable, str(script), str(folder), "-n", "600", "--defect-rate", "0.3"],
        check=True,
        capture_output=True,
    )
    manifest_text = (folder / "manifest.jsonl").read_text("utf-8")
    manifest = [json.loads(line) for line in manifest_text.splitlines()]
    report = artlint.lint_paths([folder])
    found = {
        Path(file.path).name: {violation.code for violation in file.violations}
        for file in report.files
    }
    return manifest, found


def test_junk_blocks_are_found_and_only_where_written(synthetic: tuple[Manifest, Found]) -> None:
    manifest, found = synthetic
    seen = dict.fromkeys(BLOCK_CODES, 0)
    for entry in manifest:
        if NO_BODY & set(entry["defects"]):
            continue
        codes = found[entry["file"]]
        blocks = set(entry["blocks"])
        for block, block_codes in BLOCK_CODES.items():
            if block in blocks:
                assert block_codes <= codes, (block, entry)
                seen[block] += 1
        expected = set().union(*(BLOCK_CODES[block] for block in blocks if block in BLOCK_CODES))
        assert codes & {"HT001", "HT003", "HT005", "BD001", "BD002"} <= expected, entry
    assert min(seen.values()) > 100


def test_injected_parse_errors_are_ht006_and_clean_files_have_none(
    synthetic: tuple[Manifest, Found],
) -> None:
    manifest, found = synthetic
    checked = 0
    for entry in manifest:
        codes = found[entry["file"]]
        if NO_BODY & set(entry["defects"]):
            continue
        html = [defect for defect in entry["defects"] if defect.startswith("html:")]
        # The generator injects only the first of several paragraph defects (an elif chain).
        if len(html) == 1 and html[0] in PARSE_ERROR_DEFECTS:
            assert "HT006" in codes, entry
            checked += 1
        if not html:
            assert "HT006" not in codes, entry
    assert checked > 10


def test_injected_front_matter_defects_are_found(synthetic: tuple[Manifest, Found]) -> None:
    manifest, found = synthetic
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
