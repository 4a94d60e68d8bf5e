"""The Python API and the per-file pipeline: text in, findings out.

>>> from allylint import lint_text
>>> [f.rule_id for f in lint_text("Add the host to the whitelist.")]
['whitelist']
"""

from __future__ import annotations

import functools
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from allylint.discovery.sources import Notice, SourceText, decode, read_bytes
from allylint.discovery.walk import FileToCheck, discover
from allylint.engine.core import Engine, Match
from allylint.findings.model import Finding, fingerprint, line_digest
from allylint.findings.suppressions import apply_suppressions
from allylint.fixes.edits import Edit, edit_for
from allylint.formats.reader import extract, extract_near, raw_view
from allylint.formats.registry import format_for
from allylint.formats.segments import LineIndex, Segment
from allylint.rules.model import RuleSet, load_rules

if TYPE_CHECKING:
    from allylint.run.cache import ResultCache


@functools.cache
def default_engine() -> Engine:
    """The engine for the built-in rule pack, built once per process."""
    return Engine(load_rules())


def _engine_for(rules: RuleSet | None) -> Engine:
    return default_engine() if rules is None else Engine(rules)


@dataclass(frozen=True)
class CheckOptions:
    report_unused_directives: bool = False
    identifiers: bool = False
    # Fingerprints name files relative to this folder (the project root), so that a
    # baseline matches however the paths are written on the command line.
    root: str | None = None
    # Read every segment as this kind of text ("comment", "docstring"): for text
    # already taken out of its file, such as a comment line from a diff.
    segment_kind: str | None = None

    def identity(self, path: Path, display: str) -> str:
        if self.root is None:
            return display
        return Path(os.path.relpath(path.resolve(), self.root)).as_posix()


@dataclass
class FileResult:
    path: str
    fmt: str = "text"
    findings: list[Finding] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    source: SourceText | None = None


_PLAIN_WORDS = re.compile(r"^[\w\s\-'\u2019/()]+$")


def _safe_edit(text: str, match: Match) -> Edit | None:
    """The rule's safe fix for this match, unless the match spans markup in the file."""
    fix = match.rule.fix_for(match.term)
    if not match.fixable or fix is None:
        return None
    if not _PLAIN_WORDS.match(text[match.start : match.end]):
        return None
    return edit_for(text, match.start, match.end, match.term, fix)


def _segments(text: str, fmt: str, options: CheckOptions, positions: list[int]) -> list[Segment]:
    segments = extract_near(text, fmt, positions) if positions else extract(text, fmt)
    if options.segment_kind is not None:
        segments = [replace(s, kind=options.segment_kind) for s in segments]
    if options.identifiers:
        from allylint.formats.identifiers import extract_identifiers

        segments.extend(extract_identifiers(text, fmt))
    return segments


def _findings(
    engine: Engine,
    text: str,
    lines: LineIndex,
    path: str,
    fmt: str,
    options: CheckOptions,
    positions: list[int],
    identity: str,
) -> list[Finding]:
    matches = engine.match_segments(_segments(text, fmt, options, positions), text)
    findings = []
    occurrences: Counter[tuple[str, str]] = Counter()
    line_identities: dict[int, str] = {}
    for match in matches:
        line, column = lines.position(match.start)
        end_line, end_column = lines.position(match.end)
        if line not in line_identities:  # once per line: lines can be megabytes long
            line_identities[line] = line_digest(lines.line_text(line))
        line_key = (match.rule.id, line_identities[line])
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
                fingerprint=fingerprint(
                    match.rule.id, identity, line_key[1], occurrences[line_key]
                ),
                fix=_safe_edit(text, match),
                context=match.context,
            )
        )
        occurrences[line_key] += 1
    return findings


def check_text(
    engine: Engine,
    text: str,
    path: str,
    fmt: str,
    options: CheckOptions = CheckOptions(),
    identity: str | None = None,
) -> FileResult:
    """Findings (after inline suppressions) and notices for one document's text.

    ``identity`` names the file in fingerprints (default: ``path``)."""
    result = FileResult(path, fmt)
    positions = engine.candidate_positions(raw_view(text, fmt))
    # Identifiers join words ("whitelistIps") that the raw-text prefilter cannot see apart.
    if not positions and not options.identifiers:
        return result
    lines = LineIndex(text)
    found = _findings(engine, text, lines, path, fmt, options, positions, identity or path)
    suppression = apply_suppressions(found, text, lines, engine.rule_names, fmt)
    result.findings = suppression.findings
    for directive, name in suppression.unknown:
        result.notices.append(
            Notice(
                f"{path}:{directive.line}", f"suppression names unknown rule or category {name!r}"
            )
        )
    if options.report_unused_directives:
        for directive in suppression.unused:
            result.notices.append(
                Notice(
                    f"{path}:{directive.line}", f"unused suppression 'allylint: {directive.kind}'"
                )
            )
    return result


def check_data(
    engine: Engine,
    data: bytes,
    display: str,
    fmt: str,
    options: CheckOptions = CheckOptions(),
    identity: str | None = None,
) -> FileResult:
    """Decode a document's bytes and check it; the result keeps the decoded source."""
    source, notice = decode(data, display)
    result = check_text(engine, source.text, display, fmt, options, identity)
    result.source = source
    if notice is not None:
        result.notices.insert(0, notice)
    return result


def check_file(
    engine: Engine,
    file: FileToCheck,
    options: CheckOptions = CheckOptions(),
    cache: ResultCache | None = None,
    keep_source: bool = True,
) -> FileResult:
    """Read, decode and check one file, through the result cache when one is given."""
    data, notice = read_bytes(file.path, file.display)
    if data is None:
        return FileResult(file.display, file.fmt, notices=[notice] if notice else [])
    if cache is None:
        return check_data(
            engine, data, file.display, file.fmt, options, options.identity(file.path, file.display)
        )
    from allylint.run.wire import result_from_wire, result_to_wire

    key = cache.key(f"{file.fmt}:{file.display}", data)
    cached = cache.get(key)
    if cached is not None:
        try:
            result = result_from_wire(cached, {rule.id: rule for rule in engine.rules})
        except (KeyError, TypeError, ValueError):
            pass  # a damaged entry: check the file again
        else:
            if keep_source:
                result.source = decode(data, file.display)[0]
            return result
    result = check_data(
        engine, data, file.display, file.fmt, options, options.identity(file.path, file.display)
    )
    cache.put(key, result_to_wire(result, keep_source=False))
    if not keep_source:
        result.source = None
    return result


def check_files(
    engine: Engine, files: Iterable[FileToCheck], options: CheckOptions = CheckOptions()
) -> Iterator[FileResult]:
    for file in files:
        yield check_file(engine, file, options)


def lint_text(
    text: str,
    filename: str = "<text>",
    *,
    fmt: str | None = None,
    kind: str | None = None,
    rules: RuleSet | None = None,
) -> list[Finding]:
    """Check ``text`` as if it were the file ``filename`` (its name picks the format).

    ``kind`` relabels the segments the format's extractor finds as one kind, for
    text already taken out of its file: with a plain-text ``filename`` the whole
    text becomes, say, a "comment" or a "docstring" (a line of code commentary
    from a diff). With a source-code filename only its comments are segments.
    """
    engine = _engine_for(rules)
    options = CheckOptions(segment_kind=kind)
    fmt = fmt or format_for(filename) or "text"
    return check_text(engine, text, filename, fmt, options).findings


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
