"""``--format json``: a valid JSON array, written finding by finding."""

import io
import json

from allylint.report.common import Summary
from allylint.report.json_format import JsonReporter
from tests.conftest import findings, reported


def test_no_findings_is_an_empty_array():
    stream = io.StringIO()
    JsonReporter(stream).finish(Summary())
    assert json.loads(stream.getvalue()) == []


def test_findings_are_streamed_as_one_valid_array():
    found = findings("Add the host to the whitelist.\n\nRestart the slave.\n")
    assert len(found) >= 2
    stream = io.StringIO()
    reporter = JsonReporter(stream)
    reporter.finding(found[0])
    # Written as found: the first finding is on the stream before the report ends.
    assert json.loads(stream.getvalue().removeprefix("[")) == found[0].to_dict()
    for finding in found[1:]:
        reporter.finding(finding)
    reporter.finish(Summary())
    output = json.loads(stream.getvalue())
    assert output == [f.to_dict() for f in found]
    assert {entry["rule"] for entry in output} >= {"whitelist", "slave"}
    assert stream.getvalue().endswith("\n]\n")


def test_non_ascii_text_is_written_as_is():
    output = reported(JsonReporter, findings("Add it to the whitelist.\n", "docs/café.md"))
    assert json.loads(output)[0]["path"] == "docs/café.md"
    assert "docs/café.md" in output
