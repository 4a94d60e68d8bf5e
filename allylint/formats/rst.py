"""reStructuredText, parsed with docutils (no transforms, no file access, no output).

Checked: paragraphs, section titles, rubrics, list items, definition terms,
line blocks, table cells, admonitions (note, warning, ...), footnote and
citation text, captions, the content of Sphinx's prose directives
(versionadded, deprecated, seealso, domain object descriptions, ...). Not
checked: literal blocks, doctest blocks, code directives (code, code-block,
sourcecode, literalinclude, ...), inline literals, interpreted text and roles
(``:class:`Foo```, ``:ref:`target```, `default role`), bare URLs, targets,
substitutions, comments, raw and math content, and Sphinx's other directives
(toctree, automodule, autoclass, ...), which are registered as opaque so that
they parse without errors. Unknown directives and roles are skipped silently.

docutils gives line numbers for blocks but no columns, and strips indentation,
escapes and markup, so each word of a block's text is located in the source in
order, resynchronising at each block's line. A file docutils cannot parse at
all is checked as plain text, with a logged warning saying so.
"""

from __future__ import annotations

import bisect
import functools
import io
import logging
import re
from typing import TYPE_CHECKING, Any, ClassVar

from allylint.formats import plaintext
from allylint.formats.segments import Segment, SegmentBuilder

if TYPE_CHECKING:
    from docutils import nodes

log = logging.getLogger(__name__)

_MAX_SKIP = 12  # source characters an escape may take beyond its decoded text
_SEARCH_BOUND = 4000  # how far after the cursor a word may stand (long URLs, literals)


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Sphinx (and common extension) directives whose content is not prose.
_OPAQUE_DIRECTIVES = _names(
    """
toctree automodule autoclass autoexception autofunction autodata automethod autoattribute
autoproperty autodecorator autonewtypedata autosummary autoprogram autoflask click
literalinclude code-block sourcecode highlight index tabularcolumns productionlist graphviz
graph digraph inheritance-diagram plot doctest testcode testoutput testsetup testcleanup
ipython jupyter-execute jupyter-kernel mermaid uml currentmodule sectionauthor moduleauthor
codeauthor default-domain py:currentmodule py:module c:namespace cpp:namespace
cpp:namespace-push cpp:namespace-pop program literalinclude-diff bibliography code-tab
"""
)
# Directives whose content is prose (parsed as body elements).
_BODY_DIRECTIVES = _names(
    """
glossary hlist only todo tab tabs group-tab card grid grid-item grid-item-card
tab-set tab-item dropdown versionadded versionchanged versionremoved deprecated seealso
centered
"""
)
# Object descriptions: the signature is code, the content prose.
_OBJECT_DIRECTIVES = _names(
    """
function method attribute data exception decorator decoratormethod module object describe
envvar option cmdoption confval staticmethod classmethod property type
"""
)
_DOMAINS = {
    "py": "function method attribute data exception decorator decoratormethod class module "
    "staticmethod classmethod property type",
    "c": "function member macro struct union enum enumerator type var",
    "cpp": "function member var class struct union enum enum-class enum-struct enumerator type "
    "concept alias",
    "js": "function method class data attribute module",
    "rst": "directive directive:option role",
    "std": "option envvar program",
}
_VERSION_DIRECTIVES = frozenset(["versionadded", "versionchanged", "versionremoved", "deprecated"])


