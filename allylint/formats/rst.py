"""reStructuredText, parsed with docutils (no transforms, no file access, no output).

Checked: paragraphs, section titles, rubrics, list items, definition terms,
line blocks, table cells, admonitions (note, warning, ...), footnote and
citation text, captions, the content of Sphinx's prose directives
(versionadded, deprecated, seealso, domain object descriptions, ...). Not
checked: literal blocks, doctest blocks, code directives (code, code-block,
sourcecode, literalinclude, ...), inline literals, interpreted text and roles
(``:class:`Foo```, ``:ref:`target```, `default role`), bare URLs, targets,
substitutions, comments, raw and math content, and Sphinx's other directives
(toctree, automodule, autoclass, ...), which parse to nothing so that they make
no errors. Unknown directives and roles are skipped silently. The parse leaves
docutils' process-wide registries alone (see ``rst_parser``).

docutils gives line numbers for blocks but no columns, and strips indentation,
escapes and markup, so each word of a block's text is located in the source in
order, resynchronising at each block's line. A file docutils cannot parse at
all is checked as plain text, with a logged warning saying so.
"""

from __future__ import annotations

import bisect
import logging
import re
from typing import TYPE_CHECKING

from allylint.formats import plaintext
from allylint.formats.chunks import merged_spans, paired_runs
from allylint.formats.rst_markup import OPAQUE_DIRECTIVES, TITLED_REFERENCES
from allylint.formats.rst_parser import parse
from allylint.formats.segments import LineIndex, Segment, SegmentBuilder
from allylint.printable import shortened

if TYPE_CHECKING:
    from docutils import nodes

log = logging.getLogger(__name__)

_MAX_SKIP = 12  # source characters an escape may take beyond its decoded text
_SEARCH_BOUND = 4000  # how far after the cursor a word may stand (long URLs, literals)


# --- locating docutils text in the source ------------------------------------------------------

_WORD = re.compile(r"\S+")
_URL = re.compile(r"[a-zA-Z][\w+.-]*:|www\.")


