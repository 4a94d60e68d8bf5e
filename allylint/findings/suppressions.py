"""Inline suppression directives, written in each format's own comment syntax.

    <!-- allylint: disable-next-line whitelist -->     Markdown, HTML
    .. allylint: disable                               reStructuredText
    // allylint: disable-next-line master              AsciiDoc
    x = hosts  # allylint: disable-line                code
    // allylint: enable

Each format's comment syntax is part of its registry entry (``comment_openers``).

``disable-next-line`` covers the next non-blank line, ``disable-line`` its own
line, ``disable`` everything up to a matching ``enable`` (or the end of the
file). Each may name rule ids or categories; with none it covers every rule.
Text after `` -- `` is a free-form reason. A directive is never itself flagged.

Problems with directives are findings of their own codes, reported like any
other in every output format: ``unknown-suppression`` (a name that is no rule id
or category: it silences nothing) always, and ``unused-suppression`` (a directive
that silenced nothing) with ``--report-unused-directives``. Both are warnings,
so they fail a check with ``fail-on: warning`` (the default).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from allylint.findings.model import Finding, fingerprint, line_digest
from allylint.formats.registry import input_format
from allylint.formats.segments import LineIndex
from allylint.rules.model import Rule

MARKER = "allylint:"
_DIRECTIVE = re.compile(
    r"allylint:[ \t]*(?P<kind>disable-next-line|disable-line|disable|enable)\b"
    r"(?P<names>[^\r\n]*)"
)
# Closing comment markers and a free-form reason end the list of names.
_NAMES_END = re.compile(r"\s--\s|-->|\*/|#}|%>|\]\]")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


SUPPRESSION_CATEGORY = "suppressions"


def _directive_rule(rule_id: str, message: str) -> Rule:
    """The code of a finding about a directive: a warning that matches no words."""
    return Rule(
        id=rule_id,
        category=SUPPRESSION_CATEGORY,
        severity="warning",
        terms=(),
        alternatives=(),
        message=message,
        learn=(),
    )


UNKNOWN_SUPPRESSION = _directive_rule(
    "unknown-suppression",
    "A suppression directive names something that is no rule id or category, so it "
    "silences nothing by that name. Correct the name (allylint rules lists them) or "
    "remove it.",
)
UNUSED_SUPPRESSION = _directive_rule(
    "unused-suppression",
    "A suppression directive silenced no finding. Remove it, so that it does not hide "
    "a finding written there later.",
)
# The codes of the findings about directives, described like rules in every output.
DIRECTIVE_RULES = (UNKNOWN_SUPPRESSION, UNUSED_SUPPRESSION)


@dataclass
class Directive:
    kind: str
    names: tuple[str, ...]
    line: int
    start: int
    end: int
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        return not self.names or finding.rule_id in self.names or (finding.category in self.names)


@dataclass
class SuppressionResult:
    findings: list[Finding]
    unknown: list[tuple[Directive, str]] = field(default_factory=list)
    unused: list[Directive] = field(default_factory=list)


def _names(raw: str) -> tuple[str, ...]:
    cut = _NAMES_END.search(raw)
    if cut:
        raw = raw[: cut.start()]
    return tuple(_NAME.findall(raw.strip().lower().replace(",", " ")))


def parse_directives(text: str, lines: LineIndex, fmt: str = "text") -> list[Directive]:
    """The directives of ``text``: those that stand in a comment of format ``fmt``, right
    after its opener (a directive shown in prose, inline code or a code example is not
    one), or where the format allows, alone at the start of a line."""
    if MARKER not in text:
        return []
    entry = input_format(fmt)
    directives = []
    for match in _DIRECTIVE.finditer(text):
        line, column = lines.position(match.start())
        before = text[match.start() - column + 1 : match.start()].rstrip()
        if not (before.endswith(entry.comment_openers) or (entry.bare_directives and not before)):
            continue
        directives.append(
            Directive(
                kind=match.group("kind"),
                names=_names(match.group("names")),
                line=line,
                start=match.start(),
                end=match.end(),
            )
        )
    return directives


def _next_content_line(lines: LineIndex, line: int) -> int:
    total = len(lines.line_starts)
    candidate = line + 1
    while candidate <= total and not lines.line_text(candidate).strip():
        candidate += 1
    return candidate


def _suppressing(
    directives: Sequence[Directive], lines: LineIndex, finding: Finding
) -> Directive | None:
    for directive in directives:
        if directive.kind == "disable-line":
            target = directive.line
        elif directive.kind == "disable-next-line":
            target = _next_content_line(lines, directive.line)
        else:
            continue
        if target == finding.line and directive.covers(finding):
            return directive
    # Blocks: the last disable/enable before the finding that concerns its rule decides.
    deciding: Directive | None = None
    for directive in directives:
        if directive.start >= finding.start:
            break
        if directive.kind in {"disable", "enable"} and directive.covers(finding):
            deciding = directive
    return deciding if deciding is not None and deciding.kind == "disable" else None


def apply_suppressions(
    findings: Iterable[Finding],
    text: str,
    lines: LineIndex,
    known_names: frozenset[str],
    fmt: str = "text",
) -> SuppressionResult:
    """Drop findings that directives suppress or that stand inside a directive."""
    directives = parse_directives(text, lines, fmt)
    findings = list(findings)
    if not directives:
        return SuppressionResult(findings)
    kept = []
    for finding in findings:
        if any(d.start <= finding.start < d.end for d in directives):
            continue
        directive = _suppressing(directives, lines, finding)
        if directive is None:
            kept.append(finding)
        else:
            directive.used = True
    unknown = [(d, name) for d in directives for name in d.names if name not in known_names]
    unused = [d for d in directives if not d.used and d.kind != "enable"]
    return SuppressionResult(kept, unknown, unused)


def directive_findings(
    result: SuppressionResult,
    text: str,
    lines: LineIndex,
    path: str,
    identity: str,
    report_unused: bool,
) -> list[Finding]:
    """The problems with a file's directives, as findings at each directive."""
    problems = [
        (
            UNKNOWN_SUPPRESSION,
            directive,
            f"{name!r} is no rule id or category. {UNKNOWN_SUPPRESSION.message}",
        )
        for directive, name in result.unknown
    ]
    if report_unused:
        problems += [
            (
                UNUSED_SUPPRESSION,
                directive,
                f"'allylint: {directive.kind}' silenced no finding. {UNUSED_SUPPRESSION.message}",
            )
            for directive in result.unused
        ]
    findings = []
    for occurrence, (rule, directive, message) in enumerate(problems):
        line_identity = line_digest(lines.line_text(directive.line))
        finding = Finding.in_text(
            rule,
            text,
            lines,
            directive.start,
            directive.end,
            path=path,
            fingerprint=fingerprint(rule.id, identity, line_identity, occurrence),
            context="comment",
        )
        findings.append(replace(finding, message=message))
    return sorted(findings, key=lambda finding: finding.start)
