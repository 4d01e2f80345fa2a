"""README.md opens with the two commands CI runs; keep them and .ci/run identical."""

from __future__ import annotations

import re

from tests.conftest import REPO


def readme_commands() -> list[str]:
    readme = (REPO / "README.md").read_text("utf-8")
    match = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert match is not None
    return match.group(1).strip().splitlines()


def test_readme_starts_with_install_and_test_commands() -> None:
    install, test = readme_commands()
    assert install == "pip install . && artlint examples/"
    assert test.endswith("python -m pytest")


def test_ci_runs_the_readme_commands() -> None:
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    for command in readme_commands():
        assert command in ci


def test_readme_rules_table_lists_every_rule_with_its_severity() -> None:
    from artlint import registry

    readme = (REPO / "README.md").read_text("utf-8")
    rows = dict(
        re.findall(r"^\| ([A-Z]{2}\d{3}) \| [a-z0-9-]+ \| (error|warning) \|", readme, re.M)
    )
    assert rows == {rule.code: rule.severity.value for rule in registry.builtin_rules()}
