"""The ``allylint`` program: the command line (``cli.main``), and what happens around it
in a process of its own: encoding, a reader that goes away, a full disk, signals."""

from __future__ import annotations

import os
import signal
import sys

import click

from allylint.cli.main import main
from allylint.fileio import error_reason
from allylint.run.check import EXIT_ERROR, EXIT_FINDINGS


def entry() -> None:
    """Run the command line as the ``allylint`` program.

    Output that cannot be encoded is escaped rather than fatal; a reader that goes
    away (``allylint check | head``) ends the run quietly; a standard output that
    cannot be written (a full disk) is an error (exit 2), not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    # Ctrl-C and SIGTERM (a CI job cancelled) unwind the run, so that worker processes
    # are stopped and nothing prints a traceback; the exit code is the shell's 128 + N.
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, _stop)
    code: int | str | None = EXIT_ERROR
    try:
        try:
            main.main(prog_name="allylint")
        except SystemExit as done:
            code = done.code
        if not sys.stdout.closed:  # the language server closes it when the client goes
            sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        code = EXIT_FINDINGS
    except OSError as error:  # every file's problems are notices: this is the output
        _silence_stdout()
        click.echo(f"allylint: cannot write the output: {error_reason(error)}", err=True)
        code = EXIT_ERROR
    sys.exit(code)


def _stop(number: int, frame: object) -> None:
    raise SystemExit(128 + number)


def _silence_stdout() -> None:
    """Point standard output at nothing, so that Python's last flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
