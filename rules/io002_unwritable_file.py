"""IO002 unwritable-file."""

from __future__ import annotations

from artlint.rule import EngineRule, FixAvailability, Severity


class UnwritableFile(EngineRule):
    """What it does:
    Reports that ``--fix`` could not write a fixed file: it is read-only, the disk is full,
    or the file changed on disk after artlint read it (artlint then does not overwrite it).

    Why it matters:
    The file keeps its original content, so the violations are still there.

    Example:
        ``IO002 not written: the file changed on disk while artlint was fixing it``

    Use instead:
        Make the file writable (or stop the other writer) and run ``artlint --fix`` again.

    Fix safety:
        Not fixable. Reported whatever ``--select``/``--ignore`` say: it is about the run,
        not about the article.
    """

    code = "IO002"
    name = "unwritable-file"
    summary = "A fixed file could not be written"
    severity = Severity.ERROR
    fixable = FixAvailability.NEVER
