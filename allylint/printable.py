"""Text from a repository, made safe to print: file names, rule text, values in errors.

allylint prints what a repository holds (its file names, a team's rule text, the
values of a configuration file) into terminals and CI logs, where a newline
followed by ``::error ...`` starts a GitHub Actions workflow command, an ANSI
escape sequence rewrites the screen, and a name that is not valid UTF-8 cannot
be encoded at all. So every such string is printed through ``escape`` (control
characters, line separators, bidirectional controls and undecodable bytes as
visible escapes), file names through ``file_name`` (ANSI sequences removed too),
and values through ``bounded_repr`` (a YAML alias bomb expands to gigabytes).
"""

from __future__ import annotations

import re
import reprlib
from typing import Any

_ANSI = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[P^_][^\x1b]*(?:\x1b\\)?|[ -~]?)"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
)
# C0 and C1 controls, DEL, line and paragraph separators, bidirectional embeddings,
# overrides and isolates, and the lone surrogates that stand for undecodable bytes.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape(text: str) -> str:
    """``text`` with every character that could break a line or a terminal made visible."""
    if _UNPRINTABLE.search(text) is None:
        return text
    return _UNPRINTABLE.sub(_escaped, text)


def file_name(name: str) -> str:
    """A file name as allylint prints it: ANSI escape sequences removed, then escaped."""
    if _UNPRINTABLE.search(name) is None:
        return name
    return escape(_ANSI.sub("", name))


class _BoundedRepr(reprlib.Repr):
    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxlist = self.maxtuple = self.maxset = self.maxdict = 6
        self.maxstring = 60
        self.maxother = 40

    def repr_int(self, x: int, level: int) -> str:
        # Python refuses to print integers of more than 4,300 digits.
        if x.bit_length() > 128:
            return f"<an integer of {x.bit_length():,} bits>"
        return repr(x)


_REPR = _BoundedRepr()
MAX_REPR = 120


def bounded_repr(value: Any, limit: int = MAX_REPR) -> str:
    """``repr(value)`` cut short: a few items of a few levels, at most ``limit`` characters,
    escaped. Visits a bounded part of the value however large or shared it is."""
    return shortened(_REPR.repr(value), limit)


def shortened(text: str, limit: int = MAX_REPR) -> str:
    """``text`` escaped and cut to at most ``limit`` characters, for a one-line message."""
    text = escape(text[: limit * 4])  # escapes are at most six characters for one
    return text if len(text) <= limit else text[: limit - 3] + "..."
