"""printable: names, rule text and values, made safe to print."""

from allylint.printable import bounded_repr, escape, file_name, shortened


def test_escape_makes_what_breaks_a_line_or_a_terminal_visible():
    assert escape("plain text, caf\u00e9") == "plain text, caf\u00e9"
    assert escape("a\n::error::x") == "a\\n::error::x"
    assert escape("tab\there\r") == "tab\\there\\r"
    assert escape("\x1b[31m\u202e\u2028") == "\\x1b[31m\\u202e\\u2028"
    assert escape("caf\udce9") == "caf\\xe9"  # a byte that was not UTF-8


def test_file_names_lose_ansi_sequences():
    assert file_name("red\x1b[31m.md") == "red.md"
    assert file_name("title\x1b]0;pwned\x07.md") == "title.md"
    assert file_name("docs/guide.md") == "docs/guide.md"


def test_values_in_messages_are_bounded():
    bomb: list[object] = ["lol"] * 9
    for _ in range(9):
        bomb = [bomb] * 9
    assert len(bounded_repr(bomb)) <= 120
    assert bounded_repr(10**5000) == "<an integer of 16,610 bits>"
    assert len(bounded_repr("x\n" * 1000)) <= 120
    assert shortened("line\nbreak") == "line\\nbreak"
