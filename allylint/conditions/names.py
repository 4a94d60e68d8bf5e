"""Telling names from ordinary words, with or without a tagger.

Shared by the ``proper_noun`` condition and the antecedent resolver. The words
that give a name away ("thanks to jdoe", "Guido asked") come from the lexicons
``before-user-names`` and ``subject-verbs``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from allylint.conditions import lexicons
from allylint.conditions.context import (
    alone,
    first_word_index,
    sentence_of,
    words_after,
    words_before,
)
from allylint.conditions.marks import QUOTES
from allylint.engine.nlp import is_english_word
from allylint.engine.spelling import fold

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

HANDLE = re.compile(r"(?<![\w.])@[A-Za-z][\w-]*")  # @nrc: a person on a forge
# A capitalized word inside a sentence, in raw text: after a lowercase word, a digit
# or a comma ("... by Guido", "... in the Internet Explorer browser", "Łukasz"). The
# capital is looked ahead at, not consumed, so that "signed by Marco" is read after
# "signed b" has matched and failed.
_MID_SENTENCE_CAPITAL = re.compile(r"([^\W_]|[,;])[ \t]+(?=([^\W\d_])([^\W\d_]))")


def is_title_case(sent: Span) -> bool:
    """Headings such as "Configure The Build Master" capitalize every word.

    A sentence that ends like prose ("Crazy Horse led the Lakota at the Little
    Bighorn.") is not a heading, however many names it holds.
    """
    last = sent[-1] if len(sent) else None
    if last is not None and last.text in {".", "!", "?"}:
        return False
    long_words = [t for t in sent if t.is_alpha and len(t) > 3]
    if len(long_words) < 2:
        return False
    # Title case leaves only short words in lowercase: a longer one ("Importing the
    # Insane Clown Posse discography") says the capitals are names.
    # ("Distroless/static" after a slash or a hyphen is one word.)
    if any(
        t.text.islower() and len(t) >= 5 and not t.is_stop and t.nbor(-1).text not in "/-"
        for t in long_words
        if t.i > 0
    ):
        return False
    capitalized = sum(1 for t in long_words if t.text[0].isupper())
    return capitalized / len(long_words) >= 0.6


def capitalized_word(token: Token) -> bool:
    return token.is_alpha and token.text[0].isupper() and token.text.lower() != "i"


def is_acronym(text: str) -> bool:
    """PIN, API, GPUs: capitals (with an optional plural s), not a name."""
    letters = text[:-1] if text.endswith("s") else text
    return len(letters) > 1 and letters.isalpha() and letters.isupper()


_VERSION = re.compile(r"v?\d+(?:\.\d+)*[a-z]?")


def is_version(text: str) -> bool:
    """A version number after a name: 3, 3.0, v2, 1.2.3b."""
    return bool(_VERSION.fullmatch(text.lower()))


def capitalized_elsewhere(token: Token) -> bool:
    """Is the word written capitalized inside a sentence (not Title Case) elsewhere in
    its paragraph? Then it is a name at the start of a sentence too."""
    word = token.lower_
    for other in token.doc:
        if other.i == token.i or other.lower_ != word or not capitalized_word(other):
            continue
        sentence = sentence_of(other)
        if other.i != first_word_index(sentence) and not is_title_case(sentence):
            return True
    return False


def looks_like_name(token: Token, tagged: bool) -> bool:
    """A capitalized word that names someone or something, judged without or with a tagger."""
    if tagged:
        return token.pos_ == "PROPN" or token.ent_type_ in {"PERSON", "ORG", "WORK_OF_ART"}
    if not capitalized_word(token) or is_acronym(token.text):
        return False  # acronyms such as PIN or GPUs are not people
    if token.i == first_word_index(sentence_of(token)):
        return False
    return not is_title_case(sentence_of(token))


def acronym_in_sentence(span: Span, sentence: Span) -> bool:
    """Capitals in a sentence that is not all capitals: an acronym ("HE" for
    homomorphic encryption), not a word shouted."""
    letters = [c for c in span.text if c.isalpha()]
    written_so = len(letters) > 1 and all(c.isupper() for c in letters)
    return written_so and any(t.text.islower() for t in sentence)


def unknown_lowercase_word(token: Token) -> bool:
    """A lowercase word of three or more letters outside the English vocabulary."""
    text = token.text
    return (
        len(text) >= 3
        and token.is_alpha
        and text.islower()
        and not token.is_stop
        and not is_english_word(text)
    )


def capital_inside_sentence(text: str) -> bool:
    """Does raw text (markup and all) hold a capitalized word inside a sentence?"""
    return any(
        not match.group(1).isupper() and match.group(2).isupper() and match.group(3).islower()
        for match in _MID_SENTENCE_CAPITAL.finditer(text)
    )


@dataclass(frozen=True)
class NameCues:
    """The words that give a name away, from the lexicons."""

    before_user_names: frozenset[str] = lexicons.from_lexicons("before-user-names")
    subject_verbs: frozenset[str] = lexicons.from_lexicons("subject-verbs")
    new_name_cues: frozenset[str] = lexicons.from_lexicons("new-name-cues")

    def named_now(self, span: Span) -> bool:
        """Does the text give the name after a cue such as "now called" ("the smallest
        plan is now called Midget"), so that it is the writer's word choice, not a name
        already out there ("a band called Crippled Black Phoenix")?"""
        before = [fold(t.text) for t in words_before(span, 5)]
        return any(" ".join(before[i:]) in self.new_name_cues for i in range(len(before)))

    @functools.cached_property
    def user_name_in_text(self) -> re.Pattern[str]:
        """A user name in raw text: "thanks to jdoe", "reported by @jdoe"."""
        before = "|".join(re.escape(word) for word in sorted(self.before_user_names))
        return re.compile(r"\b(?:" + before + r")[ \t]+@?([a-z][a-z0-9_-]{2,})\b")

    def user_name(self, token: Token) -> bool:
        """A lowercase word outside the English vocabulary after "thanks to" or "by":
        a user name. (Before "is" it is as likely an identifier: "someoption is".)"""
        if not unknown_lowercase_word(token):
            return False
        before = words_before(alone(token), 1)
        return bool(before) and fold(before[0].text) in self.before_user_names

    def user_name_in(self, text: str) -> bool:
        """Does raw text hold a user name after "thanks to", "by", ...?"""
        return any(
            not is_english_word(match.group(1)) for match in self.user_name_in_text.finditer(text)
        )

    def sentence_initial_name(self, token: Token) -> bool:
        """A first word of a sentence that reads as a person's name.

        Without a tagger a sentence-initial word cannot be told from an ordinary word
        by its capital alone, so the word after it decides: another capitalized word
        ("Ada Lovelace"), a possessive ("Dan's team"), an appositive comma ("Julia, the
        operator") or a verb of saying or being ("Guido asked", "Carol is"). (Not any
        verb in -s: "Webpack bundles the code for the user, and he" names a tool.)
        """
        # The cheap tests first: finding the sentence is the costly one.
        if not token.is_alpha or token.is_stop or is_acronym(token.text):
            return False
        if not (capitalized_word(token) or unknown_lowercase_word(token)):
            return False
        if token.i != first_word_index(sentence_of(token)):
            return False
        after = words_after(alone(token), 1)
        if not after:
            return False
        follower = after[0]
        lower = fold(follower.text)
        if not capitalized_word(token):
            # A sentence starts in lowercase with a user name ("pnkfelix is inclined",
            # "nikomatsakis can commit"), an identifier or a careless ordinary word
            # ("config is loaded"): only a word outside the vocabulary may be a name.
            return unknown_lowercase_word(token) and (lower == "'s" or lower in self.subject_verbs)
        return (
            capitalized_word(follower)
            or lower in {"'s", ","}
            or lower in self.subject_verbs
            or (lower.endswith("ed") and follower.is_alpha)
        )

    def sentence_initial_subject(self, token: Token) -> bool:
        """A first word of a sentence outside the English vocabulary, capitalized, with a
        verb in -s after it ("Priya maintains the parser"): someone, or something, the
        sentence is about. A pronoun in a later sentence may mean them; one in the same
        sentence is more likely the role noun beside it ("Webpack bundles the code for
        the user, and he")."""
        if not token.is_alpha or not capitalized_word(token) or is_acronym(token.text):
            return False
        if is_english_word(fold(token.text)):
            return False
        after = words_after(alone(token), 1)
        if not after:
            return False
        verb = after[0]
        # A verb joined by a hyphen: "Dana colour-codes every spreadsheet".
        if verb.i + 2 < len(verb.doc) and verb.nbor(1).text == "-" and not verb.whitespace_:
            verb = verb.nbor(2)
        follower = fold(verb.text)
        return (
            verb.is_alpha
            and follower.islower()
            and follower.endswith("s")
            and not follower.endswith("ss")
            and is_english_word(follower)
            and token.i == first_word_index(sentence_of(token))
        )


_CLOSING_MARKS = frozenset(QUOTES.values())
_TITLE_WORDS = 12  # tokens a quoted title may hold


def quoted_title(span: Span) -> bool:
    """Do the quoted words that the span opens capitalize each word but the small
    ones, up to the closing mark, as a title does ('"Crazy"', '"Little Old Lady from
    Pasadena"'; not "'Repairman wanted'")?"""
    words: list[Token] = []
    for token in span.doc[span.start : span.start + _TITLE_WORDS]:
        if token.text in _CLOSING_MARKS:
            return bool(words) and all(capitalized_word(t) for t in words if not t.is_stop)
        if token.is_alpha:
            words.append(token)
    return False
