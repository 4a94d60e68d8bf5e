"""``--format gitlab``: a Code Quality array, with a unique fingerprint per issue."""

import json

from allylint.report.gitlab import GitlabReporter
from tests.conftest import findings, reported


def report(found):
    return json.loads(reported(GitlabReporter, found))


def test_no_findings_is_an_empty_array():
    assert report([]) == []


def test_issues_carry_what_gitlab_reads():
    [issue] = report(findings("Add the host to the whitelist.\n", "./docs\\a.md"))
    assert issue["check_name"] == "whitelist"
    assert issue["severity"] == "minor"
    assert issue["location"] == {"path": "docs/a.md", "lines": {"begin": 1, "end": 1}}
    assert issue["description"] and issue["fingerprint"]


def test_the_same_finding_twice_gets_two_fingerprints():
    same = findings("The whitelist.\n")[0]
    issues = report([same, same, same])
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == 3
    assert fingerprints[1] == fingerprints[0] + "-1"
