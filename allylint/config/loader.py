"""Configuration files: ``.allylint.yaml`` or ``[tool.allylint]`` in ``pyproject.toml``.

The file is found by walking up from the scanned path; ``--config FILE``
overrides the search. This module reads the file and validates its values, against
the JSON Schema ``schemas/config.json`` and then by hand for what a schema cannot
say; what they and the command line's overrides make is resolved in
``config/settings.py``. Every problem is reported with the file, the key and the
value (and the line for YAML).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from allylint.config.profiles import builtin_profiles
from allylint.fileio import error_reason, read_file
from allylint.printable import bounded_repr
from allylint.rules.model import SEVERITIES
from allylint.schemas import first_problem, line_at
from allylint.yamlfile import MAX_YAML_BYTES, LineDict, YamlFileError, load_yaml

CONFIG_FILES = (".allylint.yaml", ".allylint.yml")
PYPROJECT = "pyproject.toml"
FAIL_ON_CHOICES = (*SEVERITIES, "never")
_WORD = re.compile(r"\w")

STARTER = """\
# allylint configuration. Every key is optional; the values shown are examples.
# Documentation: docs/configuration.md

# Rules or categories to use (default: all rules that are on by default).
# select: [tech-metaphors, gender, generic-pronoun]

# Rules or categories to leave out.
# ignore: [dummy-value]

# Rules or categories to leave out in some files: .gitignore patterns relative
# to this file, each with a list of rule ids or categories.
# per-file-ignores:
#   "CHANGELOG.md": [tech-metaphors]
#   "docs/legacy/**": [gender]

# Severity per rule: error, warning or info.
# severity:
#   master: error

# Words or phrases accepted everywhere in this project, in any case; and names
# of software or products, accepted where written with their capital.
# allow: ["Blacklist Records", {name: Tribe}]

# The languages of the text to check, as ISO 639-1 codes (default: [en]).
# Passages in other languages, such as translated pages, are skipped.
# languages: [en]

# Paths to skip, as .gitignore patterns relative to this file (on top of
# .gitignore and .allylintignore).
# exclude: ["vendor/", "docs/legacy/**"]

# The team's own rule files or folders, validated like the built-in ones.
# extend-rules: [.allylint/rules]

# Which severities to report: strict (every finding, the default) or relaxed
# (errors and warnings: info findings, such as contested idioms, are left out).
# profile: strict

# Exit 1 when a finding of this severity or higher is found: error, warning, info, never.
fail-on: warning

# Output format: text, concise, json, html, sarif, github, gitlab, checkstyle, junit.
format: text
"""


class ConfigError(ValueError):
    """An invalid configuration; the message names file, line (if known), key and value."""

    def __init__(
        self, path: Path | None, key: str | None, problem: str, line: int | None = None
    ) -> None:
        where = str(path) if path else "<command line>"
        if line:
            where += f":{line}"
        key_part = f" key '{key}':" if key else ""
        super().__init__(f"{where}:{key_part} {problem}")
        self.path = path
        self.key = key
        self.problem = problem
        self.line = line


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    # (pattern, rule ids or categories) in the file's order
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    allow: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # allowed names of software and products, as written
    languages: tuple[str, ...] = ("en",)
    exclude: tuple[str, ...] = ()
    extend_rules: tuple[Path, ...] = ()
    profile: str | None = None
    fail_on: str = "warning"
    format: str | None = None
    # The line of each top-level key, for YAML files: errors found later (an unknown
    # rule id in 'select') name it too.
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)

    @property
    def root(self) -> Path:
        """The folder that relative paths in the file are relative to."""
        return self.path.parent if self.path else Path.cwd()

    def to_yaml_data(self) -> dict[str, Any]:
        return {
            "select": list(self.select),
            "ignore": list(self.ignore),
            "per-file-ignores": {pattern: list(names) for pattern, names in self.per_file_ignores},
            "severity": dict(self.severity),
            "allow": [*self.allow, *({"name": name} for name in self.names)],
            "languages": list(self.languages),
            "exclude": list(self.exclude),
            "extend-rules": [str(p) for p in self.extend_rules],
            "profile": self.profile or builtin_profiles().default,
            "fail-on": self.fail_on,
            "format": self.format or "text",
        }


def _strings(value: Any) -> tuple[str, ...]:
    """A value that the schema allows as one string or a list of them."""
    return tuple(entry.strip() for entry in ([value] if isinstance(value, str) else value))


def _allowed(value: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The phrases (any case) and the names (``{name: Waitress}``, only where written
    with a capital) of ``allow``."""
    entries = value if isinstance(value, list) else [value]
    phrases = tuple(entry.strip() for entry in entries if isinstance(entry, str))
    names = tuple(entry["name"].strip() for entry in entries if isinstance(entry, dict))
    return phrases, names


