"""Human-readable output: one line per finding, then why it matters."""

from __future__ import annotations

from typing import TextIO

import click

from allylint.findings.model import Finding
from allylint.report.common import Summary, plural
from allylint.report.describe import text_entry

_SEVERITY_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


class TextReporter:
    def __init__(self, stream: TextIO, color: bool) -> None:
        self.stream = stream
        self.color = color

    def _style(self, text: str, part: str) -> str:
        if not self.color:
            return text
        if part == "severity":
            return click.style(text, fg=_SEVERITY_COLORS[text])
        return click.style(text, bold=True)

    def finding(self, finding: Finding) -> None:
        self.stream.write(text_entry(finding, self._style))

    def finish(self, summary: Summary) -> None:
        checked = f"Checked {plural(summary.files, 'file')}"
        if not summary.total:
            self.stream.write(f"{checked}: no findings.\n")
            return
        severities = ", ".join(
            plural(summary.by_severity[s], s)
            for s in ("error", "warning", "info")
            if summary.by_severity[s]
        )
        categories = ", ".join(f"{c} {n}" for c, n in summary.by_category.most_common())
        self.stream.write(
            f"{checked}: {plural(summary.total, 'finding')} ({severities}); by category: "
            f"{categories}.\n"
        )
