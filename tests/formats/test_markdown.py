from hypothesis import HealthCheck, given, settings

from allylint.api import lint_text
from allylint.formats.markdown import extract
from tests.conftest import assert_candidate_blocks_find_the_same, documents_of_blocks

DOCUMENT = """\
---
title: whitelist in front matter
---

# Whitelist guide

Add hosts to the whitelist, see [the whitelist docs](https://x.io/blob/master/whitelist.md).

- list item with a blacklist
- `whitelist` in code

> a quoted whitelist with *emphasised whitelist* text

| column | Whitelisted |
|--------|-------------|
| cell   | whitelist   |

```
whitelist in a fence
```

    whitelist in indented code

<div>whitelist in raw html</div>

<!-- whitelist in a comment -->

<https://example.com/whitelist> and ![a whitelist diagram](img/whitelist.png)

[ref]: https://example.com/whitelist
"""


def test_markdown_checks_prose_and_skips_code_urls_html_and_front_matter():
    found = [(f.line, f.column, f.text) for f in lint_text(DOCUMENT, "guide.md")]
    assert found == [
        (5, 3, "Whitelist"),
        (7, 18, "whitelist"),
        (7, 38, "whitelist"),
        (9, 20, "blacklist"),
        (12, 12, "whitelist"),
        (12, 39, "whitelist"),
        (14, 12, "Whitelisted"),
        (16, 12, "whitelist"),
        (28, 41, "whitelist"),
    ]


def test_markdown_escapes_and_entities_keep_positions():
    text = "A \\*note\\* &amp; the whitelist.\n"
    [finding] = lint_text(text, "x.md")
    assert text[finding.start : finding.end] == "whitelist"


def test_markdown_table_cells_on_one_row_are_located_separately():
    text = "| a | b |\n|---|---|\n| whitelist | whitelist |\n"
    columns = [f.column for f in lint_text(text, "x.md")]
    assert columns == [3, 15]


def test_soft_line_breaks_join_a_paragraph_into_one_segment():
    segments = extract("one line\nand man\nhours here\n")
    assert [s.text for s in segments] == ["one line and man hours here"]
    assert [f.text for f in lint_text("It took ten man\nhours.\n", "x.md")] == ["man\nhours"]


def test_large_documents_are_parsed_only_around_candidates():
    from allylint.formats.chunks import markdown_blocks
    from allylint.formats.reader import extract_near

    filler = "A plain paragraph.\n\n" * 50
    text = (
        "---\ntitle: x\n\nmore: y\n---\n\n"
        + filler
        + "```\ncode with whitelist\n\nstill code whitelist\n```\n\n"
        + filler
        + "<!--\nwhitelist in a comment\n\nstill comment\n-->\n\n"
        + "Use [the list][wl] and the whitelist.\n\n"
        + filler
        + "[wl]: https://example.com/whitelist\n"
    )
    starts = markdown_blocks(text)
    assert text.index("still code") not in starts
    assert all(not text[start:].startswith(("more:", "still")) for start in starts)
    whole = [(f.line, f.column, f.text) for f in lint_text(text, "x.md")]
    assert whole == [(text[: text.index("and the whitelist")].count("\n") + 1, 28, "whitelist")]
    position = text.index("the whitelist.") + 4
    [segment] = extract_near(text, "markdown", [position])
    assert segment.text == "Use the list and the whitelist."


def test_link_text_and_underscore_emphasis_are_checked():
    assert [f.column for f in lint_text("[whitelist](https://example.com/a)\n", "x.md")] == [2]
    found = lint_text("Add it to the _whitelist_ and the **blacklist**.\n", "x.md")
    assert [(f.column, f.text) for f in found] == [(16, "whitelist"), (37, "blacklist")]


# Blocks that are hard to split: fences with blank lines, fences inside list items
# (one cut short by a line in the first column), HTML blocks, quotes, lazy lines.
_BLOCKS = [
    "A plain paragraph with the whitelist.",
    "- item with whitelist\n\n      ```\n      code whitelist\n\n      ```",
    "- item\n\n  ```\n  code with whitelist\n\nfirst column whitelist\n  ```",
    "1. step\n\n   ```sh\n   run whitelist\n   ```\n\n   more whitelist text",
    "```\nfenced whitelist\n\nstill fenced whitelist\n```",
    "~~~\ntilde whitelist\n\n~~~",
    "> quote start\n\nwhitelist after quote",
    "<div>\nhtml whitelist\n\n</div>",
    "<!--\ncomment whitelist\n\n-->",
    "<pre>\npre whitelist\n\nafter blank whitelist\n</pre>",
    "    indented code whitelist\n\n    more indented whitelist",
    "* a\n* b whitelist\n\n  continued whitelist\n\n* c",
    "para line\nlazy whitelist continuation",
    "   ```\n   three-space fence whitelist\n\nwhitelist\n   ```",
    "- a\n\n    ```\n    four-space fence whitelist\n\nfirst col whitelist\n    ```",
    "[x]: https://example.com/whitelist\n\nUse [the list][x] whitelist.",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents_of_blocks(_BLOCKS))
def test_parsing_only_candidate_blocks_finds_what_the_whole_document_does(text):
    assert_candidate_blocks_find_the_same(text, "markdown")


def test_block_scan_of_many_list_item_fences_stays_linear():
    import time

    from allylint.formats.chunks import markdown_blocks

    item = "- step\n\n  ```\n  run it\n  ```\n\nSome prose after the step.\n\n"
    text = item * 40_000  # 2.4 MB; a scan that rereads the rest of the text per fence never ends
    started = time.process_time()
    starts = markdown_blocks(text)
    assert time.process_time() - started < 10
    assert len(starts) == 80_000
