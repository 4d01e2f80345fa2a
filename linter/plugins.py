"""Rules from other packages: the ``artlint.rules`` entry point group.

A distribution declares its rules with an entry point whose object is a
:class:`~artlint.rule.Rule` subclass or an iterable of them::

    [project.entry-points."artlint.rules"]
    myplugin = "my_pkg.rules:RULES"

Installing a plugin does nothing by itself: a plugin is imported only when its entry point
name is listed in the ``plugins`` setting of a configuration file (or in
``Settings(plugins=...)``), so neither article files nor an unrelated installed package can
make artlint run code.  Every rule a plugin declares is checked here before it is used: its
declaration must be complete and its code must not clash with a built-in rule or with
another plugin's.  Any problem is a :class:`PluginError` that names the plugin.

``importlib.metadata`` is imported only when a plugin is loaded, so that a run without
plugins (and ``artlint --version``) does not pay for scanning the installed distributions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from artlint.rule import FixAvailability, Rule, Severity, Target

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

GROUP = "artlint.rules"
"""The entry point group that plugins declare their rules in."""

CODE = re.compile(r"[A-Z]+[0-9]+")
NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class PluginError(ValueError):
    """A plugin that cannot be used; the message names the plugin and the problem."""


def installed() -> dict[str, EntryPoint]:
    """The installed plugins by entry point name (the first one found wins a duplicate)."""
    from importlib.metadata import entry_points

    found: dict[str, EntryPoint] = {}
    for entry_point in entry_points(group=GROUP):
        found.setdefault(entry_point.name, entry_point)
    return found


def _unknown(name: str, available: dict[str, EntryPoint]) -> PluginError:
    from artlint.registry import did_you_mean

    if not available:
        return PluginError(f"unknown plugin {name!r}: no artlint plugin is installed")
    hint = did_you_mean(name, sorted(available))
    return PluginError(f"unknown plugin {name!r}{hint} (installed: {', '.join(sorted(available))})")


def _declared_rules(name: str, entry_point: EntryPoint) -> tuple[type[Rule], ...]:
    """Import the entry point's object and return it as a tuple of classes to check."""
    where = f"plugin {name!r} ({entry_point.value})"
    try:
        declared = entry_point.load()
    except Exception as error:  # the plugin's own code ran: anything can go wrong
        raise PluginError(f"{where} failed to load: {type(error).__name__}: {error}") from error
    if isinstance(declared, type):
        items: list[object] = [declared]
    elif isinstance(declared, Iterable) and not isinstance(declared, str | bytes):
        items = list(declared)
    else:
        raise PluginError(
            f"{where} is not a Rule subclass or a list of them: got {type(declared).__name__}"
        )
    if not items:
        raise PluginError(f"{where} declares no rules")
    rules: list[type[Rule]] = []
    for item in items:
        if not (isinstance(item, type) and issubclass(item, Rule)):
            shown = item.__name__ if isinstance(item, type) else type(item).__name__
            raise PluginError(f"{where}: {shown} is not a subclass of artlint.rule.Rule")
        rules.append(item)
    return tuple(rules)


def rule_problem(rule: type[Rule]) -> str | None:
    """What is wrong with a plugin rule's declaration, or None when it can be used."""
    own = vars(rule)
    code = getattr(rule, "code", None)
    if not isinstance(code, str) or not CODE.fullmatch(code):
        return f"code {code!r} is not capital letters followed by digits (like 'XY001')"
    name = getattr(rule, "name", None)
    if not isinstance(name, str) or not NAME.fullmatch(name):
        return f"name {name!r} is not kebab-case (like 'shouting-title')"
    summary = getattr(rule, "summary", None)
    if not isinstance(summary, str) or not summary.strip():
        return "summary is missing or empty"
    if not (own.get("__doc__") or "").strip():
        return "has no docstring (it is the rule's documentation: see docs/writing-rules.md)"
    for attribute, kind in (
        ("severity", Severity),
        ("fixable", FixAvailability),
        ("target", Target),
    ):
        if not isinstance(getattr(rule, attribute), kind):
            return f"{attribute} is not an artlint.rule.{kind.__name__}"
    if not isinstance(rule.enabled_by_default, bool):
        return "enabled_by_default is not True or False"
    if rule.target is Target.ENGINE:
        return "target ENGINE is only for the rules artlint's engine emits"
    if rule.check is Rule.check:
        return "does not implement check()"
    return None


def load_plugins(
    names: tuple[str, ...], taken: Mapping[str, str] | None = None
) -> tuple[type[Rule], ...]:
    """Import the plugins named ``names`` and return their rules, checked.

    ``taken`` maps the codes and names already in use (built-in rules, plugins loaded
    before) to a description of their holder: a plugin rule may reuse none of them.  Raises
    :class:`PluginError` for an unknown name, a plugin that fails to import, an object that
    is not rules, an incomplete declaration or a clash.
    """
    return tuple(rule for rules in load_each(names, taken).values() for rule in rules)


def load_each(
    names: tuple[str, ...], taken: Mapping[str, str] | None = None
) -> dict[str, tuple[type[Rule], ...]]:
    """:func:`load_plugins`, with the rules of each plugin under its name."""
    holders = dict(taken or {})
    available = installed()
    loaded: dict[str, tuple[type[Rule], ...]] = {}
    for name in dict.fromkeys(names):
        entry_point = available.get(name)
        if entry_point is None:
            raise _unknown(name, available)
        rules = _declared_rules(name, entry_point)
        for rule in rules:
            problem = rule_problem(rule)
            if problem is not None:
                raise PluginError(f"plugin {name!r}: rule {rule.__qualname__}: {problem}")
            for kind, key in (("code", rule.code), ("name", rule.name)):
                if key in holders:
                    raise PluginError(
                        f"plugin {name!r}: rule {rule.code} {rule.name}: {kind} {key} is"
                        f" already taken by {holders[key]}"
                    )
            holders[rule.code] = holders[rule.name] = plugin_rule_label(rule, name)
        loaded[name] = rules
    return loaded


def builtin_rule_label(rule: type[Rule]) -> str:
    """``the built-in rule HT001 html-comment``, for clash messages."""
    return f"the built-in rule {rule.code} {rule.name}"


def plugin_rule_label(rule: type[Rule], plugin: str) -> str:
    """``rule DM001 demo-shouting-title of plugin 'demo'``, for clash messages."""
    return f"rule {rule.code} {rule.name} of plugin {plugin!r}"


__all__ = [
    "GROUP",
    "PluginError",
    "builtin_rule_label",
    "installed",
    "load_each",
    "load_plugins",
    "plugin_rule_label",
    "rule_problem",
]
