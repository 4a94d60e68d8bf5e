"""``--format gitlab``: a GitLab Code Quality report, a JSON array streamed as found.

GitLab reads, for each issue: ``description``, ``check_name``, ``fingerprint``
(unique per issue: GitLab compares reports of the source and target branches by
it), ``severity`` (``info``, ``minor``, ``major``, ``critical`` or ``blocker``) and
``location`` with a ``path`` relative to the repository and ``lines.begin``
(https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format).
Artifacts declared as ``reports: codequality`` show in the merge request widget.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from allylint.findings.model import Finding
from allylint.report.common import Summary
from allylint.report.describe import plain_message
from allylint.report.sarif import fallback_fingerprint

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def _path(path: str) -> str:
    while path.startswith("./"):
        path = path[2:]
    return path.replace("\\", "/")


class GitlabReporter:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.count = 0
        self.seen: Counter[str] = Counter()

    def _fingerprint(self, finding: Finding) -> str:
        base = finding.fingerprint or fallback_fingerprint(finding, 0)
        occurrence = self.seen[base]
        self.seen[base] += 1
        # Two findings never share a fingerprint, or GitLab would show one of them.
        return base if occurrence == 0 else f"{base}-{occurrence}"

    def finding(self, finding: Finding) -> None:
        issue = {
            "description": plain_message(finding),
            "check_name": finding.rule_id,
            "fingerprint": self._fingerprint(finding),
            "severity": SEVERITIES[finding.severity],
            "categories": ["Style"],
            "location": {
                "path": _path(finding.path),
                "lines": {"begin": finding.line, "end": finding.end_line},
            },
        }
        self.stream.write("[\n  " if self.count == 0 else ",\n  ")
        self.stream.write(json.dumps(issue, ensure_ascii=False))
        self.count += 1

    def finish(self, summary: Summary) -> None:
        self.stream.write("[]\n" if self.count == 0 else "\n]\n")
