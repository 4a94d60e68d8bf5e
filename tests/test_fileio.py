"""fileio: reading only regular files, within a limit; writing never through a link."""

from __future__ import annotations

import os
import stat

import pytest

from allylint.fileio import (
    FileChanged,
    FileRefused,
    error_reason,
    open_report,
    read_file,
    read_in_tree,
    read_start,
    rewrite_file,
    write_file,
    write_in_tree,
)


def test_only_regular_files_are_read_and_only_so_much(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"hello")
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "zero").symlink_to("/dev/zero")
    assert read_file(tmp_path / "a.txt", 5) == b"hello"
    assert read_start(tmp_path / "a.txt", 2) == b"he"
    for name, reason in [
        ("pipe", "not a regular file (a named pipe)"),
        ("zero", "not a regular file (a character device)"),
        (".", "not a regular file (a folder)"),
    ]:
        with pytest.raises(FileRefused, match=reason.replace("(", r"\(").replace(")", r"\)")):
            read_file(tmp_path / name, 100)
    with pytest.raises(FileRefused, match="5 bytes is over the 4-byte limit"):
        read_file(tmp_path / "a.txt", 4)
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    with pytest.raises(FileRefused, match="a symbolic link"):
        read_file(tmp_path / "link.txt", 100, follow_symlinks=False)
    with pytest.raises(OSError) as missing:
        read_file(tmp_path / "nothing", 100)
    assert error_reason(missing.value) == "No such file or directory"


def test_write_file_replaces_only_a_regular_file(tmp_path):
    target = tmp_path / "out.json"
    write_file(target, b"one")
    target.chmod(0o640)
    write_file(target, b"two")
    assert target.read_bytes() == b"two"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    outside = tmp_path / "outside"
    outside.write_bytes(b"kept")
    (tmp_path / "link").symlink_to(outside)
    (tmp_path / "folder").mkdir()
    for name in ("link", "folder"):
        with pytest.raises(FileRefused, match="allylint replaces only regular files"):
            write_file(tmp_path / name, b"x")
    assert outside.read_bytes() == b"kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "link", "out.json", "outside"]


def test_write_in_tree_follows_no_link_below_its_root(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = tmp_path / "root"
    root.mkdir()
    write_in_tree(root, ["cache", "v1", "ab", "entry.json"], b"{}")
    assert read_in_tree(root, ["cache", "v1", "ab", "entry.json"], 10) == b"{}"
    (root / "cache" / "v2").symlink_to(elsewhere)
    with pytest.raises(FileRefused, match="v2 is not a folder"):
        write_in_tree(root, ["cache", "v2", "entry.json"], b"{}")
    with pytest.raises(FileRefused):
        read_in_tree(root, ["cache", "v2", "entry.json"], 10)
    assert list(elsewhere.iterdir()) == []


def test_rewrite_file_keeps_what_it_must_and_refuses_what_it_cannot(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"old")
    path.chmod(0o751)
    rewrite_file(path, b"old", b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    with pytest.raises(FileChanged, match="changed while allylint was checking it"):
        rewrite_file(path, b"old", b"newer")
    (tmp_path / "b.md").hardlink_to(path)
    with pytest.raises(FileRefused, match="it has 2 hard links"):
        rewrite_file(path, b"new", b"newer")


def test_open_report_follows_no_link_inside_the_checkout(tmp_path):
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    outside = tmp_path / "report.txt"
    outside.write_text("kept")
    (checkout / "report.txt").symlink_to(outside)
    with pytest.raises(FileRefused, match="a symbolic link inside the checkout"):
        open_report(checkout / "report.txt", checkout)
    with open_report(checkout / "new.txt", checkout) as handle:
        handle.write(b"report")
    assert (checkout / "new.txt").read_bytes() == b"report"
    os.mkfifo(checkout / "pipe")
    with pytest.raises(FileRefused, match="a named pipe that nobody reads"):
        open_report(checkout / "pipe", checkout)
    assert outside.read_text() == "kept"
