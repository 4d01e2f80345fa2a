"""The rule registry: every rule artlint knows, and choosing rules by code, prefix or name."""

from __future__ import annotations

import functools

from artlint.rule import Rule


class UnknownRuleError(ValueError):
    """A selector names no rule."""


@functools.cache
def all_rules() -> tuple[type[Rule], ...]:
    """Every known rule class, in code order."""
    from artlint.rules import BUILTIN_RULES

    return tuple(sorted(BUILTIN_RULES, key=lambda rule: rule.code))


def matches(rule: type[Rule], selector: str) -> bool:
    """Whether ``selector`` (a code, a code prefix, a kebab-case name or ALL) names ``rule``."""
    selector = selector.strip()
    return selector == "ALL" or rule.code.startswith(selector.upper()) or rule.name == selector


def check_selectors(selectors: tuple[str, ...] | list[str]) -> None:
    """Raise :class:`UnknownRuleError` for a selector that names no rule."""
    for selector in selectors:
        if not any(matches(rule, selector) for rule in all_rules()):
            raise UnknownRuleError(f"unknown rule selector {selector!r}")


def find_rule(selector: str) -> type[Rule] | None:
    """The rule with this exact code or name."""
    for rule in all_rules():
        if rule.code == selector.upper() or rule.name == selector:
            return rule
    return None


@functools.cache
def select_rules(select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[type[Rule], ...]:
    """The rules a run applies: ``select`` (or the defaults) less ``ignore``."""
    chosen = []
    for rule in all_rules():
        if select:
            selected = any(matches(rule, selector) for selector in select)
        else:
            selected = rule.enabled_by_default
        if selected and not any(matches(rule, selector) for selector in ignore):
            chosen.append(rule)
    return tuple(chosen)


def reset() -> None:
    """Forget the cached rule list and selections (after rules were added or removed)."""
    all_rules.cache_clear()
    select_rules.cache_clear()
