"""The Python API: lint_text and lint_paths, with and without configuration."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from allylint import lint_paths, lint_text
from allylint.config.loader import Config
from allylint.config.settings import SettingsError, resolve

GUIDE = "The whitelist and the slave.\n\nA crazy plan.\n\nThe blacklist daemon.\n"


def test_context_reads_text_taken_out_of_its_file_in_that_context():
    line = "He does not have to check for the attribute first."
    # Plain text that opens with "He" tells of someone named elsewhere; a comment
    # speaks of the caller or the user, so there the pronoun is generic.
    assert lint_text(line, "line.txt") == []
    findings = lint_text(line, "line.txt", context="comment")
    assert [(f.text, f.context) for f in findings] == [("He", "comment")]


def test_without_context_the_format_decides():
    text = "# so he does not have to check for the attribute first.\n"
    assert [f.context for f in lint_text(text, "t.py")] == ["comment"]
    assert [f.text for f in lint_text("He does not have to check it.", "t.txt")] == []
    assert [f.context for f in lint_text(text, "t.txt", input_format="python")] == ["comment"]


def test_terms_in_file_names_are_reported_but_never_fixed():
    findings = lint_text("Run java -jar ~/bin/slave.jar on each machine.", "t.md")
    assert [(f.rule_id, f.text, f.fix) for f in findings] == [("slave", "slave", None)]
    prose = lint_text("Each slave replicates from the primary.", "t.md")
    assert prose[0].fix is not None


def test_lint_text_takes_settings():
    settings = resolve(
        Config(ignore=("slave",), severity={"crazy": "error"}, allow=("blacklist daemon",))
    )
    assert [(f.rule_id, f.severity) for f in lint_text(GUIDE, "a.md")] == [
        ("whitelist", "warning"),
        ("slave", "error"),
        ("crazy", "warning"),
        ("blacklist", "warning"),
    ]
    assert [(f.rule_id, f.severity) for f in lint_text(GUIDE, "a.md", settings=settings)] == [
        ("whitelist", "warning"),
        ("crazy", "error"),
    ]
    with pytest.raises(ValueError, match="rules or settings"):
        lint_text(GUIDE, rules=settings.rules, settings=settings)


def project(root: Path, config_name: str, config_text: str) -> Path:
    (root / config_name).write_text(config_text)
    docs = root / "docs"
    (docs / "legacy").mkdir(parents=True)
    (docs / "guide.md").write_text(GUIDE)
    (docs / "legacy" / "old.md").write_text("The whitelist.\n")
    return docs


CONFIGURATIONS = [
    (
        ".allylint.yaml",
        "ignore: [slave]\nseverity:\n  crazy: error\nallow: [blacklist daemon]\n"
        "exclude: [docs/legacy/]\n",
    ),
    (
        "pyproject.toml",
        '[tool.allylint]\nignore = ["slave"]\nseverity = {crazy = "error"}\n'
        'allow = ["blacklist daemon"]\nexclude = ["docs/legacy/"]\n',
    ),
]


@pytest.mark.parametrize(("config_name", "config_text"), CONFIGURATIONS)
def test_lint_paths_honours_the_configuration_like_the_command_line(
    tmp_path, config_name, config_text
):
    docs = project(tmp_path, config_name, config_text)
    found = [(Path(f.path).name, f.rule_id, f.severity) for f in lint_paths([docs])]
    assert found == [("guide.md", "whitelist", "warning"), ("guide.md", "crazy", "error")]
    cli = subprocess.run(
        [sys.executable, "-m", "allylint", "check", "--format", "json", "--no-cache", "docs"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    from_cli = [(Path(f["path"]).name, f["rule"], f["severity"]) for f in json.loads(cli.stdout)]
    assert from_cli == found


def test_lint_paths_fingerprints_match_the_command_lines_baseline(tmp_path):
    docs = project(tmp_path, ".allylint.yaml", "fail-on: warning\n")
    subprocess.run(
        [sys.executable, "-m", "allylint", "check", "--write-baseline", "base.json", "docs"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    baseline = json.loads((tmp_path / "base.json").read_text())["findings"]
    assert [f.fingerprint for f in lint_paths([docs])] == [f["fingerprint"] for f in baseline]


def test_lint_paths_reports_a_bad_configuration(tmp_path):
    docs = project(tmp_path, ".allylint.yaml", "select: [not-a-rule]\n")
    with pytest.raises(SettingsError, match=r"\.allylint\.yaml:1: key 'select': unknown rule"):
        list(lint_paths([docs]))


def test_lint_paths_with_settings_of_its_own(tmp_path):
    docs = project(tmp_path, ".allylint.yaml", "select: [crazy]\n")
    found = [f.rule_id for f in lint_paths([docs / "guide.md"], settings=resolve(Config()))]
    assert found == ["whitelist", "slave", "crazy", "blacklist"]
