"""The language server's one door into allylint.

"Lint this document's text for this path with the workspace configuration, and
say what was found, how to fix it and why it matters." Everything the server
needs from allylint's internals (configuration, rule files, the engine,
suppression syntax, safe fixes, rule descriptions) goes through this module, so
the rest of ``allylint.server`` speaks only in offsets into the document's text,
plain strings and the small types below.

The configuration of a document is the one ``allylint check FILE`` would use:
the nearest ``.allylint.yaml`` or ``pyproject.toml`` above it, its rules,
``extend-rules``, ``allow`` list and ``exclude`` patterns. Each configuration is
loaded once and loaded again when its file or one of its rule files changes on
disk. A broken one is reported as a ``Problem`` and the last good one stays in
force (the built-in defaults if there never was one).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from allylint.api import check_text
from allylint.config.loader import (
    CONFIG_FILES,
    PYPROJECT,
    Config,
    ConfigError,
    find_config_file,
    load_config_file,
)
from allylint.discovery.sources import MAX_FILE_BYTES
from allylint.engine.core import Engine
from allylint.engine.prefilter import normalize_key, surface_forms
from allylint.findings.model import Finding
from allylint.fixes.edits import edit_for, written_plainly
from allylint.formats.code import LANGUAGES
from allylint.formats.registry import extract, format_for
from allylint.formats.segments import LineIndex
from allylint.report.explain import alternative_item
from allylint.report.registry import headline
from allylint.report.sarif import INFORMATION_URI, topic_uri
from allylint.report.topics import Topic, TopicError, load_topics, topics_for_rule
from allylint.resources import builtin_rules_dir
from allylint.rules.model import Rule, RuleError, Term, load_rules, rule_files
from allylint.run.workers import configured_engine

# Editors name a document's language; allylint names formats. Used only when the
# file name says nothing (an untitled buffer, an extensionless script).
_FORMAT_OF_LANGUAGE = {
    "plaintext": "text",
    "restructuredtext": "rst",
    "git-commit": "commit",
    "gitcommit": "commit",
    "shellscript": "shell",
    "sh": "shell",
    "bash": "shell",
    "javascriptreact": "javascript",
    "typescriptreact": "tsx",
    "makefile": "make",
    "terraform": "hcl",
    "c++": "cpp",
    "cs": "csharp",
}
_FORMATS = frozenset({"markdown", "text", "rst", "html", "commit", *LANGUAGES})
# Each language's end-of-line comment: a suppression directive appended to the
# line of a finding in a comment stays inside that comment or starts a new one.
_LINE_COMMENTS = {
    **dict.fromkeys(
        ["python", "ruby", "shell", "yaml", "toml", "r", "hcl", "dockerfile", "make"], "#"
    ),
    **dict.fromkeys(["sql", "lua"], "--"),
}
# Alternatives that describe what to write ("a person with ...", "the region's name",
# "the role noun again (the user)") rather than being words to put in the text.
_DESCRIBED_ALTERNATIVE = re.compile(r"\.\.\.|\u2026|[():]|^the \w+'s ")
_TRAILING = re.compile(r"[ \t]*\\?[ \t]*$")
_DOCS_URI = INFORMATION_URI + "/blob/main/docs/categories/{category}.md#{rule}"


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
    finding: Finding = field(repr=False, compare=False)


@dataclass(frozen=True)
class LintResult:
    """What linting one document found. ``configuration`` is the file in effect (None
    for the defaults); ``skipped`` says why the document was not checked, if it was not."""

    text: str
    fmt: str | None = None
    findings: tuple[DocumentFinding, ...] = ()
    configuration: Path | None = None
    problems: tuple[Problem, ...] = ()
    skipped: str | None = None


@dataclass(frozen=True)
class _Loaded:
    config: Config
    engine: Engine


@dataclass(frozen=True)
class _Attempt:
    """The outcome of loading one configuration file as it was on disk (``stamp``)."""

    stamp: tuple[tuple[str, int, int], ...]
    watched: tuple[Path, ...]
    loaded: _Loaded
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


def _rule_paths(config: Config) -> list[Path]:
    """The rule files a configuration uses, as on the command line."""
    return [builtin_rules_dir(), *config.extend_rules]


@functools.cache
def _default() -> _Loaded:
    config = Config()
    return _Loaded(config, configured_engine(load_rules(_rule_paths(config)), config))


def _topics() -> dict[str, Topic]:
    try:
        return load_topics()
    except TopicError:
        return {}


def _is_builtin(rule: Rule) -> bool:
    return rule.path.resolve().parent == builtin_rules_dir().resolve()


def documentation_uri(rule: Rule) -> str:
    """The built-in rules' reference page, or the file a team's own rule is defined in."""
    if _is_builtin(rule):
        return _DOCS_URI.format(category=rule.category, rule=rule.id)
    return rule.path.resolve().as_uri()


def _matched_term(rule: Rule, original: str) -> Term:
    """The rule's term that ``original`` is a form of (the first one if none is)."""
    key = normalize_key(original)
    for term in rule.terms:
        if any(normalize_key("".join(words)) == key for words in surface_forms(term)):
            return term
    return rule.terms[0]


