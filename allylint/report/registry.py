"""Reporters: one small module per output format.

A reporter receives findings as they are found (so output streams) and a
summary at the end. The formats for people are ``text``, ``json`` and ``html``
(a page for reading an audit); the ones for CI systems are ``sarif``
(code-scanning dashboards), ``github`` (workflow annotations), ``checkstyle``
and ``junit`` (test and lint report widgets).
"""

from __future__ import annotations

from typing import Protocol, TextIO

from allylint.findings.model import Finding
from allylint.report.common import Summary


class Reporter(Protocol):
    def finding(self, finding: Finding) -> None: ...

    def finish(self, summary: Summary) -> None: ...


def make_reporter(output_format: str, stream: TextIO, color: bool) -> Reporter:
    from allylint.report import checkstyle, github, html, json_format, junit, sarif, text

    if output_format == "html":
        return html.HtmlReporter(stream)
    if output_format == "json":
        return json_format.JsonReporter(stream)
    if output_format == "sarif":
        return sarif.SarifReporter(stream)
    if output_format == "github":
        return github.GithubReporter(stream)
    if output_format == "checkstyle":
        return checkstyle.CheckstyleReporter(stream)
    if output_format == "junit":
        return junit.JunitReporter(stream)
    return text.TextReporter(stream, color=color)


FORMATS = ("text", "json", "html", "sarif", "github", "checkstyle", "junit")
