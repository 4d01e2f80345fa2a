"""The built-in rules, listed explicitly so that grep finds every one.

Plugins add rules through the ``artlint.rules`` entry point group with the same declaration.
"""

from __future__ import annotations

from artlint.rule import Rule
from artlint.rules.al100_unused_suppression import UnusedSuppression
from artlint.rules.al900_internal_error import InternalError
from artlint.rules.al901_worker_died import WorkerDied
from artlint.rules.al902_fix_not_applied import FixNotApplied
from artlint.rules.bd001_editor_credit_in_body import EditorCreditInBody
from artlint.rules.bd002_original_title_in_body import OriginalTitleInBody
from artlint.rules.fm001_front_matter_missing import FrontMatterMissing
from artlint.rules.fm002_front_matter_invalid import FrontMatterInvalid
from artlint.rules.fm003_front_matter_not_first import FrontMatterNotFirst
from artlint.rules.fm100_schema_violation import SchemaViolation
from artlint.rules.fm101_required_field import RequiredField
from artlint.rules.fm102_date_not_rfc2822 import DateNotRfc2822
from artlint.rules.fm103_image_url_invalid import ImageUrlInvalid
from artlint.rules.fm104_image_url_insecure import ImageUrlInsecure
from artlint.rules.ht001_html_comment import HtmlComment
from artlint.rules.ht002_inline_style import InlineStyle
from artlint.rules.ht003_style_element import StyleElement
from artlint.rules.ht004_script_element import ScriptElement
from artlint.rules.ht005_tracking_block import TrackingBlock
from artlint.rules.ht006_html_parse_error import HtmlParseError
from artlint.rules.ht007_junk_attribute import JunkAttribute
from artlint.rules.ht008_blank_line_run import BlankLineRun
from artlint.rules.io001_unreadable_file import UnreadableFile
from artlint.rules.io002_unwritable_file import UnwritableFile
from artlint.rules.xf001_promo_image_as_cover import PromoImageAsCover

BUILTIN_RULES: tuple[type[Rule], ...] = (
    UnreadableFile,
    UnwritableFile,
    FrontMatterMissing,
    FrontMatterInvalid,
    FrontMatterNotFirst,
    SchemaViolation,
    RequiredField,
    DateNotRfc2822,
    ImageUrlInvalid,
    ImageUrlInsecure,
    HtmlComment,
    InlineStyle,
    StyleElement,
    ScriptElement,
    TrackingBlock,
    HtmlParseError,
    JunkAttribute,
    BlankLineRun,
    EditorCreditInBody,
    OriginalTitleInBody,
    PromoImageAsCover,
    UnusedSuppression,
    InternalError,
    WorkerDied,
    FixNotApplied,
)

__all__ = ["BUILTIN_RULES"]
