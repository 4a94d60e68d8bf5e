"""The version, in a module of its own, is the one the package and its build report."""

import re
from pathlib import Path

import allylint
from allylint.version import __version__

ROOT = Path(__file__).resolve().parent.parent


def test_version_is_a_release_number():
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:[.-]?\w+)?", __version__)


def test_the_package_reports_the_same_version():
    assert allylint.__version__ == __version__


def test_the_build_reads_the_version_from_this_module():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'path = "allylint/version.py"' in pyproject