class Linter:
    """Lints documents with their workspace configuration, loaded once per file."""

    def __init__(self, root: Path | None = None) -> None:
        # Documents without a path (untitled buffers) use the root's configuration.
        self.root = root or Path.cwd()
        self._attempts: dict[Path | None, _Attempt] = {}

    # -- configuration --------------------------------------------------------

    def _load(self, config_path: Path | None, previous: _Attempt | None) -> _Attempt:
        last_good = previous.loaded if previous is not None else _default()
        if config_path is None:
            return _Attempt((), (), _default(), ())
        watched: tuple[Path, ...] = (config_path, *(last_good.config.extend_rules))
        try:
            config = load_config_file(config_path)
            watched = (config_path, *config.extend_rules)
            engine = configured_engine(load_rules(_rule_paths(config)), config)
        except ConfigError as error:
            problem = Problem(error.path or config_path, error.line, str(error))
        except RuleError as error:
            problem = Problem(error.path, error.line, str(error))
        else:
            return _Attempt(_stamp(watched), watched, _Loaded(config, engine), ())
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

    def watches(self, path: Path) -> bool:
        """Would a change to ``path`` change some document's configuration?"""
        if path.name in CONFIG_FILES or path.name == PYPROJECT:
            return True
        resolved = path.resolve()
        for attempt in self._attempts.values():
            for watched in attempt.watched:
                watched = watched.resolve()
                if resolved == watched or watched in resolved.parents:
                    return True
        return False

    def warm_up(self) -> None:
        """Load the root's configuration and spaCy now, before the first document."""
        from allylint.engine.nlp import get_pipeline

        self._configuration(self._configuration_file(self.root))
        get_pipeline()

    # -- linting --------------------------------------------------------------

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
            return LintResult(text, skipped="not a format allylint reads")
        if "\x00" in text[:8192]:
            return LintResult(text, fmt, skipped="binary content")
        if len(text) > MAX_FILE_BYTES:
            return LintResult(text, fmt, skipped=f"over the {MAX_FILE_BYTES:,}-character limit")
        config_path = self._configuration_file(path.parent if path is not None else self.root)
        attempt = self._configuration(config_path)
        exclusions = attempt.loaded.config.exclusions()
        if path is not None and exclusions is not None and exclusions.excludes(path):
            return LintResult(
                text,
                fmt,
                configuration=config_path,
                problems=attempt.problems,
                skipped="excluded by the configuration",
            )
        display = str(path) if path is not None else "<untitled>"
        checked = check_text(attempt.loaded.engine, text, display, fmt)
        findings = tuple(self._document_finding(finding) for finding in checked.findings)
        return LintResult(text, fmt, findings, config_path, attempt.problems)

    @staticmethod
    def _document_finding(finding: Finding) -> DocumentFinding:
        fix = finding.fix
        return DocumentFinding(
            start=finding.start,
            end=finding.end,
            rule_id=finding.rule_id,
            severity=finding.severity,
            message=headline(finding),
            documentation=documentation_uri(finding.rule),
            fix=Replacement(fix.start, fix.end, fix.replacement) if fix else None,
            finding=finding,
        )

    # -- what to do about a finding --------------------------------------------

    def quick_fixes(self, result: LintResult, found: DocumentFinding) -> list[QuickFix]:
        """The safe fix (preferred), each alternative adapted to the original's case and
        inflection, and a suppression directive in the format's comment syntax."""
        fixes: list[QuickFix] = []
        if found.fix is not None:
            fixes.append(
                QuickFix(f'Replace with "{found.fix.new_text}"', (found.fix,), preferred=True)
            )
        fixes.extend(self._alternatives(result.text, found))
        suppression = suppression_fix(result.text, result.fmt or "text", found)
        if suppression is not None:
            fixes.append(suppression)
        return fixes

    @staticmethod
    def _alternatives(text: str, found: DocumentFinding) -> list[QuickFix]:
        finding = found.finding
        if finding.context in ("identifier", "path") or not written_plainly(finding.text):
            return []
        term = _matched_term(finding.rule, finding.text)
        seen = {found.fix} if found.fix else set()
        fixes = []
        for alternative in finding.rule.alternatives:
            if _DESCRIBED_ALTERNATIVE.search(alternative.text):
                continue
            edit = edit_for(text, found.start, found.end, term, alternative.text)
            if edit is None:
                continue
            replacement = Replacement(edit.start, edit.end, edit.replacement)
            if replacement in seen:
                continue
            seen.add(replacement)
            when = f" ({alternative.when})" if alternative.when else ""
            fixes.append(QuickFix(f'Replace with "{edit.replacement}"{when}', (replacement,)))
        return fixes

    @staticmethod
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

    @staticmethod
    def describe(found: DocumentFinding) -> str:
        """Markdown for a hover: why it matters, what to write instead, what to read."""
        rule = found.finding.rule
        topics = _topics()
        lines = [
            f"**allylint** `{rule.id}`: {found.message}",
            "",
            rule.message,
            "",
            "**What to write instead**, best first:",
            "",
            *(alternative_item(alternative) for alternative in rule.alternatives),
            "",
        ]
        learn = []
        for topic_id in topics_for_rule(rule.learn, topics):
            topic = topics.get(topic_id)
            title = topic.title if topic is not None else topic_id
            learn.append(f"[{title}]({topic_uri(topic_id)}) (`allylint learn {topic_id}`)")
        lines.append("**Learn more:** " + "; ".join(learn) + f"; `allylint explain {rule.id}`.")
        return "\n".join(lines)


