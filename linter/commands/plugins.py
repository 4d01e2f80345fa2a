"""Plugins for the subcommands that list or explain rules.

``artlint rules`` and ``artlint explain`` know the rules of the plugins that the working
directory's configuration names (``plugins = [...]``), as ``artlint`` there would run them.
"""

from __future__ import annotations

import sys
from pathlib import Path


def load_cwd_plugins() -> bool:
    """Register the plugins of the working directory's config; False (after printing the
    error) when the config or a plugin cannot be used."""
    from artlint.config import ConfigError
    from artlint.project import Overrides, Resolver

    try:
        Resolver(Overrides()).load_plugins_for(Path.cwd())
    except ConfigError as error:
        print(f"artlint: error: {error}", file=sys.stderr)
        return False
    return True
