"""The settings one lint run applies to a file.

A pydantic model so that configuration files (which build it) get validation and clear
errors for free, and so that it pickles to worker processes.  Values here are already
resolved: paths are absolute or relative to the working directory, and the config file's
rule selections are :class:`RuleLayer` objects applied before the command line's.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from artlint.rule import Severity


class RuleLayer(BaseModel):
    """One step of rule selection, as in ruff: ``select`` (if given) replaces the set chosen
    so far, ``extend_select`` adds to it, ``ignore`` removes from it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    #: Rule codes, code prefixes or names to run; empty means every rule on by default.
    select: tuple[str, ...] = ()
    #: Rules to run in addition to ``select`` (or to the defaults).
    extend_select: tuple[str, ...] = ()
    #: Rule codes, code prefixes or names not to run.
    ignore: tuple[str, ...] = ()
    #: Selections from configuration files (base first), applied before the three above.
    config_layers: tuple[RuleLayer, ...] = ()
    #: Rules this file's per-file-ignores turn off, whatever the selections say (as ruff).
    file_ignores: tuple[str, ...] = ()
    #: The user's JSON Schema for front matter; None for the shipped default.
    schema_path: Path | None = None
    #: Rule packs loaded before the built-in ones (``--pack``, ``packs``).
    packs: tuple[Path, ...] = ()
    #: Severity per rule code, overriding the rule's default.
    severity: tuple[tuple[str, Severity], ...] = ()
    #: Rules whose fixes may be applied (None: all) and rules whose fixes may not.
    fixable: tuple[str, ...] | None = None
    unfixable: tuple[str, ...] = ()
    #: Apply unsafe fixes too.
    unsafe_fixes: bool = False
    #: Entry-point names of plugin rule packages to load (group ``artlint.rules``).
    plugins: tuple[str, ...] = ()

    @property
    def rule_layers(self) -> tuple[RuleLayer, ...]:
        """Every selection step: the config files', then this run's own."""
        own = RuleLayer(
            select=self.select or None, extend_select=self.extend_select, ignore=self.ignore
        )
        return (*self.config_layers, own)
