"""The ``mention`` condition: is a term talked about rather than used?

Named as a word ("the word crazy", also as an item of a list: "words such as lame
and dumb", "words like hick, white trash or yokel", "names hick and yokel as words
to avoid"), given as a former name ("formerly called slave"), named as a setting
being renamed ("rename the whitelist option"), renamed in place ("Rename the hobo
allocator", "Replace crazy wording"), or quoted, alone or in a short phrase, with
a cue around it: another quoted word beside it ("master", "slave"), a verb of
renaming, avoiding or removing before it ('rename "whitelist" to ...'), a
setting's name or a kind of phrase after it (the "blacklist" option, the "OK
boomer" slogan), "word" after it ('"insane" was the word'), or a paragraph about
wording. A quoted word with no cue is usually scare quotes ('a "dumb" server'):
still a use. The cue words come from the lexicons in
``rules/lexicons/mentions.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from allylint.conditions import lexicons
from allylint.conditions.context import (
    MatchContext,
    is_word,
    token_forms,
    words_after,
    words_before,
)
from allylint.engine.spelling import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Quotation marks and the mark that closes each.
_QUOTES = {'"': '"', "\u201c": "\u201d", "'": "'", "\u2018": "\u2019"}
_CLOSING_QUOTES = "\"\u201d\u2019'"
_OPENING_QUOTES = "\"\u201c\u2018'"
_WORD = re.compile(r"[a-z]+")
_REACH = 40  # characters either side of the quoted word where cues are looked for
_MARKS = frozenset([*_QUOTES, *_CLOSING_QUOTES, "*", "_"])  # skipped around named words
_LIST_ITEM_WORDS = 3  # the longest list item walked over ("white trash", "old fogey")
_LIST_ITEMS = 6  # the most list items walked over
# The most words besides the term a quotation may hold and still name it
# ('"young blood wanted"').
_QUOTED_PHRASE_WORDS = 3


@dataclass(frozen=True)
class MentionCues:
    """The words around a term that make it a mention, from the lexicons."""

    nouns: frozenset[str] = lexicons.from_lexicons("mention-nouns")
    determiners: frozenset[str] = lexicons.from_lexicons("mention-determiners")
    links: frozenset[str] = lexicons.from_lexicons("mention-links")
    cues_before: frozenset[str] = lexicons.from_lexicons("mention-cues-before")
    named_things_after: frozenset[str] = lexicons.from_lexicons("named-things-after")
    between_quoted_words: frozenset[str] = lexicons.from_lexicons("between-quoted-words")
    list_joiners: frozenset[str] = lexicons.from_lexicons("mention-list-joiners")
    former_names: frozenset[str] = lexicons.from_lexicons("former-name-cues")
    alternative_cues_before: frozenset[str] = lexicons.from_lexicons("alternative-cues-before")
    change_verbs: frozenset[str] = lexicons.from_lexicons("change-verbs")
    alternative_joiners: frozenset[str] = lexicons.from_lexicons("alternative-joiners")
    avoid_cues: frozenset[str] = lexicons.from_lexicons("avoid-cues")
    wording_nouns: frozenset[str] = lexicons.from_lexicons("wording-nouns")
    renaming_verbs: frozenset[str] = lexicons.from_lexicons("renaming-verbs")

    def offers_alternative(self, ctx: MatchContext) -> bool:
        """The sentence gives what to write instead of the term, beside it: "use
        allowlist, not whitelist", "chair rather than chairman", "rename master to
        main", "replace whitelist with allowlist", "avoid chairman; write chair"."""
        offered = [fold("".join(a.split())) for a in ctx.alternatives if len(a.split()) <= 3]
        if not offered:
            return False
        span = ctx.span
        before = [t for t in ctx.sent if t.i < span.start and is_word(t)]
        after = [t for t in ctx.sent if t.i >= span.end and is_word(t)]
        cue_end = len(before)
        while cue_end and fold(before[cue_end - 1].text) in self.determiners:
            cue_end -= 1  # "over the master"
        if _ends_with(before[:cue_end], self.alternative_cues_before) and _names(before, offered):
            return True
        if any(word in self.change_verbs for t in before[-4:] for word in token_forms(t)):
            for index, token in enumerate(after):
                if fold(token.text) in self.alternative_joiners and _names(
                    after[index + 1 :], offered
                ):
                    return True
        return _holds(before[-4:], self.avoid_cues) and _names(before + after, offered)

    @functools.cached_property
    def _former_name_phrases(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(phrase.split()) for phrase in self.former_names)

    def given_as_former_name(self, span: Span) -> bool:
        """ "formerly called slave", "primary (also known as master)"."""
        longest = max(len(phrase) for phrase in self._former_name_phrases)
        words = tuple(
            fold(t.text) for t in words_before(span, longest + 1) if t.text not in _QUOTES
        )
        return any(words[len(words) - len(p) :] == p for p in self._former_name_phrases)

    @functools.cached_property
    def _beside(self) -> str:
        """Another quoted word right before or after the quoted one, with a word that
        pairs them: '"master", "slave"', '"X" to "Y"', '"Y" instead of "X"'."""
        between = sorted(self.between_quoted_words, key=lambda word: (-len(word), word))
        return r"[\s,;/]*(?:(?:" + "|".join(re.escape(word) for word in between) + r")\s*)?"

    @functools.cached_property
    def quoted_before(self) -> re.Pattern[str]:
        return re.compile(f"[{_CLOSING_QUOTES}]" + self._beside + "$")

    @functools.cached_property
    def quoted_after(self) -> re.Pattern[str]:
        return re.compile(self._beside + f"[{_OPENING_QUOTES}]" + r"\w")

    def renamed_setting(self, span: Span) -> bool:
        """The name of a setting or a thing being renamed or dropped, quoted or not:
        "Rename the peanut-gallery channel", "deprecate the whitelist option"."""
        before = [fold(t.text) for t in words_before(span, 2)]
        if before and before[-1] in self.determiners:
            before.pop()
        after = words_after(span, 1)
        return (
            bool(before)
            and before[-1] in self.cues_before
            and bool(after)
            and fold(after[0].text) in self.named_things_after
        )

    def _before_list_item(self, words: list[str]) -> list[str]:
        """``words`` (nearest last, ending with a list joiner) without the joiners and
        the list item before them, of up to a few words: for "words like hick, white
        trash or" that is "words like hick,"."""
        while words and words[-1] in self.list_joiners:
            words = words[:-1]
        stops = self.list_joiners | self.links | self.nouns
        for _ in range(_LIST_ITEM_WORDS):
            if not words or words[-1] in stops:
                break
            words = words[:-1]
        return words

    def named_as_a_word(self, span: Span) -> bool:
        """ "the word crazy", "the term "sanity check"", "terms like whitelist", and a
        later item of such a list: "words such as lame and dumb", "words like hick,
        white trash or yokel"."""
        words = [fold(t.text) for t in words_before(span, 4 * _LIST_ITEMS) if t.text not in _MARKS]
        listed = False
        for _ in range(_LIST_ITEMS):
            if len(words) <= 2 or words[-1] not in self.list_joiners:
                break
            words = self._before_list_item(words)
            listed = True
        linked = False
        while words and words[-1] in self.links:
            words.pop()
            linked = True
        if not words or words[-1] not in self.nouns:
            return False
        if listed:  # "the word list and whitelist" lists nothing: a list needs "like"
            return linked
        return linked or (len(words) > 1 and words[-2] in self.determiners)

    def listed_as_words(self, span: Span) -> bool:
        """ "... names hick, yokel and redneck as words to avoid": the term, alone or
        in a list, is followed by "as" and a noun for words."""
        words = [fold(t.text) for t in words_after(span, 4 * _LIST_ITEMS) if t.text not in _MARKS]
        index = 0
        for _ in range(_LIST_ITEMS):
            if index < len(words) and words[index] == "as":
                return any(word in self.nouns for word in words[index + 1 : index + 3])
            if index >= len(words) or words[index] not in self.list_joiners:
                return False
            while index < len(words) and words[index] in self.list_joiners:
                index += 1
            for _ in range(_LIST_ITEM_WORDS):
                if index >= len(words) or words[index] in self.list_joiners | {"as"}:
                    break
                index += 1
        return False

    def renamed(self, span: Span) -> bool:
        """ "Rename the hobo allocator", "Replace crazy wording in the docs": the
        sentence changes the term itself."""
        after = words_after(span, 1)
        if after and fold(after[0].text) in self.wording_nouns:
            return True
        return any(fold(t.text) in self.renaming_verbs for t in words_before(span, 3))

    def talks_about_words(self, doc: Doc) -> bool:
        """Does the paragraph talk about wording ("the guide was reworded", "the word
        is gone")? Then a term quoted in it is talked about too."""
        forms = [fold(token.text) for token in doc]
        return any(form in self.wording_nouns for form in forms) or any(
            form in self.nouns and index and forms[index - 1] in self.determiners
            for index, form in enumerate(forms)
        )

    def is_mention(self, ctx: MatchContext) -> bool:
        """Is the term talked about rather than used?"""
        span = ctx.span
        if (
            self.named_as_a_word(span)
            or self.listed_as_words(span)
            or self.given_as_former_name(span)
            or self.renamed_setting(span)
            or self.renamed(span)
            or self.offers_alternative(ctx)
        ):
            return True
        text = ctx.doc.text
        quoted = quoted_alone(text, *ctx.term_bounds)
        if quoted is None:
            return False
        if self.talks_about_words(ctx.doc):
            return True
        start, end = quoted
        before = text[max(0, start - _REACH) : start - 1]
        after = text[end + 1 : end + _REACH + 1]
        if self.quoted_before.search(before) or self.quoted_after.match(after):
            return True
        words_before_quote = _WORD.findall(before.lower())[-3:]
        words_after_quote = _WORD.findall(after.lower())[:3]
        return (
            any(word in self.cues_before for word in words_before_quote)
            or bool(words_after_quote and words_after_quote[0] in self.named_things_after)
            or any(word in self.nouns for word in words_after_quote)
        )


def _folded(tokens: list[Token]) -> list[str]:
    return [fold(t.text) for t in tokens if t.text not in _QUOTES]


def _ends_with(tokens: list[Token], phrases: frozenset[str]) -> bool:
    """Do the tokens end with one of the phrases (quotes aside)?"""
    words = _folded(tokens)
    return any(words[-len(parts) :] == parts for parts in (p.split() for p in phrases))


def _holds(tokens: list[Token], phrases: frozenset[str]) -> bool:
    """Do the tokens hold one of the phrases anywhere (quotes aside)?"""
    words = _folded(tokens)
    return any(
        words[start : start + len(parts)] == parts
        for parts in (p.split() for p in phrases)
        for start in range(len(words))
    )


def _names(tokens: list[Token], offered: list[str]) -> bool:
    """Do consecutive tokens spell one of the offered alternatives (spaces aside, so
    that "primary/replica" is three tokens and "allow list" two)? A single token
    may also match by its lemma ("allowlists")."""
    words = [token_forms(t) for t in tokens if t.text not in _QUOTES]
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
    if start == 0 or end >= len(text):
        return None
    opening = text[start - 1]
    closing = _QUOTES.get(opening)
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
