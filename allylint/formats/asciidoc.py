"""AsciiDoc (``.adoc``, ``.asciidoc``), read by a line scanner that follows Asciidoctor.

Checked: paragraphs, section and block titles (``== Title``, ``.Title``),
list items and description-list terms, table cells, admonitions (``NOTE: ...``
and ``[NOTE]`` blocks) and the prose inside example, sidebar, quote and open
blocks. Not checked: listing, literal, source, passthrough and comment blocks
(``----``, ``....``, ````` fences, ``++++``, ``////``) and the paragraphs a
``[source]``, ``[literal]``, ``[pass]``, ``[comment]`` or diagram style makes
code; indented (literal) paragraphs; ``//`` comment lines; attribute entries and
references (``:name: value``, ``{name}``); inline literals and passthroughs
(```code```, ``+text+``, ``pass:[...]``); the targets of macros and cross
references (``xref:target[text]``, ``<<id,text>>``, ``image:...[]``: only the
text in brackets is prose); URLs; block macros and preprocessor lines
(``include::``, ``ifdef::``); the author and revision lines of the header.

No AsciiDoc library is needed: AsciiDoc is line-oriented, and what decides
whether a line is prose is the block it stands in, which the delimiter lines
say. ``blocks`` finds independent top-level blocks for candidate-only reading:
a blank line followed by a line that starts in the first column, outside any
delimited block, ends every construct whose meaning the scanner carries
forward (a paragraph, an attribute list or block title waiting for its block,
a literal paragraph, the header).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from allylint.formats.prose_lines import ProseLine, build_segments
from allylint.formats.segments import Segment

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
# Delimiters of blocks that hold content other than prose, and of those that hold prose.
_VERBATIM = re.compile(r"(?:-{4,}|\.{4,}|\+{4,}|/{4,}|`{3,}[\w+-]*)")
_COMPOUND = re.compile(r"(?:={4,}|\*{4,}|_{4,}|--)")
_TABLE = re.compile(r"[|!,:]={3,}")
# A block's style (the first positional attribute) that makes its content code or markup.
_CODE_STYLES = frozenset(
    str.split(
        """
source listing literal pass comment stem latexmath asciimath plantuml graphviz ditaa mermaid
a2s blockdiag seqdiag actdiag nwdiag packetdiag rackdiag svgbob vega vegalite wavedrom erd
nomnoml pikchr bytefield d2 dbml structurizr tikz umlet bpmn excalidraw gnuplot meme shaape
smcat symbolator
"""
    )
)
_ADMONITION = re.compile(r"(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION):[ \t]+")
_ATTRIBUTE_LIST = re.compile(r"\[(?!\[)[^\]]*\][ \t]*")
_ANCHOR_LINE = re.compile(r"\[\[[^\]]*\]\][ \t]*")
_BLOCK_TITLE = re.compile(r"\.(?=[^\s.])")
_ATTRIBUTE_ENTRY = re.compile(r":!?[\w][\w-]*!?:(?:[ \t]|$)")
_SECTION_TITLE = re.compile(r"(?:={1,6}|#{1,6})[ \t]+(?=\S)")
_BLOCK_MACRO = re.compile(r"[a-zA-Z][\w-]*::\S*\[.*\][ \t]*")
_PREPROCESSOR = re.compile(r"(?:ifdef|ifndef|ifeval|endif|include)::")
_BREAK_LINE = re.compile(r"(?:'{3,}|<{3,}|(?:-[ \t]*){3,}|(?:\*[ \t]*){3,})[ \t]*")
_LIST_ITEM = re.compile(
    r"[ \t]*(?:\*{1,5}|-|\.{1,5}|\d+\.|[a-zA-Z]\.|[ivxIVX]+\)|<\d+>|<\.>)[ \t]+"
    r"(?:\[[ xX*]\][ \t]+)?"
)
_DESCRIPTION_TERM = re.compile(r"[ \t]*(?P<term>\S.*?)(?::{2,4}|;;)(?:[ \t]+|$)")
# A table cell specifier before "|": span, duplication, alignment and style (a, l, m, ...).
_CELL = re.compile(
    r"(?:(?<!\S)(?:\d+\*)?(?:(?P<span>\d+)?(?:\.\d+)?\+)?(?:[<^>](?:\.[<^>])?|\.[<^>])?"
    r"(?P<style>[adehlmsv])?)?(?<!\\)(?P<sep>[|!])"
)

# Inline constructs: those whose text is skipped, those whose (bracketed) text is prose,
# and formatting marks, which read as a break between words.
# Every repetition that a failed match could rescan is bounded, so that a long line
# full of openers ("<<", "((", "xref:a[") costs time in proportion to its length.
_INLINE = re.compile(
    r"(?P<quoted>\"`(?P<quoted_text>[^`\n]{1,500})`\"|'`(?P<single_text>[^`\n]{1,500})`')"
    # A link whose target starts with an attribute: {url-repo}/issues[the issues]
    r"|\{[\w-]{1,100}\}[^\s\[]{0,500}\[(?P<attribute_link_text>[^\]\n]{0,500})\]"
    r"|(?P<skip>"
    r"``.{1,1000}?``|`[^`\n]{0,1000}`"  # monospace
    r"|\+\+\+.{1,1000}?\+\+\+|\+\+.{1,1000}?\+\+"  # passthroughs
    r"|(?<![\w+])\+[^\s+](?:[^+\n]{0,1000}?[^\s+])?\+(?![\w+])"
    r"|\b(?:pass|stem|latexmath|asciimath|kbd|btn|menu|image|icon|indexterm|anchor|include)"
    r":[^\s\[]{0,500}\[[^\]\n]{0,1000}\]"
    r"|\{[\w-]{1,100}(?::[^}\n]{0,200})?\}"  # attribute references
    r"|\[\[\[?[^\]\n]{0,200}\]?\]\]|\[[#.%][^\]\n]{0,200}\](?=[#*_`])"  # anchors, ids, roles
    r"|\(\(\(.{0,500}?\)\)\)"  # hidden index terms
    r"|<(?:https?|ftp|irc|file|mailto):[^>\s]{0,2000}>"
    r"|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}"  # email addresses
    r"|[ \t]\+$"  # a hard line break
    r")"
    r"|<<[^>,\n]{1,200}(?:,(?P<xref_text>[^>\n]{0,500}))?>>"
    r"|(?:\b(?:xref|link|mailto|footnote|footnoteref|indexterm2):|\b(?:https?|ftp|irc|file)://)"
    r"[^\s\[]{0,2000}(?:\[(?P<macro_text>[^\]\n]{0,1000})\])?"
    r"|\(\((?P<index_text>.{0,500}?)\)\)"
    r"|(?<![\w\\])[*_#^~]+(?=[^\s*_#^~])|(?<=[^\s*_#^~])[*_#^~]+(?!\w)|\*\*|__|##"
)
_KEPT = (
    "quoted_text",
    "single_text",
    "attribute_link_text",
    "xref_text",
    "macro_text",
    "index_text",
)
_LINK_TEXTS = frozenset(["attribute_link_text", "macro_text"])
# After a link's text: attributes (", window=_blank") and the new-window caret.
_LINK_ATTRIBUTES = re.compile(r"\s*,\s*\w+=.*$|\^$")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line without its line break) for each line."""
    for match in _LINE.finditer(text):
        if match.start() == len(text) and match.start() > 0:
            return
        yield match.start(), match.group().rstrip("\r\n")


