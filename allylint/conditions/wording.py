"""Word sequences around a place in a sentence, in raw text or in spaCy tokens: what
the mention detector compares with its cue phrases ("instead of", "formerly
known as") and with the alternatives a rule offers.

A sentence is looked for within ``SENTENCE_REACH`` characters either side, so that
a paragraph of one endless sentence costs linear time, not quadratic.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from allylint.conditions.context import token_forms
from allylint.conditions.marks import QUOTES
from allylint.engine.spelling import fold

if TYPE_CHECKING:
    from spacy.tokens import Token

WORD = re.compile(r"[a-z]+(?:\.[a-z]\.)?|->|=>|\u2192|\u21d2")  # words and arrows
_SENTENCE_BREAK = re.compile(r"[.!?](?:\s|$)|\n\s*\n")
SENTENCE_REACH = 1000  # characters either side where a sentence's ends are looked for


def phrase_ends(words: list[str], phrases: frozenset[str]) -> bool:
    return any(
        words[-len(p.split()) :] == p.split() for p in phrases if len(p.split()) <= len(words)
    )


def without_ending(words: list[str], phrases: frozenset[str]) -> list[str]:
    """``words`` without the phrases of ``phrases`` that end them, one after another:
    "wrote" for "wrote to us verbatim", with "to us" and "verbatim" among them."""
    endings = [p.split() for p in phrases]
    while words and (ending := next((e for e in endings if words[-len(e) :] == e), None)):
        words = words[: -len(ending)]
    return words


def phrase_starts(words: list[str], phrases: frozenset[str]) -> bool:
    return any(words[: len(p.split())] == p.split() for p in phrases)


def starts_with_one_of(text: str, words: frozenset[str]) -> bool:
    lowered = text.lstrip(" \t\"'\u201c\u2018*_(").lower()
    return any(
        lowered.startswith(word) and not lowered[len(word) : len(word) + 1].isalnum()
        for word in words
    )


def ends_with_one_of(text: str, words: frozenset[str]) -> bool:
    lowered = text.rstrip(" \t\"'\u201d\u2019*_)").lower()
    return any(
        lowered.endswith(word) and not lowered[-len(word) - 1 : -len(word)].isalnum()
        for word in words
    )


def sentence_start(text: str, start: int) -> int:
    """Where the sentence around ``start`` begins, looked for within SENTENCE_REACH
    characters: a paragraph of one endless sentence costs linear time, not quadratic."""
    low = max(0, start - SENTENCE_REACH)
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, low, start)]
    return breaks[-1] if breaks else low


def words_before_in(text: str, start: int, limit: int) -> list[str]:
    return WORD.findall(text[sentence_start(text, start) : start].lower())[-limit:]


def words_after_in(text: str, end: int, limit: int) -> list[str]:
    high = min(len(text), end + SENTENCE_REACH)
    found = _SENTENCE_BREAK.search(text, end, high)
    return WORD.findall(text[end : found.start() if found else high].lower())[:limit]


def _folded(tokens: list[Token]) -> list[str]:
    return [fold(t.text) for t in tokens if t.text not in QUOTES]


def _forms(tokens: list[Token]) -> list[tuple[str, str]]:
    """Each token's folded text and lemma, quotes aside."""
    return [token_forms(t) for t in tokens if t.text not in QUOTES]


def tokens_end_with(tokens: list[Token], phrases: frozenset[str]) -> bool:
    """Do the tokens end with one of the phrases (quotes aside)?"""
    words = _folded(tokens)
    return any(words[-len(parts) :] == parts for parts in (p.split() for p in phrases))


def tokens_hold(tokens: list[Token], phrases: frozenset[str]) -> bool:
    """Do the tokens hold one of the phrases anywhere (quotes aside)?"""
    words = _folded(tokens)
    return any(
        words[start : start + len(parts)] == parts
        for parts in (p.split() for p in phrases)
        for start in range(len(words))
    )


def tokens_spell(tokens: list[Token], offered: list[str]) -> bool:
    """Do consecutive tokens spell one of the offered alternatives (spaces aside, so
    that "primary/replica" is three tokens and "allow list" two)? A single token
    may also match by its lemma ("allowlists")."""
    words = _forms(tokens)
    for start in range(len(words)):
        if any(form in offered for form in words[start]):
            return True
        spelled = words[start][0]
        for following in words[start + 1 :]:
            if len(spelled) >= max(map(len, offered)):
                break
            spelled += following[0]
            if spelled in offered:
                return True
    return False


def tokens_are(tokens: list[Token], offered: list[str]) -> bool:
    """Do the tokens, all of them and nothing else (quotes aside), spell one of the
    offered alternatives ("flight attendant" as two tokens), or is the one token one
    by its lemma?"""
    words = _forms(tokens)
    if len(words) == 1 and any(form in offered for form in words[0]):
        return True
    return bool(words) and "".join(form for form, _ in words) in offered
