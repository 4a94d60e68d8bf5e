"""Word sequences around a place in a sentence, in raw text and in spaCy tokens."""

from __future__ import annotations

import pytest

from allylint.conditions.wording import (
    SENTENCE_REACH,
    ends_with_one_of,
    phrase_ends,
    phrase_starts,
    sentence_start,
    starts_with_one_of,
    tokens_end_with,
    tokens_hold,
    tokens_spell,
    without_ending,
    words_after_in,
    words_before_in,
)
from allylint.engine.nlp import get_pipeline

pytestmark = pytest.mark.usefixtures("untagged")


def test_phrases_at_either_end_of_a_word_list():
    words = ["we", "moved", "it", "instead", "of"]
    assert phrase_ends(words, frozenset({"instead of", "rather than"}))
    assert not phrase_ends(["of"], frozenset({"instead of"}))  # shorter than the phrase
    assert phrase_starts(["is", "deprecated", "now"], frozenset({"is deprecated"}))
    assert not phrase_starts(["deprecated"], frozenset({"is deprecated"}))


def test_text_starts_or_ends_with_a_whole_word_past_quotes_and_marks():
    assert starts_with_one_of(' "allowlist" instead', frozenset({"allowlist"}))
    assert not starts_with_one_of("allowlisted hosts", frozenset({"allowlist"}))
    assert ends_with_one_of("use the **primary**) ", frozenset({"primary"}))
    assert not ends_with_one_of("a preprimary", frozenset({"primary"}))


def test_words_before_and_after_stop_at_the_sentence():
    text = "Old text. Rename the master branch -> main. Done."
    start = text.index("master")
    end = start + len("master")
    assert text[sentence_start(text, start) :].startswith("Rename")
    assert words_before_in(text, start, 4) == ["rename", "the"]
    assert words_after_in(text, end, 4) == ["branch", "->", "main"]


def test_an_endless_sentence_is_read_only_within_reach():
    text = "word " * (SENTENCE_REACH // 2) + "master"
    start = text.index("master")
    assert start - sentence_start(text, start) <= SENTENCE_REACH


def test_tokens_end_with_hold_and_spell_phrases_quotes_aside():
    doc = get_pipeline().nlp('Use "allow list" rather than the primary/replica names.')
    tokens = list(doc)
    assert tokens_end_with(tokens[:5], frozenset({"allow list"}))  # the quote is skipped
    assert tokens_hold(tokens, frozenset({"rather than"}))
    assert not tokens_hold(tokens, frozenset({"instead of"}))
    assert tokens_spell(tokens, ["allowlist"])  # two tokens spell it
    assert tokens_spell(tokens, ["primary/replica"])
    assert tokens_spell(list(get_pipeline().nlp("chairs")), ["chair"])  # by its lemma
    assert not tokens_spell(tokens, ["denylist"])


def test_without_ending_drops_each_ending_phrase_in_turn():
    fillers = frozenset({"in full", "us", "verbatim"})
    assert without_ending(["the", "ad", "reads", "in", "full"], fillers) == ["the", "ad", "reads"]
    assert without_ending(["she", "told", "us", "verbatim"], fillers) == ["she", "told"]
    assert without_ending(["in", "full"], fillers) == []
    assert without_ending(["full", "of", "us", "trust"], fillers) == ["full", "of", "us", "trust"]
