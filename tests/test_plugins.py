"""Rules from other packages: the ``artlint.rules`` entry point group and ``plugins = [...]``.

The demo plugin in tests/plugin_pkg is made discoverable without installing anything: the
``site`` fixture writes the ``*.dist-info`` folder that pip would write (METADATA and
entry_points.txt, taken from the plugin's pyproject.toml) and puts it and the plugin's source
on ``sys.path``, where importlib.metadata finds them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import artlint
from artlint import registry
from artlint.config import ConfigError
from artlint.context import RuleContext
from artlint.plugins import PluginError, load_plugins, rule_problem
from artlint.project import Overrides, Resolver
from artlint.rule import Finding, Rule, Severity, Target
from artlint.settings import Settings
from tests.conftest import REPO, CliResult

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

Run = Callable[..., CliResult]

PLUGIN_SOURCE = REPO / "tests" / "plugin_pkg"
DEMO_MODULE = "artlint_demo_plugin"

SHOUTING = (
    "---\ntitle: MARKETS RALLY AS RATES FALL\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n"
    "<p>body</p>\n"
)
FIXED = (
    "---\ntitle: Markets rally as rates fall\ndate: Thu, 27 May 2021 12:15:20 GMT\n---\n"
    "<p>body</p>\n"
)
DM001_LINE = (
    "posts/a.md:2:8: DM001 [*] title is written all in capitals: 'MARKETS RALLY AS RATES FALL'"
)


# --- rules that are wrong on purpose, named by the test distributions' entry points -------


class LoudComment(Rule):
    """What it does: takes a built-in rule's code."""

    code = "HT001"
    name = "loud-comment"
    summary = "Takes HT001"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        return iter(())


class Undocumented(Rule):
    code = "UD001"
    name = "undocumented"
    summary = "Has no docstring"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        return iter(())


CLASHING = [LoudComment]
NOT_A_RULE = "DM001"
UNDOCUMENTED = (Undocumented,)


# --- fixtures -------------------------------------------------------------------------------


def write_distribution(site: Path, name: str, entry_points: dict[str, str]) -> None:
    """The ``dist-info`` folder pip writes for distribution ``name``: enough for discovery."""
    info = site / f"{name.replace('-', '_')}-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n", "utf-8")
    lines = [f"{key} = {value}" for key, value in entry_points.items()]
    (info / "entry_points.txt").write_text("[artlint.rules]\n" + "\n".join(lines) + "\n")


