"""``--format concise``: one line per finding and nothing else."""

from allylint.report.common import Summary
from allylint.report.concise import ConciseReporter, line
from tests.conftest import findings, reported


def test_one_line_per_finding_and_no_summary():
    found = findings("Add the host to the whitelist.\n\nRestart the slave.\n", "docs/a.md")
    lines = reported(ConciseReporter, found, Summary(files=1)).splitlines()
    assert lines == [line(f) for f in found]
    assert lines[0].startswith("docs/a.md:1:")
    assert ": whitelist warning: " in lines[0] and '"whitelist"' in lines[0]
    assert lines[1].startswith("docs/a.md:3:13: slave error: ")
    assert all("\n" not in line(f) and "  " not in line(f) for f in found)
