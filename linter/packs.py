"""Rule packs: site knowledge (tracking blocks, junk attributes, credits, promo images) as data.

A pack is a TOML file, one per source family; the built-in ones live in ``rules/packs/`` and
users add theirs with ``--pack PATH``.  Every entry says why it is junk (``reason``) and where
it was seen (``seen``), so a reviewer can check it against a real article.  The format is
documented in ``docs/rule-packs.md``; this module validates it with pydantic and compiles
selectors and patterns once per run.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from artlint.config import error_location
from artlint.selectors import Selector, SelectorError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

BUILTIN_PACKS = "packs"


class PackError(ValueError):
    """A rule pack that cannot be read or does not validate; the message names file and key."""


def _regex(value: str | None) -> str | None:
    if value is not None:
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"invalid regular expression {value!r}: {error}") from None
    return value


def _selector(value: str | None) -> str | None:
    if value is not None:
        try:
            Selector.parse(value)
        except SelectorError as error:
            raise ValueError(str(error)) from None
    return value


class _Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    #: Why this is junk, shown in the violation message.
    reason: str = ""
    #: Where the entry was seen (site, article, corpus file): evidence for reviewers.
    seen: str = ""


class TrackingBlock(_Entry):
    """An element (by selector, optionally also by its text) or a comment (by its text)."""

    selector: str | None = None
    text: str | None = None
    comment: str | None = None

    _check_selector = field_validator("selector")(_selector)
    _check_patterns = field_validator("text", "comment")(_regex)

    @model_validator(mode="after")
    def _one_target(self) -> TrackingBlock:
        if (self.selector is None) == (self.comment is None):
            raise ValueError("give exactly one of 'selector' (an element) or 'comment'")
        if self.comment is not None and self.text is not None:
            raise ValueError("'text' applies to elements; a 'comment' entry has no 'text'")
        return self


class JunkAttribute(_Entry):
    """An attribute to remove, optionally only on elements matching ``selector``."""

    attribute: str = Field(min_length=1)
    selector: str | None = None
    value: str | None = None

    _check_selector = field_validator("selector")(_selector)
    _check_value = field_validator("value")(_regex)

    @field_validator("attribute")
    @classmethod
    def _lower(cls, value: str) -> str:
        # The index lowercases attribute names, as HTML does.
        return value.lower()


class CreditLine(_Entry):
    """An element whose text matches ``pattern``; the pattern's named group is the value."""

    #: The named group of ``pattern`` that holds the value.
    group: ClassVar[str]

    selector: str = "p"
    pattern: str

    _check_selector = field_validator("selector")(_selector)

    @field_validator("pattern")
    @classmethod
    def _has_group(cls, value: str) -> str:
        _regex(value)
        if cls.group not in re.compile(value).groupindex:
            raise ValueError(f"the pattern needs a named group (?P<{cls.group}>...)")
        return value


class EditorCredit(CreditLine):
    group = "name"


class OriginalTitle(CreditLine):
    group = "title"


class PromoImage(_Entry):
    """An image URL (regular expression, searched) that is a site promo, never a cover."""

    url: str

    _check_url = field_validator("url")(_regex)


class PackInfo(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    description: str = ""


class RulePack(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    pack: PackInfo
    tracking_block: tuple[TrackingBlock, ...] = ()
    junk_attribute: tuple[JunkAttribute, ...] = ()
    editor_credit: tuple[EditorCredit, ...] = ()
    original_title: tuple[OriginalTitle, ...] = ()
    promo_image: tuple[PromoImage, ...] = ()


class CompiledEntry:
    """A pack entry with its selector and patterns compiled, and the pack it came from."""

    __slots__ = ("comment", "entry", "pack", "pattern", "selector", "text", "value")

    def __init__(self, pack: str, entry: Any) -> None:
        self.pack = pack
        self.entry = entry
        selector = getattr(entry, "selector", None)
        self.selector = Selector.parse(selector) if selector else None
        self.text = _compile(getattr(entry, "text", None))
        self.comment = _compile(getattr(entry, "comment", None))
        self.pattern = _compile(getattr(entry, "pattern", None) or getattr(entry, "url", None))
        self.value = _compile(getattr(entry, "value", None))


def _compile(pattern: str | None) -> re.Pattern[str] | None:
    return re.compile(pattern) if pattern is not None else None


class PackSet:
    """All packs of a run, entries of each kind in load order."""

    def __init__(self, packs: Iterable[RulePack]) -> None:
        self.packs = tuple(packs)
        self.names = tuple(pack.pack.name for pack in self.packs)

        def compiled(kind: str) -> tuple[CompiledEntry, ...]:
            return tuple(
                CompiledEntry(pack.pack.name, entry)
                for pack in self.packs
                for entry in getattr(pack, kind)
            )

        self.tracking_blocks = compiled("tracking_block")
        self.junk_attributes = compiled("junk_attribute")
        self.editor_credits = compiled("editor_credit")
        self.original_titles = compiled("original_title")
        self.promo_images = compiled("promo_image")


def parse_pack(text: str, origin: str) -> RulePack:
    """Validate one pack's TOML text; ``origin`` names it in error messages."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PackError(f"{origin}: not valid TOML: {error}") from None
    try:
        return RulePack.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        message = first["msg"].removeprefix("Value error, ")
        where = error_location(first)
        location = f"{origin}: {where}" if where else origin
        raise PackError(f"{location}: {message}") from None


def load_pack(path: Path) -> RulePack:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise PackError(f"{path}: cannot read rule pack: {reason}") from None
    return parse_pack(text, str(path))


def builtin_packs() -> list[RulePack]:
    folder = resources.files("artlint.rules").joinpath(BUILTIN_PACKS)
    # Site packs before the generic "common-*" ones, so that a site's precise credit-line
    # pattern wins over a generic one that would also match.
    files = sorted(
        (item for item in folder.iterdir() if item.name.endswith(".toml")),
        key=lambda item: (item.name.startswith("common-"), item.name),
    )
    return [
        parse_pack(item.read_text("utf-8"), f"artlint/rules/packs/{item.name}") for item in files
    ]


@functools.lru_cache(maxsize=16)
def load_packs(extra: tuple[Path, ...] = ()) -> PackSet:
    """The user's ``extra`` packs, then the built-in ones (cached: packs load once per run).

    Where entries of two packs match the same element, the first pack wins: a user's pack
    over a site pack over a generic ``common-*`` pack.
    """
    return PackSet([*(load_pack(path) for path in extra), *builtin_packs()])
