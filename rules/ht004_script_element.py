"""HT004 script-element."""

from __future__ import annotations

from artlint.rule import Severity
from artlint.rules.element_rule import ElementRule


class ScriptElement(ElementRule):
    """What it does:
    Reports a ``<script>`` element in the article body.

    Why it matters:
    A script copied from a scraped page runs on the site that publishes the article: at best
    a dead analytics or ad loader, at worst a cross-site scripting hole. Article text never
    needs one.

    Example:
        ```
        <p>正文。</p>
        <script src="https://hm.baidu.com/hm.js?0123"></script>
        ```

    Use instead:
        ```
        <p>正文。</p>
        ```

    Fix safety:
        Safe: the element from ``<script>`` to ``</script>`` is removed, with its lines when
        nothing else is on them. A ``<script>`` without its end tag is reported, not fixed.
    """

    code = "HT004"
    name = "script-element"
    summary = "A <script> element is in the body"
    severity = Severity.ERROR
    tag = "script"
