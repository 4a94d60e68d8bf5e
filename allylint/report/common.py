"""What the reporters share: the summary of a check, counts in words and XML output.

The wording of a finding is in ``report/describe.py``."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from allylint.findings.model import Finding
from allylint.rules.model import Rule


@dataclass
class Summary:
    """What a check saw, handed to ``Reporter.finish``.

    ``files`` counts the checked files. ``checked`` optionally names them (the
    ``checkstyle`` and ``junit`` formats then list clean files too) and ``rules``
    holds the rules as configured (``sarif`` describes each rule in force and
    each rule that fired from them). Both stay empty unless the caller fills
    them; ``file_checked`` counts and names a file in one call.
    """

    files: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    checked: list[str] = field(default_factory=list)
    rules: Iterable[Rule] | None = None

    def add(self, finding: Finding) -> None:
        self.by_severity[finding.severity] += 1
        self.by_category[finding.category] += 1
        self.by_rule[finding.rule_id] += 1

    def file_checked(self, path: str) -> None:
        self.files += 1
        self.checked.append(path)

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())


class CollectingReporter:
    """A reporter for formats written as one document at the end (HTML, JUnit, SARIF):
    it keeps the findings, which are small, until ``finish``."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.findings: list[Finding] = []

    def finding(self, finding: Finding) -> None:
        self.findings.append(finding)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 file``, ``2 files``; ``nouns`` for irregular plurals (``fixes``)."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (each becomes U+FFFD)."""
    return _NOT_XML.sub("\ufffd", text)


def write_xml(stream: TextIO, root: ET.Element) -> None:
    """An indented XML document in ASCII (other characters as references), so that it
    is well-formed UTF-8 whatever the encoding of the stream it is written to."""
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="us-ascii", xml_declaration=False).decode("ascii"))
    stream.write("\n")
