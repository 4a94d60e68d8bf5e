import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allylint.api import lint_text
from allylint.formats.asciidoc import blocks, extract
from allylint.formats.registry import format_for
from tests.conftest import (
    STABLE_RULES,
    assert_candidate_blocks_find_the_same,
    documents_of_blocks,
    shared_path,
)

DOCUMENT = """\
= The whitelist guide
Jane Doe <whitelist@example.com>
:description: a whitelist in an attribute entry
:url-repo: https://example.com/blob/master/whitelist

== Add hosts to the whitelist

A paragraph with a blacklist, `whitelist` in code and a +whitelist+ passthrough.
See xref:whitelist.adoc[the blacklist guide], <<whitelist-id,the whitelist part>>,
https://example.com/whitelist[the sanity check page], {whitelist} and pass:[whitelist].

.A whitelist block title
[source,python]
----
whitelist = ["a"]

blacklist = []
----

[source]
whitelist = 1

 an indented literal whitelist

....
literal whitelist
....

////
a comment block whitelist

still the comment
////

// a comment line with a whitelist

++++
<p>whitelist</p>
++++

* An item with a whitelist
** a nested blacklist item

Blacklist term:: The whitelist definition.

NOTE: This is a crazy note.

[WARNING]
====
Inside an admonition block, a sanity check.
====

[cols="1,2"]
|===
| Name | Meaning

| whitelist
| The blacklist of hosts
l| whitelist in a literal cell
|===

_whitelist_ and *blacklist* in emphasis.
"""

EXPECTED = [
    (1, 7, "whitelist", "title"),
    (6, 21, "whitelist", "title"),
    (8, 20, "blacklist", "paragraph"),
    (9, 29, "blacklist", "paragraph"),
    (9, 66, "whitelist", "paragraph"),
    (10, 35, "sanity check", "paragraph"),
    (12, 4, "whitelist", "title"),
    (41, 18, "whitelist", "list_item"),
    (42, 13, "blacklist", "list_item"),
    (44, 1, "Blacklist", "term"),
    (44, 22, "whitelist", "list_item"),
    (46, 17, "crazy", "admonition"),
    (50, 31, "sanity check", "admonition"),
    (57, 3, "whitelist", "table_cell"),
    (58, 7, "blacklist", "table_cell"),
    (62, 2, "whitelist", "paragraph"),
    (62, 18, "blacklist", "paragraph"),
]


def _found(text: str, name: str = "guide.adoc") -> list[tuple[int, int, str, str]]:
    return [
        (f.line, f.column, f.text, f.context)
        for f in lint_text(text, name)
        if f.rule_id in STABLE_RULES | {"sanity-check", "crazy"}
    ]


def test_both_suffixes_are_asciidoc():
    assert format_for("guide.adoc") == format_for("book.asciidoc") == "asciidoc"


def test_prose_is_checked_at_its_exact_line_and_column_and_markup_is_not():
    assert _found(DOCUMENT) == EXPECTED


def test_nothing_from_listing_literal_comment_passthrough_or_attributes():
    markers = ("Jane", ":description", " = ", "literal", "comment", "<p>")
    lines = DOCUMENT.splitlines()
    skipped = {number for number, line in enumerate(lines, 1) if any(m in line for m in markers)}
    assert len(skipped) == 12
    assert not {line for line, *_ in _found(DOCUMENT)} & skipped
    texts = " ".join(segment.text for segment in extract(DOCUMENT))
    for hidden in ("example.com", "master", '["a"]', "<p>", "Jane", "comment", "description"):
        assert hidden not in texts


def test_crlf_and_multibyte_text_keep_exact_columns():
    text = "== Ünïcode títle\r\n\r\nÄ naïve whitelist — and a blacklist.\r\n"
    assert _found(text) == [(3, 9, "whitelist", "paragraph"), (3, 27, "blacklist", "paragraph")]


def test_suppression_comments_use_double_slashes():
    text = (
        "// allylint: disable-next-line whitelist\n"
        "Add the host to the whitelist.\n"
        "Add the host to the blacklist. // allylint: disable-line\n"
        "* an item: allylint: disable-line\n"
        "Another whitelist.\n"
        "////\n"
        "allylint: disable\n"
        "////\n"
        "The last whitelist.\n"
    )
    found = [(line, word) for line, _, word, _ in _found(text)]
    assert found == [(5, "whitelist"), (9, "whitelist")]


def test_delimited_blocks_nest_and_fences_close_with_their_own_delimiter():
    text = (
        "====\nAn example with a whitelist.\n\n----\nwhitelist code\n\n====\n----\n\n"
        "After the blacklist.\n====\n\n```ruby\nwhitelist\n```\n\nA slave node.\n"
    )
    assert [(line, word) for line, _, word, _ in _found(text)] == [
        (2, "whitelist"),
        (10, "blacklist"),
        (17, "slave"),
    ]


