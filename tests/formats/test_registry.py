"""The input-format registry: complete entries, detection, comment syntax, pre-commit types."""

from __future__ import annotations

import importlib.util
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from allylint.findings.suppressions import parse_directives
from allylint.formats.model import InputFormat
from allylint.formats.reader import _load, extract, extractor_for, raw_view
from allylint.formats.registry import (
    FORMATS,
    format_for,
    format_for_shebang,
    input_format,
    precommit_types,
)
from allylint.formats.segments import LineIndex

ROOT = Path(__file__).resolve().parents[2]
ENTRIES = {entry.name: entry for entry in FORMATS}


def _load_script():
    path = ROOT / "scripts" / "build_precommit_hooks.py"
    spec = importlib.util.spec_from_file_location("build_precommit_hooks", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_precommit_hooks = _load_script()


# --- complete entries --------------------------------------------------------------------------


@pytest.mark.parametrize("entry", FORMATS, ids=lambda entry: entry.name)
def test_every_entry_is_complete(entry: InputFormat):
    assert input_format(entry.name) is entry
    assert entry.suffixes or entry.names, "a format no file is in"
    assert all(s.startswith(".") and s == s.lower() for s in entry.suffixes)
    for reference in (entry.extractor, entry.raw_view, entry.block_finder, entry.block_context):
        if reference is not None:
            assert callable(_load(reference)), reference
    assert callable(extractor_for(entry.name))
    assert entry.comment_openers
    # Identifiers need a grammar or a lexer: only source code has them.
    assert not entry.identifiers or entry.code is not None
    if entry.code is not None:
        assert entry.extractor == "allylint.formats.code:extract_code"
    if entry.name != "commit":  # the manifest's commit-msg hook checks commit messages
        assert entry.precommit_types


def test_no_file_is_claimed_by_two_formats():
    claims = Counter(
        claim
        for entry in FORMATS
        for claim in (
            *entry.suffixes,
            *(name.lower() for name in entry.names),
            *(prefix.lower() for prefix in entry.name_prefixes),
            *(f"#!{program}" for program in entry.interpreters),
        )
    )
    assert [claim for claim, count in claims.items() if count > 1] == []
    assert len(ENTRIES) == len(FORMATS)


def test_unknown_formats_are_named_in_the_error():
    with pytest.raises(KeyError, match="no input format 'troff'"):
        input_format("troff")


# --- detection ---------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", FORMATS, ids=lambda entry: entry.name)
def test_files_are_found_by_suffix_name_prefix_and_shebang(entry: InputFormat):
    for suffix in entry.suffixes:
        assert format_for(f"docs/file{suffix}") == entry.name
        assert format_for(f"FILE{suffix.upper()}") == entry.name
    for name in entry.names:
        for spelling in (name, name.lower(), name.upper()):
            assert format_for(f"some/folder/{spelling}") == entry.name
    for prefix in entry.name_prefixes:
        assert format_for(f"{prefix}dev") == entry.name
    for program in entry.interpreters:
        assert format_for_shebang(f"#!/usr/bin/env {program}") == entry.name
        assert format_for(f"bin/{program}-tool", f"#!/usr/local/bin/{program} -x") == entry.name


def test_names_never_match_as_suffixes_or_parts():
    assert format_for("Makefile.py") == "python"
    assert format_for("notes.gemfile") is None
    assert format_for("my-Dockerfile") is None


# --- the reader asks the entries ---------------------------------------------------------------


def test_raw_views_keep_every_offset():
    samples = {
        "markdown": "The _white_**list** here.",
        "rst": "See `the whitelist <https://x>`_ now.",
        "html": "<p>white<b>list</b> and white&shy;list</p>",
    }
    for entry in FORMATS:
        text = samples.get(entry.name, "# a comment\n")
        view = raw_view(text, entry.name)
        assert len(view) == len(text)
        assert (view == text) == (entry.raw_view is None or entry.name not in samples)
    assert raw_view("white<b>list</b>", "html") == "white   list    "


def test_a_format_is_read_by_the_extractor_its_entry_names():
    assert [s.context for s in extract("# Title\n\nText.\n", "markdown")] == [
        "heading",
        "paragraph",
    ]
    assert [s.context for s in extract("x = 1  # a note\n", "python")] == ["comment"]
    assert [s.text for s in extract("Subject line\n\n# comment\n", "commit")] == ["Subject line"]


# --- comment syntax for suppression directives ------------------------------------------------


@pytest.mark.parametrize("entry", FORMATS, ids=lambda entry: entry.name)
def test_suppressions_are_read_in_the_comment_syntax_of_the_entry(entry: InputFormat):
    def directives(text: str) -> list[str]:
        return [d.kind for d in parse_directives(text, LineIndex(text), entry.name)]

    for opener in entry.comment_openers:
        assert directives(f"text\n{opener} allylint: disable-next-line\nmore\n") == [
            "disable-next-line"
        ], opener
    # Shown in prose or in inline code, a directive is not one.
    assert directives("To silence it, write `allylint: disable-line` after it.\n") == []
    alone = directives("allylint: disable\n")
    assert alone == (["disable"] if entry.bare_directives else [])


def test_each_kind_of_format_has_its_own_comment_syntax():
    assert ENTRIES["markdown"].comment_openers == ("<!--",)
    assert ENTRIES["rst"].comment_openers == ("..",)
    assert {"#", "//", "/*", "--"} <= set(ENTRIES["python"].comment_openers)
    assert ENTRIES["text"].bare_directives and not ENTRIES["markdown"].bare_directives


# --- the pre-commit manifest -------------------------------------------------------------------


def _manifest_types() -> list[str]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = [hook for hook in hooks if hook["id"] == "allylint"]
    return hook["types_or"]


def test_the_pre_commit_hook_selects_the_files_of_the_registry():
    assert _manifest_types() == precommit_types(), (
        f".pre-commit-hooks.yaml has drifted from the registry; "
        f"regenerate it with: {build_precommit_hooks.REGENERATE}"
    )
    assert build_precommit_hooks.main(["--check"], root=ROOT) == 0


identify = pytest.importorskip("identify.identify")

# Suffixes allylint reads whose identify tag the hook does not select yet (so a
# staged .mdx or .hcl file is not checked by the hook): adding the tag changes
# which files the hook runs on, a decision of its own.
_NOT_SELECTED_BY_THE_HOOK = {".mdx": "mdx", ".hcl": "hcl"}


def test_pre_commit_types_are_the_tags_identify_gives_the_formats_files():
    selected = set(precommit_types())
    assert selected <= identify.ALL_TAGS
    for entry in FORMATS:
        tags_of_files = set()
        for suffix in entry.suffixes:
            tags = identify.tags_from_filename(f"file{suffix}") - {"text", "header"}
            tags_of_files |= tags
            if tags and not tags & selected:
                assert _NOT_SELECTED_BY_THE_HOOK.get(suffix) in tags, (entry.name, suffix, tags)
        for name in entry.names:
            tags_of_files |= identify.tags_from_filename(name) - {"text"}
        # Every type an entry names is one identify gives some of its files.
        assert set(entry.precommit_types) <= tags_of_files, entry.name


def test_the_script_rewrites_only_the_types(tmp_path, capsys):
    manifest = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    shutil.copy(ROOT / ".pre-commit-hooks.yaml", tmp_path / ".pre-commit-hooks.yaml")
    drifted = manifest.replace("dockerfile, makefile]", "dockerfile]")
    assert drifted != manifest
    (tmp_path / ".pre-commit-hooks.yaml").write_text(drifted, encoding="utf-8")
    assert build_precommit_hooks.main(["--check"], root=tmp_path) == 1
    assert build_precommit_hooks.REGENERATE in capsys.readouterr().err
    assert build_precommit_hooks.main([], root=tmp_path) == 0
    assert (tmp_path / ".pre-commit-hooks.yaml").read_text(encoding="utf-8") == manifest
    # The licence exclusion and the commit-msg hook are the manifest's own.
    assert "exclude: '(^|/)((?i:licen[cs]e" in manifest
