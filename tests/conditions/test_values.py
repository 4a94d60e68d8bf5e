"""Reading condition values: word lists with lexicon references, numbers, flags."""

from __future__ import annotations

import pytest

from allylint.conditions.lexicons import builtin_lexicons
from allylint.conditions.values import (
    ConditionError,
    boolean,
    phrases,
    whole_number,
    word_list,
    word_set,
)


def test_word_lists_fold_their_words_and_expand_lexicons():
    determiners = builtin_lexicons()["event-determiners"].words
    assert word_list("k", ["The", "Dan\u2019s"]) == ("the", "dan's")
    assert word_list("k", {"lexicon": "event-determiners"}) == determiners
    assert word_list("k", ["given", {"lexicon": "event-determiners"}]) == ("given", *determiners)
    assert word_list("k", "one") == ("one",)


def test_phrases_are_split_into_words():
    assert phrases("k", ["sanity check", "dummy"]) == (("sanity", "check"), ("dummy",))
    with pytest.raises(ConditionError, match="non-empty list of words or phrases"):
        phrases("k", [])


def test_word_sets_may_be_empty_but_not_a_bare_word():
    assert word_set("k", []) == frozenset()
    with pytest.raises(ConditionError, match="'k' takes a list of words"):
        word_set("k", "word")


@pytest.mark.parametrize("value", [[3], [""], 3, {"lexicon": "nope"}])
def test_bad_word_lists_are_errors_naming_the_key(value):
    with pytest.raises(ConditionError) as raised:
        phrases("preceded_by", value)
    assert raised.value.key == "preceded_by"


def test_a_yaml_boolean_among_the_words_is_explained():
    # `followed_by: [in, on, at]` reads "on" as true.
    with pytest.raises(ConditionError, match=r'quote them \("on"\)'):
        phrases("followed_by", ["in", True, "at"])
    with pytest.raises(ConditionError, match="booleans"):
        word_set("nouns", ["user", False])


def test_numbers_and_flags():
    assert whole_number("k", 3, 1, "a positive whole number") == 3
    with pytest.raises(ConditionError, match="'k' takes a positive whole number"):
        whole_number("k", True, 1, "a positive whole number")
    assert boolean("k", False) is False
    with pytest.raises(ConditionError, match="true or false"):
        boolean("k", "yes")


def test_a_yaml_number_among_the_words_is_explained():
    # `paragraph_has: [wwii, 1945]` reads 1945 as an integer.
    with pytest.raises(ConditionError, match=r'quote them \("1945"\)'):
        phrases("paragraph_has", ["wwii", 1945])
