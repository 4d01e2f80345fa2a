"""``artlint config [PATH]``: the resolved settings, where each came from, and the rules."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from artlint.config import ConfigFile
from tests.conftest import CliResult

RunCli = Callable[..., CliResult]
ARTICLE = "---\ntitle: A\n---\n<p>Text</p>\n"


def shown_keys() -> list[str]:
    """The keys ``artlint config`` shows, in order: all of a config file's but ``extend``."""
    keys = ConfigFile.keys()
    return [key for key in keys if key != "extend"]


def default_rules() -> list[str]:
    from artlint.registry import builtin_rules

    return [rule.code for rule in builtin_rules() if rule.enabled_by_default]


def rules_line(codes: list[str]) -> str:
    return textwrap.fill(
        "rules: " + " ".join(codes), width=100, subsequent_indent=" " * 7, break_on_hyphens=False
    )


def settings_of(text: str) -> dict[str, tuple[str, str]]:
    """``key = value  # source`` lines as key -> (value, source)."""
    keys = set(ConfigFile.keys())
    found: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        key, sep, rest = line.partition(" = ")
        if sep and key.strip() in keys:
            value, _, source = rest.partition("  # ")
            found[key.strip()] = (value.strip(), source)
    return found


def rules_of(text: str) -> list[str]:
    _, _, tail = text.partition("\nrules: ")
    return tail.split()


def test_defaults_without_a_configuration(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("config")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "no configuration file: defaults\n"
        "select            = (the rules on by default)  # default\n"
        "extend-select     = []                         # default\n"
        "ignore            = []                         # default\n"
        "per-file-ignores  = {}                         # default\n"
        "fixable           = (all rules)                # default\n"
        "unfixable         = []                         # default\n"
        "unsafe-fixes      = false                      # default\n"
        'include           = ["*.md", "*.markdown"]     # default\n'
        'exclude           = [".*", "node_modules"]     # default\n'
        "extend-exclude    = []                         # default\n"
        "respect-gitignore = true                       # default\n"
        "severity          = {}                         # default\n"
        "schema            = (the built-in schema)      # default\n"
        "packs             = []                         # default\n"
        "plugins           = []                         # default\n"
        'output-format     = "text"                     # default\n'
        "jobs              = (one per core)             # default\n"
        "cache-dir         = (.artlint_cache)           # default\n"
        f"{rules_line(default_rules())}\n"
    )


