"""Locate the data that ships with allylint (rule files, lexicons and topics).

In a wheel the top-level ``rules/`` and ``docs/topics/`` folders are copied to
``allylint/data/``; in a source checkout (editable install, tests) they are
read from where they live in the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT_DIR = _PACKAGE_DIR.parent


def _data_dir(installed: str, in_checkout: str) -> Path:
    packaged = _PACKAGE_DIR / "data" / installed
    if packaged.is_dir():
        return packaged
    return _CHECKOUT_DIR / in_checkout


def builtin_rules_dir() -> Path:
    return _data_dir("rules", "rules")


def builtin_lexicons_dir() -> Path:
    """The lexicons: word lists that rule conditions use, in a folder of the rules."""
    return builtin_rules_dir() / "lexicons"


def builtin_profiles_file() -> Path:
    """The profiles: which severities a check reports, in a folder of the rules."""
    return builtin_rules_dir() / "profiles" / "profiles.yaml"


def topics_dir() -> Path:
    return _data_dir("topics", "docs/topics")
