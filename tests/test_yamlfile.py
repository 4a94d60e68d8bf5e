"""YAML with the line of every mapping key, and errors that name the file and line."""

import pytest

from allylint.yamlfile import LineDict, YamlFileError, load_yaml, parse_yaml

TEXT = """\
# a comment
id: whitelist
terms:
  - text: whitelist
    severity: warning

  - text: white list
nested:
  inner: 1
"""


def test_mappings_know_the_line_of_each_key():
    data = parse_yaml(TEXT, "rule.yaml")
    assert isinstance(data, LineDict)
    assert data.line == 2
    assert (data.line_of("id"), data.line_of("terms"), data.line_of("nested")) == (2, 3, 8)
    first, second = data["terms"]
    assert (first.line_of("text"), first.line_of("severity")) == (4, 5)
    assert second.line_of("text") == 7
    assert data["nested"].line_of("inner") == 9


def test_an_absent_key_falls_back_to_the_mapping_line():
    data = parse_yaml(TEXT, "rule.yaml")
    assert data["terms"][1].line_of("severity") == 7


def test_non_string_keys_become_strings():
    data = parse_yaml("1: one\ntrue: yes\n", "x.yaml")
    assert set(data) == {"1", "True"}
    assert data.line_of("True") == 2


def test_invalid_yaml_names_the_file_and_line():
    with pytest.raises(YamlFileError, match=r"^bad\.yaml:3: invalid YAML") as caught:
        parse_yaml("a: 1\nb: [2,\nc: : 3\n", "bad.yaml")
    assert caught.value.line == 3


def test_load_yaml_reads_a_real_file_and_reports_an_unreadable_one(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("key: value\n", encoding="utf-8")
    assert load_yaml(path) == {"key": "value"}
    with pytest.raises(YamlFileError, match=r"missing\.yaml: cannot read") as caught:
        load_yaml(tmp_path / "missing.yaml")
    assert caught.value.line is None
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(YamlFileError, match=r"binary\.yaml: cannot read"):
        load_yaml(binary)
