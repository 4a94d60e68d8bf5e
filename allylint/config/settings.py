"""Settings: a configuration and the command line's overrides, resolved into what a check uses.

This is the one place where configuration takes effect, for the command line,
the Python API and worker processes alike: the rule set (built-in rules,
``extend-rules`` and ``--rules`` loaded; ``select``, ``ignore`` and
``severity`` applied), the allowed phrases, the languages checked, the exclusions, ``fail-on`` and
the output format. Every name and value is validated here, once; every
problem is a ``SettingsError`` whose message names the file, key and value, or
the option. Settings are plain data, so a worker process receives them as they
are.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from allylint.config.loader import (
    FAIL_ON_CHOICES,
    Config,
    ConfigError,
    check_patterns,
    find_config_file,
    load_config_file,
)
from allylint.config.profiles import builtin_profiles
from allylint.discovery.walk import Exclusions
from allylint.findings.suppressions import DIRECTIVE_RULES
from allylint.printable import bounded_repr
from allylint.report.registry import FORMATS
from allylint.rules.loader import RuleError, builtin_rules, load_rules
from allylint.rules.model import SEVERITIES, Rule, RuleSet


class SettingsError(ValueError):
    """Configuration, rule files or options that cannot be used; the message says where."""


@dataclass(frozen=True)
class Overrides:
    """What the command line (or an API caller) puts over the configuration file.

    Empty values mean "not given". ``select``, ``fail_on`` and ``output_format``
    replace the file's values; ``extend_select`` adds to the selection; ``ignore``
    patterns, ``exclude`` patterns and ``rule_files`` are added to the file's, so
    that a rule the project turned off stays off (docs/configuration.md has the
    table)."""

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    rule_files: tuple[Path, ...] = ()
    profile: str | None = None
    fail_on: str | None = None
    output_format: str | None = None


@dataclass(frozen=True)
class Settings:
    rules: RuleSet  # every rule loaded, each enabled or not and with its severity as configured
    # The codes of findings about suppression directives, configured like rules.
    directive_rules: tuple[Rule, ...] = DIRECTIVE_RULES
    allow: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("en",)
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    profile: str = "strict"  # its severities are the rule set's ``reported``
    fail_on: str = "warning"
    output_format: str = "text"
    config: Config = field(default_factory=Config)  # the file's values, as read
    # The configuration's folder (else the current one): exclude patterns are
    # relative to it and the result cache lives in it.
    config_dir: Path = Path(".")
    # Fingerprints name files relative to this folder, so that a baseline matches
    # however the paths are written: the configuration's folder, else the
    # enclosing git repository, else the current folder.
    project_root: Path = Path(".")

    @property
    def directive_rules_in_force(self) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.directive_rules if rule.enabled)

    def exclusions(self) -> Exclusions | None:
        if not self.exclude:
            return None
        import pathspec

        return Exclusions(pathspec.GitIgnoreSpec.from_lines(self.exclude), self.config_dir)

    def ignored_in(self, path: Path, rule_id: str, category: str) -> bool:
        """Does ``per-file-ignores`` leave this rule (or its category) out in ``path``?"""
        if not self.per_file_ignores:
            return False
        try:
            relative = path.resolve().relative_to(self.config_dir.resolve()).as_posix()
        except ValueError:  # outside the configuration's folder: no pattern applies
            return False
        return any(
            (rule_id in names or category in names) and _pattern(pattern).match_file(relative)
            for pattern, names in self.per_file_ignores
        )

    def fails(self, severity: str) -> bool:
        """Does a finding of this severity make the check fail (``fail-on``)?"""
        if self.fail_on == "never":
            return False
        return SEVERITIES.index(severity) <= SEVERITIES.index(self.fail_on)


@functools.cache
def _pattern(pattern: str) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines([pattern])


def project_root(config: Config) -> Path:
    """The configuration's folder, else the enclosing git repository, else the cwd."""
    if config.path is not None:
        return config.path.parent.resolve()
    here = Path.cwd().resolve()
    return next((folder for folder in (here, *here.parents) if (folder / ".git").exists()), here)


def _rule_set(config: Config, overrides: Overrides, rules: RuleSet | None) -> RuleSet:
    extra = [*config.extend_rules, *overrides.rule_files]
    try:
        base = builtin_rules() if rules is None else rules
        return load_rules(extra, base=base) if extra else base
    except RuleError as error:
        raise SettingsError(f"invalid rules: {error}") from error


