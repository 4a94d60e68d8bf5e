"""Source extractors: one small module per format, each turning text into segments.

An extractor is a function ``extract(text: str) -> list[Segment]``. Formats are
chosen by file name; ``format_for`` returns None for files of no known format,
which directory scans skip and explicitly named files check as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from allylint.extractors import markdown, plaintext
from allylint.segments import Segment

Extractor = Callable[[str], list[Segment]]

EXTRACTORS: dict[str, Extractor] = {
    "markdown": markdown.extract,
    "text": plaintext.extract,
}

_SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".mdx": "markdown",
    ".txt": "text",
    ".text": "text",
    # reStructuredText is read as plain text until it has an extractor of its own.
    ".rst": "text",
    ".rest": "text",
}
_NAMES = {"commit_editmsg": "text", "merge_msg": "text", "tag_editmsg": "text"}


def format_for(path: str | PurePath) -> str | None:
    """The format of a file by its name, or None when allylint does not know it."""
    pure = PurePath(path)
    return _SUFFIXES.get(pure.suffix.lower()) or _NAMES.get(pure.name.lower())


def extract(text: str, fmt: str) -> list[Segment]:
    return EXTRACTORS[fmt](text)
