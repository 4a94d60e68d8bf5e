"""``--format checkstyle``: well-formed Checkstyle 4.3 XML, one <file> per file."""

import io
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from allylint.cli.main import main
from allylint.report.checkstyle import CheckstyleReporter
from allylint.report.common import Summary
from allylint.rules.model import Alternative, Rule, Term
from tests.conftest import docs_project, finding_of


@pytest.fixture
def project(tmp_path, monkeypatch):
    guide = "# Guide\n\nAdd the host to the whitelist.\n\nRestart the slave.\n"
    more = "The whitelist & the <list>.\n"
    return docs_project(tmp_path, monkeypatch, guide, **{"more.md": more})


def run(*args: str) -> tuple[int, ET.Element]:
    result = CliRunner().invoke(main, ["check", "--format", "checkstyle", *args])
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return result.exit_code, ET.fromstring(result.stdout.encode("utf-8"))


def test_findings_are_grouped_by_file_with_location_severity_and_source(project):
    code, root = run("docs")
    assert code == 1
    assert root.tag == "checkstyle"
    assert root.get("version") == "4.3"
    files = {element.get("name"): element for element in root.iter("file")}
    assert {"docs/guide.md", "docs/more.md"} <= set(files)
    errors = [error.attrib for error in files["docs/guide.md"]]
    assert [(e["line"], e["column"], e["severity"], e["source"]) for e in errors] == [
        ("3", "21", "warning", "allylint.whitelist"),
        ("5", "13", "error", "allylint.slave"),
    ]
    message = errors[0]["message"]
    assert message.startswith('"whitelist", consider "allowlist"')
    assert "allylint explain whitelist" in message
    (more,) = files["docs/more.md"]
    assert (more.get("line"), more.get("column")) == ("1", "5")


def test_clean_run_is_an_empty_report(project):
    code, root = run("docs/clean.md")
    assert code == 0
    assert root.tag == "checkstyle"
    assert [element.get("name") for element in root.iter("file")] in ([], ["docs/clean.md"])


def _rule(severity: str) -> Rule:
    return Rule(
        id="frob",
        category="custom",
        severity=severity,
        terms=(Term("frob"),),
        alternatives=(Alternative('"tweak" & <adjust>'),),
        message="Made up, with a control character \x0b and ünïcode.",
        learn=("why-words-matter",),
    )


def test_escaping_info_severity_and_checked_files_listed():
    stream = io.StringIO()
    reporter = CheckstyleReporter(stream)
    reporter.finding(finding_of(_rule("info"), 'we "quote" & <tag>.md', 2, 3, 2, 7, "frob"))
    summary = Summary()
    for path in ("clean.md", 'we "quote" & <tag>.md'):
        summary.file_checked(path)
    reporter.finish(summary)
    text = stream.getvalue()
    assert text.isascii()
    root = ET.fromstring(text.encode("utf-8"))
    files = list(root.iter("file"))
    assert [f.get("name") for f in files] == ["clean.md", 'we "quote" & <tag>.md']
    assert list(files[0]) == []
    (error,) = files[1]
    assert error.get("severity") == "info"
    assert '"tweak" & <adjust>' in error.get("message")
    assert "ünïcode" in error.get("message")
    assert "\x0b" not in error.get("message")
