"""Discovery: from the paths a user names to the files to check.

Folders are walked in sorted order, skipping version-control folders and what
``.gitignore`` and ``.allylintignore`` files ignore (those of the folder's
repository above it too, and nested ones below, with git's precedence), and the
configuration's ``exclude`` patterns, which apply to named files too. In
folders only files of a known format are checked (licence texts and legal
notices, told by their content, are then left out: see ``legal``); a file named
explicitly is always checked, as plain text when its format is unknown.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when an ignore file is read: a hook run on named files skips it
    import pathspec

from allylint.discovery.sources import Notice
from allylint.fileio import error_reason, kind_of, read_file, read_start
from allylint.formats.registry import format_for
from allylint.printable import bounded_repr, file_name

IGNORE_FILES = (".gitignore", ".allylintignore")
_SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", ".allylint_cache"})
_SHEBANG_BYTES = 200
_MAX_IGNORE_FILE_BYTES = 4 * 1024 * 1024

OnNotice = Callable[[Notice], None]


def _ignore_notice(notice: Notice) -> None:
    """Where nobody listens for notices, they are dropped."""


@dataclass(frozen=True)
class FileToCheck:
    """A file to check; ``named`` when the user named it rather than its folder."""

    path: Path
    display: str
    input_format: str
    named: bool = False


@dataclass(frozen=True)
class _IgnoreLevel:
    base: Path
    spec: pathspec.GitIgnoreSpec

    def verdict(self, path: Path, is_dir: bool) -> bool | None:
        relative = path.relative_to(self.base).as_posix() + ("/" if is_dir else "")
        return self.spec.check_file(relative).include


def _valid_pattern(line: str) -> bool:
    """Whether pathspec accepts a line; git skips the lines it cannot use ("!", "\\")."""
    import pathspec

    try:
        pathspec.GitIgnoreSpec.from_lines([line]).check_file("x")
    except (ValueError, TypeError, re.error):
        return False
    return True


def _ignore_lines(candidate: Path, on_notice: OnNotice) -> list[str]:
    """The usable lines of one ignore file; a line pathspec rejects is skipped with a notice,
    as git skips it. git does not follow a symbolic link here, nor does allylint."""
    try:
        data = read_file(candidate, _MAX_IGNORE_FILE_BYTES, follow_symlinks=False)
    except FileNotFoundError:
        return []
    except OSError as error:
        on_notice(Notice(_shown(candidate), f"ignore file not read: {error_reason(error)}"))
        return []
    lines = data.decode("utf-8", errors="replace").splitlines()
    usable = []
    for number, line in enumerate(lines, 1):
        if _valid_pattern(line):
            usable.append(line)
        else:
            on_notice(
                Notice(
                    f"{_shown(candidate)}:{number}",
                    f"ignore pattern {bounded_repr(line)} skipped: it is not a valid pattern",
                )
            )
    return usable


def _shown(path: Path) -> str:
    """A path for a notice: relative to the current folder when it is inside it."""
    try:
        return file_name(path.relative_to(Path.cwd().resolve()).as_posix())
    except (ValueError, OSError):
        return file_name(str(path))


def _read_ignore_level(directory: Path, on_notice: OnNotice) -> _IgnoreLevel | None:
    lines: list[str] = []
    for name in IGNORE_FILES:
        lines.extend(_ignore_lines(directory / name, on_notice))
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


def _repository_levels(directory: Path, on_notice: OnNotice) -> list[_IgnoreLevel]:
    """Ignore files of the enclosing repository, from its root down to ``directory``'s parent."""
    ancestors = []
    for parent in directory.parents:
        ancestors.append(parent)
        if os.path.lexists(parent / ".git"):  # a folder, or a worktree's file
            break
    else:
        return []
    levels = [_read_ignore_level(parent, on_notice) for parent in reversed(ancestors)]
    return [level for level in levels if level is not None]


@dataclass(frozen=True)
class Exclusions:
    """The configuration's ``exclude`` patterns, relative to the configuration's folder."""

    spec: pathspec.GitIgnoreSpec
    root: Path

    def excludes(self, path: Path, is_dir: bool = False) -> bool:
        try:
            relative = path.resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError):
            return False
        return self.spec.match_file(relative + ("/" if is_dir else ""))


