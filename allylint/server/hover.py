"""Hover: on a finding, why it matters, what to write instead and what to read."""

from __future__ import annotations

from lsprotocol import types

from allylint.server.diagnostics import Checked, text_range


def hover(checked: Checked, position: types.Position) -> types.Hover | None:
    offset = checked.positions.offset(position.line, position.character)
    for found in checked.result.findings:
        if found.start <= offset < found.end:
            description = checked.result.descriptions[found.description]
            return types.Hover(
                contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=description),
                range=text_range(checked.positions, found.start, found.end),
            )
    return None
