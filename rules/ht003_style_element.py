"""HT003 style-element."""

from __future__ import annotations

from artlint.rule import Severity
from artlint.rules.element_rule import ElementRule


class StyleElement(ElementRule):
    """What it does:
    Reports a ``<style>`` element in the article body.

    Why it matters:
    A scraped ``<style>`` block is the source site's stylesheet for its own furniture (the
    Sina QR-code promo's ``.appendQr_wrap`` rules). Published, it restyles the whole page of
    the site that embeds the article.

    Example:
        ```
        <style>
        .appendQr_wrap&#123;border:1px solid #E6E6E6;padding:8px;&#125;
        </style>
        <p>正文。</p>
        ```

    Use instead:
        ```
        <p>正文。</p>
        ```

    Fix safety:
        Safe: the element from ``<style>`` to ``</style>`` is removed, with its lines when
        nothing else is on them. A ``<style>`` without its end tag is reported, not fixed.
    """

    code = "HT003"
    name = "style-element"
    summary = "A <style> element is in the body"
    severity = Severity.WARNING
    tag = "style"
