"""Markdown for a terminal or a pipe.

Explanations are written as Markdown. On a pipe that Markdown is printed as it
is, so it can be pasted into a review comment or saved as a file. On a
terminal rich lays it out: wrapped to the terminal's width (at most
``MAX_WIDTH``), with bullets, styled headings and bold text, and in colour
unless ``NO_COLOR`` or ``--no-color`` says otherwise (then without any escape
codes).
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from typing import TextIO

import click

MAX_WIDTH = 100  # wider lines are hard to read, even on a wide terminal
MIN_WIDTH = 40


def terminal_width() -> int:
    columns = shutil.get_terminal_size((80, 24)).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, columns - 1))


def render_markdown(markdown: str, width: int, color: bool) -> str:
    """``markdown`` laid out by rich for a terminal ``width`` columns wide."""
    # Imported here: rich takes a noticeable part of a second to import, and
    # only explanations printed on a terminal need it, never ``allylint check``.
    from rich.console import Console
    from rich.markdown import Markdown

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
    )
    console.print(Markdown(markdown, hyperlinks=False))
    # rich pads each line to the full width; the padding carries no text.
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def echo_markdown(markdown: str, no_color: bool = False) -> None:
    """Print an explanation to standard output, laid out for what it is connected to."""
    if not is_terminal(sys.stdout):
        click.echo(markdown, nl=False)
        return
    color = not (no_color or os.environ.get("NO_COLOR"))
    click.echo(render_markdown(markdown, terminal_width(), color), nl=False, color=color)
