from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import artlint
from artlint import registry
from artlint.context import RuleContext
from artlint.rule import Finding, Rule, Severity, Target
from artlint.settings import RuleLayer, Settings
from tests.conftest import rules_added

SECTIONS = ("What it does:", "Why it matters:", "Example:", "Use instead:", "Fix safety:")


@pytest.mark.parametrize("rule", registry.all_rules(), ids=lambda rule: rule.code)
def test_every_rule_is_declared_and_documented(rule: type[Rule]) -> None:
    assert re.fullmatch(r"[A-Z]{2}\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.summary
    doc = inspect.getdoc(rule) or ""
    positions = [doc.find(section) for section in SECTIONS]
    assert -1 not in positions, f"{rule.code} docstring lacks a section"
    assert positions == sorted(positions)


def test_codes_and_names_are_unique() -> None:
    rules = registry.all_rules()
    assert len({rule.code for rule in rules}) == len(rules)
    assert len({rule.name for rule in rules}) == len(rules)


def test_contract_codes_and_names() -> None:
    assert {rule.code: rule.name for rule in registry.all_rules()} == {
        "AL100": "unused-suppression",
        "AL900": "internal-error",
        "AL901": "worker-died",
        "AL902": "fix-not-applied",
        "BD001": "editor-credit-in-body",
        "BD002": "original-title-in-body",
        "FM001": "front-matter-missing",
        "FM002": "front-matter-invalid",
        "FM003": "front-matter-not-first",
        "FM100": "schema-violation",
        "FM101": "required-field",
        "FM102": "date-not-rfc2822",
        "FM103": "image-url-invalid",
        "FM104": "image-url-insecure",
        "HT001": "html-comment",
        "HT002": "inline-style",
        "HT003": "style-element",
        "HT004": "script-element",
        "HT005": "tracking-block",
        "HT006": "html-parse-error",
        "HT007": "junk-attribute",
        "HT008": "blank-line-run",
        "IO001": "unreadable-file",
        "IO002": "unwritable-file",
        "XF001": "promo-image-as-cover",
    }
    assert registry.find_rule("FM104").severity is Severity.WARNING  # type: ignore[union-attr]
    errors = {rule.code for rule in registry.all_rules() if rule.severity is Severity.ERROR}
    body_errors = {code for code in errors if code[:2] in ("HT", "BD", "XF")}
    assert body_errors == {"HT004", "HT005", "XF001"}


class Exploding(Rule):
    """What it does: raises."""

    code = "ZZ999"
    name = "exploding"
    summary = "always raises"
    target = Target.BODY

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        raise KeyError("boom")


def test_a_rule_that_raises_becomes_al900_and_others_still_run(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("no front matter\n", "utf-8")
    with rules_added(Exploding):
        report = artlint.lint_paths([tmp_path / "a.md"])
    codes = [(v.code, v.message) for v in report.violations]
    assert ("AL900", "rule ZZ999 (exploding) failed: KeyError: 'boom'") in codes
    assert any(code == "FM001" for code, _ in codes)
    assert report.exit_code == 2


def test_lint_text_api() -> None:
    [violation] = artlint.lint_text("---\ntitle: x\n---\n", path="post.md")
    assert (violation.path, violation.code, violation.line, violation.column) == (
        "post.md",
        "FM101",
        1,
        1,
    )
    assert violation.model_dump()["severity"] == "error"


def test_lint_paths_report(tmp_path: Path) -> None:
    (tmp_path / "ok.md").write_text(
        "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n", "utf-8"
    )
    report = artlint.lint_paths([tmp_path])
    assert len(report.files) == 1
    assert report.violations == []
    assert report.exit_code == 0


def test_select_by_prefix_and_name() -> None:
    settings = Settings(select=("FM1",), ignore=("date-not-rfc2822",))
    codes = [rule.code for rule in registry.rules_for(settings)]
    assert codes == ["FM100", "FM101", "FM103", "FM104"]


def test_layers_apply_in_order_like_ruff() -> None:
    """A later select replaces, extend-select adds, ignore removes."""
    config = (
        RuleLayer(select=("FM",), ignore=("FM104",)),
        RuleLayer(extend_select=("HT001",)),
    )
    settings = Settings(config_layers=config, ignore=("FM1",))
    codes = [rule.code for rule in registry.rules_for(settings)]
    assert codes == ["FM001", "FM002", "FM003", "HT001"]
    cli_select = Settings(config_layers=config, select=("FM104", "HT002"))
    assert [rule.code for rule in registry.rules_for(cli_select)] == ["FM104", "HT002"]


class BadFinding(Rule):
    """What it does: yields a finding with a text offset that is not a number."""

    code = "ZZ997"
    name = "bad-finding"
    summary = "yields nonsense"
    target = Target.BODY

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        yield Finding("0", 1, "x")  # type: ignore[arg-type]


def test_a_rule_yielding_a_malformed_finding_is_al900() -> None:
    with rules_added(BadFinding):
        violations = artlint.lint_text("<p>a</p>\n", settings=Settings(select=("ZZ997",)))
    [violation] = violations
    assert violation.code == "AL900"
    assert violation.message.startswith(
        "rule ZZ997 (bad-finding) failed: TypeError: a rule must yield Finding(start: int,"
    )
