"""Discovery: from the paths a user names to the files to check.

Folders are walked in sorted order, skipping version-control folders and what
``.gitignore`` and ``.allylintignore`` files ignore (those of the folder's
repository above it too, and nested ones below, with git's precedence), and the
configuration's ``exclude`` patterns, which apply to named files too. In
folders only files of a known format are checked, and not licence texts and legal
notices (LICENSE, COPYING.LIB, NOTICE.md, a LICENSES/ folder), whose wording a
project cannot change; a file named
explicitly is always checked, as plain text when its format is unknown.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when an ignore file is read: a hook run on named files skips it
    import pathspec

from allylint.formats.registry import format_for

IGNORE_FILES = (".gitignore", ".allylintignore")
_SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", ".allylint_cache"})
# Licence texts and legal notices: LICENSE, LICENSE-MIT, COPYING.LIB, license.gpl.html,
# NOTICE.md, but not license.py or license-faq.md. LICENSES/ is REUSE's folder of them.
_LEGAL_TEXT = re.compile(
    r"(?i:licen[cs]e|copying|copyright|unlicense|notice)"
    r"(?:[-_.](?:[A-Z0-9][A-Z0-9.-]*|(?i:mit|apache|bsd|[al]?gpl(?:v?\d)?|mpl|isc|lib)))?"
    r"(?i:\.(?:txt|md|markdown|rst|html?))?"
)
_LEGAL_DIRS = frozenset({"LICENSES"})
_SHEBANG_BYTES = 200


@dataclass(frozen=True)
class FileToCheck:
    path: Path
    display: str
    input_format: str


@dataclass(frozen=True)
class _IgnoreLevel:
    base: Path
    spec: pathspec.GitIgnoreSpec

    def verdict(self, path: Path, is_dir: bool) -> bool | None:
        relative = path.relative_to(self.base).as_posix() + ("/" if is_dir else "")
        return self.spec.check_file(relative).include


def _read_ignore_level(directory: Path) -> _IgnoreLevel | None:
    lines: list[str] = []
    for name in IGNORE_FILES:
        candidate = directory / name
        if candidate.is_file():
            try:
                lines.extend(candidate.read_text(encoding="utf-8", errors="replace").splitlines())
            except OSError:
                continue
    if not lines:
        return None
    import pathspec

    return _IgnoreLevel(directory, pathspec.GitIgnoreSpec.from_lines(lines))


def _is_ignored(levels: Sequence[_IgnoreLevel], path: Path, is_dir: bool) -> bool:
    ignored = False
    for level in levels:
        verdict = level.verdict(path, is_dir)
        if verdict is not None:
            ignored = verdict
    return ignored


def _repository_levels(directory: Path) -> list[_IgnoreLevel]:
    """Ignore files of the enclosing repository, from its root down to ``directory``'s parent."""
    ancestors = []
    for parent in directory.parents:
        ancestors.append(parent)
        if (parent / ".git").exists():
            break
    else:
        return []
    levels = [_read_ignore_level(parent) for parent in reversed(ancestors)]
    return [level for level in levels if level is not None]


@dataclass(frozen=True)
class Exclusions:
    """The configuration's ``exclude`` patterns, relative to the configuration's folder."""

    spec: pathspec.GitIgnoreSpec
    root: Path

    def excludes(self, path: Path, is_dir: bool = False) -> bool:
        try:
            relative = path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return False
        return self.spec.match_file(relative + ("/" if is_dir else ""))


def _script_format(path: Path) -> str | None:
    """The language of an extensionless script, from its ``#!`` line."""
    if "." in path.name:
        return None
    try:
        with path.open("rb") as handle:
            first = handle.readline(_SHEBANG_BYTES)
    except OSError:
        return None
    if not first.startswith(b"#!"):
        return None
    return format_for(path.name, first.decode("utf-8", "replace"))


def _walk(root: Path, display_root: str, exclusions: Exclusions | None) -> Iterator[FileToCheck]:
    root = root.resolve()
    inherited = _repository_levels(root)
    stack: dict[Path, list[_IgnoreLevel]] = {}
    for current, dirnames, filenames in os.walk(root):
        directory = Path(current)
        parent_levels = stack.get(directory.parent, inherited) if directory != root else inherited
        own = _read_ignore_level(directory)
        levels = [*parent_levels, own] if own else parent_levels
        stack[directory] = levels
        dirnames[:] = sorted(
            name
            for name in dirnames
            if name not in _SKIPPED_DIRS
            and name not in _LEGAL_DIRS
            and not _is_ignored(levels, directory / name, True)
            and not (exclusions and exclusions.excludes(directory / name, True))
        )
        for name in sorted(filenames):
            path = directory / name
            if _LEGAL_TEXT.fullmatch(name):
                continue
            input_format = format_for(name) or _script_format(directory / name)
            if input_format is None or _is_ignored(levels, path, False) or path.is_symlink():
                continue
            if exclusions and exclusions.excludes(path):
                continue
            relative = path.relative_to(root).as_posix()
            display = relative if display_root in {"", "."} else f"{display_root}/{relative}"
            yield FileToCheck(path, display, input_format)


def discover(
    paths: Sequence[str | Path], exclusions: Exclusions | None = None
) -> Iterator[FileToCheck]:
    """Files to check under ``paths``. Raises FileNotFoundError for a missing path."""
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise FileNotFoundError(f"no such file or directory: {given}")
        if path.is_dir():
            yield from _walk(path, str(given).rstrip("/\\") or "/", exclusions)
        elif not (exclusions and exclusions.excludes(path)):
            yield FileToCheck(path, str(given), format_for(path) or "text")
