"""Identifiers of source code, split into words (opt-in, for ``--identifiers``).

``extract_identifiers(text, fmt)`` finds the identifiers of a source file with
its tree-sitter grammar (names of variables, functions, types, fields,
properties, constants, keys) and returns one segment in the context "identifier" per
occurrence, its words split at camelCase and snake_case boundaries
(``whitelistIps`` reads "whitelist Ips", ``MASTER_HOST`` reads "MASTER HOST",
``HTTPServer`` reads "HTTP Server"). Each word maps to its exact offset in the
file; the space between words maps to the boundary (an underscore, or the
first letter of the next word). Formats whose registry entry says they have no
identifiers (prose, and code such as YAML whose names are data) yield none.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from allylint.formats import code
from allylint.formats.model import CodeLanguage
from allylint.formats.registry import input_format
from allylint.formats.segments import Segment, SegmentBuilder

_WORD_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[^\W\dA-Z_]+|\d+")
# Leaf node types that name things, besides those whose type contains "identifier".
_NAME_NODES = frozenset(["constant", "name", "variable_name", "bare_key", "simple_identifier"])
_COMPOSITE_PREFIXES = ("scoped_", "qualified_", "nested_", "stable_")


def split_identifier(name: str, offset: int = 0) -> Segment | None:
    """The words of one identifier as a segment, ``offset`` being its position in the file."""
    builder = SegmentBuilder("identifier")
    for part in _WORD_PART.finditer(name):
        if len(builder):
            builder.add_separator(offset + part.start() - (name[part.start() - 1] == "_"))
        builder.add(part.group(0), offset + part.start())
    return builder.build()


@functools.cache
def _identifier_query(language: CodeLanguage) -> Any:
    grammar = code.grammar_for(language)
    if grammar is None:
        return None
    import tree_sitter

    lang = grammar.parser.language
    kinds = set()
    for kind_id in range(lang.node_kind_count):
        if not (lang.node_kind_is_named(kind_id) and lang.node_kind_is_visible(kind_id)):
            continue
        kind = lang.node_kind_for_id(kind_id)
        if kind is None or kind.startswith(_COMPOSITE_PREFIXES):
            continue
        if kind.endswith("identifier") or kind in _NAME_NODES:
            kinds.add(kind)
    if not kinds:
        return None
    source = "[" + " ".join(f"({kind})" for kind in sorted(kinds)) + "] @name"
    return tree_sitter.Query(lang, source)


def _identifier_spans(text: str, language: CodeLanguage) -> list[tuple[int, int]]:
    query = _identifier_query(language)
    if query is None:  # no grammar: Pygments' names
        from pygments.token import Name

        lexer = code.pygments_lexer(language.pygments)
        return [
            (index, index + len(value))
            for index, token, value in lexer.get_tokens_unprocessed(text)
            if token in Name and token not in Name.Builtin and value.strip()
        ]
    import tree_sitter

    grammar = code.grammar_for(language)
    assert grammar is not None
    data = text.encode("utf-8", errors="surrogatepass")
    tree = grammar.parser.parse(data)
    offsets = code.ByteOffsets(text, data)
    nodes = tree_sitter.QueryCursor(query).captures(tree.root_node).get("name", [])
    spans = {
        (offsets.char(node.start_byte), offsets.char(node.end_byte))
        for node in nodes
        if node.child_count == 0 and node.end_byte - node.start_byte >= 3
    }
    return sorted(spans)


def extract_identifiers(text: str, fmt: str) -> list[Segment]:
    """One "identifier" segment per identifier in ``text``, a source file of format ``fmt``."""
    entry = input_format(fmt)
    if not entry.identifiers or entry.code is None:
        return []
    segments = []
    for start, end in _identifier_spans(text, entry.code):
        name = text[start:end].lstrip("$@")  # PHP and shell variables, Ruby instance variables
        segment = split_identifier(name, end - len(name))
        if segment is not None:
            segments.append(segment)
    return segments
