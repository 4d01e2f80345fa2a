"""FM102 date-not-rfc2822."""

from __future__ import annotations

from artlint.rule import Severity
from artlint.rules.schema_rule import SchemaRule


class DateNotRfc2822(SchemaRule):
    """What it does:
    Reports a date field (any schema field with ``"format": "rfc2822"``: ``date``, ``updated``
    and ``lastmod`` by default) that is not an RFC 2822 date, including values YAML reads as
    timestamps, numbers or booleans, and a day of week that does not match the date.

    Why it matters:
    RSS and the scraper templates use RFC 2822 dates; a mix of formats in one repository sorts
    wrongly and a YAML timestamp loses its time zone.

    Example:
        ```
        date: 2021-05-27 12:15:20
        ```

    Use instead:
        ```
        date: Thu, 27 May 2021 12:15:20 GMT
        ```

    Fix safety:
        Not fixable: the time zone of a bare date cannot be known.

    Options:
        Mark more fields with ``"format": "rfc2822"`` in the schema.
    """

    code = "FM102"
    name = "date-not-rfc2822"
    summary = "A date field is not an RFC 2822 date"
    severity = Severity.ERROR
