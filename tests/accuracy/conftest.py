"""Print the accuracy table at the end of the run, whether or not ``-s`` was given."""

from __future__ import annotations

from typing import Any

# Filled by the tests of this folder: report name -> text to show in the summary.
SUMMARIES: dict[str, str] = {}


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not SUMMARIES:
        return
    terminalreporter.section("allylint accuracy")
    for text in SUMMARIES.values():
        terminalreporter.write_line(text)
        terminalreporter.write_line("")
