"""The hostile-input replay harness: the real command line, in a subprocess, in an empty folder.

Every run is checked for what must hold whatever a repository holds: no traceback,
an exit code of 0, 1 or 2, and an end within its time limit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

EXIT_CODES = (0, 1, 2)
TIME_LIMIT = 120  # seconds; generous, for a loaded machine: a hang is what it catches


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    stdout_bytes: bytes

    @property
    def lines(self) -> list[str]:
        """Every line printed, on either stream."""
        return [*self.stdout.splitlines(), *self.stderr.splitlines()]


def allylint(
    cwd: Path, *args: str | os.PathLike[str], stdin: bytes | None = None, timeout: float = TIME_LIMIT
) -> Run:
    """Run ``python -m allylint ARGS`` in ``cwd`` and check it ended as it must."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    completed = subprocess.run(
        [sys.executable, "-m", "allylint", *map(os.fspath, args)],
        cwd=cwd,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        timeout=timeout,
        env=env,
        check=False,
    )
    run = Run(
        completed.returncode,
        completed.stdout.decode("utf-8", "backslashreplace"),
        completed.stderr.decode("utf-8", "backslashreplace"),
        completed.stdout,
    )
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode in EXIT_CODES, (run.returncode, run.stderr)
    return run


def no_workflow_command(run: Run) -> None:
    """No printed line can start a GitHub Actions workflow command."""
    for line in run.lines:
        assert not line.lstrip().startswith("::"), line


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder, the current one, with a git repository so that nothing above it
    (this project's own configuration) is picked up."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.email=a@example.com", "-c", "user.name=A", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


WHITELIST = "Add the host to the whitelist.\n"
