"""The built-in rules, listed explicitly so that grep finds every one.

Plugins add rules through the ``artlint.rules`` entry point group with the same declaration.
"""

from __future__ import annotations

from artlint.rule import Rule
from artlint.rules.al900_internal_error import InternalError
from artlint.rules.fm001_front_matter_missing import FrontMatterMissing
from artlint.rules.fm002_front_matter_invalid import FrontMatterInvalid
from artlint.rules.fm003_front_matter_not_first import FrontMatterNotFirst
from artlint.rules.fm100_schema_violation import SchemaViolation
from artlint.rules.fm101_required_field import RequiredField
from artlint.rules.fm102_date_not_rfc2822 import DateNotRfc2822
from artlint.rules.fm103_image_url_invalid import ImageUrlInvalid
from artlint.rules.fm104_image_url_insecure import ImageUrlInsecure
from artlint.rules.io001_unreadable_file import UnreadableFile

BUILTIN_RULES: tuple[type[Rule], ...] = (
    UnreadableFile,
    FrontMatterMissing,
    FrontMatterInvalid,
    FrontMatterNotFirst,
    SchemaViolation,
    RequiredField,
    DateNotRfc2822,
    ImageUrlInvalid,
    ImageUrlInsecure,
    InternalError,
)

__all__ = ["BUILTIN_RULES"]
