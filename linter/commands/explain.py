"""``artlint explain CODE|NAME``: print one rule's documentation."""

from __future__ import annotations

import argparse
import difflib
import sys

from artlint.commands.output import write_stdout
from artlint.commands.plugins import load_cwd_plugins
from artlint.rule import Rule

EXIT_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="artlint explain",
        description="Print a rule's documentation: what it reports, why, examples, its fix.",
        epilog="artlint rules lists every rule.",
    )
    parser.add_argument("rule", metavar="CODE|NAME", help="a rule code (HT001) or name")
    return parser


def find(query: str) -> type[Rule] | None:
    """The rule whose code (in any case) or name is ``query``."""
    from artlint.registry import find_rule

    return find_rule(query.strip().lower())


def suggestion(query: str) -> str | None:
    """The code or name closest to ``query``, if one is close (difflib's 0.6 ratio)."""
    from artlint.registry import all_rules

    query = query.strip()
    rules = all_rules()
    candidates = difflib.get_close_matches(query.upper(), [rule.code for rule in rules], n=1)
    candidates += difflib.get_close_matches(query.lower(), [rule.name for rule in rules], n=1)
    if not candidates:
        return None

    def closeness(candidate: str) -> float:
        probe = query.upper() if candidate.isupper() else query.lower()
        return difflib.SequenceMatcher(None, probe, candidate).ratio()

    return max(candidates, key=closeness)


def unknown_rule_message(query: str) -> str:
    """``artlint: error: unknown rule 'X'``, with a did-you-mean when one is close."""
    message = f"artlint: error: unknown rule {query!r}"
    close = suggestion(query)
    return f"{message}; did you mean {close!r}?" if close else message


def run(argv: list[str]) -> int:
    """Print the documentation of the rule named in ``argv``; exit 2 for an unknown rule."""
    args = build_parser().parse_args(argv)
    if not load_cwd_plugins():
        return EXIT_ERROR
    rule = find(args.rule)
    if rule is None:
        print(unknown_rule_message(args.rule), file=sys.stderr)
        return EXIT_ERROR
    from artlint.ruledocs import render_text

    write_stdout(render_text(rule))
    return 0
