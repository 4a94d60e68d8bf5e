"""Block boundaries of Markdown and reST found by the line scan."""

from allylint.formats.chunks import (
    definitions_used,
    markdown_block_context,
    markdown_blocks,
    markdown_link_definitions,
    rst_blocks,
    spans_with,
)


def blocks(text, finder):
    starts = finder(text)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def test_markdown_paragraphs_break_at_a_blank_line_before_the_first_column():
    text = "# Title\n\nFirst para.\n\n- item\n\n  continued item\n\nLast.\n"
    assert blocks(text, markdown_blocks) == [
        "# Title\n\n",
        "First para.\n\n",
        "- item\n\n  continued item\n\n",
        "Last.\n",
    ]


def test_markdown_fenced_code_and_html_blocks_stay_whole():
    text = "Intro.\n\n```\ncode\n\nmore code\n```\n\n<!--\ncomment\n\nstill comment\n-->\n\nEnd.\n"
    parts = blocks(text, markdown_blocks)
    assert parts[0] == "Intro.\n\n"
    assert "```\ncode\n\nmore code\n```\n\n" in parts
    assert "<!--\ncomment\n\nstill comment\n-->\n\n" in parts
    assert parts[-1] == "End.\n"


def test_markdown_front_matter_is_not_split():
    text = "---\ntitle: x\n\ntags: y\n---\n\nBody.\n\nMore.\n"
    assert markdown_blocks(text) == [0, text.index("More.")]
    assert markdown_blocks("title: x\n\ntags: y\n") == [0, 10]


def test_markdown_crlf_breaks_too():
    assert markdown_blocks("One.\r\n\r\nTwo.\r\n") == [0, 8]


def test_rst_literal_block_stays_with_its_paragraph():
    text = "Example::\n\n> quoted literal\n\nNext paragraph.\n"
    assert rst_blocks(text) == [0, text.index("Next")]
    assert rst_blocks("A.\n\nB.\n") == [0, 4]


def test_link_definitions_used_by_a_block_are_appended():
    text = "See [the docs][Docs].\n\nOther [x].\n\n[docs]: https://example.org\n[other]: /o\n"
    definitions = markdown_link_definitions(text)
    assert set(definitions) == {"docs", "other"}
    assert definitions_used("See [the docs][Docs].", definitions) == "[docs]: https://example.org"
    assert definitions_used("No links.", definitions) == ""
    context = markdown_block_context(text)
    assert context("Also [OTHER].") == "[other]: /o"


def test_spans_with_merges_adjacent_blocks_holding_positions():
    starts = [0, 10, 20, 30]
    assert spans_with(starts, 40, [12]) == [(10, 20)]
    assert spans_with(starts, 40, [25, 5, 15]) == [(0, 30)]
    assert spans_with(starts, 40, [5, 35]) == [(0, 10), (30, 40)]
    assert spans_with(starts, 40, []) == []
