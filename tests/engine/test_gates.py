import copy

import pytest

from allylint.api import check_text, default_engine
from allylint.engine.gates import Matched, RawText, condition_gate, rule_gate
from allylint.engine.spelling import fold, joined_key
from allylint.rules.loader import builtin_rules
from allylint.rules.model import Rule, Term


def _passes(spec, text: str, term: str) -> bool:
    """Does the gate of ``spec`` let the first ``term`` of ``text`` through?"""
    gate = condition_gate(spec)
    assert gate is not None
    folded = fold(text)
    start = folded.index(term)
    end = start + len(term)
    return gate.passes(Matched(joined_key(folded[start:end])), RawText(folded), start, end)


def test_a_word_before_is_needed_in_one_of_its_forms():
    spec = {"preceded_by": ["big", "ugly"]}
    assert _passes(spec, "his big nose", "nose")
    assert _passes(spec, "his **Bigger** nose", "nose")  # a form the lemma table reads as big
    assert not _passes(spec, "the nose cone of the rocket", "nose")


def test_in_plain_text_the_word_next_to_the_candidate_decides():
    spec = {"followed_by": ["users", "people"]}
    assert _passes(spec, "ugly users", "ugly")
    assert _passes(spec, "ugly - people", "ugly")  # a joining hyphen is skipped
    # The next word is "code", or a bracket: people further on do not count.
    assert not _passes(spec, "ugly code that people wrote", "ugly")
    assert not _passes(spec, "ugly (in some people's eyes)", "ugly")


def test_markup_next_to_the_candidate_lets_the_words_be_further_on():
    # Emphasis, a link or a comment marker may stand between the words in the file.
    spec = {"followed_by": ["users"]}
    assert _passes(spec, "ugly _users_", "ugly")
    assert _passes(spec, "ugly [users](https://example.com/a/long/path)", "ugly")
    assert _passes(spec, "# ugly\n# users", "ugly")


def test_the_word_before_may_be_a_clitic_written_as_it_is():
    spec = {"preceded_by": ["he 's"]}
    assert _passes(spec, "he's ugly", "ugly")
    assert not _passes(spec, "he is not ugly", "ugly")


def test_every_word_of_a_phrase_is_needed():
    spec = {"sentence_has": ["new hire", "front desk"]}
    assert _passes(spec, "Our new front-desk hire must be slim.", "slim")
    assert not _passes(spec, "The new image must be slim.", "slim")


def test_a_word_with_an_apostrophe_needs_its_letters_only():
    # The apostrophe may be an entity in HTML, but the letters are as written.
    spec = {"followed_by": ["alzheimer's"]}
    assert _passes(spec, "suffers from Alzheimer&#39;s", "suffers from")
    assert not _passes(spec, "suffers from slow start-up", "suffers from")


def test_a_number_is_needed_as_written():
    # Markup cannot spell digits otherwise: "aged 25-35" needs the "25".
    spec = {"followed_by": ["25", "30"]}
    assert _passes(spec, "applicants aged 25 to 35", "aged")
    assert not _passes(spec, "jobs aged a week or more", "aged")


def test_punctuation_alone_makes_no_gate():
    assert condition_gate({"followed_by": [".", ","]}) is None


def test_a_passage_reaches_two_blocks_back_and_one_ahead():
    spec = {"paragraph_has": ["hiring"]}
    near = "We are hiring.\n\nMust be slim."
    two_back = "We are hiring.\n\nOne.\n\nMust be slim."
    far = "We are hiring.\n\nOne.\n\nTwo.\n\nMust be slim."
    ahead = "Must be slim.\n\nWe are hiring."
    two_ahead = "Must be slim.\n\nOne.\n\nWe are hiring."
    assert _passes(spec, near, "slim")
    assert _passes(spec, two_back, "slim")
    assert not _passes(spec, far, "slim")
    assert _passes(spec, ahead, "slim")
    assert not _passes(spec, two_ahead, "slim")


def test_words_next_to_a_candidate_are_looked_for_within_reach():
    spec = {"near": {"words": ["drive"], "within": 3}}
    assert _passes(spec, "It drives me nuts.", "nuts")
    assert not _passes(spec, "drive" + " filler" * 100 + " nuts", "nuts")


def test_a_condition_on_the_matched_text_is_exact_and_can_be_negated():
    spec = {"not": {"matched": ["pretty"]}}
    assert not _passes(spec, "a pretty face", "pretty")
    assert _passes(spec, "a cute face", "cute")


def test_a_condition_on_the_term_group_is_exact_and_can_be_negated():
    gate = condition_gate({"any": [{"group": ["stated-outright"]}, {"sentence_has": ["job"]}]})
    negated = condition_gate({"not": {"group": ["stated-outright"]}})
    assert gate is not None and negated is not None
    raw = RawText(fold("men wanted"))
    assert gate.passes(Matched("men wanted", "stated-outright"), raw, 0, 10)
    assert not gate.passes(Matched("men wanted"), raw, 0, 10)
    assert negated.exact and negated.passes(Matched("men wanted"), raw, 0, 10)


def test_a_necessary_gate_cannot_be_negated():
    # "big" nearby does not make "preceded_by: big" hold, so its negation says nothing.
    assert condition_gate({"not": {"preceded_by": ["big"]}}) is None


def test_any_needs_a_gate_for_each_of_its_conditions():
    assert condition_gate({"any": [{"preceded_by": ["big"]}, {"pos": ["VERB"]}]}) is None
    spec = {"any": [{"preceded_by": ["big"]}, {"matched": ["huge nose"]}]}
    assert _passes(spec, "a huge nose", "huge nose")
    assert not _passes(spec, "a small nose", "nose")


def test_keys_without_a_gate_leave_the_others_in_force():
    spec = {"preceded_by": ["big"], "pos": ["NOUN"]}
    assert not _passes(spec, "a small nose", "nose")
    assert not condition_gate(spec).exact


def test_a_rule_without_requirements_has_no_gate():
    rule = Rule(
        id="plain",
        category="gender",
        severity="warning",
        terms=(Term("mankind"),),
        alternatives=(),
        message="m",
        learn=(),
    )
    assert rule_gate(rule) is None


def test_a_file_with_only_refuted_candidates_is_not_read_further():
    engine = default_engine()
    # "face" is a candidate of the body-part rule, which needs a judging word before it.
    assert engine.candidate_positions("The clock face is round.") == []
    assert engine.candidate_positions("You and your big face.") != []


@pytest.fixture(scope="module")
def ungated_engine():
    engine = copy.copy(default_engine())
    engine._gates = {}
    return engine


def test_gates_change_no_finding_of_any_rule_example(ungated_engine):
    gated = default_engine()
    for rule in builtin_rules().active:
        for example in (*rule.examples_flag, *rule.examples_pass):
            with_gates = check_text(gated, example, "doc.md", "markdown").findings
            without = check_text(ungated_engine, example, "doc.md", "markdown").findings
            assert with_gates == without, (rule.id, example)
