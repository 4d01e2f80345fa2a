"""What a rule is: its declaration, and the findings and fixes it yields.

Rules *report*: each yields :class:`Finding` objects made of text offsets, a message and an
optional :class:`Fix`.  The engine *decides*: it turns findings into positioned
:class:`~artlint.violation.Violation` objects, assigns severity and applies selection.  Rules
never compute line numbers or severities themselves.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from artlint.context import RuleContext


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Applicability(str, enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


class FixAvailability(str, enum.Enum):
    NEVER = "never"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class Target(str, enum.Enum):
    """What a rule inspects; ``ENGINE`` rules are emitted by the engine itself."""

    ENGINE = "engine"
    FRONT_MATTER = "front-matter"
    BODY = "body"
    ARTICLE = "article"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``content`` (offsets into the decoded text)."""

    start: int
    end: int
    content: str = ""


@dataclass(frozen=True, slots=True)
class Fix:
    """Edits applied all together or not at all."""

    edits: tuple[Edit, ...]
    applicability: Applicability
    message: str


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem a rule found between two text offsets."""

    start: int
    end: int
    message: str
    fix: Fix | None = None


class Rule:
    """Base class of every rule, built-in or from a plugin.

    Subclasses set the class attributes and implement :meth:`check`.  The class docstring is
    the rule's documentation, with the sections What it does / Why it matters / Example /
    Use instead / Fix safety.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    fixable: ClassVar[FixAvailability] = FixAvailability.NEVER
    target: ClassVar[Target] = Target.ARTICLE
    enabled_by_default: ClassVar[bool] = True
    #: The rule's findings are often made by other rules' fixes (blank lines that meet once
    #: a block between them is removed): ``--fix`` runs it again right after applying a
    #: pass's edits, within the pass, instead of leaving them to a whole new pass.  Only for
    #: cheap rules whose fixes never create work for other rules.
    refix_after_edits: ClassVar[bool] = False

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        raise NotImplementedError


class EngineRule(Rule):
    """A rule whose violations the engine emits (unreadable files, crashed rules).

    It is declared like any other rule so that it can be listed, documented and selected.
    """

    target = Target.ENGINE

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        return iter(())
