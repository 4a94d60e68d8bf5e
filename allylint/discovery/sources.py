"""Reading files: decoding, binary detection and size limits, with notices not crashes.

Only regular files are read (a FIFO or a device is skipped with a notice), up to
``MAX_FILE_BYTES``. A byte-order mark says the encoding (UTF-8, UTF-16 or UTF-32);
without one a file is UTF-8, or else read as Latin-1, which keeps every byte but
is a guess: such a file is fixed only where no multibyte character can be broken.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from allylint.fileio import FileRefused, error_reason, read_file

MAX_FILE_BYTES = 64 * 1024 * 1024
_SNIFF_BYTES = 8192
LATIN_1 = "latin-1"
# UTF-32's little-endian mark starts with UTF-16's, so it is tried first.
_BOMS = (
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("utf-32-be", codecs.BOM_UTF32_BE),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
)
_BOM_OF = dict(_BOMS)


@dataclass(frozen=True)
class SourceText:
    """A decoded file. ``text`` excludes any byte-order mark; offsets count from there."""

    path: str
    text: str
    encoding: str
    bom: bool


@dataclass(frozen=True)
class Notice:
    """Something the user should know about a file that was skipped or read imperfectly.

    ``unread`` says that something which should have been checked could not be read
    (no permission, an I/O error): the run then fails, as it would on a finding, since
    a clean result would say more than was checked."""

    path: str
    message: str
    unread: bool = False

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _wide_bom(data: bytes) -> bool:
    """Starts with a UTF-16 or UTF-32 byte-order mark (whose text holds zero bytes)."""
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE))


def is_binary(data: bytes) -> bool:
    return b"\x00" in data[:_SNIFF_BYTES] and not _wide_bom(data)


def decode(data: bytes, path: str) -> tuple[SourceText, Notice | None]:
    """Decode by the byte-order mark, else as UTF-8; other bytes are read as Latin-1,
    with a notice.

    Latin-1 maps every byte to one character and back, so a file in another
    ASCII-compatible encoding is still checked and a fix rewrites only the
    matched words, leaving every other byte as it was (see ``can_edit``).
    """
    for encoding, mark in _BOMS:
        if data.startswith(mark):
            try:
                return SourceText(path, data[len(mark) :].decode(encoding), encoding, True), None
            except UnicodeDecodeError as error:
                if encoding != "utf-8":
                    offset = error.start + len(mark)
                    notice = Notice(
                        path,
                        f"starts with a {encoding.upper()} byte-order mark but is not valid "
                        f"{encoding.upper()} (byte {offset}); read as Latin-1",
                    )
                    return SourceText(path, data.decode(LATIN_1), LATIN_1, False), notice
            break
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    try:
        return SourceText(path, body.decode("utf-8"), "utf-8", bom), None
    except UnicodeDecodeError as error:
        notice = Notice(path, f"not valid UTF-8 (byte {error.start}); read as Latin-1")
        return SourceText(path, body.decode(LATIN_1), LATIN_1, bom), notice


def encode(source: SourceText, text: str) -> bytes:
    """The bytes of ``text`` in the source's encoding, with its BOM if it had one."""
    data = text.encode(source.encoding)
    return _BOM_OF.get(source.encoding, codecs.BOM_UTF8) + data if source.bom else data


def can_edit(source: SourceText, start: int, end: int) -> bool:
    """Can ``source.text[start:end]`` be replaced with ASCII without breaking a character?

    Always in a file of known encoding. A file read as Latin-1 may really be in
    Shift-JIS, GBK or Big5, whose two-byte characters can end in an ASCII letter;
    that letter always follows a byte above 127, so an edit whose span and the
    character before it are ASCII stands on whole characters in every such
    encoding."""
    if source.encoding != LATIN_1:
        return True
    return source.text[max(0, start - 1) : end].isascii()


def read_bytes(
    path: Path, display: str, max_bytes: int = MAX_FILE_BYTES
) -> tuple[bytes | None, Notice | None]:
    """A file's bytes, or a notice saying why it was skipped (not a regular file, too
    big, unreadable, binary)."""
    try:
        data = read_file(path, max_bytes)
    except FileRefused as error:  # says what the file is: a FIFO, too big
        return None, Notice(display, f"skipped: {error.reason}")
    except OSError as error:
        return None, Notice(display, f"skipped: cannot read ({error_reason(error)})", unread=True)
    if is_binary(data):
        return None, Notice(display, "skipped: binary file")
    return data, None


def read_source(
    path: Path, display: str, max_bytes: int = MAX_FILE_BYTES
) -> tuple[SourceText | None, Notice | None]:
    """Read and decode a file, or say why it was skipped."""
    data, notice = read_bytes(path, display, max_bytes)
    if data is None:
        return None, notice
    return decode(data, display)
