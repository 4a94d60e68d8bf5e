"""Plain text: the whole file is one segment of prose."""

from allylint.formats.plaintext import extract


def test_the_whole_text_is_one_segment_at_offset_zero():
    text = "Add the host to the whitelist.\n\nSecond paragraph.\n"
    [segment] = extract(text)
    assert segment.text == text
    assert segment.to_file_offset(text.index("Second")) == text.index("Second")
