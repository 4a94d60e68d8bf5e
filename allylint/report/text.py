"""Human-readable output: one line per finding, then why it matters."""

from __future__ import annotations

from typing import TextIO

import click

from allylint.findings.model import Finding
from allylint.report.common import Summary, plural, quoted_list

_SEVERITY_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


class TextReporter:
    def __init__(self, stream: TextIO, color: bool) -> None:
        self.stream = stream
        self.color = color

    def _style(self, text: str, **styles: object) -> str:
        return click.style(text, **styles) if self.color else text  # type: ignore[arg-type]

    def finding(self, finding: Finding) -> None:
        location = self._style(f"{finding.path}:{finding.line}:{finding.column}:", bold=True)
        severity = self._style(finding.severity, fg=_SEVERITY_COLORS[finding.severity])
        matched = self._style(f'"{" ".join(finding.text.split())}"', bold=True)
        if finding.in_identifier:
            matched += " in an identifier"
        elif finding.in_path:
            matched += " in a file name or path"
        alternatives = quoted_list(finding.alternatives)
        self.stream.write(
            f"{location} {finding.rule_id} {severity}: {matched}, consider {alternatives}\n"
            f"    why: {finding.message} Learn more: allylint explain {finding.rule_id}\n"
        )

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
