"""check's reporting options, baselines and --changed-since, through the real CLI and git."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from allylint.cli.main import main


def run(*args, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.invalid")
    git("config", "user.name", "Test")
    (tmp_path / "a.md").write_text("The whitelist.\n\nThe slave.\n")
    git("add", ".")
    git("commit", "-qm", "initial")
    monkeypatch.chdir(tmp_path)
    return tmp_path, git


def test_output_file_gets_the_report_and_the_terminal_a_summary(repo):
    root, _ = repo
    result = run("check", "a.md", "--format", "json", "--output", "report.json")
    assert result.exit_code == 1
    assert len(json.loads((root / "report.json").read_text())) == 2
    assert "report written to report.json" in result.stdout


def test_quiet_prints_only_findings(repo):
    result = run("check", "a.md", "--quiet")
    assert "Checked" not in result.output
    assert result.output.count("a.md:") == 2


def test_statistics_counts_per_rule(repo):
    result = run("check", "a.md", "--statistics")
    assert "     1  slave" in result.output
    assert "     1  whitelist" in result.output


def test_baseline_round_trip_survives_lines_moving(repo):
    root, _ = repo
    assert run("check", "a.md", "--write-baseline", "baseline.json").exit_code == 0
    assert run("check", "a.md", "--baseline", "baseline.json").exit_code == 0
    (root / "a.md").write_text(
        "# Title\n\nNew intro.\n\nThe whitelist.\n\nThe slave.\n\nA new crazy line.\n"
    )
    result = run("check", "a.md", "--baseline", "baseline.json")
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("a.md:9:7: crazy")
    assert "Checked 1 file: 1 finding" in result.output


def test_baseline_counts_repeated_findings(repo):
    root, _ = repo
    run("check", "a.md", "--write-baseline", "baseline.json")
    (root / "a.md").write_text("The whitelist.\n\nThe slave.\n\nThe whitelist.\n")
    result = run("check", "a.md", "--baseline", "baseline.json")
    assert "1 finding" in result.output


def test_bad_baseline_is_a_clear_error(repo):
    root, _ = repo
    (root / "baseline.json").write_text("{not json")
    result = run("check", "a.md", "--baseline", "baseline.json")
    assert result.exit_code == 2
    assert "cannot read baseline" in result.output


def test_changed_since_checks_only_changed_lines_and_untracked_files(repo):
    root, _ = repo
    (root / "a.md").write_text("The whitelist.\n\nThe slave.\n\nAdded crazy line.\n")
    (root / "new.md").write_text("A new blacklist.\n")
    (root / "untouched.md").write_text("x\n")
    result = run("check", ".", "--changed-since", "HEAD")
    lines = [line for line in result.output.splitlines() if not line.startswith("    ")]
    assert lines[:2] == [line for line in lines if line.startswith(("a.md:5:", "new.md:1:"))]
    assert "a.md:1:" not in result.output


def test_changed_since_compares_with_the_merge_base_when_the_ref_moved_on(repo):
    root, git = repo
    git("branch", "-M", "main")
    git("checkout", "-qb", "topic")
    (root / "a.md").write_text("The whitelist.\n\nThe slave.\n\nA crazy branch line.\n")
    git("commit", "-qam", "branch change")
    git("checkout", "-q", "main")
    (root / "other.md").write_text("The blacklist on main.\n")
    (root / "a.md").write_text("The dummy main line.\n\nThe whitelist.\n\nThe slave.\n")
    git("add", ".")
    git("commit", "-qm", "main moved on")
    git("checkout", "-q", "topic")
    result = run("check", ".", "--changed-since", "main", "--format", "json")
    findings = json.loads(result.stdout)
    # What `git diff main...topic` shows: the branch's line only, not main's new ones.
    assert [(f["path"], f["line"], f["rule"]) for f in findings] == [("a.md", 5, "crazy")]


def test_changed_since_outside_git_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("x\n")
    result = run("check", ".", "--changed-since", "HEAD")
    assert result.exit_code == 2
    assert "--changed-since" in result.output


def test_commit_msg_checks_a_message_file(repo):
    root, _ = repo
    (root / "MSG").write_text("Remove the whitelist\n\n# Please enter the commit message\n")
    result = run("check", "--commit-msg", "MSG")
    assert result.exit_code == 1
    assert result.output.startswith("MSG:1:12: whitelist")


def test_identifiers_are_checked_only_on_request_and_never_fixed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "hosts.py"
    source.write_text('whitelistIps = load()  # the allowed hosts\nMASTER_HOST = "db1"\n')
    assert run("check", "hosts.py").exit_code == 0
    result = run("check", "hosts.py", "--identifiers", "--format", "json")
    found = json.loads(result.stdout)
    assert [(f["line"], f["column"], f["rule"], f["context"], f["fix"]) for f in found] == [
        (1, 1, "whitelist", "identifier", None),
        (2, 1, "master", "identifier", None),
    ]
    text = run("check", "hosts.py", "--identifiers").output
    assert '"whitelist" in an identifier' in text
    run("check", "hosts.py", "--identifiers", "--fix")
    assert source.read_text().startswith("whitelistIps")


def test_file_names_are_reported_as_such_and_never_fixed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = tmp_path / "setup.md"
    original = "Run `java -jar agent.jar` or java -jar ~/bin/slave.jar on each slave.\n"
    doc.write_text(original)
    found = json.loads(run("check", "setup.md", "--format", "json").stdout)
    assert [(f["column"], f["context"], f["fix"]) for f in found] == [
        (46, "path", None),
        (64, "paragraph", "replica"),
    ]
    assert '"slave" in a file name or path' in run("check", "setup.md").output
    run("check", "setup.md", "--fix")
    assert doc.read_text() == original.replace("each slave.", "each replica.")


def test_progress_bar_appears_only_for_slow_scans(capsys):
    from allylint.run.check import _Progress

    quick = _Progress(enabled=True, total=10)
    quick.update(5)
    quick.close()
    assert capsys.readouterr().err == ""
    slow = _Progress(enabled=True, total=10)
    slow.started -= 5
    slow.update(5)
    slow.close()
    err = capsys.readouterr().err
    assert "[###############...............] 5/10 files" in err
    assert err.endswith("\r\x1b[K")
    hidden = _Progress(enabled=False, total=10)
    hidden.started -= 5
    hidden.update(5)
    assert capsys.readouterr().err == ""


def test_changed_since_with_spaces_and_non_ascii_names(repo):
    root, git = repo
    for name in ["with space.md", "caf\u00e9.md"]:
        (root / name).write_text("The whitelist.\n\nStable line.\n")
    git("add", ".")
    git("commit", "-qm", "more")
    (root / "with space.md").write_text("The whitelist.\n\nStable line.\n\nNew slave line.\n")
    (root / "caf\u00e9.md").write_text("The whitelist.\n\nStable line, crazy.\n")
    result = run("check", ".", "--changed-since", "HEAD")
    assert "with space.md:5:5:" in result.output
    assert "caf\u00e9.md:3:14:" in result.output
    assert "with space.md:1:" not in result.output
    assert "caf\u00e9.md:1:" not in result.output


def test_baseline_matches_however_the_paths_are_written(repo, monkeypatch):
    root, _ = repo
    (root / "docs").mkdir()
    (root / "docs" / "b.md").write_text("The whitelist.\n")
    assert run("check", ".", "--write-baseline", "baseline.json").exit_code == 0
    assert run("check", str(root / "docs"), "--baseline", "baseline.json").exit_code == 0
    monkeypatch.chdir(root / "docs")
    assert run("check", "b.md", "--baseline", "../baseline.json").exit_code == 0


def allylint(*args, cwd):
    """The real command line, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "allylint", *args], cwd=cwd, capture_output=True, text=True
    )


def test_fix_from_a_subfolder_keeps_baselined_findings_out(tmp_path):
    # The fixed text is checked again under the file's identity (relative to the
    # project root), so what is left still matches its baseline entries.
    (tmp_path / ".allylint.yaml").write_text("fail-on: warning\n")
    docs = tmp_path / "docs"
    docs.mkdir()
    guide = docs / "guide.md"
    guide.write_text("Add the host to the whitelist.\n\nA crazy plan.\n")
    written = allylint("check", "--write-baseline", "base.json", "docs/guide.md", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    fixed = allylint("check", "--baseline", "../base.json", "--fix", "guide.md", cwd=docs)
    assert guide.read_text() == "Add the host to the allowlist.\n\nA crazy plan.\n"
    assert fixed.returncode == 0, fixed.stdout
    assert "Checked 1 file: no findings." in fixed.stdout
    assert "applied 1 fix in 1 file; 0 findings left for a human" in fixed.stderr
