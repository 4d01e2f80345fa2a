"""FM101 required-field."""

from __future__ import annotations

from artlint.rule import Severity
from artlint.rules.schema_rule import SchemaRule


class RequiredField(SchemaRule):
    """What it does:
    Reports a field the schema requires (``title`` and ``date`` by default) that is missing,
    or present but empty or whitespace only. A missing field is reported at the opening
    ``---``; an empty one at its key.

    Why it matters:
    An article without a title shows as "Untitled" in feeds and listings; one without a date
    sorts to the wrong place or is dropped by the generator.

    Example:
        ```
        ---
        title: '  '
        ---
        ```

    Use instead:
        ```
        ---
        title: 'A headline'
        date: Thu, 27 May 2021 12:15:20 GMT
        ---
        ```

    Fix safety:
        Not fixable.

    Options:
        ``required`` in the schema.
    """

    code = "FM101"
    name = "required-field"
    summary = "A required front matter field is missing or empty"
    severity = Severity.ERROR
