"""The conventions users of ruff and yamllint expect, through the real CLI: suppression
problems in every output, the configured rule set in explain and rules, GitHub
annotations inside GitHub Actions, --show-fixes, --cache-dir, the first-run summary
and --version."""

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from allylint.cli.main import main
from allylint.version import __version__
from tests.conftest import docs_project
from tests.report.test_sarif import validate

STRAY = "<!-- allylint: disable-next-line no-such-rule -->\nAll is fine here.\n"
TEAM_RULE = """\
rules:
  - id: frobnicate
    category: team-words
    severity: warning
    match: [frobnicate]
    alternatives: [adjust]
    message: Our readers do not know the word.
    learn: [why-words-matter]
"""


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


@pytest.fixture
def project(tmp_path, monkeypatch):
    return docs_project(
        tmp_path, monkeypatch, "Add the host to the whitelist.\n", **{"stray.md": STRAY}
    )


def test_a_stray_directive_is_a_finding_in_json_and_fails_the_check(project):
    result = run("check", "docs/stray.md", "--format", "json")
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)
    assert (finding["rule"], finding["category"], finding["line"]) == (
        "unknown-suppression",
        "suppressions",
        1,
    )
    assert "'no-such-rule' is no rule id or category" in finding["message"]
    assert run("check", "docs/stray.md", "--fail-on", "error").exit_code == 0


@pytest.mark.parametrize(
    "output_format", ["text", "github", "checkstyle", "junit", "sarif", "html"]
)
def test_a_stray_directive_is_in_every_output(project, output_format):
    result = run("check", "docs/stray.md", "--format", output_format)
    assert result.exit_code == 1
    assert "unknown-suppression" in result.stdout
    if output_format == "sarif":
        log = json.loads(result.stdout)
        validate(log)
        [found] = log["runs"][0]["results"]
        assert found["ruleId"] == "unknown-suppression"
        rules = {rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]}
        # The rules in force: unused-suppression is off unless selected.
        assert "unknown-suppression" in rules
        assert "unused-suppression" not in rules
    if output_format in ("checkstyle", "junit"):
        ET.fromstring(result.stdout)


def test_unused_directives_are_findings_when_asked_for(project):
    (project / "docs" / "used.md").write_text(
        "<!-- allylint: disable-next-line whitelist -->\nAll is fine here.\n"
    )
    assert run("check", "docs/used.md").exit_code == 0
    result = run("check", "docs/used.md", "--report-unused-directives", "--format", "json")
    assert result.exit_code == 1
    assert [f["rule"] for f in json.loads(result.stdout)] == ["unused-suppression"]


@pytest.mark.parametrize(
    ("configuration", "options"),
    [
        pytest.param("ignore: [unknown-suppression]\n", (), id="ignore"),
        pytest.param("ignore: [suppressions]\n", (), id="ignore-category"),
        pytest.param("", ("--ignore", "unknown-suppression"), id="--ignore"),
        pytest.param("", ("--extend-ignore", "suppressions"), id="--extend-ignore"),
        pytest.param(
            "per-file-ignores:\n  'docs/stray.md': [unknown-suppression]\n", (), id="per-file"
        ),
        pytest.param("select: [whitelist]\n", (), id="not-selected"),
    ],
)
def test_directive_codes_are_left_out_like_rules(project, configuration, options):
    (project / ".allylint.yaml").write_text(configuration)
    result = run("check", "docs/stray.md", "--format", "json", *options)
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_directive_codes_are_selected_and_given_a_severity_like_rules(project):
    (project / "docs" / "used.md").write_text(
        "<!-- allylint: disable-next-line whitelist -->\nAll is fine here.\n"
    )
    (project / ".allylint.yaml").write_text(
        "select: [tech-metaphors, suppressions]\nseverity: {unused-suppression: info}\n"
    )
    result = run("check", "docs/used.md", "--format", "json")
    assert result.exit_code == 0  # an info finding does not fail the check
    found = [(f["rule"], f["severity"]) for f in json.loads(result.stdout)]
    assert found == [("unused-suppression", "info")]
    result = run("check", "docs/stray.md", "--format", "json", "--ignore", "unused-suppression")
    assert [f["rule"] for f in json.loads(result.stdout)] == ["unknown-suppression"]


def test_explain_a_directive_code():
    result = run("explain", "unknown-suppression")
    assert result.exit_code == 0
    assert "docs/suppressions.md" in result.output


def test_explain_and_rules_know_the_configurations_rules(project):
    (project / "team.yaml").write_text(TEAM_RULE)
    (project / ".allylint.yaml").write_text("extend-rules: [team.yaml]\nignore: [slave]\n")
    (project / "docs" / "team.md").write_text("Frobnicate the knob.\n")
    checked = run("check", "docs/team.md")
    assert "allylint explain frobnicate" in checked.output
    explained = run("explain", "frobnicate")
    assert explained.exit_code == 0, explained.output
    assert "Our readers do not know the word." in explained.output
    listed = run("rules", "--all").output
    assert "frobnicate" in listed
    assert next(line for line in listed.splitlines() if line.startswith("slave ")).endswith("(off)")
    (project / ".allylint.yaml").unlink()
    assert run("explain", "frobnicate").exit_code == 2
    assert run("explain", "frobnicate", "--rules", "team.yaml").exit_code == 0


def test_github_annotations_inside_github_actions(project):
    inside = run("check", "docs/guide.md", env={"GITHUB_ACTIONS": "true"})
    assert inside.stdout.startswith("::warning file=docs/guide.md,line=1,")
    assert run("check", "docs/guide.md", env={"GITHUB_ACTIONS": ""}).stdout.startswith(
        "docs/guide.md:1:"
    )
    asked = run("check", "docs/guide.md", "--format", "text", env={"GITHUB_ACTIONS": "true"})
    assert asked.stdout.startswith("docs/guide.md:1:")
    (project / ".allylint.yaml").write_text("format: json\n")
    configured = run("check", "docs/guide.md", env={"GITHUB_ACTIONS": "true"})
    assert json.loads(configured.stdout)[0]["rule"] == "whitelist"


def test_show_fixes_shows_each_fix_and_writes_nothing(project):
    result = run("check", "docs/guide.md", "--show-fixes")
    assert '    fix: "whitelist" -> "allowlist"' in result.stdout
    assert "whitelist" in (project / "docs" / "guide.md").read_text()
    assert "fix:" not in run("check", "docs/guide.md").stdout


def test_cache_dir_option_and_environment(project, tmp_path_factory):
    option_dir = tmp_path_factory.mktemp("option-cache")
    env_dir = tmp_path_factory.mktemp("env-cache")
    run("check", "docs/guide.md", "--cache-dir", str(option_dir))
    assert list(option_dir.rglob("*.json"))
    run("check", "docs/guide.md", env={"ALLYLINT_CACHE_DIR": str(env_dir)})
    assert list(env_dir.rglob("*.json"))
    assert not (project / ".allylint_cache").exists()


def test_a_large_first_run_ends_with_the_top_rules_and_what_to_do(project):
    (project / "docs" / "legacy.md").write_text("The whitelist.\n\n" * 15 + "The slave.\n\n" * 8)
    result = run("check", "docs/legacy.md")
    last = result.stdout.splitlines()[-1]
    assert last.startswith("Most findings by rule: whitelist 15, slave 8.")
    assert "--statistics" in last
    assert "--write-baseline" in last
    assert "Most findings" not in run("check", "docs/guide.md").stdout


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"allylint, version {__version__}"
