"""The held-out suite's shape: what makes it a measurement, checked on every run.

Its scores are printed by ``benchmarks/accuracy.py``; the cases here only prove that
the suite is what docs/accuracy/README.md says it is.
"""

from __future__ import annotations

from collections import Counter

from tests.accuracy import scoring

MIN_CASES = 1800
MIN_PER_CATEGORY_AND_LABEL = 40


def test_every_flag_substring_is_in_its_case():
    for case in scoring.load_heldout():
        case.flag_spans()


def test_the_suite_is_large_enough_in_every_category():
    cases = scoring.load_heldout()
    assert len(cases) >= MIN_CASES
    labels = Counter((case.category, bool(case.flag)) for case in cases)
    for category in {case.category for case in cases}:
        assert labels[category, True] >= MIN_PER_CATEGORY_AND_LABEL, category
        assert labels[category, False] >= MIN_PER_CATEGORY_AND_LABEL, category


def test_every_context_is_represented_in_every_category():
    contexts = {(case.category, case.context) for case in scoring.load_heldout()}
    for category in {category for category, _ in contexts}:
        for context in scoring.FILENAME_BY_CONTEXT:
            assert (category, context) in contexts, (category, context)


def test_the_halves_split_the_suite():
    everything = scoring.load_heldout()
    halves = [scoring.load_heldout(split) for split in scoring.SPLITS]
    assert sum(map(len, halves)) == len(everything)
    assert all(len(half) > len(everything) / 3 for half in halves)
