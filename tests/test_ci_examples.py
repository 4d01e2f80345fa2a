"""The CI configurations in docs/examples/ work: every artlint command in them runs on sample
articles and writes what the CI server reads; docs/ci.md shows them unchanged."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import artlint
from tests.conftest import REPO, CliResult

Run = Callable[..., CliResult]
EXAMPLES = REPO / "docs" / "examples"
ARTICLES = "source/_posts"


def commands(steps: list[str]) -> list[list[str]]:
    """The artlint commands of a list of shell lines, split as a shell would."""
    return [shlex.split(line)[1:] for line in steps if line.startswith("artlint ")]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A content repository with the seed article (which has violations) and a clean one."""
    posts = tmp_path / ARTICLES
    posts.mkdir(parents=True)
    shutil.copy(REPO / "examples" / "sina-finance-seed.md", posts / "seed.md")
    (posts / "clean.md").write_text(
        "---\ntitle: x\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n<p>a</p>\n", "utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("name", ["github-workflow.yml", "gitlab-ci.yml", "pre-commit-config.yaml"])
def test_docs_show_the_examples_unchanged(name: str) -> None:
    text = (EXAMPLES / name).read_text("utf-8")
    assert f"```yaml\n{text}```" in (REPO / "docs" / "ci.md").read_text("utf-8")


def test_github_workflow(site: Path, run_cli: Run) -> None:
    workflow: dict[str, Any] = yaml.safe_load((EXAMPLES / "github-workflow.yml").read_text())
    steps = workflow["jobs"]["artlint"]["steps"]
    annotate, sarif = commands([step["run"] for step in steps if "run" in step])
    result = run_cli(*annotate)
    assert result.exit_code == 1  # violations fail the job
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error file=source/_posts/seed.md,line=1,col=1,")
    assert all(line.startswith(("::error ", "::warning ")) for line in lines)
    assert run_cli(*sarif).exit_code == 0
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql"))
    log = json.loads((site / upload["with"]["sarif_file"]).read_text("utf-8"))
    assert log["version"] == "2.1.0"
    results = log["runs"][0]["results"]
    assert len(results) == len(artlint.lint_paths([ARTICLES]).violations) > 0
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {
        "source/_posts/seed.md"
    }


def test_gitlab_job(site: Path, run_cli: Run) -> None:
    job = yaml.safe_load((EXAMPLES / "gitlab-ci.yml").read_text())["artlint"]
    junit, quality = commands(job["script"])
    assert run_cli(*junit).exit_code == 0
    assert run_cli(*quality).exit_code == 1  # violations fail the job
    reports = job["artifacts"]["reports"]
    suites = ElementTree.parse(site / reports["junit"]).getroot()
    assert [case.get("name") for case in suites.iter("testcase")] == [
        "source/_posts/clean.md",
        "source/_posts/seed.md",
    ]
    issues = json.loads((site / reports["codequality"]).read_text("utf-8"))
    assert {issue["location"]["path"] for issue in issues} == {"source/_posts/seed.md"}
    assert len({issue["fingerprint"] for issue in issues}) == len(issues) > 0


def test_pre_commit_config_names_our_hooks() -> None:
    config = yaml.safe_load((EXAMPLES / "pre-commit-config.yaml").read_text())
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    [repo] = config["repos"]
    assert repo["rev"] == f"v{artlint.__version__}"
    assert {hook["id"] for hook in repo["hooks"]} <= {hook["id"] for hook in hooks}
    pre_commit = shutil.which("pre-commit")
    if pre_commit is not None:
        subprocess.run(
            [pre_commit, "validate-config", str(EXAMPLES / "pre-commit-config.yaml")],
            check=True,
            capture_output=True,
        )
