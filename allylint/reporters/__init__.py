"""Reporters: one small module per output format.

A reporter receives findings as they are found (so output streams) and a
summary at the end.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol, TextIO

from allylint.findings import Finding


@dataclass
class Summary:
    files: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)

    def add(self, finding: Finding) -> None:
        self.by_severity[finding.severity] += 1
        self.by_category[finding.rule.category] += 1

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())


class Reporter(Protocol):
    def finding(self, finding: Finding) -> None: ...

    def finish(self, summary: Summary) -> None: ...


def make_reporter(fmt: str, stream: TextIO, color: bool) -> Reporter:
    from allylint.reporters import json_format, text

    if fmt == "json":
        return json_format.JsonReporter(stream)
    return text.TextReporter(stream, color=color)


FORMATS = ("text", "json")