def test_every_key_but_extend_is_shown_in_order(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shown = list(settings_of(run_cli("config").stdout))
    assert shown == shown_keys()


def write_extending_config(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "base.toml").write_text(
        'select = ["FM", "HT"]\nignore = ["FM104"]\nexclude = ["build"]\n'
        'severity = { HT001 = "warning" }\n'
    )
    (tmp_path / "artlint.toml").write_text(
        'extend = "shared/base.toml"\nextend-select = ["AL100"]\nignore = ["HT002"]\n'
        'exclude = ["dist"]\nextend-exclude = ["tmp"]\nrespect-gitignore = false\n'
    )


def test_sources_along_an_extend_chain(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_extending_config(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run_cli("config")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "configuration file: artlint.toml",
        "extends: shared/base.toml",
    ]
    settings = settings_of(result.stdout)
    assert settings["select"] == ('["FM", "HT"]', "shared/base.toml")
    assert settings["extend-select"] == ('["AL100"]', "artlint.toml")
    # Each file's ignore applies in turn; a later exclude replaces the earlier one.
    assert settings["ignore"] == ('["FM104", "HT002"]', "shared/base.toml, artlint.toml")
    assert settings["exclude"] == ('["dist"]', "artlint.toml")
    assert settings["extend-exclude"] == ('["tmp"]', "artlint.toml")
    assert settings["respect-gitignore"] == ("false", "artlint.toml")
    assert settings["severity"] == ('{HT001 = "warning"}', "shared/base.toml")
    assert settings["include"] == ('["*.md", "*.markdown"]', "default")
    rules = rules_of(result.stdout)
    assert {"AL100", "HT001"} <= set(rules)
    assert not {"FM104", "HT002", "BD001", "AL900"} & set(rules)


def test_a_configuration_above_the_working_directory_is_shown_absolute(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_extending_config(tmp_path)
    (tmp_path / "posts").mkdir()
    monkeypatch.chdir(tmp_path / "posts")
    lines = run_cli("config").stdout.splitlines()
    assert lines[0] == f"configuration file: {tmp_path / 'artlint.toml'}"
    assert lines[1] == f"extends: {tmp_path / 'shared' / 'base.toml'}"


def test_command_line_selections_layer_over_the_configuration(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_extending_config(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run_cli("config", "--select", "FM1,HT", "--extend-select=BD001", "--ignore", "FM101")
    assert result.exit_code == 0, result.stderr
    settings = settings_of(result.stdout)
    assert settings["select"] == ('["FM1", "HT"]', "command line")
    assert settings["extend-select"] == ('["AL100", "BD001"]', "artlint.toml, command line")
    assert settings["ignore"] == (
        '["FM104", "HT002", "FM101"]',
        "shared/base.toml, artlint.toml, command line",
    )
    # The command line's --select replaces what the files chose, then its own steps apply.
    rules = rules_of(result.stdout)
    assert {"BD001", "HT002", "FM102"} <= set(rules)
    assert not {"FM101", "AL100", "FM001"} & set(rules)


def test_isolated_and_config_options(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_extending_config(tmp_path)
    (tmp_path / "other.toml").write_text('select = ["BD"]\n')
    monkeypatch.chdir(tmp_path)
    isolated = run_cli("config", "--isolated")
    assert isolated.stdout.startswith("no configuration file: defaults\n")
    assert rules_of(isolated.stdout) == default_rules()
    chosen = run_cli("config", "--config", "other.toml")
    assert chosen.stdout.startswith("configuration file: other.toml\nselect ")
    assert settings_of(chosen.stdout)["select"] == ('["BD"]', "other.toml")


def test_per_file_ignores_apply_to_a_file(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "artlint.toml").write_text(
        'per-file-ignores = { "drafts/*" = ["HT001"], "*.markdown" = ["FM"] }\n'
    )
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(ARTICLE)
    (tmp_path / "b.md").write_text(ARTICLE)
    monkeypatch.chdir(tmp_path)
    draft = run_cli("config", "drafts/a.md")
    assert draft.exit_code == 0, draft.stderr
    assert "per-file-ignores matching drafts/a.md:\n" in draft.stdout
    assert '\n  "drafts/*" = ["HT001"]  # artlint.toml\n' in draft.stdout
    assert "HT001" not in rules_of(draft.stdout)
    assert "HT002" in rules_of(draft.stdout)
    other = run_cli("config", "b.md")
    assert "per-file-ignores matching b.md: none\n" in other.stdout
    assert "HT001" in rules_of(other.stdout)
    # A folder shows the configuration's rules, before any file's per-file-ignores.
    folder = run_cli("config", "drafts")
    assert "per-file-ignores matching" not in folder.stdout
    assert "HT001" in rules_of(folder.stdout)


def test_json_shape(run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_extending_config(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE)
    monkeypatch.chdir(tmp_path)
    result = run_cli("config", "a.md", "--ignore", "HT003", "--output-format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(document) == ["path", "config", "extends", "settings", "file-ignores", "rules"]
    assert document["path"] == "a.md"
    assert document["config"] == "artlint.toml"
    assert document["extends"] == ["shared/base.toml"]
    assert list(document["settings"]) == shown_keys()
    assert document["settings"]["select"] == {"value": ["FM", "HT"], "source": "shared/base.toml"}
    assert document["settings"]["ignore"] == {
        "value": ["FM104", "HT002", "HT003"],
        "source": "shared/base.toml, artlint.toml, command line",
    }
    assert document["settings"]["respect-gitignore"] == {"value": False, "source": "artlint.toml"}
    assert document["settings"]["fixable"] == {"value": None, "source": "default"}
    assert document["file-ignores"] == {}
    assert document["rules"] == rules_of(run_cli("config", "a.md", "--ignore", "HT003").stdout)


def test_json_without_a_configuration(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    document = json.loads(run_cli("config", "--output-format=json").stdout)
    assert (document["config"], document["extends"], document["file-ignores"]) == (None, [], None)
    assert document["rules"] == default_rules()
    assert all(set(entry) == {"value", "source"} for entry in document["settings"].values())


@pytest.mark.parametrize(
    ("config", "args", "message"),
    [
        ('selct = ["FM"]\n', (), "artlint.toml: selct: unknown key; did you mean 'select'?"),
        ('extend = "missing.toml"\n', (), "artlint.toml: extend: no such file 'missing.toml'"),
        ("", ("--select", "FM9Z"), "command line: unknown rule 'FM9Z'"),
        ("", ("missing.md",), "missing.md: no such file or directory"),
    ],
)
def test_errors_exit_2_with_one_line(
    run_cli: RunCli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    config: str,
    args: tuple[str, ...],
    message: str,
) -> None:
    (tmp_path / "artlint.toml").write_text(config)
    monkeypatch.chdir(tmp_path)
    result = run_cli("config", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("artlint: error: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
