"""``--fix`` and ``--diff`` for files: read, fix until settled, write atomically, report.

The file is decoded once; the fixed text is encoded the same way (UTF-8, BOM kept), and
since fixes only ever edit the text, its line endings are kept too.  A file that cannot be
decoded is reported (IO001) and not written, except for IO001's unsafe fix: a file that
decodes strictly and losslessly in the encoding it looks like (GB18030, UTF-16 with a byte
order mark, ...) is re-encoded as UTF-8 with ``--fix --unsafe-fixes``, and the other fixes
apply to it in the same run.
"""

from __future__ import annotations

from pathlib import Path

from artlint.engine import engine_violation, is_selected, lint_bytes, lint_file
from artlint.fixer import fix_source
from artlint.report import FileReport
from artlint.settings import Settings
from artlint.source import Source, UndecodableError
from artlint.writer import WriteError, write_atomic

FIX_NOT_APPLIED = "AL902"
UNREADABLE = "IO001"
UNWRITABLE = "IO002"


def _reencoded(
    data: bytes, error: UndecodableError, settings: Settings, *, unsafe: bool
) -> Source | None:
    """The file re-decoded for IO001's unsafe fix, or None when it does not apply."""
    if not unsafe or error.encoding is None or not is_selected(UNREADABLE, settings):
        return None
    try:
        source = Source.reencoded(data, error.encoding)
    except UnicodeError:  # pragma: no cover - diagnose() checked it decodes losslessly
        return None
    # The re-encoded file must be text artlint reads back as it is: no NUL byte.
    return None if "\x00" in source.text else source


def fix_file(
    path: Path, display: str, settings: Settings, *, unsafe: bool = False, write: bool = True
) -> FileReport:
    """Fix one file; with ``write`` false nothing is written (``--diff``)."""
    try:
        data = path.read_bytes()
    except OSError:
        return FileReport(path=display, violations=tuple(lint_file(path, display, settings)))
    reencoded = False
    try:
        source = Source.from_bytes(data)
    except UndecodableError as error:
        foreign = _reencoded(data, error, settings, unsafe=unsafe)
        if foreign is None:
            unfixed = tuple(lint_bytes(data, display, settings))
            return FileReport(path=display, violations=unfixed)
        source, reencoded = foreign, True
    outcome = fix_source(source, display, settings, unsafe=unsafe)
    violations = list(outcome.remaining)
    # AL902 and IO002 are about the run, not the article: reported whatever the selection.
    if outcome.failure:
        message = f"file left unchanged: {outcome.failure}"
        violations.insert(0, engine_violation(display, FIX_NOT_APPLIED, message))
    fixed = outcome.fixed + reencoded
    if write and (reencoded or outcome.text != source.text):
        try:
            write_atomic(path, source.to_bytes(outcome.text), expected=data)
        except WriteError as error:
            fixed = 0
            violations = list(lint_bytes(data, display, settings))
            message = f"not written: {error.reason}"
            violations.insert(0, engine_violation(display, UNWRITABLE, message))
    violations.sort(key=lambda violation: violation.sort_key)
    # --diff shows a re-encoded file against its bytes read as UTF-8 (the bad ones replaced).
    original = data.decode("utf-8", "replace") if reencoded else source.text
    return FileReport(
        path=display,
        violations=tuple(violations),
        fixed=fixed,
        original_text=original,
        fixed_text=outcome.text,
    )