def _script_format(path: Path) -> str | None:
    """The language of an extensionless script, from its ``#!`` line."""
    if "." in path.name:
        return None
    try:
        first = read_start(path, _SHEBANG_BYTES)
    except OSError:
        return None
    if not first.startswith(b"#!"):
        return None
    return format_for(path.name, first.split(b"\n", 1)[0].decode("utf-8", "replace"))


def _entries(directory: Path, display: str, on_notice: OnNotice) -> list[os.DirEntry[str]] | None:
    """The folder's entries in sorted order, or None (with a notice) when it cannot be read."""
    try:
        with os.scandir(directory) as scan:
            return sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        reason = error_reason(error)
        on_notice(Notice(display or ".", f"folder skipped: cannot read it ({reason})", unread=True))
        return None


_LINK, _FOLDER, _FILE = "link", "folder", "file"


def _entry_kind(entry: os.DirEntry[str]) -> str | Notice:
    """``_LINK``, ``_FOLDER``, ``_FILE`` (a regular file), or the notice of why else the
    entry is skipped (its path still to be given). The folder listing says, where the
    system gives the type: no system call, which a path too long for one would fail."""
    try:
        if entry.is_symlink():
            return _LINK
        if entry.is_dir(follow_symlinks=False):
            return _FOLDER
        if entry.is_file(follow_symlinks=False):
            return _FILE
        kind = kind_of(entry.stat(follow_symlinks=False).st_mode)
        return Notice("", f"skipped: not a regular file ({kind})")
    except OSError as error:
        return Notice("", f"skipped: cannot read it ({error_reason(error)})", unread=True)


def _walk(
    root: Path, display_root: str, exclusions: Exclusions | None, on_notice: OnNotice
) -> Iterator[FileToCheck]:
    """Depth first, in sorted order, each folder's files before its subfolders. Symbolic
    links are not followed; anything else that is not a regular file (a FIFO, a socket,
    a device) is skipped with a notice, never opened."""
    root = root.resolve()
    prefix = "" if display_root in {"", "."} else f"{display_root}/"
    pending: list[tuple[Path, list[_IgnoreLevel]]] = [(root, _repository_levels(root, on_notice))]
    while pending:
        directory, parent_levels = pending.pop()
        relative = directory.relative_to(root).as_posix()
        folder_display = file_name(prefix + relative if relative != "." else display_root)
        entries = _entries(directory, folder_display, on_notice)
        if entries is None:  # nor can its ignore files be: one notice says so
            continue
        own = _read_ignore_level(directory, on_notice)
        levels = [*parent_levels, own] if own else parent_levels
        subfolders = []
        for entry in entries:
            name = entry.name
            path = directory / name
            kind = _entry_kind(entry)
            if kind == _LINK:
                continue
            if kind == _FOLDER:
                if (
                    name not in _SKIPPED_DIRS
                    and not _is_ignored(levels, path, True)
                    and not (exclusions and exclusions.excludes(path, True))
                ):
                    subfolders.append(path)
                continue
            if _is_ignored(levels, path, False):
                continue
            if exclusions and exclusions.excludes(path):
                continue
            display = file_name(prefix + path.relative_to(root).as_posix())
            if isinstance(kind, Notice):
                on_notice(replace(kind, path=display))
                continue
            input_format = format_for(name) or _script_format(path)
            if input_format is not None:
                yield FileToCheck(path, display, input_format)
        pending.extend((folder, levels) for folder in reversed(subfolders))


def discover(
    paths: Sequence[str | Path],
    exclusions: Exclusions | None = None,
    on_notice: OnNotice | None = None,
) -> Iterator[FileToCheck]:
    """Files to check under ``paths``. Raises FileNotFoundError for a missing path.

    What is skipped for a reason the user should know (an unreadable folder, a FIFO,
    an ignore pattern git would skip too) is reported to ``on_notice``."""
    report = on_notice if on_notice is not None else _ignore_notice
    for given in paths:
        path = Path(given)
        if not os.path.exists(path):
            raise FileNotFoundError(f"no such file or directory: {file_name(str(given))}")
        if os.path.isdir(path):
            yield from _walk(path, str(given).rstrip("/\\") or "/", exclusions, report)
        elif not (exclusions and exclusions.excludes(path)):
            yield FileToCheck(path, file_name(str(given)), format_for(path) or "text", named=True)
