"""AL100 unused-suppression."""

from __future__ import annotations

from artlint.rule import EngineRule, FixAvailability, Severity


class UnusedSuppression(EngineRule):
    """What it does:
    Reports an inline suppression directive that suppressed nothing: an
    ``<!-- artlint-disable ... -->`` comment or a ``# artlint: ignore ...`` YAML comment
    under which no violation of its rules was found, an ``artlint-enable`` without a
    disable, or a directive that names an unknown rule.

    Why it matters:
    A stale directive hides the next real problem of the same kind at that spot, and a
    misspelt code silences nothing while looking as if it did.

    Example:
        ```
        <!-- artlint-disable-next-line HT002 -->
        <p>no inline style here</p>
        ```

    Use instead:
        ```
        <p>no inline style here</p>
        ```

    Fix safety:
        Safe: the directive is removed (with its line when nothing else is on it, and a
        disable together with its matching enable).
    """

    code = "AL100"
    name = "unused-suppression"
    summary = "An inline suppression directive suppressed nothing"
    severity = Severity.WARNING
    fixable = FixAvailability.ALWAYS
