"""Data loss and writes outside the tree: nothing is written through a symbolic link or
outside the checkout, no edit is lost, and no character of a file is broken."""

from __future__ import annotations

import codecs
import itertools
import os
import threading
import time
from pathlib import Path

import pytest

from allylint.fixes.edits import rewrite
from tests.hostile.conftest import WHITELIST, allylint, allylint_process

FIXED = "Add the host to the allowlist.\n"


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file outside the checkout that nothing may change."""
    path = tmp_path_factory.mktemp("outside") / "victim.md"
    path.write_text(WHITELIST)
    return path


def test_fix_never_writes_through_a_symbolic_link(tree, outside):
    (tree / "link.md").symlink_to(outside)
    run = allylint(tree, "check", "--no-cache", "--fix", "link.md")
    assert outside.read_text() == WHITELIST
    assert (tree / "link.md").is_symlink()
    assert "link.md: not fixed: it is a symbolic link" in run.stderr


def test_a_folder_scan_never_follows_a_symbolic_link(tree, outside):
    (tree / "link.md").symlink_to(outside)
    (tree / "folder").symlink_to(outside.parent, target_is_directory=True)
    run = allylint(tree, "check", "--no-cache", "--fix", ".")
    assert run.returncode == 0
    assert "Checked 0 files" in run.stdout
    assert outside.read_text() == WHITELIST


def test_the_report_is_never_written_through_a_symbolic_link_in_the_checkout(tree, outside):
    (tree / "a.md").write_text(WHITELIST)
    (tree / "report.txt").symlink_to(outside)
    run = allylint(tree, "check", "--no-cache", "--output", "report.txt", "a.md")
    assert run.returncode == 2
    assert "it is a symbolic link inside the checkout" in run.stderr
    assert outside.read_text() == WHITELIST
    (tree / "reports").symlink_to(outside.parent)
    run = allylint(tree, "check", "--no-cache", "--output", "reports/new.txt", "a.md")
    assert run.returncode == 2
    assert not (outside.parent / "new.txt").exists()


def test_the_report_goes_where_the_user_sends_it_outside_the_checkout(tree):
    (tree / "a.md").write_text(WHITELIST)
    run = allylint(tree, "check", "--no-cache", "--output", "/dev/null", "a.md")
    assert run.returncode == 1
    assert "report written to /dev/null" in run.stdout


def test_a_symbolic_link_as_gitignore_is_not_read(tree, outside):
    (outside.parent / "ignore").write_text("a.md\n")
    (tree / ".gitignore").symlink_to(outside.parent / "ignore")
    (tree / "a.md").write_text(WHITELIST)
    run = allylint(tree, "check", "--no-cache", ".")
    assert run.returncode == 1
    assert "a.md:1:21: whitelist" in run.stdout
    assert ".gitignore: ignore file not read: not a regular file (a symbolic link)" in run.stderr


@pytest.mark.parametrize("kind", ["symlink", "fifo"])
def test_init_replaces_only_a_regular_file(tree, outside, kind):
    target = tree / ".allylint.yaml"
    if kind == "symlink":
        target.symlink_to(outside)
    else:
        os.mkfifo(target)
    run = allylint(tree, "init", "--force")
    assert run.returncode == 2
    assert "allylint replaces only regular files" in run.stderr
    assert outside.read_text() == WHITELIST


def test_an_edit_made_while_fixing_is_never_lost():
    """A writer saves the file in place, again and again, while it is being fixed: at
    the end the writer's last save is in the file (fixed or not), never an older text."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.md"
        path.write_bytes(b"edit 0 whitelist\n")
        stop = threading.Event()
        last = [b"edit 0 whitelist\n"]

        def writer() -> None:
            number = 0
            while not stop.is_set():
                number += 1
                content = f"edit {number} whitelist\n".encode()
                # An editor that saves in place: empty the file as it opens it, then write.
                descriptor = os.open(path, os.O_WRONLY | os.O_TRUNC)
                os.write(descriptor, content)
                os.close(descriptor)
                last[0] = content
                time.sleep(0.0005)

        thread = threading.Thread(target=writer)
        thread.start()
        try:
            deadline = time.monotonic() + 2
            while time.monotonic() < deadline:
                current = path.read_bytes()
                if b"whitelist" in current:  # a file with something to fix, as --fix sees it
                    rewrite(path, current, current.replace(b"whitelist", b"allowlist"))
        finally:
            stop.set()
            thread.join()
        final = path.read_bytes()
        assert final in (last[0], last[0].replace(b"whitelist", b"allowlist"))


