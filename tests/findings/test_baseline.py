"""Baselines: written, read back and applied; a damaged one is an error naming the file."""

import json
from collections import Counter

import pytest

from allylint.findings.baseline import BaselineError, BaselineFilter, load_baseline, write_baseline
from tests.conftest import findings

TEXT = "Add the host to the whitelist.\n\nThe whitelist again.\n\nRestart the slave.\n"


def test_round_trip_counts_every_fingerprint(tmp_path):
    found = findings(TEXT)
    path = tmp_path / "baseline.json"
    assert write_baseline(path, found) == len(found) >= 3
    known = load_baseline(path)
    assert known == Counter(f.fingerprint for f in found)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert {entry["rule"] for entry in data["findings"]} >= {"whitelist", "slave"}
    assert not (tmp_path / "baseline.json.tmp").exists()


def test_filter_lets_through_only_what_the_baseline_lacks(tmp_path):
    path = tmp_path / "baseline.json"
    write_baseline(path, findings("Add the host to the whitelist.\n"))
    keep = BaselineFilter(load_baseline(path))
    later = findings("Add the host to the whitelist.\n\nRestart the slave.\n")
    assert [f.rule_id for f in later if keep.is_new(f)] == ["slave"]


def test_a_repeated_finding_is_new_once_the_baseline_has_used_its_count(tmp_path):
    path = tmp_path / "baseline.json"
    write_baseline(path, findings("The whitelist.\n"))
    keep = BaselineFilter(load_baseline(path))
    same = findings("The whitelist.\n")[0]
    assert [keep.is_new(same), keep.is_new(same)] == [False, True]


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        '{"version": 2, "findings": []}',
        '{"version": 1, "findings": {}}',
        '{"version": 1, "findings": [{"rule": "x"}]}',
        "[]",
    ],
)
def test_a_damaged_baseline_is_an_error_naming_the_file(tmp_path, content):
    path = tmp_path / "damaged.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=r"damaged\.json"):
        load_baseline(path)


def test_a_missing_baseline_is_an_error_naming_the_file(tmp_path):
    with pytest.raises(BaselineError, match=r"absent\.json: cannot read baseline"):
        load_baseline(tmp_path / "absent.json")
