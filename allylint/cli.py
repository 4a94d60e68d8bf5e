"""The ``allylint`` command line.

Exit codes: 0 when nothing at or above ``--fail-on`` was found, 1 when
something was, 2 for usage, configuration or rule errors.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from allylint import __version__
from allylint.api import check_files, check_text
from allylint.discovery import discover
from allylint.engine import Engine
from allylint.extractors import format_for
from allylint.findings import SEVERITY_ORDER
from allylint.reporters import FORMATS, Summary, make_reporter
from allylint.rules import Rule, RuleError, RuleSet, load_rules
from allylint.sources import Notice, decode
from allylint.topics import TopicError, load_topics

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_ON = ("error", "warning", "info", "never")


def use_color(stream: object, no_color: bool) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class _AllylintError(click.ClickException):
    exit_code = EXIT_ERROR


def _load_rule_set(extra: Sequence[Path]) -> RuleSet:
    try:
        return load_rules(None) if not extra else _with_extra_rules(extra)
    except RuleError as error:
        raise _AllylintError(f"invalid rules: {error}") from error


def _with_extra_rules(extra: Sequence[Path]) -> RuleSet:
    from allylint.resources import builtin_rules_dir

    return load_rules([builtin_rules_dir(), *extra])


def _fail(message: str) -> None:
    raise _AllylintError(message)


def _report_notice(notice: Notice) -> None:
    click.echo(f"allylint: {notice}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="allylint")
def main() -> None:
    """allylint: find exclusionary language in docs and code comments, and learn why."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="warning",
    show_default=True,
    help="Exit 1 when a finding of this severity or higher is found.",
)
@click.option("--stdin", "from_stdin", is_flag=True, help="Check text read from standard input.")
@click.option(
    "--stdin-filename",
    default="<stdin>",
    show_default=True,
    help="The name (and so the format) of the text read with --stdin.",
)
@click.option(
    "--rules",
    "extra_rules",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="A rule file or folder to use besides the built-in rules (repeatable).",
)
@click.option("--no-color", is_flag=True, help="Do not colour the output (NO_COLOR works too).")
def check(
    paths: tuple[Path, ...],
    fmt: str,
    fail_on: str,
    from_stdin: bool,
    stdin_filename: str,
    extra_rules: tuple[Path, ...],
    no_color: bool,
) -> None:
    """Check files and folders (default: the current folder) for exclusionary language.

    Folders are searched recursively for Markdown and text files, skipping what
    .gitignore ignores; files named explicitly are always checked.
    """
    if from_stdin and paths:
        _fail("give either --stdin or paths, not both")
    engine = Engine(_load_rule_set(extra_rules))
    stdout = sys.stdout
    reporter = make_reporter(fmt, stdout, use_color(stdout, no_color))
    summary = Summary()
    worst = -1

    def emit(findings: Sequence) -> None:  # type: ignore[type-arg]
        nonlocal worst
        for finding in findings:
            reporter.finding(finding)
            summary.add(finding)
            worst = max(worst, SEVERITY_ORDER[finding.severity])

    if from_stdin:
        source, notice = decode(sys.stdin.buffer.read(), stdin_filename)
        if notice:
            _report_notice(notice)
        summary.files = 1
        fmt_name = format_for(stdin_filename) or "text"
        emit(check_text(engine, source.text, stdin_filename, fmt_name))
    else:
        for result in check_files(engine, discover(list(paths) or [Path(".")])):
            summary.files += 1
            for notice in result.notices:
                _report_notice(notice)
            emit(result.findings)
    reporter.finish(summary)
    if fmt != "text":
        click.echo(f"allylint: checked {summary.files} files, {summary.total} findings", err=True)
    threshold = SEVERITY_ORDER.get(fail_on)
    if threshold is not None and worst >= threshold:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


def _describe_terms(rule: Rule) -> str:
    return ", ".join(term.phrase for term in rule.terms)


@main.command("rules")
@click.option("--category", help="Only rules of this category.")
@click.option("--all", "show_all", is_flag=True, help="Include rules that are off by default.")
@click.option(
    "--rules",
    "extra_rules",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="A rule file or folder to list besides the built-in rules.",
)
def list_rules(category: str | None, show_all: bool, extra_rules: tuple[Path, ...]) -> None:
    """List the rules: id, category, severity and what each matches."""
    rule_set = _load_rule_set(extra_rules)
    shown = [
        r
        for r in rule_set
        if (show_all or r.enabled) and (category is None or r.category == category)
    ]
    if category and not shown:
        _fail(f"no rules in category {category!r}; categories: {', '.join(rule_set.categories)}")
    id_width = max((len(r.id) for r in shown), default=2)
    cat_width = max((len(r.category) for r in shown), default=8)
    for rule in shown:
        state = "" if rule.enabled else " (off by default)"
        click.echo(
            f"{rule.id:<{id_width}}  {rule.category:<{cat_width}}  {rule.severity:<7}  "
            f"{_describe_terms(rule)}{state}"
        )
    click.echo(f"{len(shown)} rules", err=True)


@main.command()
@click.argument("rule_id")
@click.option(
    "--rules",
    "extra_rules",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="A rule file or folder to search besides the built-in rules.",
)
def explain(rule_id: str, extra_rules: tuple[Path, ...]) -> None:
    """Explain a rule: why it matters, what to write instead, and where to learn more."""
    rule_set = _load_rule_set(extra_rules)
    rule = rule_set.get(rule_id)
    if rule is None:
        close = difflib.get_close_matches(rule_id, [r.id for r in rule_set], n=3)
        hint = f" Did you mean: {', '.join(close)}?" if close else " See: allylint rules"
        _fail(f"unknown rule id {rule_id!r}.{hint}")
        return
    click.echo(click.style(f"{rule.id}", bold=True) + f"  ({rule.category}, {rule.severity})")
    click.echo(f"Matches: {_describe_terms(rule)}")
    click.echo(f"\nWhy it matters\n  {rule.message}")
    click.echo("\nWhat to write instead (best first)")
    for alternative in rule.alternatives:
        when = f" - {alternative.when}" if alternative.when else ""
        click.echo(f"  - {alternative.text}{when}")
    if rule.fix:
        click.echo(f"\nSafe automatic fix: {rule.fix}")
    if rule.sources:
        click.echo("\nGuidance this rule follows")
        for source in rule.sources:
            click.echo(f"  - {source}")
    try:
        topics = load_topics()
    except TopicError as error:
        raise _AllylintError(str(error)) from error
    click.echo("\nLearn more")
    for topic_id in rule.learn:
        topic = topics.get(topic_id)
        summary = f"{topic.title}: {topic.summary}" if topic else "(topic not installed)"
        click.echo(f"  - {summary}\n    allylint learn {topic_id}")
