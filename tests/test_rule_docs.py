"""Rule documentation: ``artlint rules``, ``artlint explain`` and the generated docs/rules.md."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable

import pytest

from artlint import registry, ruledocs
from artlint.rule import FixAvailability, Rule, Severity
from tests.conftest import REPO, CliResult

Run = Callable[..., CliResult]

HEADINGS = ("What it does:", "Why it matters:", "Example:", "Use instead:", "Fix safety:")


def test_rules_prints_a_table_of_every_rule(run_cli: Run) -> None:
    result = run_cli("rules")
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0] == ("CODE   NAME                      SEVERITY  FIX     DEFAULT  SUMMARY")
    assert (
        "HT001  html-comment              warning   safe    on       "
        "An HTML comment is left in the body"
    ) in lines
    assert (
        "XF001  promo-image-as-cover      error     -       on       "
        "The cover image is a promo image"
    ) in lines
    assert (
        "FM102  date-not-rfc2822          error     -       on       "
        "A date field is not an RFC 2822 date"
    ) in lines
    assert [line[:5] for line in lines[1:]] == [rule.code for rule in registry.all_rules()]


def test_rules_json_describes_every_rule(run_cli: Run) -> None:
    result = run_cli("rules", "--output-format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    records = json.loads(result.stdout)
    rules = registry.all_rules()
    assert [record["code"] for record in records] == [rule.code for rule in rules]
    for record, rule in zip(records, rules, strict=True):
        assert record == {
            "code": rule.code,
            "name": rule.name,
            "summary": rule.summary,
            "severity": rule.severity.value,
            "fix": None if rule.fixable is FixAvailability.NEVER else ruledocs.fix_label(rule),
            "default": rule.enabled_by_default,
        }
    assert records[[r["code"] for r in records].index("HT001")]["fix"] == "safe"


@pytest.mark.parametrize("query", ["HT001", "ht001", "html-comment", " HTML-Comment "])
def test_explain_by_code_or_name(run_cli: Run, query: str) -> None:
    result = run_cli("explain", query)
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "HT001 html-comment (warning, safe fix, on by default)",
        "An HTML comment is left in the body",
        "",
        "What it does:",
        "Reports an HTML comment left in the article body.",
    ]
    positions = [lines.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    # Examples are kept verbatim, dedented, with their fences.
    assert "Example:\n```\n<p>正文。</p><!-- 正文下iframe -->\n```\n" in result.stdout


def test_explain_shows_options_and_not_fixable(run_cli: Run) -> None:
    result = run_cli("explain", "XF001")
    assert result.stdout.splitlines()[:2] == [
        "XF001 promo-image-as-cover (error, not fixable, on by default)",
        "The cover image is a promo image",
    ]
    assert "\nOptions:\n``[[promo_image]]`` entries" in result.stdout


def test_explain_keeps_blank_lines_of_examples(run_cli: Run) -> None:
    result = run_cli("explain", "FM003")
    assert "Example:\n```\n\n---\ntitle: 'A headline'\n---\n```\n" in result.stdout


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("XX999", "artlint: error: unknown rule 'XX999'"),
        ("HT01", "artlint: error: unknown rule 'HT01'; did you mean 'HT001'?"),
        ("html-coment", "artlint: error: unknown rule 'html-coment'; did you mean 'html-comment'?"),
        ("FM", "artlint: error: unknown rule 'FM'"),
    ],
)
def test_explain_unknown_rule(run_cli: Run, query: str, message: str) -> None:
    result = run_cli("explain", query)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == message + "\n"


def test_explain_without_a_rule_is_a_usage_error(run_cli: Run) -> None:
    result = run_cli("explain")
    assert result.exit_code == 2
    assert result.stderr.startswith("usage: artlint explain ")


@pytest.mark.parametrize("command", ["rules", "explain"])
def test_help(run_cli: Run, command: str) -> None:
    result = run_cli(command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"usage: artlint {command} ")


@pytest.mark.parametrize("rule", registry.all_rules(), ids=lambda rule: rule.code)
def test_fix_safety_agrees_with_fixable(rule: type[Rule]) -> None:
    sections = {section.title: section.body for section in ruledocs.rule_sections(rule)}
    fixes = sections["Fix safety"].lower().startswith(("safe", "unsafe"))
    assert fixes == (rule.fixable is not FixAvailability.NEVER), sections["Fix safety"]


def test_parse_sections_dedents_each_section() -> None:
    doc = """Text before any heading.

    What it does:
    Reports things.

    Example:
        ```
          indented
        ```

    Fix safety:
        Unsafe: it may change meaning.
    """
    assert ruledocs.parse_sections(doc) == (
        ruledocs.Section("", "Text before any heading."),
        ruledocs.Section("What it does", "Reports things."),
        ruledocs.Section("Example", "```\n  indented\n```"),
        ruledocs.Section("Fix safety", "Unsafe: it may change meaning."),
    )


def test_unsafe_fix_label() -> None:
    class Risky(Rule):
        """What it does:
        Reports.

        Fix safety:
            Unsafe: the text changes.
        """

        code = "ZZ001"
        name = "risky"
        summary = "A <risky> thing"
        severity = Severity.WARNING
        fixable = FixAvailability.SOMETIMES

    assert ruledocs.fix_label(Risky) == "unsafe"
    assert ruledocs.render_text(Risky).splitlines()[0] == (
        "ZZ001 risky (warning, unsafe fix, on by default)"
    )
    markdown = ruledocs.render_markdown([Risky])
    assert "| [ZZ001](#zz001) | `risky` | warning | unsafe | on | A &lt;risky&gt; thing |" in (
        markdown
    )
    assert "\n## ZZ001\n\n`risky` (warning, unsafe fix, on by default)\n" in markdown


def test_markdown_turns_rest_literals_into_code_and_fences_examples() -> None:
    markdown = ruledocs.render_markdown(registry.all_rules())
    assert "\n## HT001\n" in markdown
    assert "marker `<!-- more -->` and artlint's own" in markdown
    assert "### Example\n\n```\n<p>正文。</p><!-- 正文下iframe -->\n```\n" in markdown
    assert "A &lt;style&gt; element is in the body" in markdown


def test_docs_rules_md_is_current() -> None:
    expected = ruledocs.render_markdown(registry.all_rules())
    actual = (REPO / "docs" / "rules.md").read_text("utf-8")
    assert actual == expected, (
        f"docs/rules.md is stale: regenerate it with `{ruledocs.REGENERATE}` and commit it"
    )


def test_ruledocs_main_prints_the_markdown() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "artlint.ruledocs"], capture_output=True, check=True
    )
    assert result.stdout.decode("utf-8") == ruledocs.render_markdown(registry.all_rules())


def test_rule_commands_load_neither_jsonschema_nor_html5lib() -> None:
    code = (
        "import sys, json, contextlib, io\n"
        "from artlint.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['rules'])\n"
        "    main(['explain', 'HT001'])\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    loaded = set(json.loads(result.stdout))
    assert "artlint" in loaded
    assert not loaded & {"jsonschema", "html5lib"}
