"""Comment and docstring lines in, prose spans out: code, doctests and literals skipped."""

from allylint.formats.prose_lines import build_segments, prose_lines


def lines_of(text):
    result, offset = [], 0
    for line in text.splitlines(keepends=True):
        result.append((offset, line.rstrip("\n")))
        offset += len(line)
    return result


def prose(text):
    """The prose of each line, as text (None for a skipped line)."""
    return [
        None if spans is None else " | ".join(text[a:b] for a, b in spans)
        for spans in prose_lines(lines_of(text))
    ]


def test_plain_lines_are_prose_without_their_indent():
    assert prose("Add the host.\n    Indented words.\n") == ["Add the host.", "Indented words."]


def test_a_doctest_session_is_skipped_until_a_blank_line():
    text = "Use it:\n>>> whitelist = 1\n... more\nwhitelist\n\nAfter.\n"
    assert prose(text) == ["Use it:", None, None, None, None, "After."]


def test_an_indented_literal_block_after_double_colon_is_skipped():
    text = "Example::\n\n    whitelist = []\n    more code\n\nBack to prose.\n"
    assert prose(text) == ["Example:", None, None, None, None, "Back to prose."]


def test_fenced_code_is_skipped():
    text = "Text.\n```\nwhitelist\n```\nMore.\n"
    assert prose(text) == ["Text.", None, None, None, "More."]


def test_code_directives_are_skipped_and_prose_directives_kept():
    text = ".. code-block:: python\n\n   whitelist = 1\n\n.. note:: Use the allowlist.\n"
    assert prose(text) == [None, None, None, None, "Use the allowlist."]
    assert prose(".. versionadded:: 1.2 Added the thing.\n") == ["Added the thing."]


def test_inline_literals_tags_and_documented_names_are_left_out():
    assert prose("Set ``whitelist`` now.\n") == ["Set | now."]
    assert prose("@param whitelist the hosts\n") == ["the hosts"]
    assert prose("See {@code whitelist} here.\n") == ["See | here."]
    assert prose("<summary>Hosts</summary>\n") == ["Hosts"]


def test_editor_lines_and_decoration_are_skipped():
    assert prose("-*- coding: utf-8 -*-\n-----\nvim: set ts=4:\n") == [None, None, None]


def test_build_segments_maps_prose_back_to_file_offsets():
    text = "Add it to\nthe whitelist.\n\n>>> whitelist\n\nNext paragraph.\n"
    segments = build_segments(text, prose_lines(lines_of(text)), "comment")
    assert len(segments) == 2
    first, second = segments
    assert "Next" not in first.text and ">>>" not in first.text
    assert first.context == "comment"
    at = first.text.index("whitelist")
    assert first.to_file_offset(at) == text.index("whitelist")
    assert second.text == "Next paragraph."
    assert second.to_file_offset(0) == text.index("Next paragraph.")
