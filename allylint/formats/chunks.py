"""Independent top-level blocks of Markdown and reStructuredText, found by a line scan.

Parsing a whole document because one word in it might be a finding makes cost
grow with the file, not with the candidates. Both markups, though, break into
blocks that parse the same on their own: a blank line followed by a line that
starts in the first column ends every paragraph, list item, quote, indented or
literal block and directive body before it. Only a few constructs run across
such a line, and the scan keeps them whole: Markdown front matter, fenced code
and HTML blocks (comments, <pre>, <script>, ...). The extractors then parse just
the blocks that hold a candidate term.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable

_NEWLINE = re.compile(r"\r\n|\r|\n")
# A blank line, then a line that starts in the first column.
_BLOCK_BREAK = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)(?=\S)")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)", re.MULTILINE)
_BLOCK_OPENER = re.compile(
    r"^ {0,3}(?:(?P<fence>`{3,}|~{3,})|<(?P<tag>pre|script|style|textarea|!--|\?|!\[CDATA\[)"
    r"(?=[\s>]|$|(?<=--)|(?<=\?)|(?<=\[)))",
    re.MULTILINE | re.IGNORECASE,
)
_HTML_CLOSERS = {"!--": "-->", "?": "?>", "![cdata[": "]]>"}
_LINK_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*\S.*$", re.MULTILINE)
_BRACKETED = re.compile(r"\[([^\]\n]+)\]")


def _front_matter_end(text: str) -> int:
    """Offset just after Markdown front matter (0 when there is none)."""
    if not text.startswith(("---\n", "---\r")):
        return 0
    closing = _FRONT_MATTER_END.search(text, 3)
    return closing.end() if closing else 0


def _fenced_regions(text: str) -> list[tuple[int, int]]:
    """Fenced code blocks and multi-line HTML blocks, which blank lines do not end."""
    regions: list[tuple[int, int]] = []
    position = 0
    lowered = text.lower()
    while True:
        opener = _BLOCK_OPENER.search(text, position)
        if opener is None:
            return regions
        line_end = _line_end(text, opener.end())
        fence, tag = opener.group("fence"), opener.group("tag")
        if fence:
            if fence[0] == "`" and "`" in text[opener.end() : line_end]:
                position = line_end  # inline code, not a fence
                continue
            closer = re.compile(
                r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$",
                re.MULTILINE,
            ).search(text, line_end)
        else:
            closing = _HTML_CLOSERS.get(tag.lower(), f"</{tag.lower()}>")
            found = lowered.find(closing, opener.end())
            closer = None
            if found != -1:
                position = found + len(closing)
                regions.append((opener.start(), position))
                continue
        end = closer.end() if closer else len(text)
        # A fence inside a list item also ends where the item does: at the first line
        # indented less than the item's content ("- item", fence, then a line that
        # starts in the first column).
        content_column = _list_item_content_column(text, opener.start())
        if content_column:
            item_end = _first_line_indented_below(text, line_end, end, content_column)
            end = min(end, item_end)
        regions.append((opener.start(), end))
        position = end


_LIST_ITEM = re.compile(r"(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)")
_LOOKBACK_LINES = 200  # how far up a list item's first line is looked for


def _list_item_content_column(text: str, line_start: int) -> int:
    """The content column of the list item the indented line at ``line_start`` belongs
    to (0 when it belongs to none): the nearest earlier line that starts in the first
    column must open a list item, and this line must be indented to its content."""
    indent = 0
    while text.startswith(" ", line_start + indent):
        indent += 1
    if indent == 0:
        return 0
    position = line_start
    for _ in range(_LOOKBACK_LINES):
        if position == 0:
            return 0
        previous = text.rfind("\n", 0, position - 1) + 1
        line = text[previous : position - 1].rstrip("\r")
        if line.strip() and not line[0].isspace():
            marker = _LIST_ITEM.match(line)
            if marker is None or indent < marker.end():
                return 0
            return marker.end()
        position = previous
    return 0


_LINE_INDENT = re.compile(r"(?:\r\n|\r|\n)([ \t]*)(?=[^ \t\r\n])")


def _first_line_indented_below(text: str, start: int, end: int, column: int) -> int:
    """Offset of the first non-blank line in [start, end) indented less than ``column``."""
    for match in _LINE_INDENT.finditer(text, start, end):
        if len(match.group(1)) < column:
            return match.start(1)
    return end


def _line_end(text: str, position: int) -> int:
    found = _NEWLINE.search(text, position)
    return found.start() if found else len(text)


def markdown_blocks(text: str) -> list[int]:
    """Offsets where independent top-level Markdown blocks start (always including 0)."""
    skip_until = _front_matter_end(text)
    regions = _fenced_regions(text)
    region_starts = [start for start, _ in regions]
    starts = [0]
    for match in _BLOCK_BREAK.finditer(text, skip_until):
        offset = match.end()
        index = bisect_right(region_starts, offset) - 1
        if index >= 0 and regions[index][0] < offset < regions[index][1]:
            continue
        starts.append(offset)
    return starts


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def markdown_link_definitions(text: str) -> dict[str, str]:
    """The document's link reference definitions, by normalized label."""
    return {_label(m.group(1)): m.group() for m in _LINK_DEFINITION.finditer(text)}


def definitions_used(block: str, definitions: dict[str, str]) -> str:
    """The definitions a block refers to, so that parsed on its own it still resolves
    ``[text][label]`` links instead of showing their labels as prose."""
    if not definitions:
        return ""
    used = {_label(m.group(1)) for m in _BRACKETED.finditer(block)}
    return "\n".join(line for label, line in definitions.items() if label in used)


def markdown_block_context(text: str) -> Callable[[str], str]:
    """For a Markdown document, what each of its blocks needs appended to parse alone:
    the link definitions it uses."""
    return functools.partial(definitions_used, definitions=markdown_link_definitions(text))


def rst_blocks(text: str) -> list[int]:
    """Offsets where independent top-level reStructuredText blocks start.

    A paragraph ending in "::" introduces a literal block, which may be quoted in
    the first column ("> text"), so the block after it stays attached.
    """
    return [
        0,
        *(
            match.end()
            for match in _BLOCK_BREAK.finditer(text)
            if not text[max(0, match.start() - 200) : match.start()].rstrip().endswith("::")
        ),
    ]


def spans_with(starts: list[int], length: int, positions: list[int]) -> list[tuple[int, int]]:
    """The blocks (merged where adjacent) that contain any of ``positions``."""
    bounds = [*starts, length]
    spans: list[tuple[int, int]] = []
    block = 0
    for position in sorted(positions):
        while block + 1 < len(starts) and bounds[block + 1] <= position:
            block += 1
        start, end = bounds[block], bounds[block + 1]
        if spans and spans[-1][1] >= start:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def paired_runs(text: str, run: re.Pattern[str]) -> list[tuple[int, int]]:
    """Spans of inline code: on each line, a run of ``run`` (backticks) up to the next
    run written the same way. Unpaired runs open nothing; lines are scanned once."""
    spans = []
    for line in re.finditer(r"[^\r\n]+", text):
        opening: re.Match[str] | None = None
        for found in run.finditer(text, line.start(), line.end()):
            if opening is None:
                opening = found
            elif found.group() == opening.group():
                spans.append((opening.start(), found.end()))
                opening = None
    return spans


def merged_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted, with those that overlap joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
