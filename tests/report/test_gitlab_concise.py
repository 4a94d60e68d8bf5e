"""``--format gitlab`` (GitLab Code Quality) and ``--format concise``, through the real CLI."""

import json

import jsonschema
import pytest
from click.testing import CliRunner

from allylint.cli.main import main
from tests.conftest import docs_project

# The fields GitLab reads from a Code Quality report, as its documentation lists them
# (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format): an
# array of issues, each with these, where location has lines.begin or positions.
GITLAB_CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path"],
                "properties": {
                    "path": {"type": "string", "pattern": "^[^/.]"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
                "anyOf": [{"required": ["lines"]}, {"required": ["positions"]}],
            },
        },
    },
}

GUIDE = "# Guide\n\nAdd the host to the whitelist.\n\nRestart the slave.\n\nThe whitelist again.\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    return docs_project(
        tmp_path,
        monkeypatch,
        GUIDE,
        **{"copy.md": GUIDE, "stray.md": "<!-- allylint: disable x -->\n"},
    )


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_gitlab_report_has_the_fields_gitlab_reads(project):
    result = run("check", "--format", "gitlab", "./docs")
    assert result.exit_code == 1
    issues = json.loads(result.stdout)
    jsonschema.validate(issues, GITLAB_CODE_QUALITY)
    assert len(issues) == 7  # three findings in each guide, and the stray directive
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    first = issues[0]
    assert first["check_name"] == "whitelist"
    assert first["severity"] == "minor"
    assert first["location"] == {"path": "docs/copy.md", "lines": {"begin": 3, "end": 3}}
    assert first["description"].startswith('"whitelist", consider "allowlist"')
    assert "allylint explain whitelist" in first["description"]
    assert {issue["severity"] for issue in issues} == {"minor", "major"}
    assert "unknown-suppression" in {issue["check_name"] for issue in issues}


def test_gitlab_fingerprints_stay_when_lines_move(project):
    before = {
        i["check_name"]: i["fingerprint"]
        for i in json.loads(run("check", "--format", "gitlab", "docs/guide.md").stdout)
    }
    (project / "docs" / "guide.md").write_text("Intro.\n\n" + GUIDE)
    after = {
        i["check_name"]: i["fingerprint"]
        for i in json.loads(run("check", "--format", "gitlab", "docs/guide.md").stdout)
    }
    assert before == after


def test_gitlab_clean_run_is_an_empty_array(project):
    result = run("check", "--format", "gitlab", "docs/clean.md")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_concise_is_one_line_per_finding(project):
    result = run("check", "--format", "concise", "docs/guide.md")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        'docs/guide.md:3:21: whitelist warning: "whitelist", consider "allowlist", '
        '"allow list" or "permit list"',
        'docs/guide.md:5:13: slave error: "slave", consider "replica", "follower" or "secondary"',
        'docs/guide.md:7:5: whitelist warning: "whitelist", consider "allowlist", '
        '"allow list" or "permit list"',
    ]
    assert "3 findings" in result.stderr
