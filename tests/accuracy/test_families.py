"""The term families (tests/accuracy/families/): development cases written from the
guides before the rules that cover them. Each covered family must meet the suite's
targets, or, where the rules cover part of it, the floor it has reached
(``scoring.FAMILY_FLOORS``); a family with no rule yet is only checked for its shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.accuracy import scoring

FAMILY_FILES = sorted(scoring.FAMILIES_DIR.glob("*.yaml"))
FAMILIES = pytest.mark.parametrize("path", FAMILY_FILES, ids=lambda path: path.stem)


def test_every_family_named_as_not_covered_or_with_a_floor_has_a_file():
    stems = {path.stem for path in FAMILY_FILES}
    assert stems >= scoring.FAMILIES_NOT_COVERED | set(scoring.FAMILY_FLOORS)


@FAMILIES
def test_every_flag_substring_is_in_its_case(path: Path):
    for case in scoring.load_cases(path):
        case.flag_spans()


@FAMILIES
def test_a_family_has_cases_to_flag_and_to_leave_alone(path: Path):
    cases = scoring.load_cases(path)
    assert sum(bool(case.flag) for case in cases) >= 20
    assert sum(not case.flag for case in cases) >= 25


@FAMILIES
def test_a_covered_family_meets_the_targets(path: Path):
    if path.stem in scoring.FAMILIES_NOT_COVERED:
        pytest.skip(f"{path.stem}: no rule yet (scoring.FAMILIES_NOT_COVERED)")
    report = scoring.run_family(path)
    overall = report.overall
    precision, recall = scoring.FAMILY_FLOORS.get(
        path.stem, (scoring.MIN_PRECISION, scoring.MIN_RECALL)
    )
    if overall.precision < precision or overall.recall < recall:
        pytest.fail(
            f"{path.stem}: precision {overall.precision:.3f}, recall {overall.recall:.3f}\n"
            + report.details(),
            pytrace=False,
        )