def test_block_styles_and_open_blocks():
    text = (
        "[comment]\n--\nA whitelist in a comment block.\n--\n\n"
        "[quote, Someone]\n____\nA quoted blacklist.\n____\n\n"
        "[verse]\n____\nA whitelist verse.\n____\n\n"
        "[plantuml]\n....\nmaster -> slave\n....\n\n"
        "[literal]\nA literal whitelist paragraph.\n\n"
        "[pass]\n<b>whitelist</b>\n\nA final blacklist.\n"
    )
    assert [(line, word) for line, _, word, _ in _found(text)] == [
        (8, "blacklist"),
        (13, "whitelist"),
        (27, "blacklist"),
    ]


def test_list_items_continue_on_their_next_lines_and_definitions_may_be_indented():
    text = (
        "* first line\n  a whitelist on the second\n+\nAttached blacklist paragraph.\n\n"
        "Term::\n  An indented whitelist definition.\n\n  An indented literal blacklist.\n"
    )
    assert [(line, word, context) for line, _, word, context in _found(text)] == [
        (2, "whitelist", "list_item"),
        (4, "blacklist", "paragraph"),
        (7, "whitelist", "list_item"),
    ]


def test_block_finder_keeps_delimited_blocks_whole():
    text = "Para one.\n\n----\ncode\n\nmore code\n----\n\nPara two.\n\n|===\n| a\n\n| b\n|===\n"
    assert [text[start:].split("\n", 1)[0] for start in blocks(text)] == [
        "Para one.",
        "----",
        "Para two.",
        "|===",
    ]


_BLOCKS = [
    "A plain paragraph with the whitelist.",
    "----\nlisting whitelist\n\nstill listing whitelist\n----",
    "....\nliteral whitelist\n\n....",
    "////\ncomment whitelist\n\nstill comment\n////",
    "++++\n<b>whitelist</b>\n\n++++",
    "[source]\n--\nsource whitelist\n\n----\n--",
    "[comment]\n--\ncomment whitelist\n\n--",
    "====\nexample whitelist\n\n----\ncode whitelist\n----\n\nmore whitelist\n====",
    "|===\n| whitelist | b\n\nl| whitelist\n| c\n|===",
    "* item whitelist\n  continued whitelist\n+\nattached whitelist",
    "Term whitelist:: definition whitelist",
    " indented literal whitelist\n\n more literal",
    "= Title whitelist\nAuthor Whitelist\n:attr: whitelist \\\n  continued whitelist",
    ".Block title whitelist\n[source]\nwhitelist = 1",
    "[NOTE]\nAn admonition whitelist.",
    "NOTE: a whitelist note",
    "// comment whitelist\nline whitelist",
    "```\nfence whitelist\n\n```",
    "[verse]\n____\nverse whitelist\n\n____",
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents_of_blocks(_BLOCKS))
def test_parsing_only_candidate_blocks_finds_what_the_whole_document_does(text):
    assert_candidate_blocks_find_the_same(text, "asciidoc")


_MARKUP = st.sampled_from(
    [*"=*-._+/|!,:;#^~`'\"[]{}<>()\\ \t\n", "----", "====", "|===", "::", "\r\n", "//"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_MARKUP, st.text(max_size=8)), max_size=60).map("".join))
def test_any_input_extracts_without_crashing_and_maps_into_the_text(text):
    for segment in extract(text):
        for index, char in enumerate(segment.text):
            offset = segment.to_file_offset(index)
            assert 0 <= offset < len(text)
            assert char == " " or text[offset] == char


def _shifted(segments, offset):
    return [(s.text, s.context, [(a, b + offset) for a, b in s.runs]) for s in segments]


def test_the_asciidoctor_docs_give_no_finding_and_each_block_reads_as_in_the_whole():
    root = shared_path("corpus", "more-docs", "asciidoctor")
    files = sorted(root.rglob("*.adoc"))
    assert len(files) > 50
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert lint_text(text, path.name) == [], path
        starts = [*blocks(text), len(text)]
        by_block = []
        for start, end in itertools.pairwise(starts):
            by_block += _shifted(extract(text[start:end]), start)
        assert by_block == _shifted(extract(text), 0), path


def test_long_lines_full_of_unclosed_markup_stay_linear():
    import time

    openers = ["((a ", "[[a ", "<<a ", "xref:a[b ", "https://a[b ", "{a}b[c ", "a.b.c.d"]
    started = time.process_time()
    for opener in openers:
        extract("Text " + opener * 20_000 + "\n")  # 80 to 240 KB on one line
    assert time.process_time() - started < 10
