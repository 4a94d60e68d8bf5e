"""What an input format is: the parts of a registry entry (see ``registry``).

Plain data. Functions are named by ``"module:function"`` references and imported
when a file of their format is first seen (see ``reader``), so that a run over
Markdown never loads docutils or tree-sitter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from allylint.formats.segments import Segment

Extractor = Callable[[str], list[Segment]]

# What may stand right before "allylint:" on its line in source code: the opening
# of a comment in any common language. A directive shown in prose, inline code or
# a code example is not one.
SOURCE_COMMENT_OPENERS = (
    "#",
    "//",
    "/*",
    "*",
    "--",
    ";",
    "%",
    "'",
    "<!--",
    "{-",
    "(*",
    "--[[",
    "rem",
)
HTML_COMMENT_OPENERS = ("<!--",)


@dataclass(frozen=True)
class CodeLanguage:
    """How a programming language's comments and docstrings are found.

    ``grammar`` names the function (``"module:function"``) that returns its
    tree-sitter language; without one, or when it cannot be loaded, the Pygments
    lexer ``pygments`` reads the file. ``comment_nodes`` are the grammar's comment
    node types; ``unterminated`` the block comment openers that may begin an
    unterminated comment (a truncated file), which the grammar parses as an error.
    """

    grammar: str | None
    pygments: str
    comment_nodes: tuple[str, ...] = ("comment",)
    docstrings: bool = False
    unterminated: tuple[str, ...] = ("/*",)


@dataclass(frozen=True)
class InputFormat:
    """One input format: which files are in it, how they are read, how they comment.

    Which files (names and suffixes match case-insensitively):

    - ``suffixes``: file name extensions (``".md"``);
    - ``names``: whole file names (``"Makefile"``); ``name_prefixes`` start a
      family of them (``"Dockerfile."`` for ``Dockerfile.dev``);
    - ``interpreters``: programs of a ``#!`` line, for scripts without a suffix;
    - ``precommit_types``: the identify tags of these files, from which the
      pre-commit hook's ``types_or`` is generated.

    How they are read (``"module:function"`` references):

    - ``extractor``: ``extract(text) -> list[Segment]``, the prose of a document
      with a map back to file offsets; for source code (``code`` set), also given
      the ``CodeLanguage`` as ``language``;
    - ``raw_view``: ``raw_view(text) -> str``, the text as the prefilter scans it
      before any parsing, markup that would hide a word blanked out and every
      offset kept (default: the text itself);
    - ``block_finder``: ``blocks(text) -> list[int]``, where independent top-level
      blocks start, so that a large document is parsed only where a candidate
      stands (default: always parsed whole);
    - ``block_context``: ``context(text) -> (block -> str)``, what to append to a
      block so that it parses alone as it does in the document (Markdown's link
      definitions).

    How they comment: ``comment_openers`` are what may stand before a suppression
    directive on its line; with ``bare_directives`` a directive may also start a
    line (plain text has no comment syntax of its own); ``code_examples``,
    ``code_examples(text) -> list[(start, end)]``, finds the code a document shows
    (code blocks, inline code), where a directive is an example and does not count.
    ``identifiers`` says whether ``--identifiers`` finds names to check in the
    format's files.
    """

    name: str
    extractor: str
    suffixes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    name_prefixes: tuple[str, ...] = ()
    interpreters: tuple[str, ...] = ()
    precommit_types: tuple[str, ...] = ()
    raw_view: str | None = None
    block_finder: str | None = None
    block_context: str | None = None
    comment_openers: tuple[str, ...] = SOURCE_COMMENT_OPENERS
    bare_directives: bool = False
    code_examples: str | None = None
    identifiers: bool = False
    code: CodeLanguage | None = None
