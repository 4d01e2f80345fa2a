"""FM104 image-url-insecure."""

from __future__ import annotations

from artlint.rule import Severity
from artlint.rules.schema_rule import SchemaRule


class ImageUrlInsecure(SchemaRule):
    """What it does:
    Reports an image URL field that uses ``http://``.

    Why it matters:
    Browsers block or warn about mixed content: an http image on an https site may not show.

    Example:
        ```
        thumbnail: 'http://n.sinaimg.cn/finance/343233024.png'
        ```

    Use instead:
        ```
        thumbnail: 'https://n.sinaimg.cn/finance/343233024.png'
        ```

    Fix safety:
        Not fixable: not every host serves the same image over https.

    Options:
        Fields with ``"format": "image-url"`` in the schema.
    """

    code = "FM104"
    name = "image-url-insecure"
    summary = "An image URL uses http://"
    severity = Severity.WARNING
