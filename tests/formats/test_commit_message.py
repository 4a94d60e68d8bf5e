"""Commit messages: subject and body are checked; git's comments, scissors and diff are not."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from allylint.formats.reader import extract
from allylint.formats.registry import format_for
from tests.conftest import stable_findings, write_file

MESSAGE = """\
Drop the slave pool

The whitelist moves to settings; run a sanity
check after upgrading.

# Please enter the commit message for your changes. Lines starting
# with '#' will be ignored: the blacklist, the slave.
#
# On branch main
Signed-off-by: A Person <a@example.com>
# ------------------------ >8 ------------------------
# Do not modify or remove the line above.
diff --git a/x.py b/x.py
+# the whitelist
"""

EXPECTED = [
    ("slave", 1, 10, "slave"),
    ("whitelist", 3, 5, "whitelist"),
    ("sanity-check", 3, 40, "sanity\ncheck"),
]


def check(tmp_path: Path, content: str, *, newline: str = "\n", name: str = "COMMIT_EDITMSG"):
    return stable_findings(write_file(tmp_path, name, content, newline))


def test_commit_message_files_are_known_by_name():
    for name in ("COMMIT_EDITMSG", "MERGE_MSG", "TAG_EDITMSG", "SQUASH_MSG"):
        assert format_for(f".git/{name}") == "commit"


def test_subject_and_body_are_checked_not_comments_scissors_or_diff(tmp_path):
    assert check(tmp_path, MESSAGE) == EXPECTED


def test_crlf_keeps_positions(tmp_path):
    expected = [(r, line, c, text.replace("\n", "\r\n")) for r, line, c, text in EXPECTED]
    assert check(tmp_path, MESSAGE, newline="\r\n") == expected


def test_segments_are_the_subject_and_paragraphs():
    found = [(s.context, s.text) for s in extract(MESSAGE, "commit")]
    assert found == [
        ("title", "Drop the slave pool"),
        ("paragraph", "The whitelist moves to settings; run a sanity check after upgrading."),
        ("paragraph", "Signed-off-by: A Person <a@example.com>"),
    ]


def test_verbose_commit_without_scissors_stops_at_the_diff():
    message = "Fix it\n\ndiff --git a/a b/a\n+the whitelist\n"
    assert [s.text for s in extract(message, "commit")] == ["Fix it"]


def test_tabs_and_multibyte_characters(tmp_path):
    message = "Café 漢字 😀: the whitelist\n\n\tIndented slave line\n"
    assert check(tmp_path, message) == [
        ("whitelist", 1, 16, "whitelist"),
        ("slave", 3, 11, "slave"),
    ]


@pytest.mark.parametrize(
    "content",
    ["", "\n\n\n", "# only comments\n# whitelist\n", "# ---- >8 ----\nwhitelist", "\x00\x01"],
)
def test_odd_messages_never_crash(tmp_path, content):
    found = check(tmp_path, content)
    assert found in ([], [("whitelist", 2, 1, "whitelist")])


def test_long_line_and_large_message(tmp_path):
    started = time.process_time()
    assert check(tmp_path, "word " * 20_000 + "whitelist\n") == [
        ("whitelist", 1, 100_001, "whitelist")
    ]
    body = "Some body text about hosts.\n" * (20_000_000 // 28)
    assert check(tmp_path, "Subject\n\n" + body + "\nThe whitelist.\n") == [
        ("whitelist", body.count("\n") + 4, 5, "whitelist")
    ]
    assert time.process_time() - started < 30
