"""The checking process: allylint's engine and spaCy, loaded once, beside the server.

Checks run in a process of their own, not in the server's: a 5 MB document
costs a second of CPU, much of it in regular expressions that hold Python's
interpreter lock, and in a thread of the server's process that would hold up
every message meanwhile. The process is started first thing, so spaCy loads
while the server is still starting, on another core. It is spawned (never
forked: the server has threads by the time it may need a new one), it reads
requests from a pipe and answers each with a ``LintResult`` or, if checking
failed, the traceback. If it dies, the check that was running fails and the
next one starts a new process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from allylint.server.results import LintResult


class CheckFailed(RuntimeError):
    """Checking a document failed; the message holds the traceback or the reason."""


def _serve(connection: Connection) -> None:
    """The checking process's loop: one request in, one answer out, until the pipe closes."""
    # Standard output is the server's protocol channel: nothing may be written to it.
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    from allylint.server.linting import Linter

    linter = Linter()
    linter.warm_up()
    while True:
        try:
            text, path, language_id, root = connection.recv()
        except (EOFError, OSError):
            return  # the server has gone
        reply: LintResult | str
        try:
            if root is not None:
                linter.root = root
            reply = linter.lint(text, path, language_id)
        except Exception:
            reply = traceback.format_exc()
        connection.send(reply)


class Checker:
    """The server's handle on the checking process. Used from one thread at a time."""

    def __init__(self) -> None:
        self._context: Any = multiprocessing.get_context("spawn")
        self._closed = False
        self._start()

    def _start(self) -> None:
        ours, theirs = self._context.Pipe()
        self._process = self._context.Process(
            target=_serve, args=(theirs,), name="allylint-checker", daemon=True
        )
        self._process.start()
        theirs.close()
        self._connection: Connection = ours

    def lint(
        self, text: str, path: Path | None, language_id: str | None, root: Path | None
    ) -> LintResult:
        """Check one document (blocking until the answer comes)."""
        try:
            self._connection.send((text, path, language_id, root))
            reply = self._connection.recv()
        except (EOFError, OSError) as error:
            if self._closed:
                raise CheckFailed("the server is shutting down") from error
            self._process.join(timeout=1)
            code = self._process.exitcode
            self._connection.close()
            self._start()
            raise CheckFailed(f"the checking process ended (exit code {code})") from error
        if isinstance(reply, str):
            raise CheckFailed(reply)
        return reply

    def close(self) -> None:
        """End the process: it exits when the pipe closes, or is killed if it is busy."""
        self._closed = True
        self._connection.close()
        self._process.join(timeout=1)
        if self._process.is_alive():
            self._process.kill()
