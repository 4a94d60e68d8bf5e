"""Shared helpers for comment and docstring text: lines in, prose spans out.

Comments and docstrings hold prose mixed with code: doctest sessions, literal
blocks after ``::``, fenced code in Markdown doc comments, directives such as
``.. code-block::``, inline literals, XML and HTML tags of doc comments
(``<summary>``, ``<p>``), Javadoc inline tags (``{@code ...}``) and the names
after ``@param``. ``prose_lines`` takes the lines of one comment block or
docstring, markers already removed, and keeps only the prose, as spans of file
offsets; ``build_segments`` turns those into segments, one per paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from allylint.formats.rst_markup import PROSE_DIRECTIVES, VERSION_DIRECTIVES
from allylint.formats.segments import Segment, SegmentBuilder

# A line of text and the file offset of its first character.
Line = tuple[int, str]
# The prose spans (file offsets, half-open) of one line, or None for a paragraph break.
ProseLine = list[tuple[int, int]] | None

# A line with none of the characters that the rules below look at; it must not be all
# punctuation and not start with ">>>", "$ " or "..".
_PLAIN = re.compile(r"[\w(\"'][^`:<>{}@$~*=|\\]*")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_DIRECTIVE = re.compile(r"\.\.\s+([\w:.+-]+)\s*::(.*)")
_EXPLICIT_MARKUP = re.compile(r"\.\.(?:\s|$)")
_DECORATION = re.compile(r"[\W_]+")  # a line of only punctuation: ----, ====, ****, ####
_EDITOR_LINE = re.compile(r"-\*-.*-\*-|vim?:|ex:|(?:type|noqa|pragma|pylint|fmt|isort)\s*:", re.I)
_TAGGED_NAME = re.compile(
    r"(?:@(?:param|tparam|throws|exception|typeparam|property|prop|arg|argument|var)\b"
    r"|:(?:param|parameter|arg|argument|key|keyword|type|raises|raise|except|exception|var"
    r"|ivar|cvar|vartype|rtype|returns?)\b)"
    r"[^:\n]*?(?::|\s\S+|$)"
)
_INLINE_SKIPS = re.compile(
    r"``.+?``"  # reST inline literal
    r"|(?::[\w:.+-]+:)?`[^`\n]*`(?::[\w:.+-]+:|_{1,2})?"  # Markdown code, reST roles
    r"|\{@[a-zA-Z]+[^}]*\}"  # Javadoc and JSDoc inline tags
    r"|(?<!\S)@(?:param|tparam|typeparam|throws|exception|arg|argument|prop|property|var)"
    r"\s+[^\s:]+"  # a Javadoc, JSDoc or Doxygen tag and the name it documents
    r"|</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>"  # XML and HTML tags of doc comments
    r"|<https?://[^>\s]*>"
)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _inline_spans(offset: int, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Prose spans of text[start:end] (stripped), leaving out inline code and tags."""
    spans = []
    position = start
    for match in _INLINE_SKIPS.finditer(text, start, end):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, end))
    result = []
    for span_start, span_end in spans:
        piece = text[span_start:span_end]
        stripped = piece.strip()
        if not stripped:
            continue
        left = span_start + piece.index(stripped[0])
        result.append((offset + left, offset + left + len(stripped)))
    return result


def prose_lines(lines: Sequence[Line]) -> list[ProseLine]:
    """The prose of each line, skipping code, directives and markup (see module doc)."""
    result: list[ProseLine] = []
    skip_indent: int | None = None  # inside a literal block, code directive or comment
    skip_until_blank = False  # inside a doctest session
    in_fence: str | None = None
    literal_next = False  # the previous prose line ended with "::"
    literal_base = 0
    for offset, text in lines:
        stripped = text.strip()
        indent = _indent(text)
        if in_fence is not None:
            if stripped.startswith(in_fence):
                in_fence = None
            result.append(None)
            continue
        if not stripped:
            skip_until_blank = False
            result.append(None)
            continue
        if skip_until_blank:
            result.append(None)
            continue
        if literal_next:
            literal_next = False
            if indent > literal_base:
                skip_indent = literal_base
        if skip_indent is not None:
            if indent > skip_indent:
                result.append(None)
                continue
            skip_indent = None
        if _PLAIN.fullmatch(stripped):  # the common case: a line of plain words
            left = offset + indent
            result.append([(left, left + len(stripped))])
            continue
        fence = _FENCE.match(stripped)
        if fence:
            in_fence = fence.group(1)[0] * 3
            result.append(None)
            continue
        if stripped.startswith((">>>", "$ ")):
            skip_until_blank = True
            result.append(None)
            continue
        start = indent
        end = len(text.rstrip())
        directive = _DIRECTIVE.match(text, indent)
        if directive:
            name = directive.group(1).lower().rsplit(":", 1)[-1]
            if name not in PROSE_DIRECTIVES:
                skip_indent = indent
                result.append(None)
                continue
            start = directive.start(2)
            if name in VERSION_DIRECTIVES:  # the first argument is a version number
                version = re.match(r"\s*\S+", text[start:end])
                start += version.end() if version else 0
        elif _EXPLICIT_MARKUP.match(text, indent):  # comment, target, footnote, substitution
            skip_indent = indent
            result.append(None)
            continue
        if _EDITOR_LINE.match(text, indent) or _DECORATION.fullmatch(stripped):
            result.append(None)
            continue
        if stripped.endswith("::"):
            literal_next = True
            literal_base = indent
            # "Example::" reads "Example:", "Example ::" and "::" read without the colons.
            end -= 2 if stripped == "::" or text[end - 3] in " \t" else 1
        tagged = _TAGGED_NAME.match(text, start)
        if tagged:
            start = tagged.end()
        result.append(_inline_spans(offset, text, start, end) or None)
    return result


def build_segments(text: str, lines: Iterable[ProseLine], context: str) -> list[Segment]:
    """One segment per paragraph of prose lines; lines and spans are joined with a space."""
    segments = []
    builder = SegmentBuilder(context)
    previous_end = 0
    for spans in lines:
        if spans is None:
            segment = builder.build()
            if segment is not None:
                segments.append(segment)
            builder = SegmentBuilder(context)
            continue
        for start, end in spans:
            if len(builder):
                builder.add_separator(previous_end)
            builder.add(text[start:end], start)
            previous_end = end
    segment = builder.build()
    if segment is not None:
        segments.append(segment)
    return segments
