"""Crashes: where 0.2.0 printed a traceback, a clean error or a notice belongs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from allylint.report.registry import FORMATS
from tests.hostile.conftest import WHITELIST, allylint

NOT_UTF8 = b"caf\xe9-\xff.md"
ESCAPED = "caf\\xe9-\\xff.md"


def _write_not_utf8_name(folder: Path) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), NOT_UTF8)))
    path.write_text(WHITELIST)
    return path


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_file_name_that_is_not_utf8_is_reported_escaped(tree, output_format):
    _write_not_utf8_name(tree)
    run = allylint(tree, "check", "--no-cache", "--format", output_format, ".")
    assert run.returncode == 1
    if output_format == "json":
        [finding] = json.loads(run.stdout)
        assert finding["path"] == ESCAPED
    elif output_format != "sarif":  # SARIF percent-encodes its URIs
        assert ESCAPED in run.stdout


def test_a_file_name_that_is_not_utf8_is_fixed(tree):
    path = _write_not_utf8_name(tree)
    run = allylint(tree, "check", "--no-cache", "--fix", ".")
    assert run.returncode == 0
    assert path.read_text() == "Add the host to the allowlist.\n"


def test_ignore_lines_git_accepts_and_pathspec_rejects_are_skipped_with_a_notice(tree):
    (tree / ".gitignore").write_text("!\n\\\na[b-a]c\nignored.md\n")
    (tree / "ignored.md").write_text(WHITELIST)
    (tree / "kept.md").write_text(WHITELIST)
    run = allylint(tree, "check", "--no-cache", ".")
    assert run.returncode == 1
    assert "kept.md:1:" in run.stdout and "ignored.md:1:" not in run.stdout
    for number in (1, 2, 3):
        assert f".gitignore:{number}: ignore pattern" in run.stderr


def _rule_file(folder: Path, match: str, alternatives: str = "[allowlist]") -> Path:
    path = folder / "team.yaml"
    path.write_text(
        "rules:\n"
        "  - id: team-term\n"
        "    category: team\n"
        "    severity: warning\n"
        f"    match: {match}\n"
        f"    alternatives: {alternatives}\n"
        "    message: Say it another way.\n"
        "    learn: [team]\n"
    )
    return path


def test_a_very_long_rule_term_is_a_clean_error(tree):
    rules = _rule_file(tree, "[" + "x" * 1500 + "]")
    run = allylint(tree, "check", "--no-cache", "--rules", rules, ".")
    assert run.returncode == 2
    assert "1,500 characters is over the limit" in run.stderr


def test_inflecting_every_word_of_a_long_phrase_is_bounded(tree):
    phrase = " ".join(["word"] * 11)
    rules = _rule_file(tree, f"[{{phrase: {phrase}, inflect: all}}]")
    run = allylint(tree, "check", "--no-cache", "--rules", rules, ".", timeout=60)
    assert run.returncode == 2
    assert "over the limit of 256" in run.stderr


def alias_bomb() -> str:
    """A YAML value of about 400 bytes that expands to 9**9 strings (a billion laughs)."""
    levels = ["&a [" + ",".join(['"lol"'] * 9) + "]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"&{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "[" + ", ".join(levels) + "]"


def test_an_alias_bomb_in_a_rule_value_is_never_rendered(tree):
    rules = _rule_file(tree, f"[{{phrase: x, fix: {alias_bomb()}}}]")
    run = allylint(tree, "check", "--no-cache", "--rules", rules, ".", timeout=60)
    assert run.returncode == 2
    assert "a term's 'fix' must be a non-empty string" in run.stderr
    assert len(run.stderr) < 1000


@pytest.mark.parametrize(
    "option",
    [["check", "/dev/zero"], ["check", "--commit-msg", "/dev/zero"], ["check", "zero.md"]],
    ids=["named", "commit-msg", "symlink"],
)
def test_a_device_named_as_input_is_skipped_with_a_notice(tree, option):
    (tree / "zero.md").symlink_to("/dev/zero")
    run = allylint(tree, *option, "--no-cache", timeout=60)
    assert run.returncode == 0
    assert "skipped: not a regular file (a character device)" in run.stderr


@pytest.mark.parametrize("option", ["--config", "--rules"])
def test_a_device_named_as_configuration_or_rules_is_a_clean_error(tree, option):
    run = allylint(tree, "check", "--no-cache", option, "/dev/zero", ".", timeout=60)
    assert run.returncode == 2
    assert "not a regular file (a character device)" in run.stderr


def test_endless_standard_input_is_refused(tree):
    with open("/dev/zero", "rb") as zero:
        data = zero.read(64 * 1024 * 1024 + 1)
    run = allylint(tree, "check", "--stdin", stdin=data, timeout=60)
    assert run.returncode == 2
    assert "standard input is over the 67,108,864-byte limit" in run.stderr


def test_a_path_longer_than_path_max_is_skipped_with_a_notice(tree):
    (tree / "short.md").write_text(WHITELIST)
    descriptor = os.open(tree, os.O_RDONLY)
    try:
        for _ in range(20):  # 20 folders of 250 characters: over Linux's 4,096
            os.mkdir("d" * 250, dir_fd=descriptor)
            inner = os.open("d" * 250, os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
        with open(os.open("deep.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=descriptor), "w") as f:
            f.write(WHITELIST)
    finally:
        os.close(descriptor)
    run = allylint(tree, "check", "--no-cache", ".")
    assert run.returncode == 1
    assert "short.md:1:" in run.stdout
    assert "folder skipped: cannot read it (File name too long)" in run.stderr


def test_a_full_disk_for_the_report_is_a_clean_error(tree):
    (tree / "a.md").write_text(WHITELIST)
    run = allylint(tree, "check", "--no-cache", "--output", "/dev/full", "a.md")
    assert run.returncode == 2
    assert "--output: cannot write /dev/full: No space left on device" in run.stderr


def test_init_over_a_folder_is_a_clean_error(tree):
    (tree / ".allylint.yaml").mkdir()
    run = allylint(tree, "init", "--force")
    assert run.returncode == 2
    assert "cannot write .allylint.yaml: it is a folder" in run.stderr
