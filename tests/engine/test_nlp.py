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
    assert blank.nlp.pipe_names == ["allylint_lemmatizer", "sentencizer"]
    doc = blank.nlp("Masters MASTERS masters Children")
    assert [token.lemma_ for token in doc] == ["master", "master", "master", "child"]


def test_the_blank_pipeline_splits_sentences(blank):
    doc = blank.nlp("Add the host. Then restart it.")
    assert [sentence.text for sentence in doc.sents] == ["Add the host.", "Then restart it."]


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
