"""The text reporter: the shape of a finding's lines and of the summary."""

import io
import re

from allylint.report.common import Summary
from allylint.report.text import TextReporter
from tests.conftest import findings


def report(found, **options):
    stream = io.StringIO()
    reporter = TextReporter(stream, color=options.pop("color", False), **options)
    summary = Summary(files=1)
    for finding in found:
        reporter.finding(finding)
        summary.add(finding)
    reporter.finish(summary)
    return stream.getvalue()


def test_each_finding_is_a_location_line_then_why():
    output = report(findings("Add the host to the whitelist.\n", "guide.md"))
    first, why, summary = output.splitlines()
    assert re.match(r"^guide\.md:1:\d+: whitelist warning: ", first), first
    assert '"whitelist"' in first and "allowlist" in first
    assert why.startswith("    why: ")
    assert summary == "Checked 1 file: 1 finding (1 warning); by category: " + (
        f"{findings('Add the host to the whitelist.')[0].category} 1."
    )


def test_no_findings_says_so():
    assert report([]) == "Checked 1 file: no findings.\n"


def test_plain_output_has_no_escape_codes_and_colored_output_does():
    found = findings("Add the host to the whitelist.\n")
    assert "\x1b[" not in report(found)
    assert "\x1b[" in report(found, color=True)


def test_show_fixes_adds_the_replacement_line():
    found = [f for f in findings("Add the host to the whitelist.\n") if f.fix is not None]
    assert found, "whitelist has a fix"
    output = report(found, show_fixes=True)
    assert f'    fix: "whitelist" -> "{found[0].fix.replacement}"\n' in output
    assert "    fix:" not in report(found)


def test_many_findings_name_the_top_rules():
    found = findings("The whitelist.\n\n" * 21 + "Restart the slave.\n")
    assert len(found) > 20
    output = report(found)
    assert "Most findings by rule: whitelist 21, slave 1." in output
    assert "--write-baseline FILE" in output
    assert "Most findings" not in report(found[:20])
