"""What a check of one document says, as plain data.

These objects cross from the checking process to the server (they are
pickled), so they hold offsets into the document's text and strings only,
never allylint's own rule or finding objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Replacement:
    """Replace ``text[start:end]`` of the document with ``new_text``."""

    start: int
    end: int
    new_text: str


@dataclass(frozen=True)
class QuickFix:
    title: str
    replacements: tuple[Replacement, ...]
    preferred: bool = False


@dataclass(frozen=True)
class Problem:
    """A configuration or rule file that cannot be used; ``line`` is 1-based, if known."""

    path: Path
    line: int | None
    message: str


@dataclass(frozen=True)
class DocumentFinding:
    start: int
    end: int
    rule_id: str
    severity: str  # one of "error", "warning", "info"
    message: str
    documentation: str  # a link to the rule's documentation
    fix: Replacement | None
    description: str  # the key of the hover's Markdown in ``LintResult.descriptions``
    # The safe fix first (preferred), then the alternatives, then a suppression.
    quick_fixes: tuple[QuickFix, ...] = ()


@dataclass(frozen=True)
class LintResult:
    """What checking one document found. ``descriptions`` holds the hover Markdown
    of the findings (one for the findings of a rule and term); ``configuration`` is
    the file in effect (None for the defaults), ``watched`` the files it was loaded
    from; ``skipped`` says why the document was not checked, if it was not."""

    fmt: str | None = None
    findings: tuple[DocumentFinding, ...] = ()
    descriptions: Mapping[str, str] = field(default_factory=dict)
    configuration: Path | None = None
    watched: tuple[Path, ...] = ()
    problems: tuple[Problem, ...] = ()
    skipped: str | None = None


def fix_all(findings: Sequence[DocumentFinding]) -> QuickFix | None:
    """Every safe fix in the document that does not overlap an earlier one."""
    replacements: list[Replacement] = []
    for fix in sorted((f.fix for f in findings if f.fix), key=lambda r: r.start):
        if replacements and fix.start < replacements[-1].end:
            continue
        replacements.append(fix)
    if not replacements:
        return None
    return QuickFix("Fix all safe findings in this file (allylint)", tuple(replacements))
