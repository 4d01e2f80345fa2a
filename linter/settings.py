"""The settings one lint run applies to a file.

A pydantic model so that configuration files (which build it) get validation and clear
errors for free, and so that it pickles to worker processes.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    #: Rule codes, code prefixes or names to run; empty means every rule on by default.
    select: tuple[str, ...] = ()
    #: Rule codes, code prefixes or names not to run.
    ignore: tuple[str, ...] = ()
    #: The user's JSON Schema for front matter; None for the shipped default.
    schema_path: Path | None = None
    #: Rule packs loaded after the built-in ones (``--pack``).
    packs: tuple[Path, ...] = ()
