"""``--format junit``: one test suite, a failed test case per finding."""

import io
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from allylint.cli.main import main
from allylint.report.common import Summary
from allylint.report.junit import JunitReporter
from allylint.rules.model import Alternative, Rule, Term
from tests.conftest import docs_project, finding_of

GUIDE = "# Guide\n\nAdd the host to the whitelist.\n\nRestart the slave, then the whitelist.\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    return docs_project(tmp_path, monkeypatch, GUIDE)


def run(*args: str) -> tuple[int, ET.Element]:
    result = CliRunner().invoke(main, ["check", "--format", "junit", *args])
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    return result.exit_code, root


def test_each_finding_is_a_failed_test_case(project):
    code, root = run("docs")
    assert code == 1
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "allylint"
    failed = [case for case in suite.findall("testcase") if case.find("failure") is not None]
    assert suite.get("failures") == root.get("failures") == str(len(failed)) == "3"
    assert suite.get("tests") == str(len(suite.findall("testcase")))
    assert suite.get("errors") == "0"

    first, slave, second = failed
    assert first.get("name") == 'whitelist: "whitelist" in docs/guide.md'
    assert second.get("name") == 'whitelist: "whitelist" in docs/guide.md #2'
    assert slave.get("classname") == "allylint.tech-metaphors"
    assert (slave.get("file"), slave.get("line")) == ("docs/guide.md", "5")
    failure = first.find("failure")
    assert failure.get("type") == "warning"
    assert failure.get("message") == (
        'docs/guide.md:3:21: "whitelist", consider "allowlist", "allow list" or "permit list"'
    )
    assert failure.text.startswith("docs/guide.md:3:21: whitelist warning:")
    assert "allylint explain whitelist" in failure.text
    assert slave.find("failure").get("type") == "error"


def test_case_names_do_not_change_when_lines_move(project):
    _, before = run("docs")
    (project / "docs" / "guide.md").write_text("New intro.\n\n" + GUIDE, encoding="utf-8")
    _, after = run("docs")
    names = [[case.get("name") for case in root.iter("testcase")] for root in (before, after)]
    assert names[0] == names[1]
    assert [case.get("line") for case in after.iter("testcase") if case.get("line")] == [
        "5",
        "7",
        "7",
    ]


def test_a_clean_run_still_has_a_passing_test_case(project):
    code, root = run("docs/clean.md")
    assert code == 0
    cases = list(root.iter("testcase"))
    assert len(cases) >= 1
    assert all(case.find("failure") is None for case in cases)
    assert root.get("failures") == "0"
    assert root.get("tests") == str(len(cases))


def test_checked_files_without_findings_pass():
    rule = Rule(
        id="frob",
        category="custom",
        severity="info",
        terms=(Term("frob"),),
        alternatives=(Alternative("tweak"),),
        message="Made up & <escaped>.",
        learn=("why-words-matter",),
    )
    stream = io.StringIO()
    reporter = JunitReporter(stream)
    reporter.finding(finding_of(rule, "a.md", 1, 1, 1, 5, "frob"))
    summary = Summary()
    for path in ("a.md", "b.md"):
        summary.file_checked(path)
    reporter.finish(summary)
    root = ET.fromstring(stream.getvalue().encode("utf-8"))
    cases = list(root.iter("testcase"))
    assert [(c.get("name"), c.find("failure") is None) for c in cases] == [
        ('frob: "frob" in a.md', False),
        ("b.md: no findings", True),
    ]
    assert cases[0].find("failure").get("type") == "info"
    assert "Made up & <escaped>." in cases[0].find("failure").text
    assert (root.get("tests"), root.get("failures")) == ("2", "1")
