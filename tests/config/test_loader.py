import pytest
from click.testing import CliRunner

from allylint.cli.main import main
from allylint.config.loader import ConfigError, find_config_file, load_config_file


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("The whitelist and the slave and the crazy plan.\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args))


def rule_ids(output: str) -> list[str]:
    return [
        line.split()[1]
        for line in output.splitlines()
        if ": " in line and not line.startswith(("    ", "Checked"))
    ]


def test_yaml_config_found_walking_up(project):
    (project / ".allylint.yaml").write_text("ignore: [slave]\nseverity:\n  crazy: error\n")
    assert find_config_file(project / "docs") == project / ".allylint.yaml"
    result = run("check", "docs")
    assert rule_ids(result.output) == ["whitelist", "crazy"]
    assert "crazy error" in result.output


def test_pyproject_section(project):
    (project / "pyproject.toml").write_text('[tool.allylint]\nselect = ["gender", "crazy"]\n')
    assert rule_ids(run("check", "docs").output) == ["crazy"]


def test_cli_flags_override_the_file(project):
    (project / ".allylint.yaml").write_text("select: [whitelist]\nfail-on: never\n")
    result = run("check", "docs", "--select", "slave,crazy", "--fail-on", "error")
    assert rule_ids(result.output) == ["slave", "crazy"]  # slave is an error: exit 1
    assert result.exit_code == 1


def test_cli_ignore_adds_to_the_configurations_ignore(project):
    (project / ".allylint.yaml").write_text("ignore: [slave]\n")
    assert rule_ids(run("check", "docs", "--ignore", "crazy").output) == ["whitelist"]
    assert rule_ids(run("check", "docs", "--extend-ignore", "whitelist").output) == ["crazy"]


def test_extend_select_adds_to_the_selection(project):
    (project / ".allylint.yaml").write_text("select: [crazy]\n")
    result = run("check", "docs", "--extend-select", "slave")
    assert rule_ids(result.output) == ["slave", "crazy"]


def test_exit_zero_is_fail_on_never(project):
    result = run("check", "docs", "--exit-zero")
    assert len(rule_ids(result.output)) == 3
    assert result.exit_code == 0


def test_per_file_ignores_by_rule_and_category(project):
    (project / "docs" / "legacy").mkdir()
    (project / "docs" / "legacy" / "old.md").write_text("The slave and the crazy plan.\n")
    (project / ".allylint.yaml").write_text(
        "per-file-ignores:\n  'docs/legacy/**': [tech-metaphors]\n  'a.md': [crazy]\n"
    )
    result = run("check", "docs", "--format", "json")
    import json

    found = sorted((f["path"], f["rule"]) for f in json.loads(result.stdout))
    # 'a.md' is a .gitignore pattern: it matches docs/a.md too.
    assert found == [
        ("docs/a.md", "slave"),
        ("docs/a.md", "whitelist"),
        ("docs/legacy/old.md", "crazy"),
    ]


def test_per_file_ignores_errors_name_the_key(project):
    (project / ".allylint.yaml").write_text("per-file-ignores:\n  'docs/**': [no-such-rule]\n")
    result = run("check", "docs")
    assert result.exit_code == 2
    assert "per-file-ignores.docs/**" in result.output
    assert "no-such-rule" in result.output
    (project / ".allylint.yaml").write_text("per-file-ignores: [crazy]\n")
    result = run("check", "docs")
    assert result.exit_code == 2
    assert ".allylint.yaml:1: key 'per-file-ignores'" in result.output


def test_one_configuration_per_run_whatever_the_order(project):
    (project / ".allylint.yaml").write_text("ignore: [slave]\n")
    (project / "docs" / "b.md").write_text("The slave.\n")
    first = run("check", "docs/a.md", "docs/b.md", "--format", "json")
    second = run("check", "docs/b.md", "docs/a.md", "--format", "json")
    assert first.stdout == second.stdout
    assert "slave" not in first.stdout
    other = project / "other"
    other.mkdir()
    (other / ".allylint.yaml").write_text("select: [slave]\n")
    (other / "c.md").write_text("The slave.\n")
    for paths in (("docs", "other"), ("other", "docs")):
        result = run("check", *paths)
        assert result.exit_code == 2
        assert "docs is configured by" in result.output
        assert "other/.allylint.yaml" in result.output
    assert rule_ids(run("check", "docs", "other", "--config", ".allylint.yaml").output)


def test_explicit_config_file(project):
    (project / "team.yaml").write_text("select: [crazy]\n")
    assert rule_ids(run("check", "docs", "--config", "team.yaml").output) == ["crazy"]


def test_allow_accepts_phrases_project_wide(project):
    (project / "docs" / "b.md").write_text("We use the blacklist daemon and a blacklist.\n")
    (project / ".allylint.yaml").write_text('allow: ["Blacklist  daemon"]\nselect: [blacklist]\n')
    result = run("check", "docs/b.md")
    assert result.output.count("blacklist warning") == 1
    assert ":1:35:" in result.output


def test_exclude_and_allylintignore(project):
    (project / "docs" / "legacy").mkdir()
    (project / "docs" / "legacy" / "old.md").write_text("the whitelist\n")
    (project / "docs" / "skip.md").write_text("the whitelist\n")
    (project / ".allylintignore").write_text("docs/skip.md\n")
    (project / ".allylint.yaml").write_text("exclude: ['docs/legacy/']\n")
    result = run("check", ".")
    assert "docs/a.md:1:5: whitelist" in result.output
    assert "legacy" not in result.output
    assert "skip.md" not in result.output


def test_extend_rules_are_validated(project):
    (project / "team-rules.yaml").write_text("rules:\n  - id: team\n    category: x\n")
    (project / ".allylint.yaml").write_text("extend-rules: [team-rules.yaml]\n")
    result = run("check", "docs")
    assert result.exit_code == 2
    assert "team-rules.yaml:2: rule 'team'" in result.output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("colour: red\n", ".allylint.yaml:1: key 'colour': unknown key; expected one of select"),
        (
            "fail_on: error\n",
            ".allylint.yaml:1: key 'fail_on': unknown key; did you mean 'fail-on'?",
        ),
        ("fail-on: sometimes\n", "key 'fail-on': 'sometimes' is not one of"),
        ("severity:\n  whitelist: loud\n", "key 'severity.whitelist': 'loud' is not one of"),
        ("select: [not-a-rule]\n", "key 'select': unknown rule id or category 'not-a-rule'"),
        ("exclude: 42\n", "key 'exclude': expected a list of strings, got 42"),
        ("format: pdf\n", "key 'format': 'pdf' is not one of"),
        ("select: [unclosed\n", ".allylint.yaml:2:"),
    ],
)
def test_bad_configuration_names_file_key_and_value(project, content, expected):
    (project / ".allylint.yaml").write_text(content)
    result = run("check", "docs")
    assert result.exit_code == 2
    assert expected in result.output


