"""``--changed-since REF``: the lines a branch changed since it left REF, for pull requests.

The comparison is against the merge base of REF and HEAD, as ``git diff
REF...HEAD`` and a pull request's review show it: when REF (say ``main``) has
moved on since the branch was cut, its new commits are not the branch's changes.
The working tree's uncommitted changes and untracked files count as changed.

git is called with every option that shapes its output given explicitly, so that
no configuration changes what is parsed (``diff.noprefix``,
``diff.mnemonicPrefix``, ``diff.relative``, colours, external diff tools,
textconv filters), with ``--end-of-options`` before the ref (a ref such as
``--output=FILE`` is a ref, never an option), and its output is read as bytes:
names are unquoted the way git quotes them, and file contents in any encoding
never stop the parse.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

_GIT = [
    "-c",
    "core.quotePath=false",
    "-c",
    "diff.noprefix=false",
    "-c",
    "diff.mnemonicPrefix=false",
    "-c",
    "diff.relative=false",
]
_DIFF_OPTIONS = [
    "--unified=0",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-renames",
    "--src-prefix=a/",
    "--dst-prefix=b/",
]
_HUNK = re.compile(rb"^@@ -\S+ \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {
    ord("a"): 7,
    ord("b"): 8,
    ord("t"): 9,
    ord("n"): 10,
    ord("v"): 11,
    ord("f"): 12,
    ord("r"): 13,
    ord('"'): ord('"'),
    ord("\\"): ord("\\"),
}

ALL_LINES = None  # marks files that are new and untracked: every line counts as changed


class ChangesError(RuntimeError):
    pass


def _git(command: str, args: list[str], cwd: Path) -> bytes:
    try:
        completed = subprocess.run(
            ["git", *_GIT, command, *args], cwd=cwd, capture_output=True, check=False
        )
    except OSError as error:
        raise ChangesError(f"cannot run git: {error}") from error
    if completed.returncode != 0:
        problem = completed.stderr.decode("utf-8", "replace").strip()
        raise ChangesError(f"git {command} failed: {problem}")
    return completed.stdout


def unquote(data: bytes, start: int) -> tuple[bytes, int]:
    """A name git wrote in C-style quotes at ``data[start]`` (``"a\\tb\\303\\251"``):
    its bytes, and the index after the closing quote."""
    name = bytearray()
    index = start + 1
    while index < len(data):
        byte = data[index]
        if byte == ord('"'):
            return bytes(name), index + 1
        if byte == ord("\\") and index + 1 < len(data):
            following = data[index + 1]
            if ord("0") <= following <= ord("7"):
                name.append(int(data[index + 1 : index + 4], 8) & 0xFF)
                index += 4
                continue
            name.append(_ESCAPES.get(following, following))
            index += 2
            continue
        name.append(byte)
        index += 1
    return bytes(name), index


def _header_name(rest: bytes) -> bytes | None:
    """The file of a ``diff --git a/NAME b/NAME`` line, given what follows ``diff --git ``.
    Both sides name the same file: renames are off."""
    if rest.startswith(b'"'):
        _, end = unquote(rest, 0)
        if rest[end + 1 : end + 2] != b'"':
            return None
        name, _ = unquote(rest, end + 1)
    else:
        half = (len(rest) - 1) // 2
        name = rest[half + 1 :]
    return name[2:] if name.startswith(b"b/") else None


def parse_diff(diff: bytes) -> dict[bytes, set[int]]:
    """Changed line numbers per file name in a ``--unified=0`` patch. Headers are read
    only between ``diff --git`` and the first hunk, so no line of content (an added
    line "++ b/x" reads "+++ b/x") is ever taken for one."""
    changes: dict[bytes, set[int]] = {}
    name: bytes | None = None
    current: set[int] | None = None
    in_header = False
    for line in diff.split(b"\n"):
        if line.startswith(b"diff --git "):
            name = _header_name(line[len(b"diff --git ") :])
            current = None if name is None else changes.setdefault(name, set())
            in_header = True
        elif in_header and line == b"+++ /dev/null" and name is not None:
            del changes[name]  # deleted: nothing left to check
            name = current = None
        elif line.startswith(b"@@"):
            in_header = False
            hunk = _HUNK.match(line)
            if hunk and current is not None:
                start = int(hunk.group(1))
                count = int(hunk.group(2)) if hunk.group(2) is not None else 1
                current.update(range(start, start + count))
    return changes


def changed_lines(ref: str, cwd: Path) -> dict[Path, set[int] | None]:
    """Absolute paths of files changed since the merge base of ``ref`` and HEAD
    (working tree included), with the changed line numbers; untracked files map to
    None (all lines)."""
    if not ref.strip():
        raise ChangesError("the ref is empty; name a branch, tag or commit")
    top = _git("rev-parse", ["--show-toplevel"], cwd).rstrip(b"\n")
    root = Path(os.fsdecode(top))
    base = _git("merge-base", ["--end-of-options", ref, "HEAD"], root).strip().decode("ascii")
    diff = _git("diff", [*_DIFF_OPTIONS, "--end-of-options", base, "--"], root)
    changes: dict[Path, set[int] | None] = {
        (root / os.fsdecode(name)).resolve(): lines for name, lines in parse_diff(diff).items()
    }
    untracked = _git("ls-files", ["--others", "--exclude-standard", "-z"], root)
    for name in filter(None, untracked.split(b"\0")):
        changes[(root / os.fsdecode(name)).resolve()] = ALL_LINES
    return changes
