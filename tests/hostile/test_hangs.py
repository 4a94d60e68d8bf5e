"""Hangs and superlinear time: what blocked forever or took minutes now ends in seconds.

The time limits are many times what the work takes today and far below what it
took in 0.2.0 (minutes, or forever), so that a loaded machine does not fail them;
``benchmarks/scaling.py`` measures the growth itself.
"""

from __future__ import annotations

import os

import pytest

from tests.hostile.conftest import WHITELIST, allylint


def test_a_fifo_in_a_scanned_folder_is_skipped_with_a_notice(tree):
    os.mkfifo(tree / "pipe.md")
    os.mkfifo(tree / "pipe")  # no extension: its #! line is never read
    (tree / "a.md").write_text(WHITELIST)
    run = allylint(tree, "check", "--no-cache", ".", timeout=60)
    assert run.returncode == 1
    assert "pipe.md: skipped: not a regular file (a named pipe)" in run.stderr
    assert "pipe: skipped: not a regular file (a named pipe)" in run.stderr


@pytest.mark.parametrize(
    ("arguments", "expected_code"),
    [
        (["pipe.md"], 0),
        (["--commit-msg", "pipe.md"], 0),
        (["--config", "pipe.yaml", "a.md"], 2),
        (["--rules", "pipe.yaml", "a.md"], 2),
    ],
    ids=["file", "commit-msg", "config", "rules"],
)
def test_a_fifo_named_as_any_input_never_blocks(tree, arguments, expected_code):
    os.mkfifo(tree / "pipe.md")
    os.mkfifo(tree / "pipe.yaml")
    (tree / "a.md").write_text("Nothing to see.\n")
    run = allylint(tree, "check", "--no-cache", *arguments, timeout=60)
    assert run.returncode == expected_code
    assert "not a regular file (a named pipe)" in run.stderr


def test_a_fifo_as_an_ignore_file_never_blocks(tree):
    os.mkfifo(tree / ".gitignore")
    (tree / "a.md").write_text(WHITELIST)
    run = allylint(tree, "check", "--no-cache", ".", timeout=60)
    assert run.returncode == 1
    assert ".gitignore: ignore file not read: not a regular file (a named pipe)" in run.stderr


def test_candidates_not_separated_by_spaces_take_linear_time(tree):
    # 160 KB took 141 s in 0.2.0: every candidate rescanned the run around it.
    (tree / "run.md").write_text("whitelist," * 16_000 + "\n")
    run = allylint(tree, "check", "--no-cache", "-q", "run.md", timeout=90)
    assert run.returncode == 1
    assert run.stdout.count("whitelist warning") == 16_000


@pytest.mark.parametrize("construct", ["<!--", "<a ", "<a x", "<!x", "</a x", '<a b="'])
def test_html_with_many_unclosed_constructs_takes_linear_time(tree, construct):
    # 8,000 of them took 2 to 20 s in html.parser, and four times as many sixteen times that.
    (tree / "page.html").write_text("<p>the whitelist</p>" + construct * 32_000)
    run = allylint(tree, "check", "--no-cache", "page.html", timeout=60)
    assert run.returncode == 1
