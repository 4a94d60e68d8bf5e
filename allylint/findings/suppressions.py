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
or category: it silences nothing) and ``unused-suppression`` (a directive that
silenced nothing). The codes are configured like rules (``config/settings.py``):
selected, ignored (also per file) and given a severity by id or by their
category, ``suppressions``. ``unknown-suppression`` is on by default,
``unused-suppression`` is not (``--report-unused-directives`` selects it). Both
are warnings, so they fail a check with ``fail-on: warning`` (the default).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from allylint.findings.model import Finding, fingerprint, line_digest
from allylint.formats.reader import code_examples
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


def _directive_rule(rule_id: str, message: str, *, enabled: bool) -> Rule:
    """The code of a finding about a directive: a warning that matches no words."""
    return Rule(
        id=rule_id,
        category=SUPPRESSION_CATEGORY,
        severity="warning",
        terms=(),
        alternatives=(),
        message=message,
        learn=(),
        enabled=enabled,
    )


UNKNOWN_SUPPRESSION = _directive_rule(
    "unknown-suppression",
    "A suppression directive names something that is no rule id or category, so it "
    "silences nothing by that name. Correct the name (allylint rules lists them) or "
    "remove it.",
    enabled=True,
)
UNUSED_SUPPRESSION = _directive_rule(
    "unused-suppression",
    "A suppression directive silenced no finding. Remove it, so that it does not hide "
    "a finding written there later.",
    enabled=False,
)
# The codes of the findings about directives, described like rules in every output.
DIRECTIVE_RULES = (UNKNOWN_SUPPRESSION, UNUSED_SUPPRESSION)
DIRECTIVE_IDS = frozenset(rule.id for rule in DIRECTIVE_RULES)


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
    after its opener, or where the format allows, alone at the start of a line. A
    directive shown in prose, inline code or a code example is not one: one inside
    the format's code examples (``reader.code_examples``) does not count."""
    if MARKER not in text:
        return []
    entry = input_format(fmt)
    directives = []
    examples: _Spans | None = None
    for match in _DIRECTIVE.finditer(text):
        line, column = lines.position(match.start())
        before = text[match.start() - column + 1 : match.start()].rstrip()
        if not (before.endswith(entry.comment_openers) or (entry.bare_directives and not before)):
            continue
        if examples is None:
            examples = _Spans(code_examples(text, fmt))
        if match.start() in examples:
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


class _Spans:
    """Sorted, non-overlapping spans of the text, asked where a position stands."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [start for start, _ in spans]

    def __contains__(self, position: int) -> bool:
        index = bisect.bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.spans[index][1]


def _next_content_line(lines: LineIndex, line: int) -> int:
    total = len(lines.line_starts)
    candidate = line + 1
    while candidate <= total and not lines.line_text(candidate).strip():
        candidate += 1
    return candidate


class _Suppressor:
    """Which directive, if any, suppresses each finding, in time linear in both:
    line directives are looked up by the line they cover, and block directives
    are swept once, in the order of the findings."""

    def __init__(self, directives: Sequence[Directive], lines: LineIndex) -> None:
        self.by_line: dict[int, list[Directive]] = {}
        for directive in directives:
            if directive.kind == "disable-line":
                target = directive.line
            elif directive.kind == "disable-next-line":
                target = _next_content_line(lines, directive.line)
            else:
                continue
            self.by_line.setdefault(target, []).append(directive)
        self.blocks = [d for d in directives if d.kind in {"disable", "enable"}]
        self.swept = 0
        # The last block directive so far that covers every rule, and by name.
        self.latest_for_all: Directive | None = None
        self.latest_by_name: dict[str, Directive] = {}

    def _sweep_to(self, position: int) -> None:
        while self.swept < len(self.blocks) and self.blocks[self.swept].start < position:
            directive = self.blocks[self.swept]
            if directive.names:
                for name in directive.names:
                    self.latest_by_name[name] = directive
            else:
                self.latest_for_all = directive
            self.swept += 1

    def suppressing(self, finding: Finding) -> Directive | None:
        """Findings must come in the order of their start."""
        for directive in self.by_line.get(finding.line, ()):
            if directive.covers(finding):
                return directive
        # Blocks: the last disable/enable before the finding that concerns its rule decides.
        self._sweep_to(finding.start)
        options = [
            self.latest_for_all,
            self.latest_by_name.get(finding.rule_id),
            self.latest_by_name.get(finding.category),
        ]
        deciding = max((d for d in options if d is not None), key=lambda d: d.start, default=None)
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
    inside_directive = _Spans([(d.start, d.end) for d in directives])
    suppressor = _Suppressor(directives, lines)
    dropped: set[int] = set()
    for index in sorted(range(len(findings)), key=lambda i: findings[i].start):
        finding = findings[index]
        if finding.start in inside_directive:
            dropped.add(index)
            continue
        directive = suppressor.suppressing(finding)
        if directive is not None:
            directive.used = True
            dropped.add(index)
    kept = [finding for index, finding in enumerate(findings) if index not in dropped]
    unknown = [(d, name) for d in directives for name in d.names if name not in known_names]
    unused = [d for d in directives if not d.used and d.kind != "enable"]
    return SuppressionResult(kept, unknown, unused)


def directive_findings(
    result: SuppressionResult,
    text: str,
    lines: LineIndex,
    path: str,
    identity: str,
    in_force: Sequence[Rule],
) -> list[Finding]:
    """The problems with a file's directives, as findings at each directive, of the
    codes ``in_force`` (the directive codes as configured, each with its severity)."""
    codes = {rule.id: rule for rule in in_force}
    problems: list[tuple[Rule, Directive, str]] = []
    unknown = codes.get(UNKNOWN_SUPPRESSION.id)
    if unknown is not None:
        problems += [
            (unknown, directive, f"{name!r} is no rule id or category. {unknown.message}")
            for directive, name in result.unknown
        ]
    unused = codes.get(UNUSED_SUPPRESSION.id)
    if unused is not None:
        problems += [
            (
                unused,
                directive,
                f"'allylint: {directive.kind}' silenced no finding. {unused.message}",
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
