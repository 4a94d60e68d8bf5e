"""``--format concise``: one line per finding, as ``ruff check --output-format concise``::

    docs/setup.md:12:21: whitelist warning: "whitelist", consider "allowlist", "allow list" or ...

No explanation lines and no summary (the count goes to standard error): for
editors, grep and a first look at a large tree.
"""

from __future__ import annotations

from typing import TextIO

from allylint.findings.model import Finding
from allylint.report.common import Summary
from allylint.report.describe import headline, location


def line(finding: Finding) -> str:
    return (
        f"{location(finding)}: {finding.rule_id} "
        f"{finding.severity}: {' '.join(headline(finding).split())}"
    )


class ConciseReporter:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def finding(self, finding: Finding) -> None:
        self.stream.write(line(finding) + "\n")

    def finish(self, summary: Summary) -> None:
        """Nothing to add: the count goes to standard error, like every machine format."""
