"""Subcommands of ``artlint``: ``artlint rules``, ``artlint explain CODE``, ``artlint config``.

``artlint PATH...`` lints; a first argument that names a subcommand runs it instead (a file
or folder called ``rules`` is linted as ``artlint ./rules``).  Each subcommand is a module
with ``run(argv) -> exit code``, imported only when used.
"""

from __future__ import annotations

SUBCOMMANDS = {
    "rules": "artlint.commands.rules",
    "explain": "artlint.commands.explain",
    "config": "artlint.commands.config",
    "clean": "artlint.commands.clean",
}
