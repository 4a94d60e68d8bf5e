"""Crashes: where 0.2.0 printed a traceback, a clean error or a notice belongs."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from allylint.report.registry import FORMATS
from tests.hostile.conftest import WHITELIST, allylint, allylint_process, git

NOT_UTF8 = b"caf\xe9-\xff.md"
ESCAPED = "caf\\xe9-\\xff.md"


def _write_not_utf8_name(folder: Path) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), NOT_UTF8)))
    path.write_text(WHITELIST)
    return path


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_file_name_that_is_not_utf8_is_reported_escaped(tree, output_format):
    _write_not_utf8_name(tree)
    # The text format through a real process: the crash was in writing its stdout.
    run_in = allylint_process if output_format == "text" else allylint
    run = run_in(tree, "check", "--no-cache", "--format", output_format, ".")
    assert run.returncode == 1
    if output_format == "json":
        [finding] = json.loads(run.stdout)
        assert finding["path"] == ESCAPED
    elif output_format not in ("sarif", "gitlab"):  # they write paths as URIs, with slashes
        assert ESCAPED in run.stdout


def test_a_file_name_that_is_not_utf8_is_fixed(tree):
    path = _write_not_utf8_name(tree)
    run = allylint(tree, "check", "--no-cache", "--fix", ".")
    assert run.returncode == 0
    assert path.read_text() == "Add the host to the allowlist.\n"


@pytest.mark.parametrize("ignore_file", [".gitignore", ".allylintignore"])
def test_ignore_lines_git_accepts_and_pathspec_rejects_are_skipped_with_a_notice(tree, ignore_file):
    (tree / ignore_file).write_text("!\n\\\na[b-a]c\nignored.md\n")
    (tree / "ignored.md").write_text(WHITELIST)
    (tree / "kept.md").write_text(WHITELIST)
    run = allylint(tree, "check", "--no-cache", ".")
    assert run.returncode == 1
    assert "kept.md:1:" in run.stdout and "ignored.md:1:" not in run.stdout
    for number in (1, 2, 3):
        assert f"{ignore_file}:{number}: ignore pattern" in run.stderr


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
    run = allylint_process(tree, "check", "--no-cache", "--rules", rules, ".", timeout=60)
    assert run.returncode == 2
    assert "over the limit of 256" in run.stderr


def alias_bomb(levels: int = 9) -> str:
    """A YAML value of about 400 bytes that expands to 9**9 strings (a billion laughs),
    or 9**levels."""
    names = "abcdefghi"[:levels]
    written = ["&a [" + ",".join(['"lol"'] * 9) + "]"]
    for previous, name in itertools.pairwise(names):
        written.append(f"&{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "[" + ", ".join(written) + "]"


def test_an_alias_bomb_is_refused_before_it_is_walked(tree):
    rules = _rule_file(tree, f"[{{phrase: x, fix: {alias_bomb()}}}]")
    run = allylint_process(tree, "check", "--no-cache", "--rules", rules, ".", timeout=60)
    assert run.returncode == 2
    assert "team.yaml: rule file: invalid YAML: its aliases expand it to more than 100,000" in (
        run.stderr
    )
    assert len(run.stderr) < 1000


def test_aliases_within_the_limit_are_never_rendered(tree):
    rules = _rule_file(tree, f"[{{phrase: x, fix: {alias_bomb(4)}}}]")  # 9**4 strings
    run = allylint_process(tree, "check", "--no-cache", "--rules", rules, ".", timeout=60)
    assert run.returncode == 2
    assert "team.yaml:5: rule 'team-term', key 'match[0].fix': expected a string, got [" in (
        run.stderr
    )
    assert len(run.stderr) < 1000


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize(
    "option",
    [["check", "DEVICE"], ["check", "--commit-msg", "DEVICE"], ["check", "device.md"]],
    ids=["named", "commit-msg", "symlink"],
)
def test_a_device_named_as_input_is_skipped_with_a_notice(tree, option, device):
    (tree / "device.md").symlink_to(device)
    arguments = [device if argument == "DEVICE" else argument for argument in option]
    run = allylint_process(tree, *arguments, "--no-cache", timeout=60)
    assert run.returncode == 0
    assert "skipped: not a regular file (a character device)" in run.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("option", ["--config", "--rules"])
def test_a_device_named_as_configuration_or_rules_is_a_clean_error(tree, option, device):
    run = allylint_process(tree, "check", "--no-cache", option, device, ".", timeout=60)
    assert run.returncode == 2
    assert "not a regular file (a character device)" in run.stderr


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_extend_rules_that_are_no_regular_file_are_a_clean_error(tree, kind):
    if kind == "fifo":
        os.mkfifo(tree / "rules.yaml")
    else:
        (tree / "rules.yaml").symlink_to("/dev/zero")
    (tree / ".allylint.yaml").write_text("extend-rules: [rules.yaml]\n")
    (tree / "a.md").write_text(WHITELIST)
    run = allylint_process(tree, "check", "--no-cache", ".", timeout=60)
    assert run.returncode == 2
    assert "rules.yaml" in run.stderr and "not a regular file" in run.stderr


def test_a_file_over_the_size_limit_is_skipped_with_a_notice(tree):
    with open(tree / "big.md", "wb") as big:
        big.truncate(64 * 1024 * 1024 + 1)  # sparse: no disk, and every byte a zero
    (tree / "a.md").write_text(WHITELIST)
    run = allylint_process(tree, "check", "--no-cache", ".", timeout=60)
    assert run.returncode == 1
    assert "big.md: skipped: 67,108,865 bytes is over the 67,108,864-byte limit" in run.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("#" + "x" * (4 * 1024 * 1024) + "\n", "bytes is over the 4,194,304-byte limit"),
        ("allow: " + "[" * 100_000 + "]" * 100_000 + "\n", "exceeded maximum nesting depth"),
        ("allow: [" + "x" * 201 + "]\n", "key 'allow[0]': 201 characters is over the limit of 200"),
    ],
    ids=["over-the-size-limit", "nested", "long-allowed-phrase"],
)
def test_a_hostile_configuration_is_a_clean_error(tree, content, expected):
    (tree / ".allylint.yaml").write_text(content)
    run = allylint(tree, "check", "--no-cache", ".")
    assert run.returncode == 2
    assert ".allylint.yaml" in run.stderr and expected in run.stderr
    assert len(run.stderr) < 1000


def test_a_rule_phrase_of_too_many_words_is_a_clean_error(tree):
    rules = _rule_file(tree, "['" + " ".join("abcdefghijklm") + "']")
    run = allylint(tree, "check", "--no-cache", "--rules", rules, ".")
    assert run.returncode == 2
    assert (
        "team.yaml:5: rule 'team-term', key 'match[0]': a phrase of 13 words is over the limit "
        "of 12" in run.stderr
    )


def test_endless_standard_input_is_refused(tree):
    with open("/dev/zero", "rb") as zero:
        data = zero.read(64 * 1024 * 1024 + 1)
    run = allylint_process(tree, "check", "--stdin", stdin=data, timeout=60)
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
    run = allylint_process(tree, "check", "--no-cache", "--output", "/dev/full", "a.md")
    assert run.returncode == 2
    assert "--output: cannot write /dev/full: No space left on device" in run.stderr


def test_init_over_a_folder_is_a_clean_error(tree):
    (tree / ".allylint.yaml").mkdir()
    run = allylint(tree, "init", "--force")
    assert run.returncode == 2
    assert "cannot write .allylint.yaml: it is a folder" in run.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("tool = 5\n", "key 'tool': expected a table, got 5"),
        ("x = " + "[" * 5000 + "]" * 5000 + "\n", "cannot read: TOML nested too deeply"),
        ("[tool.allylint]\nselect = " + "9" * 5000 + "\n", "cannot read: Exceeds the limit"),
    ],
    ids=["tool-not-a-table", "nested-arrays", "huge-integer"],
)
def test_a_hostile_pyproject_is_a_clean_error(tree, content, expected):
    (tree / "pyproject.toml").write_text(content)
    run = allylint(tree, "check", "--no-cache", "--config", "pyproject.toml", ".")
    assert run.returncode == 2
    assert expected in run.stderr


def test_an_alias_bomb_in_the_configuration_is_refused(tree):
    (tree / ".allylint.yaml").write_text(f"allow: {alias_bomb()}\n")
    run = allylint_process(tree, "check", "--no-cache", ".", timeout=60)
    assert run.returncode == 2
    assert ".allylint.yaml: invalid YAML: its aliases expand it to more than 100,000" in run.stderr
    assert len(run.stderr) < 1000


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"version": 1, "findings": [{"fingerprint": ' + "9" * 5000 + "}]}", "4300 digits"),
        ('{"version": 1, "findings": [{"fingerprint": ["a"]}, 5]}', "entry 1"),
        ('{"version": 1, "findings": [5]}', "entry 1"),
    ],
    ids=["nested", "huge-integer", "list-fingerprint", "number-entry"],
)
def test_a_hostile_baseline_is_a_clean_error(tree, content, expected):
    (tree / "baseline.json").write_text(content)
    (tree / "a.md").write_text(WHITELIST)
    run = allylint(tree, "check", "--no-cache", "--baseline", "baseline.json", ".")
    assert run.returncode == 2
    assert expected in run.stderr


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_a_baseline_that_is_no_regular_file_is_a_clean_error(tree, kind):
    if kind == "fifo":
        os.mkfifo(tree / "baseline.json")
    else:
        (tree / "baseline.json").symlink_to("/dev/zero")
    run = allylint_process(
        tree, "check", "--no-cache", "--baseline", "baseline.json", ".", timeout=60
    )
    assert run.returncode == 2
    assert "not a regular file" in run.stderr


def test_cache_entries_with_wrong_field_types_are_dropped_and_recomputed(tree):
    (tree / "a.md").write_text("Fine.\n")
    git(tree, "add", ".")
    git(tree, "commit", "-qm", "start")
    (tree / "a.md").write_text("Fine.\n" + WHITELIST)
    first = allylint(tree, "check", "--changed-since", "HEAD", ".")
    entries = list((tree / ".allylint_cache").rglob("*.json"))
    assert entries
    for entry in entries:
        data = json.loads(entry.read_text())
        for finding in data["result"]["findings"]:
            finding.update(line="2", end_line=None, fix={"start": "x", "end": 1, "replacement": 5})
        entry.write_text(json.dumps(data))
    for options in (["--changed-since", "HEAD"], ["--diff"], []):
        run = allylint(tree, "check", *options, ".")
        assert run.returncode == 1
        assert "a.md:2:21: whitelist" in run.stdout + run.stderr  # --diff: a patch on stdout
    assert first.stdout.startswith("a.md:2:21: whitelist")


@pytest.mark.parametrize(
    "content",
    ["[" * 100_000 + "]" * 100_000, '{"sha256": ' + "9" * 5000 + "}", '{"result": 5}'],
    ids=["nested", "huge-integer", "wrong-type"],
)
def test_a_hostile_cache_entry_is_dropped_and_recomputed(tree, content):
    (tree / "a.md").write_text("Fine.\n")
    git(tree, "add", ".")
    git(tree, "commit", "-qm", "start")
    (tree / "a.md").write_text(WHITELIST)
    allylint(tree, "check", "a.md")
    [entry] = (tree / ".allylint_cache").rglob("*.json")
    entry.write_text(content)
    for options in (["--changed-since", "HEAD"], []):
        run = allylint(tree, "check", *options, "a.md")
        assert run.returncode == 1
        assert "a.md:1:21: whitelist" in run.stdout
    assert json.loads(entry.read_text())["result"]["findings"]


def _children(pid: int) -> list[int]:
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in listed.split()]


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="worker processes seen in /proc")
@pytest.mark.parametrize(
    ("number", "to"),
    [
        (signal.SIGTERM, "program"),
        (signal.SIGTERM, "process-group"),
        (signal.SIGINT, "process-group"),
    ],
    ids=["sigterm-program", "sigterm-group", "ctrl-c"],
)
def test_a_signal_to_a_parallel_run_ends_it_quietly(tree, number, to):
    # A cancelled CI job: SIGTERM reaches the program, or every process of the job;
    # Ctrl-C sends SIGINT to every process of the terminal's foreground job.
    paragraph = "Add the host to the whitelist. Each user sets his password. " * 40 + "\n\n"
    for file_number in range(40):
        (tree / f"doc{file_number:02}.md").write_text(paragraph * 40)
    process = subprocess.Popen(
        [sys.executable, "-m", "allylint", "check", "--no-cache", "-j", "2", "."],
        cwd=tree,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while len(workers := _children(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(workers) >= 2, "the workers never started"
        time.sleep(0.5)  # busy checking
        if to == "program":
            process.send_signal(number)
        else:
            os.killpg(process.pid, number)
        _, stderr = process.communicate(timeout=60)
        assert b"Traceback" not in stderr and b"BrokenPipeError" not in stderr, stderr
        assert process.returncode == 128 + number, stderr
        time.sleep(1)
        assert not [pid for pid in workers if _running(pid)], "a worker outlived the run"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # whatever a failure left running
