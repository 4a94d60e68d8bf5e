"""HTML, read with a linear-time tokenizer (``html_tokens``), tolerant of broken markup.

Checked: text, one segment per block (paragraph, heading, list item, table
cell, ...; inline elements such as ``<a>`` and ``<em>`` do not break a
sentence), and the ``alt``, ``title`` and ``aria-label`` attributes, each a
segment of its own. Not checked: ``<code>``, ``<pre>``, ``<kbd>``, ``<samp>``,
``<script>``, ``<style>``, ``<svg>``, ``<math>`` and ``<template>`` content,
comments, other attributes (so no URLs), doctype and processing instructions.

Character references are decoded where they stand (``&amp;``) and their
characters mapped to the reference's position. An unclosed comment hides the
rest of the page, as it does in a browser.
"""

from __future__ import annotations

import re
from html import unescape

from allylint.formats.html_tokens import tokens
from allylint.formats.segments import Segment, SegmentBuilder

_SKIPPED = frozenset(
    ["code", "pre", "kbd", "samp", "tt", "var", "script", "style", "svg", "math", "template"]
)
_SKIPPED_BLOCKS = frozenset(["pre", "script", "style", "svg", "math", "template"])
_CHECKED_ATTRIBUTES = frozenset(["alt", "title", "aria-label"])
_BLOCK_CONTEXTS = {
    **dict.fromkeys(["h1", "h2", "h3", "h4", "h5", "h6", "title", "caption", "legend"], "title"),
    **dict.fromkeys(["li", "dt", "dd"], "list_item"),
    **dict.fromkeys(["td", "th"], "table_cell"),
    **dict.fromkeys(
        ["blockquote", "figcaption", "summary", "label", "button", "option"], "paragraph"
    ),
}
# Elements that end the running paragraph (besides those of _BLOCK_CONTEXTS).
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "aside",
        "header",
        "footer",
        "nav",
        "main",
        "ul",
        "ol",
        "dl",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "form",
        "fieldset",
        "details",
        "figure",
        "hr",
        "body",
        "head",
        "html",
        "address",
        "select",
        "textarea",
        "iframe",
        "object",
        "video",
        "audio",
        "canvas",
        "noscript",
        *_BLOCK_CONTEXTS,
        *_SKIPPED_BLOCKS,
    ]
)
_BARE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,9}>")
# A soft hyphen written as an entity splits a word only in the source ("white&shy;list").
_SOFT_HYPHEN = re.compile(r"&(?:shy|#173|#[xX][aA][dD]);")
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


class _Extractor:
    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.skip_stack: list[str] = []
        self.builder = SegmentBuilder("paragraph")

    # --- segments ----------------------------------------------------------------------------

    def _flush(self, context: str = "paragraph") -> None:
        """End the running block; what follows stands in ``context``."""
        segment = self.builder.build()
        if segment is not None:
            self.segments.append(segment)
        self.builder = SegmentBuilder(context)

    def _add_text(self, data: str, offset: int) -> None:
        if self.skip_stack:
            return
        position = 0
        for match in re.finditer(r"\S+(?:[ \t]+\S+)*", data):
            if len(self.builder) and match.start() > position:
                self.builder.add_separator(offset + match.start() - 1)
            self.builder.add(match.group(0), offset + match.start())
            position = match.end()
        if len(self.builder) and position < len(data):
            self.builder.add_separator(offset + position)

    def _attributes(self, tag: str, raw: str, offset: int) -> None:
        start = len(tag) + 1  # after "<tag"
        for match in _ATTRIBUTE.finditer(raw, start):
            name = match.group(1).lower()
            if name not in _CHECKED_ATTRIBUTES:
                continue
            group = next((g for g in (2, 3, 4) if match.group(g) is not None), None)
            if group is None:
                continue
            builder = SegmentBuilder("attribute")
            value_offset = offset + match.start(group)
            _add_with_references(builder, match.group(group), value_offset)
            segment = builder.build()
            if segment is not None:
                self.segments.append(segment)

    # --- tokens ------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, raw: str, offset: int) -> None:
        if not self.skip_stack:
            self._attributes(tag, raw, offset)
        if tag in _BLOCKS:
            self._flush(_BLOCK_CONTEXTS.get(tag, "paragraph"))
        elif len(self.builder) and (tag == "br" or tag in _SKIPPED):
            self.builder.add_separator(offset)
        if tag in _SKIPPED:
            self.skip_stack.append(tag)

    def handle_startendtag(self, tag: str, raw: str, offset: int) -> None:
        if not self.skip_stack:
            self._attributes(tag, raw, offset)
        if tag in _BLOCKS:
            self._flush()
        elif len(self.builder):
            self.builder.add_separator(offset)

    def handle_endtag(self, tag: str, offset: int) -> None:
        if tag in _SKIPPED and tag in self.skip_stack:
            while self.skip_stack and self.skip_stack.pop() != tag:
                pass
        if tag in _BLOCKS:
            self._flush()
        elif tag in _SKIPPED and len(self.builder):
            self.builder.add_separator(offset)

    def handle_data(self, data: str, offset: int) -> None:
        self._add_text(data, offset)

    def handle_reference(self, reference: str, offset: int) -> None:
        if self.skip_stack:
            return
        decoded = unescape(reference)
        if decoded.strip():
            self.builder.add(decoded, offset)
        elif len(self.builder):
            self.builder.add_separator(offset)


def _add_with_references(builder: SegmentBuilder, value: str, offset: int) -> None:
    position = 0
    for match in re.finditer(r"&(?:#\d+|#[xX][0-9a-fA-F]+|\w+);?", value):
        builder.add(value[position : match.start()], offset + position)
        decoded = unescape(match.group(0))
        if decoded.strip() and decoded != match.group(0):
            builder.add(decoded, offset + match.start())
        else:
            builder.add_separator(offset + match.start())
        position = match.end()
    builder.add(value[position:], offset + position)


def raw_view(text: str) -> str:
    """Tags without attributes inside a word ("white<b>list</b>") read as spaces and
    soft hyphens as hyphens, one character for one, so that the prefilter sees the word."""
    text = _BARE_TAG.sub(lambda m: " " * len(m.group()), text)
    if "&" in text:
        text = _SOFT_HYPHEN.sub(lambda m: "-" * len(m.group()), text)
    return text


def extract(text: str) -> list[Segment]:
    extractor = _Extractor()
    for token in tokens(text):
        if token.kind == "start" and token.self_closing:
            extractor.handle_startendtag(token.tag, token.raw, token.offset)
        elif token.kind == "start":
            extractor.handle_starttag(token.tag, token.raw, token.offset)
        elif token.kind == "end":
            extractor.handle_endtag(token.tag, token.offset)
        elif token.kind == "reference":
            extractor.handle_reference(token.raw, token.offset)
        else:
            extractor.handle_data(token.raw, token.offset)
    extractor._flush()
    return sorted(extractor.segments, key=lambda segment: segment.runs[0][1])
