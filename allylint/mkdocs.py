"""The MkDocs plugin: ``plugins: [allylint]`` in ``mkdocs.yml`` checks every page.

Each finding is a build warning naming the page's file, line and column, so
``mkdocs build --strict`` fails; findings below the project's ``fail-on``
severity are logged as notes instead. Options::

    plugins:
      - allylint:
          fail_on: error          # error, warning, info or never
          config: .allylint.yaml  # relative to mkdocs.yml; default: found upwards

A page is checked as its author wrote it, front matter and all, so that lines
and columns are those of the file; MkDocs calls the plugin for each page it
builds, with the page's source already read.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from allylint.config.loader import FAIL_ON_CHOICES
from allylint.formats.registry import format_for
from allylint.project import ProjectChecker, ProjectError, load_project_checker
from allylint.report.describe import headline, learn_more, location

log = get_plugin_logger(__name__)


class AllylintPluginConfig(base.Config):
    fail_on = options.Optional(options.Choice(FAIL_ON_CHOICES))
    config = options.Optional(options.File(exists=True))


class AllylintPlugin(BasePlugin[AllylintPluginConfig]):
    def __init__(self) -> None:
        self.checker: ProjectChecker | None = None
        self.project_dir = Path.cwd()

    def on_config(self, config: Any) -> None:
        self.project_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        explicit = Path(self.config.config) if self.config.config else None
        try:
            self.checker = load_project_checker(
                Path(config.docs_dir), explicit, self.config.fail_on
            )
        except ProjectError as error:
            raise PluginError(f"allylint: {error}") from error

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: Any, files: Any) -> None:
        checker = self.checker
        if checker is None:
            return
        source = page.file.abs_src_path
        if source is not None and checker.excludes(Path(source)):
            return
        shown = os.path.relpath(source, self.project_dir) if source else page.file.src_uri
        input_format = format_for(page.file.src_uri) or "markdown"
        result = checker.check(page.file.content_string, Path(shown).as_posix(), input_format)
        for finding in result.findings:
            message = (
                f"{location(finding)}: {headline(finding)} [{finding.rule_id}]. "
                f"{learn_more(finding.rule_id)}"
            )
            if checker.fails(finding):
                log.warning(message)
            else:
                log.info(message)
        for notice in result.notices:
            log.warning(str(notice))
