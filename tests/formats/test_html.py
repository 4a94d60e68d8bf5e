"""HTML: text and alt/title/aria-label are checked; code, scripts, URLs and comments are not."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from allylint.api import lint_text
from allylint.formats.reader import extract
from tests.conftest import stable_findings, write_file


def check(tmp_path: Path, content: str, *, newline: str = "\n", name: str = "page.html"):
    return stable_findings(write_file(tmp_path, name, content, newline))


PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
  <title>The crazy page</title>
  <meta name="description" content="the whitelist">
  <style>.slave { color: red; }</style>
  <script>var whitelist = ["slave"]; // sanity check</script>
</head>
<body>
  <h1 id="whitelist">Managing the whitelist</h1>
  <p>Hosts on the <a href="https://example.com/blob/slave/x">blacklist</a> are
     refused; run a sanity
     check first.</p>
  <p>Use <code>whitelist</code>, <kbd>slave</kbd> or <samp>crazy</samp>.</p>
  <pre>
whitelist in a pre block
  </pre>
  <img src="slave.png" alt="A slave node" title="The whitelist view">
  <button aria-label="Open the crazy menu" data-note="whitelist">x</button>
  <!-- a comment about the whitelist -->
  <ul><li>An item about man-hours<li>Another one</ul>
  <table><tr><td>slave</td><th>blacklist</th></tr></table>
</body>
</html>
"""

EXPECTED = [
    ("crazy", 4, 14, "crazy"),
    ("whitelist", 10, 35, "whitelist"),
    ("blacklist", 11, 62, "blacklist"),
    ("sanity-check", 12, 21, "sanity\n     check"),
    ("slave", 18, 31, "slave"),
    ("whitelist", 18, 54, "whitelist"),
    ("crazy", 19, 32, "crazy"),
    ("man-hours", 21, 25, "man-hours"),
    ("slave", 22, 18, "slave"),
    ("blacklist", 22, 32, "blacklist"),
]


def test_text_and_described_attributes_are_checked_and_code_is_not(tmp_path):
    assert check(tmp_path, PAGE) == EXPECTED
    lines = PAGE.splitlines()
    for _, line, column, text in EXPECTED:
        assert lines[line - 1][column - 1 :].startswith(text.split("\n")[0])


def test_crlf_keeps_positions(tmp_path):
    expected = [
        (rule, line, column, text.replace("\n", "\r\n")) for rule, line, column, text in EXPECTED
    ]
    assert check(tmp_path, PAGE, newline="\r\n") == expected


def test_segments_are_blocks_and_inline_elements_do_not_break_sentences():
    found = [(s.context, s.text) for s in extract(PAGE, "html")]
    assert ("title", "The crazy page") in found
    assert ("title", "Managing the whitelist") in found
    assert ("paragraph", "Hosts on the blacklist are refused; run a sanity check first.") in found
    assert ("attribute", "A slave node") in found
    assert ("attribute", "Open the crazy menu") in found
    assert ("list_item", "An item about man-hours") in found
    assert ("table_cell", "slave") in found
    assert not any("color" in text or "var " in text or "pre block" in text for _, text in found)


def test_character_references_and_multibyte_text(tmp_path):
    content = (
        "<p>Café &amp; 漢字 😀&nbsp;the whitelist&#33;</p>\n<p title='&lt;the slave&gt;'>x</p>\n"
    )
    assert check(tmp_path, content) == [
        ("whitelist", 1, 29, "whitelist"),
        ("slave", 2, 19, "slave"),
    ]
    [paragraph, *_] = extract(content, "html")
    assert paragraph.text == "Café & 漢字 😀 the whitelist!"  # &nbsp; reads as a space


def test_tabs_count_as_one_column(tmp_path):
    assert check(tmp_path, "<p>\tthe\twhitelist</p>\n") == [("whitelist", 1, 9, "whitelist")]


@pytest.mark.parametrize(
    "content",
    [
        "<p>unclosed paragraph with the whitelist",
        "<p><b>bad <i>nesting</b> whitelist</i></p>",
        "<div <p>whitelist",
        "<code>unclosed code whitelist",
        "</p></div></html> whitelist <<<>>>",
        "<img alt='unterminated whitelist",
        "<!-- unterminated comment whitelist",
        "<![CDATA[ whitelist ]]> <? pi ?> <!doctype>",
        "&#xFFFFFFFF; &#0; &bogus; whitelist",
        "<script>whitelist",
        "",
        "<p>\x00\x01 whitelist</p>",
    ],
)
def test_broken_html_gives_findings_or_nothing_but_never_crashes(tmp_path, content):
    found = check(tmp_path, content)
    for _, line, column, text in found:
        assert text.lower() == "whitelist"
        assert content.splitlines()[line - 1][column - 1 :].startswith("whitelist")


def test_long_line_and_a_larger_file(tmp_path):
    started = time.process_time()
    long_line = "<p>" + "word " * 20_000 + "whitelist</p>\n"
    assert check(tmp_path, long_line) == [("whitelist", 1, 100_004, "whitelist")]
    block = "<div><p>Some <em>text</em> about hosts and <a href='/x'>links</a>.</p></div>\n"
    body = block * (4_000_000 // len(block))
    assert check(tmp_path, body + "<p>The whitelist.</p>\n", name="big.html") == [
        ("whitelist", body.count("\n") + 1, 8, "whitelist")
    ]
    assert time.process_time() - started < 20


@pytest.mark.parametrize("html", ["<p>white<b>list</b></p>", "<p>white&shy;list</p>"])
def test_words_split_by_markup_are_still_candidates(html):
    assert [f.rule_id for f in lint_text(html + "\n", "x.html")] == ["whitelist"]
