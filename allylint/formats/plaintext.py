"""Plain text: the whole file is prose."""

from __future__ import annotations

from allylint.formats.segments import Segment, whole_text_segment


def extract(text: str) -> list[Segment]:
    return [whole_text_segment(text)]
