"""Offsets into a document's text, and the line/character positions of LSP.

allylint counts in characters (code points) from the start of the text; LSP
counts lines from 0 and characters within a line in code units of the position
encoding agreed at ``initialize``: UTF-16 unless the client offers UTF-8 or
UTF-32. An emoji before a finding is one character to allylint, two UTF-16
units and four UTF-8 units to the editor. Lines break at CRLF, LF or a lone CR,
as in LSP and in allylint's own line index.
"""

from __future__ import annotations

import re
from bisect import bisect_right

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Characters outside the Basic Multilingual Plane take two UTF-16 code units.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _units(text: str, encoding: str) -> int:
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == UTF16:
        return len(text) + len(_ASTRAL.findall(text))
    return len(text)


class PositionMap:
    """Converts between offsets into ``text`` and (line, character) in ``encoding``."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        # Where every character is one code unit, offsets and units agree.
        self._one_unit_per_character = encoding == UTF32 or (
            text.isascii() if encoding == UTF8 else _ASTRAL.search(text) is None
        )

    def line_of(self, offset: int) -> int:
        """The 0-based line that holds ``offset``."""
        return bisect_right(self.line_starts, max(0, min(offset, len(self.text)))) - 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Where ``line``'s text starts and ends (before its line break)."""
        start = self.line_starts[line]
        if line + 1 >= len(self.line_starts):
            return start, len(self.text)
        end = self.line_starts[line + 1]
        return start, end - (2 if self.text.startswith("\r\n", end - 2) else 1)

    def line_text(self, line: int) -> str:
        start, end = self.line_span(line)
        return self.text[start:end]

    def position(self, offset: int) -> tuple[int, int]:
        """The 0-based line and the character, in code units, of ``offset``."""
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        start = self.line_starts[line]
        if self._one_unit_per_character:
            return line, offset - start
        return line, _units(self.text[start:offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The offset of a position; past the end of a line means its end (as LSP says),
        and a position inside a character's code units means that character's start."""
        if line < 0:
            return 0
        if line >= len(self.line_starts):
            return len(self.text)
        start, end = self.line_span(line)
        if self._one_unit_per_character:
            return start + max(0, min(character, end - start))
        counted = 0
        for index in range(start, end):
            counted += _units(self.text[index], self.encoding)
            if counted > character:
                return index
        return end
