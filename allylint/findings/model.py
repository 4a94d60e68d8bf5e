"""Findings and file results: frozen dataclasses of plain values.

A finding is self-contained, like a diagnostic of ruff: it carries what its
rule says (id, category, effective severity, message, alternatives, topic), so
it needs no rule object to be reported, cached or sent between processes.
``dataclasses.asdict`` and ``allylint.plaindata.from_plain`` turn both into
JSON-ready dicts and back; pickle carries them as they are.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from allylint.discovery.sources import Notice, SourceText
from allylint.fixes.edits import Edit
from allylint.rules.model import Rule, Term

if TYPE_CHECKING:
    from allylint.formats.segments import LineIndex


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
    rule_id: str
    category: str
    severity: str
    message: str
    alternatives: tuple[str, ...]
    topic: str
    fingerprint: str = ""
    fix: Edit | None = None
    context: str = "prose"

    @classmethod
    def of_rule(
        cls,
        rule: Rule,
        *,
        term: Term | None = None,
        path: str,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        start: int,
        end: int,
        text: str,
        fingerprint: str = "",
        fix: Edit | None = None,
        context: str = "prose",
    ) -> Finding:
        """A finding of ``rule`` (as configured) at a place in a file. Where one of its
        terms matched (``term``), that term's own alternatives and severity win; a
        finding that is no term's match (a directive problem) takes the rule's."""
        severity = rule.severity if term is None else rule.severity_for(term)
        alternatives = rule.alternatives if term is None else rule.alternatives_for(term)
        return cls(
            path=path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            start=start,
            end=end,
            text=text,
            rule_id=rule.id,
            category=rule.category,
            severity=severity,
            message=rule.message,
            alternatives=tuple(alternative.text for alternative in alternatives),
            topic=rule.topic,
            fingerprint=fingerprint,
            fix=fix,
            context=context,
        )

    @classmethod
    def in_text(
        cls,
        rule: Rule,
        text: str,
        lines: LineIndex,
        start: int,
        end: int,
        *,
        term: Term | None = None,
        path: str,
        fingerprint: str,
        fix: Edit | None = None,
        context: str = "prose",
    ) -> Finding:
        """A finding of ``rule`` (or of its ``term``, see ``of_rule``) over
        ``text[start:end]``, placed by the text's ``lines``."""
        line, column = lines.position(start)
        end_line, end_column = lines.position(end)
        return cls.of_rule(
            rule,
            term=term,
            path=path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            start=start,
            end=end,
            text=text[start:end],
            fingerprint=fingerprint,
            fix=fix,
            context=context,
        )

    @property
    def in_identifier(self) -> bool:
        return self.context == "identifier"

    @property
    def in_path(self) -> bool:
        return self.context == "path"

    def to_dict(self) -> dict[str, object]:
        """The stable JSON shape, documented in docs/output.md."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule_id,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "text": self.text,
            "alternatives": list(self.alternatives),
            "learn": self.topic,
            "context": self.context,
            "fix": self.fix.replacement if self.fix else None,
        }


@dataclass(frozen=True)
class FileResult:
    """What checking one file gave: findings (after inline suppressions), notices, and
    the decoded source when a fix needs it. ``skipped_languages`` counts the candidate
    terms left out because their passage is in a language not checked, as (language,
    count) pairs; ``legal_text`` says the file was a licence or notice, left unchecked."""

    path: str
    input_format: str = "text"
    findings: tuple[Finding, ...] = ()
    notices: tuple[Notice, ...] = ()
    source: SourceText | None = None
    skipped_languages: tuple[tuple[str, int], ...] = ()
    legal_text: bool = False


def line_digest(line_text: str) -> str:
    """The identity of a line's words, whitespace aside; computed once per line."""
    return hashlib.sha256(" ".join(line_text.split()).encode("utf-8")).hexdigest()


def fingerprint(rule_id: str, path: str, line_identity: str, occurrence: int) -> str:
    """A finding's identity that survives lines moving: rule, file, the line's words
    (``line_digest``), and which occurrence of the same finding on identical lines it is."""
    data = "\x1f".join((rule_id, path, line_identity, str(occurrence)))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]
