"""Which configuration applies to a file, and the settings it resolves to.

The closest config file above a linted file applies to it (``--config`` forces one,
``--isolated`` ignores all).  A config may ``extend`` another; the chain is read base first,
and a key set in a later file replaces the earlier value (``per-file-ignores`` and
``severity`` merge by key, ``extend-select`` and ``extend-exclude`` accumulate).  The command
line comes last.  Every resolved value remembers where it came from, for ``artlint config``.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from artlint.config import (
    ConfigError,
    ConfigFile,
    Globs,
    config_in,
    globs,
    parse_table,
    read_table,
)
from artlint.plugins import PluginError
from artlint.registry import all_rules, known_rules, matches, register_plugins, unknown_rule
from artlint.rule import Rule, Severity
from artlint.settings import RuleLayer, Settings

DEFAULT_INCLUDE = ("*.md", "*.markdown")
DEFAULT_EXCLUDE = (".*", "node_modules")
COMMAND_LINE = "command line"
DEFAULT = "default"


@dataclass(frozen=True)
class Overrides:
    """What the command line says; ``None`` leaves the config's value."""

    config: Path | None = None
    isolated: bool = False
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    packs: tuple[Path, ...] = ()
    unsafe_fixes: bool | None = None
    output_format: str | None = None


@dataclass(frozen=True)
class Layer:
    """One config file of an ``extend`` chain."""

    path: Path
    config: ConfigFile

    @property
    def folder(self) -> Path:
        return self.path.parent


