"""The MkDocs plugin, tested with real ``mkdocs build`` runs on small sites."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integrations import INVALID_CONFIGURATION, assert_clear_configuration_error

pytest.importorskip("mkdocs")

INDEX = """\
---
title: Home
---

# Home

Add the host to the whitelist first.

```
whitelist = ["a"]
```

Use `blacklist` in code, and see [the guide](guide.md).
"""
GUIDE = """\
# Guide

The primary node and each slave node.

<!-- allylint: disable-next-line -->
Suppressed: the blacklist.
"""


def _site(tmp_path: Path, plugin: str = "  - allylint") -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(INDEX, encoding="utf-8")
    (docs / "guide.md").write_text(GUIDE, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Demo\nplugins:\n{plugin}\n")
    return tmp_path


def _build(site: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *options],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _findings(output: str) -> list[tuple[str, int, int, str]]:
    pattern = re.compile(r"^WARNING +- +allylint: (\S+):(\d+):(\d+): .* \[([\w-]+)\]\.", re.M)
    return [(m[1], int(m[2]), int(m[3]), m[4]) for m in pattern.finditer(output)]


EXPECTED = [("docs/guide.md", 3, 27, "slave"), ("docs/index.md", 7, 21, "whitelist")]


def test_strict_build_fails_with_each_finding_at_its_page_line_and_column(tmp_path):
    result = _build(_site(tmp_path), "--strict")
    assert result.returncode != 0
    assert sorted(_findings(result.stderr)) == EXPECTED
    assert (
        'docs/index.md:7:21: "whitelist", consider "allowlist", "allow list" or "permit list" '
        "[whitelist]. Learn more: allylint explain whitelist" in result.stderr
    )


def test_without_strict_the_build_succeeds_with_the_warnings(tmp_path):
    result = _build(_site(tmp_path))
    assert result.returncode == 0, result.stderr
    assert sorted(_findings(result.stderr)) == EXPECTED
    assert (tmp_path / "site" / "index.html").is_file()


def test_plugin_options_and_the_project_configuration(tmp_path):
    site = _site(tmp_path, "  - allylint:\n      fail_on: error\n      config: lint.yaml")
    (site / "lint.yaml").write_text("ignore: [slave]\nseverity:\n  whitelist: error\n")
    result = _build(site, "--strict")
    assert result.returncode != 0
    assert _findings(result.stderr) == [("docs/index.md", 7, 21, "whitelist")]

    # slave is an error by default; index.md is left out.
    (site / "lint.yaml").write_text("exclude: [docs/index.md]\n")
    assert _findings(_build(site).stderr) == [("docs/guide.md", 3, 27, "slave")]


def test_findings_below_fail_on_are_notes_that_do_not_fail_a_strict_build(tmp_path):
    site = _site(tmp_path, "  - allylint:\n      fail_on: never")
    result = _build(site, "--strict")
    assert result.returncode == 0, result.stderr
    assert _findings(result.stderr) == []
    assert "INFO    -  allylint: docs/index.md:7:21:" in result.stderr


def test_an_invalid_configuration_is_a_clear_error(tmp_path):
    site = _site(tmp_path)
    (site / ".allylint.yaml").write_text(INVALID_CONFIGURATION)
    assert_clear_configuration_error(_build(site))
