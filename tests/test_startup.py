"""``artlint --version`` and ``python -m artlint`` load none of the heavy libraries."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = {"pydantic", "yaml", "jsonschema", "html5lib", "frontmatter"}


def test_version_imports_no_heavy_library() -> None:
    code = (
        "import sys, json, contextlib, io\n"
        "from artlint.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main(['--version'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    loaded = set(json.loads(result.stdout))
    assert "artlint" in loaded
    assert not loaded & HEAVY


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "artlint", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.startswith("artlint ")
