"""The spaCy pipeline: built once, lemmatizing case-insensitively from the lookup table."""

import pytest

from allylint.engine import nlp
from allylint.engine.nlp import MODEL_ENV, get_pipeline, installed_trained_pipeline, is_english_word


@pytest.fixture
def blank(monkeypatch):
    """The blank pipeline, whatever trained pipelines are installed."""
    monkeypatch.setenv(MODEL_ENV, "blank")
    get_pipeline.cache_clear()
    yield get_pipeline()
    get_pipeline.cache_clear()


def test_the_pipeline_is_built_once_per_process(blank):
    assert get_pipeline() is blank
    assert get_pipeline().nlp is blank.nlp


def test_the_blank_pipeline_lemmatizes_whatever_the_case(blank):
    assert not blank.tagged
    assert blank.nlp.pipe_names == [
        "allylint_lemmatizer",
        "sentencizer",
        "allylint_abbreviations",
    ]
    doc = blank.nlp("Masters MASTERS masters Children")
    assert [token.lemma_ for token in doc] == ["master", "master", "master", "child"]


def test_the_blank_pipeline_splits_sentences(blank):
    doc = blank.nlp("Add the host. Then restart it.")
    assert [sentence.text for sentence in doc.sents] == ["Add the host.", "Then restart it."]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Junior analyst (max. 28 years old)", ["Junior analyst (max. 28 years old)"]),
        ("Seats: approx. 30. Book early.", ["Seats: approx. 30.", "Book early."]),
        ("See Fig. 3 and no. 12.", ["See Fig. 3 and no. 12."]),
        # Not before a word: comments open sentences in lowercase too.
        ("Set it to max. the rest is fine", ["Set it to max.", "the rest is fine"]),
        # Not the end of a longer word.
        ("It was the climax. 5 people left.", ["It was the climax.", "5 people left."]),
    ],
)
def test_an_abbreviation_before_a_number_does_not_end_a_sentence(blank, text, sentences):
    assert [sentence.text for sentence in blank.nlp(text).sents] == sentences


def test_a_range_dash_between_numbers_is_a_token_of_its_own(blank):
    tokens = [t.text for t in blank.nlp("aged 20\u201328, 1990\u20142000, well-known")]
    assert tokens == [
        "aged",
        "20",
        "\u2013",
        "28",
        ",",
        "1990",
        "\u2014",
        "2000",
        ",",
        "well",
        "-",
        "known",
    ]


def test_git_revision_operators_are_split_from_the_branch_name(blank):
    tokens = [t.text for t in blank.nlp("git reset master^ and git log main~2 or x^^")]
    assert tokens == [
        "git",
        "reset",
        "master",
        "^",
        "and",
        "git",
        "log",
        "main",
        "~2",
        "or",
        "x",
        "^^",
    ]
    # Inside a word they stay: "x^2", "~/bin".
    assert [t.text for t in blank.nlp("x^2 in ~/bin")] == ["x^2", "in", "~/bin"]


def test_an_unknown_word_is_its_own_lemma(blank):
    assert [t.lemma_ for t in blank.nlp("Pnkfelix")] == ["pnkfelix"]


def test_english_words_and_user_names():
    assert is_english_word("masters") and is_english_word("master")
    assert not is_english_word("pnkfelix")


def test_the_environment_chooses_the_pipeline(monkeypatch):
    monkeypatch.setenv(MODEL_ENV, "blank")
    assert installed_trained_pipeline() is None
    monkeypatch.setenv(MODEL_ENV, "en_some_pipeline")
    assert installed_trained_pipeline() == "en_some_pipeline"


def test_a_missing_trained_pipeline_falls_back_to_blank(monkeypatch, caplog):
    monkeypatch.setenv(MODEL_ENV, "allylint_no_such_pipeline")
    nlp.get_pipeline.cache_clear()
    try:
        pipeline = get_pipeline()
        assert not pipeline.tagged and pipeline.name.startswith("blank English")
        assert "allylint_no_such_pipeline" in caplog.text
    finally:
        nlp.get_pipeline.cache_clear()
