"""``--changed-since REF``: the lines a branch changed since it left REF, for pull requests.

The comparison is against the merge base of REF and HEAD, as ``git diff
REF...HEAD`` and a pull request's review show it: when REF (say ``main``) has
moved on since the branch was cut, its new commits are not the branch's changes.
The working tree's uncommitted changes and untracked files count as changed.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

# core.quotePath=false keeps non-ASCII names unquoted; git still ends a name that
# holds a space with a tab, and "+++ /dev/null" stands for a deleted file.
_NEW_FILE = re.compile(r"^\+\+\+ (?:b/(?P<name>.*?)\t?|/dev/null)$")
_GIT = ["-c", "core.quotePath=false"]
_HUNK = re.compile(r"^@@ -\S+ \+(\d+)(?:,(\d+))? @@")

ALL_LINES = None  # marks files that are new and untracked: every line counts as changed


class ChangesError(RuntimeError):
    pass


def _git(args: list[str], cwd: Path) -> str:
    try:
        completed = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False
        )
    except OSError as error:
        raise ChangesError(f"cannot run git: {error}") from error
    if completed.returncode != 0:
        raise ChangesError(f"git {' '.join(args)} failed: {completed.stderr.strip()}")
    return completed.stdout


def changed_lines(ref: str, cwd: Path) -> dict[Path, set[int] | None]:
    """Absolute paths of files changed since the merge base of ``ref`` and HEAD
    (working tree included), with the changed line numbers; untracked files map to
    None (all lines)."""
    root = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    base = _git(["merge-base", ref, "HEAD"], root).strip()
    diff = _git(
        [*_GIT, "diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", base, "--"],
        root,
    )
    changes: dict[Path, set[int] | None] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        file_match = _NEW_FILE.match(line)
        if file_match:
            current = None
            if file_match.group("name") is not None:
                current = set()
                changes[(root / file_match.group("name")).resolve()] = current
            continue
        hunk = _HUNK.match(line)
        if hunk and current is not None:
            start = int(hunk.group(1))
            count = int(hunk.group(2)) if hunk.group(2) is not None else 1
            current.update(range(start, start + count))
    untracked = _git([*_GIT, "ls-files", "--others", "--exclude-standard", "-z"], root)
    for name in filter(None, untracked.split("\0")):
        changes[(root / name).resolve()] = ALL_LINES
    return changes
