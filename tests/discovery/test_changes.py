"""``--changed-since``: changed lines since the merge base, in a real git repository."""

import subprocess

import pytest

from allylint.discovery.changes import ALL_LINES, ChangesError, changed_lines


def git(cwd, *args):
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "a.md").write_text("one\ntwo\nthree\n", encoding="utf-8")
    (tmp_path / "gone.md").write_text("bye\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    git(tmp_path, "checkout", "-q", "-b", "topic")
    return tmp_path


def test_committed_uncommitted_and_untracked_changes(repo):
    (repo / "a.md").write_text("one\nTWO\nthree\nfour\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "change")
    (repo / "gone.md").unlink()
    (repo / "new file é.md").write_text("x\n", encoding="utf-8")
    changes = changed_lines("main", repo)
    root = repo.resolve()
    assert changes == {root / "a.md": {2, 4}, root / "new file é.md": ALL_LINES}


def test_commits_on_ref_after_the_branch_left_are_not_changes(repo):
    git(repo, "checkout", "-q", "main")
    (repo / "a.md").write_text("one\ntwo\nthree\nmain only\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "main moves")
    git(repo, "checkout", "-q", "topic")
    assert changed_lines("main", repo) == {}


def test_an_unknown_ref_is_an_error(repo):
    with pytest.raises(ChangesError, match="merge-base"):
        changed_lines("no-such-ref", repo)
