"""Markdown on a terminal (laid out by rich) and on a pipe (as written): the renderer,
and ``allylint explain`` and ``allylint learn`` run on a real pseudo-terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from allylint.report.describe import describe
from allylint.report.terminal import render_markdown
from allylint.report.topics import load_topics
from allylint.rules.loader import builtin_rules

pty = pytest.importorskip("pty")  # POSIX only

TOPICS = load_topics()
ANSI = re.compile(r"\x1b\[[0-9;?]*[a-zA-Z]")
WIDTH = 72


def flat(text: str) -> str:
    return " ".join(ANSI.sub("", text).split())


SAMPLE = """# Title

A paragraph with **bold words** and `a command here` and *emphasis* and a
[link](../x.md) that goes on long enough to need wrapping at a narrow width.

## Section

- **First** item, long enough to wrap onto a second line at forty columns wide.
- Second item
  continued here.
  - nested item

1. Numbered item that also needs to wrap because it is long.

> A quoted line.

```
code  stays   as is
```
"""


def test_render_lays_markdown_out_without_its_markers():
    text = render_markdown(SAMPLE, width=40, color=True)
    plain = ANSI.sub("", text)
    assert "\x1b[1m" in text  # bold
    assert "**" not in plain and "# " not in plain and "`" not in plain
    assert "\u2022 First item" in plain and "Second item continued here." in flat(plain)
    assert "code  stays   as is" in plain
    assert all(len(line) <= 40 for line in plain.splitlines())


def test_render_without_colour_writes_no_escape_codes():
    text = render_markdown(SAMPLE, width=40, color=False)
    assert "\x1b" not in text
    assert "\u2022 First item" in text and "**" not in text
    assert all(len(line) <= 40 for line in text.splitlines())
    assert all(line == line.rstrip() for line in text.splitlines())  # no padding to copy


def _run_on_a_terminal(args: list[str], **env: str) -> str:
    """Run allylint with its standard output on a pseudo-terminal WIDTH columns wide."""
    leader, follower = pty.openpty()
    environment = {**os.environ, "COLUMNS": str(WIDTH + 1), "LINES": "50", **env}
    environment.pop("NO_COLOR", None) if "NO_COLOR" not in env else None
    process = subprocess.Popen(
        [sys.executable, "-m", "allylint", *args],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=environment,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed when the process ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0, process.stderr.read() if process.stderr else ""
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_explain_on_a_terminal_is_styled_and_wrapped():
    output = _run_on_a_terminal(["explain", "master"])
    assert "\x1b[" in output
    plain = ANSI.sub("", output)
    assert "## " not in plain and "**" not in plain
    assert all(len(line) <= WIDTH for line in plain.splitlines())
    assert "\u2022 primary" in plain
    rule = next(rule for rule in builtin_rules() if rule.id == "master")
    assert flat(rule.message) in flat(plain)
    assert "allylint learn tech-metaphors" in flat(plain)


@pytest.mark.parametrize(
    ("args", "env"),
    [(["--no-color"], {}), ([], {"NO_COLOR": "1"})],
    ids=["--no-color", "NO_COLOR"],
)
def test_no_colour_on_a_terminal_keeps_the_layout_without_escape_codes(args, env):
    output = _run_on_a_terminal(["learn", "gender", *args], **env)
    assert "\x1b" not in output
    assert "\u2022 " in output and "**" not in output
    assert flat(TOPICS["gender"].summary) in flat(output)


def test_on_a_pipe_explain_prints_the_markdown_as_written():
    result = subprocess.run(
        [sys.executable, "-m", "allylint", "explain", "whitelist"],
        capture_output=True,
        text=True,
        check=True,
    )
    rule = next(rule for rule in builtin_rules() if rule.id == "whitelist")
    assert result.stdout == describe(rule, TOPICS).markdown()
