"""Comments and docstrings of source code, found with tree-sitter grammars.

Each language is parsed with its tree-sitter grammar (one wheel per language,
``tree-sitter-python``, ``tree-sitter-go``, ...); a query picks out comment
nodes (and, for Python, the docstring of the module and of each class and
function). R, which has no grammar wheel, and any language whose grammar cannot
be loaded on this machine fall back to a Pygments lexer.

Comment markers (``#``, ``//``, ``///``, ``/* */``, a leading `` * ``, ``--``,
``--[[ ]]``, ``;;``, ``=begin``/``=end``, ``<!-- -->``) are removed from the
segment text while the offset map stays exact. Consecutive line comments that
stand on lines of their own (or trail code at the same column) are one block,
joined with spaces so that a sentence can run across lines; a blank comment
line ends a paragraph. Code inside comments and docstrings (doctest sessions,
literal blocks after ``::``, fenced code, code directives, inline literals,
doc-comment tags) is left out, see ``_prose_lines``.

Segments stand in the context "comment" or "docstring". What each language's grammar and
comment nodes are is part of its entry in ``registry`` (a ``CodeLanguage``).
"""

from __future__ import annotations

import functools
import importlib
import logging
import re
import warnings
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from allylint.formats.prose_lines import Line, build_segments, prose_lines
from allylint.formats.segments import Segment

if TYPE_CHECKING:
    from tree_sitter import Node

    from allylint.formats.model import CodeLanguage

log = logging.getLogger(__name__)


_PYTHON_BODIES = """
(class_definition body: (block) @body)
(function_definition body: (block) @body)
"""


# --- tree-sitter -------------------------------------------------------------------------------


@dataclass
class Grammar:
    parser: Any
    query: Any


@functools.cache
def grammar_for(lang: CodeLanguage) -> Grammar | None:
    """The parser and comment query of a language, or None when its grammar cannot be
    loaded (no wheel on this machine, or one this tree-sitter cannot read)."""
    if lang.grammar is None:
        return None
    module_name, function = lang.grammar.split(":")
    try:
        import tree_sitter

        module = importlib.import_module(module_name)
        with warnings.catch_warnings():  # older grammar wheels hand over an int pointer
            warnings.simplefilter("ignore", DeprecationWarning)
            language = tree_sitter.Language(getattr(module, function)())
        source = "[" + " ".join(f"({node})" for node in lang.comment_nodes) + "] @comment\n"
        source += "(ERROR) @error\n"
        if lang.docstrings:
            source += _PYTHON_BODIES
        query = tree_sitter.Query(language, source)
        return Grammar(tree_sitter.Parser(language), query)
    except (ImportError, AttributeError, ValueError, TypeError, RuntimeError) as error:
        log.info("tree-sitter grammar %s cannot be loaded (%s); using Pygments", module_name, error)
        return None


class ByteOffsets:
    """Converts UTF-8 byte offsets of the parsed text to character offsets."""

    def __init__(self, text: str, data: bytes) -> None:
        self.identity = len(text) == len(data)
        if not self.identity:
            self.data = data
            self.byte_starts = [0] + [m.end() for m in re.finditer(b"\n", data)]
            self.char_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def char(self, byte: int) -> int:
        if self.identity:
            return byte
        line = bisect_right(self.byte_starts, byte) - 1
        start = self.byte_starts[line]
        return self.char_starts[line] + len(
            self.data[start:byte].decode("utf-8", errors="surrogatepass")
        )


def _docstring_node(body: Node) -> Node | None:
    """The string that is the first statement of a block (comments may precede it)."""
    for index in range(body.named_child_count):
        child = body.named_child(index)
        if child is None or child.type == "comment":
            continue
        if child.type == "expression_statement" and child.named_child_count == 1:
            value = child.named_child(0)
            if value is not None and value.type in {"string", "concatenated_string"}:
                return value
        return None
    return None


def _string_contents(node: Node) -> Iterator[tuple[int, int]]:
    """Byte spans of the text between the quotes of a string or each part of a concatenation."""
    if node.type == "concatenated_string":
        for index in range(node.named_child_count):
            child = node.named_child(index)
            if child is not None and child.type == "string":
                yield from _string_contents(child)
        return
    start = end = None
    for index in range(node.child_count):
        child = node.child(index)
        if child is None:
            continue
        if child.type == "string_start":
            start = child.end_byte
        elif child.type == "string_end":
            end = child.start_byte
    if start is not None and end is not None and end > start:
        yield start, end


