"""Identifiers of source code, split into words mapped to their file offsets."""

import pytest

from allylint.formats.identifiers import extract_identifiers, split_identifier


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("whitelistIps", "whitelist Ips"),
        ("MASTER_HOST", "MASTER HOST"),
        ("HTTPServer", "HTTP Server"),
        ("slave_count2", "slave count 2"),
    ],
)
def test_split_identifier(name, words):
    assert split_identifier(name).text == words


def test_split_words_map_to_their_offsets():
    text = "x = MASTER_HOST"
    segment = split_identifier("MASTER_HOST", text.index("MASTER"))
    assert segment.context == "identifier"
    host = segment.text.index("HOST")
    assert segment.to_file_offset(host) == text.index("HOST")


def test_a_name_without_words_has_no_segment():
    assert split_identifier("__") is None


def test_python_identifiers_are_found():
    text = "def add_to_whitelist(slaveHost):\n    return slaveHost\n"
    words = [segment.text for segment in extract_identifiers(text, "python")]
    if not words:
        pytest.skip("no tree-sitter grammar for Python here")
    assert "add to whitelist" in words and "slave Host" in words
    for segment in extract_identifiers(text, "python"):
        start = segment.to_file_offset(0)
        assert text[start : start + 3] == segment.text[:3]


def test_prose_formats_have_no_identifiers():
    assert extract_identifiers("whitelistIps and MASTER_HOST\n", "markdown") == []
