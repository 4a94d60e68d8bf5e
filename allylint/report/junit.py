"""``--format junit``: JUnit XML, shown by GitLab merge requests, Jenkins, Azure
Pipelines, CircleCI and most CI test tabs.

One test suite, ``allylint``. Each finding is a failed test case, so a CI
widget lists every finding on its own line with its text when opened:

- ``classname`` is ``allylint.<category>`` (Jenkins groups by it);
- ``name`` is the rule, the matched words and the file, without the line
  number, so that a finding keeps its name when lines above it move (GitLab
  compares test names between the target branch and the merge request); a
  repeat of the same words in the same file gets `` #2``, `` #3``...;
- ``file`` and ``line`` say where it is;
- ``<failure>`` has a one-line message and, as its text, the finding as the
  text format prints it.

A checked file without findings is a passing test case when the summary names
the checked files; otherwise a clean run is one passing test case, so that a
CI system never sees an empty report.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

from allylint.findings.model import Finding
from allylint.printable import escape
from allylint.report.common import CollectingReporter, Summary, plural, write_xml, xml_safe
from allylint.report.describe import headline, location, text_entry

SUITE = "allylint"


def _case_name(finding: Finding, repeat: int) -> str:
    words = escape(" ".join(finding.text.split()))
    suffix = f" #{repeat}" if repeat > 1 else ""
    return f'{finding.rule_id}: "{words}" in {escape(finding.path)}{suffix}'


class JunitReporter(CollectingReporter):
    def finish(self, summary: Summary) -> None:
        cases: list[ET.Element] = []
        repeats: Counter[str] = Counter()
        for finding in self.findings:
            base = _case_name(finding, 1)
            repeats[base] += 1
            case = ET.Element(
                "testcase",
                classname=f"{SUITE}.{finding.category}",
                name=xml_safe(_case_name(finding, repeats[base])),
                file=xml_safe(escape(finding.path)),
                line=str(finding.line),
                time="0",
            )
            failure = ET.SubElement(
                case,
                "failure",
                message=xml_safe(f"{location(finding)}: {headline(finding)}"),
                type=finding.severity,
            )
            failure.text = xml_safe(text_entry(finding))
            cases.append(case)
        failed = {finding.path for finding in self.findings}
        for path in dict.fromkeys(summary.checked):
            if path not in failed:
                cases.append(
                    ET.Element(
                        "testcase",
                        classname=SUITE,
                        name=xml_safe(f"{escape(path)}: no findings"),
                        file=xml_safe(escape(path)),
                        time="0",
                    )
                )
        if not cases:
            name = f"{plural(summary.files, 'file')}: no findings"
            cases.append(ET.Element("testcase", classname=SUITE, name=name, time="0"))
        counts = {
            "tests": str(len(cases)),
            "failures": str(len(self.findings)),
            "errors": "0",
            "skipped": "0",
            "time": "0",
        }
        root = ET.Element("testsuites", {"name": SUITE, **counts})
        suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts})
        suite.extend(cases)
        write_xml(self.stream, root)
