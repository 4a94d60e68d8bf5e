"""How text is compared with the words of rules: one fold and one joiner.

The prefilter, the rule conditions and the fixer all compare text with rule
words. They share two definitions:

- the **fold**: lowercase, with typographic variants written plainly (curly
  apostrophes, typographic and soft hyphens, non-breaking spaces), one
  character for one, so that offsets in folded text are offsets in the text;
- the **joiner**: what may stand between the words of a term in folded text,
  white space (a line break too) or a hyphen: "man hours", "man-hours",
  "man\u2011hours".
"""

from __future__ import annotations

import re

# Typographic variants and their plain forms; each is one character for one.
_FOLD_PAIRS = (
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u02bc", "'"),
    ("\u2010", "-"),
    ("\u2011", "-"),
    ("\u00ad", "-"),
    ("\u00a0", " "),
    ("\u202f", " "),
)

# One joiner character, in folded text.
JOINER_CLASS = r"[\s\-]"
_JOINERS = re.compile(JOINER_CLASS + "+")


def fold_typography(text: str) -> str:
    """Typographic variants written plainly, one character for one; case is kept.

    A str.replace pass per variant: str.translate looks up every character of a
    non-ASCII text and is several times slower on documents."""
    if text.isascii():
        return text
    for variant, plain in _FOLD_PAIRS:
        if variant in text:
            text = text.replace(variant, plain)
    return text


def fold(text: str) -> str:
    """``text`` lowercased with typographic variants folded, every offset kept in place."""
    if text.isascii():  # the common case: nothing to fold, and lower() keeps lengths
        return text.lower()
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lowercase to two code points
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return fold_typography(lowered)


def without_joiners(text: str) -> str:
    """Typographic variants folded and joiners taken out, case kept: "Man-Hours" -> ManHours."""
    return _JOINERS.sub("", fold_typography(text))


def joined_key(text: str) -> str:
    """Folded, with the joiners taken out: "Man-Hours" and "man hours" are "manhours"."""
    return _JOINERS.sub("", fold(text))


def split_at_joiners(text: str) -> tuple[list[str], list[str]]:
    """The words of ``text`` and the joiners between them: "white-listed" ->
    [white, listed], [-]. The pieces are cut from ``text`` as written."""
    words, joiners, position = [], [], 0
    for joiner in _JOINERS.finditer(fold_typography(text)):
        words.append(text[position : joiner.start()])
        joiners.append(text[joiner.start() : joiner.end()])
        position = joiner.end()
    words.append(text[position:])
    return words, joiners


def is_joiner(text: str) -> bool:
    """Is ``text`` (a token, say) made of joiners only?"""
    return bool(text) and _JOINERS.fullmatch(fold_typography(text)) is not None