def _forget_demo_modules() -> None:
    for module in [name for name in sys.modules if name.split(".")[0] == DEMO_MODULE]:
        del sys.modules[module]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The demo plugin "installed" into a folder on sys.path, as its pyproject declares it."""
    folder = tmp_path / "site"
    project = tomllib.loads((PLUGIN_SOURCE / "pyproject.toml").read_text("utf-8"))["project"]
    write_distribution(folder, project["name"], project["entry-points"]["artlint.rules"])
    monkeypatch.syspath_prepend(str(PLUGIN_SOURCE))
    monkeypatch.syspath_prepend(str(folder))
    _forget_demo_modules()
    yield folder
    registry.unregister_plugins()
    _forget_demo_modules()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, site: Path) -> Path:
    """A project folder (the working directory) with one shouting article in posts/."""
    folder = tmp_path / "project"
    (folder / "posts").mkdir(parents=True)
    (folder / "posts" / "a.md").write_text(SHOUTING, "utf-8")
    monkeypatch.chdir(folder)
    return folder


def configure(folder: Path, text: str) -> Path:
    config = folder / "artlint.toml"
    config.write_text(text, "utf-8")
    return config


# --- the plugin's rule runs where it is configured, and only there ---------------------------


def test_the_plugin_rule_runs_when_the_config_names_the_plugin(run_cli: Run, project: Path) -> None:
    configure(project, 'plugins = ["demo"]\n')
    result = run_cli("posts")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        DM001_LINE,
        "Found 1 violation in 1 file.",
        "[*] 1 fixable with `artlint --fix`.",
    ]


def test_without_the_config_entry_nothing_of_the_plugin_is_imported(
    run_cli: Run, project: Path
) -> None:
    configure(project, 'select = ["ALL"]\n')
    result = run_cli("posts")
    assert (result.exit_code, result.stdout) == (0, "Found 0 violations in 1 file.\n")
    assert DEMO_MODULE not in sys.modules
    assert registry.registered_plugins() == ()
    assert "DM001" not in run_cli("rules").stdout
    assert DEMO_MODULE not in sys.modules
    unknown = run_cli("posts", "--select", "DM")
    assert (unknown.exit_code, unknown.stderr) == (2, "artlint: error: unknown rule 'DM'\n")


def test_the_json_violation_has_the_exact_position(run_cli: Run, project: Path) -> None:
    configure(project, 'plugins = ["demo"]\n')
    result = run_cli("posts", "--output-format", "json")
    [violation] = json.loads(result.stdout)
    assert violation == {
        "path": "posts/a.md",
        "code": "DM001",
        "name": "demo-shouting-title",
        "message": "title is written all in capitals: 'MARKETS RALLY AS RATES FALL'",
        "severity": "warning",
        "line": 2,
        "column": 8,
        "end_line": 2,
        "end_column": 35,
        "fix": {
            "applicability": "safe",
            "message": "Write the title in sentence case",
            "edits": [
                {
                    "line": 2,
                    "column": 8,
                    "end_line": 2,
                    "end_column": 35,
                    "content": "Markets rally as rates fall",
                }
            ],
        },
    }


@pytest.mark.parametrize("selector", ["DM", "DM001", "demo-shouting-title"])
def test_select_names_plugin_rules_on_the_command_line(
    run_cli: Run, project: Path, selector: str
) -> None:
    configure(project, 'plugins = ["demo"]\n')
    (project / "posts" / "b.md").write_text("no front matter\n", "utf-8")
    result = run_cli("posts", "--select", selector)
    assert result.stdout.splitlines()[:2] == [DM001_LINE, "Found 1 violation in 2 files."]
    ignored = run_cli("posts", "--ignore", selector)
    assert "DM001" not in ignored.stdout
    assert "FM001" in ignored.stdout


def test_config_selectors_may_name_plugin_rules(run_cli: Run, project: Path) -> None:
    configure(
        project,
        'plugins = ["demo"]\nselect = ["DM"]\n[severity]\ndemo-shouting-title = "error"\n',
    )
    (project / "posts" / "b.md").write_text("no front matter\n", "utf-8")
    result = run_cli("posts", "--output-format", "json")
    assert [(v["code"], v["severity"]) for v in json.loads(result.stdout)] == [("DM001", "error")]


def test_a_plugin_runs_only_under_the_config_that_names_it(run_cli: Run, project: Path) -> None:
    configure(project, "")
    other = project / "other"
    other.mkdir()
    configure(other, 'plugins = ["demo"]\n')
    (other / "b.md").write_text(SHOUTING, "utf-8")
    result = run_cli(".")
    assert result.stdout.splitlines()[0] == (
        "other/b.md:2:8: DM001 [*] title is written all in capitals: 'MARKETS RALLY AS RATES FALL'"
    )
    assert result.stdout.splitlines()[1] == "Found 1 violation in 2 files."
    # The project's own config does not name the plugin: its selectors may not either.
    configure(project, 'extend-select = ["DM001"]\n')
    result = run_cli(".")
    assert (result.exit_code, result.stderr) == (
        2,
        f"artlint: error: {project / 'artlint.toml'}: extend-select: unknown rule 'DM001';"
        " did you mean 'FM001'?\n",
    )


def test_fix_applies_the_plugin_fix(run_cli: Run, project: Path) -> None:
    configure(project, 'plugins = ["demo"]\n')
    result = run_cli("posts", "--fix")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "Found 1 violation in 1 file (1 fixed, 0 remaining).\n"
    assert (project / "posts" / "a.md").read_text("utf-8") == FIXED


def test_rules_and_explain_know_the_plugin_of_the_working_directory(
    run_cli: Run, project: Path
) -> None:
    configure(project, 'plugins = ["demo"]\n')
    rules = run_cli("rules")
    assert (rules.exit_code, rules.stderr) == (0, "")
    assert (
        "DM001  demo-shouting-title       warning   safe    on       "
        "The title is written all in capitals"
    ) in rules.stdout.splitlines()
    explain = run_cli("explain", "dm001")
    assert (explain.exit_code, explain.stderr) == (0, "")
    assert explain.stdout.splitlines()[:5] == [
        "DM001 demo-shouting-title (warning, safe fix, on by default)",
        "The title is written all in capitals",
        "",
        "What it does:",
        "Reports a ``title`` written all in capital letters.",
    ]
    assert "Use instead:\n```\n---\ntitle: Markets rally as rates fall\n---\n```\n" in (
        explain.stdout
    )


def test_the_library_loads_plugins_named_in_settings(site: Path) -> None:
    settings = Settings(plugins=("demo",), select=("DM",))
    [violation] = artlint.lint_text(SHOUTING, "a.md", settings=settings)
    assert (violation.code, violation.line, violation.column) == ("DM001", 2, 8)
    assert artlint.fix_text(SHOUTING, settings=settings) == FIXED
    assert artlint.lint_text(SHOUTING, settings=Settings(select=("ALL",))) == []


def test_registering_is_idempotent(site: Path) -> None:
    [rule] = registry.register_plugins(["demo"])
    assert rule.code == "DM001"
    assert registry.register_plugins(("demo", "demo")) == ()
    assert [r.code for r in registry.all_rules()].count("DM001") == 1
    assert registry.plugin_of(rule) == "demo"
    assert registry.plugin_of(registry.builtin_rules()[0]) is None
    registry.unregister_plugins()
    assert "DM001" not in [r.code for r in registry.all_rules()]


def test_load_plugins_returns_the_declared_rules(site: Path) -> None:
    [rule] = load_plugins(("demo",))
    assert (rule.code, rule.name, rule.severity, rule.target) == (
        "DM001",
        "demo-shouting-title",
        Severity.WARNING,
        Target.FRONT_MATTER,
    )
    assert registry.registered_plugins() == ()  # loading is not registering


# --- errors: exit 2 and one line naming the config file, the key and the problem -------------


@pytest.fixture
def broken_site(site: Path) -> Path:
    """Beside the demo plugin, distributions whose plugins are wrong on purpose."""
    write_distribution(
        site,
        "artlint-broken-plugins",
        {
            "clash": "tests.test_plugins:CLASHING",
            "not-a-rule": "tests.test_plugins:NOT_A_RULE",
            "undocumented": "tests.test_plugins:UNDOCUMENTED",
            "missing": "artlint_no_such_module:RULES",
        },
    )
    write_distribution(site, "artlint-demo-copy", {"demo-copy": "artlint_demo_plugin:RULES"})
    return site


INSTALLED = "clash, demo, demo-copy, missing, not-a-rule, undocumented"


@pytest.mark.parametrize(
    ("plugins", "problem"),
    [
        ('["dmeo"]', f"unknown plugin 'dmeo'; did you mean 'demo'? (installed: {INSTALLED})"),
        ('["zzz"]', f"unknown plugin 'zzz' (installed: {INSTALLED})"),
        (
            '["clash"]',
            "plugin 'clash': rule HT001 loud-comment: code HT001 is already taken by the"
            " built-in rule HT001 html-comment",
        ),
        (
            '["demo", "demo-copy"]',
            "plugin 'demo-copy': rule DM001 demo-shouting-title: code DM001 is already taken"
            " by rule DM001 demo-shouting-title of plugin 'demo'",
        ),
        (
            '["not-a-rule"]',
            "plugin 'not-a-rule' (tests.test_plugins:NOT_A_RULE) is not a Rule subclass or a"
            " list of them: got str",
        ),
        (
            '["undocumented"]',
            "plugin 'undocumented': rule Undocumented: has no docstring (it is the rule's"
            " documentation: see docs/writing-rules.md)",
        ),
        (
            '["missing"]',
            "plugin 'missing' (artlint_no_such_module:RULES) failed to load:"
            " ModuleNotFoundError: No module named 'artlint_no_such_module'",
        ),
    ],
)
def test_a_plugin_that_cannot_be_used_is_a_config_error(
    run_cli: Run, project: Path, broken_site: Path, plugins: str, problem: str
) -> None:
    config = configure(project, f"plugins = {plugins}\n")
    expected = f"artlint: error: {config}: plugins: {problem}\n"
    for command in (("posts",), ("rules",), ("explain", "HT001")):
        result = run_cli(*command)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", expected)
    # A failed load registers none of the plugins named.
    assert registry.registered_plugins() == ()


def test_the_error_names_the_pyproject_key(run_cli: Run, project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.artlint]\nplugins = ["dmeo"]\n', "utf-8")
    result = run_cli("posts")
    assert (result.exit_code, result.stderr) == (
        2,
        f"artlint: error: {project / 'pyproject.toml'}: tool.artlint.plugins: unknown plugin"
        " 'dmeo'; did you mean 'demo'? (installed: demo)\n",
    )


def test_no_plugin_installed(tmp_path: Path) -> None:
    config = configure(tmp_path, 'plugins = ["demo"]\n')
    with pytest.raises(ConfigError) as error:
        Resolver(Overrides()).for_folder(tmp_path)
    assert str(error.value) == (
        f"{config}: plugins: unknown plugin 'demo': no artlint plugin is installed"
    )


def test_the_library_raises_plugin_error_for_explicit_settings(site: Path) -> None:
    with pytest.raises(PluginError, match=r"^unknown plugin 'dmeo'; did you mean 'demo'\?"):
        artlint.lint_text(SHOUTING, settings=Settings(plugins=("dmeo",)))


# --- the declaration checks -----------------------------------------------------------------


def _rule(**attributes: object) -> type[Rule]:
    def check(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
        return iter(())

    namespace: dict[str, object] = {
        "__doc__": "What it does: nothing.",
        "code": "XY001",
        "name": "xy-rule",
        "summary": "A rule",
        "check": check,
    }
    namespace.update(attributes)
    return type("XyRule", (Rule,), {k: v for k, v in namespace.items() if v is not None})


NOT_A_CODE = "is not capital letters followed by digits (like 'XY001')"


@pytest.mark.parametrize(
    ("attributes", "problem"),
    [
        ({}, None),
        (
            {"code": "xy001"},
            "code 'xy001' is not capital letters followed by digits (like 'XY001')",
        ),
        ({"code": "XY"}, "code 'XY' is not capital letters followed by digits (like 'XY001')"),
        ({"code": None}, "code None is not capital letters followed by digits (like 'XY001')"),
        ({"name": "XyRule"}, "name 'XyRule' is not kebab-case (like 'shouting-title')"),
        ({"name": "xy_rule"}, "name 'xy_rule' is not kebab-case (like 'shouting-title')"),
        ({"summary": " "}, "summary is missing or empty"),
        ({"summary": None}, "summary is missing or empty"),
        ({"severity": "warning"}, "severity is not an artlint.rule.Severity"),
        (
            {"target": Target.ENGINE},
            "target ENGINE is only for the rules artlint's engine emits",
        ),
        ({"enabled_by_default": 1}, "enabled_by_default is not True or False"),
        ({"check": None}, "does not implement check()"),
    ],
)
def test_rule_problem(attributes: dict[str, object], problem: str | None) -> None:
    assert rule_problem(_rule(**attributes)) == problem


def test_the_docstring_must_be_the_rule_s_own() -> None:
    assert rule_problem(_rule(__doc__=None)) == (
        "has no docstring (it is the rule's documentation: see docs/writing-rules.md)"
    )


def test_the_demo_plugin_documents_itself_like_a_built_in_rule() -> None:
    sys.path.insert(0, str(PLUGIN_SOURCE))
    try:
        from artlint_demo_plugin import RULES
    finally:
        sys.path.remove(str(PLUGIN_SOURCE))
        _forget_demo_modules()
    from artlint.ruledocs import SECTION_TITLES, rule_sections

    [rule] = RULES
    assert rule_problem(rule) is None
    titles = [section.title for section in rule_sections(rule)]
    assert titles == list(SECTION_TITLES[:5])


def test_version_does_not_look_for_plugins() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from artlint.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main(['--version'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('importlib.metadata' in sys.modules, 'artlint.plugins' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout == "False False\n"


def test_the_guide_shows_the_demo_plugin_as_it_is() -> None:
    guide = (REPO / "docs" / "writing-rules.md").read_text("utf-8")
    for path, language in (
        (PLUGIN_SOURCE / "pyproject.toml", "toml"),
        (PLUGIN_SOURCE / DEMO_MODULE / "__init__.py", "python"),
    ):
        assert f"```{language}\n{path.read_text('utf-8')}```\n" in guide, path