def test_fix_run_while_an_editor_saves_loses_no_edit(tree):
    """The command line fixes a folder, one file after another, while an editor saves
    each file once, in place, just as the one before it has been fixed (so, often,
    while allylint checks it): each file ends as the editor's save, fixed or not."""
    import subprocess
    import sys

    paths = [tree / f"doc{number:02}.md" for number in range(12)]
    body = "Each line here is plain. " * 300 + "\n\nAdd the host to the whitelist.\n"
    for path in paths:
        path.write_text(f"{path.name}, first draft.\n\n{body}")
    process = subprocess.Popen(
        [sys.executable, "-m", "allylint", "check", "--no-cache", "--fix", "-j", "1", "."],
        cwd=tree,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    saved = {}
    for previous, path in itertools.pairwise(paths):
        waited = time.monotonic() + 5  # a refused fix never shows: go on after a while
        while b"allowlist" not in previous.read_bytes() and time.monotonic() < waited:
            if process.poll() is not None:
                break
            time.sleep(0.0002)
        content = f"{path.name}, second draft.\n\n{body}".encode()
        descriptor = os.open(path, os.O_WRONLY | os.O_TRUNC)  # an editor saving in place
        os.write(descriptor, content)
        os.close(descriptor)
        saved[path] = content
    _, stderr = process.communicate(timeout=120)
    assert b"Traceback" not in stderr and process.returncode in (0, 1), stderr
    for path, content in saved.items():
        assert path.read_bytes() in (content, content.replace(b"whitelist", b"allowlist"))


def test_fix_keeps_permissions_and_extended_attributes(tree):
    path = tree / "a.md"
    path.write_text(WHITELIST)
    path.chmod(0o604)
    try:
        os.setxattr(path, "user.origin", b"kept")
    except OSError:
        pytest.skip("this file system has no user extended attributes")
    run = allylint(tree, "check", "--no-cache", "--fix", "a.md")
    assert run.returncode == 0
    assert path.read_text() == FIXED
    assert path.stat().st_mode & 0o777 == 0o604
    assert os.getxattr(path, "user.origin") == b"kept"


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_file_whose_owner_cannot_be_kept_is_not_fixed(tree):
    # Anyone may write into the file; only its owner (or root) may give it an owner.
    path = tree / "a.md"
    path.write_text(WHITELIST)
    os.chown(path, 65534, 65534)
    path.chmod(0o666)
    run = allylint_process(tree, "check", "--no-cache", "--fix", "a.md", permissions_apply=True)
    assert "a.md: not fixed: allylint could not keep its owner" in run.stderr
    assert path.read_text() == WHITELIST
    assert (path.stat().st_uid, path.stat().st_gid) == (65534, 65534)
    assert [entry.name for entry in tree.iterdir() if entry.name != ".git"] == ["a.md"]


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_fix_as_root_keeps_owner_permissions_and_extended_attributes(tree):
    path = tree / "a.md"
    path.write_text(WHITELIST)
    os.chown(path, 65534, 65534)
    path.chmod(0o640)
    try:
        os.setxattr(path, "user.origin", b"kept")
    except OSError:
        pytest.skip("this file system has no user extended attributes")
    allylint(tree, "check", "--no-cache", "--fix", "a.md")
    status = path.stat()
    assert path.read_text() == FIXED
    assert (status.st_uid, status.st_gid, status.st_mode & 0o777) == (65534, 65534, 0o640)
    assert os.getxattr(path, "user.origin") == b"kept"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_files_with_a_bom_are_read_and_fixed_intact(tree, encoding):
    text = "Caf\u00e9 \u2014 \u8a31\u53ef\U0001f600: add the host to the whitelist.\r\n"
    path = tree / "wide.md"
    path.write_bytes(codecs.encode("\ufeff" + text, encoding))
    run = allylint(tree, "check", "--no-cache", "wide.md")
    assert "wide.md:1:33: whitelist" in run.stdout
    allylint(tree, "check", "--no-cache", "--fix", "wide.md")
    assert path.read_bytes() == codecs.encode(
        "\ufeff" + text.replace("whitelist", "allowlist"), encoding
    )


def test_shift_jis_is_never_corrupted_by_a_fix(tree):
    # In Shift-JIS the second byte of a character can be an ASCII letter: 0x82 0x61 is
    # the one character "\uff22", so "a whitelist" in its bytes is no article and noun.
    japanese = "\u8a31\u53ef\u30ea\u30b9\u30c8".encode("shift_jis")
    allow = "\u8a31".encode("shift_jis")
    original = japanese + b"\x82a whitelist, " + allow + b"whitelist and a whitelist.\n"
    path = tree / "sjis.txt"
    path.write_bytes(original)
    run = allylint(tree, "check", "--no-cache", "--fix", "sjis.txt")
    assert "not valid UTF-8" in run.stderr and "not fixed on line 1" in run.stderr
    fixed = path.read_bytes()
    assert fixed == original.replace(b"and a whitelist.", b"and an allowlist.")
    assert fixed.decode("shift_jis").startswith("\u8a31\u53ef\u30ea\u30b9\u30c8")


@pytest.mark.parametrize("planted", [".gitignore", "CACHEDIR.TAG", "version", "folder"])
def test_symlinks_planted_in_the_cache_never_lead_a_write_outside(tree, outside, planted):
    from allylint.version import __version__

    cache = tree / ".allylint_cache"
    if planted == "folder":
        cache.symlink_to(outside.parent, target_is_directory=True)
    else:
        cache.mkdir()
        name = __version__ if planted == "version" else planted
        (cache / name).symlink_to(outside if planted != "version" else outside.parent)
    (tree / "a.md").write_text(WHITELIST)
    before = {path.name: path.read_bytes() for path in outside.parent.iterdir()}
    run = allylint(tree, "check", "a.md")
    assert run.returncode == 1
    assert {path.name: path.read_bytes() for path in outside.parent.iterdir()} == before


def _cached_entries(tree: Path) -> list[Path]:
    return sorted((tree / ".allylint_cache").rglob("*.json"))


def _tamper_with_the_cached_finding(tree: Path, **changes: object) -> Path:
    """Check a.md holding one finding, then change that finding's cache entry."""
    import json

    path = tree / "a.md"
    path.write_text(WHITELIST)
    allylint(tree, "check", "a.md")
    [entry] = _cached_entries(tree)
    data = json.loads(entry.read_text())
    data["result"]["findings"][0].update(changes)
    entry.write_text(json.dumps(data))
    return path


def test_a_crafted_cache_entry_never_writes_into_a_file(tree):
    fix = {"start": 0, "end": 29, "replacement": "ATTACKER"}
    path = _tamper_with_the_cached_finding(tree, fix=fix)
    allylint(tree, "check", "--fix", "a.md")
    assert path.read_text() == FIXED


def test_a_cache_entry_that_does_not_fit_the_file_is_dropped(tree):
    _tamper_with_the_cached_finding(
        tree, message="Nothing to see; this is fine.", text="something else"
    )
    run = allylint(tree, "check", "a.md")
    assert "Nothing to see" not in run.stdout
    assert "a.md:1:21: whitelist" in run.stdout


def test_a_cache_that_came_with_the_repository_is_not_used(tree):
    from tests.hostile.conftest import git

    path = tree / "a.md"
    path.write_text(WHITELIST)
    allylint(tree, "check", "a.md")
    [entry] = _cached_entries(tree)
    entry.write_text(entry.read_text().replace('"findings": [{', '"findings": [], "x": [{'))
    git(tree, "add", "-f", ".")
    git(tree, "commit", "-qm", "a cache that hides the finding")
    run = allylint(tree, "check", "a.md")
    assert run.returncode == 1
    assert "a.md:1:21: whitelist" in run.stdout
    assert ".allylint_cache: not used: git tracks files in it" in run.stderr


def test_write_baseline_never_follows_a_planted_temporary_file(tree, outside):
    (tree / "a.md").write_text(WHITELIST)
    (tree / "b.json.tmp").symlink_to(outside)
    run = allylint(tree, "check", "--no-cache", "--write-baseline", "b.json", ".")
    assert run.returncode == 0
    assert outside.read_text() == WHITELIST
    assert '"findings"' in (tree / "b.json").read_text()


@pytest.mark.parametrize("kind", ["symlink", "fifo", "device"])
def test_write_baseline_replaces_only_a_regular_file(tree, outside, kind):
    target = tree / "b.json"
    if kind == "symlink":
        target.symlink_to(outside)
    elif kind == "fifo":
        os.mkfifo(target)
    elif os.geteuid() == 0:
        os.mknod(target, 0o600 | __import__("stat").S_IFCHR, os.makedev(1, 3))  # /dev/null
    else:
        pytest.skip("making a device node needs root")
    (tree / "a.md").write_text(WHITELIST)
    run = allylint(tree, "check", "--no-cache", "--write-baseline", "b.json", ".")
    assert run.returncode == 2
    assert "allylint replaces only regular files" in run.stderr
    assert outside.read_text() == WHITELIST
    assert not target.is_file() or target.is_symlink()
