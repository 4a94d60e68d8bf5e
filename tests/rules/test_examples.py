"""Every example written in a rule file holds: 'flag' texts trip the rule, 'pass' texts do not."""

import pytest

from allylint.api import lint_text
from allylint.config.loader import Config
from allylint.config.settings import resolve
from allylint.rules.loader import load_rules

RULES = load_rules()
FLAG_CASES = [(rule.id, text) for rule in RULES for text in rule.examples_flag]
PASS_CASES = [(rule.id, text) for rule in RULES for text in rule.examples_pass]


@pytest.mark.parametrize(("rule_id", "text"), FLAG_CASES)
def test_flag_examples_are_flagged(rule_id, text):
    assert rule_id in {f.rule_id for f in lint_text(text, "example.txt")}


@pytest.mark.parametrize(("rule_id", "text"), PASS_CASES)
def test_pass_examples_are_not_flagged(rule_id, text):
    assert rule_id not in {f.rule_id for f in lint_text(text, "example.txt")}


def test_every_enabled_rule_has_examples():
    missing = [rule.id for rule in RULES if rule.enabled and not rule.examples_flag]
    assert not missing, f"rules without flag examples: {missing}"


def test_ignoring_a_rule_does_not_hand_its_words_to_a_shorter_term():
    """With sanity-check ignored, "sanity check" is not reported as "sanity" (sane)."""
    settings = resolve(Config(ignore=("sanity-check",)))
    found = lint_text("Run a sanity check first; keep your sanity.", "x.md", settings=settings)
    assert [(f.rule_id, f.text) for f in found] == [("sane", "sanity")]
