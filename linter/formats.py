"""artlint's JSON Schema formats: ``rfc2822`` dates and ``image-url`` URLs.

Each check returns True for a valid value and raises :class:`FormatProblem` (a ValueError)
with the reason otherwise; jsonschema keeps the exception as the error's ``cause`` so the
message can say *why*.  Like every JSON Schema format, they accept non-strings: pair them with
``"type": "string"`` (the default schema does).

:func:`format_checker` gives a jsonschema ``FormatChecker`` with these formats and all of
jsonschema's own, for use with any schema.
"""

from __future__ import annotations

import calendar
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from jsonschema import FormatChecker

RFC2822_EXAMPLE = "Thu, 27 May 2021 12:15:20 GMT"

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# RFC 2822 section 3.3, with the obsolete zone names of section 4.3 (GMT is what feeds use).
_RFC2822 = re.compile(
    r"(?:(?P<weekday>[A-Za-z]{3}),[ \t]*)?"
    r"(?P<day>\d{1,2})[ \t]+(?P<month>[A-Za-z]{3})[ \t]+(?P<year>\d{4})[ \t]+"
    r"(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?[ \t]+"
    r"(?P<zone>[+-]\d{4}|UT|GMT|[ECMP][SD]T|[A-IK-Za-ik-z])"
)


#: A template placeholder that was never filled in (Hugo's ``{{ .Date }}``, Jekyll's
#: ``{{ page.date }}``, Hexo's ``{{ date }}``).
_PLACEHOLDER = re.compile(r"\s*\{\{.*\}\}\s*", re.DOTALL)


def _placeholder(value: str) -> str:
    """The start of a reason when ``value`` is an unfilled template placeholder."""
    return "an unfilled template placeholder, " if _PLACEHOLDER.fullmatch(value) else ""


class FormatProblem(ValueError):
    """A value does not have the format; the message says why."""


class InsecureImageUrl(FormatProblem):
    """A well-formed image URL that uses plain http."""


def check_rfc2822(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    match = _RFC2822.fullmatch(value.strip(" \t"))
    if match is None:
        raise FormatProblem(_placeholder(value) + "expected 'Day, DD Mon YYYY HH:MM:SS ZONE'")
    month_name = match["month"].capitalize()
    if month_name not in _MONTHS:
        raise FormatProblem(f"unknown month {match['month']!r}")
    year, month, day = int(match["year"]), _MONTHS.index(month_name) + 1, int(match["day"])
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise FormatProblem(f"{month_name} {year} has no day {day}")
    if int(match["hour"]) > 23 or int(match["minute"]) > 59 or int(match["second"] or 0) > 60:
        raise FormatProblem("time of day out of range")
    zone = match["zone"]
    if zone[0] in "+-" and int(zone[3:]) > 59:
        raise FormatProblem(f"zone {zone} has minutes over 59")
    if match["weekday"] is not None:
        weekday = match["weekday"].capitalize()
        if weekday not in _DAYS:
            raise FormatProblem(f"unknown day of week {match['weekday']!r}")
        actual = _DAYS[calendar.weekday(year, month, day)]
        if weekday != actual:
            raise FormatProblem(f"{day} {month_name} {year} is a {actual}, not a {weekday}")
    return True


def check_image_url(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    from rfc3986_validator import validate_rfc3986

    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError as error:  # e.g. an unbalanced IPv6 bracket
        raise FormatProblem(str(error)) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FormatProblem(_placeholder(value) + "not an absolute http(s) URL")
    if not host:
        raise FormatProblem("the URL has no host")
    if not validate_rfc3986(value, rule="URI"):
        raise FormatProblem("not a valid URI (RFC 3986): spaces or characters that need escaping")
    if parts.scheme.lower() == "http":
        raise InsecureImageUrl("uses http:// rather than https://")
    return True


ARTLINT_FORMATS = {"rfc2822": check_rfc2822, "image-url": check_image_url}


def format_checker() -> FormatChecker:
    """A jsonschema FormatChecker with jsonschema's formats plus artlint's."""
    from jsonschema import FormatChecker

    checker = FormatChecker()
    for name, check in ARTLINT_FORMATS.items():
        checker.checks(name, raises=FormatProblem)(check)
    return checker
