"""XF001 promo-image-as-cover."""

from __future__ import annotations

from collections.abc import Iterator

from artlint.context import RuleContext
from artlint.htmlindex import Element
from artlint.rule import Finding, FixAvailability, Rule, Severity, Target
from artlint.yamldata import JsonPath

#: Front matter fields that name the article's picture (Hexo themes, Hugo PaperMod).
COVER_FIELDS: tuple[JsonPath, ...] = (("headimg",), ("thumbnail",), ("cover",), ("cover", "image"))


class PromoImageAsCover(Rule):
    """What it does:
    Reports a cover field (``headimg``, ``thumbnail``, ``cover`` or ``cover.image``) whose
    image is a promo: it appears in the body only inside tracking blocks (HT005), or a rule
    pack's ``[[promo_image]]`` entry lists it.

    Why it matters:
    Scrapers pick "the first image" of the page for the cover, and on many sites that is the
    app-download QR code. The article is then listed everywhere with another site's QR code
    as its picture.

    Example:
        ```
        ---
        headimg: 'https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png'
        ---
        <div class="clearfix appendQr_wrap">
          <img src="https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png">
        </div>
        ```

    Use instead:
        ```
        ---
        headimg: 'https://n.sinaimg.cn/finance/2021/0527/article-photo.jpg'
        ---
        ```

    Fix safety:
        Not fixable: only a person can choose the right picture (or decide to have none).

    Options:
        ``[[promo_image]]`` entries of the rule packs (a ``url`` pattern), and the
        ``[[tracking_block]]`` entries.
    """

    code = "XF001"
    name = "promo-image-as-cover"
    summary = "The cover image is a promo image"
    severity = Severity.ERROR
    fixable = FixAvailability.NEVER
    target = Target.ARTICLE

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        front_matter = ctx.article.front_matter
        if front_matter is None or not isinstance(front_matter.data, dict):
            return
        for path in COVER_FIELDS:
            value = _lookup(front_matter.data, path)
            span = front_matter.spans.get(path)
            if not isinstance(value, str) or span is None:
                continue
            why = self._why_promo(ctx, value)
            if why:
                field = ".".join(str(part) for part in path)
                yield Finding(
                    span.value_start,
                    span.value_end,
                    f"{field} is a promo image, not the article's picture: {why}",
                )

    def _why_promo(self, ctx: RuleContext, url: str) -> str:
        for entry in ctx.packs.promo_images:
            assert entry.pattern is not None
            if entry.pattern.search(url):
                return f"{entry.pack}: {entry.entry.reason}"
        sources = [
            element
            for element in ctx.html.elements
            if element.tag == "img" and _src(element) == url
        ]
        blocks = [match.node for match in ctx.tracking_blocks if isinstance(match.node, Element)]
        if sources and all(
            any(block.contains(image.start) for block in blocks) for image in sources
        ):
            return "it appears in the body only inside a tracking block"
        return ""


def _src(element: Element) -> str | None:
    attribute = element.attribute("src")
    return attribute.value.strip() if attribute and attribute.value else None


def _lookup(data: object, path: JsonPath) -> object:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data
