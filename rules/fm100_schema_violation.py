"""FM100 schema-violation."""

from __future__ import annotations

from artlint.rule import Severity
from artlint.rules.schema_rule import SchemaRule


class SchemaViolation(SchemaRule):
    """What it does:
    Reports every front matter value that breaks the JSON Schema (wrong type, value not in an
    enum, pattern mismatch, unexpected field...) and is not covered by FM101-FM104. The
    message shows the value as written and what YAML read it as.

    Why it matters:
    Themes and templates expect each field in one shape; ``comments: 'no'`` is a non-empty
    string, which templates treat as true, and ``title: yes`` is the boolean ``true``.

    Example:
        ```
        ---
        title: yes
        comments: 'no'
        ---
        ```

    Use instead:
        ```
        ---
        title: 'yes'
        comments: false
        ---
        ```

    Fix safety:
        Not fixable.

    Options:
        The schema: artlint's default ``schemas/article.schema.json`` or the user's own.
    """

    code = "FM100"
    name = "schema-violation"
    summary = "Front matter breaks the JSON Schema"
    severity = Severity.ERROR