class _Locator:
    """Finds the words of text nodes in the source, in order, from a moving cursor."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.cursor = 0
        self.line_starts = [0]
        for line in source.splitlines(keepends=True):  # docutils' own notion of lines
            self.line_starts.append(self.line_starts[-1] + len(line))

    def line_start(self, line: int) -> int:
        index = min(max(line, 1), len(self.line_starts)) - 1
        return self.line_starts[index]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def resync(self, line: int | None, back: int = 0) -> None:
        if line is not None:
            self.cursor = max(self.cursor, self.line_start(line - back))

    def skip(self, raw: str) -> None:
        """Move past a piece of skipped markup (an inline literal, a role) if it is near."""
        lines = [part.strip() for part in raw.split("\n") if part.strip()]
        for part in lines[:1] + lines[-1:] if len(lines) > 1 else lines:
            found = self.source.find(part, self.cursor, self.cursor + len(part) + _SEARCH_BOUND)
            if found != -1:
                self.cursor = found + len(part)

    def words(self, text: str, builder: SegmentBuilder) -> None:
        """Locate each line of ``text`` (docutils' text, escapes as NULs), else each word."""
        for line in text.split("\n"):
            piece = line.strip()
            if not piece:
                continue
            if "\x00" not in piece:
                limit = self.cursor + len(piece) + _SEARCH_BOUND
                found = self.source.find(piece, self.cursor, limit)
                if found != -1:
                    if len(builder) and found != self.cursor:
                        builder.add_separator(self.cursor)
                    builder.add(piece, found)
                    self.cursor = found + len(piece)
                    continue
            self._words(piece, builder)

    def _words(self, text: str, builder: SegmentBuilder) -> None:
        for match in _WORD.finditer(text):
            word = match.group(0).replace("\x00", "\\")  # the escape as written in the source
            limit = self.cursor + len(word) + _SEARCH_BOUND
            found = self.source.find(word, self.cursor, limit)
            if found == -1:
                self._characters(word.replace("\\", ""), builder)
                continue
            if len(builder) and found != self.cursor:
                builder.add_separator(self.cursor)
            position = found
            for piece in word.split("\\"):  # the escaped characters, without backslashes
                builder.add(piece, position)
                position += len(piece) + 1
            self.cursor = found + len(word)

    def _characters(self, word: str, builder: SegmentBuilder) -> None:
        """Align a word whose escapes docutils removed, character by character."""
        for char in word:
            found = self.source.find(char, self.cursor, self.cursor + _MAX_SKIP)
            if found == -1:
                builder.add_separator(self.cursor)
                continue
            builder.add(char, found)
            self.cursor = found + 1


class _TableLocator(_Locator):
    """In a table, cells share source lines: each source line keeps its own cursor."""

    def __init__(self, parent: _Locator) -> None:
        self.source = parent.source
        self.line_starts = parent.line_starts
        self.cursor = parent.cursor
        self.line_cursors: dict[int, int] = {}
        self.line = 1

    def resync(self, line: int | None, back: int = 0) -> None:
        if line is not None:
            self.line = line
            self.cursor = max(self.line_cursors.get(line, 0), self.line_start(line))

    def words(self, text: str, builder: SegmentBuilder) -> None:
        for number, part in enumerate(text.split("\n")):
            if number:
                self.line_cursors[self.line] = self.cursor
                self.line += 1
                self.cursor = max(self.line_cursors.get(self.line, 0), self.line_start(self.line))
                if len(builder):
                    builder.add_separator(self.cursor)
            end = self.line_start(self.line + 1)
            for match in _WORD.finditer(part):
                word = match.group(0)
                found = self.source.find(word, self.cursor, end)
                if found == -1:
                    continue
                if len(builder) and found != self.cursor:
                    builder.add_separator(self.cursor)
                builder.add(word, found)
                self.cursor = found + len(word)
        self.line_cursors[self.line] = self.cursor


# --- walking the doctree -----------------------------------------------------------------------


def _context(node: nodes.Element) -> str:
    from docutils import nodes

    if isinstance(node, nodes.title | nodes.subtitle | nodes.rubric):
        return "title"
    if isinstance(node, nodes.term):
        return "term"
    if isinstance(node, nodes.line):
        return "line"
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.entry):
            return "table_cell"
        if isinstance(parent, nodes.list_item):
            return "list_item"
        if isinstance(parent, nodes.Admonition):
            return "admonition"
        parent = parent.parent
    return "paragraph"


def _source_of(node: nodes.Node) -> str | None:
    """The file a node was read from: its own ``source``, else its nearest parent's."""
    current: nodes.Node | None = node
    while current is not None:
        source = getattr(current, "source", None)
        if source is not None:
            return str(source)
        current = current.parent
    return None


# Sphinx's directives give some blocks they build the line after their first one
# (a versionadded directive's text), so in Sphinx's doctrees a block's text is
# looked for from a little earlier (never before text already found).
_SPHINX_LINE_SLACK = 2