@functools.cache
def _setup() -> tuple[Any, Any]:
    """Register Sphinx's directives (where nothing else did) and build parser and settings."""
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Directive, Parser, directives, roles
    from docutils.parsers.rst.states import Inliner

    class _AnyOption(dict):
        def __missing__(self, key: str) -> Any:
            return directives.unchanged

    class _Opaque(Directive):
        has_content = True
        optional_arguments = 1
        final_argument_whitespace = True
        option_spec: ClassVar[dict[str, Any]] = _AnyOption()

        def run(self) -> list[nodes.Node]:
            return []

    class _Body(_Opaque):
        def run(self) -> list[nodes.Node]:
            container = nodes.container()
            container.line = self.lineno
            argument = self.arguments[0] if self.arguments else ""
            if self.name in _VERSION_DIRECTIVES:
                parts = argument.split(None, 1)  # the version number, then prose
                argument = parts[1] if len(parts) > 1 else ""
            if argument.strip() and self.name not in {"only", "tab", "code-tab"}:
                inline, _messages = self.state.inline_text(argument.strip(), self.lineno)
                paragraph = nodes.paragraph(argument, "", *inline)
                paragraph.line = self.lineno
                container += paragraph
            if self.content:
                self.state.nested_parse(self.content, self.content_offset, container)
            return [container]

    class _Object(_Opaque):  # the signature is not checked
        def run(self) -> list[nodes.Node]:
            container = nodes.container()
            if self.content:
                self.state.nested_parse(self.content, self.content_offset, container)
            return [container]

    known = set(directives._directives) | set(directives._directive_registry)
    object_names = set(_OBJECT_DIRECTIVES)
    for domain, names in _DOMAINS.items():
        object_names.update(f"{domain}:{name}" for name in names.split())
    for group, cls in ((_OPAQUE_DIRECTIVES, _Opaque), (_BODY_DIRECTIVES, _Body)):
        for name in group:
            if name not in known:
                directives.register_directive(name, cls)
    for name in object_names:
        if name not in known:
            directives.register_directive(name, _Object)

    class _QuietInliner(Inliner):
        """Unknown roles (Sphinx's :class:, :ref:, ...) become literals, not errors."""

        def interpreted(self, rawsource: str, text: str, role: str, lineno: int) -> Any:
            if role and not _role_known(role, self.language):
                return [nodes.literal(rawsource, text)], []
            return super().interpreted(rawsource, text, role, lineno)

    # Inliner.init_customizations() formats its patterns with vars(type(self)).
    for name, value in vars(Inliner).items():
        if not name.startswith("__") and name not in vars(_QuietInliner):
            setattr(_QuietInliner, name, value)

    @functools.cache
    def _role_known(role: str, language: Any) -> bool:
        name = role.lower()
        if name in roles._roles or name in roles._role_registry:
            return True
        return name in getattr(language, "roles", {})

    settings = get_default_settings(Parser)
    settings.report_level = 5  # nothing is reported ...
    settings.halt_level = 5  # ... and nothing stops the parse
    settings.warning_stream = io.StringIO()
    settings.file_insertion_enabled = False
    settings.raw_enabled = False
    settings.syntax_highlight = "none"
    settings.line_length_limit = 1_000_000
    settings.pep_references = False
    settings.rfc_references = False

    def make_parser() -> Any:  # one per document: an inliner accumulates state as it parses
        return Parser(inliner=_QuietInliner())

    return make_parser, settings


def _parse(text: str) -> nodes.document:
    import copy

    from docutils.utils import new_document

    make_parser, settings = _setup()
    parser = make_parser()
    settings = copy.copy(settings)
    settings.warning_stream = io.StringIO()
    document = new_document("<rst>", settings)
    parser.parse(text, document)
    return document


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


def _kind(node: nodes.Element) -> str:
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


class _Walker:
    def __init__(self, text: str) -> None:
        from docutils import nodes

        self.nodes = nodes
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
        # A title's line is that of its underline; the text stands on the line before.
        locator.resync(line, back=1 if is_title else 0)
        builder = SegmentBuilder(_kind(node))
        self._inline(node, locator, builder)
        segment = builder.build()
        if segment is not None:
            self.segments.append(segment)

    def _inline(self, node: nodes.Element, locator: _Locator, builder: SegmentBuilder) -> None:
        nodes = self.nodes
        for child in node.children:
            if isinstance(child, nodes.Text):
                locator.words(str(child), builder)
            elif isinstance(child, self.inline_skipped) or self._skipped_reference(child):
                locator.skip(getattr(child, "rawsource", "") or child.astext())
                if len(builder):
                    builder.add_separator(locator.cursor)
            elif isinstance(child, nodes.Element):
                self._inline(child, locator, builder)

    def _skipped_reference(self, node: nodes.Node) -> bool:
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


def raw_view(text: str) -> str:
    """Hyperlink references read without their backticks, one character for one, so
    that the prefilter sees their text as prose."""
    if "`_" not in text:
        return text
    return _LINK_REFERENCE.sub(lambda m: f" {m.group(1)} ", text)


def extract(text: str) -> list[Segment]:
    if not text.strip():
        return []
    try:
        document = _parse(text)
        walker = _Walker(text)
        walker.walk(document)
    except Exception as error:  # docutils has no documented exception set
        log.warning(
            "reStructuredText could not be parsed (%s: %s); checking it as plain text",
            type(error).__name__,
            error,
        )
        return plaintext.extract(text)
    return sorted(walker.segments, key=lambda segment: segment.runs[0][1])
