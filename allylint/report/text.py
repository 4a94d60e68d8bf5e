"""Human-readable output: one line per finding, then why it matters."""

from __future__ import annotations

from typing import TextIO

import click

from allylint.findings.model import Finding
from allylint.report.common import Summary, plural
from allylint.report.describe import text_entry

_SEVERITY_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


# Above this many findings the summary also names the rules that made most of them,
# so that a first run on a large legacy tree ends with where to start.
_TOP_RULES_AFTER = 20
_TOP_RULES = 5


class TextReporter:
    def __init__(self, stream: TextIO, color: bool, show_fixes: bool = False) -> None:
        self.stream = stream
        self.color = color
        self.show_fixes = show_fixes

    def _style(self, text: str, part: str) -> str:
        if not self.color:
            return text
        if part == "severity":
            return click.style(text, fg=_SEVERITY_COLORS[text])
        return click.style(text, bold=True)

    def finding(self, finding: Finding) -> None:
        self.stream.write(text_entry(finding, self._style))
        if self.show_fixes and finding.fix is not None:
            self.stream.write(f'    fix: "{finding.text}" -> "{finding.fix.replacement}"\n')

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
        if summary.total > _TOP_RULES_AFTER:
            top = ", ".join(f"{rule} {n}" for rule, n in summary.by_rule.most_common(_TOP_RULES))
            self.stream.write(
                f"Most findings by rule: {top}. Every rule's count: --statistics; to accept "
                "these and see only new findings: --write-baseline FILE, then --baseline FILE.\n"
            )
