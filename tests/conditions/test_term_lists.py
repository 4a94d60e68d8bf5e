"""Lists of terms: words talked about, or a coordinated noun phrase in use."""

from __future__ import annotations

import pytest

from allylint.api import lint_text
from allylint.conditions.term_lists import names_words


def _bounds(text: str, first: str, last: str) -> tuple[int, int]:
    return text.index(first), text.index(last) + len(last)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Avoid whitelist, blacklist, master in new code.", "whitelist", "master"),
        ("master, slave and whitelist are gone from the API.", "master", "whitelist"),
        ("Rename whitelist/blacklist, master/slave everywhere.", "whitelist", "slave"),
        ("The whitelist, blacklist and master terms are deprecated.", "whitelist", "master"),
        ("Each has no slave, whitelist or blacklist.", "slave", "blacklist"),
    ],
)
def test_lists_that_name_words(text, first, last):
    assert names_words(3, text, *_bounds(text, first, last))


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("add cameraman, doorman, hostess and usherette roles", "cameraman", "usherette"),
        ("Format the byline for an authoress, poetess or comedienne.", "authoress", "comedienne"),
        ("Two reviewers called her bossy, shrill and hysterical.", "bossy", "hysterical"),
        # A ban lists what it bans.
        ("Hair must be neat, with no braids, locs or afros.", "braids", "afros"),
    ],
)
def test_coordinated_noun_phrases_are_used(text, first, last):
    assert not names_words(4, text, *_bounds(text, first, last))


def test_two_terms_are_no_list_of_words():
    text = "Avoid whitelist and blacklist."
    assert not names_words(2, text, *_bounds(text, "whitelist", "blacklist"))


def test_a_used_list_is_reported_term_by_term():
    text = "docs: add cameraman, doorman, hostess and usherette roles to the staffing sheet"
    found = [f.text for f in lint_text(text, "COMMIT_EDITMSG")]
    assert found == ["cameraman", "doorman", "hostess", "usherette"]


@pytest.mark.parametrize(
    "text",
    [
        "Replace master, slave and whitelist (see below) in the docs.",
        "Replace master, slave and whitelist: these are old.",
    ],
)
def test_punctuation_after_a_list_is_no_head_noun(text):
    assert names_words(3, text, *_bounds(text, "master", "whitelist"))
