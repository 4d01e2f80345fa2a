"""A worker process that dies loses nothing but its own file: AL901, and the run goes on.

A plugin rule made for the test ends its process (``os._exit``, as the kernel's
out-of-memory killer or a signal would) on articles that contain a marker.  artlint runs in
a subprocess, with the plugin on its ``PYTHONPATH``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

MARKER = "KILL-THE-WORKER"
PLUGIN = f'''
"""A rule that ends the process checking an article that contains {MARKER}."""

from __future__ import annotations

import os
from collections.abc import Iterator

from artlint.context import RuleContext
from artlint.rule import Finding, Rule


class Killer(Rule):
    """What it does:
    Ends its process on articles containing the marker.

    Why it matters:
    It stands for a worker killed by the kernel.

    Example:
        ``{MARKER}``

    Use instead:
        Anything else.
    """

    code = "KL001"
    name = "killer"
    summary = "Ends the process"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        if "{MARKER}" in ctx.article.source.text:
            os._exit(70)
        return iter(())


RULES = [Killer]
'''
ARTICLE = (
    "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n"
    '<p style="x">a {n}</p><!-- c {n} -->\n\n\n<p>b</p>\n'
)
KILLED = ("posts/013.md", "posts/014.md", "posts/031.md")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "artlint_killer_plugin").mkdir(parents=True)
    (site / "artlint_killer_plugin" / "__init__.py").write_text(PLUGIN, "utf-8")
    info = site / "artlint_killer_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: artlint-killer-plugin\nVersion: 0.1\n", "utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[artlint.rules]\nkiller = artlint_killer_plugin:RULES\n", "utf-8"
    )
    folder = tmp_path / "project"
    (folder / "posts").mkdir(parents=True)
    (folder / "artlint.toml").write_text('plugins = ["killer"]\n', "utf-8")
    for n in range(40):
        text = ARTICLE.format(n=n)
        if f"posts/{n:03}.md" in KILLED:
            text += f"<!-- {MARKER} -->\n"
        (folder / "posts" / f"{n:03}.md").write_text(text, "utf-8")
    return folder


def artlint(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    site = project.parent / "site"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(REPO.parent)])}
    return subprocess.run(
        [sys.executable, "-m", "artlint", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def by_file(output: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for violation in json.loads(output):
        found.setdefault(violation["path"], []).append(violation["code"])
    return found


def test_a_dead_worker_costs_only_its_own_file(project: Path) -> None:
    result = artlint(project, "--jobs", "2", "--output-format", "json", "posts")
    assert result.returncode == 2, result.stderr
    found = by_file(result.stdout)
    # Without the plugin (--isolated): what every file has.
    expected = by_file(artlint(project, "--isolated", "--output-format", "json", "posts").stdout)
    for path, codes in expected.items():
        if path in KILLED:
            assert found[path] == ["AL901"]
        else:
            assert found[path] == codes, path
    assert len(found) == 40
    message = next(v["message"] for v in json.loads(result.stdout) if v["code"] == "AL901")
    assert message == (
        "the process checking this file died (killed, or out of memory); it was not checked"
    )
    # The dead files' results are not cached: the next run tries them again.
    (database,) = (project / ".artlint_cache").glob("*/cache.sqlite3")
    with contextlib.closing(sqlite3.connect(database)) as db:
        counts = db.execute("SELECT COUNT(*) FROM results GROUP BY fingerprint").fetchall()
    # With the plugin, and --isolated (without it).
    assert sorted(counts) == [(40 - len(KILLED),), (40,)]


def test_fix_keeps_the_dead_workers_files_as_they_were(project: Path) -> None:
    before = {path.name: path.read_bytes() for path in (project / "posts").iterdir()}
    copy = project.parent / "copy"
    shutil.copytree(project, copy)
    (copy / "artlint.toml").unlink()
    result = artlint(project, "--fix", "--jobs", "2", "posts")
    assert result.returncode == 2, result.stderr
    artlint(copy, "--fix", "--jobs", "2", "posts")  # no plugin: what --fix makes of them
    for path in sorted((project / "posts").glob("*.md")):
        if f"posts/{path.name}" in KILLED:
            assert path.read_bytes() == before[path.name]
            assert f"posts/{path.name}:1:1: AL901 the process" in result.stdout
        else:
            assert path.read_bytes() == (copy / "posts" / path.name).read_bytes(), path.name
