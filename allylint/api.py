"""The Python API and the per-file pipeline: text in, findings out.

>>> from allylint import lint_text
>>> [f.rule_id for f in lint_text("Add the host to the whitelist.")]
['whitelist']
"""

from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from allylint.config.settings import Settings, load_settings
from allylint.discovery.legal import OPENING, is_legal_text
from allylint.discovery.sources import Notice, SourceText, can_edit, decode, read_bytes
from allylint.discovery.walk import FileToCheck, discover
from allylint.engine.core import Engine, Match
from allylint.findings.model import FileResult, Finding, fingerprint, line_digest
from allylint.findings.suppressions import (
    MARKER,
    UNKNOWN_SUPPRESSION,
    apply_suppressions,
    directive_findings,
)
from allylint.fixes.edits import Edit, edit_for, written_plainly
from allylint.formats import registry
from allylint.formats.reader import extract, extract_near, raw_view
from allylint.formats.registry import format_for
from allylint.formats.segments import LineIndex, Segment
from allylint.printable import file_name, shortened
from allylint.rules.loader import builtin_rules
from allylint.rules.model import Rule, RuleSet

if TYPE_CHECKING:
    from allylint.run.cache import ResultCache


@functools.cache
def default_engine() -> Engine:
    """The engine for the built-in rule pack, built once per process."""
    return Engine(builtin_rules())


def engine_for(settings: Settings) -> Engine:
    """The engine for the settings' rules, allowed phrases and languages."""
    return Engine(settings.rules, settings.allow, settings.languages, settings.names)


@dataclass(frozen=True)
class CheckOptions:
    # The codes of findings about suppression directives in force, as configured.
    directive_rules: tuple[Rule, ...] = (UNKNOWN_SUPPRESSION,)
    identifiers: bool = False
    # Fingerprints name files relative to this folder (the project root), so that a
    # baseline matches however the paths are written on the command line.
    root: str | None = None
    # Read every segment as this context ("comment", "docstring"): for text already
    # taken out of its file, such as a comment line from a diff.
    context: str | None = None

    def identity(self, path: Path, display: str) -> str:
        """How fingerprints name the file at ``path``, shown as ``display``."""
        if self.root is None:
            return display
        return file_name(Path(os.path.relpath(path.resolve(), self.root)).as_posix())


def _safe_edit(text: str, match: Match) -> Edit | None:
    """The rule's safe fix for this match, unless the match spans markup in the file."""
    fix = match.rule.fix_for(match.term)
    if not match.fixable or fix is None:
        return None
    if not written_plainly(text[match.start : match.end]):
        return None
    return edit_for(text, match.start, match.end, match.term, fix)


def _segments(
    text: str, input_format: str, options: CheckOptions, positions: list[int]
) -> list[Segment]:
    segments = (
        extract_near(text, input_format, positions) if positions else extract(text, input_format)
    )
    if options.context is not None:
        segments = [replace(s, context=options.context) for s in segments]
    if options.identifiers:
        from allylint.formats.identifiers import extract_identifiers

        segments.extend(extract_identifiers(text, input_format))
    return segments


def _prose_opening(segments: list[Segment]) -> str:
    """The document's prose from its start, as far as a licence's opening reaches."""
    opening = ""
    for segment in sorted(segments, key=lambda s: s.to_file_offset(0)):
        if segment.context == "identifier" or len(opening) >= OPENING:
            break
        opening += segment.text + "\n"
    return opening


