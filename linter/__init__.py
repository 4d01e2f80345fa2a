"""artlint: a linter for scraped and syndicated article files (YAML front matter + HTML body).

The public API is imported lazily so that ``artlint --version`` loads no heavy library::

    import artlint
    violations = artlint.lint_text(text, path="post.md")
    report = artlint.lint_paths(["source/_posts"])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from artlint.api import fix_paths, fix_text, lint_paths, lint_text
    from artlint.report import Report
    from artlint.settings import Settings
    from artlint.violation import Violation

_LAZY = {
    "lint_text": "artlint.api",
    "lint_paths": "artlint.api",
    "fix_text": "artlint.api",
    "fix_paths": "artlint.api",
    "Report": "artlint.report",
    "Settings": "artlint.settings",
    "Violation": "artlint.violation",
}

__all__ = [
    "Report",
    "Settings",
    "Violation",
    "__version__",
    "fix_paths",
    "fix_text",
    "lint_paths",
    "lint_text",
]


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'artlint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
