"""FM103 image-url-invalid."""

from __future__ import annotations

from artlint.rule import Severity
from artlint.rules.schema_rule import SchemaRule


class ImageUrlInvalid(SchemaRule):
    """What it does:
    Reports an image URL field (``headimg``, ``thumbnail``, ``cover``, ``images[]`` by default:
    any schema field with ``"format": "image-url"``) that is not an absolute http(s) URL with a
    host, valid under RFC 3986.

    Why it matters:
    A relative or malformed cover URL renders as a broken image on listing pages, in feeds and
    in social cards, which resolve URLs against other hosts.

    Example:
        ```
        headimg: //n.sinaimg.cn/finance/343233024.png
        ```

    Use instead:
        ```
        headimg: 'https://n.sinaimg.cn/finance/343233024.png'
        ```

    Fix safety:
        Not fixable.

    Options:
        Mark more fields with ``"format": "image-url"`` in the schema.
    """

    code = "FM103"
    name = "image-url-invalid"
    summary = "An image URL field is not an absolute http(s) URL"
    severity = Severity.ERROR