def _trimmed(offset: int, text: str, start: int, end: int) -> list[tuple[int, int]]:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return []
    left = start + piece.index(stripped[0])
    return [(offset + left, offset + left + len(stripped))]


def _inline_spans(offset: int, text: str, start: int = 0) -> list[tuple[int, int]]:
    """The prose spans (file offsets) of text[start:], leaving out inline markup."""
    spans: list[tuple[int, int]] = []
    position = start
    for match in _INLINE.finditer(text, start):
        spans += _trimmed(offset, text, position, match.start())
        position = match.end()
        name = next((name for name in _KEPT if match.group(name)), None)
        if name is None:
            continue
        kept_start, kept_end = match.span(name)
        if name in _LINK_TEXTS:
            shown = _LINK_ATTRIBUTES.sub("", text[kept_start:kept_end])
            kept_end = kept_start + len(shown)
            if shown.startswith('"') and shown.endswith('"') and len(shown) > 1:
                kept_start, kept_end = kept_start + 1, kept_end - 1
        spans += _inline_spans(offset, text[:kept_end], kept_start)
    spans += _trimmed(offset, text, position, len(text))
    return spans


@dataclass
class _Block:
    delimiter: str
    verbatim: bool
    context: str = "paragraph"  # the context of the prose blocks inside
    table: str = ""  # the cell separator of a table
    columns: list[str] = field(default_factory=list)  # each column's style
    cell: int = 0  # cells so far, colspans counted, to know each cell's column
    literal_cell: bool = False  # the current cell is styled l (literal) or m (monospace)