class _Walker:
    """Collects the prose blocks of a doctree as segments of ``text``. With ``source``,
    only blocks read from that file: a doctree built by Sphinx also holds included
    files and generated content (autodoc's docstrings), which ``text`` does not."""

    def __init__(self, text: str, source: str | None = None) -> None:
        from docutils import nodes

        self.nodes = nodes
        self.source = source
        self.locator = _Locator(text)
        self.segments: list[Segment] = []
        self.prose = (
            nodes.paragraph,
            nodes.title,
            nodes.subtitle,
            nodes.rubric,
            nodes.term,
            nodes.line,
            nodes.caption,
            nodes.attribution,
        )
        self.skipped = (
            nodes.literal_block,
            nodes.doctest_block,
            nodes.math_block,
            nodes.comment,
            nodes.substitution_definition,
            nodes.target,
            nodes.raw,
            nodes.system_message,
            nodes.pending,
            nodes.image,
            nodes.option_string,
            nodes.field_name,
            nodes.label,
            nodes.classifier,
        )
        self.inline_skipped = (
            nodes.literal,
            nodes.title_reference,
            nodes.problematic,
            nodes.footnote_reference,
            nodes.citation_reference,
            nodes.substitution_reference,
            nodes.target,
            nodes.math,
            nodes.raw,
            nodes.image,
            nodes.pending,
            nodes.generated,
        )

    def walk(self, node: nodes.Node, locator: _Locator | None = None) -> None:
        nodes = self.nodes
        locator = locator or self.locator
        for child in node.children:
            if isinstance(child, self.skipped):
                continue
            if isinstance(child, self.prose):
                if self.source is None or _source_of(child) == self.source:
                    self._block(child, locator)
            elif isinstance(child, nodes.table):
                table_locator = _TableLocator(locator)
                self.walk(child, table_locator)
                locator.cursor = max(locator.cursor, *table_locator.line_cursors.values(), 0)
            elif isinstance(child, nodes.Element):
                self.walk(child, locator)

    def _block(self, node: nodes.Element, locator: _Locator) -> None:
        line = node.line
        if line is None and node.parent is not None:
            line = node.parent.line
        is_title = isinstance(node, self.nodes.title)
        if is_title and self.source is not None and not node.rawsource:
            return  # a title Sphinx generated ("Todo"), not written in the source
        # A title's line is that of its underline; the text stands on the line before.
        back = 1 if is_title else 0
        if self.source is not None:
            back += _SPHINX_LINE_SLACK
        locator.resync(line, back=back)
        builder = SegmentBuilder(_context(node))
        self._inline(node, locator, builder)
        segment = builder.build()
        if segment is not None:
            self.segments.append(segment)

    def _inline(self, node: nodes.Element, locator: _Locator, builder: SegmentBuilder) -> None:
        nodes = self.nodes
        for child in node.children:
            if isinstance(child, nodes.Text):
                locator.words(str(child), builder)
            elif (
                isinstance(child, self.inline_skipped)
                or self._skipped_reference(child)
                or self._version_label(child)
            ):
                locator.skip(getattr(child, "rawsource", "") or child.astext())
                if len(builder):
                    builder.add_separator(locator.cursor)
            elif isinstance(child, nodes.Element):
                self._inline(child, locator, builder)

    def _version_label(self, node: nodes.Node) -> bool:
        """Sphinx's "Added in version 2.0: " before a versionadded directive's text, which
        Sphinx generates: it is not in the source."""
        return isinstance(node, self.nodes.Element) and "versionmodified" in node["classes"]

    def _skipped_reference(self, node: nodes.Node) -> bool:
        if isinstance(node, self.nodes.Element) and node.tagname == "pending_xref":
            # Sphinx's :ref:`label` and :doc:`path` show the target's title, which is
            # checked where it is written; the label in the source is not prose.
            return node.get("reftype") in TITLED_REFERENCES and not node.get("refexplicit")
        if not isinstance(node, self.nodes.reference):
            return False
        raw = node.rawsource or ""
        if raw.startswith(":") or raw.endswith(":"):  # made by a role such as :pep:
            return True
        text = node.astext()
        return text == node.get("refuri") or bool(_URL.match(text))


# Hyperlink references (`link text <https://...>`_, `target`_): their text is prose,
# so their backticks must not read as inline code.
_LINK_REFERENCE = re.compile(r"(?<![`\w])`([^`\n]+)`(?=__?(?!\w))")


# Sphinx's cross-references with a title of their own: ":ref:`Title <target>`".
_TITLED_ROLE = re.compile(
    r"(?<![\w`]):(" + "|".join(sorted(TITLED_REFERENCES)) + r"):`([^`<\n]*?\S)(\s*<[^`>\n]*>)`"
)
# Where one of the two can start: the lines worth the expressions.
_VIEW_MARKER = re.compile(r"`_|:`")


