"""What a condition sees: sentences, words around a match, per-document facts."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from allylint.api import lint_text
from allylint.conditions import context
from allylint.conditions.context import (
    DOC_EXTENSIONS,
    ExtensionClash,
    first_word_index,
    last_sentences,
    last_word_index,
    once_per_doc,
    register_extensions,
    sentence_of,
    words_after,
    words_before,
)
from allylint.conditions.language import compile_condition
from allylint.engine.nlp import get_pipeline
from tests.conditions.contexts import context_for

TEXT = "The first one is short. The second, longer one ends here! A third."


def test_sentence_of_agrees_with_spacy_for_every_token():
    doc = get_pipeline().nlp(TEXT)
    for token in doc:
        assert sentence_of(token) == token.sent


def test_words_around_a_match_skip_joiners_and_stay_in_the_sentence():
    ctx = context_for("Run it. A double-blind, well-run study.", "blind")
    assert [t.text for t in words_before(ctx.span, 5)] == ["A", "double"]
    assert [t.text for t in words_after(ctx.span, 2)] == [",", "well"]
    first = context_for("Run it. Next step.", "Next")
    assert words_before(first.span, 3) == []


def test_first_and_last_words_skip_punctuation():
    ctx = context_for('"Master it," she said.', "Master")
    assert first_word_index(ctx.sent) == ctx.span.start
    assert ctx.doc[last_word_index(ctx.sent)].text == "said"


def test_term_bounds_and_the_prose_before():
    ctx = context_for("Copy slave.jar now.", "slave", before="<h1>Title</h1>\n\n")
    assert ctx.span.text == "slave.jar"  # whole tokens
    assert ctx.doc.text[slice(*ctx.term_bounds)] == "slave"
    # Markup is left out of what came before, so HTML reads like its text.
    assert ctx.prose_before == "\nTitle\n\n\n"


def test_last_sentences_count_punctuation_not_blank_lines():
    text = "One. Two!\n\n\nThree? Four"
    assert last_sentences(text, 1) == " Four"
    assert last_sentences(text, 2) == "\n\n\nThree? Four"
    assert last_sentences("One. Two.\n\n", 1) == " Two.\n\n"
    assert last_sentences(text, 9) == text
    assert last_sentences(text, 0) == ""


def test_a_doc_fact_is_computed_once_and_kept_in_an_extension():
    doc = get_pipeline().nlp(TEXT)
    calls = []

    def compute() -> list[int]:
        calls.append(1)
        return [0]

    assert once_per_doc(doc, context.SENTENCE_STARTS, compute) == [0]
    assert once_per_doc(doc, context.SENTENCE_STARTS, compute) == [0]
    assert calls == [1]
    assert doc._.allylint_sentence_starts == [0]


def test_conditions_keep_per_document_facts_only_in_their_extensions():
    ctx = context_for("so he can run his own server", "he", context="comment")
    spec = {"nouns": ["user"], "determiners": ["the"], "unresolved": ["comment"]}
    assert compile_condition({"antecedent": spec}).holds(ctx)
    assert ctx.doc.user_data  # the sentences and the referents were worked out
    assert {key[:2] for key in ctx.doc.user_data} <= {("._.", name) for name in DOC_EXTENSIONS}


def test_registering_twice_is_harmless():
    register_extensions()
    register_extensions.__wrapped__()
    assert all(Doc.has_extension(name) for name in DOC_EXTENSIONS)


def test_other_programs_extensions_are_left_alone():
    Doc.set_extension("other_program_note", default="kept", force=True)
    try:
        assert lint_text("Each user must change his password.", "t.txt")
        assert Doc.get_extension("other_program_note") == ("kept", None, None, None)
    finally:
        Doc.remove_extension("other_program_note")


def test_an_extension_of_ours_taken_with_another_meaning_is_an_error():
    name = DOC_EXTENSIONS[0]
    ours = Doc.remove_extension(name)
    Doc.set_extension(name, getter=lambda doc: "theirs")
    try:
        with pytest.raises(ExtensionClash, match=name):
            register_extensions.__wrapped__()
    finally:
        Doc.remove_extension(name)
        Doc.set_extension(name, default=ours[0], method=ours[1], getter=ours[2], setter=ours[3])


def test_text_forms_fold_plain_text_and_read_lemmas_from_the_table():
    from allylint.conditions.context import text_forms

    assert text_forms("Hiring: Careers\u2019 page") == [
        ("hiring", "hire"),
        ("careers", "career"),
        ("page", "page"),
    ]
