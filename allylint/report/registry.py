"""Output formats: one entry per format, its reporter imported only when used.

A reporter receives findings as they are found and a summary at the end. The
formats for people are ``text``, ``concise`` (a line per finding), ``json`` and
``html`` (a page for reading an audit); the ones for CI systems are ``sarif``
(code-scanning dashboards), ``github`` (workflow annotations), ``gitlab`` (Code
Quality), ``checkstyle`` and ``junit`` (test and lint report widgets). The command line's
``--format`` choices, the configuration's ``format:`` key and the table in
docs/output.md come from ``OUTPUT_FORMATS``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Protocol, TextIO

from allylint.findings.model import Finding
from allylint.report.common import Summary


class Reporter(Protocol):
    def finding(self, finding: Finding) -> None: ...

    def finish(self, summary: Summary) -> None: ...


@dataclass(frozen=True)
class OutputFormat:
    """One output format.

    ``reporter`` is ``module:class``, imported on first use. ``streams`` says
    whether findings are written as they are found (otherwise at the end, as
    one document). A ``terminal`` report is read where it is printed: it may be
    coloured, it ends with its own summary line (which ``--quiet`` leaves out)
    and ``--statistics`` joins it on standard output; every other report is a
    document, whose count goes to standard error.
    """

    name: str
    reporter: str
    help: str
    streams: bool
    suffix: str
    media_type: str
    terminal: bool = False

    def make(self, stream: TextIO, color: bool, show_fixes: bool = False) -> Reporter:
        """The reporter; a terminal one also shows each fix with ``show_fixes``."""
        module_name, _, class_name = self.reporter.partition(":")
        factory = getattr(importlib.import_module(module_name), class_name)
        reporter: Reporter = (
            factory(stream, color=color, show_fixes=show_fixes)
            if self.terminal
            else factory(stream)
        )
        return reporter


OUTPUT_FORMATS: dict[str, OutputFormat] = {
    entry.name: entry
    for entry in (
        OutputFormat(
            name="text",
            reporter="allylint.report.text:TextReporter",
            help="a line per finding and why it matters, then a summary (the default)",
            streams=True,
            suffix=".txt",
            media_type="text/plain",
            terminal=True,
        ),
        OutputFormat(
            name="concise",
            reporter="allylint.report.concise:ConciseReporter",
            help="one line per finding: where, the rule, the words and what instead",
            streams=True,
            suffix=".txt",
            media_type="text/plain",
        ),
        OutputFormat(
            name="json",
            reporter="allylint.report.json_format:JsonReporter",
            help="a JSON array of findings in a stable shape",
            streams=True,
            suffix=".json",
            media_type="application/json",
        ),
        OutputFormat(
            name="html",
            reporter="allylint.report.html:HtmlReporter",
            help="one self-contained, accessible page for reading an audit",
            streams=False,
            suffix=".html",
            media_type="text/html",
        ),
        OutputFormat(
            name="sarif",
            reporter="allylint.report.sarif:SarifReporter",
            help="a SARIF 2.1.0 log for code-scanning dashboards",
            streams=False,
            suffix=".sarif",
            media_type="application/sarif+json",
        ),
        OutputFormat(
            name="github",
            reporter="allylint.report.github:GithubReporter",
            help="GitHub Actions annotations on the diff",
            streams=True,
            suffix=".txt",
            media_type="text/plain",
        ),
        OutputFormat(
            name="gitlab",
            reporter="allylint.report.gitlab:GitlabReporter",
            help="a GitLab Code Quality report for merge requests",
            streams=True,
            suffix=".json",
            media_type="application/json",
        ),
        OutputFormat(
            name="checkstyle",
            reporter="allylint.report.checkstyle:CheckstyleReporter",
            help="Checkstyle XML for CI lint widgets",
            streams=False,
            suffix=".xml",
            media_type="application/xml",
        ),
        OutputFormat(
            name="junit",
            reporter="allylint.report.junit:JunitReporter",
            help="JUnit XML, a failed test per finding, for CI test tabs",
            streams=False,
            suffix=".xml",
            media_type="application/xml",
        ),
    )
}

FORMATS = tuple(OUTPUT_FORMATS)
