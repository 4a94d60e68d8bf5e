"""Telling names from ordinary words without a tagger, on hand-built Docs."""

from __future__ import annotations

import pytest

from allylint.api import lint_text
from allylint.conditions import lexicons
from allylint.conditions.names import (
    NameCues,
    capital_inside_sentence,
    is_acronym,
    is_title_case,
    looks_like_name,
)
from tests.conditions.contexts import context_for

pytestmark = pytest.mark.usefixtures("untagged")


def token(text: str, word: str, occurrence: int = 0):
    return context_for(text, word, occurrence).span[0]


@pytest.mark.parametrize(("text", "expected"), [("PIN", True), ("GPUs", True), ("Pin", False)])
def test_acronyms(text, expected):
    assert is_acronym(text) is expected


def test_title_case_is_a_heading_not_prose_with_names():
    assert is_title_case(context_for("Configure The Build Master", "Master").sent)
    assert not is_title_case(
        context_for("Crazy Horse led the Lakota at Little Bighorn.", "led").sent
    )
    # A longer word in lowercase says the capitals are names, not a heading's style;
    # a word after a slash belongs to the one before it.
    assert not is_title_case(
        context_for("Importing the Insane Clown Posse discography", "Insane").sent
    )
    assert is_title_case(
        context_for("Rebase Main Master Images to Distroless/static", "Master").sent
    )


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Ask Bob about it.", "Bob", True),
        ("Bob asked about it.", "Bob", False),  # a sentence's first word: no telling
        ("Ask the PIN holder.", "PIN", False),
        ("Configure The Build Master", "Build", False),  # a heading
        ("ask bob about it.", "bob", False),
    ],
)
def test_looks_like_name(text, word, expected):
    assert looks_like_name(token(text, word), tagged=False) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Guido asked for a volunteer.", True),  # a verb of saying
        ("Dan's team supports it.", True),  # a possessive
        ("Julia, the operator, agrees.", True),  # an apposition
        ("Ada Lovelace wrote it.", True),  # another capitalized word
        ("Send the user a mail.", False),  # an imperative
        ("pnkfelix is inclined to agree.", True),  # a user name outside the vocabulary
        ("library is old.", False),  # an ordinary word in lowercase
    ],
)
def test_sentence_initial_names(text, expected):
    first = text.split()[0].rstrip("',").removesuffix("'s")
    assert lexicons.cues(NameCues).sentence_initial_name(token(text, first)) is expected


def test_user_names_follow_their_cue_words():
    names = lexicons.cues(NameCues)
    assert names.user_name(token("thanks to jdoe for the patch", "jdoe"))
    assert not names.user_name(token("if someoption is set", "someoption"))
    assert names.user_name_in("Reported by jdoe.")
    assert not names.user_name_in("Reported by default.")  # an English word


def test_capitals_inside_sentences_in_raw_text():
    assert capital_inside_sentence("in the draft, Guido wrote")
    assert not capital_inside_sentence("Written in 1991. It was")
    # After a two-letter word: the word before it is tried first and fails.
    assert capital_inside_sentence("Releases are signed by Marco.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A title in capitals set in italics names a work.
        ("- Read *Hillbilly Elegy* before the book club meets.", []),
        ("See <cite>The Hillbilly Stack</cite> for the talk.", []),
        # Italics around ordinary words, and bold, are stress.
        ("That fix is *so hillbilly* it hurts.", ["trailer-trash"]),
        ("**Hillbilly fixes** are banned from the main branch.", ["trailer-trash"]),
    ],
)
def test_a_title_in_italics_is_a_name(text, expected):
    assert [f.rule_id for f in lint_text(text, "notes.md")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A capital right after an opening quotation mark opens the words quoted.
        ("Post the 'Chairman wanted' ad on the board.", ["gendered-job-titles"]),
        # A quoted title of several capitalized words is still a name.
        ('The band played "Crazy Little Thing" as an encore.', []),
    ],
)
def test_a_capital_after_an_opening_quote_starts_the_quotation(text, expected):
    assert [f.rule_id for f in lint_text(text, "notes.md")] == expected
