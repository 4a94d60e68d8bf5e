"""Configuration files: ``.allylint.yaml`` or ``[tool.allylint]`` in ``pyproject.toml``.

The file is found by walking up from the scanned path; ``--config FILE``
overrides the search. This module reads and validates the file's values; what
they and the command line's overrides make is resolved in ``config/settings.py``.
Every problem is reported with the file, the key and the value (and the line for YAML).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from allylint.fileio import error_reason, read_file
from allylint.printable import bounded_repr
from allylint.rules.model import SEVERITIES
from allylint.yamlfile import MAX_YAML_BYTES, LineDict, YamlFileError, load_yaml

CONFIG_FILES = (".allylint.yaml", ".allylint.yml")
PYPROJECT = "pyproject.toml"
FAIL_ON_CHOICES = (*SEVERITIES, "never")
KEYS = (
    "select",
    "ignore",
    "per-file-ignores",
    "severity",
    "allow",
    "languages",
    "exclude",
    "extend-rules",
    "fail-on",
    "format",
)
MAX_ALLOWED_CHARS = 200  # as for a rule's phrase
_WORD = re.compile(r"\w")
# An ISO 639-1 code ("en"), or a three-letter ISO 639-3 code where there is none.
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")

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
    fail_on: str = "warning"
    format: str | None = None

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
            "fail-on": self.fail_on,
            "format": self.format or "text",
        }


def _string_list(path: Path | None, key: str, value: Any, line: int | None) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(path, key, f"expected a list of strings, got {bounded_repr(value)}", line)
    return tuple(v.strip() for v in value)


def _per_file_ignores(
    path: Path | None, value: Any, line_of: Callable[[str], int | None]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    key = "per-file-ignores"
    line = line_of(key)
    if not isinstance(value, dict):
        raise ConfigError(
            path,
            key,
            f"expected a mapping of path pattern to rule ids, got {bounded_repr(value)}",
            line,
        )
    entries = []
    for pattern, names in value.items():
        if not isinstance(pattern, str) or not pattern.strip():
            raise ConfigError(
                path, key, f"expected a path pattern, got {bounded_repr(pattern)}", line
            )
        check_patterns([pattern], path, line, key)
        entry_key = f"{key}.{bounded_repr(pattern)[1:-1]}"
        entries.append((pattern, _string_list(path, entry_key, names, line)))
    return tuple(entries)


def _allowed(
    path: Path | None, value: Any, line: int | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The phrases (any case) and the names (``{name: Waitress}``, only where written
    with a capital) of ``allow``."""
    entries = value if isinstance(value, list) else [value]
    phrases: list[str] = []
    names: list[str] = []
    for entry in entries:
        if isinstance(entry, dict) and set(entry) == {"name"} and isinstance(entry["name"], str):
            found, text = names, entry["name"].strip()
        elif isinstance(entry, str):
            found, text = phrases, entry.strip()
        else:
            raise ConfigError(
                path,
                "allow",
                "expected a list of strings or names ({name: Waitress}), got "
                + bounded_repr(entry),
                line,
            )
        if len(text) > MAX_ALLOWED_CHARS or not _WORD.search(text):
            raise ConfigError(
                path,
                "allow",
                f"{bounded_repr(text)} is not a phrase: an allowed phrase or name has words, "
                f"and at most {MAX_ALLOWED_CHARS} characters",
                line,
            )
        found.append(text)
    return tuple(phrases), tuple(names)


def _languages(path: Path | None, value: Any, line: int | None) -> tuple[str, ...]:
    languages = _string_list(path, "languages", value, line)
    if not languages:
        raise ConfigError(path, "languages", "name at least one language, such as [en]", line)
    for code in languages:
        if not _LANGUAGE_CODE.match(code):
            raise ConfigError(
                path,
                "languages",
                f"{code!r} is not a language code such as en, de or tr (ISO 639-1)",
                line,
            )
    return languages


def parse_config(data: Any, path: Path | None) -> Config:
    """Validate a configuration mapping (from YAML or TOML)."""
    from allylint.report.registry import FORMATS

    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(path, None, "the configuration must be a mapping of keys")

    def line_of(key: str) -> int | None:
        return data.line_of(key) if isinstance(data, LineDict) else None

    for key in data:
        if key not in KEYS:
            raise ConfigError(
                path,
                key,
                f"unknown key (value {bounded_repr(data[key])}); expected one of {', '.join(KEYS)}",
                line_of(key),
            )
    values: dict[str, Any] = {"path": path}
    for key in ("select", "ignore", "exclude"):
        if key in data:
            values[key] = _string_list(path, key, data[key], line_of(key))
    if "per-file-ignores" in data:
        values["per_file_ignores"] = _per_file_ignores(path, data["per-file-ignores"], line_of)
    if "allow" in data:
        values["allow"], values["names"] = _allowed(path, data["allow"], line_of("allow"))
    if "languages" in data:
        values["languages"] = _languages(path, data["languages"], line_of("languages"))
    if "severity" in data:
        severity = data["severity"]
        if not isinstance(severity, dict):
            raise ConfigError(
                path,
                "severity",
                f"expected a mapping of rule id to severity, got {bounded_repr(severity)}",
                line_of("severity"),
            )
        for rule_id, level in severity.items():
            if level not in SEVERITIES:
                raise ConfigError(
                    path,
                    f"severity.{rule_id}",
                    f"{bounded_repr(level)} is not one of {', '.join(SEVERITIES)}",
                    line_of("severity"),
                )
        values["severity"] = dict(severity)
    if "extend-rules" in data:
        base = path.parent if path else Path.cwd()
        values["extend_rules"] = tuple(
            base / p
            for p in _string_list(
                path, "extend-rules", data["extend-rules"], line_of("extend-rules")
            )
        )
        for rule_path in values["extend_rules"]:
            if not os.path.exists(rule_path):
                raise ConfigError(
                    path,
                    "extend-rules",
                    f"{bounded_repr(str(rule_path))} does not exist",
                    line_of("extend-rules"),
                )
    for key, field_name, choices in (
        ("fail-on", "fail_on", FAIL_ON_CHOICES),
        ("format", "format", FORMATS),
    ):
        if key not in data:
            continue
        if data[key] not in choices:
            raise ConfigError(
                path,
                key,
                f"{bounded_repr(data[key])} is not one of {', '.join(choices)}",
                line_of(key),
            )
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
        raise ConfigError(path, None, error.problem, error.line) from error


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
