"""Markdown, parsed with markdown-it-py (CommonMark plus tables and front matter).

Checked: paragraphs, headings, list items, table cells, block quotes, emphasis,
link text and image descriptions. Not checked: fenced and indented code, inline
code, autolinks, link and image targets, reference definitions, raw HTML, HTML
comments and front matter.

markdown-it gives line maps for blocks but no columns for inline text, so each
piece of inline text is located in its block's source lines, in order.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from allylint.formats.chunks import merged_spans, paired_runs
from allylint.formats.segments import LineIndex, Segment, SegmentBuilder

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_SKIPPED_LINKS = {"autolink", "linkify"}
_MAX_SKIP = 12  # source characters an escape or entity may take beyond its decoded text


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return (
        MarkdownIt("commonmark", {"html": True})
        .enable(["table", "strikethrough"])
        .use(front_matter_plugin)
    )


class _InlineLocator:
    """Finds each inline text piece in the block's source, moving forward only."""

    def __init__(self, source: str, start: int, end: int, context: str) -> None:
        self.source = source
        self.cursor = start
        self.end = end
        self.builder = SegmentBuilder(context)

    def text(self, content: str) -> None:
        found = self.source.find(content, self.cursor, self.end)
        if found != -1:
            self.builder.add(content, found)
            self.cursor = found + len(content)
            return
        # Escapes and entities were decoded: align character by character.
        for char in content:
            found = self.source.find(char, self.cursor, min(self.cursor + _MAX_SKIP, self.end))
            if found == -1:
                self.builder.add_separator(self.cursor)
                continue
            self.builder.add(char, found)
            self.cursor = found + 1

    def gap(self) -> None:
        self.builder.add_separator(self.cursor)


def _walk(children: list[Token], locator: _InlineLocator) -> None:
    skipping_link = False
    for child in children:
        if child.type == "link_open" and child.markup in _SKIPPED_LINKS:
            skipping_link = True
        elif child.type == "link_close":
            skipping_link = False
        elif skipping_link:
            continue
        elif child.type == "text":
            locator.text(child.content)
        elif child.type == "image":
            _walk(child.children or [], locator)
        elif child.type in {"softbreak", "hardbreak", "code_inline", "html_inline"}:
            locator.gap()


def _inline_blocks(tokens: list[Token]) -> Iterator[tuple[Token, list[int], str]]:
    block_map: list[int] | None = None
    context = "paragraph"
    for token in tokens:
        if token.map is not None:
            block_map = token.map
        if token.type.endswith("_open"):
            context = token.type[: -len("_open")]
        if token.type == "inline" and block_map is not None:
            yield token, token.map or block_map, context


def raw_view(text: str) -> str:
    """Emphasis markers ("_whitelist_", "**whitelist**") read as spaces, one character
    for one, so that the prefilter sees the word."""
    # str.replace: str.translate is slow on non-ASCII text.
    return text.replace("_", " ").replace("*", " ")


_BACKTICKS = re.compile(r"`+")


def code_examples(text: str) -> list[tuple[int, int]]:
    """Fenced and indented code blocks, and code spans: the code a document shows."""
    lines = LineIndex(text)
    blocks = [
        lines.span(*token.map)
        for token in _parser().parse(text)
        if token.type in ("fence", "code_block") and token.map is not None
    ]
    return merged_spans([*blocks, *paired_runs(text, _BACKTICKS)])


def extract(text: str) -> list[Segment]:
    lines = LineIndex(text)
    segments = []
    previous: tuple[list[int], int] | None = None
    for token, line_map, context in _inline_blocks(_parser().parse(text)):
        start, end = lines.span(*line_map)
        if previous is not None and previous[0] == line_map:
            start = previous[1]  # the next cell of the same table row
        locator = _InlineLocator(text, start, end, context)
        _walk(token.children or [], locator)
        previous = (line_map, locator.cursor)
        segment = locator.builder.build()
        if segment is not None:
            segments.append(segment)
    return segments
