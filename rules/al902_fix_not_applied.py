"""AL902 fix-not-applied."""

from __future__ import annotations

from artlint.rule import EngineRule, FixAvailability, Severity


class FixNotApplied(EngineRule):
    """What it does:
    Reports that ``--fix`` left a file untouched although fixes were available, because
    applying them failed a safety guard: the fixes did not settle within 10 passes, undid
    each other, would have broken the front matter, or would have added HTML parse errors.

    Why it matters:
    artlint never writes a half-fixed file. The violations that the fixes were for are still
    reported, and the file needs a look by hand.

    Example:
        ``AL902 file left unchanged: a fix would add HTML parse errors``

    Use instead:
        Fix the reported violations by hand, or ``--ignore`` the rule whose fix misbehaves
        (and please report the file).

    Fix safety:
        Not fixable. Reported whatever ``--select``/``--ignore`` say: it is about the run,
        not about the article.
    """

    code = "AL902"
    name = "fix-not-applied"
    summary = "Fixes were available but failed a safety guard; the file was left unchanged"
    severity = Severity.ERROR
    fixable = FixAvailability.NEVER
