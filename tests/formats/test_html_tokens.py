"""The HTML tokenizer: tags, text and references with their offsets, in linear time."""

from allylint.formats.html_tokens import tokens


def kinds(text):
    return [(token.kind, token.tag or token.raw) for token in tokens(text)]


def test_tags_text_and_references():
    text = '<p class="x">A &amp; B<br/></p>'
    assert kinds(text) == [
        ("start", "p"),
        ("text", "A "),
        ("reference", "&amp;"),
        ("text", " B"),
        ("start", "br"),
        ("end", "p"),
    ]
    assert [token.offset for token in tokens(text)] == [0, 13, 15, 20, 22, 27]
    assert next(t for t in tokens(text) if t.tag == "br").self_closing


def test_quoted_attributes_may_hold_angle_brackets():
    [start, text] = tokens('<a title="1 > 0">link')
    assert start.raw == '<a title="1 > 0">'
    assert text.raw == "link"


def test_script_and_style_are_raw_text():
    assert kinds("<script>if (a<b) x();</script>after") == [
        ("start", "script"),
        ("text", "script"),
        ("end", "script"),
        ("text", "after"),
    ]


def test_what_never_closes_runs_to_the_end_as_in_a_browser():
    assert kinds("before<!-- no end <p>text</p>") == [("text", "before")]
    assert kinds("before<a href='x") == [("text", "before")]
    assert kinds("a < b and 1<2") == [("text", "a "), ("text", "<"), ("text", " b and 1"),
                                      ("text", "<"), ("text", "2")]  # fmt: skip
