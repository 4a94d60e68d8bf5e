"""``--format sarif``: valid SARIF 2.1.0 (checked against the official schema in
tests/data/), complete rule metadata, and fingerprints that survive lines moving."""

import json
from pathlib import Path
from urllib.parse import urlparse

import jsonschema
import pytest
from click.testing import CliRunner

from allylint.cli.main import main
from allylint.findings.model import Finding
from allylint.report.common import Summary
from allylint.report.sarif import SarifReporter, artifact_location
from allylint.rules.model import Alternative, Rule, Term
from tests.conftest import docs_project, finding_of

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json").read_text(
        encoding="utf-8"
    )
)
TOPIC_PAGE = "https://github.com/allylint/allylint/blob/main/docs/topics/{}.md"

GUIDE = """# Guide

Add the host to the whitelist.

The slave node syncs the whitelist and the whitelist again.
"""


def validate(log: dict) -> None:
    validator = jsonschema.Draft7Validator(
        SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


@pytest.fixture
def project(tmp_path, monkeypatch):
    return docs_project(tmp_path, monkeypatch, GUIDE)


def run_sarif(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["check", "--format", "sarif", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def results_of(log: dict) -> list[dict]:
    return log["runs"][0]["results"]


def test_output_is_valid_sarif_2_1_0(project):
    code, log = run_sarif("docs")
    assert code == 1
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    validate(log)


def test_a_clean_run_is_valid_sarif_with_empty_results(project):
    code, log = run_sarif("docs/clean.md")
    assert code == 0
    validate(log)
    assert results_of(log) == []
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_driver_describes_allylint_and_each_rule(project):
    _, log = run_sarif("docs")
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "allylint"
    assert driver["version"]
    assert urlparse(driver["informationUri"]).scheme == "https"
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert {"whitelist", "slave"} <= set(rules)

    whitelist = rules["whitelist"]
    assert whitelist["name"] == "Whitelist"
    assert "whitelist" in whitelist["shortDescription"]["text"]
    assert "allowlist" in whitelist["shortDescription"]["text"]
    assert "allowlist" in whitelist["fullDescription"]["text"]
    assert "- allowlist" in whitelist["help"]["text"]
    assert "permit list: for network and firewall rules" in whitelist["help"]["text"]
    assert "**allow list**" in whitelist["help"]["markdown"]
    assert "allylint explain whitelist" in whitelist["help"]["text"]
    assert whitelist["helpUri"] == TOPIC_PAGE.format("tech-metaphors")
    assert TOPIC_PAGE.format("tech-metaphors") in whitelist["help"]["markdown"]
    assert whitelist["defaultConfiguration"]["level"] == "warning"
    assert whitelist["properties"]["category"] == "tech-metaphors"
    assert "tech-metaphors" in whitelist["properties"]["tags"]
    assert rules["slave"]["defaultConfiguration"]["level"] == "error"


def test_a_rule_whose_terms_have_their_own_alternatives_is_described_by_term(tmp_path, monkeypatch):
    docs_project(tmp_path, monkeypatch, "The waitress and the chairman agree.\n")
    _, log = run_sarif("docs")
    titles = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    described = titles["gendered-job-titles"]
    assert described["shortDescription"]["text"] == (
        'Prefer "chair" to "chairman" and "chair" to "chairwoman".'
    )
    assert "- For waitress:\n  - server\n  - waiter: where waiter" in described["help"]["text"]
    assert "- For **stewardess**:\n  - **flight attendant**" in described["help"]["markdown"]
    assert {"server", "flight attendant"} <= set(described["properties"]["alternatives"])
    messages = {
        r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]: r["message"]["text"]
        for r in results_of(log)
    }
    assert messages["waitress"].startswith('"waitress", consider "server" or "waiter"')
    assert messages["chairman"].startswith('"chairman", consider "chair" or "chairperson"')
    validate(log)


def test_results_point_at_the_rule_words_and_place(project):
    _, log = run_sarif("docs")
    json_findings = json.loads(
        CliRunner().invoke(main, ["check", "--format", "json", "docs"]).stdout
    )
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = results_of(log)
    assert [r["ruleId"] for r in results] == [f["rule"] for f in json_findings]
    assert [r["ruleId"] for r in results] == ["whitelist", "slave", "whitelist", "whitelist"]
    for result, expected in zip(results, json_findings, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == {"warning": "warning", "error": "error"}[expected["severity"]]
        text = result["message"]["text"]
        assert f'"{expected["text"]}"' in text
        assert all(f'"{alt}"' in text for alt in expected["alternatives"][:3])
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": "docs/guide.md", "uriBaseId": "%SRCROOT%"}
        assert location["region"] == {
            "startLine": expected["line"],
            "startColumn": expected["column"],
            "endLine": expected["end_line"],
            "endColumn": expected["end_column"],
            "snippet": {"text": expected["text"]},
        }
    first = results[0]["locations"][0]["physicalLocation"]["region"]
    assert (first["startLine"], first["startColumn"], first["endColumn"]) == (3, 21, 30)
    assert run["columnKind"] == "unicodeCodePoints"
    srcroot = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert srcroot.startswith("file://") and srcroot.endswith("/")


def fingerprints(log: dict) -> list[tuple[str, str]]:
    return [(r["ruleId"], r["partialFingerprints"]["allylint/v1"]) for r in results_of(log)]


def test_fingerprints_survive_a_line_inserted_above(project):
    _, before = run_sarif("docs")
    guide = project / "docs" / "guide.md"
    guide.write_text("Intro paragraph.\n\nAnother one.\n\n" + GUIDE, encoding="utf-8")
    _, after = run_sarif("docs")
    lines_before = [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results_of(before)
    ]
    lines_after = [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results_of(after)
    ]
    assert lines_after == [line + 4 for line in lines_before]
    assert fingerprints(after) == fingerprints(before)
    # Every result is told apart, even the same word twice on one line.
    assert len(set(fingerprints(before))) == len(results_of(before))


def test_fingerprints_change_when_the_line_changes(project):
    _, before = run_sarif("docs")
    guide = project / "docs" / "guide.md"
    guide.write_text(GUIDE.replace("Add the host", "Add the server"), encoding="utf-8")
    _, after = run_sarif("docs")
    assert fingerprints(after)[0] != fingerprints(before)[0]
    assert fingerprints(after)[1:] == fingerprints(before)[1:]


def test_paths_become_uri_references(project):
    spaced = project / "my docs"
    spaced.mkdir()
    (spaced / "notes #1.md").write_text("Update the whitelist.\n", encoding="utf-8")
    _, log = run_sarif("my docs")
    validate(log)
    location = results_of(log)[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "my%20docs/notes%20%231.md", "uriBaseId": "%SRCROOT%"}

    _, log = run_sarif(str(spaced / "notes #1.md"))
    validate(log)
    location = results_of(log)[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == (spaced / "notes #1.md").as_uri()
    assert "uriBaseId" not in location


def test_artifact_location_normalizes_relative_paths():
    assert artifact_location("./docs/a.md") == {"uri": "docs/a.md", "uriBaseId": "%SRCROOT%"}
    assert artifact_location("docs\\a.md")["uri"] == "docs/a.md"


def _rule(rule_id: str, severity: str) -> Rule:
    return Rule(
        id=rule_id,
        category="custom",
        severity=severity,
        terms=(Term("frobnicate"),),
        alternatives=(Alternative("adjust", "when you mean a small change"),),
        message="A made-up rule for the test.",
        learn=("why-words-matter",),
    )


def _finding(rule: Rule, line: int = 1) -> Finding:
    return finding_of(rule, "a.md", line, 1, line, 11, "frobnicate")


def test_levels_follow_severity_and_rules_come_from_the_summary():
    import io

    info, unused = _rule("frob-info", "info"), _rule("never-fired", "error")
    stream = io.StringIO()
    reporter = SarifReporter(stream)
    reporter.finding(_finding(info))
    reporter.finish(Summary(files=1, rules=[unused, info]))
    log = json.loads(stream.getvalue())
    validate(log)
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["never-fired", "frob-info"]
    assert run["tool"]["driver"]["rules"][1]["defaultConfiguration"]["level"] == "note"
    (result,) = run["results"]
    assert (result["ruleId"], result["ruleIndex"], result["level"]) == ("frob-info", 1, "note")
    # A finding built without a fingerprint still gets a stable one.
    assert len(result["partialFingerprints"]["allylint/v1"]) == 32


def test_schema_file_is_the_official_one():
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]
    jsonschema.Draft7Validator.check_schema(SCHEMA)
