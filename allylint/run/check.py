"""``allylint check``: from a request and its settings to a report and exit code.

Kept apart from the click layer so that the command line stays a thin shell:
this module decides which files to check, filters findings (changed lines,
baseline), drives the reporter and computes the exit code. The exit codes are
defined here.
"""

from __future__ import annotations

import io
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, TextIO

import click

from allylint.api import CheckOptions, check_data, check_text, engine_for
from allylint.config.settings import Settings
from allylint.discovery.changes import ChangesError, changed_lines
from allylint.discovery.sources import MAX_FILE_BYTES, Notice, encode
from allylint.discovery.walk import FileToCheck, discover
from allylint.fileio import error_reason, open_report, read_stream
from allylint.findings.baseline import BaselineError, BaselineFilter, load_baseline, write_baseline
from allylint.findings.model import FileResult, Finding
from allylint.fixes.edits import apply_edits, rewrite, unified_diff
from allylint.formats.registry import format_for
from allylint.printable import escape, file_name
from allylint.report.common import Summary, plural
from allylint.report.registry import OUTPUT_FORMATS
from allylint.run.cache import CACHE_DIR, open_cache
from allylint.run.workers import check_many

EXIT_CLEAN = 0  # nothing at or above fail-on was found
EXIT_FINDINGS = 1  # something was, or something to check could not be read
EXIT_ERROR = 2  # a usage, configuration or rule error
COMMIT_MESSAGE_FORMAT = "commit"
_PROGRESS_AFTER = 1.0  # seconds before a progress line appears
_BAR_WIDTH = 30


@dataclass
class _Skipped:
    """What a run left unchecked, for ``--statistics``: candidate terms in passages
    of languages not checked (by language) and licence or notice texts."""

    languages: Counter[str] = field(default_factory=Counter)
    legal_texts: int = 0

    def add(self, result: FileResult) -> None:
        self.languages.update(dict(result.skipped_languages))
        self.legal_texts += result.legal_text

    def lines(self) -> list[str]:
        found = []
        if self.languages:
            by_language = ", ".join(f"{code} {n}" for code, n in self.languages.most_common())
            found.append(
                f"{self.languages.total():>6}  skipped: terms in passages in other languages "
                f"({by_language})"
            )
        if self.legal_texts:
            found.append(f"{self.legal_texts:>6}  skipped: licence and notice texts")
        return found


class RunError(RuntimeError):
    """A problem with the request itself (exit code 2)."""


class _ReportFile(io.TextIOWrapper):
    """The ``--output`` file: a failed write (a full disk) is a RunError naming it."""

    def __init__(self, raw: BinaryIO, path: Path) -> None:
        super().__init__(raw, encoding="utf-8")
        self.path = path

    def _failed(self, error: OSError) -> RunError:
        return RunError(f"--output: cannot write {self.path}: {error_reason(error)}")

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except OSError as error:
            raise self._failed(error) from error

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as error:
            raise self._failed(error) from error

    def close(self) -> None:
        try:
            super().close()
        except OSError as error:
            raise self._failed(error) from error


@dataclass(frozen=True)
class CheckRequest:
    """What to check and how to report it; the output format and fail-on are settings."""

    paths: tuple[Path, ...] = ()
    stdin: bytes | None = None
    stdin_filename: str = "<stdin>"
    commit_msg: Path | None = None
    output: Path | None = None
    quiet: bool = False
    statistics: bool = False
    color: bool = False
    progress: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None
    changed_since: str | None = None
    fix: bool = False
    diff: bool = False
    jobs: int = 0  # worker processes; 0: chosen from the amount of work
    cache: bool = False
    cache_dir: Path | None = None  # default: .allylint_cache beside the configuration
    identifiers: bool = False
    show_fixes: bool = False


@dataclass
class FixTally:
    applied: int = 0
    files_changed: int = 0
    files_unchanged: int = 0


def _stderr(message: str) -> None:
    """A line for people on standard error; names and text from the repository in it are
    escaped, so that none can break the line or start a CI workflow command."""
    click.echo(escape(message), err=True)


