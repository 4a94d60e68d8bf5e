"""Text segments with offset maps, and line/column lookup.

Extractors turn a file into ``Segment`` objects: the prose to check, with the
markup removed, plus a map from every character of that prose back to its
offset in the file's text. The engine works on segments; findings are mapped
back through the offset map and the file's ``LineIndex``.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from operator import itemgetter

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_RUN_START = itemgetter(0)

Run = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Segment:
    """Prose taken from a file. ``runs`` maps segment offsets to file offsets.

    Each run ``(segment_offset, file_offset)`` says that the characters from
    ``segment_offset`` up to the next run's start come from consecutive file
    characters starting at ``file_offset``; the first run starts at 0. ``context``
    is where the text stands ("paragraph", "title", "comment", ...). Plain data:
    build segments with ``SegmentBuilder``.
    """

    text: str
    runs: tuple[Run, ...]
    context: str = "prose"

    def to_file_offset(self, offset: int) -> int:
        index = bisect_right(self.runs, offset, key=_RUN_START) - 1
        segment_start, file_start = self.runs[max(index, 0)]
        return file_start + offset - segment_start

    def to_file_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open segment span to the half-open file span it came from."""
        return self.to_file_offset(start), self.to_file_offset(end - 1) + 1

    def shifted(self, offset: int) -> Segment:
        """The same segment taken from ``offset`` characters further into the file."""
        return replace(self, runs=tuple((start, at + offset) for start, at in self.runs))


class SegmentBuilder:
    """Appends pieces of file text (or stand-in characters) while recording the map."""

    def __init__(self, context: str = "prose") -> None:
        self.context = context
        self._parts: list[str] = []
        self._runs: list[Run] = []
        self._length = 0
        self._next_file_offset = -1

    def __len__(self) -> int:
        return self._length

    def add(self, text: str, file_offset: int) -> None:
        """Append ``text``, which stands at ``file_offset`` in the file."""
        if not text:
            return
        if file_offset != self._next_file_offset:
            self._runs.append((self._length, file_offset))
        self._parts.append(text)
        self._length += len(text)
        self._next_file_offset = file_offset + len(text)

    def add_separator(self, file_offset: int, separator: str = " ") -> None:
        """Append one stand-in character (a space for a line break or removed markup)."""
        if self._parts and not self._parts[-1].endswith((" ", "\n")):
            self._runs.append((self._length, file_offset))
            self._parts.append(separator)
            self._length += 1
            self._next_file_offset = -1

    def build(self) -> Segment | None:
        text = "".join(self._parts)
        if not text.strip():
            return None
        return Segment(text=text, runs=tuple(self._runs), context=self.context)


def whole_text_segment(text: str, context: str = "prose") -> Segment:
    return Segment(text=text, runs=((0, 0),), context=context)


class LineIndex:
    """Line and column of a file offset, by bisecting a table of line starts.

    Lines break at CRLF, LF or a lone CR. Columns count characters (code
    points) from 1; a tab is one column.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @functools.cached_property
    def line_starts(self) -> list[int]:
        # Built on first use: most files with a candidate have no finding to place.
        return [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        return self.line_starts[line - 1] + column - 1

    def span(self, first: int, last: int) -> tuple[int, int]:
        """The offsets of lines ``first`` to ``last`` (0-based, ``last`` excluded), as
        parsers' line maps give them."""
        starts = self.line_starts
        start = starts[first] if first < len(starts) else len(self.text)
        end = starts[last] if last < len(starts) else len(self.text)
        return start, end

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")
