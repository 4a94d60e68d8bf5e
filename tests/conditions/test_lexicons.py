"""Lexicon files: loading, validation with file, line and name, references from rules."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from allylint.conditions import lexicons
from allylint.conditions.lexicons import LexiconError, builtin_lexicons, load_lexicons
from allylint.resources import builtin_lexicons_dir, builtin_rules_dir
from allylint.rules.loader import RuleError, load_rules


def lexicon_folder(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "lexicons"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_builtin_lexicons_load_and_fold_their_words():
    found = builtin_lexicons()
    assert "gendered-pronouns" in found
    assert found["modal-auxiliaries"].words[0] == "can"
    assert all(word == word.lower() for lexicon in found.values() for word in lexicon.words)


def test_a_lexicon_file_lists_named_word_lists(tmp_path):
    folder = lexicon_folder(
        tmp_path,
        suffixes="lexicons:\n  # names end so\n  company-suffixes: [Inc., Ltd, Co\u2019s]\n",
    )
    found = load_lexicons(folder)
    assert found["company-suffixes"].words == ("inc.", "ltd", "co's")
    assert found["company-suffixes"].line == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("lexicons: [a, b", ": lexicon file: invalid YAML"),
        ("words: [a]\n", ":1: lexicon file: a lexicon file is a mapping with the single key"),
        ("lexicons: {}\n", ":1: lexicon file: 'lexicons' maps lexicon names"),
        ("lexicons:\n  Bad_Name: [a]\n", ":2: lexicon 'Bad_Name': the name is not lowercase"),
        ("lexicons:\n  ok: [a]\n  empty: []\n", ":3: lexicon 'empty': must be a non-empty list"),
        ("lexicons:\n  numbers: [1, 2]\n", ":2: lexicon 'numbers': must be a non-empty list"),
        ("lexicons:\n  blank: [a, ' ']\n", ":2: lexicon 'blank': must be a non-empty list"),
    ],
)
def test_bad_lexicon_files_name_file_line_and_lexicon(tmp_path, text, message):
    folder = lexicon_folder(tmp_path, broken=text)
    with pytest.raises(LexiconError) as raised:
        load_lexicons(folder)
    assert str(raised.value).startswith(str(folder / "broken.yaml"))
    assert message in str(raised.value)


def test_a_lexicon_defined_twice_is_an_error(tmp_path):
    folder = lexicon_folder(tmp_path, a="lexicons:\n  x: [a]\n", b="lexicons:\n\n  x: [b]\n")
    with pytest.raises(
        LexiconError, match=r"b\.yaml:3: lexicon 'x': defined twice, first at .*a\.yaml:2"
    ):
        load_lexicons(folder)


def test_a_missing_lexicon_that_allylint_needs_is_named():
    with pytest.raises(LexiconError, match="lexicon 'no-such-lexicon': missing"):
        lexicons.lexicon("no-such-lexicon")


def write_rule(tmp_path: Path, **keys) -> Path:
    rule = {
        "id": "sample",
        "category": "gender",
        "severity": "warning",
        "alternatives": ["x"],
        "message": "A sample rule.",
        "learn": ["gender"],
        **keys,
    }
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump({"rules": [rule]}, sort_keys=False), encoding="utf-8")
    return path


def test_a_rule_matches_the_words_of_a_lexicon(tmp_path):
    path = write_rule(tmp_path, match=[{"lexicon": "gendered-pronouns", "inflect": "none"}, "guys"])
    (rule,) = load_rules([path])
    assert [term.phrase for term in rule.terms][:2] == ["he", "his"]
    assert all(term.inflect == "none" for term in rule.terms[:-1])
    assert rule.terms[-1].phrase == "guys"


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ({"match": [{"lexicon": "nope"}]}, "unknown lexicon 'nope'"),
        ({"match": [{"lexicon": ["a"]}]}, "key 'match[0].lexicon': expected a string, got ['a']"),
        (
            {"match": [{"lexicon": "determiners", "phrase": "x"}]},
            "key 'match[0].phrase': unknown key; expected one of lexicon, inflect",
        ),
        (
            {"match": ["x"], "exceptions": [{"preceded_by": {"lexicon": "nope"}}]},
            "unknown lexicon 'nope'",
        ),
    ],
)
def test_unknown_lexicons_in_rules_are_rule_errors(tmp_path, keys, message):
    with pytest.raises(RuleError, match=r"rules\.yaml:\d+: rule 'sample'") as raised:
        load_rules([write_rule(tmp_path, **keys)])
    assert message in str(raised.value)


def test_a_broken_lexicon_file_is_a_rule_error_naming_it(tmp_path, monkeypatch):
    folder = lexicon_folder(tmp_path, broken="lexicons:\n  x: nope\n")
    monkeypatch.setattr(lexicons, "builtin_lexicons_dir", lambda: folder)
    builtin_lexicons.cache_clear()
    try:
        with pytest.raises(RuleError, match=r"broken\.yaml:2: .*'x'.*non-empty list"):
            rule = write_rule(tmp_path, match=["x"], requires=[{"followed_by": {"lexicon": "x"}}])
            load_rules([rule])
    finally:
        builtin_lexicons.cache_clear()


def test_the_rule_loader_does_not_read_lexicon_files_as_rules():
    assert builtin_lexicons_dir().parent == builtin_rules_dir()
    rules = load_rules([builtin_rules_dir()])
    assert {rule.path.parent for rule in rules} == {builtin_rules_dir()}


def test_every_builtin_lexicon_is_documented():
    guide = (Path(__file__).parents[2] / "docs" / "rules.md").read_text(encoding="utf-8")
    for lexicon in builtin_lexicons().values():
        assert f"`{lexicon.path.name}`" in guide, lexicon.path.name
        assert f"`{lexicon.name}`" in guide, lexicon.name