def _check_names(config: Config, overrides: Overrides, known: frozenset[str]) -> None:
    """Every rule id or category named must exist; each problem is told where it was named."""
    for key in ("select", "extend_select", "ignore"):
        given: tuple[str, ...] = getattr(overrides, key)
        unknown = [name for name in given if name not in known]
        if unknown:
            option = "--" + key.replace("_", "-")
            raise SettingsError(
                f"{option}: unknown rule id or category {bounded_repr(unknown[0])}; "
                "see: allylint rules"
            )
    per_file = [
        (f"per-file-ignores.{bounded_repr(pattern)[1:-1]}", "per-file-ignores", names)
        for pattern, names in config.per_file_ignores
    ]
    for key, top_key, names in (
        ("select", "select", () if overrides.select else config.select),
        ("ignore", "ignore", config.ignore),
        ("severity", "severity", tuple(config.severity)),
        *per_file,
    ):
        for name in names:
            if name not in known:
                problem = (
                    f"unknown rule id or category {bounded_repr(name)}{_did_you_mean(name, known)}"
                )
                error = ConfigError(config.path, key, problem, config.line_of(top_key))
                raise SettingsError(f"invalid configuration: {error}")


def _did_you_mean(name: str, known: frozenset[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else "; see: allylint rules"


def _check_choices(overrides: Overrides) -> None:
    for option, value, choices in (
        ("--profile", overrides.profile, builtin_profiles().names),
        ("--fail-on", overrides.fail_on, FAIL_ON_CHOICES),
        ("--format", overrides.output_format, FORMATS),
    ):
        if value is not None and value not in choices:
            raise SettingsError(
                f"{option}: {bounded_repr(value)} is not one of {', '.join(choices)}"
            )


def _configured(
    rules: RuleSet,
    select: Sequence[str],
    extend_select: Sequence[str],
    ignore: Sequence[str],
    config: Config,
    reported: tuple[str, ...],
) -> RuleSet:
    """``rules`` with the selection, the severities and the profile's ``reported``
    severities applied."""
    configured = []
    for rule in rules:
        names = {rule.id, rule.category}
        enabled = bool(names & set(select)) if select else rule.enabled
        enabled = enabled or bool(names & set(extend_select))
        if names & set(ignore):
            enabled = False
        severity = config.severity.get(rule.id, config.severity.get(rule.category))
        if severity is None:
            configured.append(dataclasses.replace(rule, enabled=enabled))
            continue
        # A configured severity is the rule's for every term, whatever a term says.
        terms = tuple(dataclasses.replace(term, severity=None) for term in rule.terms)
        configured.append(
            dataclasses.replace(rule, enabled=enabled, severity=severity, terms=terms)
        )
    return RuleSet(tuple(configured), reported)


def resolve(
    config: Config, overrides: Overrides = Overrides(), rules: RuleSet | None = None
) -> Settings:
    """The settings ``config`` and ``overrides`` make, over ``rules`` (default: the
    built-in pack). Raises SettingsError."""
    try:
        check_patterns(overrides.exclude, None)
    except ConfigError as error:
        raise SettingsError(f"--exclude: {error.problem}") from error
    _check_choices(overrides)
    rule_set = _rule_set(config, overrides, rules)
    _check_names(config, overrides, rule_set.names | RuleSet(DIRECTIVE_RULES).names)
    select = overrides.select or config.select
    ignore = (*config.ignore, *overrides.ignore)
    profile = builtin_profiles().get(overrides.profile or config.profile)
    configured = [
        _configured(found, select, overrides.extend_select, ignore, config, profile.reports)
        for found in (rule_set, RuleSet(DIRECTIVE_RULES))
    ]
    # A directive code is a rule without terms: the profile decides by its severity.
    directive_rules = tuple(
        dataclasses.replace(rule, enabled=rule.enabled and rule.severity in profile.reports)
        for rule in configured[1]
    )
    return Settings(
        rules=configured[0],
        directive_rules=directive_rules,
        profile=profile.name,
        allow=config.allow,
        names=config.names,
        languages=config.languages,
        exclude=(*config.exclude, *overrides.exclude),
        per_file_ignores=config.per_file_ignores,
        fail_on=overrides.fail_on or config.fail_on,
        output_format=overrides.output_format or config.format or "text",
        config=config,
        config_dir=config.root,
        project_root=project_root(config),
    )


def load_settings(
    paths: Sequence[Path] = (),
    *,
    config_file: Path | None = None,
    overrides: Overrides = Overrides(),
    rules: RuleSet | None = None,
) -> Settings:
    """The settings for checking ``paths``: ``config_file``, else the one configuration
    of the run, resolved.

    A run has one configuration: the nearest file at or above every path (or the
    current folder). Paths under different configurations are an error, whatever
    their order, rather than some files checked with another project's settings."""
    try:
        path = config_file or _run_config_file(paths)
        config = load_config_file(path) if path else Config()
    except ConfigError as error:
        raise SettingsError(f"invalid configuration: {error}") from error
    return resolve(config, overrides, rules)


def _run_config_file(paths: Sequence[Path]) -> Path | None:
    found = {path: find_config_file(path) for path in sorted(paths or [Path.cwd()], key=str)}
    first, first_file = next(iter(found.items()))
    for path, file in found.items():
        if file != first_file:
            raise SettingsError(
                f"{first} is configured by {first_file or '(no file)'} and {path} by "
                f"{file or '(no file)'}: check each project in a run of its own, or pass --config"
            )
    return first_file
