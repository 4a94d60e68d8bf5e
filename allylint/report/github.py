"""``--format github``: GitHub Actions workflow commands, one line per finding.

GitHub turns each line into an annotation on the pull request's diff::

    ::warning file=docs/setup.md,line=12,col=21,endLine=12,endColumn=30,title=whitelist::...

``error`` findings become ``::error``, ``warning`` ones ``::warning`` and ``info``
ones ``::notice``. Values are escaped as the Actions toolkit does: ``%``, CR
and LF everywhere, and ``:`` and ``,`` in properties too, so a message with
several lines stays one command. Columns are only given when the finding starts
and ends on the same line, as GitHub requires.
"""

from __future__ import annotations

from typing import TextIO

from allylint.findings.model import Finding
from allylint.report.common import Summary
from allylint.report.describe import headline, learn_more

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _path(path: str) -> str:
    while path.startswith("./"):
        path = path[2:]
    return path


def command(finding: Finding) -> str:
    one_line = finding.end_line == finding.line
    properties = [
        ("file", _path(finding.path)),
        ("line", str(finding.line)),
        *([("col", str(finding.column))] if one_line else []),
        ("endLine", str(finding.end_line)),
        *([("endColumn", str(finding.end_column))] if one_line else []),
        ("title", finding.rule_id),
    ]
    message = f"{headline(finding)}\n{finding.message}\n{learn_more(finding.rule_id)}"
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(message)}"


class GithubReporter:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def finding(self, finding: Finding) -> None:
        self.stream.write(command(finding) + "\n")

    def finish(self, summary: Summary) -> None:
        """Nothing to add: the count goes to standard error, like every machine format."""
