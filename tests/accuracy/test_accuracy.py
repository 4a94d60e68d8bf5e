"""Accuracy of the built-in rule pack, measured on the labeled suite and on real history.

The table (precision and recall per category) is printed in the terminal summary,
with or without ``-s``. The targets are in ``scoring.py``: precision >= 0.95 and
recall >= 0.90 overall and for every category with at least 20 positives; on the
maintainers' ground truth, recall >= 0.95 on the lines before the rewrite and at most
2% false alarms on the lines after it.

Each ground-truth line is checked as the kind of text the corpus records: a line of
documentation as plain text, a line of a comment or docstring as code commentary.
"""

from __future__ import annotations

import pytest

from tests.accuracy import scoring
from tests.accuracy.conftest import SUMMARIES
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def suite() -> scoring.SuiteReport:
    report = scoring.run_suite()
    SUMMARIES["suite"] = "labeled suite (tests/accuracy/cases.yaml)\n" + report.table()
    return report


@pytest.fixture(scope="module")
def groundtruth() -> scoring.GroundTruthReport:
    path = shared_path("corpus", "groundtruth_strict.jsonl")
    report = scoring.run_groundtruth(scoring.load_groundtruth(path))
    SUMMARIES["groundtruth"] = report.summary()
    return report


def test_every_flag_substring_is_in_its_case():
    for case in scoring.load_cases():
        case.flag_spans()  # raises ValueError for a substring that is not in the text


def test_labeled_suite_meets_precision_and_recall_targets(suite):
    problems = suite.failures()
    if problems:
        pytest.fail(
            "accuracy targets missed: "
            + "; ".join(problems)
            + "\n"
            + suite.table()
            + "\n"
            + suite.details(),
            pytrace=False,
        )


def test_groundtruth_false_alarms_after_rewrite(groundtruth):
    if groundtruth.after_false_alarm_rate > scoring.MAX_AFTER_FALSE_ALARMS:
        pytest.fail(groundtruth.summary() + "\n" + groundtruth.details(), pytrace=False)


def test_groundtruth_recall_target(groundtruth):
    if groundtruth.recall < scoring.MIN_GROUNDTRUTH_RECALL:
        pytest.fail(groundtruth.summary() + "\n" + groundtruth.details(), pytrace=False)
