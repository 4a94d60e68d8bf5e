"""``--format json``: one JSON array of findings, streamed as they are found.

The shape of each finding is documented in docs/output.md and kept stable.
"""

from __future__ import annotations

import json
from typing import TextIO

from allylint.findings.model import Finding
from allylint.report.common import Summary


class JsonReporter:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.count = 0

    def finding(self, finding: Finding) -> None:
        self.stream.write("[\n  " if self.count == 0 else ",\n  ")
        self.stream.write(json.dumps(finding.to_dict(), ensure_ascii=False))
        self.count += 1

    def finish(self, summary: Summary) -> None:
        self.stream.write("[]\n" if self.count == 0 else "\n]\n")