# -- suppression directives ------------------------------------------------------


def _newline(text: str, lines: LineIndex, line: int) -> str:
    """The line break the document uses after ``line`` (or its first one)."""
    end = lines.line_starts[line] if line < len(lines.line_starts) else None
    sample = text[end - 2 : end] if end is not None else text[: text.find("\n") + 1]
    if sample.endswith("\r\n"):
        return "\r\n"
    return "\r" if sample.endswith("\r") else "\n"


def _indentation(line_text: str) -> str:
    return line_text[: len(line_text) - len(line_text.lstrip(" \t"))]


def _line_end(lines: LineIndex, line: int) -> int:
    return lines.line_starts[line - 1] + len(lines.line_text(line))


def _after_line(text: str, lines: LineIndex, line: int, newline: str) -> tuple[int, str]:
    """Where text goes to stand after ``line``, and what must come first (a line break
    when the document ends without one)."""
    if line < len(lines.line_starts):
        return lines.line_starts[line], ""
    return len(text), newline


def _end_of_line(lines: LineIndex, line: int, directive: str) -> Replacement:
    """The directive appended to the line, before trailing spaces and a Markdown hard
    break (two spaces or a backslash), which must stay at the end."""
    line_text = lines.line_text(line)
    trailing = _TRAILING.search(line_text)
    content_end = lines.line_starts[line - 1] + (trailing.start() if trailing else len(line_text))
    return Replacement(content_end, content_end, f" {directive}")