def parse_config(data: Any, path: Path | None) -> Config:
    """Validate a configuration mapping (from YAML or TOML): against the schema
    (``schemas/config.json``) first, then what a schema cannot say: that allowed
    phrases have words, that patterns compile and that rule paths exist."""
    if data is None:
        data = {}
    problem = first_problem(data, "config")
    if problem is not None:
        raise ConfigError(path, problem.key or None, problem.message, problem.line)

    def line_of(key: str) -> int | None:
        return data.line_of(key) if isinstance(data, LineDict) else None

    values: dict[str, Any] = {"path": path}
    if isinstance(data, LineDict):
        values["lines"] = dict(data.key_lines)
    for key in ("select", "ignore", "languages", "exclude"):
        if key in data:
            values[key] = _strings(data[key])
    if "allow" in data:
        values["allow"], values["names"] = _allowed(data["allow"])
    for phrase in (*values.get("allow", ()), *values.get("names", ())):
        if not _WORD.search(phrase):
            raise ConfigError(
                path,
                "allow",
                f"{bounded_repr(phrase)} is not a phrase: an allowed phrase or name has words",
                line_of("allow"),
            )
    per_file_ignores = data.get("per-file-ignores", {})
    for pattern in per_file_ignores:
        check_patterns(
            [pattern], path, line_at(data, ("per-file-ignores", pattern)), "per-file-ignores"
        )
    values["per_file_ignores"] = tuple(
        (pattern, _strings(names)) for pattern, names in per_file_ignores.items()
    )
    values["severity"] = dict(data.get("severity", {}))
    if "extend-rules" in data:
        base = path.parent if path else Path.cwd()
        values["extend_rules"] = tuple(base / p for p in _strings(data["extend-rules"]))
        for rule_path in values["extend_rules"]:
            if not os.path.exists(rule_path):
                raise ConfigError(
                    path,
                    "extend-rules",
                    f"{bounded_repr(str(rule_path))} does not exist",
                    line_of("extend-rules"),
                )
    for key, field_name in (("profile", "profile"), ("fail-on", "fail_on"), ("format", "format")):
        if key in data:
            values[field_name] = data[key]
    config = Config(**values)
    check_patterns(config.exclude, path, line_of("exclude"))
    return config


def check_patterns(
    patterns: Iterable[str], path: Path | None, line: int | None = None, key: str = "exclude"
) -> None:
    """Compile each path pattern now, so that a bad one is a clear error, not a crash."""
    import pathspec

    for pattern in patterns:
        try:
            pathspec.GitIgnoreSpec.from_lines([pattern]).match_file("x")
        except (ValueError, TypeError, re.error) as error:
            raise ConfigError(
                path, key, f"bad pattern {bounded_repr(pattern)}: {error}", line
            ) from error


def _read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's document; ConfigError for anything that is not one."""
    try:
        return tomllib.loads(read_file(path, MAX_YAML_BYTES).decode("utf-8"))
    except OSError as error:
        raise ConfigError(path, None, f"cannot read: {error_reason(error)}") from error
    except RecursionError as error:
        raise ConfigError(path, None, "cannot read: TOML nested too deeply") from error
    except (UnicodeDecodeError, ValueError) as error:  # TOMLDecodeError is a ValueError
        raise ConfigError(path, None, f"cannot read: {error}") from error


def _tool_section(path: Path, document: dict[str, Any]) -> Any:
    """``[tool.allylint]``, or None; ``tool`` must be a table if it is there."""
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(path, "tool", f"expected a table, got {bounded_repr(tool)}")
    return tool.get("allylint")


def load_config_file(path: Path) -> Config:
    if path.name == PYPROJECT or path.suffix == ".toml":
        return parse_config(_tool_section(path, _read_toml(path)) or {}, path)
    try:
        return parse_config(load_yaml(path), path)
    except YamlFileError as error:
        raise ConfigError(path, error.key, error.problem, error.line) from error


def _pyproject_has_section(path: Path) -> bool:
    try:
        return _tool_section(path, _read_toml(path)) is not None
    except ConfigError:
        return False


def find_config_file(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start``. A configuration file that
    is there but is no regular file (a folder, a FIFO) is found, so that loading it
    says what is wrong, rather than passed over for one further up."""
    directory = start.resolve()
    if not directory.is_dir():
        directory = directory.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            if os.path.lexists(folder / name):
                return folder / name
        if os.path.isfile(folder / PYPROJECT) and _pyproject_has_section(folder / PYPROJECT):
            return folder / PYPROJECT
    return None
