from __future__ import annotations

from pathlib import Path

import pytest

from allylint.api import default_engine, lint_text
from allylint.findings import Finding

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when that folder is absent (a user's clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


def flagged(text: str, filename: str = "doc.md") -> list[tuple[str, str]]:
    """(rule id, matched text) for each finding in ``text``."""
    return [(f.rule_id, f.text) for f in lint_text(text, filename)]


def findings(text: str, filename: str = "doc.md") -> list[Finding]:
    return lint_text(text, filename)


@pytest.fixture(scope="session")
def engine():
    return default_engine()