def _tree_sitter_spans(
    text: str, grammar: Grammar, lang: CodeLanguage
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of comments and of docstring contents."""
    import tree_sitter

    data = text.encode("utf-8", errors="surrogatepass")
    tree = grammar.parser.parse(data)
    captures = tree_sitter.QueryCursor(grammar.query).captures(tree.root_node)
    offsets = ByteOffsets(text, data)
    comments = [
        (offsets.char(node.start_byte), offsets.char(node.end_byte))
        for node in captures.get("comment", [])
    ]
    starts = {start for start, _ in comments}
    for node in captures.get("error", []):
        # An unterminated block comment (a truncated file) ends in an ERROR node.
        start = offsets.char(node.start_byte)
        openers = lang.unterminated
        if start not in starts and openers and text.startswith(openers, start):
            comments.append((start, offsets.char(node.end_byte)))
    docstrings = []
    if lang.docstrings:
        bodies = [tree.root_node, *captures.get("body", [])]
        for body in bodies:
            string = _docstring_node(body)
            if string is not None:
                for start, end in _string_contents(string):
                    docstrings.append((offsets.char(start), offsets.char(end)))
    return sorted(set(comments)), docstrings


# --- Pygments fallback -------------------------------------------------------------------------


@functools.cache
def pygments_lexer(alias: str) -> Any:
    from pygments.lexers import get_lexer_by_name

    return get_lexer_by_name(alias, stripnl=False, ensurenl=False)


def _pygments_spans(
    text: str, lang: CodeLanguage
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    from pygments.token import Comment, String

    comments: list[tuple[int, int]] = []
    docstrings: list[tuple[int, int]] = []
    previous_multiline = False
    for index, token, value in pygments_lexer(lang.pygments).get_tokens_unprocessed(text):
        if token in Comment and token not in Comment.Preproc and token is not Comment.Hashbang:
            end = index + len(value.rstrip("\r\n"))
            multiline = token in Comment.Multiline
            if multiline and previous_multiline and comments and comments[-1][1] >= index:
                comments[-1] = (comments[-1][0], end)
            elif end > index:
                comments.append((index, end))
            previous_multiline = multiline
            continue
        previous_multiline = False
        if token in String.Doc and lang.docstrings:
            quote = re.match(r"[rRuUbB]*('''|\"\"\"|'|\")", value)
            if quote and value.endswith(quote.group(1)) and len(value) >= 2 * len(quote.group(0)):
                docstrings.append((index + quote.end(), index + len(value) - len(quote.group(1))))
    return comments, docstrings


# --- from spans to segments --------------------------------------------------------------------

_BLOCK_OPENERS = re.compile(r"/\*[*!]?|--\[(=*)\[|=begin\b|<!--")
_LINE_MARKER = re.compile(r"//+!?|#+!?|--+|;+")


def _block_comment_lines(text: str, start: int, end: int) -> list[Line]:
    opener = _BLOCK_OPENERS.match(text, start)
    assert opener is not None
    raw = text[start:end]
    token = opener.group(0)
    if token.startswith("/*"):
        closer = "*/"
    elif token.startswith("--["):
        closer = "]" + (opener.group(1) or "") + "]"
    elif token == "=begin":
        closer = "=end"
    else:
        closer = "-->"
    body_end = end
    stripped = raw.rstrip()
    if stripped.endswith(closer) and len(stripped) >= len(token) + len(closer):
        body_end = start + len(stripped) - len(closer)
    stars = token.startswith("/*")
    lines: list[Line] = []
    position = opener.end()
    first = True
    while position <= body_end:
        newline = text.find("\n", position, body_end)
        line_end = body_end if newline == -1 else newline
        line = text[position:line_end].rstrip("\r")
        offset = position
        if not first and stars:  # the " * " that starts each line of a C-style block
            star = re.match(r"[ \t]*\*+(?!/)", line)
            if star:
                offset += star.end()
                line = line[star.end() :]
        if first and token == "=begin":
            line = ""  # the rest of the =begin line is not prose
        lines.append((offset, line))
        first = False
        if newline == -1:
            break
        position = newline + 1
    return lines


def _line_comment_line(text: str, start: int, end: int) -> Line:
    marker = _LINE_MARKER.match(text, start)
    body_start = marker.end() if marker else start
    return body_start, text[body_start:end].rstrip("\r\n")


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _comment_blocks(text: str, spans: list[tuple[int, int]]) -> Iterator[list[Line]]:
    """Lines of each comment block: a block comment, or a run of adjacent line comments."""
    group: list[Line] = []
    group_key: tuple[bool, int] | None = None  # (own line, column) of the run
    group_end = -1
    for start, end in spans:
        # A line comment's node may end with its line break (Rust's do).
        end = start + len(text[start:end].rstrip("\r\n"))
        if start == 0 and text.startswith("#!"):
            continue  # a shebang line
        if _BLOCK_OPENERS.match(text, start):
            if group:
                yield group
                group, group_key = [], None
            yield _block_comment_lines(text, start, end)
            continue
        line_start = _line_start(text, start)
        own_line = not text[line_start:start].strip()
        key = (own_line, 0 if own_line else start - line_start)
        adjacent = (
            group
            and group_key == key
            and text.count("\n", group_end, start) == 1
            and not text[group_end:line_start].strip()
        )
        if group and not adjacent:
            yield group
            group = []
        group.append(_line_comment_line(text, start, end))
        group_key = key
        group_end = end
    if group:
        yield group


def _docstring_lines(text: str, start: int, end: int) -> list[Line]:
    lines: list[Line] = []
    position = start
    while True:
        newline = text.find("\n", position, end)
        line_end = end if newline == -1 else newline
        lines.append((position, text[position:line_end].rstrip("\r")))
        if newline == -1:
            return lines
        position = newline + 1


def comment_and_docstring_spans(
    text: str, language: CodeLanguage
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of the comments (markers included) and docstring contents of ``text``."""
    grammar = grammar_for(language)
    if grammar is not None:
        return _tree_sitter_spans(text, grammar, language)
    return _pygments_spans(text, language)


def extract_code(text: str, language: CodeLanguage) -> list[Segment]:
    """Segments of the comments and docstrings of ``text``, source code in ``language``."""
    comments, docstrings = comment_and_docstring_spans(text, language)
    segments: list[Segment] = []
    for lines in _comment_blocks(text, comments):
        segments.extend(build_segments(text, prose_lines(lines), "comment"))
    for start, end in docstrings:
        segments.extend(
            build_segments(text, prose_lines(_docstring_lines(text, start, end)), "docstring")
        )
    segments.sort(key=lambda segment: segment.runs[0][1])
    return segments