class _Scanner:
    """Walks the lines once, collecting the prose lines of each block with its context."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.segments: list[Segment] = []
        self.stack: list[_Block] = []
        self.block: list[ProseLine] = []
        self.context = "paragraph"
        self.style: str | None = None  # from an attribute list waiting for its block
        self.columns: list[str] = []  # and the column styles of a table (cols="1,2m")
        self.skipping = False  # inside a paragraph that is not prose (literal, [source])
        self.in_item = False  # the lines after a list item or term belong to it

    def flush(self) -> None:
        if self.block:
            self.segments += build_segments(self.text, self.block, self.context)
        self.block = []

    def start(self, context: str) -> None:
        self.flush()
        self.context = context

    def add(self, offset: int, line: str, start: int = 0, end: int | None = None) -> None:
        spans = _inline_spans(offset, line if end is None else line[:end], start)
        if spans:
            self.block.append(spans)

    def scan(self) -> list[Segment]:
        in_header = False
        continuation = False  # an attribute entry's value goes on ("\" at the end)
        for offset, line in _lines(self.text):
            stripped = line.strip()
            if continuation and stripped:
                continuation = stripped.endswith("\\")
                continue
            continuation = False
            open_block = self.stack[-1] if self.stack else None
            if open_block is not None and open_block.verbatim:
                if stripped == open_block.delimiter:
                    self.stack.pop()
                continue
            if not stripped:
                in_header = self.in_item = self.skipping = False
                self.flush()
                if open_block is None or not open_block.table:
                    self.style = None  # in a table, rows may stand apart
                    self.columns = []
                continue
            if line.startswith("//") and not line.startswith("////"):
                continue  # a comment line
            if self._delimiter(stripped, open_block):
                in_header = self.in_item = self.skipping = False
                continue
            if in_header or self.skipping:
                continue
            if open_block is not None and open_block.table:
                self._table_line(offset, line, open_block)
                continue
            if not self.block and not self.in_item:
                self.context = open_block.context if open_block is not None else "paragraph"
                if self._starts_block(offset, line):
                    in_header = line.startswith("= ")  # the document title
                    continuation = bool(_ATTRIBUTE_ENTRY.match(line)) and stripped.endswith("\\")
                    continue
            if (not self.block or self.in_item) and self._list_line(offset, line):
                continue
            if stripped == "+":  # a list continuation: the next block belongs to the item
                self.flush()
                self.in_item = False
                continue
            self.add(offset, line)
        self.flush()
        return sorted(self.segments, key=lambda segment: segment.runs[0][1])

    def _delimiter(self, stripped: str, open_block: _Block | None) -> bool:
        """Open or close a delimited block; True when the line is a delimiter."""
        verbatim = _VERBATIM.fullmatch(stripped)
        table = _TABLE.fullmatch(stripped)
        if not (verbatim or table or _COMPOUND.fullmatch(stripped)):
            return False
        self.flush()
        if open_block is not None and stripped == open_block.delimiter:
            self.stack.pop()
        else:
            code = verbatim is not None or self.style in _CODE_STYLES
            delimiter = stripped[:3] if stripped.startswith("```") else stripped
            context = "admonition" if self.style in _ADMONITION_STYLES else "paragraph"
            if open_block is not None and context == "paragraph":
                context = open_block.context
            separator = stripped[0] if table and not code else ""
            self.stack.append(_Block(delimiter, code, context, separator, self.columns))
        self.columns = []
        self.style = None
        return True

    def _starts_block(self, offset: int, line: str) -> bool:
        """Lines that mean something only at the start of a block (titles, attribute
        lists and entries, macros, breaks); literal and code paragraphs."""
        if _ANCHOR_LINE.fullmatch(line) or _PREPROCESSOR.match(line):
            return True
        if _ATTRIBUTE_LIST.fullmatch(line):
            style = re.split(r"[,#.%]", line.strip()[1:-1], maxsplit=1)[0].strip().lower()
            self.style = style or self.style
            columns = _COLS.search(line)
            if columns:
                self.columns = _column_styles(columns.group(1))
            return True
        if _ATTRIBUTE_ENTRY.match(line) or _BLOCK_MACRO.fullmatch(line):
            return True
        if _BREAK_LINE.fullmatch(line) and not _LIST_ITEM.match(line):
            return True
        title = _SECTION_TITLE.match(line)
        if title or _BLOCK_TITLE.match(line):
            self.start("title")
            self.add(offset, line, title.end() if title else 1)
            self.flush()
            return True
        literal = line[0] in " \t" and not _LIST_ITEM.match(line)
        if literal or self.style in _CODE_STYLES:
            self.skipping = True  # a literal paragraph, or one a code style makes code
            return True
        admonition = _ADMONITION.match(line)
        if admonition or self.style in _ADMONITION_STYLES:
            self.start("admonition")
            self.add(offset, line, admonition.end() if admonition else 0)
            return True
        return False

    def _list_line(self, offset: int, line: str) -> bool:
        item = _LIST_ITEM.match(line)
        if item:
            self.start("list_item")
            self.add(offset, line, item.end())
            self.in_item = True
            return True
        term = _DESCRIPTION_TERM.match(line)
        if term and not _BLOCK_MACRO.match(line.strip()):
            self.start("term")
            self.add(offset, line, term.start("term"), term.end("term"))
            self.start("list_item")
            self.add(offset, line, term.end())
            self.in_item = True
            return True
        return False

    def _table_line(self, offset: int, line: str, table: _Block) -> None:
        """A line of a table: a cell starts at each separator, after its specifier; a
        cell is not prose when it, or its column, is literal (l) or monospaced (m)."""
        if table.table not in "|!":
            return  # CSV and DSV tables hold data
        cells = [m for m in _CELL.finditer(line) if m.group("sep") == table.table]
        first = cells[0].start() if cells else len(line)
        if first > 0 and not table.literal_cell:
            self.add(offset, line, 0, first)  # the cell before goes on
        for index, cell in enumerate(cells):
            end = cells[index + 1].start() if index + 1 < len(cells) else len(line)
            self.start("table_cell")
            style = cell.group("style")
            if style is None and table.columns:
                style = table.columns[table.cell % len(table.columns)]
            table.cell += int(cell.group("span") or 1)
            table.literal_cell = style in ("l", "m")
            if not table.literal_cell:
                self.add(offset, line, cell.end(), end)


_COLS = re.compile(r"\bcols\s*=\s*\"?([^\"\]]*)")
_COLUMN = re.compile(r"(?:(\d+)\*)?[^,;]*?([adehlmsv])?\s*$")


def _column_styles(spec: str) -> list[str]:
    """Each column's style letter ('' for none) from a ``cols`` attribute: "1,2m,1",
    "3*", "2*a,1"; a lone number is a count of columns."""
    if spec.strip().isdigit():
        return [""] * int(spec)
    styles: list[str] = []
    for part in re.split(r"[,;]", spec):
        match = _COLUMN.match(part.strip())
        repeat = int(match.group(1)) if match and match.group(1) else 1
        styles += [(match.group(2) if match else None) or ""] * repeat
    return styles


_ADMONITION_STYLES = frozenset(["note", "tip", "important", "warning", "caution"])


def extract(text: str) -> list[Segment]:
    return _Scanner(text).scan()


# A comment starts in the first column: an indented line is a literal paragraph's.
_INDENTED_COMMENT = re.compile(r"[ \t]+//")
_MONOSPACE = re.compile(r"`[^`\r\n]+`")


def code_examples(text: str) -> list[tuple[int, int]]:
    """Delimited listing, literal, passthrough and fenced blocks, indented lines
    (literal paragraphs) and inline monospace, where a directive is an example."""
    spans = []
    opened: tuple[str, int] | None = None  # (delimiter, where the block starts)
    for offset, line in _lines(text):
        stripped = line.strip()
        if opened is not None:
            if stripped == opened[0]:
                spans.append((opened[1], offset + len(line)))
                opened = None
        elif _VERBATIM.fullmatch(stripped) and not stripped.startswith("/"):  # not a comment
            opened = (stripped[:3] if stripped.startswith("```") else stripped, offset)
        elif _INDENTED_COMMENT.match(line):
            spans.append((offset, offset + len(line)))
        else:
            spans.extend((offset + m.start(), offset + m.end()) for m in _MONOSPACE.finditer(line))
    if opened is not None:
        spans.append((opened[1], len(text)))
    return spans


def raw_view(text: str) -> str:
    """Constrained formatting marks ("_whitelist_", "*whitelist*") read as spaces, one
    character for one, so that the prefilter sees the word."""
    return text.replace("_", " ").replace("*", " ")


def blocks(text: str) -> list[int]:
    """Offsets where independent top-level blocks start (always including 0): after a
    blank line, at a line in the first column that is outside every delimited block.

    Delimiters are followed as ``extract`` follows them, except that a block a style
    makes verbatim (``[comment]`` over ``--``) is taken for a compound one here: its
    region can only come out longer, never shorter, so no break falls inside it."""
    starts = [0]
    stack: list[tuple[str, bool]] = []  # (delimiter, verbatim)
    continuation = False
    blank_before = False
    for offset, line in _lines(text):
        stripped = line.strip()
        if not stack and blank_before and stripped and not line[0].isspace():
            starts.append(offset)
        blank_before = not stripped
        if continuation and stripped:
            continuation = stripped.endswith("\\")
            continue
        continuation = False
        if stack and stack[-1][1]:
            if stripped == stack[-1][0]:
                stack.pop()
            continue
        if not stripped or (line.startswith("//") and not line.startswith("////")):
            continue
        verbatim = _VERBATIM.fullmatch(stripped)
        if verbatim or _COMPOUND.fullmatch(stripped) or _TABLE.fullmatch(stripped):
            if stack and stripped == stack[-1][0]:
                stack.pop()
            else:
                delimiter = stripped[:3] if stripped.startswith("```") else stripped
                stack.append((delimiter, verbatim is not None))
            continue
        continuation = bool(_ATTRIBUTE_ENTRY.match(line)) and stripped.endswith("\\")
    return starts
