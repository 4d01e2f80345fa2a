"""``--output-format sarif``: a SARIF 2.1.0 log that validates against the OASIS schema, with
every rule, code-point regions, safe fixes and content-based fingerprints."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from rfc3986_validator import validate_rfc3986

import artlint
from artlint import registry
from artlint.rule import Applicability
from artlint.ruledocs import render_rule_markdown, render_text
from tests.conftest import REPO, SHARED, CliResult, require_shared

Run = Callable[..., CliResult]
Json = dict[str, Any]

SCHEMA = SHARED / "reference" / "sarif-schema-2.1.0.json"
SEED = REPO / "examples" / "sina-finance-seed.md"

HEAD = "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n"
#: HT001 at 5:11-5:29 (the comment is 18 code points, after 10 of them).
COMMENT = HEAD + "<p>正文。</p><!-- 正文下iframe -->\n"
#: HT002 with an unsafe fix (the style of an image), HT002 with a safe one, HT006 with no
#: fix and HT004 (an error) with a safe one.
MIXED = (
    HEAD
    + '<p><img src="a.png" style="width:10px"></p>\n'
    + '<p style="color:red">x</p>\n'
    + "<p>a</b></p>\n"
    + "<script>x()</script>\n"
)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sarif(run_cli: Run, *args: str) -> Json:
    result = run_cli("--output-format", "sarif", *args)
    assert result.stderr == ""
    log: Json = json.loads(result.stdout)
    return log


def results(log: Json) -> list[Json]:
    found: list[Json] = log["runs"][0]["results"]
    return found


def location(result: Json) -> Json:
    physical: Json = result["locations"][0]["physicalLocation"]
    return physical


def fingerprint(result: Json) -> str:
    value: str = result["partialFingerprints"]["artlint/v1"]
    return value


def validate(log: Json) -> None:
    schema = json.loads(require_shared(SCHEMA).read_text("utf-8"))
    # The OASIS schema declares draft-04.
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(log), key=lambda error: list(error.absolute_path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in errors[:5]
    )


def _explode(self: object, ctx: object) -> Iterator[object]:
    raise KeyError("boom")


# --- the schema ------------------------------------------------------------------------------


def test_the_seed_validates_against_the_oasis_schema(run_cli: Run, tree: Path) -> None:
    shutil.copy(SEED, tree / SEED.name)
    result = run_cli("--output-format", "sarif", SEED.name)
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout.endswith("}\n")
    assert result.stdout.startswith('{\n  "$schema": ')  # indent 2
    assert "新浪财经" in result.stdout  # ensure_ascii off
    log = json.loads(result.stdout)
    validate(log)
    assert log["version"] == "2.1.0"
    assert len(results(log)) == 28
    lint = run_cli("--output-format", "json", SEED.name)
    assert [result["ruleId"] for result in results(log)] == [
        row["code"] for row in json.loads(lint.stdout)
    ]


def test_awkward_paths_and_every_kind_of_result_validate(run_cli: Run, tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    (project / "文章 a#b").mkdir(parents=True)
    outside.mkdir()
    (project / "文章 a#b" / "注释 %.md").write_text(MIXED, "utf-8")
    (outside / "b.md").write_text(COMMENT, "utf-8")
    (project / "bad.md").write_bytes(HEAD.encode() + b"\xff\n")  # IO001
    (project / "empty.md").write_text("", "utf-8")
    shutil.copy(SEED, project / SEED.name)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project)
        log = sarif(run_cli, ".", str(outside / "b.md"))
    validate(log)
    uris = {location(result)["artifactLocation"]["uri"] for result in results(log)}
    assert uris == {
        "%E6%96%87%E7%AB%A0%20a%23b/%E6%B3%A8%E9%87%8A%20%25.md",
        "bad.md",
        "empty.md",
        SEED.name,
        (outside / "b.md").as_uri(),
    }
    # Draft 4 has no "uri-reference" format, so the schema check above leaves these alone.
    for uri in uris:
        assert validate_rfc3986(uri, rule="URI_reference"), uri


def test_a_clean_run_and_an_unsuccessful_one_validate(
    run_cli: Run, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from artlint.rules.ht001_html_comment import HtmlComment

    (tree / "clean.md").write_text(HEAD + "<p>clean</p>\n", "utf-8")
    validate(sarif(run_cli, "clean.md"))
    monkeypatch.setattr(HtmlComment, "check", _explode)
    (tree / "a.md").write_text(COMMENT, "utf-8")
    log = sarif(run_cli, "a.md")
    assert results(log)[0]["ruleId"] == "AL900"
    validate(log)


# --- one result exactly ----------------------------------------------------------------------


def test_one_result_exactly(run_cli: Run, tree: Path) -> None:
    (tree / "posts").mkdir()
    (tree / "posts" / "a.md").write_text(COMMENT, "utf-8")
    log = sarif(run_cli, "posts")
    [result] = results(log)
    index = [rule.code for rule in registry.all_rules()].index("HT001")
    assert result["ruleId"] == "HT001"
    assert result["ruleIndex"] == index
    assert result["level"] == "warning"
    assert result["message"] == {"text": "HTML comment left in the body: '<!-- 正文下iframe -->'"}
    artifact = {"uri": "posts/a.md", "uriBaseId": "%SRCROOT%"}
    region = {"startLine": 5, "startColumn": 11, "endLine": 5, "endColumn": 29}
    assert location(result) == {"artifactLocation": artifact, "region": region}
    # The region, code points with an exclusive end, is exactly the comment.
    line = COMMENT.splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "<!-- 正文下iframe -->"
    assert result["fixes"] == [
        {
            "description": {"text": "Remove the comment"},
            "artifactChanges": [
                {
                    "artifactLocation": artifact,
                    "replacements": [
                        {
                            "deletedRegion": region,
                            "insertedContent": {"text": ""},
                        }
                    ],
                }
            ],
        }
    ]
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tree.as_uri() + "/"}}
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_an_error_and_a_warning_level(run_cli: Run, tree: Path) -> None:
    (tree / "a.md").write_text(MIXED, "utf-8")
    levels = [(result["ruleId"], result["level"]) for result in results(sarif(run_cli, "a.md"))]
    assert levels == [
        ("HT002", "warning"),
        ("HT002", "warning"),
        ("HT006", "warning"),
        ("HT004", "error"),
    ]


def test_a_path_outside_the_working_directory_is_an_absolute_file_uri(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "project").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.md").write_text(COMMENT, "utf-8")
    monkeypatch.chdir(tmp_path / "project")
    absolute = sarif(run_cli, str(tmp_path / "elsewhere" / "b.md"))
    relative = sarif(run_cli, "../elsewhere/b.md")
    assert absolute == relative
    [result] = results(absolute)
    assert location(result)["artifactLocation"] == {
        "uri": (tmp_path / "elsewhere" / "b.md").as_uri()
    }
    assert result["fixes"][0]["artifactChanges"][0]["artifactLocation"] == {
        "uri": (tmp_path / "elsewhere" / "b.md").as_uri()
    }


# --- rules -----------------------------------------------------------------------------------


def test_every_rule_is_in_the_driver(run_cli: Run, tree: Path) -> None:
    (tree / "a.md").write_text(HEAD + "<p>clean</p>\n", "utf-8")
    result = run_cli("--output-format", "sarif", "a.md")
    assert result.exit_code == 0
    log = json.loads(result.stdout)
    assert results(log) == []
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("artlint", artlint.__version__)
    assert driver["informationUri"] == "https://github.com/artlint/artlint"
    rules = registry.all_rules()
    assert [descriptor["id"] for descriptor in driver["rules"]] == [rule.code for rule in rules]
    for rule, descriptor in zip(rules, driver["rules"], strict=True):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"] == {"text": rule.summary}
        assert descriptor["fullDescription"]["text"]
        assert descriptor["help"] == {
            "text": render_text(rule),
            "markdown": render_rule_markdown(rule),
        }
        assert descriptor["helpUri"] == (
            f"https://github.com/artlint/artlint/blob/main/docs/rules.md#{rule.code.lower()}"
        )
        assert descriptor["defaultConfiguration"] == {
            "enabled": rule.enabled_by_default,
            "level": rule.severity.value,
        }
        # docs/rules.md has the anchor the helpUri points at.
        assert f"\n## {rule.code}\n\n{render_rule_markdown(rule)}\n" in (
            (REPO / "docs" / "rules.md").read_text("utf-8")
        )


def test_rule_index_points_at_the_rule(run_cli: Run, tree: Path) -> None:
    shutil.copy(SEED, tree / SEED.name)
    log = sarif(run_cli, SEED.name)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    for result in results(log):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


# --- fixes -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [MIXED, None], ids=["mixed", "seed"])
def test_fixes_exactly_when_a_safe_fix_exists(run_cli: Run, tree: Path, text: str | None) -> None:
    if text is None:
        shutil.copy(SEED, tree / "a.md")
    else:
        (tree / "a.md").write_text(text, "utf-8")
    found = results(sarif(run_cli, "a.md"))
    rows = json.loads(run_cli("--output-format", "json", "a.md").stdout)
    assert len(found) == len(rows)
    safe = [row["fix"] is not None and row["fix"]["applicability"] == "safe" for row in rows]
    assert ["fixes" in result for result in found] == safe
    if text is not None:
        assert safe == [False, True, False, True]  # the image's style is an unsafe fix
        assert rows[0]["fix"]["applicability"] == Applicability.UNSAFE.value
    for result, row in zip(found, rows, strict=True):
        if "fixes" not in result:
            continue
        [fix] = result["fixes"]
        assert fix["description"] == {"text": row["fix"]["message"]}
        [change] = fix["artifactChanges"]
        assert change["artifactLocation"] == location(result)["artifactLocation"]
        assert change["replacements"] == [
            {
                "deletedRegion": {
                    "startLine": edit["line"],
                    "startColumn": edit["column"],
                    "endLine": edit["end_line"],
                    "endColumn": edit["end_column"],
                },
                "insertedContent": {"text": edit["content"]},
            }
            for edit in row["fix"]["edits"]
        ]


# --- fingerprints ----------------------------------------------------------------------------


def test_fingerprints_follow_a_finding_when_lines_are_inserted_above(
    run_cli: Run, tree: Path
) -> None:
    article = tree / "a.md"
    article.write_text(MIXED, "utf-8")
    before = results(sarif(run_cli, "a.md"))
    # Two lines into the body, above every finding; the front matter stays first.
    article.write_text(HEAD + "<p>新的一段。</p>\n<p>Another.</p>\n" + MIXED[len(HEAD) :], "utf-8")
    after = results(sarif(run_cli, "a.md"))
    assert [result["ruleId"] for result in after] == [result["ruleId"] for result in before]
    for old, new in zip(before, after, strict=True):
        assert location(new)["region"]["startLine"] == location(old)["region"]["startLine"] + 2
        assert fingerprint(new) == fingerprint(old)
    assert len({fingerprint(result) for result in before}) == len(before)


def test_fingerprints_of_two_identical_findings_in_one_file_differ(
    run_cli: Run, tree: Path
) -> None:
    (tree / "a.md").write_text(HEAD + "<!-- same -->\n<p>x</p>\n<!-- same -->\n", "utf-8")
    (tree / "b.md").write_text(HEAD + "<!-- same -->\n", "utf-8")
    found = results(sarif(run_cli, "a.md", "b.md"))
    assert [(result["ruleId"], location(result)["region"]["startLine"]) for result in found] == [
        ("HT001", 5),
        ("HT001", 7),
        ("HT001", 5),
    ]
    first, second, other_file = map(fingerprint, found)
    assert first != second
    # The counter is per file: the first of b.md is the first of a.md.
    assert other_file == first


def test_fingerprints_ignore_whitespace_changes_on_the_line(run_cli: Run, tree: Path) -> None:
    (tree / "a.md").write_text(COMMENT, "utf-8")
    [before] = results(sarif(run_cli, "a.md"))
    (tree / "a.md").write_text(COMMENT.replace("<p>", "   <p>"), "utf-8")
    [after] = results(sarif(run_cli, "a.md"))
    assert location(after)["region"]["startColumn"] == location(before)["region"]["startColumn"] + 3
    assert fingerprint(after) == fingerprint(before)


def test_an_unreadable_file_is_fingerprinted_by_its_message(run_cli: Run, tree: Path) -> None:
    (tree / "bad.md").write_bytes(HEAD.encode() + b"\xff\n")
    log = sarif(run_cli, "bad.md")
    [result] = results(log)
    assert result["ruleId"] == "IO001"
    assert len(fingerprint(result)) == 64


def test_fingerprints_after_fix_are_those_of_the_fixed_file(run_cli: Run, tree: Path) -> None:
    # The fix removes the comment's line: the findings left move up one line.
    (tree / "a.md").write_text(HEAD + "<!-- c -->\n" + MIXED[len(HEAD) :], "utf-8")
    fixed = results(sarif(run_cli, "--fix", "a.md"))
    again = results(sarif(run_cli, "a.md"))
    assert [result["ruleId"] for result in fixed] == ["HT002", "HT006"]
    assert fixed == again


def test_output_is_deterministic(run_cli: Run, tree: Path) -> None:
    shutil.copy(SEED, tree / "b.md")
    (tree / "a.md").write_text(MIXED, "utf-8")
    first = run_cli("--output-format", "sarif", "b.md", "a.md").stdout
    assert run_cli("--output-format", "sarif", "a.md", "b.md").stdout == first
    paths = [location(result)["artifactLocation"]["uri"] for result in results(json.loads(first))]
    assert paths == sorted(paths)


# --- invocations -----------------------------------------------------------------------------


def test_an_internal_error_makes_the_execution_unsuccessful(
    run_cli: Run, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from artlint.rules.ht001_html_comment import HtmlComment

    monkeypatch.setattr(HtmlComment, "check", _explode)
    (tree / "a.md").write_text(COMMENT, "utf-8")
    result = run_cli("--output-format", "sarif", "a.md")
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": False}]
    [found] = results(log)
    assert (found["ruleId"], found["level"]) == ("AL900", "error")
