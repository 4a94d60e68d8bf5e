"""``--format sarif``: a SARIF 2.1.0 log for code-scanning dashboards.

One log, one run. The driver describes each rule (what it matches, why, what to
write instead, and a link to its topic page); each result carries the rule, the
level, a message naming the matched words and the alternatives, the location
and a ``partialFingerprints`` entry that survives lines moving, so dashboards
such as GitHub code scanning keep an alert's history across edits.

Regions use our own convention, which is SARIF's: 1-based lines and columns,
``endColumn`` one past the last character, columns counted in Unicode code
points (declared with ``columnKind``).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from allylint.findings.model import Finding
from allylint.report.common import CollectingReporter, Summary
from allylint.report.describe import describe, headline, topic_uri
from allylint.report.topics import Topic, topics_if_readable
from allylint.rules.model import Rule
from allylint.version import __version__

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/allylint/allylint"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "allylint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rule_name(rule_id: str) -> str:
    """``master-slave`` -> ``MasterSlave``: SARIF's readable identifier for a rule."""
    return "".join(part.capitalize() for part in rule_id.split("-"))


def artifact_location(path: str) -> dict[str, str]:
    """A relative path becomes a URI relative to ``%SRCROOT%``; an absolute one a file URI."""
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    posix = PurePosixPath(path.replace("\\", "/")).as_posix()
    while posix.startswith("./"):
        posix = posix[2:]
    return {"uri": quote(posix, safe="/"), "uriBaseId": SRCROOT}


def rule_descriptor(rule: Rule, topics: dict[str, Topic]) -> dict[str, Any]:
    description = describe(rule, topics)
    return {
        "id": rule.id,
        "name": _rule_name(rule.id),
        "shortDescription": {"text": description.short_description},
        "fullDescription": {"text": description.why},
        "help": {"text": description.help_text(), "markdown": description.help_markdown()},
        # The codes of findings about suppression directives link to no topic.
        **({"helpUri": topic_uri(rule.topic)} if rule.topic else {}),
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": rule.enabled},
        "properties": {
            "category": rule.category,
            "severity": rule.severity,
            "tags": ["inclusive-language", rule.category],
            "alternatives": [a.text for a in description.every_alternative],
        },
    }


def _words(text: str) -> str:
    return " ".join(text.lower().split())


def fallback_fingerprint(finding: Finding, occurrence: int) -> str:
    """For a finding built without one: rule, file, the matched words and their occurrence."""
    data = "\x1f".join((finding.rule_id, finding.path, _words(finding.text), str(occurrence)))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def _srcroot() -> str:
    uri = Path.cwd().as_uri()
    return uri if uri.endswith("/") else uri + "/"


class SarifReporter(CollectingReporter):
    # SARIF is one JSON document with the rules ahead of the results, so the results
    # are kept until the end.

    def _rules(self, summary: Summary) -> list[Rule]:
        """The rules in force, then any other rule that fired."""
        known: dict[str, Rule] = {}
        for rule in summary.rules or ():
            known.setdefault(rule.id, rule)
        rules = {rule.id: rule for rule in known.values() if rule.enabled}
        for finding in self.findings:
            if finding.rule_id not in known:
                raise ValueError(
                    f"the summary's rules lack {finding.rule_id!r}, which SARIF describes"
                )
            rules.setdefault(finding.rule_id, known[finding.rule_id])
        return list(rules.values())

    def _results(self, index: dict[str, int]) -> list[dict[str, Any]]:
        results = []
        occurrences: Counter[tuple[str, str, str]] = Counter()
        for finding in self.findings:
            fingerprint = finding.fingerprint
            if not fingerprint:
                key = (finding.rule_id, finding.path, _words(finding.text))
                fingerprint = fallback_fingerprint(finding, occurrences[key])
                occurrences[key] += 1
            results.append(
                {
                    "ruleId": finding.rule_id,
                    "ruleIndex": index[finding.rule_id],
                    "level": LEVELS[finding.severity],
                    "message": {"text": f"{headline(finding)}. {finding.message}"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": artifact_location(finding.path),
                                "region": {
                                    "startLine": finding.line,
                                    "startColumn": finding.column,
                                    "endLine": finding.end_line,
                                    "endColumn": finding.end_column,
                                    "snippet": {"text": finding.text},
                                },
                            }
                        }
                    ],
                    "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
                    "properties": {"category": finding.category},
                }
            )
        return results

    def finish(self, summary: Summary) -> None:
        rules = self._rules(summary)
        index = {rule.id: i for i, rule in enumerate(rules)}
        topics = topics_if_readable()
        log = {
            "$schema": SARIF_SCHEMA,
            "version": SARIF_VERSION,
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "allylint",
                            "version": __version__,
                            "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI,
                            "rules": [rule_descriptor(rule, topics) for rule in rules],
                        }
                    },
                    "invocations": [
                        {
                            "executionSuccessful": True,
                            "properties": {"filesChecked": summary.files},
                        }
                    ],
                    "originalUriBaseIds": {SRCROOT: {"uri": _srcroot()}},
                    "columnKind": "unicodeCodePoints",
                    "results": self._results(index),
                }
            ],
        }
        json.dump(log, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
