"""The held-out rounds' shape: what makes each a measurement, checked on every run.

Their scores are printed by ``benchmarks/accuracy.py`` and gate nothing (the second
round's figures are fresh, not a floor); the cases here only prove that each round is
what its README and docs/accuracy/README.md say it is.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.accuracy import scoring


@dataclass(frozen=True)
class Minimums:
    """What a round promises: its size, and cases to flag and to leave alone per category."""

    cases: int
    flagged: int
    silent: int
    # category -> (flagged, silent), for categories a round covers more deeply
    deeper: dict[str, tuple[int, int]] = field(default_factory=dict)
    # share of cases of two or three sentences, where an earlier one decides
    several_sentences: float = 0.0
    # (category, context) pairs a round does not cover
    missing_contexts: frozenset[tuple[str, str]] = frozenset()

    def for_category(self, category: str) -> tuple[int, int]:
        return self.deeper.get(category, (self.flagged, self.silent))


MINIMUMS = {
    scoring.HELDOUT_DIR: Minimums(cases=1800, flagged=40, silent=40),
    scoring.HELDOUT2_DIR: Minimums(
        cases=700,
        flagged=15,
        silent=25,
        deeper={"age": (80, 80), "body": (80, 80)},
        several_sentences=0.15,
    ),
    scoring.HELDOUT3_DIR: Minimums(
        cases=450,
        flagged=10,
        silent=20,
        deeper={"age": (25, 25), "body": (25, 25), "mental-health": (20, 20)},
        several_sentences=0.12,
        # The audit removed religion's only comment cases ("guru", which no guide names).
        missing_contexts=frozenset({("religion", "comment")}),
    ),
    scoring.HELDOUT4_DIR: Minimums(
        cases=700,
        flagged=20,
        silent=30,
        # The audit removed violence's "kill", "hang", "hit" and "blast radius" flags,
        # on which the guides disagree or which only INI's tier 3 names.
        deeper={"violence": (5, 30)},
        several_sentences=0.18,
    ),
    scoring.HELDOUT5_DIR: Minimums(cases=800, flagged=30, silent=35, several_sentences=0.25),
    scoring.HELDOUT6_DIR: Minimums(cases=700, flagged=26, silent=28, several_sentences=0.4),
    scoring.HELDOUT7_DIR: Minimums(cases=740, flagged=30, silent=30, several_sentences=0.4),
    scoring.HELDOUT8_DIR: Minimums(cases=760, flagged=30, silent=35, several_sentences=0.4),
}
ROUNDS = pytest.mark.parametrize("folder", scoring.HELDOUT_ROUNDS, ids=lambda path: path.name)
# A sentence ends and another begins (a capital, a quotation or code after it), or the
# text runs on to another line, as a commit message's body does.
SENTENCE_BREAK = re.compile(r"[.!?][\"')]?\s+[A-Z\"'`(]|\n")


@ROUNDS
def test_every_flag_substring_is_in_its_case(folder: Path):
    for case in scoring.load_heldout(folder=folder):
        case.flag_spans()


@ROUNDS
def test_the_round_is_large_enough_in_every_category(folder: Path):
    minimums = MINIMUMS[folder]
    cases = scoring.load_heldout(folder=folder)
    assert len(cases) >= minimums.cases
    labels = Counter((case.category, bool(case.flag)) for case in cases)
    for category in {case.category for case in cases}:
        flagged, silent = minimums.for_category(category)
        assert labels[category, True] >= flagged, category
        assert labels[category, False] >= silent, category


@ROUNDS
def test_every_context_is_represented_in_every_category(folder: Path):
    contexts = {(case.category, case.context) for case in scoring.load_heldout(folder=folder)}
    for category in {category for category, _ in contexts}:
        for context in scoring.FILENAME_BY_CONTEXT:
            if (category, context) not in MINIMUMS[folder].missing_contexts:
                assert (category, context) in contexts, (category, context)


@ROUNDS
def test_enough_cases_have_more_than_one_sentence(folder: Path):
    cases = scoring.load_heldout(folder=folder)
    several = sum(bool(SENTENCE_BREAK.search(case.text.strip())) for case in cases)
    assert several / len(cases) >= MINIMUMS[folder].several_sentences


@ROUNDS
def test_the_halves_split_the_round(folder: Path):
    everything = scoring.load_heldout(folder=folder)
    halves = [scoring.load_heldout(split, folder) for split in scoring.SPLITS]
    assert sum(map(len, halves)) == len(everything)
    assert all(len(half) > len(everything) / 3 for half in halves)