def test_bad_pyproject_toml_is_an_error(project, tmp_path):
    path = project / "pyproject.toml"
    path.write_text("[tool.allylint]\nignore = 3\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: key 'ignore'"):
        load_config_file(path)


def test_select_can_enable_rules_that_are_off_by_default(project):
    (project / "team.yaml").write_text(
        "rules:\n  - id: team-only\n    category: team\n    severity: info\n"
        "    enabled: false\n    match: [plan]\n    alternatives: [scheme]\n"
        "    message: m\n    learn: [gender]\n"
    )
    (project / ".allylint.yaml").write_text("extend-rules: [team.yaml]\n")
    assert "team-only" not in run("check", "docs").output
    result = run("check", "docs", "--select", "team-only", "--fail-on", "info")
    assert rule_ids(result.output) == ["team-only"]
    assert result.exit_code == 1


def test_init_writes_a_starter_and_refuses_to_overwrite(project):
    assert run("init").exit_code == 0
    assert (project / ".allylint.yaml").read_text().startswith("# allylint configuration")
    assert run("init").exit_code == 2
    # The starter is itself a valid configuration.
    assert run("config").exit_code == 0


def test_config_prints_the_effective_configuration(project):
    (project / ".allylint.yaml").write_text("ignore: [slave]\n")
    result = run("config")
    assert result.exit_code == 0
    assert ".allylint.yaml" in result.output
    assert "ignore:\n- slave" in result.output


def test_bad_exclude_patterns_and_category_severity(project):
    (project / ".allylint.yaml").write_text("exclude: ['[z-a]']\n")
    result = run("check", "docs")
    assert result.exit_code == 2
    assert "key 'exclude': bad pattern '[z-a]'" in result.output
    (project / ".allylint.yaml").write_text("severity:\n  tech-metaphors: error\n")
    assert "whitelist error" in run("check", "docs").output
    (project / ".allylint.yaml").write_text("fail-on: never\n")
    result = run("check", "docs", "--exclude", "[z-a]")
    assert result.exit_code == 2
    assert "bad pattern" in result.output
