"""The Sphinx extension: ``extensions = ["allylint.sphinx"]`` checks every document.

Each finding becomes a Sphinx warning at its source file and line (type
``allylint``, subtype the rule id, so ``suppress_warnings = ["allylint.master"]``
works), and ``sphinx-build -W`` turns them into a failed build. Findings below
the project's ``fail-on`` severity are logged as notes instead. Options in
``conf.py``: ``allylint_fail_on`` (error, warning, info or never) and
``allylint_config`` (a configuration file, relative to ``conf.py``; otherwise
the nearest ``.allylint.yaml`` or ``pyproject.toml`` above the source folder).

What is checked is the doctree Sphinx parsed, not a second parse of the source:
every directive and role of Sphinx and of the project's other extensions has
run, so there is no "unknown directive" noise, code blocks, literals and raw
content are left out the way they are from the reStructuredText reader, and
docutils' directive registry is never touched. The text of each prose block is
located in the file it was read from (the document, or a file it includes), so a
finding has that file's exact line and column. The check runs as a read-only
transform just before smart quotes rewrite quotes and dashes that the source
has, so it runs in each reading process of a parallel build (``-j``) and keeps
nothing in the environment.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from allylint.discovery.sources import read_source
from allylint.findings.model import Finding
from allylint.formats.registry import format_for
from allylint.formats.rst import doctree_segments
from allylint.project import ProjectChecker, ProjectError, load_project_checker
from allylint.report.describe import headline, learn_more
from allylint.version import __version__

logger = logging.getLogger(__name__)

# Sphinx's SmartQuotes transform runs at 750 and rewrites quotes and dashes ('--'
# becomes an en dash), after which the text would no longer be found in the source.
_BEFORE_SMART_QUOTES = 745


@functools.cache
def _checker(
    source_dir: str, config_dir: str, config_file: str | None, fail_on: str | None
) -> ProjectChecker:
    explicit = Path(config_dir, config_file) if config_file else None
    return load_project_checker(Path(source_dir), explicit, fail_on)


def _project_checker(app: Sphinx) -> ProjectChecker:
    return _checker(
        str(app.srcdir), str(app.confdir), app.config.allylint_config, app.config.allylint_fail_on
    )


def _load_configuration(app: Sphinx) -> None:
    """Load the configuration before any document is read: a mistake in it stops the
    build at once with the file, line and key. SystemExit, not a Sphinx error, which
    Sphinx would show as a crash, with a traceback and a plea to report it."""
    try:
        _project_checker(app)
    except ProjectError as error:
        raise SystemExit(f"allylint: {error}") from error


class CheckDocument(SphinxTransform):
    """Checks the prose of the document just parsed; reads the doctree, changes nothing."""

    default_priority = _BEFORE_SMART_QUOTES

    def apply(self, **kwargs: Any) -> None:
        checker = _project_checker(self.app)
        for source in _source_files(self.document):
            path = Path(source).resolve()
            if checker.excludes(path):
                continue
            text, notice = read_source(path, str(path))
            if text is None:
                if notice is not None:
                    logger.warning(notice.message, location=str(path), type="allylint")
                continue
            input_format = format_for(path) or "rst"
            segments = doctree_segments(self.document, text.text, source)
            result = checker.check(text.text, str(path), input_format, segments)
            for finding in result.findings:
                _report(checker, finding, f"{path}:{finding.line}")
            for notice in result.notices:
                logger.warning(notice.message, location=notice.path, type="allylint")


def _source_files(document: nodes.document) -> list[str]:
    """The files the document's text was read from: the document itself and the files
    it includes, in order. Generated text names no file ("x.py:docstring of f")."""
    sources: dict[str, None] = {}
    for node in document.findall(nodes.Element):
        source = node.source
        if source and source not in sources and Path(source).is_file():
            sources[source] = None
    return list(sources)


def _report(checker: ProjectChecker, finding: Finding, location: str) -> None:
    message = f"{headline(finding)} (column {finding.column}). {learn_more(finding.rule_id)}"
    if checker.fails(finding):
        logger.warning(message, location=location, type="allylint", subtype=finding.rule_id)
    else:
        logger.info(message, location=location)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("allylint_fail_on", None, "env", types=frozenset({str, type(None)}))
    app.add_config_value("allylint_config", None, "env", types=frozenset({str, type(None)}))
    app.connect("builder-inited", _load_configuration)
    app.add_transform(CheckDocument)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
