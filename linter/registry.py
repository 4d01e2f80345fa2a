"""The rule registry: every rule artlint knows, and choosing rules by code, prefix or name."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from artlint.rule import Rule

if TYPE_CHECKING:
    from artlint.settings import RuleLayer, Settings


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


def did_you_mean(word: str, choices: list[str]) -> str:
    """``; did you mean 'x'?`` for the closest choice, or an empty string."""
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def unknown_rule(selector: str) -> str:
    """The message for a selector that names no rule, with the closest code or name."""
    codes = [rule.code for rule in all_rules()]
    names = [rule.name for rule in all_rules()]
    hint = did_you_mean(selector.upper(), codes) or did_you_mean(selector, names)
    return f"unknown rule {selector!r}{hint}"


def check_selectors(selectors: tuple[str, ...] | list[str]) -> None:
    """Raise :class:`UnknownRuleError` for a selector that names no rule."""
    for selector in selectors:
        if not any(matches(rule, selector) for rule in all_rules()):
            raise UnknownRuleError(unknown_rule(selector))


def find_rule(selector: str) -> type[Rule] | None:
    """The rule with this exact code or name."""
    for rule in all_rules():
        if rule.code == selector.upper() or rule.name == selector:
            return rule
    return None


def _matching(selectors: tuple[str, ...]) -> set[type[Rule]]:
    return {rule for rule in all_rules() if any(matches(rule, one) for one in selectors)}


@functools.cache
def select_rules(layers: tuple[RuleLayer, ...]) -> tuple[type[Rule], ...]:
    """The rules a run applies, by ruff's layered selection.

    Start from the rules on by default; each layer's ``select`` (when given) replaces the
    set, its ``extend_select`` adds to it and its ``ignore`` removes from it.
    """
    chosen = {rule for rule in all_rules() if rule.enabled_by_default}
    for layer in layers:
        if layer.select is not None:
            chosen = _matching(layer.select)
        chosen |= _matching(layer.extend_select)
        chosen -= _matching(layer.ignore)
    return tuple(rule for rule in all_rules() if rule in chosen)


@functools.lru_cache(maxsize=64)
def fixable_codes(fixable: tuple[str, ...] | None, unfixable: tuple[str, ...]) -> frozenset[str]:
    """Codes whose fixes may be offered: ``fixable`` (default: all) less ``unfixable``."""
    chosen = set(all_rules()) if fixable is None else _matching(fixable)
    allowed = {rule.code for rule in chosen}
    return frozenset(allowed - {rule.code for rule in _matching(unfixable)})


def rules_for(settings: Settings) -> tuple[type[Rule], ...]:
    """The rules that ``settings`` select."""
    return select_rules(settings.rule_layers)


def reset() -> None:
    """Forget the cached rule list and selections (after rules were added or removed)."""
    all_rules.cache_clear()
    select_rules.cache_clear()
    fixable_codes.cache_clear()