@dataclass
class ProjectConfig:
    """The resolved configuration of one config file (or of none)."""

    path: Path | None
    root: Path
    chain: tuple[Layer, ...]
    settings: Settings
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    respect_gitignore: bool
    output_format: str
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...]
    #: key -> (value as written, where it came from), for ``artlint config``.
    origins: dict[str, tuple[Any, str]] = field(default_factory=dict)
    #: Worker processes (None: one per core) and the cache folder (None: the default).
    jobs: int | None = None
    cache_dir: Path | None = None
    #: The settings per set of per-file-ignored codes, so that files share one object.
    _settings_by_ignores: dict[tuple[str, ...], Settings] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def file_ignores(self, path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The per-file-ignores entries (pattern, codes) whose pattern matches ``path``."""
        if not self.per_file_ignores:
            return ()
        relative = _relative(path, self.root)
        return tuple(
            (pattern, codes)
            for pattern, codes in self.per_file_ignores
            if _per_file_matches(pattern, relative)
        )

    def settings_for(self, path: Path) -> Settings:
        """The settings for one file: per-file-ignores matched against its path."""
        if not self.per_file_ignores:
            return self.settings
        return self.settings_each([_relative(path, self.root)])[0]

    def settings_each(self, relatives: list[str]) -> list[Settings]:
        """:meth:`settings_for` for many files at once, given by their paths relative to
        :attr:`root` (absolute when outside it), as discovery has them for each folder:
        each per-file-ignores glob is matched against the whole list in one call."""
        if not self.per_file_ignores:
            return [self.settings] * len(relatives)
        columns = [
            (_per_file_globs(pattern).matching(relatives), pattern.startswith("!"), codes)
            for pattern, codes in self.per_file_ignores
        ]
        result: list[Settings] = []
        for index in range(len(relatives)):
            ignored = tuple(
                code
                for matched, negated, codes in columns
                if matched[index] is not negated
                for code in codes
            )
            result.append(self._with_ignores(ignored) if ignored else self.settings)
        return result

    def _with_ignores(self, ignored: tuple[str, ...]) -> Settings:
        # A dict first: _with_ignores's lru_cache hashes the whole Settings model per call.
        settings = self._settings_by_ignores.get(ignored)
        if settings is None:
            settings = self._settings_by_ignores[ignored] = _with_ignores(self.settings, ignored)
        return settings


def _per_file_globs(pattern: str) -> Globs:
    """The glob of a per-file-ignores pattern, without the ``!`` that negates it."""
    return globs((pattern[1:] if pattern.startswith("!") else pattern,))


def _per_file_matches(pattern: str, relative: str) -> bool:
    """A per-file-ignores glob; ``!glob`` means every file it does not match (as ruff)."""
    return _per_file_globs(pattern).match(relative) is not pattern.startswith("!")


@functools.lru_cache(maxsize=256)
def _with_ignores(settings: Settings, ignored: tuple[str, ...]) -> Settings:
    # A filter after every selection, the command line's too, as ruff's per-file-ignores.
    return settings.model_copy(update={"file_ignores": ignored})


def _relative(path: Path, root: Path) -> str:
    absolute = Path(os.path.normpath(path.absolute()))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()


def _extend_key(path: Path) -> str:
    return f"{path}: {'tool.artlint.' if path.name == 'pyproject.toml' else ''}extend"


def load_chain(path: Path) -> tuple[Layer, ...]:
    """The config at ``path`` and the files it extends, base first."""
    chain: list[Layer] = []
    seen: set[Path] = set()
    # Paths stay as found (absolute, symlinks kept) so that globs match walked paths; only
    # the cycle check looks through symlinks.
    current: Path | None = Path(os.path.normpath(path.absolute()))
    while current is not None:
        if current.resolve() in seen:
            raise ConfigError(f"{_extend_key(current)}: the files extend each other in a cycle")
        seen.add(current.resolve())
        if not current.is_file():
            raise ConfigError(f"{current}: no such configuration file")
        table = read_table(current)
        if table is None:
            raise ConfigError(f"{current}: has no [tool.artlint] table")
        config = parse_table(table, current)
        chain.append(Layer(current, config))
        if config.extend is None:
            current = None
        else:
            base = Path(os.path.normpath(current.parent / config.extend))
            if not base.is_file():
                raise ConfigError(f"{_extend_key(current)}: no such file {config.extend!r}")
            current = base
    return tuple(reversed(chain))


def _check_rules(
    selectors: tuple[str, ...], where: str, rules: tuple[type[Rule], ...] | None = None
) -> None:
    """Raise a ConfigError for a selector that names none of ``rules`` (default: all)."""
    rules = all_rules() if rules is None else rules
    for selector in selectors:
        if not any(matches(rule, selector) for rule in rules):
            raise ConfigError(f"{where}: {unknown_rule(selector, rules)}")


def _check_schema(schema: Path) -> None:
    """A configured schema must load now: one clear error, not an AL900 per file."""
    from artlint.schema import SchemaError, compiled_schema

    try:
        compiled_schema(schema)
    except SchemaError as error:
        raise ConfigError(str(error)) from None


def _check_packs(packs: tuple[Path, ...]) -> None:
    from artlint.packs import PackError, load_packs

    try:
        load_packs(packs)
    except PackError as error:
        raise ConfigError(str(error)) from None


def _key(layer: Layer, key: str) -> str:
    prefix = "tool.artlint." if layer.path.name == "pyproject.toml" else ""
    return f"{layer.path}: {prefix}{key}"


def register_chain_plugins(chain: tuple[Layer, ...]) -> tuple[str, ...]:
    """Load the plugins that a config chain names (the last file that sets ``plugins``
    wins) into the registry, and return their names.

    A plugin that cannot be used is a ConfigError naming the file and the key.
    """
    for layer in reversed(chain):
        plugins = layer.config.plugins
        if plugins is not None:
            try:
                register_plugins(plugins)
            except PluginError as error:
                raise ConfigError(f"{_key(layer, 'plugins')}: {error}") from None
            return plugins
    return ()


def resolve(path: Path | None, overrides: Overrides, cwd: Path) -> ProjectConfig:
    """The configuration of config file ``path`` (None: defaults) with the command line."""
    chain = load_chain(path) if path is not None else ()
    # Plugins first, so that the config's selectors may name their rules; a config's
    # selectors are checked against the built-in rules and its own plugins' rules only.
    plugins = register_chain_plugins(chain)
    rules = known_rules(plugins)
    origins: dict[str, tuple[Any, str]] = {}
    values: dict[str, Any] = {}
    layers: list[RuleLayer] = []
    extend_exclude: list[str] = []
    per_file: dict[str, tuple[str, ...]] = {}
    severity: dict[str, Severity] = {}
    for layer in chain:
        config = layer.config
        for key in ("select", "extend_select", "ignore", "fixable", "unfixable"):
            selectors = getattr(config, key)
            if selectors is not None:
                _check_rules(selectors, _key(layer, key.replace("_", "-")), rules)
        layers.append(
            RuleLayer(
                select=config.select,
                extend_select=config.extend_select or (),
                ignore=config.ignore or (),
            )
        )
        written = config.model_dump(exclude_none=True, by_alias=True)
        for key, value in written.items():
            origins[key] = (value, str(layer.path))
        for key in ("fixable", "unfixable", "unsafe_fixes", "include", "exclude"):
            if getattr(config, key) is not None:
                values[key] = getattr(config, key)
        if config.cache_dir is not None:
            values["cache_dir"] = layer.folder / config.cache_dir
        for key in ("respect_gitignore", "output_format", "jobs"):
            if getattr(config, key) is not None:
                values[key] = getattr(config, key)
        extend_exclude.extend(config.extend_exclude or ())
        for pattern, codes in (config.per_file_ignores or {}).items():
            _check_rules(codes, _key(layer, f"per-file-ignores.{pattern}"), rules)
            per_file[pattern] = codes
        for selector, level in (config.severity or {}).items():
            _check_rules((selector,), _key(layer, f"severity.{selector}"), rules)
            for rule in rules:
                if matches(rule, selector):
                    severity[rule.code] = Severity(level)
        if config.schema_ is not None:
            schema = layer.folder / config.schema_
            if not schema.is_file():
                raise ConfigError(f"{_key(layer, 'schema')}: no such file {config.schema_!r}")
            _check_schema(schema)
            values["schema_path"] = schema
        if config.packs is not None:
            packs = tuple(layer.folder / pack for pack in config.packs)
            for pack, written_path in zip(packs, config.packs, strict=True):
                if not pack.is_file():
                    raise ConfigError(f"{_key(layer, 'packs')}: no such file {written_path!r}")
            _check_packs(packs)
            values["packs"] = packs
    for key, given in (
        ("select", overrides.select),
        ("extend-select", overrides.extend_select or None),
        ("ignore", overrides.ignore or None),
    ):
        if given is not None:
            _check_rules(given, COMMAND_LINE)
            origins[key] = (list(given), COMMAND_LINE)
    if overrides.unsafe_fixes is not None:
        values["unsafe_fixes"] = overrides.unsafe_fixes
        origins["unsafe-fixes"] = (overrides.unsafe_fixes, COMMAND_LINE)
    if overrides.packs:
        values["packs"] = (*overrides.packs, *values.get("packs", ()))
        origins["packs"] = ([str(p) for p in values["packs"]], COMMAND_LINE)
    if overrides.output_format is not None:
        values["output_format"] = overrides.output_format
        origins["output-format"] = (overrides.output_format, COMMAND_LINE)
    settings = Settings(
        select=overrides.select or (),
        extend_select=overrides.extend_select,
        ignore=overrides.ignore,
        config_layers=tuple(layers),
        schema_path=values.get("schema_path"),
        packs=values.get("packs", ()),
        severity=tuple(sorted(severity.items())),
        fixable=values.get("fixable"),
        unfixable=values.get("unfixable", ()),
        unsafe_fixes=values.get("unsafe_fixes", False),
        plugins=plugins,
    )
    return ProjectConfig(
        path=chain[-1].path if chain else None,
        root=chain[-1].folder if chain else cwd.absolute(),
        chain=chain,
        settings=settings,
        include=values.get("include", DEFAULT_INCLUDE),
        exclude=(*values.get("exclude", DEFAULT_EXCLUDE), *extend_exclude),
        respect_gitignore=values.get("respect_gitignore", True),
        output_format=values.get("output_format", "text"),
        jobs=values.get("jobs"),
        cache_dir=values.get("cache_dir"),
        per_file_ignores=tuple(per_file.items()),
        origins=origins,
    )


class Resolver:
    """Finds and caches the configuration for each file and folder of a run."""

    def __init__(self, overrides: Overrides, cwd: Path | None = None) -> None:
        self.overrides = overrides
        self.cwd = cwd or Path.cwd()
        self._by_path: dict[Path | None, ProjectConfig] = {}
        self._by_folder: dict[Path, Path | None] = {}

    def config_path(self, folder: Path) -> Path | None:
        """The config file for ``folder``.  ".." is folded first, as discovery folds it
        for globs: the folders above ``a/b/../../c`` are those above ``c``, not ``a/b``."""
        if self.overrides.isolated:
            return None
        if self.overrides.config is not None:
            return self.overrides.config.absolute()
        return self._find(Path(os.path.normpath(folder.absolute())))

    def _find(self, folder: Path) -> Path | None:
        """:func:`artlint.config.find_config`, remembering the answer for every folder on
        the way up: the folders of a walk share their parents, so each is looked in once."""
        missing: list[Path] = []
        found: Path | None = None
        current = folder
        while True:
            if current in self._by_folder:
                found = self._by_folder[current]
                break
            missing.append(current)
            found = config_in(current)
            if found is not None or current.parent == current:
                break
            current = current.parent
        for below in missing:
            self._by_folder[below] = found
        return found

    def load_plugins_for(self, folder: Path) -> None:
        """Register the plugins that the configuration for ``folder`` names, without
        resolving the rest (so that command-line selectors may name their rules)."""
        path = self.config_path(folder)
        if path is not None:
            register_chain_plugins(load_chain(path))

    def for_folder(self, folder: Path) -> ProjectConfig:
        path = self.config_path(folder)
        if path not in self._by_path:
            self._by_path[path] = resolve(path, self.overrides, self.cwd)
        return self._by_path[path]

    def for_file(self, file: Path) -> ProjectConfig:
        return self.for_folder(file.parent if file.parent != Path("") else Path("."))
