"""The one fold and the one joiner that the prefilter, conditions and fixer share."""

from __future__ import annotations

import pytest

from allylint.engine.spelling import (
    fold,
    fold_typography,
    is_joiner,
    joined_key,
    split_at_joiners,
    without_joiners,
)


def test_fold_lowercases_and_plains_typography_keeping_offsets():
    text = "\u0130stanbul Don\u2019t WHITE\u2011LIST white\u00adlist\u00a0x"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.endswith("don't white-list white-list x")
    assert fold_typography("Don\u2019t") == "Don't"  # case kept


@pytest.mark.parametrize(
    "text", ["man hours", "Man-Hours", "man\u2011hours", "man\nhours", "manhours"]
)
def test_every_joining_style_has_one_key(text):
    assert joined_key(text) == "manhours"


def test_a_phrase_is_keyed_as_its_tokens_spell_it():
    assert joined_key("person-hours") == "personhours"
    assert joined_key("Allow List") == "allowlist"


def test_without_joiners_keeps_case():
    assert without_joiners("Man\u2010Hours") == "ManHours"


def test_split_at_joiners_cuts_the_text_as_written():
    assert split_at_joiners("White\u2011Listed") == (["White", "Listed"], ["\u2011"])
    assert split_at_joiners("man  hours") == (["man", "hours"], ["  "])
    assert split_at_joiners("allowlist") == (["allowlist"], [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [("-", True), ("\u2010", True), (" ", True), ("/", False), ("a", False), ("", False)],
)
def test_is_joiner(text, expected):
    assert is_joiner(text) is expected
