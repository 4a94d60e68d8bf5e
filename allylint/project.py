"""A project's configured checker, for the integrations that run inside other tools.

The Sphinx extension and the MkDocs plugin check documents one at a time while
their tool builds the site. ``load_project_checker`` is the one place where they
load the project's configuration (found by walking up from the docs folder, or
named explicitly) and its rules, so that a build checks exactly what
``allylint check`` would: the same selection, severities, allowed phrases,
team rules and excluded paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from allylint.api import FileResult, check_text
from allylint.config.loader import FAIL_ON_CHOICES, Config, ConfigError, load_config
from allylint.engine.core import Engine
from allylint.findings.model import SEVERITY_ORDER, Finding
from allylint.formats.segments import Segment
from allylint.resources import builtin_rules_dir
from allylint.rules.model import RuleError, load_rules
from allylint.run.workers import configured_engine


class ProjectError(ValueError):
    """The project's configuration or rules are invalid; the message says where."""


@dataclass(frozen=True)
class ProjectChecker:
    engine: Engine
    config: Config

    @property
    def fail_on(self) -> str:
        return self.config.fail_on

    def excludes(self, path: Path) -> bool:
        """Whether the configuration's ``exclude`` patterns leave ``path`` out."""
        exclusions = self.config.exclusions()
        return exclusions is not None and exclusions.excludes(path)

    def fails(self, finding: Finding) -> bool:
        """Whether a finding is at or above ``fail-on``: the integrations report those as
        warnings, which a strict build turns into a failure, and the rest as notes."""
        threshold = SEVERITY_ORDER.get(self.fail_on)
        return threshold is not None and SEVERITY_ORDER[finding.severity] >= threshold

    def check(
        self, text: str, path: str, fmt: str, segments: list[Segment] | None = None
    ) -> FileResult:
        """Findings and notices for one document's ``text``, shown as ``path``."""
        return check_text(self.engine, text, path, fmt, segments=segments)


def load_project_checker(
    start: Path, config_file: Path | None = None, fail_on: str | None = None
) -> ProjectChecker:
    """The checker for the project around ``start`` (a folder or file).

    ``config_file`` replaces the search for a configuration file; ``fail_on``
    replaces the file's ``fail-on``. Raises ProjectError naming the file, line and
    key of a problem."""
    if fail_on is not None and fail_on not in FAIL_ON_CHOICES:
        raise ProjectError(f"fail_on: {fail_on!r} is not one of {', '.join(FAIL_ON_CHOICES)}")
    if config_file is not None and not config_file.is_file():
        raise ProjectError(f"configuration file {str(config_file)!r} does not exist")
    try:
        config = load_config(config_file, start).with_overrides(fail_on=fail_on)
        rules = load_rules([builtin_rules_dir(), *config.extend_rules])
        engine = configured_engine(rules, config)
    except ConfigError as error:
        raise ProjectError(f"invalid configuration: {error}") from error
    except RuleError as error:
        raise ProjectError(f"invalid rules: {error}") from error
    return ProjectChecker(engine, config)
