"""Findings and file results: stdlib round trips (asdict and JSON, pickle) and the JSON shape."""

import dataclasses
import json
import pickle

from allylint.api import check_text, default_engine
from allylint.discovery.sources import Notice, SourceText
from allylint.findings.model import FileResult, Finding
from allylint.plaindata import from_plain

TEXT = "Add the host to the whitelist.\n\nEach user sets his password.\n"


def result() -> FileResult:
    checked = check_text(default_engine(), TEXT, "docs/guide.md", "markdown")
    source = SourceText("docs/guide.md", TEXT, "utf-8", False)
    return dataclasses.replace(
        checked, notices=(Notice("docs/guide.md", "a notice"),), source=source
    )


def test_a_file_result_survives_json_of_its_dataclasses():
    original = result()
    assert [f.rule_id for f in original.findings] == ["whitelist", "generic-pronoun"]
    text = json.dumps(dataclasses.asdict(original))
    assert from_plain(FileResult, json.loads(text)) == original


def test_a_file_result_survives_pickle():
    original = result()
    assert pickle.loads(pickle.dumps(original)) == original


def test_a_finding_says_what_its_rule_says():
    [whitelist, pronoun] = result().findings
    rule = default_engine().rules.get("whitelist")
    assert rule is not None
    assert (whitelist.category, whitelist.severity, whitelist.message, whitelist.topic) == (
        rule.category,
        rule.severity,
        rule.message,
        rule.topic,
    )
    assert whitelist.alternatives == ("allowlist", "allow list", "permit list")
    assert whitelist.fix is not None and whitelist.fix.replacement == "allowlist"
    assert pronoun.fix is None


def test_a_finding_has_its_terms_own_alternatives_and_severity():
    engine = default_engine()
    text = (
        "Ask the waitress, the chairman and the stewardess.\n\n"
        "Our school serves special needs children.\n"
    )
    found = check_text(engine, text, "notes.md", "markdown").findings
    by_text = {f.text: f for f in found}
    assert by_text["waitress"].alternatives[0] == "server"
    assert by_text["chairman"].alternatives[0] == "chair"
    assert by_text["stewardess"].alternatives == ("flight attendant",)
    assert by_text["special needs"].rule_id == "outdated-disability-terms"
    assert by_text["special needs"].severity == "info"  # the term's own; the rule's is warning
    rule = engine.rules.get("outdated-disability-terms")
    assert rule is not None and rule.severity == "warning"


def test_to_dict_is_the_documented_json_shape():
    [whitelist, _] = result().findings
    assert whitelist.to_dict() == {
        "path": "docs/guide.md",
        "line": 1,
        "column": 21,
        "end_line": 1,
        "end_column": 30,
        "rule": "whitelist",
        "category": "tech-metaphors",
        "severity": "warning",
        "message": whitelist.message,
        "text": "whitelist",
        "alternatives": ["allowlist", "allow list", "permit list"],
        "learn": "tech-metaphors",
        "context": "paragraph",
        "fix": "allowlist",
    }
    assert list(whitelist.to_dict()) == [
        "path", "line", "column", "end_line", "end_column", "rule", "category", "severity",
        "message", "text", "alternatives", "learn", "context", "fix",
    ]  # fmt: skip


def test_finding_fields_are_plain_values():
    [whitelist, _] = result().findings
    assert isinstance(whitelist, Finding)
    for field in dataclasses.fields(whitelist):
        value = getattr(whitelist, field.name)
        assert dataclasses.is_dataclass(value) or isinstance(value, (str, int, tuple)), field.name
