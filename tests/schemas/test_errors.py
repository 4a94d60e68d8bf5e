"""Bad rule files and configurations, each kind of mistake through the real command
line: the message names the file, the line and the key, and says what is wrong."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

RULE = """\
rules:
  - id: team-term
    category: team
    severity: warning
    match:
      - whitelist
      - {phrase: white list, inflect: last}
    alternatives: [allowlist]
    message: Say what the list does.
    learn: [tech-metaphors]
"""


def run_check(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    (folder / "doc.md").write_text("Nothing to see.\n")
    return subprocess.run(
        [sys.executable, "-m", "allylint", "check", "--no-cache", *args, "doc.md"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
        timeout=120,
        check=False,
    )


def error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    return line


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            ("severity: warning", "severity: loud"),
            "team.yaml:4: rule 'team-term', key 'severity': 'loud' is not one of error, "
            "warning, info",
            id="bad-enum-value",
        ),
        pytest.param(
            ("inflect: last", "inflect: sometimes"),
            "team.yaml:7: rule 'team-term', key 'match[1].inflect': 'sometimes' is not one "
            "of last, first, all, none",
            id="bad-enum-value-in-a-term",
        ),
        pytest.param(
            ("learn: [tech-metaphors]", "learn: [tech-metaphors]\n    enabled: maybe"),
            "team.yaml:11: rule 'team-term', key 'enabled': expected true or false, got 'maybe'",
            id="wrong-type",
        ),
        pytest.param(
            ("alternatives: [allowlist]", "alternatives: [allowlist, 7]"),
            "team.yaml:8: rule 'team-term', key 'alternatives[1]': expected a non-blank "
            "string or {use, when}, got 7",
            id="wrong-type-in-a-list",
        ),
        pytest.param(
            ("learn: [tech-metaphors]", "learn: [tech-metaphors]\n    exampels: {flag: [x]}"),
            "team.yaml:11: rule 'team-term', key 'exampels': unknown key; did you mean "
            "'examples'? expected one of id, category, severity, match, alternatives, "
            "message, learn, sources, fix, fix_when, exceptions, requires, enabled, "
            "in_paths, flag_mentions, ordinary_words, examples",
            id="unknown-key",
        ),
        pytest.param(
            (
                "learn: [tech-metaphors]",
                "learn: [tech-metaphors]\n    exceptions:\n      - folowed_by: [inc]",
            ),
            "team.yaml:12: rule 'team-term', key 'exceptions[0].folowed_by': unknown key; "
            "did you mean 'followed_by'? expected one of preceded_by, followed_by, near, "
            "sentence_has, paragraph_has, sentence_start, sentence_end, capitalized, "
            "in_capitals, title_case, proper_noun, in_quotes, in_compound, mention, pos, matched, "
            "group, any, not, "
            "antecedent",
            id="unknown-condition",
        ),
        pytest.param(
            ("    message: Say what the list does.\n", ""),
            "team.yaml:2: rule 'team-term', key 'message': required key is missing",
            id="missing-required-key",
        ),
        pytest.param(
            ("    alternatives: [allowlist]\n", ""),
            "team.yaml:2: rule 'team-term', key 'alternatives': required key is missing (or "
            "a 'use' on every term)",
            id="missing-alternatives",
        ),
        pytest.param(
            ("learn: [tech-metaphors]", "learn: [tech-metaphors]\n    severity: error"),
            "team.yaml:11: rule file, key 'severity': duplicate key, first at line 4",
            id="duplicate-key",
        ),
        pytest.param(
            ("      - whitelist\n", "      - {lexicon: no-such-words}\n"),
            "team.yaml:6: rule 'team-term', key 'match[0].lexicon': unknown lexicon "
            "'no-such-words'; expected one of",
            id="unknown-lexicon",
        ),
    ],
)
def test_a_bad_rule_file_names_file_line_rule_and_key(tmp_path, change, message):
    (tmp_path / "team.yaml").write_text(RULE.replace(*change))
    line = error_line(run_check(tmp_path, "--rules", "team.yaml"))
    assert line.startswith(f"Error: invalid rules: {message}")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            "select: [whitelist]\nfail-on: sometimes\n",
            ".allylint.yaml:2: key 'fail-on': 'sometimes' is not one of error, warning, "
            "info, never",
            id="bad-enum-value",
        ),
        pytest.param(
            "severity:\n  whitelist: loud\n",
            ".allylint.yaml:2: key 'severity.whitelist': 'loud' is not one of error, warning, info",
            id="bad-enum-value-in-a-mapping",
        ),
        pytest.param(
            "exclude: 42\n",
            ".allylint.yaml:1: key 'exclude': expected a list of strings, got 42",
            id="wrong-type",
        ),
        pytest.param(
            "select: [whitelist]\nfail_on: error\n",
            ".allylint.yaml:2: key 'fail_on': unknown key; did you mean 'fail-on'? expected "
            "one of select, ignore, per-file-ignores, severity, allow, languages, exclude, "
            "extend-rules, profile, fail-on, format",
            id="unknown-key",
        ),
        pytest.param(
            "ignore: [whitelist]\nselect: [blacklist]\nignore: [slave]\n",
            ".allylint.yaml:3: key 'ignore': duplicate key, first at line 1",
            id="duplicate-key",
        ),
        pytest.param(
            "per-file-ignores:\n  'docs/**': [gender]\n  'CHANGELOG.md': [whitelsit]\n",
            ".allylint.yaml:1: key 'per-file-ignores.CHANGELOG.md': unknown rule id or "
            "category 'whitelsit'; did you mean 'whitelist'?",
            id="unknown-rule-id",
        ),
    ],
)
def test_a_bad_configuration_names_file_line_and_key(tmp_path, content, message):
    (tmp_path / ".allylint.yaml").write_text(content)
    line = error_line(run_check(tmp_path))
    assert line == f"Error: invalid configuration: {tmp_path / message}"


def test_a_bad_pyproject_table_names_file_and_key(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.allylint]\nformat = "pdf"\n')
    line = error_line(run_check(tmp_path))
    assert line == (
        f"Error: invalid configuration: {tmp_path / 'pyproject.toml'}: key 'format': 'pdf' "
        "is not one of text, concise, json, html, sarif, github, gitlab, checkstyle, junit"
    )
