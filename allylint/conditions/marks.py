"""Quotation marks and emphasis around words: how a text marks a word it talks about.

Shared by the mention detector (``mentions``) and the engine, which counts the
terms of a sentence that stand quoted on their own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from allylint.conditions import lexicons

if TYPE_CHECKING:
    from allylint.conditions.context import MatchContext

# The most words besides the term a quotation may hold and still name it
# ('"young blood wanted"').
_QUOTED_PHRASE_WORDS = 3
# Quotation marks and the mark that closes each.
QUOTES = {'"': '"', "\u201c": "\u201d", "'": "'", "\u2018": "\u2019"}
CLOSING_QUOTES = "\"\u201d\u2019'"
OPENING_QUOTES = "\"\u201c\u2018'"
_MARKED_REACH = 60  # characters of words a quotation or emphasis may hold around a term
# Emphasis in the file around the words: Markdown, reStructuredText and AsciiDoc
# asterisks and underscores, and HTML's elements for emphasis, terms and quotations.
_EMPHASIS_OPENING = re.compile(
    r"(?:\*{1,2}|_{1,2}|<(?:em|i|b|strong|dfn|q|cite)(?:\s[^<>]*)?>)$", re.IGNORECASE
)
_EMPHASIS_CLOSING = re.compile(r"\*{1,2}|_{1,2}|</(?:em|i|b|strong|dfn|q|cite)>", re.IGNORECASE)


def _inside_marks(char: str) -> bool:
    """May the character stand inside a quotation or emphasis around a few words?"""
    return char.isalnum() or char in " ,/'\u2019-"


def emphasis_bounds(ctx: MatchContext) -> tuple[int, int] | None:
    """Where, in the file, the emphasis that encloses the terms (``*crazy*``,
    ``<em>crazy</em>``, with at most a few more words beside them) opens and closes,
    its marks included; None when no emphasis encloses them."""
    source, start, end = ctx.source, ctx.file_start, ctx.file_end
    if start < 0 or not source:
        return None
    low, high = max(0, start - _MARKED_REACH), min(len(source), end + _MARKED_REACH)
    while start > low and _inside_marks(source[start - 1]):
        start -= 1
    while end < high and _inside_marks(source[end]):
        end += 1
    # Emphasis hugs its words ("*crazy*"); a comment's "/* the whitelist */" does not.
    if source[start : start + 1].isspace() or source[end - 1 : end].isspace():
        return None
    opening = _EMPHASIS_OPENING.search(source[low:start])
    closing = _EMPHASIS_CLOSING.match(source, end)
    if opening is None or closing is None:
        return None
    return low + opening.start(), closing.end()


def italic_title(ctx: MatchContext) -> bool:
    """Is the term inside italics that hold a title in capitals, as the name of a
    work is set (``*Going Postal*``, ``<cite>Hillbilly Elegy</cite>``)? Bold is
    stress or a label, not a title."""
    bounds = emphasis_bounds(ctx)
    if bounds is None:
        return False
    marked = ctx.source[bounds[0] : bounds[1]]
    inner = _ITALIC.fullmatch(marked)
    if inner is None:
        return False
    title = inner.group(1) or inner.group(2) or inner.group(4)
    words = [word for word in title.split() if word[:1].isalpha()]
    return len(words) >= 2 and all(word[0].isupper() for word in words if len(word) > 3)


# Italics around words: one asterisk or underscore, or an <em>, <i> or <cite> element.
_ITALIC = re.compile(
    r"\*(?!\*)(.+?)\*|_(?!_)(.+?)_|<(em|i|cite)(?:\s[^<>]*)?>(.+?)</\3>", re.S | re.I
)


def emphasized(ctx: MatchContext) -> bool:
    """Does emphasis in the file (``*crazy*``, ``<em>crazy</em>``) enclose the terms,
    with at most a few more words beside them?"""
    return emphasis_bounds(ctx) is not None


def quoted_passage(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The bounds of a short quoted passage of words around text[start:end] ('"The
    cache crippled throughput"'), inside its quotation marks; else None."""
    low = max(0, start - _MARKED_REACH)
    opening = start
    while opening > low and text[opening - 1] not in QUOTES and text[opening - 1] not in ".!?":
        opening -= 1
    if opening == low or text[opening - 1] not in QUOTES:
        return None
    closing_mark = QUOTES[text[opening - 1]]
    closing = text.find(closing_mark, end, end + _MARKED_REACH)
    if closing < 0 or any(mark in text[opening:start] for mark in CLOSING_QUOTES if mark != "'"):
        return None
    return opening, closing


