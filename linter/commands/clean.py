"""``artlint clean``: remove the result cache."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="artlint clean", description="Remove artlint's result cache."
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        metavar="PATH",
        help="the cache folder (default: .artlint_cache beside the config, or here)",
    )
    args = parser.parse_args(argv)
    from artlint.cache import DEFAULT_DIR, clean
    from artlint.config import ConfigError
    from artlint.project import Overrides, Resolver

    directory = args.cache_dir
    if directory is None:
        try:
            project = Resolver(Overrides()).for_folder(Path.cwd())
        except ConfigError as error:
            print(f"artlint: error: {error}", file=sys.stderr)
            return 2
        directory = project.cache_dir or project.root / DEFAULT_DIR
    if clean(directory):
        print(f"Removed {directory}")
    else:
        print(f"No cache at {directory}")
    return 0
