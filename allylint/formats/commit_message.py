"""Commit messages, as git hands them to a ``commit-msg`` hook (``.git/COMMIT_EDITMSG``).

Checked: the subject and body, one segment per paragraph (the subject in the
context "title", the rest "paragraph"). Not checked: ``#`` comment lines that git adds
(and strips), everything from the scissors line
(``# ------------------------ >8 ------------------------``) on, and the diff
that ``git commit -v`` appends (from the first ``diff --git`` line on).
Trailers such as ``Signed-off-by:`` are checked like the rest of the body.
"""

from __future__ import annotations

import re

from allylint.formats.segments import Segment, SegmentBuilder

_SCISSORS = re.compile(r"^# -+ >8 -+\s*$")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


def extract(text: str) -> list[Segment]:
    segments: list[Segment] = []
    builder = SegmentBuilder("title")
    for match in _LINE.finditer(text):
        raw = match.group(0)
        if not raw:
            break
        line = raw.rstrip("\r\n")
        if _SCISSORS.match(line) or line.startswith("diff --git "):
            break
        if line.startswith("#"):
            continue
        content = line.strip()
        if not content:
            segment = builder.build()
            if segment is not None:
                segments.append(segment)
                builder = SegmentBuilder("paragraph")
            continue
        start = match.start() + line.index(content[0])
        if len(builder):
            builder.add_separator(start - 1)
        builder.add(content, start)
    segment = builder.build()
    if segment is not None:
        segments.append(segment)
    return segments
