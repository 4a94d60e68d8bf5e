"""The Python API: lint text or paths, get findings.

>>> from allylint import lint_text
>>> [f.rule_id for f in lint_text("Add the host to the whitelist.")]
['whitelist']
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from allylint.discovery import FileToCheck, discover
from allylint.engine import Engine
from allylint.extractors import extract, format_for
from allylint.findings import Finding
from allylint.rules import RuleSet, load_rules
from allylint.segments import LineIndex
from allylint.sources import Notice, read_source


@functools.cache
def default_engine() -> Engine:
    """The engine for the built-in rule pack, built once per process."""
    return Engine(load_rules())


def _engine_for(rules: RuleSet | None) -> Engine:
    return default_engine() if rules is None else Engine(rules)


def check_text(engine: Engine, text: str, path: str, fmt: str) -> list[Finding]:
    """Findings for one document's text, in order of position."""
    if not engine.might_match(text):
        return []
    matches = engine.match_segments(extract(text, fmt))
    if not matches:
        return []
    lines = LineIndex(text)
    findings = []
    for match in matches:
        line, column = lines.position(match.start)
        end_line, end_column = lines.position(match.end)
        findings.append(
            Finding(
                path=path,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                start=match.start,
                end=match.end,
                text=text[match.start : match.end],
                rule=match.rule,
            )
        )
    return findings


def lint_text(
    text: str, filename: str = "<text>", *, fmt: str | None = None, rules: RuleSet | None = None
) -> list[Finding]:
    """Check ``text`` as if it were the file ``filename`` (its name picks the format)."""
    return check_text(_engine_for(rules), text, filename, fmt or format_for(filename) or "text")


@dataclass
class FileResult:
    file: FileToCheck
    findings: list[Finding] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


def check_file(engine: Engine, file: FileToCheck) -> FileResult:
    result = FileResult(file)
    source, notice = read_source(file.path, file.display)
    if notice is not None:
        result.notices.append(notice)
    if source is not None:
        result.findings = check_text(engine, source.text, file.display, file.fmt)
    return result


def check_files(engine: Engine, files: Iterable[FileToCheck]) -> Iterator[FileResult]:
    for file in files:
        yield check_file(engine, file)


def lint_paths(
    paths: Iterable[str | Path],
    *,
    rules: RuleSet | None = None,
    on_notice: Callable[[Notice], None] | None = None,
) -> Iterator[Finding]:
    """Check files and folders (recursively, honouring .gitignore); yield findings as found.

    Files that are skipped or read imperfectly are reported to ``on_notice``.
    Raises FileNotFoundError for a path that does not exist.
    """
    engine = _engine_for(rules)
    for result in check_files(engine, discover(list(paths))):
        for notice in result.notices:
            if on_notice is not None:
                on_notice(notice)
        yield from result.findings