def _around(
    text: str, lines: LineIndex, first: int, last: int, opening: str, closing: str
) -> tuple[Replacement, Replacement]:
    """``opening`` on a line of its own before ``first`` and ``closing`` after ``last``."""
    newline = _newline(text, lines, first)
    start = lines.line_starts[first - 1]
    position, prefix = _after_line(text, lines, last, newline)
    return (
        Replacement(start, start, opening + newline),
        Replacement(position, position, prefix + closing + newline),
    )


def _paragraph(lines: LineIndex, line: int) -> tuple[int, int]:
    """The first and last line of the block of non-blank lines around ``line``."""
    first = line
    while first > 1 and lines.line_text(first - 1).strip():
        first -= 1
    last, total = line, len(lines.line_starts)
    while last < total and lines.line_text(last + 1).strip():
        last += 1
    return first, last


def _docstring_lines(text: str, lines: LineIndex, found: DocumentFinding) -> tuple[int, int]:
    """The lines of the opening and the closing quotes of the docstring around a finding."""
    for segment in extract(text, "python"):
        if segment.kind != "docstring":
            continue
        start, end = segment.to_file_span(0, len(segment.text))
        if start <= found.start < end:
            opening = len(text[:start].rstrip(" \t\r\n")) - 1
            closing = len(text) - len(text[end:].lstrip(" \t\r\n"))
            return lines.position(max(opening, 0))[0], lines.position(closing)[0]
    line = lines.position(found.start)[0]
    return line, line


def suppression_fix(text: str, fmt: str, found: DocumentFinding) -> QuickFix | None:
    """A directive that suppresses this finding, written in the format's comment syntax.

    Markdown, HTML and code take ``disable-line`` at the end of the finding's line
    (inside the comment that holds the finding); reStructuredText, whose comments
    must stand apart, and Python docstrings, which a comment cannot enter, take a
    ``disable``/``enable`` pair around the paragraph or docstring; plain text and
    commit messages a ``disable-next-line`` line before (a ``#`` line, which git
    strips, in a commit message).
    """
    rule = found.rule_id
    lines = LineIndex(text)
    line = lines.position(found.start)[0]
    indent = _indentation(lines.line_text(line))
    title = f"Suppress {rule} on this line"
    replacements: tuple[Replacement, ...]
    if fmt in ("markdown", "html"):
        replacements = (_end_of_line(lines, line, f"<!-- allylint: disable-line {rule} -->"),)
    elif fmt == "rst":
        first, last = _paragraph(lines, line)
        indent = _indentation(lines.line_text(first))
        newline = _newline(text, lines, first)
        opening, closing = _around(
            text,
            lines,
            first,
            last,
            f"{indent}.. allylint: disable {rule}{newline}",
            f"{newline}{indent}.. allylint: enable {rule}",
        )
        replacements = (opening, closing)
        title = f"Suppress {rule} in this paragraph"
    elif fmt in ("text", "commit"):
        marker = "# " if fmt == "commit" else ""
        start = lines.line_starts[line - 1]
        directive = f"{indent}{marker}allylint: disable-next-line {rule}"
        replacements = (Replacement(start, start, directive + _newline(text, lines, line)),)
    elif fmt == "python" and found.finding.context == "docstring":
        first, last = _docstring_lines(text, lines, found)
        indent = _indentation(lines.line_text(first))
        replacements = _around(
            text,
            lines,
            first,
            last,
            f"{indent}# allylint: disable {rule}",
            f"{indent}# allylint: enable {rule}",
        )
        title = f"Suppress {rule} in this docstring"
    elif fmt in LANGUAGES:
        if lines.line_text(line).rstrip().endswith("\\"):
            return None  # a continued line: a comment there would swallow the next one
        comment = _LINE_COMMENTS.get(fmt, "//")
        replacements = (_end_of_line(lines, line, f" {comment} allylint: disable-line {rule}"),)
    else:
        return None
    return QuickFix(title, replacements)
