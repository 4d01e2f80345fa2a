"""Rule documentation: a rule's docstring split into sections, rendered as text or Markdown.

A rule's class docstring is its documentation (see :class:`artlint.rule.Rule`): headed
sections ``What it does:``, ``Why it matters:``, ``Example:``, ``Use instead:``,
``Fix safety:`` and optionally ``Options:``, each heading alone on a line.  Examples are
fenced with three backticks and kept byte for byte.

``artlint explain`` prints :func:`render_text`; ``docs/rules.md`` is :func:`render_markdown`
of every rule, regenerated with ``python -m artlint.ruledocs > docs/rules.md``.
"""

from __future__ import annotations

import html
import inspect
import re
import sys
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from artlint.rule import FixAvailability, Rule

SECTION_TITLES = (
    "What it does",
    "Why it matters",
    "Example",
    "Use instead",
    "Fix safety",
    "Options",
)
"""The headings a rule docstring may have, in their order."""

REGENERATE = "python -m artlint.ruledocs > docs/rules.md"
"""The command that writes ``docs/rules.md``."""

_HEADING = re.compile(rf"({'|'.join(SECTION_TITLES)}):")
_FENCE = "```"
_DOUBLE_BACKTICKS = re.compile(r"(?<!`)``([^`\n]+)``(?!`)")
_CODE_SPAN = re.compile(r"(`[^`\n]+`)")


@dataclass(frozen=True, slots=True)
class Section:
    """One section of a rule docstring: its title (no colon) and its dedented body."""

    title: str
    body: str


def parse_sections(doc: str) -> tuple[Section, ...]:
    """Split a docstring into sections; text before the first heading has the title ``""``."""
    sections: list[Section] = []
    title = ""
    lines: list[str] = []
    for line in inspect.cleandoc(doc).splitlines():
        heading = _HEADING.fullmatch(line.rstrip())
        if heading:
            sections.append(Section(title, _body(lines)))
            title, lines = heading.group(1), []
        else:
            lines.append(line)
    sections.append(Section(title, _body(lines)))
    return tuple(section for section in sections if section.title or section.body)


def _body(lines: list[str]) -> str:
    """The lines dedented, without trailing spaces or blank lines around them."""
    return textwrap.dedent("\n".join(line.rstrip() for line in lines)).strip("\n")


def rule_sections(rule: type[Rule]) -> tuple[Section, ...]:
    """The sections of ``rule``'s docstring."""
    return parse_sections(inspect.getdoc(rule) or "")


def fix_label(rule: type[Rule]) -> str:
    """``-`` for a rule that never fixes, else ``unsafe`` when its fix safety says so, or ``safe``.

    A rule's fixes are unsafe when its ``Fix safety:`` section starts with "Unsafe".
    """
    if rule.fixable is FixAvailability.NEVER:
        return "-"
    for section in rule_sections(rule):
        if section.title == "Fix safety" and section.body.lower().startswith("unsafe"):
            return "unsafe"
    return "safe"


def describe(rule: type[Rule]) -> str:
    """Severity, fix and default in words: ``warning, safe fix, on by default``."""
    label = fix_label(rule)
    fix = "not fixable" if label == "-" else f"{label} fix"
    default = "on" if rule.enabled_by_default else "off"
    return f"{rule.severity.value}, {fix}, {default} by default"


def render_text(rule: type[Rule]) -> str:
    """The documentation ``artlint explain`` prints: header, summary, then the sections."""
    parts = [f"{rule.code} {rule.name} ({describe(rule)})\n{rule.summary}"]
    for section in rule_sections(rule):
        heading = f"{section.title}:\n" if section.title else ""
        parts.append(heading + section.body)
    return "\n\n".join(parts)


def render_markdown(rules: Iterable[type[Rule]]) -> str:
    """``docs/rules.md``: an intro, a summary table, then one section per rule."""
    rules = tuple(rules)
    lines = [
        "# Rules",
        "",
        "This file is generated from the rules' docstrings: edit those, not this file, and",
        f"regenerate it with `{REGENERATE}`.",
        "",
        "`artlint rules` lists the rules and `artlint explain CODE` prints one rule's",
        "documentation.",
        "",
        "| Code | Name | Severity | Fix | Default | Summary |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for rule in rules:
        default = "on" if rule.enabled_by_default else "off"
        cells = (
            f"[{rule.code}](#{rule.code.lower()})",
            f"`{rule.name}`",
            rule.severity.value,
            fix_label(rule),
            default,
            _markdown_prose(rule.summary).replace("|", "\\|"),
        )
        lines.append(f"| {' | '.join(cells)} |")
    for rule in rules:
        lines += ["", f"## {rule.code}", "", render_rule_markdown(rule)]
    return "\n".join(lines) + "\n"


def render_rule_markdown(rule: type[Rule]) -> str:
    """One rule's documentation as Markdown, without a heading naming the rule: its name and
    description, the summary, then the sections under ``###`` headings (as in ``docs/rules.md``).
    """
    lines = [f"`{rule.name}` ({describe(rule)})", "", _sentence(_markdown_prose(rule.summary))]
    for section in rule_sections(rule):
        if section.title:
            lines += ["", f"### {section.title}"]
        lines += ["", _markdown_body(section.body)]
    return "\n".join(lines)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _markdown_body(body: str) -> str:
    """A section body as Markdown: fenced examples verbatim, prose through _markdown_prose."""
    out, fenced = [], False
    for line in body.splitlines():
        if line.lstrip().startswith(_FENCE):
            fenced = not fenced
            out.append(line)
        else:
            out.append(line if fenced else _markdown_prose(line))
    return "\n".join(out)


def _markdown_prose(text: str) -> str:
    """Docstring prose as Markdown: reST's double-backtick literals become single-backtick code,
    and ``<``, ``>`` and ``&`` outside code are escaped (so ``<style>`` is not read as HTML).
    """
    parts = _CODE_SPAN.split(_DOUBLE_BACKTICKS.sub(r"`\1`", text))
    return "".join(
        part if index % 2 else html.escape(part, quote=False) for index, part in enumerate(parts)
    )


def main() -> None:
    """Print ``docs/rules.md`` (UTF-8, ``\\n`` line ends on every platform)."""
    from artlint.registry import all_rules

    sys.stdout.buffer.write(render_markdown(all_rules()).encode("utf-8"))


if __name__ == "__main__":
    main()
