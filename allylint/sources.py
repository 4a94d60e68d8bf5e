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
    """Decode UTF-8 (with or without BOM); invalid bytes become U+FFFD with a notice."""
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    try:
        return SourceText(path, body.decode("utf-8"), "utf-8", bom), None
    except UnicodeDecodeError as error:
        notice = Notice(
            path,
            f"not valid UTF-8 (byte {error.start}); "
            "undecodable bytes were replaced before checking",
        )
        return SourceText(path, body.decode("utf-8", errors="replace"), "utf-8", bom), notice


def read_source(
    path: Path, display: str, max_bytes: int = MAX_FILE_BYTES
) -> tuple[SourceText | None, Notice | None]:
    """Read and decode a file, or say why it was skipped."""
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
    return decode(data, display)
