"""Build the wheel, install it in a fresh venv and run ``artlint`` from outside the repository.

Proves that the folders map into one ``artlint`` package (no top-level ``linter`` or
``rules``), that the schema ships inside the wheel, and that the console script works.
The fresh venv gets only the wheel (installed by pip, so the console script exists); its
dependencies come from this interpreter's site-packages through a ``.pth`` file, so the
test needs no network.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # Build from a copy: setuptools writes build/ next to the sources it builds.
    source = tmp_path_factory.mktemp("src") / "artlint"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv*", "build", "*.egg-info", "__pycache__", ".*_cache", ".corpus"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    [built] = out.glob("artlint-*.whl")
    return built


def test_wheel_contains_one_artlint_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {
        name.split("/")[0]
        for name in names
        if not name.split("/")[0].endswith((".dist-info", ".data"))
    }
    assert top_level == {"artlint"}
    assert "artlint/schemas/article.schema.json" in names
    assert "artlint/rules/fm102_date_not_rfc2822.py" in names
    assert "artlint/py.typed" in names


def test_installed_wheel_lints_from_outside_the_repository(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "zz_artlint_test_deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    article = tmp_path / "work" / "post.md"
    article.parent.mkdir()
    article.write_bytes((REPO / "examples" / "sina-finance-seed.md").read_bytes())

    where = subprocess.run(
        [
            str(python),
            "-c",
            "import artlint.schema as s, importlib.util as u;"
            "print(s.__file__); print(u.find_spec('linter'), u.find_spec('rules'))",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=article.parent,
    ).stdout.splitlines()
    assert where[0].startswith(str(site))
    assert where[1] == "None None"

    result = subprocess.run(
        [str(python.parent / "artlint"), "post.md"],
        capture_output=True,
        text=True,
        cwd=article.parent,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0].startswith("post.md:1:1: FM003 ")
    assert result.stdout.splitlines()[-2:] == [
        "Found 28 violations in 1 file.",
        "[*] 26 fixable with `artlint --fix`.",
    ]
    # The rule packs are package data: the Sina pack's QR promo must be found.
    assert any(" HT005 " in line and "appendQr_wrap" in line for line in result.stdout.splitlines())
