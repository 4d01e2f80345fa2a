"""``artlint rules``: a table of every rule, or the same as JSON."""

from __future__ import annotations

import argparse
import json

from artlint.commands.output import write_stdout
from artlint.commands.plugins import load_cwd_plugins
from artlint.rule import Rule

EXIT_ERROR = 2

NAME_WIDTH = 24
"""The NAME column's minimum width, so the table keeps its shape as rules are added."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="artlint rules",
        description=(
            "List every rule: code, name, default severity, fix (safe, unsafe or - for none),"
            " whether it runs by default, and what it reports. Rules of the plugins that the"
            " working directory's configuration names are listed too."
            " In JSON, fix is null for a rule that cannot fix."
        ),
        epilog="artlint explain CODE prints a rule's documentation.",
    )
    parser.add_argument(
        "--output-format",
        choices=("text", "json"),
        default="text",
        help="a table, or a JSON array of objects (default: text)",
    )
    return parser


def rule_record(rule: type[Rule]) -> dict[str, str | bool | None]:
    """One rule as a JSON object: code, name, summary, severity, fix, default."""
    from artlint.ruledocs import fix_label

    fix = fix_label(rule)
    return {
        "code": rule.code,
        "name": rule.name,
        "summary": rule.summary,
        "severity": rule.severity.value,
        "fix": None if fix == "-" else fix,
        "default": rule.enabled_by_default,
    }


def render_table(rules: tuple[type[Rule], ...]) -> str:
    """The rules as aligned columns under a header line."""
    from artlint.ruledocs import fix_label

    width = max([NAME_WIDTH, *(len(rule.name) for rule in rules)])
    # Built-in codes have five characters; a plugin's may be longer (DEMO001).
    code_width = max([5, *(len(rule.code) for rule in rules)])
    rows = [("CODE", "NAME", "SEVERITY", "FIX", "DEFAULT", "SUMMARY")]
    for rule in rules:
        default = "on" if rule.enabled_by_default else "off"
        rows.append(
            (rule.code, rule.name, rule.severity.value, fix_label(rule), default, rule.summary)
        )
    return "\n".join(
        f"{code:<{code_width}}  {name:<{width}}  {severity:<8}  {fix:<6}  {default:<7}"
        f"  {summary}".rstrip()
        for code, name, severity, fix, default, summary in rows
    )


def run(argv: list[str]) -> int:
    """Print the rules (with those of the plugins the working directory's config names);
    the exit code is 0, or 2 when that config or a plugin cannot be used."""
    args = build_parser().parse_args(argv)
    if not load_cwd_plugins():
        return EXIT_ERROR
    from artlint.registry import all_rules

    rules = all_rules()
    if args.output_format == "json":
        write_stdout(
            json.dumps([rule_record(rule) for rule in rules], ensure_ascii=False, indent=2)
        )
    else:
        write_stdout(render_table(rules))
    return 0
