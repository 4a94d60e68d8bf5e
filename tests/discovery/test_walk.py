import subprocess

import pytest

from allylint.discovery.walk import discover


def names(paths):
    return [f.display for f in discover(paths)]


def test_walk_finds_known_formats_and_honours_gitignore(tmp_path, monkeypatch):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("build/\n*.log.md\n!keep.log.md\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / ".gitignore").write_text("draft.md\n")
    for name in [
        "README.md",
        "docs/guide.md",
        "docs/draft.md",
        "docs/notes.txt",
        "build/out.md",
        "debug.log.md",
        "keep.log.md",
        "script.py",
        "docs/api.rst",
        "data.bin",
    ]:
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text("text\n")
    monkeypatch.chdir(tmp_path)
    assert names(["."]) == [
        "README.md",
        "keep.log.md",
        "script.py",
        "docs/api.rst",
        "docs/guide.md",
        "docs/notes.txt",
    ]
    assert names(["docs"]) == ["docs/api.rst", "docs/guide.md", "docs/notes.txt"]


def test_git_folder_is_skipped(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "description.txt").write_text("x")
    (tmp_path / "a.md").write_text("x")
    assert [f.path.name for f in discover([tmp_path])] == ["a.md"]


def test_explicit_files_are_checked_whatever_their_format(tmp_path):
    unknown = tmp_path / "notes.unknownext"
    unknown.write_text("the whitelist\n")
    [found] = discover([unknown])
    assert found.input_format == "text"
    assert list(discover([tmp_path])) == []


def test_missing_path_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        list(discover([tmp_path / "nope"]))


def test_extensionless_scripts_are_found_by_their_shebang(tmp_path):
    (tmp_path / "deploy").write_text("#!/usr/bin/env bash\n# push to the whitelist\n")
    (tmp_path / "LICENSE").write_text("Permission is hereby granted\n")
    (tmp_path / "tool").write_text("#!/usr/bin/env python3\n")
    assert [(f.display, f.input_format) for f in discover([tmp_path])] == [
        (str(tmp_path) + "/deploy", "shell"),
        (str(tmp_path) + "/tool", "python"),
    ]


def test_files_with_legal_names_are_found_and_only_named_files_are_marked_named(tmp_path):
    # Whether a licence is checked is decided by its content (tests/discovery/test_legal.py).
    for name in ["LICENSE.md", "NOTICE.md", "license-faq.md", "LICENSES/MIT.txt"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("Permission is hereby granted\n")
    found = list(discover([tmp_path]))
    assert sorted(f.path.name for f in found) == [
        "LICENSE.md",
        "MIT.txt",
        "NOTICE.md",
        "license-faq.md",
    ]
    assert not any(f.named for f in found)
    assert [f.named for f in discover([tmp_path / "LICENSE.md"])] == [True]
