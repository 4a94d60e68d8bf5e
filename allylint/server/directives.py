"""Suppression directives as text edits, in the comment syntax of each kind of file.

- Markdown and HTML: ``<!-- allylint: disable-line RULE -->`` at the end of the
  finding's line (an HTML comment is invisible inline, and a line of its own
  would end a Markdown paragraph), before trailing spaces or a backslash, which
  make a hard line break there;
- code: ``# allylint: disable-line RULE`` (or ``//``, ``--``) at the end of the
  line, inside the comment that holds the finding; nothing on a line continued
  with a backslash, where a comment would swallow the next line;
- Python docstrings, which a comment cannot enter: ``# allylint: disable RULE``
  before the docstring and ``# allylint: enable RULE`` after it;
- reStructuredText, whose comments must stand apart from a paragraph: a
  ``.. allylint: disable RULE`` / ``enable`` pair around the paragraph;
- plain text: ``allylint: disable-next-line RULE`` on a line before; commit
  messages: the same as a ``#`` line, which git strips; AsciiDoc: the same as a
  ``//`` line comment, at the start of the line as AsciiDoc wants it (a paragraph
  goes on around it).
"""

from __future__ import annotations

import re

from allylint.server.positions import UTF32, PositionMap
from allylint.server.results import QuickFix, Replacement

# Where a directive goes, by the kind of file.
HTML, RST, ASCIIDOC, TEXT, COMMIT, CODE = "html", "rst", "asciidoc", "text", "commit", "code"
_TRAILING = re.compile(r"[ \t]*\\?[ \t]*$")


def _indentation(line_text: str) -> str:
    return line_text[: len(line_text) - len(line_text.lstrip(" \t"))]


class _Lines:
    def __init__(self, text: str) -> None:
        self.text = text
        self.map = PositionMap(text, UTF32)

    def newline(self, line: int) -> str:
        """The line break after ``line``, or the document's first one, or LF."""
        starts = self.map.line_starts
        end = starts[line + 1] if line + 1 < len(starts) else starts[1] if len(starts) > 1 else 0
        if end == 0:
            return "\n"
        return "\r\n" if self.text.startswith("\r\n", end - 2) else self.text[end - 1 : end]

    def before(self, line: int, directive: str) -> Replacement:
        """``directive`` on a line of its own before ``line``."""
        start = self.map.line_starts[line]
        return Replacement(start, start, directive + self.newline(line))

    def after(self, line: int, directive: str) -> Replacement:
        """``directive`` on a line of its own after ``line`` (adding the line break a
        document's last line may lack)."""
        starts = self.map.line_starts
        newline = self.newline(line)
        if line + 1 < len(starts):
            return Replacement(starts[line + 1], starts[line + 1], directive + newline)
        return Replacement(len(self.text), len(self.text), newline + directive + newline)

    def at_end(self, line: int, directive: str) -> Replacement:
        start, _ = self.map.line_span(line)
        trailing = _TRAILING.search(self.map.line_text(line))
        position = start + (trailing.start() if trailing else 0)
        return Replacement(position, position, directive)

    def paragraph(self, line: int) -> tuple[int, int]:
        """The first and last line of the block of non-blank lines around ``line``."""
        first, last = line, line
        while first > 0 and self.map.line_text(first - 1).strip():
            first -= 1
        while last + 1 < len(self.map.line_starts) and self.map.line_text(last + 1).strip():
            last += 1
        return first, last


def suppression_fix(
    text: str,
    kind: str,
    rule_id: str,
    start: int,
    line_comment: str = "#",
    docstring: tuple[int, int] | None = None,
) -> QuickFix | None:
    """The edit that suppresses the finding of ``rule_id`` at offset ``start``.

    ``kind`` is HTML, RST, ASCIIDOC, TEXT, COMMIT or CODE; for code,
    ``line_comment`` is the language's end-of-line comment marker, and
    ``docstring`` the offsets of the opening and closing quotes when the finding
    stands in a docstring.
    """
    lines = _Lines(text)
    line = lines.map.line_of(start)
    indent = _indentation(lines.map.line_text(line))
    if kind == HTML:
        edit = lines.at_end(line, f" <!-- allylint: disable-line {rule_id} -->")
        return QuickFix(f"Suppress {rule_id} on this line", (edit,))
    if kind == RST:
        first, last = lines.paragraph(line)
        indent = _indentation(lines.map.line_text(first))
        newline = lines.newline(first)
        opening = lines.before(first, f"{indent}.. allylint: disable {rule_id}{newline}")
        closing = lines.after(last, f"{newline}{indent}.. allylint: enable {rule_id}")
        return QuickFix(f"Suppress {rule_id} in this paragraph", (opening, closing))
    if kind == ASCIIDOC:
        edit = lines.before(line, f"// allylint: disable-next-line {rule_id}")
        return QuickFix(f"Suppress {rule_id} on this line", (edit,))
    if kind in (TEXT, COMMIT):
        marker = "# " if kind == COMMIT else ""
        edit = lines.before(line, f"{indent}{marker}allylint: disable-next-line {rule_id}")
        return QuickFix(f"Suppress {rule_id} on this line", (edit,))
    if kind != CODE:
        return None
    if docstring is not None:
        first, last = (lines.map.line_of(offset) for offset in docstring)
        indent = _indentation(lines.map.line_text(first))
        opening = lines.before(first, f"{indent}{line_comment} allylint: disable {rule_id}")
        closing = lines.after(last, f"{indent}{line_comment} allylint: enable {rule_id}")
        return QuickFix(f"Suppress {rule_id} in this docstring", (opening, closing))
    if lines.map.line_text(line).rstrip().endswith("\\"):
        return None
    edit = lines.at_end(line, f"  {line_comment} allylint: disable-line {rule_id}")
    return QuickFix(f"Suppress {rule_id} on this line", (edit,))
