"""AL901 worker-died."""

from __future__ import annotations

from artlint.rule import EngineRule, FixAvailability, Severity


class WorkerDied(EngineRule):
    """What it does:
    Reports that the process checking this file died: it was killed (by a signal, or by
    the operating system when memory ran out) or a plugin ended it. The file is tried
    again on its own before it is reported; the other files' results are kept, the run
    completes, and artlint exits with status 2.

    Why it matters:
    The file was not checked (or not fixed: ``--fix`` writes a file whole or not at all, so
    it is unchanged). A file that kills its checker is usually enormous or pathological.

    Example:
        ``AL901 the process checking this file died (killed, or out of memory); it was not
        checked``

    Use instead:
        Look at the file (its size first); run ``artlint --jobs 1 FILE`` to see the error
        in the foreground, and please report it.

    Fix safety:
        Not fixable. Reported whatever ``--select``/``--ignore`` say: it is about the run,
        not about the article.
    """

    code = "AL901"
    name = "worker-died"
    summary = "The process checking the file died; the file was not checked"
    severity = Severity.ERROR
    fixable = FixAvailability.NEVER
