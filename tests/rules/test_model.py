"""The rule model: rules are plain values that compare, hash, pickle and serialize."""

import dataclasses
import json
import pickle

from allylint.rules.loader import builtin_rules
from allylint.rules.model import Alternative, Rule, RuleSet, Term


def sample(**changes) -> Rule:
    rule = Rule(
        id="sample",
        category="custom",
        severity="warning",
        terms=(Term("frob"), Term("frob list", fix="tweak list")),
        alternatives=(Alternative("tweak"),),
        message="A made-up rule.",
        learn=("custom", "why-words-matter"),
        fix="tweak",
        exceptions=({"followed_by": ["records"]},),
    )
    return dataclasses.replace(rule, **changes)


def test_rules_are_values():
    assert sample() == sample()
    assert hash(sample()) == hash(sample())
    assert sample() != sample(exceptions=({"followed_by": ["daemon"]},))
    assert sample() != sample(severity="error")


def test_the_built_in_pack_survives_pickle_and_json():
    rules = builtin_rules()
    assert pickle.loads(pickle.dumps(rules)) == rules
    data = json.loads(json.dumps(dataclasses.asdict(rules), default=str))
    assert [rule["id"] for rule in data["rules"]] == [rule.id for rule in rules]


def test_topic_fix_and_names():
    rule = sample()
    assert rule.topic == "custom"
    assert rule.fix_for(rule.terms[0]) == "tweak"
    assert rule.fix_for(rule.terms[1]) == "tweak list"
    rules = RuleSet((rule, sample(id="other", category="more", enabled=False)))
    assert rules.names == {"sample", "custom", "other", "more"}
    assert [r.id for r in rules.active] == ["sample"]
    assert rules.get("other") is rules.rules[1]
    assert rules.categories == ("custom", "more")
