"""``--format checkstyle``: Checkstyle XML, read by Jenkins, GitLab code quality
converters, reviewdog, SonarQube importers and most CI lint widgets::

    <checkstyle version="4.3">
      <file name="docs/setup.md">
        <error line="12" column="21" severity="warning" message="..." source="allylint.whitelist"/>
      </file>
    </checkstyle>

Files are listed in the order they were checked; a checked file without
findings is listed empty when the summary names the checked files.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from allylint.findings.model import Finding
from allylint.printable import escape
from allylint.report.common import Summary, write_xml, xml_safe
from allylint.report.describe import plain_message

CHECKSTYLE_VERSION = "4.3"


class CheckstyleReporter:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.by_file: dict[str, list[Finding]] = {}

    def finding(self, finding: Finding) -> None:
        self.by_file.setdefault(finding.path, []).append(finding)

    def finish(self, summary: Summary) -> None:
        root = ET.Element("checkstyle", version=CHECKSTYLE_VERSION)
        paths = list(dict.fromkeys([*summary.checked, *self.by_file]))
        for path in paths:
            element = ET.SubElement(root, "file", name=xml_safe(escape(path)))
            for finding in self.by_file.get(path, []):
                ET.SubElement(
                    element,
                    "error",
                    line=str(finding.line),
                    column=str(finding.column),
                    severity=finding.severity,
                    message=xml_safe(plain_message(finding)),
                    source=f"allylint.{finding.rule_id}",
                )
        write_xml(self.stream, root)