class _Progress:
    """A one-line progress count on stderr, only on a terminal and only for slow scans."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled = enabled
        self.total = total
        self.started = time.monotonic()
        self.shown = False
        self.last = 0.0

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < _PROGRESS_AFTER or now - self.last < 0.1:
            return
        self.last = now
        self.shown = True
        filled = _BAR_WIDTH * done // max(self.total, 1)
        bar = "#" * filled + "." * (_BAR_WIDTH - filled)
        sys.stderr.write(f"\rallylint [{bar}] {done}/{self.total} files")
        sys.stderr.flush()

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _fingerprint_root(settings: Settings, baseline: Path | None) -> Path:
    """The folder fingerprints name files from: the project root, or, with neither a
    configuration nor a repository to say where that is, the baseline's folder, so that
    a baseline matches from whichever folder allylint runs."""
    root = settings.project_root
    if baseline is None or settings.config.path is not None or (root / ".git").exists():
        return root
    return baseline.resolve().parent


class CheckRun:
    def __init__(self, request: CheckRequest, settings: Settings) -> None:
        self.request = request
        self.settings = settings
        self.engine = engine_for(settings)
        self.options = CheckOptions(
            directive_rules=settings.directive_rules_in_force,
            identifiers=request.identifiers,
            root=str(_fingerprint_root(settings, request.baseline or request.write_baseline)),
        )
        self.changes: dict[Path, set[int] | None] | None = None
        if request.changed_since is not None:
            try:
                self.changes = changed_lines(request.changed_since, Path.cwd())
            except ChangesError as error:
                raise RunError(f"--changed-since: {error}") from error
        self.fixes = FixTally()
        self.unread = False  # something to check could not be read (see Notice.unread)
        self.fixed_stdin: bytes | None = None
        self.baseline: BaselineFilter | None = None
        if request.baseline:
            try:
                self.baseline = BaselineFilter(load_baseline(request.baseline))
            except BaselineError as error:
                raise RunError(str(error)) from error

    def _files(self) -> list[FileToCheck]:
        if self.request.commit_msg is not None:
            path = self.request.commit_msg
            return [FileToCheck(path, file_name(str(path)), COMMIT_MESSAGE_FORMAT)]
        paths = list(self.request.paths) or [Path(".")]
        files = list(discover(paths, self.settings.exclusions(), self._notice))
        if self.changes is not None:
            files = [f for f in files if f.path.resolve() in self.changes]
        return files

    def _notice(self, notice: Notice) -> None:
        self.unread = self.unread or notice.unread
        if not self.request.quiet:
            _stderr(f"allylint: {notice}")

    def _results(self) -> Iterator[tuple[FileResult, Path | None]]:
        request = self.request
        if request.stdin is not None:
            input_format = format_for(request.stdin_filename) or "text"
            yield (
                check_data(
                    self.engine,
                    request.stdin,
                    file_name(request.stdin_filename),
                    input_format,
                    self.options,
                ),
                None,
            )
            return
        files = self._files()
        progress = _Progress(request.progress, len(files))
        try:
            for done, (file, result) in enumerate(
                zip(files, self._check_many(files), strict=True), 1
            ):
                progress.update(done)
                yield result, file.path
        finally:
            progress.close()

    def _check_many(self, files: list[FileToCheck]) -> Iterator[FileResult]:
        cache = None
        # Fixes are never taken from the cache, which the repository may have written.
        if self.request.cache and not (self.request.fix or self.request.diff):
            directory = self.request.cache_dir or self.settings.config_dir / CACHE_DIR
            cache, notice = open_cache(directory, self.engine, self.options)
            if notice is not None:
                self._notice(notice)
        return check_many(
            self.engine,
            files,
            self.options,
            jobs=self.request.jobs,
            cache=cache,
            keep_source=self.request.fix or self.request.diff,
        )

    def _in_changes(self, finding: Finding, path: Path | None) -> bool:
        if self.changes is None or path is None:
            return True
        lines = self.changes.get(path.resolve())
        return lines is None or any(
            line in lines for line in range(finding.line, finding.end_line + 1)
        )

    def _keep(self, finding: Finding, path: Path | None) -> bool:
        if not self._in_changes(finding, path):
            return False
        where = path if path is not None else Path(self.request.stdin_filename)
        if self.settings.ignored_in(where, finding.rule_id, finding.category):
            return False
        return self.baseline is None or self.baseline.is_new(finding)

    def _fix(self, result: FileResult, path: Path | None) -> FileResult:
        """Apply the safe fixes of a file's findings; the result is the fixed text's check."""
        source = result.source
        edits = [f.fix for f in result.findings if f.fix and self._in_changes(f, path)]
        if source is None or not edits:
            self.fixes.files_unchanged += 1
            return result
        fixed, applied = apply_edits(source.text, edits)
        self.fixes.applied += applied
        self.fixes.files_changed += 1
        if self.request.diff:
            # Nothing changes on disk, so the findings stand (and set the exit code).
            sys.stdout.flush()
            sys.stdout.buffer.write(unified_diff(result.path, source, fixed))
            sys.stdout.buffer.flush()
            return result
        if path is None:
            self.fixed_stdin = encode(source, fixed)
        else:
            problem = rewrite(path, encode(source, source.text), encode(source, fixed))
            if problem is not None:
                self.fixes.applied -= applied
                self.fixes.files_changed -= 1
                return replace(result, notices=(*result.notices, Notice(result.path, problem)))
        # The fixed text keeps the file's identity, so that what is left still matches
        # its baseline entries.
        identity = self.options.identity(path, result.path) if path is not None else None
        rechecked = check_text(
            self.engine, fixed, result.path, result.input_format, self.options, identity
        )
        return replace(rechecked, notices=result.notices, source=replace(source, text=fixed))

    def run(self) -> int:
        request = self.request
        if request.write_baseline:
            return self._write_baseline(request.write_baseline)
        with ExitStack() as stack:
            # With --diff, or --fix on standard input, stdout carries the changed text.
            rewriting_stdout = request.diff or (request.fix and request.stdin is not None)
            stream: TextIO = sys.stderr if rewriting_stdout else sys.stdout
            if request.output:
                try:
                    raw = open_report(request.output, self.settings.project_root)
                except OSError as error:
                    raise RunError(
                        f"--output: cannot write {request.output}: {error_reason(error)}"
                    ) from error
                stream = stack.enter_context(_ReportFile(raw, request.output))
            color = request.color and request.output is None
            output_format = OUTPUT_FORMATS[self.settings.output_format]
            reporter = output_format.make(stream, color, request.show_fixes)
            summary = Summary(rules=(*self.settings.rules, *self.settings.directive_rules))
            skipped = _Skipped()
            failed = False
            for checked, path in self._results():
                result = self._fix(checked, path) if request.fix or request.diff else checked
                summary.file_checked(result.path)
                skipped.add(result)
                for notice in result.notices:
                    self._notice(notice)
                for finding in result.findings:
                    if not self._keep(finding, path):
                        continue
                    reporter.finding(finding)
                    summary.add(finding)
                    failed = failed or self.settings.fails(finding.severity)
            if not (request.quiet and output_format.terminal):
                reporter.finish(summary)
        self._after_report(summary, skipped)
        if request.fix and request.stdin is not None:
            # The bytes as they came in, but for the fixed words: encoding and BOM kept.
            sys.stdout.flush()
            sys.stdout.buffer.write(
                self.fixed_stdin if self.fixed_stdin is not None else request.stdin
            )
            sys.stdout.buffer.flush()
        if (request.fix or request.diff) and not request.quiet:
            fixes = (
                f"{plural(self.fixes.applied, 'fix', 'fixes')} in "
                f"{plural(self.fixes.files_changed, 'file')}"
            )
            if request.diff:
                _stderr(f"allylint: --fix would apply {fixes}; nothing was written")
            else:
                left = plural(summary.total, "finding")
                _stderr(f"allylint: applied {fixes}; {left} left for a human")
        unread = self.unread and self.settings.fail_on != "never"
        return EXIT_FINDINGS if failed or unread else EXIT_CLEAN

    def _after_report(self, summary: Summary, skipped: _Skipped) -> None:
        request = self.request
        terminal = OUTPUT_FORMATS[self.settings.output_format].terminal
        to_stdout = terminal and request.output is None
        if request.statistics:
            by_rule = summary.by_rule
            width = max((len(rule) for rule in by_rule), default=0)
            lines = [f"{count:>6}  {rule:<{width}}" for rule, count in by_rule.most_common()]
            lines.extend(skipped.lines())
            for line in lines:
                click.echo(line, err=not to_stdout)
        if request.quiet:
            return
        if request.output is not None:
            click.echo(f"allylint: {self._counts(summary)}; report written to {request.output}")
        elif not terminal:
            _stderr(f"allylint: {self._counts(summary)}")

    @staticmethod
    def _counts(summary: Summary) -> str:
        return f"checked {plural(summary.files, 'file')}, {plural(summary.total, 'finding')}"

    def _write_baseline(self, target: Path) -> int:
        findings = [f for result, _ in self._results() for f in result.findings]
        try:
            count = write_baseline(target, findings)
        except OSError as error:
            raise RunError(
                f"--write-baseline: cannot write {target}: {error_reason(error)}"
            ) from error
        _stderr(f"allylint: wrote {count} findings to baseline {target}")
        return EXIT_CLEAN


def read_stdin() -> bytes:
    """Standard input, up to the limit for a file (``/dev/zero`` never ends)."""
    return read_stream(sys.stdin.buffer, MAX_FILE_BYTES, "standard input")
