"""The data that ships with allylint is found: rules, lexicons and topics."""

from allylint.resources import builtin_lexicons_dir, builtin_rules_dir, topics_dir
from allylint.yamlfile import load_yaml


def test_builtin_rules_are_found_and_load():
    rules = builtin_rules_dir()
    files = sorted(rules.rglob("*.yaml")) + sorted(rules.rglob("*.yml"))
    assert rules.is_dir() and files
    ids = set()
    for path in files:
        if builtin_lexicons_dir() in path.parents:
            continue
        data = load_yaml(path)
        entries = data if isinstance(data, list) else data.get("rules", [data])
        ids.update(e.get("id") for e in entries if isinstance(e, dict))
    assert {"whitelist", "slave"} <= ids


def test_lexicons_are_a_folder_of_the_rules():
    lexicons = builtin_lexicons_dir()
    assert lexicons.parent == builtin_rules_dir()
    assert lexicons.is_dir() and any(lexicons.iterdir())


def test_topics_are_found():
    topics = topics_dir()
    assert topics.is_dir()
    assert any(path.suffix == ".md" for path in topics.iterdir())
