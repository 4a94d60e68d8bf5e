"""What the reporters share: the summary, counts in words, XML output."""

import io
import xml.etree.ElementTree as ET

from allylint.report.common import CollectingReporter, Summary, plural, write_xml, xml_safe
from tests.conftest import findings


def test_summary_counts_by_severity_category_and_rule():
    summary = Summary()
    found = findings("The whitelist.\n\nThe whitelist.\n\nRestart the slave.\n")
    for finding in found:
        summary.add(finding)
    summary.file_checked("a.md")
    summary.file_checked("b.md")
    assert summary.total == len(found) == 3
    assert summary.by_rule == {"whitelist": 2, "slave": 1}
    assert sum(summary.by_category.values()) == 3
    assert (summary.files, summary.checked) == (2, ["a.md", "b.md"])
    assert Summary().total == 0


def test_collecting_reporter_keeps_findings_in_order():
    found = findings("The whitelist.\n\nRestart the slave.\n")
    reporter = CollectingReporter(io.StringIO())
    for finding in found:
        reporter.finding(finding)
    assert reporter.findings == found
    assert reporter.stream.getvalue() == ""


def test_plural():
    assert plural(1, "file") == "1 file"
    assert plural(0, "file") == "0 files"
    assert plural(2, "fix", "fixes") == "2 fixes"
    assert plural(1, "fix", "fixes") == "1 fix"


def test_xml_safe_replaces_only_what_xml_forbids():
    assert xml_safe("a\x00b\x1fc\td\ne\u00e9") == "a\ufffdb\ufffdc\td\ne\u00e9"


def test_write_xml_is_ascii_and_parses_back():
    root = ET.Element("report", name="caf\u00e9")
    ET.SubElement(root, "item").text = xml_safe("bad \x01 char \u2014 dash")
    stream = io.StringIO()
    write_xml(stream, root)
    output = stream.getvalue()
    assert output.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    assert output.isascii()
    parsed = ET.fromstring(output.encode("utf-8"))
    assert parsed.get("name") == "caf\u00e9"
    assert parsed.find("item").text == "bad \ufffd char \u2014 dash"
