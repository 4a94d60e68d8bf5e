"""Hangs and superlinear time: what blocked forever or took minutes now ends in seconds.

Each document below took minutes (or forever) in 0.2.0 and takes a second or two
now; the time limits sit far between, so that a loaded machine does not fail them
and a regression does. The shapes are chosen so that what was superlinear is the
work, not spaCy: ``benchmarks/scaling.py`` measures the growth itself.
"""

from __future__ import annotations

import os
import socket
import time

import pytest

from allylint.findings.model import Finding
from allylint.findings.suppressions import apply_suppressions
from allylint.formats.segments import LineIndex
from tests.hostile.conftest import WHITELIST, allylint_process


def test_a_fifo_or_socket_in_a_scanned_folder_is_skipped_with_a_notice(tree):
    os.mkfifo(tree / "pipe.md")
    os.mkfifo(tree / "pipe")  # no extension: its #! line is never read
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(tree / "socket.md"))
        (tree / "a.md").write_text(WHITELIST)
        run = allylint_process(tree, "check", "--no-cache", ".", timeout=60)
    assert run.returncode == 1
    assert "pipe.md: skipped: not a regular file (a named pipe)" in run.stderr
    assert "pipe: skipped: not a regular file (a named pipe)" in run.stderr
    assert "socket.md: skipped: not a regular file (a socket)" in run.stderr


@pytest.mark.parametrize(
    ("arguments", "expected_code"),
    [
        (["pipe.md"], 0),
        (["--commit-msg", "pipe.md"], 0),
        (["--config", "pipe.yaml", "a.md"], 2),
        (["--rules", "pipe.yaml", "a.md"], 2),
        (["--baseline", "pipe.yaml", "a.md"], 2),
    ],
    ids=["file", "commit-msg", "config", "rules", "baseline"],
)
def test_a_fifo_named_as_any_input_never_blocks(tree, arguments, expected_code):
    os.mkfifo(tree / "pipe.md")
    os.mkfifo(tree / "pipe.yaml")
    (tree / "a.md").write_text("Nothing to see.\n")
    run = allylint_process(tree, "check", "--no-cache", *arguments, timeout=60)
    assert run.returncode == expected_code
    assert "not a regular file (a named pipe)" in run.stderr


def test_a_fifo_as_an_ignore_file_never_blocks(tree):
    os.mkfifo(tree / ".gitignore")
    (tree / "a.md").write_text("Nothing to see.\n")
    run = allylint_process(tree, "check", "--no-cache", ".", timeout=60)
    assert ".gitignore: ignore file not read: not a regular file (a named pipe)" in run.stderr


def test_candidates_not_separated_by_spaces_take_linear_time(tree):
    # Every candidate scanned the whole run around it: 16,000 took minutes. Calls
    # ("whitelist(") are code, so that the scan, not spaCy, is the work.
    (tree / "run.md").write_text("whitelist(" * 16_000 + "\n")
    run = allylint_process(tree, "check", "--no-cache", "run.md", timeout=60)
    assert run.returncode == 0


def test_many_suppression_directives_with_many_findings_take_linear_time():
    # Each finding was compared with every directive: 20,000 findings and 40,000
    # directives took minutes. The findings are made here, so that spaCy is not the work.
    directives = "<!-- allylint: disable-line crazy -->\n" * 20_000
    blocks = "<!-- allylint: disable crazy -->\n<!-- allylint: enable crazy -->\n" * 10_000
    line = "The whitelist. <!-- allylint: disable-line blacklist -->\n"
    text = directives + blocks + line * 20_000
    lines = LineIndex(text)
    findings = []
    for number in range(20_000):
        start = len(directives) + len(blocks) + number * len(line) + 4
        findings.append(
            Finding(
                "a.md", 40_001 + number, 5, 40_001 + number, 14, start, start + 9,
                "whitelist", "whitelist", "tech-metaphors", "warning", "m", ("allowlist",), "t",
            )
        )  # fmt: skip
    started = time.monotonic()
    result = apply_suppressions(findings, text, lines, frozenset({"crazy", "blacklist"}), "html")
    assert time.monotonic() - started < 30
    assert len(result.findings) == 20_000
    assert len(result.unused) == 20_000 + 10_000 + 20_000


def test_a_long_allow_list_with_many_candidates_takes_linear_time(tree):
    # 3,000 phrases tried at every position, every candidate against every allowed
    # span, and an allowed phrase of hyphens against a run of them (n to the fifth).
    phrases = [f"Product{n} whitelist" for n in range(3_000)]
    (tree / ".allylint.yaml").write_text("allow: [" + ", ".join(phrases) + ", '- - - - x']\n")
    allowed = " ".join(phrases)
    (tree / "a.md").write_text(allowed + "\n\n" + "-" * 5_000 + " x\n\nThe whitelist.\n")
    run = allylint_process(tree, "check", "--no-cache", "-q", "a.md", timeout=60)
    assert run.stdout.count("whitelist warning") == 1


def test_html_with_many_unclosed_constructs_takes_linear_time(tree):
    # 8,000 of each took 2 to 20 s in html.parser, and four times as many sixteen times that.
    constructs = ["<!--", "<a ", "<a x", "<!x", "</a x", '<a b="', "<![CDATA[", "<?"]
    for number, construct in enumerate(constructs):
        (tree / f"page{number}.html").write_text("<p>the whitelist</p>" + construct * 32_000)
    run = allylint_process(tree, "check", "--no-cache", "-q", ".", timeout=90)
    assert run.stdout.count("whitelist warning") == len(constructs)


def test_long_runs_of_capitals_beside_a_candidate_take_linear_time(tree):
    # The name finder tried its title expression at every capital of a run: a 30 KB
    # run of hex digits after a candidate took 13 s, 100 KB of capitals minutes.
    (tree / "hex.md").write_text("The master key is " + "ABCDEF0123" * 10_000 + ".\n")
    (tree / "dashes.md").write_text("The whitelist " + "A-" * 50_000 + "\n")
    run = allylint_process(tree, "check", "--no-cache", "-q", ".", timeout=60)
    assert run.stdout.count("whitelist warning") == 1


def test_capitalized_words_apart_by_runs_of_spaces_take_no_superlinear_time():
    # Space-aligned columns of capitalized words: the numbered-title pattern once split
    # each gap between two optional runs of spaces, and took seconds per line.
    from allylint.engine.names import NameFinder

    text = (("Foo" + " " * 40) * 6 + "x\n") * 10 + "A" + " \t" * 20000
    started = time.monotonic()
    NameFinder().spans(text, prose=True)
    assert time.monotonic() - started < 5
