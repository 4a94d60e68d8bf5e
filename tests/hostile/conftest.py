"""The hostile-input replay harness: the real command line, in an empty folder.

Every run is checked for what must hold whatever a repository holds: no
traceback and an exit code of 0, 1 or 2. ``allylint`` runs the command line in
this process (fast: the engine is built once); ``allylint_process`` runs
``python -m allylint`` in a subprocess with a time limit, for what only a real
process shows: a hang, a signal, its standard streams, memory.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from allylint.cli.main import main

EXIT_CODES = (0, 1, 2)
TIME_LIMIT = 120  # seconds; generous, for a loaded machine: a hang is what it catches
WHITELIST = "Add the host to the whitelist.\n"


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

    def checked(self) -> Run:
        assert "Traceback" not in self.stderr, self.stderr
        assert self.returncode in EXIT_CODES, (self.returncode, self.stderr)
        return self


def _text(data: bytes) -> str:
    return data.decode("utf-8", "backslashreplace")


def allylint(cwd: Path, *args: str | os.PathLike[str], stdin: bytes | None = None) -> Run:
    """Run the command line in this process, in ``cwd``."""
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(main, [os.fspath(arg) for arg in args], input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        pytest.fail("".join(traceback.format_exception(*result.exc_info)))  # type: ignore[misc]
    stdout, stderr = result.stdout_bytes, result.stderr_bytes
    return Run(result.exit_code, _text(stdout), _text(stderr), stdout).checked()


def allylint_process(
    cwd: Path,
    *args: str | os.PathLike[str],
    stdin: bytes | None = None,
    timeout: float = TIME_LIMIT,
    permissions_apply: bool = False,
) -> Run:
    """Run ``python -m allylint ARGS`` in ``cwd``, within ``timeout`` seconds; with
    ``permissions_apply``, as a process that file permissions stop, even run as root."""
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
        preexec_fn=_without_permission_override if permissions_apply else None,
    )
    return Run(
        completed.returncode, _text(completed.stdout), _text(completed.stderr), completed.stdout
    ).checked()


_PR_CAPBSET_DROP = 24
_CAP_CHOWN, _CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER = 0, 1, 2, 3


def _without_permission_override() -> None:
    """Drop the capabilities that let root read, write and search past a file's
    permissions and own what it likes (from the bounding set, so that the program
    executed next has none): root then fares as its files' owner, nothing more."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_CHOWN, _CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


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
