"""Findings: plain objects describing one problem at one place."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from allylint.fixes.edits import Edit
from allylint.rules.model import Rule

SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Finding:
    """One match of a rule in a file. Lines and columns are 1-based; the end is exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    text: str
    rule: Rule
    fingerprint: str = ""
    fix: Edit | None = None
    context: str = "prose"

    @property
    def in_identifier(self) -> bool:
        return self.context == "identifier"

    @property
    def in_path(self) -> bool:
        return self.context == "path"

    @property
    def rule_id(self) -> str:
        return self.rule.id

    @property
    def severity(self) -> str:
        return self.rule.severity

    def at_least(self, severity: str) -> bool:
        return SEVERITY_ORDER[self.severity] >= SEVERITY_ORDER[severity]

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule.id)

    def to_dict(self) -> dict[str, object]:
        """The stable JSON shape, documented in docs/output.md."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule.id,
            "category": self.rule.category,
            "severity": self.rule.severity,
            "message": self.rule.message,
            "text": self.text,
            "alternatives": [alternative.text for alternative in self.rule.alternatives],
            "learn": self.rule.topic,
            "context": self.context,
            "fix": self.fix.replacement if self.fix else None,
        }


def line_digest(line_text: str) -> str:
    """The identity of a line's words, whitespace aside; computed once per line."""
    return hashlib.sha256(" ".join(line_text.split()).encode("utf-8")).hexdigest()


def fingerprint(rule_id: str, path: str, line_identity: str, occurrence: int) -> str:
    """A finding's identity that survives lines moving: rule, file, the line's words
    (``line_digest``), and which occurrence of the same finding on identical lines it is."""
    data = "\x1f".join((rule_id, path, line_identity, str(occurrence)))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]
