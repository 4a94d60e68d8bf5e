import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from allylint.cli.main import main, use_color

FINDING_KEYS = {
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "rule",
    "category",
    "severity",
    "message",
    "text",
    "alternatives",
    "learn",
    "context",
    "fix",
}


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def docs(tmp_path):
    (tmp_path / "guide.md").write_text("# Guide\n\nAdd the host to the whitelist.\n")
    (tmp_path / "clean.md").write_text("Nothing to see here.\n")
    return tmp_path


def test_text_output_names_location_rule_words_alternatives_and_why(runner, docs):
    result = runner.invoke(main, ["check", str(docs)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        f'{docs}/guide.md:3:21: whitelist warning: "whitelist", consider '
        '"allowlist", "allow list" or "permit list"'
    )
    assert lines[1].startswith("    why: ")
    assert lines[1].endswith("allylint explain whitelist")
    assert lines[-1] == ("Checked 2 files: 1 finding (1 warning); by category: tech-metaphors 1.")


def test_clean_scan_exits_zero(runner, docs):
    result = runner.invoke(main, ["check", str(docs / "clean.md")])
    assert result.exit_code == 0
    assert result.output == "Checked 1 file: no findings.\n"


@pytest.mark.parametrize(
    ("fail_on", "code"), [("error", 0), ("warning", 1), ("info", 1), ("never", 0)]
)
def test_fail_on_threshold(runner, docs, fail_on, code):
    assert runner.invoke(main, ["check", str(docs), "--fail-on", fail_on]).exit_code == code


def test_json_shape(runner, docs):
    result = runner.invoke(main, ["check", str(docs), "--format", "json"])
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)
    assert set(finding) == FINDING_KEYS
    assert finding == {
        "path": f"{docs}/guide.md",
        "line": 3,
        "column": 21,
        "end_line": 3,
        "end_column": 30,
        "rule": "whitelist",
        "category": "tech-metaphors",
        "severity": "warning",
        "message": finding["message"],
        "text": "whitelist",
        "alternatives": ["allowlist", "allow list", "permit list"],
        "learn": "tech-metaphors",
        "context": "paragraph",
        "fix": "allowlist",
    }
    assert finding["message"]


def test_json_with_no_findings_is_an_empty_array(runner, docs):
    result = runner.invoke(main, ["check", str(docs / "clean.md"), "--format", "json"])
    assert json.loads(result.stdout) == []


def test_missing_path_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(main, ["check", str(tmp_path / "missing.md")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_stdin_uses_the_given_filename_for_format_and_output(runner):
    result = runner.invoke(
        main,
        ["check", "--stdin", "--stdin-filename", "x.md"],
        input="Run `whitelist` and the whitelist.\n",
    )
    assert result.exit_code == 1
    assert result.output.startswith("x.md:1:25: whitelist")


def test_stdin_and_paths_together_are_refused(runner, docs):
    result = runner.invoke(main, ["check", "--stdin", str(docs)])
    assert result.exit_code == 2


def test_malformed_rule_file_is_a_clear_error(runner, docs, tmp_path):
    bad = tmp_path / "team-rules.yaml"
    bad.write_text(
        "rules:\n  - id: team-rule\n    category: x\n    severity: warning\n"
        "    match: [foo]\n    alternatives: [bar]\n    message: m\n"
        "    learn: [gender]\n    colour: red\n"
    )
    result = runner.invoke(main, ["check", str(docs), "--rules", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:9: rule 'team-rule', key 'colour': unknown key" in result.output


def test_binary_empty_and_invalid_utf8_files(runner, tmp_path):
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02 whitelist")
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9 and the whitelist\n")
    result = runner.invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert "binary.md: skipped: binary file" in result.stderr
    assert "latin.txt: not valid UTF-8" in result.stderr
    assert "latin.txt:1:14: whitelist" in result.stdout
    assert "Checked 3 files" in result.stdout


def test_rules_lists_every_rule(runner):
    result = runner.invoke(main, ["rules"])
    assert result.exit_code == 0
    assert any(
        line.split()[:3] == ["whitelist", "tech-metaphors", "warning"]
        for line in result.stdout.splitlines()
    )


def test_explain_prints_message_alternatives_and_topics(runner):
    result = runner.invoke(main, ["explain", "whitelist"])
    assert result.exit_code == 0
    assert "allowlist" in result.output
    assert "Why it matters" in result.output
    assert "allylint learn tech-metaphors" in result.output


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["explain", "whitelst"], "Did you mean: whitelist"),
        (["explain", "why-words-matter"], "is a topic: allylint learn why-words-matter"),
        (["learn", "genderr"], "unknown topic 'genderr'. Did you mean: gender"),
        (["learn", "whitelist"], "is a rule: allylint explain whitelist"),
        (["learn", "zzzz"], "See: allylint learn"),
    ],
)
def test_an_unknown_rule_or_topic_points_to_what_was_meant(runner, args, hint):
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert hint in result.output


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    class Terminal:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(Terminal(), no_color=False)
    assert not use_color(Terminal(), no_color=True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Terminal(), no_color=False)


def test_module_entry_point_runs_in_a_subprocess(tmp_path):
    (tmp_path / "a.md").write_text("Each slave replicates from the primary.\n")
    result = subprocess.run(
        [sys.executable, "-m", "allylint", "check", "a.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stdout.startswith("a.md:1:6: slave error")
