"""The language server's one door into allylint.

"Lint this document's text for this path with the workspace configuration, and
say what was found, how to fix it and why it matters." Everything the server
needs from allylint's internals (configuration, rule files, the engine,
suppression syntax, safe fixes, rule descriptions) goes through this module, so
the rest of ``allylint.server`` speaks only in offsets into the document's text,
plain strings and the types of ``results``. It runs in the checking process
(``worker``), which sends those results to the server.

The configuration of a document is the one ``allylint check FILE`` would use:
the nearest ``.allylint.yaml`` or ``pyproject.toml`` above it, its rules,
``extend-rules``, ``allow`` list and ``exclude`` patterns. Each configuration is
loaded once and loaded again when its file or one of its rule files changes on
disk. A broken one is reported as a ``Problem`` and the last good one stays in
force (the built-in defaults if there never was one).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from allylint.api import engine_for
from allylint.config.loader import (
    CONFIG_FILES,
    PYPROJECT,
    Config,
    ConfigError,
    find_config_file,
    load_config_file,
)
from allylint.config.settings import resolve
from allylint.discovery.sources import MAX_FILE_BYTES
from allylint.engine.prefilter import surface_forms
from allylint.engine.spelling import joined_key
from allylint.findings.model import Finding
from allylint.findings.suppressions import DIRECTIVE_IDS, SUPPRESSION_CATEGORY
from allylint.fixes.edits import edit_for, written_plainly
from allylint.formats.reader import extract
from allylint.formats.registry import FORMATS, format_for, input_format
from allylint.project import ProjectChecker, ProjectError, load_project_checker
from allylint.report.describe import finding_alternatives, headline, hover_markdown
from allylint.report.sarif import INFORMATION_URI
from allylint.report.topics import topics_if_readable
from allylint.resources import builtin_rules_dir
from allylint.rules.loader import RuleError, rule_files
from allylint.rules.model import Rule, Term
from allylint.server import directives
from allylint.server.results import DocumentFinding, LintResult, Problem, QuickFix, Replacement

# Editors name a document's language; allylint names formats. Used only when the
# file name says nothing (an untitled buffer, an extensionless script).
_FORMAT_OF_LANGUAGE = {
    "plaintext": "text",
    "restructuredtext": "rst",
    "git-commit": "commit",
    "gitcommit": "commit",
    "shellscript": "shell",
    "sh": "shell",
    "zsh": "shell",
    "bash": "shell",
    "javascriptreact": "javascript",
    "typescriptreact": "tsx",
    "makefile": "make",
    "terraform": "hcl",
    "c++": "cpp",
    "cs": "csharp",
}
_FORMATS = frozenset(entry.name for entry in FORMATS)
# Each language's end-of-line comment: a suppression directive appended to the
# line of a finding in a comment stays inside that comment or starts a new one.
_LINE_COMMENTS = {
    "python": "#",
    "ruby": "#",
    "shell": "#",
    "yaml": "#",
    "toml": "#",
    "r": "#",
    "hcl": "#",
    "dockerfile": "#",
    "make": "#",
    "sql": "--",
    "lua": "--",
}
# Where a suppression directive goes (see ``directives``); the other formats are code.
_DIRECTIVE_KINDS = {
    "markdown": directives.HTML,
    "html": directives.HTML,
    "rst": directives.RST,
    "asciidoc": directives.ASCIIDOC,
    "text": directives.TEXT,
    "commit": directives.COMMIT,
}
# Alternatives that describe what to write ("a person with ...", "the region's name",
# "the role noun again (the user)") rather than being words to put in the text.
_DESCRIBED_ALTERNATIVE = re.compile(r"\.\.\.|\u2026|[():]|^the \w+'s ")
_DOCS_URI = INFORMATION_URI + "/blob/main/docs/categories/{category}.md#{rule}"
_SUPPRESSIONS_URI = INFORMATION_URI + "/blob/main/docs/suppressions.md"


@dataclass(frozen=True)
class _Attempt:
    """The outcome of loading one configuration file as it was on disk (``stamp``)."""

    stamp: tuple[tuple[str, int, int], ...]
    watched: tuple[Path, ...]
    checker: ProjectChecker
    problems: tuple[Problem, ...]


def _files_of(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            try:
                found.extend(rule_files(path))
            except OSError:
                continue
        else:
            found.append(path)
    return found


def _stamp(paths: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """What changes when one of the files (or a folder's rule files) changes on disk."""
    stamps = []
    for path in _files_of(paths):
        try:
            status = path.stat()
        except OSError:
            stamps.append((str(path), -1, -1))
        else:
            stamps.append((str(path), status.st_mtime_ns, status.st_size))
    return tuple(stamps)


def _unparsable(path: Path) -> bool:
    try:
        tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return path.is_file()
    return False


@functools.cache
def _defaults() -> ProjectChecker:
    """The checker without a configuration file: the built-in rules as they ship."""
    settings = resolve(Config())
    return ProjectChecker(engine_for(settings), settings)


def _problem(error: ProjectError, config_path: Path) -> Problem:
    """Where loading a configuration went wrong: the file and line of the error at
    its root (the configuration's, or a rule file's), else the configuration file."""
    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, (ConfigError, RuleError)):
        cause = cause.__cause__
    if isinstance(cause, (ConfigError, RuleError)) and cause.path is not None:
        return Problem(cause.path, cause.line, str(error))
    return Problem(config_path, None, str(error))