def _findings(
    engine: Engine,
    text: str,
    lines: LineIndex,
    path: str,
    segments: list[Segment],
    identity: str,
    skipped_languages: Counter[str],
) -> list[Finding]:
    matches = engine.match_segments(segments, text, skipped_languages)
    findings = []
    occurrences: Counter[tuple[str, str]] = Counter()
    line_identities: dict[int, str] = {}
    for match in matches:
        line, _ = lines.position(match.start)
        if line not in line_identities:  # once per line: lines can be megabytes long
            line_identities[line] = line_digest(lines.line_text(line))
        line_key = (match.rule.id, line_identities[line])
        findings.append(
            Finding.in_text(
                match.rule,
                text,
                lines,
                match.start,
                match.end,
                term=match.term,
                path=path,
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
    input_format: str,
    options: CheckOptions = CheckOptions(),
    identity: str | None = None,
    segments: list[Segment] | None = None,
    skip_legal: bool = False,
) -> FileResult:
    """Findings (after inline suppressions) and notices for one document's text.

    ``identity`` names the file in fingerprints (default: ``path``). ``segments``,
    when given, are the document's prose as another parser found it (Sphinx's
    doctree), checked instead of what the format's extractor would find. With
    ``skip_legal`` a licence text or legal notice (by its content, see
    ``allylint.discovery.legal``) is not checked, and the result says so."""
    positions = engine.candidate_positions(raw_view(text, input_format))
    # Identifiers join words ("whitelistIps") that the raw-text prefilter cannot see apart;
    # directives are checked in every file that has one.
    if not positions and not options.identifiers and MARKER not in text:
        return FileResult(path, input_format)
    lines = LineIndex(text)
    identity = identity or path
    found: list[Finding] = []
    skipped: Counter[str] = Counter()
    if positions or options.identifiers:
        if segments is None:
            # Source code is never a licence text, whatever its header comment says.
            skip_legal = skip_legal and registry.input_format(input_format).code is None
            # The opening block too, where a licence would say what it is.
            segments = _segments(
                text, input_format, options, [0, *positions] if skip_legal else positions
            )
            if skip_legal and is_legal_text(_prose_opening(segments)):
                return FileResult(path, input_format, legal_text=True)
        found = _findings(engine, text, lines, path, segments, identity, skipped)
    suppression = apply_suppressions(found, text, lines, engine.rule_names, input_format)
    problems = directive_findings(suppression, text, lines, path, identity, options.directive_rules)
    findings = sorted((*suppression.findings, *problems), key=lambda finding: finding.start)
    return FileResult(
        path,
        input_format,
        tuple(findings),
        skipped_languages=tuple(sorted(skipped.items())),
    )


def check_data(
    engine: Engine,
    data: bytes,
    display: str,
    input_format: str,
    options: CheckOptions = CheckOptions(),
    identity: str | None = None,
    skip_legal: bool = False,
) -> FileResult:
    """Decode a document's bytes and check it; the result keeps the decoded source."""
    source, notice = decode(data, display)
    registry.input_format(input_format)  # an unknown format is the caller's error, not the file's
    try:
        result = check_text(
            engine, source.text, display, input_format, options, identity, skip_legal=skip_legal
        )
    except Exception as error:  # a parser's failure on one hostile file must not end the run
        problem = f"{type(error).__name__}: {shortened(str(error))}"
        failure = Notice(display, f"skipped: it could not be read as {input_format} ({problem})")
        result = FileResult(display, input_format, notices=(failure,))
    notices = result.notices if notice is None else (notice, *result.notices)
    return _without_unsafe_fixes(replace(result, notices=notices, source=source), source)


def _without_unsafe_fixes(result: FileResult, source: SourceText) -> FileResult:
    """A fix is offered only where it cannot break a character of the file's encoding."""
    unsafe = [f for f in result.findings if f.fix and not can_edit(source, f.fix.start, f.fix.end)]
    if not unsafe:
        return result
    lines = ", ".join(str(line) for line in dict.fromkeys(f.line for f in unsafe))
    notice = Notice(
        result.path,
        f"not fixed on line {lines}: the file is not UTF-8, so its encoding is uncertain, "
        "and the fix stands next to bytes that may be part of a multibyte character",
    )
    findings = tuple(replace(f, fix=None) if f in unsafe else f for f in result.findings)
    return replace(result, findings=findings, notices=(*result.notices, notice))


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
        return FileResult(file.display, file.input_format, notices=(notice,) if notice else ())
    if cache is None:
        return _check_read_file(engine, file, data, options)
    key = _cache_key(cache, file, data)
    cached = _from_cache(cache, key, file, data, keep_source)
    if cached is not None:
        return cached
    result = _check_read_file(engine, file, data, options)
    cache.put(key, data, result)
    return result if keep_source else replace(result, source=None)


def cached_result(
    file: FileToCheck, cache: ResultCache, keep_source: bool = True
) -> FileResult | None:
    """The cache's sound result for one file, or None when the file must be checked
    (no entry, a changed or unreadable file, an entry that is not to be trusted)."""
    data, _ = read_bytes(file.path, file.display)
    if data is None:
        return None
    return _from_cache(cache, _cache_key(cache, file, data), file, data, keep_source)


def _cache_key(cache: ResultCache, file: FileToCheck, data: bytes) -> str:
    return cache.key(f"{file.input_format}:{file.display}", data)


def _from_cache(
    cache: ResultCache, key: str, file: FileToCheck, data: bytes, keep_source: bool
) -> FileResult | None:
    cached = cache.get(key, data, file.display)
    if cached is None or not keep_source:
        return cached
    return replace(cached, source=decode(data, file.display)[0])


def _check_read_file(
    engine: Engine, file: FileToCheck, data: bytes, options: CheckOptions
) -> FileResult:
    identity = options.identity(file.path, file.display)  # resolves the path: not for cache hits
    # A file named explicitly is checked whatever it is; in a folder a licence is not.
    return check_data(
        engine, data, file.display, file.input_format, options, identity, not file.named
    )


def check_files(
    engine: Engine, files: Iterable[FileToCheck], options: CheckOptions = CheckOptions()
) -> Iterator[FileResult]:
    for file in files:
        yield check_file(engine, file, options)


def lint_text(
    text: str,
    filename: str = "<text>",
    *,
    input_format: str | None = None,
    context: str | None = None,
    rules: RuleSet | None = None,
    settings: Settings | None = None,
) -> list[Finding]:
    """Check ``text`` as if it were the file ``filename`` (its name picks the format,
    unless ``input_format`` names one).

    ``context`` relabels the segments the format's extractor finds as one context,
    for text already taken out of its file: with a plain-text ``filename`` the whole
    text becomes, say, a "comment" or a "docstring" (a line of code commentary
    from a diff). With a source-code filename only its comments are segments.

    The built-in rules are used unless ``rules`` (a rule set as loaded) or
    ``settings`` (a configuration resolved by ``allylint.config.settings``) are given.
    """
    if rules is not None and settings is not None:
        raise ValueError("lint_text takes rules or settings, not both")
    options = CheckOptions(context=context)
    if settings is not None:
        engine = engine_for(settings)
        options = replace(options, directive_rules=settings.directive_rules_in_force)
    else:
        engine = default_engine() if rules is None else Engine(rules)
    input_format = input_format or format_for(filename) or "text"
    return list(check_text(engine, text, filename, input_format, options).findings)


def lint_paths(
    paths: Iterable[str | Path],
    *,
    rules: RuleSet | None = None,
    settings: Settings | None = None,
    on_notice: Callable[[Notice], None] | None = None,
) -> Iterator[Finding]:
    """Check files and folders (recursively, honouring .gitignore); yield findings as found.

    Configuration is found and applied as on the command line: ``.allylint.yaml``
    or ``[tool.allylint]`` in ``pyproject.toml`` at or above the first path. Give
    ``settings`` to use others instead, or ``rules`` to configure those rules in
    place of the built-in pack. Files that are skipped or read imperfectly are
    reported to ``on_notice``. Raises FileNotFoundError for a path that does not
    exist and ``allylint.config.settings.SettingsError`` for an invalid
    configuration.
    """
    targets = [Path(path) for path in paths]
    if settings is None:
        settings = load_settings(targets, rules=rules)
    elif rules is not None:
        raise ValueError("lint_paths takes rules or settings, not both")
    options = CheckOptions(
        root=str(settings.project_root), directive_rules=settings.directive_rules_in_force
    )
    files = discover(targets, settings.exclusions(), on_notice)
    for result in check_files(engine_for(settings), files, options):
        for notice in result.notices:
            if on_notice is not None:
                on_notice(notice)
        yield from result.findings