def _unwrapped(line: str) -> str:
    line = _LINK_REFERENCE.sub(lambda m: f" {m.group(1)} ", line)
    return _TITLED_ROLE.sub(
        lambda m: " " * (len(m.group(1)) + 3) + m.group(2) + " " * (len(m.group(3)) + 1), line
    )


def raw_view(text: str) -> str:
    """Hyperlink references, and the titles of Sphinx's titled cross-references, read
    without their marks and targets, one character for one, so that the prefilter
    sees their text as prose."""
    # A reference never spans a line break, so only the lines that could hold one
    # are searched: running the expressions over a whole long file costs more than
    # the rest of the view.
    pieces: list[str] = []
    done = 0  # text[:done] is in pieces
    marker = _VIEW_MARKER.search(text)
    while marker is not None:
        line_start = text.rfind("\n", 0, marker.start()) + 1
        line_end = text.find("\n", marker.start())
        line_end = len(text) if line_end == -1 else line_end
        pieces.append(text[done:line_start])
        # Cut at a line break, the look-behinds see what they would in the whole
        # text: a character that cannot open a reference.
        pieces.append(_unwrapped(text[line_start:line_end]))
        done = line_end
        marker = _VIEW_MARKER.search(text, line_end)
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def doctree_segments(document: nodes.Node, text: str, source: str | None = None) -> list[Segment]:
    """The prose of a doctree parsed elsewhere (by Sphinx), as segments of ``text``, the
    source it was parsed from; with ``source``, only the blocks read from that file."""
    walker = _Walker(text, source)
    walker.walk(document)
    return sorted(walker.segments, key=lambda segment: segment.runs[0][1])


_DIRECTIVE_START = re.compile(r"^([ \t]*)\.\.[ \t]+([\w:.+-]+)::", re.MULTILINE)
# Directives whose content is no prose: Sphinx's, and docutils' own code and
# parsed-literal (whose literal blocks docutils numbers from their last line).
_CODE_DIRECTIVES = OPAQUE_DIRECTIVES | {"code", "parsed-literal"}
_INLINE_LITERAL = re.compile(r"``")


def code_examples(text: str) -> list[tuple[int, int]]:
    """Literal and doctest blocks, the bodies of code directives (and of the other
    directives whose content is not prose), and inline literals."""
    lines = LineIndex(text)
    spans = paired_runs(text, _INLINE_LITERAL)
    try:
        document = parse(text)
    except Exception:  # as in extract: what docutils cannot parse has no blocks here
        document = None
    if document is not None:
        from docutils import nodes

        literal = (nodes.literal_block, nodes.doctest_block)
        for node in document.findall(lambda n: isinstance(n, literal)):
            if node.line:
                first = node.line - 1
                spans.append(lines.span(first, first + node.astext().count("\n") + 1))
    end = 0
    for directive in _DIRECTIVE_START.finditer(text):
        if directive.start() >= end and directive.group(2).lower() in _CODE_DIRECTIVES:
            end = _indented_block_end(lines, directive.start(), len(directive.group(1)))
            spans.append((directive.start(), end))
    return merged_spans(spans)


def _indented_block_end(lines: LineIndex, start: int, indent: int) -> int:
    """Where the block that starts at ``start`` ends: after its last line indented
    more than ``indent``, before the first line that is not."""
    line = lines.position(start)[0]
    last = line
    for number in range(line + 1, len(lines.line_starts) + 1):
        content = lines.line_text(number)
        if not content.strip():
            continue
        if len(content) - len(content.lstrip()) <= indent:
            break
        last = number
    return lines.span(last - 1, last)[1]


def extract(text: str) -> list[Segment]:
    if not text.strip():
        return []
    try:
        return doctree_segments(parse(text), text)
    except Exception as error:  # docutils has no documented exception set
        log.warning(
            "reStructuredText could not be parsed (%s: %s); checking it as plain text",
            type(error).__name__,
            shortened(str(error)),  # docutils may quote the document
        )
        return plaintext.extract(text)
