"""The ``allylint`` command line.

Exit codes: 0 when nothing at or above ``--fail-on`` was found, 1 when
something was, 2 for usage, configuration or rule errors.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

import click
import yaml

from allylint.cli.listing import rule_lines
from allylint.config.loader import CONFIG_FILES, FAIL_ON_CHOICES, STARTER
from allylint.config.profiles import builtin_profiles
from allylint.config.settings import Overrides, Settings, SettingsError, load_settings
from allylint.fileio import error_reason, write_file
from allylint.findings.suppressions import DIRECTIVE_RULES, UNUSED_SUPPRESSION
from allylint.printable import escape
from allylint.report.describe import describe
from allylint.report.learn import topic_markdown, topics_markdown
from allylint.report.registry import FORMATS, OUTPUT_FORMATS
from allylint.report.terminal import echo_markdown
from allylint.report.topics import TopicError, load_topics
from allylint.rules.loader import RuleError, builtin_rules
from allylint.run.check import (
    EXIT_ERROR,
    CheckRequest,
    CheckRun,
    RunError,
    read_stdin,
)
from allylint.schemas import SCHEMAS, schema_text
from allylint.version import __version__


def use_color(stream: object, no_color: bool) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


class _AllylintError(click.ClickException):
    exit_code = EXIT_ERROR

    def format_message(self) -> str:
        # Messages name files and quote values from the repository: one safe line.
        return escape(self.message)


def _settings(paths: Sequence[Path], config_file: Path | None, overrides: Overrides) -> Settings:
    try:
        return load_settings(paths, config_file=config_file, overrides=overrides)
    except SettingsError as error:
        raise _AllylintError(str(error)) from error


def _settings_here(
    extra: Sequence[Path], config_file: Path | None, profile: str | None = None
) -> Settings:
    """What ``check`` here uses: the configuration found (or ``config_file``), ``extra``."""
    return _settings([], config_file, Overrides(rule_files=tuple(extra), profile=profile))


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


_PROFILE_OPTION = click.option(
    "--profile",
    type=click.Choice(builtin_profiles().names),
    help=f"Which severities to report [default: {builtin_profiles().default}]: "
    "docs/configuration.md.",
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
@_PROFILE_OPTION
@click.option("--exit-zero", is_flag=True, help="Exit 0 whatever is found (--fail-on never).")
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
@_names_option(
    "--select",
    "Only these rule ids or categories (comma-separated, repeatable), instead of the "
    "configuration's selection.",
)
@_names_option("--extend-select", "Also use these rule ids or categories.")
@_names_option(
    "--ignore", "Leave out these rule ids or categories, besides the configuration's ignore."
)
@_names_option("--extend-ignore", "The same as --ignore.")
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
    help="Report suppression directives that suppressed nothing (--extend-select "
    "unused-suppression).",
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
    help="Worker processes for large scans (default 0: chosen from the amount of work, "
    "at most one per core).",
)
@click.option(
    "--identifiers",
    is_flag=True,
    help="Also check identifiers in code, split at camelCase and snake_case (whitelistIps).",
)
@click.option(
    "--show-fixes",
    is_flag=True,
    help="Show the safe fix of each finding that has one; change nothing.",
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="ALLYLINT_CACHE_DIR",
    help="Keep the result cache in this folder [default: .allylint_cache beside the "
    "configuration; env: ALLYLINT_CACHE_DIR].",
)
@click.option("--no-color", is_flag=True, help="Do not colour the output (NO_COLOR works too).")
def check(
    paths: tuple[Path, ...],
    output_format: str | None,
    fail_on: str | None,
    profile: str | None,
    exit_zero: bool,
    from_stdin: bool,
    stdin_filename: str,
    commit_msg: Path | None,
    config_file: Path | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_ignore: tuple[str, ...],
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
    show_fixes: bool,
    no_cache: bool,
    cache_dir: Path | None,
    no_color: bool,
) -> None:
    """Check files and folders (default: the current folder) for exclusionary language.

    Folders are searched recursively for files of known formats, skipping what
    .gitignore and .allylintignore ignore; files named explicitly are always checked.
    """
    if sum([from_stdin, bool(paths), commit_msg is not None]) > 1:
        _fail("give only one of: paths, --stdin, --commit-msg")
    # Reporting unused directives is selecting their code, as the configuration can.
    unused = (UNUSED_SUPPRESSION.id,) if report_unused_directives else ()
    overrides = Overrides(
        select=split_names(select),
        extend_select=(*split_names(extend_select), *unused),
        ignore=split_names(ignore + extend_ignore),
        exclude=exclude,
        rule_files=extra_rules,
        profile=profile,
        fail_on="never" if exit_zero else fail_on,
        output_format=output_format,
    )
    settings = _settings(paths, config_file, overrides)
    if output_format is None and settings.config.format is None and _in_github_actions():
        # As yamllint does: annotations on the pull request when nothing else was asked for.
        settings = dataclasses.replace(settings, output_format="github")
    request = CheckRequest(
        paths=paths,
        stdin=_read_stdin() if from_stdin else None,
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
        fix=fix,
        diff=show_diff,
        jobs=jobs,
        cache=not no_cache,
        cache_dir=cache_dir,
        identifiers=identifiers,
        show_fixes=show_fixes,
    )
    try:
        code = CheckRun(request, settings).run()
    except RunError as error:
        raise _AllylintError(str(error)) from error
    sys.exit(code)


def _read_stdin() -> bytes:
    try:
        return read_stdin()
    except OSError as error:
        raise _AllylintError(f"--stdin: {error_reason(error)}") from error


@main.command()
@click.option(
    "--stdio",
    is_flag=True,
    help="Talk over standard input and output (the only transport; editors pass it).",
)
def server(stdio: bool) -> None:
    """Run the language server for editors (Language Server Protocol over stdio).

    Set-ups for VS Code, Neovim, Helix, Emacs and Sublime Text: docs/editors.md.
    """
    from allylint.server.worker import Checker

    # Started first: spaCy loads in the checking process while the protocol loads here.
    checker = Checker()
    from allylint.server.protocol import serve

    serve(checker)


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .allylint.yaml.")
def init(force: bool) -> None:
    """Write a commented starter configuration to .allylint.yaml."""
    target = Path(CONFIG_FILES[0])
    if os.path.lexists(target) and not force:
        _fail(f"{target} already exists (use --force to overwrite)")
    try:
        write_file(target, STARTER.encode("utf-8"))
    except OSError as error:
        _fail(f"cannot write {target}: {error_reason(error)}")
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


@main.command("schema")
@click.argument("name", type=click.Choice(SCHEMAS))
def show_schema(name: str) -> None:
    """Print the JSON Schema of rule files (rules), of the configuration (config) or of
    lexicon files (lexicons).

    Editors complete and check these files with it: docs/schemas.md.
    """
    click.echo(schema_text(name), nl=False)


@main.command("rules")
@click.option("--category", help="Only rules of this category.")
@click.option("--all", "show_all", is_flag=True, help="Include rules that are off.")
@_PROFILE_OPTION
@_rules_option("list")
@_CONFIG_OPTION
def list_rules(
    category: str | None,
    show_all: bool,
    profile: str | None,
    extra_rules: tuple[Path, ...],
    config_file: Path | None,
) -> None:
    """List the rules in force here: id, category, severity and what each matches.

    The configuration (select, ignore, severity, extend-rules, profile) applies, as
    in check; a rule or some of its terms that the profile does not report say so.
    """
    settings = _settings_here(extra_rules, config_file, profile)
    rule_set = settings.rules
    shown = [
        r
        for r in rule_set
        if (show_all or r.enabled) and (category is None or r.category == category)
    ]
    if category and not shown:
        _fail(f"no rules in category {category!r}; categories: {', '.join(rule_set.categories)}")
    for line in rule_lines(shown, rule_set.reported, settings.profile):
        click.echo(line)
    reported = ", ".join(rule_set.reported)
    click.echo(f"{len(shown)} rules; profile {settings.profile} reports {reported}", err=True)


@main.command()
@click.argument("rule_id")
@_rules_option("search")
@_CONFIG_OPTION
@click.option("--no-color", is_flag=True, help="Do not style the output (NO_COLOR works too).")
def explain(
    rule_id: str, extra_rules: tuple[Path, ...], config_file: Path | None, no_color: bool
) -> None:
    """Explain a rule: why it matters, what to write instead, and where to learn more.

    The configuration's extend-rules are known, as in check. On a terminal the
    text is laid out for reading; on a pipe it is Markdown, ready to paste into a
    review comment.
    """
    rule_set = _settings_here(extra_rules, config_file).rules
    try:
        topics = load_topics()
    except TopicError as error:
        raise _AllylintError(str(error)) from error
    directive_rule = next((r for r in DIRECTIVE_RULES if r.id == rule_id), None)
    if directive_rule is not None:
        echo_markdown(
            f"# {directive_rule.id}\n\n{directive_rule.message}\n\n"
            "Suppression directives and their problems: docs/suppressions.md\n",
            no_color,
        )
        return
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
