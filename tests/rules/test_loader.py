from pathlib import Path

import pytest

from allylint.resources import builtin_rules_dir
from allylint.rules.loader import RuleError, load_rule_file, load_rules

VALID_RULE = """\
rules:
  - id: sample
    category: tech-metaphors
    severity: warning
    match: [whitelist]
    alternatives: [allowlist]
    message: Say what the list does.
    learn: [tech-metaphors]
"""


def write(tmp_path: Path, text: str, name: str = "rules.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_rules_load_and_have_unique_ids():
    rules = load_rules()
    ids = [rule.id for rule in rules]
    assert len(ids) == len(set(ids)) > 5


def test_a_valid_rule_file_loads(tmp_path):
    [rule] = load_rule_file(write(tmp_path, VALID_RULE))
    assert rule.id == "sample"
    assert rule.terms[0].phrase == "whitelist"
    assert rule.alternatives[0].text == "allowlist"
    assert rule.topic == "tech-metaphors"


@pytest.mark.parametrize(
    ("change", "key", "line"),
    [
        (
            ("    learn: [tech-metaphors]\n", "    learn: [tech-metaphors]\n    alternates: [x]\n"),
            "alternates",
            9,
        ),
        (("severity: warning", "severity: loud"), "severity", 4),
        (("    match: [whitelist]\n", "    match: []\n"), "match", 5),
        (("alternatives: [allowlist]", "alternatives: allowlist"), "alternatives", 6),
        (("id: sample", "id: Sample Rule"), "id", 2),
        (
            (
                "    learn: [tech-metaphors]\n",
                "    learn: [tech-metaphors]\n    exceptions:\n      - followed_by_word: [x]\n",
            ),
            "exceptions[0].followed_by_word",
            10,
        ),
        (
            (
                "    learn: [tech-metaphors]\n",
                "    learn: [tech-metaphors]\n    exceptions:\n      - near: {words: [x]}\n",
            ),
            "exceptions[0].near.within",
            10,
        ),
        (
            ("    match: [whitelist]\n", "    match:\n      - {phrase: x, inflect: sometimes}\n"),
            "match[0].inflect",
            6,
        ),
        (
            ("    match: [whitelist]\n", "    match:\n      - {phrase: x, severity: loud}\n"),
            "match[0].severity",
            6,
        ),
        (
            ("    match: [whitelist]\n", "    match:\n      - {phrase: x, use: allowlist}\n"),
            "match[0].use",
            6,
        ),
        (
            ("    match: [whitelist]\n", "    match:\n      - {phrase: x, use: [{when: y}]}\n"),
            "match[0].use[0].use",
            6,
        ),
    ],
)
def test_invalid_rules_name_file_line_rule_and_key(tmp_path, change, key, line):
    path = write(tmp_path, VALID_RULE.replace(*change))
    with pytest.raises(RuleError) as caught:
        load_rule_file(path)
    message = str(caught.value)
    assert str(path) in message
    assert f":{line}:" in message
    assert "rule 'sample'" in message or "Sample Rule" in message
    assert f"key '{key}'" in message
    assert caught.value.key == key


PER_TERM_RULE = """\
rules:
  - id: titles
    category: gender
    severity: warning
    match:
      - {phrase: chairman, use: [chair, {use: chairperson, when: "in formal minutes"}]}
      - {phrase: waitress, inflect: none, use: [server], severity: info}
    message: A neutral title describes the work.
    learn: [gender]
"""


def test_terms_carry_their_own_alternatives_and_severity(tmp_path):
    [rule] = load_rule_file(write(tmp_path, PER_TERM_RULE))
    chairman, waitress = rule.terms
    assert rule.alternatives == ()  # every term has its own
    assert [a.text for a in rule.alternatives_for(chairman)] == ["chair", "chairperson"]
    assert rule.alternatives_for(chairman)[1].when == "in formal minutes"
    assert [a.text for a in rule.alternatives_for(waitress)] == ["server"]
    assert (rule.severity_for(chairman), rule.severity_for(waitress)) == ("warning", "info")


def test_a_term_without_use_falls_back_to_the_rules_alternatives(tmp_path):
    text = PER_TERM_RULE.replace(
        '      - {phrase: chairman, use: [chair, {use: chairperson, when: "in formal minutes"}]}',
        "      - chairman",
    )
    path = write(tmp_path, text)
    with pytest.raises(
        RuleError, match=r"key 'alternatives': required key is missing \(or a 'use' on every term\)"
    ):
        load_rule_file(path)
    [rule] = load_rule_file(write(tmp_path, text + "    alternatives: [chair]\n"))
    assert [a.text for a in rule.alternatives_for(rule.terms[0])] == ["chair"]
    assert [a.text for a in rule.alternatives_for(rule.terms[1])] == ["server"]


def test_missing_required_key_is_named(tmp_path):
    path = write(tmp_path, VALID_RULE.replace("    message: Say what the list does.\n", ""))
    with pytest.raises(RuleError, match="key 'message': required key is missing"):
        load_rule_file(path)


def test_broken_yaml_names_file_and_line(tmp_path):
    path = write(tmp_path, VALID_RULE + "  - id: [unclosed\n")
    with pytest.raises(RuleError, match=r"rules\.yaml:10: rule file: invalid YAML"):
        load_rule_file(path)


def test_wrong_top_level_shape(tmp_path):
    with pytest.raises(RuleError, match="single key 'rules'"):
        load_rule_file(write(tmp_path, "- id: x\n"))


def test_duplicate_ids_across_files(tmp_path):
    write(tmp_path, VALID_RULE, "a.yaml")
    write(tmp_path, VALID_RULE, "b.yaml")
    with pytest.raises(RuleError, match="duplicate id"):
        load_rules([tmp_path])


def test_every_builtin_rule_file_is_valid_yaml_with_rules():
    files = sorted(builtin_rules_dir().glob("*.yaml"))
    assert files
    for file in files:
        assert load_rule_file(file)


def test_conditions_are_kept_as_the_file_wrote_them(tmp_path):
    path = write(
        tmp_path,
        VALID_RULE
        + "    exceptions:\n      - followed_by: [records, daemon]\n"
        + "      - {near: {words: [list], within: 3}, pos: NOUN}\n"
        + "    fix_when:\n      - not: {preceded_by: [the]}\n",
    )
    [rule] = load_rule_file(path)
    assert rule.exceptions == (
        {"mention": True},  # every rule's, unless it sets flag_mentions
        {"followed_by": ["records", "daemon"]},
        {"near": {"words": ["list"], "within": 3}, "pos": "NOUN"},
    )
    assert rule.fix_when == ({"not": {"preceded_by": ["the"]}},)
    assert all(type(spec) is dict for spec in (*rule.exceptions, *rule.fix_when))


def test_mention_leads_the_exceptions_once_unless_mentions_are_flagged(tmp_path):
    [default] = load_rule_file(write(tmp_path, VALID_RULE))
    assert default.exceptions == ({"mention": True},)
    listed = VALID_RULE + "    exceptions:\n      - proper_noun: true\n      - mention: true\n"
    [written] = load_rule_file(write(tmp_path, listed))
    assert written.exceptions == ({"proper_noun": True}, {"mention": True})
    [flagged] = load_rule_file(write(tmp_path, VALID_RULE + "    flag_mentions: true\n"))
    assert flagged.exceptions == ()


def test_rules_load_after_a_base_set_with_unique_ids(tmp_path):
    base = load_rules()
    extra = write(tmp_path, VALID_RULE)
    rules = load_rules([extra], base=base)
    assert [rule.id for rule in rules] == [*(rule.id for rule in base), "sample"]
    clash = write(tmp_path, VALID_RULE.replace("id: sample", "id: whitelist"), "clash.yaml")
    with pytest.raises(RuleError, match=r"duplicate id, first defined at .*tech-metaphors"):
        load_rules([clash], base=base)
