"""A project's configured checker, for the integrations that run inside other tools.

The Sphinx extension and the MkDocs plugin check documents one at a time while
their tool builds the site. ``load_project_checker`` is the one place where they
load the project's settings (the configuration found by walking up from the
docs folder, or named explicitly, resolved by ``config.settings``), so that a
build checks exactly what ``allylint check`` would: the same selection,
severities, allowed phrases, team rules and excluded paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from allylint.api import CheckOptions, check_text, engine_for
from allylint.config.loader import FAIL_ON_CHOICES
from allylint.config.settings import Overrides, Settings, SettingsError, load_settings
from allylint.engine.core import Engine
from allylint.findings.model import FileResult, Finding
from allylint.formats.segments import Segment


class ProjectError(ValueError):
    """The project's configuration or rules are invalid; the message says where."""


@dataclass(frozen=True)
class ProjectChecker:
    engine: Engine
    settings: Settings

    def excludes(self, path: Path) -> bool:
        """Whether the configuration's ``exclude`` patterns leave ``path`` out."""
        exclusions = self.settings.exclusions()
        return exclusions is not None and exclusions.excludes(path)

    def fails(self, finding: Finding) -> bool:
        """Whether a finding is at or above ``fail-on``: the integrations report those as
        warnings, which a strict build turns into a failure, and the rest as notes."""
        return self.settings.fails(finding.severity)

    def check(
        self, text: str, path: str, input_format: str, segments: list[Segment] | None = None
    ) -> FileResult:
        """Findings and notices for one document's ``text``, shown as ``path``."""
        options = CheckOptions(directive_rules=self.settings.directive_rules_in_force)
        return check_text(self.engine, text, path, input_format, options, segments=segments)


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
        settings = load_settings(
            [start], config_file=config_file, overrides=Overrides(fail_on=fail_on)
        )
    except SettingsError as error:
        raise ProjectError(str(error)) from error
    return ProjectChecker(engine_for(settings), settings)
