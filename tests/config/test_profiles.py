"""Profiles: which severities a check reports, through the command line, the Python
API and the integrations' checker, and the data they are read from."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from allylint import lint_paths, lint_text
from allylint.config.loader import Config
from allylint.config.profiles import builtin_profiles
from allylint.config.settings import Overrides, SettingsError, load_settings, resolve
from allylint.project import load_project_checker
from allylint.resources import builtin_profiles_file
from allylint.rules.loader import load_rules
from allylint.rules.model import SEVERITIES
from allylint.schemas import schema
from allylint.yamlfile import load_yaml

TEAM_RULE = """\
rules:
  - id: team-words
    category: team
    severity: warning
    match:
      - frobnicate
      - {phrase: widget, severity: info}
    alternatives: [adjust]
    message: Our readers do not know these words.
    learn: [why-words-matter]
"""
TEXT = "Frobnicate the widget.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "team.yaml").write_text(TEAM_RULE)
    (tmp_path / "doc.md").write_text(TEXT)
    return tmp_path


def configure(project: Path, extra: str = "") -> None:
    (project / ".allylint.yaml").write_text(f"extend-rules: [team.yaml]\nselect: [team]\n{extra}")


def allylint(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "allylint", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
        check=False,
    )


def reported(project: Path, *args: str) -> list[str]:
    result = allylint(project, "check", "--no-cache", "--format", "json", *args, "doc.md")
    assert result.returncode in (0, 1), result.stderr
    return [finding["text"] for finding in json.loads(result.stdout)]


def test_the_profiles_data_is_well_formed_and_the_schema_names_every_profile():
    document = load_yaml(builtin_profiles_file())
    profiles = builtin_profiles()
    assert set(document) == {"default", "profiles"}
    assert profiles.default in profiles.names
    for profile in profiles.by_name.values():
        assert set(document["profiles"][profile.name]) == {"summary", "reports"}
        assert profile.summary
        assert profile.reports == tuple(s for s in SEVERITIES if s in profile.reports)
    assert profiles.get(None).reports == SEVERITIES  # strict, the default, reports all
    assert tuple(schema("config")["properties"]["profile"]["enum"]) == profiles.names


@pytest.mark.parametrize(
    ("extra", "options", "texts"),
    [
        pytest.param("", (), ["Frobnicate", "widget"], id="strict-by-default"),
        pytest.param("", ("--profile", "relaxed"), ["Frobnicate"], id="--profile"),
        pytest.param("profile: relaxed\n", (), ["Frobnicate"], id="configured"),
        pytest.param(
            "profile: relaxed\n", ("--profile", "strict"), ["Frobnicate", "widget"], id="replaced"
        ),
        pytest.param(
            "profile: relaxed\nseverity: {team-words: warning}\n",
            (),
            ["Frobnicate", "widget"],
            id="severity-first",
        ),
    ],
)
def test_a_profile_says_which_severities_the_command_line_reports(project, extra, options, texts):
    configure(project, extra)
    assert reported(project, *options) == texts


def test_a_finding_the_profile_leaves_out_does_not_fail_the_check(project):
    configure(project, "profile: relaxed\nfail-on: info\n")
    (project / "doc.md").write_text("Hand me the widget.\n")
    result = allylint(project, "check", "--no-cache", "doc.md")
    assert result.returncode == 0, result.stdout
    assert "widget" not in result.stdout


def test_rules_shows_the_profile_and_what_it_leaves_out(project):
    configure(project, "profile: relaxed\n")
    result = allylint(project, "rules", "--category", "team")
    assert result.returncode == 0, result.stderr
    assert "(info terms not reported: profile relaxed)" in result.stdout
    assert "1 rules; profile relaxed reports error, warning" in result.stderr
    strict = allylint(project, "rules", "--category", "team", "--profile", "strict")
    assert "not reported" not in strict.stdout


def test_an_unknown_profile_is_an_error_naming_file_line_and_key(project):
    configure(project, "profile: lax\n")
    result = allylint(project, "check", "--no-cache", "doc.md")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"Error: invalid configuration: {project / '.allylint.yaml'}:3: key 'profile': "
        "'lax' is not one of strict, relaxed"
    )
    with pytest.raises(SettingsError, match="--profile: 'lax' is not one of strict, relaxed"):
        resolve(Config(), Overrides(profile="lax"))


def test_the_api_applies_the_profile(project):
    rules = load_rules([project / "team.yaml"])
    relaxed = resolve(Config(profile="relaxed"), rules=rules)
    assert [f.text for f in lint_text(TEXT, "doc.md", settings=relaxed)] == ["Frobnicate"]
    assert [f.text for f in lint_text(TEXT, "doc.md", rules=rules)] == ["Frobnicate", "widget"]
    configure(project, "profile: relaxed\n")
    assert [f.text for f in lint_paths([project / "doc.md"])] == ["Frobnicate"]
    settings = load_settings([project], overrides=Overrides(profile="strict"))
    assert settings.profile == "strict"


def test_the_integrations_checker_reads_the_configured_profile(project):
    """The Sphinx extension, the MkDocs plugin and the language server check through
    this checker, with the settings of the project's configuration."""
    configure(project, "profile: relaxed\n")
    checker = load_project_checker(project)
    found = checker.check(TEXT, str(project / "doc.md"), "markdown").findings
    assert [finding.text for finding in found] == ["Frobnicate"]


def test_the_configuration_docs_table_every_profile_as_the_data_defines_it():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "configuration.md").read_text()
    for profile in builtin_profiles().by_name.values():
        default = " (default)" if profile.name == builtin_profiles().default else ""
        row = f"| `{profile.name}`{default} | {', '.join(profile.reports)} | {profile.summary} |"
        assert row in docs
