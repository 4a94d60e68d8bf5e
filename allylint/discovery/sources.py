"""Reading files: decoding, binary detection and size limits, with notices not crashes."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 64 * 1024 * 1024
_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class SourceText:
    """A decoded file. ``text`` excludes any byte-order mark; offsets count from there."""

    path: str
    text: str
    encoding: str
    bom: bool


@dataclass(frozen=True)
class Notice:
    """Something the user should know about a file that was skipped or read imperfectly."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def is_binary(data: bytes) -> bool:
    return b"\x00" in data[:_SNIFF_BYTES]


def decode(data: bytes, path: str) -> tuple[SourceText, Notice | None]:
    """Decode UTF-8 (with or without BOM); other bytes are read as Latin-1, with a notice.

    Latin-1 maps every byte to one character and back, so a file in another
    ASCII-compatible encoding is still checked and a fix rewrites only the
    matched words, leaving every other byte as it was.
    """
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    try:
        return SourceText(path, body.decode("utf-8"), "utf-8", bom), None
    except UnicodeDecodeError as error:
        notice = Notice(path, f"not valid UTF-8 (byte {error.start}); read as Latin-1")
        return SourceText(path, body.decode("latin-1"), "latin-1", bom), notice


def encode(source: SourceText, text: str) -> bytes:
    """The bytes of ``text`` in the source's encoding, with its BOM if it had one."""
    data = text.encode(source.encoding)
    return codecs.BOM_UTF8 + data if source.bom else data


def read_bytes(
    path: Path, display: str, max_bytes: int = MAX_FILE_BYTES
) -> tuple[bytes | None, Notice | None]:
    """A file's bytes, or a notice saying why it was skipped (too big, unreadable, binary)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, Notice(
                display, f"skipped: {size:,} bytes is over the {max_bytes:,}-byte limit"
            )
        data = path.read_bytes()
    except OSError as error:
        return None, Notice(display, f"skipped: cannot read ({error.strerror or error})")
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