def _is_builtin(rule: Rule) -> bool:
    return rule.path.resolve().parent == builtin_rules_dir().resolve()


def documentation_uri(rule: Rule) -> str:
    """The built-in rules' reference page, the page on suppression directives for a
    finding about one, or the file a team's own rule is defined in."""
    if rule.id in DIRECTIVE_IDS:
        return _SUPPRESSIONS_URI
    if _is_builtin(rule):
        return _DOCS_URI.format(category=rule.category, rule=rule.id)
    return rule.path.resolve().as_uri()


def _matched_term(rule: Rule, original: str) -> Term:
    """The rule's term that ``original`` is a form of (the first one if none is)."""
    key = joined_key(original)
    for term in rule.terms:
        if any(joined_key("".join(words)) == key for words in surface_forms(term)):
            return term
    return rule.terms[0]


def configures(path: Path, watched: Iterable[Path]) -> bool:
    """Would a change to ``path`` change a configuration: is it named like a
    configuration file, or is it (or is it in a folder of) a file one was loaded from?"""
    if path.name in CONFIG_FILES or path.name == PYPROJECT:
        return True
    resolved = path.resolve()
    return any(
        resolved == source or source in resolved.parents
        for source in (p.resolve() for p in watched)
    )


def _alternatives(
    text: str, finding: Finding, rule: Rule, safe: Replacement | None
) -> list[QuickFix]:
    """Each alternative written the way the original is (case, inflection, article)."""
    if finding.context in ("identifier", "path") or not written_plainly(finding.text):
        return []
    term = _matched_term(rule, finding.text)
    seen = {safe} if safe else set()
    fixes = []
    for alternative in finding_alternatives(finding, rule):
        if _DESCRIBED_ALTERNATIVE.search(alternative.text):
            continue
        edit = edit_for(text, finding.start, finding.end, term, alternative.text)
        if edit is None:
            continue
        replacement = Replacement(edit.start, edit.end, edit.replacement)
        if replacement in seen:
            continue
        seen.add(replacement)
        when = f" ({alternative.when})" if alternative.when else ""
        fixes.append(QuickFix(f'Replace with "{edit.replacement}"{when}', (replacement,)))
    return fixes


class _Document:
    """One document's text and format while its findings are turned into results."""

    def __init__(self, text: str, fmt: str) -> None:
        self.text = text
        self.fmt = fmt
        self._docstrings: list[tuple[int, int]] | None = None

    def _docstring_quotes(self, offset: int) -> tuple[int, int] | None:
        """The offsets of the opening and closing quotes of the docstring around ``offset``."""
        if self._docstrings is None:
            self._docstrings = []
            for segment in extract(self.text, self.fmt):
                if segment.context == "docstring":
                    start, end = segment.to_file_span(0, len(segment.text))
                    opening = len(self.text[:start].rstrip(" \t\r\n")) - 1
                    closing = len(self.text) - len(self.text[end:].lstrip(" \t\r\n"))
                    self._docstrings.append((max(opening, 0), closing))
        return next((span for span in self._docstrings if span[0] < offset < span[1]), None)

    def suppression(self, finding: Finding) -> QuickFix | None:
        if finding.category == SUPPRESSION_CATEGORY:
            return None  # a finding about a directive: the fix is to correct it
        in_docstring = finding.context == "docstring"
        kind = _DIRECTIVE_KINDS.get(self.fmt)
        if kind is None and input_format(self.fmt).code is not None:
            kind = directives.CODE
        if kind is None:
            return None
        return directives.suppression_fix(
            self.text,
            kind,
            finding.rule_id,
            finding.start,
            _LINE_COMMENTS.get(self.fmt, "//"),
            self._docstring_quotes(finding.start) if in_docstring else None,
        )

    def result(self, finding: Finding, rule: Rule, description: str) -> DocumentFinding:
        safe = finding.fix
        fix = Replacement(safe.start, safe.end, safe.replacement) if safe else None
        fixes = [QuickFix(f'Replace with "{fix.new_text}"', (fix,), preferred=True)] if fix else []
        fixes.extend(_alternatives(self.text, finding, rule, fix))
        suppression = self.suppression(finding)
        if suppression is not None:
            fixes.append(suppression)
        return DocumentFinding(
            start=finding.start,
            end=finding.end,
            rule_id=finding.rule_id,
            severity=finding.severity,
            message=headline(finding),
            documentation=documentation_uri(rule),
            fix=fix,
            description=description,
            quick_fixes=tuple(fixes),
        )


