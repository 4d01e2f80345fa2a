"""AL900 internal-error."""

from __future__ import annotations

from artlint.rule import EngineRule, FixAvailability, Severity


class InternalError(EngineRule):
    """What it does:
    Reports that a rule raised an exception on this file. The rule is named in the message;
    the other rules and files are still checked, and artlint exits with status 2.

    Why it matters:
    A crashed rule checked nothing, so the file may hide problems. It is a bug in artlint (or
    in a plugin rule): please report it with the file that triggers it.

    Example:
        ``AL900 rule FM100 (schema-violation) failed: KeyError: 'x'``

    Use instead:
        Nothing to change in the article; ``--ignore`` the rule until it is fixed.

    Fix safety:
        Not fixable.
    """

    code = "AL900"
    name = "internal-error"
    summary = "A rule failed with an exception"
    severity = Severity.ERROR
    fixable = FixAvailability.NEVER
