"""The rule registry: every rule artlint knows, and choosing rules by code, prefix or name."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from artlint.rule import Rule

if TYPE_CHECKING:
    from artlint.settings import RuleLayer, Settings


class UnknownRuleError(ValueError):
    """A selector names no rule."""


#: Rules of the plugins registered so far, by plugin (entry point) name, in load order.
_plugins: dict[str, tuple[type[Rule], ...]] = {}


@functools.cache
def builtin_rules() -> tuple[type[Rule], ...]:
    """The rules that ship with artlint, in code order."""
    from artlint.rules import BUILTIN_RULES

    return tuple(sorted(BUILTIN_RULES, key=lambda rule: rule.code))


@functools.cache
def all_rules() -> tuple[type[Rule], ...]:
    """Every known rule class, built-in and from registered plugins, in code order."""
    return known_rules(tuple(_plugins))


@functools.cache
def known_rules(plugins: tuple[str, ...]) -> tuple[type[Rule], ...]:
    """The built-in rules and those of the registered plugins named ``plugins``, by code."""
    extra = [rule for name in plugins for rule in _plugins.get(name, ())]
    return tuple(sorted((*builtin_rules(), *extra), key=lambda rule: rule.code))


def register_plugins(names: tuple[str, ...] | list[str]) -> tuple[type[Rule], ...]:
    """Load the plugins named ``names`` that are not registered yet; return their rules.

    Raises :class:`artlint.plugins.PluginError` (and registers none of ``names``) when one
    cannot be used.  Registering a plugin twice does nothing.
    """
    new = tuple(name for name in dict.fromkeys(names) if name not in _plugins)
    if not new:
        return ()
    from artlint.plugins import builtin_rule_label, load_each, plugin_rule_label

    taken: dict[str, str] = {}
    for rule in builtin_rules():
        taken[rule.code] = taken[rule.name] = builtin_rule_label(rule)
    for plugin, rules in _plugins.items():
        for rule in rules:
            taken[rule.code] = taken[rule.name] = plugin_rule_label(rule, plugin)
    loaded = load_each(new, taken)
    _plugins.update(loaded)
    reset()
    return tuple(rule for rules in loaded.values() for rule in rules)


def registered_plugins() -> tuple[str, ...]:
    """The names of the plugins registered so far."""
    return tuple(_plugins)


def plugin_of(rule: type[Rule]) -> str | None:
    """The plugin that registered ``rule``, or None for a built-in rule."""
    for name, rules in _plugins.items():
        if rule in rules:
            return name
    return None


def unregister_plugins() -> None:
    """Forget every registered plugin (their modules stay imported) and the caches."""
    _plugins.clear()
    reset()


def matches(rule: type[Rule], selector: str) -> bool:
    """Whether ``selector`` (a code, a code prefix, a kebab-case name or ALL) names ``rule``."""
    selector = selector.strip()
    return selector == "ALL" or rule.code.startswith(selector.upper()) or rule.name == selector


def did_you_mean(word: str, choices: list[str]) -> str:
    """``; did you mean 'x'?`` for the closest choice, or an empty string."""
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def unknown_rule(selector: str, rules: tuple[type[Rule], ...] | None = None) -> str:
    """The message for a selector that names none of ``rules`` (default: all), with the
    closest code or name."""
    rules = all_rules() if rules is None else rules
    codes = [rule.code for rule in rules]
    names = [rule.name for rule in rules]
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


def _matching(selectors: tuple[str, ...], rules: tuple[type[Rule], ...]) -> set[type[Rule]]:
    return {rule for rule in rules if any(matches(rule, one) for one in selectors)}


@functools.cache
def select_rules(
    layers: tuple[RuleLayer, ...], plugins: tuple[str, ...] = ()
) -> tuple[type[Rule], ...]:
    """The rules a run applies, by ruff's layered selection.

    Start from the rules on by default; each layer's ``select`` (when given) replaces the
    set, its ``extend_select`` adds to it and its ``ignore`` removes from it.  Only the
    built-in rules and those of ``plugins`` take part: a plugin registered for one
    configuration does not run where another configuration applies.
    """
    rules = known_rules(plugins)
    chosen = {rule for rule in rules if rule.enabled_by_default}
    for layer in layers:
        if layer.select is not None:
            chosen = _matching(layer.select, rules)
        chosen |= _matching(layer.extend_select, rules)
        chosen -= _matching(layer.ignore, rules)
    return tuple(rule for rule in rules if rule in chosen)


@functools.lru_cache(maxsize=64)
def fixable_codes(fixable: tuple[str, ...] | None, unfixable: tuple[str, ...]) -> frozenset[str]:
    """Codes whose fixes may be offered: ``fixable`` (default: all) less ``unfixable``."""
    rules = all_rules()
    chosen = set(rules) if fixable is None else _matching(fixable, rules)
    allowed = {rule.code for rule in chosen}
    return frozenset(allowed - {rule.code for rule in _matching(unfixable, rules)})


def rules_for(settings: Settings) -> tuple[type[Rule], ...]:
    """The rules that ``settings`` select, less the file's per-file-ignores."""
    chosen = select_rules(settings.rule_layers, settings.plugins)
    if not settings.file_ignores:
        return chosen
    return _without(chosen, settings.file_ignores)


@functools.lru_cache(maxsize=256)
def _without(chosen: tuple[type[Rule], ...], ignored: tuple[str, ...]) -> tuple[type[Rule], ...]:
    return tuple(rule for rule in chosen if not any(matches(rule, one) for one in ignored))


def reset() -> None:
    """Forget the cached rule list and selections (after rules were added or removed)."""
    builtin_rules.cache_clear()
    all_rules.cache_clear()
    known_rules.cache_clear()
    select_rules.cache_clear()
    fixable_codes.cache_clear()
    _without.cache_clear()