class Linter:
    """Lints documents with their workspace configuration, loaded once per file."""

    def __init__(self, root: Path | None = None) -> None:
        # Documents without a path (untitled buffers) use the root's configuration.
        self.root = root or Path.cwd()
        self._attempts: dict[Path | None, _Attempt] = {}

    def _load(self, config_path: Path | None, previous: _Attempt | None) -> _Attempt:
        if config_path is None:
            return _Attempt((), (), _defaults(), ())
        last_good = previous.checker if previous is not None else _defaults()
        watched: tuple[Path, ...] = (config_path, *last_good.settings.config.extend_rules)
        try:
            watched = (config_path, *load_config_file(config_path).extend_rules)
            checker = load_project_checker(config_path.parent, config_file=config_path)
        except ConfigError as error:
            problem = Problem(
                error.path or config_path, error.line, f"invalid configuration: {error}"
            )
        except ProjectError as error:
            problem = _problem(error, config_path)
        else:
            return _Attempt(_stamp(watched), watched, checker, ())
        return _Attempt(_stamp(watched), watched, last_good, (problem,))

    def _configuration(self, config_path: Path | None) -> _Attempt:
        attempt = self._attempts.get(config_path)
        if attempt is None or attempt.stamp != _stamp(attempt.watched):
            attempt = self._load(config_path, attempt)
            self._attempts[config_path] = attempt
        return attempt

    def _configuration_file(self, start: Path) -> Path | None:
        """The configuration file the CLI would find from ``start``, but for one case:
        the search passes over a ``pyproject.toml`` that does not parse, and if that
        file configured documents before, it is a broken configuration now."""
        found = find_config_file(start)
        for folder in (start, *start.parents):
            if found is not None and folder == found.parent:
                break
            candidate = folder / PYPROJECT
            if candidate in self._attempts and _unparsable(candidate):
                return candidate
        return found

    def warm_up(self) -> None:
        """Load the built-in rules and spaCy now, before the first document."""
        from allylint.engine.nlp import get_pipeline

        _defaults()
        get_pipeline()

    @staticmethod
    def format_of(path: Path | None, language_id: str | None) -> str | None:
        """The document's format by its name, else by the editor's language id."""
        fmt = format_for(path) if path is not None else None
        if fmt is None and language_id:
            fmt = _FORMAT_OF_LANGUAGE.get(language_id, language_id)
        return fmt if fmt in _FORMATS else None

    def lint(self, text: str, path: Path | None, language_id: str | None = None) -> LintResult:
        fmt = self.format_of(path, language_id)
        if fmt is None:
            return LintResult(skipped="not a format allylint reads")
        if "\x00" in text[:8192]:
            return LintResult(fmt, skipped="binary content")
        if len(text) > MAX_FILE_BYTES:
            return LintResult(fmt, skipped=f"over the {MAX_FILE_BYTES:,}-character limit")
        config_path = self._configuration_file(path.parent if path is not None else self.root)
        attempt = self._configuration(config_path)
        outcome = LintResult(
            fmt, configuration=config_path, watched=attempt.watched, problems=attempt.problems
        )
        checker = attempt.checker
        if path is not None and checker.excludes(path):
            return dataclasses.replace(outcome, skipped="excluded by the configuration")
        display = str(path) if path is not None else "<untitled>"
        checked = checker.check(text, display, fmt)
        document = _Document(text, fmt)
        settings = checker.settings
        rules = {rule.id: rule for rule in (*settings.rules, *settings.directive_rules)}
        topics = topics_if_readable()
        results, descriptions = [], {}
        for finding in checked.findings:
            if path is not None and checker.settings.ignored_in(
                path, finding.rule_id, finding.category
            ):
                continue  # per-file-ignores, as on the command line
            rule = rules[finding.rule_id]
            key = _description_key(finding)
            if key not in descriptions:
                descriptions[key] = hover_markdown(finding, rule, topics)
            results.append(document.result(finding, rule, key))
        return dataclasses.replace(outcome, findings=tuple(results), descriptions=descriptions)


def _description_key(finding: Finding) -> str:
    """Findings of one rule and term share a description: its alternatives and severity."""
    return "\x1f".join((finding.rule_id, finding.severity, *finding.alternatives))
