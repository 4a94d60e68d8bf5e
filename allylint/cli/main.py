"""The ``allylint`` command line.

Exit codes: 0 when nothing at or above ``--fail-on`` was found, 1 when
something was, 2 for usage, configuration or rule errors.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

import click
import yaml

from allylint.config.loader import CONFIG_FILES, FAIL_ON_CHOICES, STARTER, Config
from allylint.config.settings import Overrides, Settings, SettingsError, load_settings, resolve
from allylint.report.describe import describe
from allylint.report.learn import topic_markdown, topics_markdown
from allylint.report.registry import FORMATS, OUTPUT_FORMATS
from allylint.report.terminal import echo_markdown
from allylint.report.topics import TopicError, load_topics
from allylint.rules.loader import RuleError, builtin_rules
from allylint.rules.model import RuleSet
from allylint.run.check import EXIT_ERROR, CheckRequest, CheckRun, RunError, read_stdin
from allylint.run.workers import default_jobs
from allylint.version import __version__


def use_color(stream: object, no_color: bool) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class _AllylintError(click.ClickException):
    exit_code = EXIT_ERROR


def _settings(paths: Sequence[Path], config_file: Path | None, overrides: Overrides) -> Settings:
    try:
        return load_settings(paths, config_file=config_file, overrides=overrides)
    except SettingsError as error:
        raise _AllylintError(str(error)) from error


def _load_rule_set(extra: Sequence[Path]) -> RuleSet:
    """The built-in rules plus ``extra`` rule files, unconfigured (for rules and explain)."""
    try:
        return resolve(Config(), Overrides(rule_files=tuple(extra))).rules
    except SettingsError as error:
        raise _AllylintError(str(error)) from error


def split_names(values: Iterable[str]) -> tuple[str, ...]:
    """Repeatable options whose values may also be comma-separated."""
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


def _fail(message: str) -> None:
    raise _AllylintError(message)


def _fail_unknown(
    kind: str, name: str, known: list[str], listing: str, other: tuple[str, str] | None
) -> None:
    """Exit 2 for an unknown rule or topic, pointing to what the user probably meant."""
    if other is not None:
        hint = f" {name!r} is a {other[0]}: {other[1]} {name}"
    else:
        close = difflib.get_close_matches(name, known, n=3)
        hint = f" Did you mean: {', '.join(close)}?" if close else f" See: {listing}"
    _fail(f"unknown {kind} {name!r}.{hint}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="allylint")
def main() -> None:
    """allylint: find exclusionary language in docs and code comments, and learn why."""


FC = TypeVar("FC", bound=Callable[..., object])


def _names_option(name: str, help_text: str) -> Callable[[FC], FC]:
    return click.option(name, multiple=True, metavar="RULES", help=help_text)


_CONFIG_OPTION = click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Use this configuration file instead of searching for one.",
)


def _rules_option(verb: str) -> Callable[[FC], FC]:
    return click.option(
        "--rules",
        "extra_rules",
        multiple=True,
        type=click.Path(exists=True, path_type=Path),
        help=f"A rule file or folder to {verb} besides the built-in rules (repeatable).",
    )


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format (default: the configuration's, else text): "
    + "; ".join(f"{entry.name}, {entry.help}" for entry in OUTPUT_FORMATS.values())
    + ".",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON_CHOICES),
    default=None,
    help="Exit 1 when a finding of this severity or higher is found [default: warning].",
)
@click.option("--stdin", "from_stdin", is_flag=True, help="Check text read from standard input.")
@click.option(
    "--stdin-filename",
    default="<stdin>",
    show_default=True,
    help="The name (and so the format) of the text read with --stdin.",
)
@click.option(
    "--commit-msg",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Check a git commit message file (skipping # comments and the diff of -v).",
)
@_CONFIG_OPTION
@_names_option("--select", "Only these rule ids or categories (comma-separated, repeatable).")
@_names_option("--ignore", "Leave out these rule ids or categories.")
@click.option(
    "--exclude",
    multiple=True,
    metavar="PATTERN",
    help="Skip paths matching this .gitignore-style pattern (repeatable).",
)
@_rules_option("use")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file; a summary still goes to the terminal.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no summary or notices.")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule made.")
@click.option(
    "--baseline",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Report only findings that are not in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record the current findings in this baseline file and exit 0.",
)
@click.option(
    "--changed-since",
    metavar="REF",
    help="Check only lines changed since this git ref (and untracked files).",
)
@click.option(
    "--report-unused-directives",
    is_flag=True,
    help="List suppression directives that suppressed nothing.",
)
@click.option(
    "--fix", is_flag=True, help="Apply safe fixes in place (with --stdin: print the fixed text)."
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Print the safe fixes as a unified diff; change nothing.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes for large scans (default 0: one per core).",
)
@click.option(
    "--identifiers",
    is_flag=True,
    help="Also check identifiers in code, split at camelCase and snake_case (whitelistIps).",
)
@click.option("--no-cache", is_flag=True, help="Do not read or write .allylint_cache/.")
@click.option("--no-color", is_flag=True, help="Do not colour the output (NO_COLOR works too).")
def check(
    paths: tuple[Path, ...],
    output_format: str | None,
    fail_on: str | None,
    from_stdin: bool,
    stdin_filename: str,
    commit_msg: Path | None,
    config_file: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    exclude: tuple[str, ...],
    extra_rules: tuple[Path, ...],
    output: Path | None,
    quiet: bool,
    statistics: bool,
    baseline: Path | None,
    write_baseline: Path | None,
    changed_since: str | None,
    report_unused_directives: bool,
    fix: bool,
    show_diff: bool,
    jobs: int,
    identifiers: bool,
    no_cache: bool,
    no_color: bool,
) -> None:
    """Check files and folders (default: the current folder) for exclusionary language.

    Folders are searched recursively for files of known formats, skipping what
    .gitignore and .allylintignore ignore; files named explicitly are always checked.
    """
    if sum([from_stdin, bool(paths), commit_msg is not None]) > 1:
        _fail("give only one of: paths, --stdin, --commit-msg")
    overrides = Overrides(
        select=split_names(select),
        ignore=split_names(ignore),
        exclude=exclude,
        rule_files=extra_rules,
        fail_on=fail_on,
        output_format=output_format,
    )
    settings = _settings(paths, config_file, overrides)
    request = CheckRequest(
        paths=paths,
        stdin=read_stdin() if from_stdin else None,
        stdin_filename=stdin_filename,
        commit_msg=commit_msg,
        output=output,
        quiet=quiet,
        statistics=statistics,
        color=use_color(sys.stdout, no_color),
        progress=sys.stderr.isatty(),
        baseline=baseline,
        write_baseline=write_baseline,
        changed_since=changed_since,
        report_unused_directives=report_unused_directives,
        fix=fix,
        diff=show_diff,
        jobs=jobs or default_jobs(),
        cache=not no_cache,
        identifiers=identifiers,
    )
    try:
        code = CheckRun(request, settings).run()
    except RunError as error:
        raise _AllylintError(str(error)) from error
    sys.exit(code)


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .allylint.yaml.")
def init(force: bool) -> None:
    """Write a commented starter configuration to .allylint.yaml."""
    target = Path(CONFIG_FILES[0])
    if target.exists() and not force:
        _fail(f"{target} already exists (use --force to overwrite)")
    target.write_text(STARTER, encoding="utf-8")
    click.echo(f"wrote {target}")


@main.command("config")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@_CONFIG_OPTION
def show_config(path: Path | None, config_file: Path | None) -> None:
    """Print the effective configuration for PATH (default: the current folder)."""
    config = _settings([path] if path else [], config_file, Overrides()).config
    source = str(config.path) if config.path else "(none found; defaults)"
    click.echo(f"# configuration file: {source}")
    click.echo(yaml.safe_dump(config.to_yaml_data(), sort_keys=False, allow_unicode=True), nl=False)


@main.command("rules")
@click.option("--category", help="Only rules of this category.")
@click.option("--all", "show_all", is_flag=True, help="Include rules that are off by default.")
@_rules_option("list")
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
            f"{describe(rule).terms}{state}"
        )
    click.echo(f"{len(shown)} rules", err=True)


@main.command()
@click.argument("rule_id")
@_rules_option("search")
@click.option("--no-color", is_flag=True, help="Do not style the output (NO_COLOR works too).")
def explain(rule_id: str, extra_rules: tuple[Path, ...], no_color: bool) -> None:
    """Explain a rule: why it matters, what to write instead, and where to learn more.

    On a terminal the text is laid out for reading; on a pipe it is Markdown,
    ready to paste into a review comment.
    """
    rule_set = _load_rule_set(extra_rules)
    try:
        topics = load_topics()
    except TopicError as error:
        raise _AllylintError(str(error)) from error
    rule = rule_set.get(rule_id)
    if rule is None:
        _fail_unknown(
            "rule id",
            rule_id,
            [r.id for r in rule_set],
            "allylint rules",
            other=("topic", "allylint learn") if rule_id in topics else None,
        )
        return
    echo_markdown(describe(rule, topics).markdown(), no_color)


@main.command()
@click.argument("topic_id", metavar="[TOPIC]", required=False)
@click.option("--no-color", is_flag=True, help="Do not style the output (NO_COLOR works too).")
def learn(topic_id: str | None, no_color: bool) -> None:
    """Learn why inclusive wording matters: list the topics, or read one.

    Foundations explain the thinking; each category topic explains one group
    of rules and lists them. On a terminal the text is laid out for reading; on
    a pipe it is Markdown.
    """
    try:
        topics = load_topics()
        rules = list(builtin_rules())
    except (TopicError, RuleError) as error:
        raise _AllylintError(str(error)) from error
    if topic_id is None:
        echo_markdown(topics_markdown(topics, rules), no_color)
        return
    topic = topics.get(topic_id)
    if topic is None:
        is_rule = any(rule.id == topic_id for rule in rules)
        _fail_unknown(
            "topic",
            topic_id,
            list(topics),
            "allylint learn",
            other=("rule", "allylint explain") if is_rule else None,
        )
        return
    echo_markdown(topic_markdown(topic, rules), no_color)
