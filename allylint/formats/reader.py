"""Reading a document of a known format: its raw view, its segments.

Each format's functions are those its registry entry names, imported on first
use. An extractor is ``extract(text: str) -> list[Segment]``; source code (an
entry with ``code``) is read by one extractor for every language, which also
gets the entry's ``CodeLanguage`` as ``language``.
"""

from __future__ import annotations

import functools
import importlib
from typing import Any

from allylint.formats.chunks import spans_with
from allylint.formats.model import Extractor
from allylint.formats.registry import format_for_shebang, input_format
from allylint.formats.segments import Segment


@functools.cache
def _load(reference: str) -> Any:
    """The function a ``"module:function"`` reference names, imported on first use."""
    module, _, function = reference.partition(":")
    return getattr(importlib.import_module(module), function)


@functools.cache
def extractor_for(fmt: str) -> Extractor:
    """The ``extract(text)`` function of format ``fmt``."""
    entry = input_format(fmt)
    extract_function = _load(entry.extractor)
    if entry.code is None:
        return extract_function
    return functools.partial(extract_function, language=entry.code)


def raw_view(text: str, fmt: str) -> str:
    """The raw text as the prefilter should scan it before any parsing: markup that
    would hide a word from it is blanked out, every offset kept."""
    view = input_format(fmt).raw_view
    return text if view is None else _load(view)(text)


def code_examples(text: str, fmt: str) -> list[tuple[int, int]]:
    """Sorted spans of ``text`` that show code (code blocks, inline code), where a
    suppression directive is an example, not a directive."""
    finder = input_format(fmt).code_examples
    return [] if finder is None else _load(finder)(text)


# Above this share of the text, parsing the whole document is as cheap.
_WHOLE_DOCUMENT_SHARE = 0.5


def extract_near(text: str, fmt: str, positions: list[int]) -> list[Segment]:
    """Segments of the parts of ``text`` that hold ``positions`` (candidate terms).

    Formats with a block finder (Markdown, reStructuredText, AsciiDoc; see ``chunks``
    and ``asciidoc.blocks``) are parsed block by block, so a large document with a
    few candidates costs a few small parses; other formats, and documents where
    candidates are everywhere, are extracted whole.
    """
    entry = input_format(fmt)
    if entry.block_finder is None or not positions:
        return extract(text, fmt)
    spans = spans_with(_load(entry.block_finder)(text), len(text), positions)
    if sum(end - start for start, end in spans) > _WHOLE_DOCUMENT_SHARE * len(text):
        return extract(text, fmt)
    context = _load(entry.block_context)(text) if entry.block_context else None
    segments = []
    for start, end in spans:
        block = text[start:end]
        # What the block needs goes after it so that its offsets stay as they are.
        needed = context(block) if context is not None else ""
        for segment in extract(block + "\n\n" + needed if needed else block, fmt):
            segments.append(segment.shifted(start))
    return segments


def extract(text: str, fmt: str) -> list[Segment]:
    """Segments of ``text`` in format ``fmt``.

    Plain text that starts with a shebang of a known language is read as that
    language: a script named on the command line without an extension.
    """
    if fmt == "text" and text.startswith(("#!", "\ufeff#!")):
        fmt = format_for_shebang(text.split("\n", 1)[0]) or fmt
    return extractor_for(fmt)(text)