def _in_quoted_word(char: str) -> bool:
    return char.isalnum() or char in "/-"


def quoted_alone(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The quotation marks around text[start:end] when they enclose the term alone,
    with a slashed pair ("whitelist", "white/black-list") or in a short phrase of a
    few more words ("young blood wanted"); else None."""
    while start > 0 and _in_quoted_word(text[start - 1]):
        start -= 1
    while end < len(text) and _in_quoted_word(text[end]):
        end += 1
    start = _phrase_opening(text, start, end)
    if start == 0 or end >= len(text):
        return None
    opening = text[start - 1]
    closing = QUOTES.get(opening)
    if closing is None:
        return None
    if opening == "'" and start > 1 and text[start - 2].isalnum():
        return None  # an apostrophe inside a word ("users'") opens nothing
    if text[end] == closing:
        return start, end
    # A short phrase: the closing mark within a few words, on the same line.
    close = text.find(closing, end)
    phrase = text[end:close]
    if close == -1 or "\n" in phrase or any(mark in phrase for mark in ".;:!?"):
        return None
    if len(phrase.split()) > _QUOTED_PHRASE_WORDS or opening in phrase:
        return None
    if closing == "'" and close + 1 < len(text) and text[close + 1].isalnum():
        return None  # an apostrophe ("doesn't"), not a closing mark
    return start, close


def _phrase_opening(text: str, start: int, end: int) -> int:
    """Where a double-quoted compound that the term ends opens ('"grammar nazi"
    joke'): one word back, in lowercase (a capital makes it a label, as on the "New
    slave" page), not a determiner ('"the whitelist"' is a phrase of a sentence),
    with the closing mark right after the term; else ``start``. (Single quotes are
    left out: an apostrophe is one too.)"""
    if text[start - 1 : start] in QUOTES or text[end : end + 1] not in ('"', "\u201d"):
        return start
    low = max(0, start - _MARKED_REACH)
    word = _WORD_AFTER_MARK.search(text, low, start)
    if (
        word is None
        or not word.group(1).islower()
        or word.group(1) in lexicons.words("mention-determiners")
    ):
        return start
    return word.start(1)


# A word right after an opening double quotation mark, then the blank before the term.
_WORD_AFTER_MARK = re.compile(r"[\"\u201c]([^\W\d_]+(?:-[^\W\d_]+)*)[ \t]+$")


# What may open a line before a glossary entry: indentation, a bullet or a number.
_LINE_OPENING = re.compile(r"[ \t]*(?:[-*+\u2022]|\d+[.)])?[ \t]*")
# What follows the entry: an arrow, a colon or a dash, then its gloss.
_ENTRY_SEPARATOR = re.compile(r"[ \t]*(?:->|=>|\u2192|\u21d2|\u27f6|:|\u2014|\u2013|-(?=\s))")
# Words joined by hyphens or underscores, in lowercase: a name a program defines.
_IDENTIFIER = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)+")
# What follows such a name in a reference: its arguments in code, then its gloss.
_ENTRY_ARGUMENTS = re.compile(r"[ \t]*`[^`\n]*`[ \t]*(?:--|->|:|\u2014|\u2013|-(?=\s))")
_EMPHASIS_MARKS = re.compile(r"^(?:\*{1,2}|_{1,2}|<[^<>]*>)|(?:\*{1,2}|_{1,2}|</[^<>]*>)$")
_ENTRY_REACH = 40  # characters looked back for the start of an entry's line


def emphasized_entry(source: str, opening: int, closing: int) -> bool:
    """Emphasized words that open a line or list item and that an arrow, a colon or
    a dash follows are an entry of a glossary or a list of replacements: "- **old
    fogey, old fart** → long-time users", "**Transgendered**: transgender"."""
    line_start = source.rfind("\n", max(0, opening - _ENTRY_REACH), opening) + 1
    before = source[line_start:opening].rstrip()
    # At the start of its line, or of a sentence or clause: "...; **lady developer,
    # male nurse** -> the job title alone".
    if not (_LINE_OPENING.fullmatch(before) or before.endswith((".", ";"))):
        return False
    if _ENTRY_SEPARATOR.match(source, closing) is not None:
        return True
    # An entry of a reference that names an identifier: "* **no-good-slave**
    # `<instance details>` -- There is no good replica".
    marked = _EMPHASIS_MARKS.sub("", source[opening:closing])
    return (
        _LINE_OPENING.fullmatch(before) is not None
        and _IDENTIFIER.fullmatch(marked) is not None
        and _ENTRY_ARGUMENTS.match(source, closing) is not None
    )
