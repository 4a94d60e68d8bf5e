"""Findings and configuration problems as LSP diagnostics."""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types

from allylint.server.positions import PositionMap
from allylint.server.results import DocumentFinding, LintResult, Problem

SOURCE = "allylint"
SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


@dataclass(frozen=True)
class Checked:
    """A document's lint result with what the protocol needs of it: its positions in the
    client's encoding, one diagnostic per finding (in the same order), and the
    traceback if checking failed."""

    result: LintResult
    positions: PositionMap
    diagnostics: tuple[types.Diagnostic, ...]
    failure: str | None = None

    def at(self, start: int, end: int) -> list[tuple[DocumentFinding, types.Diagnostic]]:
        """Findings touching the offsets ``start`` to ``end`` (a cursor or a selection)."""
        return [
            (found, diagnostic)
            for found, diagnostic in zip(self.result.findings, self.diagnostics, strict=True)
            if found.start <= end and start <= found.end
        ]


def text_range(positions: PositionMap, start: int, end: int) -> types.Range:
    return types.Range(
        start=types.Position(*positions.position(start)),
        end=types.Position(*positions.position(end)),
    )


def finding_diagnostic(found: DocumentFinding, positions: PositionMap) -> types.Diagnostic:
    return types.Diagnostic(
        range=text_range(positions, found.start, found.end),
        message=found.message,
        severity=SEVERITIES[found.severity],
        code=found.rule_id,
        code_description=types.CodeDescription(href=found.documentation),
        source=SOURCE,
    )


def checked(text: str, result: LintResult, encoding: str, failure: str | None = None) -> Checked:
    positions = PositionMap(text, encoding)
    diagnostics = tuple(finding_diagnostic(found, positions) for found in result.findings)
    return Checked(result, positions, diagnostics, failure)


def problem_diagnostic(problem: Problem) -> types.Diagnostic:
    """A broken configuration or rule file: the whole line at fault (or the first)."""
    line = max((problem.line or 1) - 1, 0)
    return types.Diagnostic(
        range=types.Range(start=types.Position(line, 0), end=types.Position(line + 1, 0)),
        message=f"{problem.message} (allylint keeps using the last good configuration)",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )
