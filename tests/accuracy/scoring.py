"""Scoring the rule pack: the labeled suite (cases.yaml) and the maintainers' ground truth.

Shared by ``tests/accuracy/test_accuracy.py`` and ``benchmarks/accuracy.py``; nothing
here is a test by itself.

Labeled suite. Every case is linted with a file name chosen by its context
(prose, heading and list texts as Markdown, comments and docstrings as a
Python file, commit messages as ``COMMIT_EDITMSG``). Each ``flag`` substring is
located in the text in order (the next whole-word occurrence after the
previous one, falling back to a plain ``str.find``). A finding that overlaps a
flag substring is a true positive, any other finding a false positive; recall
is the share of flag substrings overlapped by at least one finding.

Ground truth. Each pair of ``groundtruth_strict.jsonl`` is a line before and
after maintainers rewrote it for inclusive wording. A pair is recalled when a
finding on ``before`` overlaps a whole-word occurrence of a term of
``terms_removed``; an ``after`` line is a false alarm when it has a finding that
is not on a term of ``residual_terms`` (wording the maintainers kept).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from allylint.api import lint_text
from allylint.findings.model import Finding

HERE = Path(__file__).resolve().parent
CASES_FILE = HERE / "cases.yaml"
# The held-out suite: written from public style guides by writers who had not read the
# rules (see heldout/README.md). Each case falls in the "dev" or the "test" half by a
# hash of its text; rule work may look at dev failures only.
HELDOUT_DIR = HERE / "heldout"
# The second round, written the same way by another writer once the first round's dev
# half had been worked on until it saturated (see heldout2/README.md).
HELDOUT2_DIR = HERE / "heldout2"
# The third, by a third writer once the second round's dev half had been worked on,
# with its labels audited against the guides by another reader before any result
# (see heldout3/README.md).
HELDOUT3_DIR = HERE / "heldout3"
# The fourth, by a fourth writer once the third round's dev half had been worked on,
# audited the same way (see heldout4/README.md).
HELDOUT4_DIR = HERE / "heldout4"
# The fifth, by three writers once the earlier rounds' test halves were opened for
# development, audited the same way (see heldout5/README.md).
HELDOUT5_DIR = HERE / "heldout5"
# The sixth, by five writers once the fifth round's dev half had been worked on,
# audited the same way (see heldout6/README.md).
HELDOUT6_DIR = HERE / "heldout6"
# The seventh, by five more writers once the sixth round's dev half and the families
# written after it had been worked on, audited the same way (see heldout7/README.md).
HELDOUT7_DIR = HERE / "heldout7"
# The eighth, by five more writers after a day of work on the guide-sweep families and
# round 7's dev half, audited the same way (see heldout8/README.md).
HELDOUT8_DIR = HERE / "heldout8"
HELDOUT_ROUNDS = (
    HELDOUT_DIR,
    HELDOUT2_DIR,
    HELDOUT3_DIR,
    HELDOUT4_DIR,
    HELDOUT5_DIR,
    HELDOUT6_DIR,
    HELDOUT7_DIR,
    HELDOUT8_DIR,
)
# Development cases for families of terms the rules did not cover, written from the
# guides by a writer who had not read the rules, before the rules were (see
# families/README.md): rule work reads them whole, so they measure nothing held out.
FAMILIES_DIR = HERE / "families"
# Families written up but left without a rule, and why (docs/accuracy/README.md);
# none now: "abort" waited for its uses in the corpora to be judged, and has its rule.
FAMILIES_NOT_COVERED: frozenset[str] = frozenset()
# Families whose rules cover part of them, each with the (precision, recall) it has
# reached, as a floor that no change may go under until the targets are met: job
# posts ask for a sex, health or an age in more ways than the rules read, and
# everyday labels come in more words than the rules hold.
FAMILY_FLOORS = {
    "job-ads": (0.95, 0.93),
    "hiring-phrasings": (0.95, 0.90),
    "everyday-labels": (0.95, 0.90),
    "gender-disability-body-2": (0.95, 0.86),
    "gender-age-identity-body": (0.95, 0.89),
    "age-4": (0.95, 0.81),
    "culture-4": (0.95, 0.89),
    "gender-4": (0.95, 0.92),
    "guide-sweep-age-body-class-identity": (0.95, 0.86),
    "guide-sweep-race-religion": (0.94, 0.89),
    "guide-sweep-race-religion-2": (0.95, 0.75),
    "guide-sweep-violence-mh-2": (0.95, 0.71),
    "guide-sweep-disability-body-age-2": (0.95, 0.72),
    "guide-sweep-gender-identity-class-2": (0.95, 0.73),
    "guide-sweep-violence-mh-race-3": (0.97, 0.75),
    "guide-sweep-religion-disability-age-3": (0.92, 0.80),
    "guide-sweep-gender-identity-body-class-3": (0.92, 0.74),
    "guide-sweep-mixed-4a": (0.94, 0.75),
    "guide-sweep-mixed-4b": (0.96, 0.80),
    "guide-sweep-mixed-4c": (0.95, 0.68),
}
SPLITS = ("dev", "test")
REPO = HERE.parent.parent
SHARED = REPO.parent / "shared"
GROUNDTRUTH_FILE = SHARED / "corpus" / "groundtruth_strict.jsonl"
DOCS_CORPUS = SHARED / "corpus" / "docs"

# Targets; the test and the benchmark both use them.
MIN_PRECISION = 0.95
MIN_RECALL = 0.90
MIN_POSITIVES_PER_CATEGORY = 20  # categories with fewer positives are reported, not gated
MIN_GROUNDTRUTH_RECALL = 0.95
MAX_AFTER_FALSE_ALARMS = 0.02

FILENAME_BY_CONTEXT = {
    "prose": "case.md",
    "heading": "case.md",
    "list": "case.md",
    # Read by the Python extractor, which finds the comment or docstring.
    "comment": "case.py",
    "docstring": "case.py",
    "commit": "COMMIT_EDITMSG",
}

# lint(text, filename, context): context is None, or the context the text stands in.
Lint = Callable[[str, str, str | None], list[Finding]]


def _default_lint(text: str, filename: str, context: str | None = None) -> list[Finding]:
    return lint_text(text, filename, context=context)


def run_family(path: Path) -> SuiteReport:
    """A family file scored on the false alarms of its own categories: its writer
    labeled one family of terms, so another category's finding elsewhere in its text
    ("foreman" beside a quarry's blast radius) is neither right nor wrong there. Any
    finding on a flagged substring counts, whatever its rule."""
    cases = load_cases(path)
    categories = {case.category for case in cases}
    report = run_suite(cases)
    report.overall = Tally()
    report.by_category = {}
    for result in report.results:
        others = [f for f in result.false_positives if f.category not in categories]
        result.false_positives = [f for f in result.false_positives if f not in others]
        result.tally.fp -= len(others)
        report.by_category.setdefault(result.case.category, Tally()).add(result.tally)
        report.overall.add(result.tally)
    return report


# The corpus says what each line was (its "kind"): documentation is checked as
# plain text, a line of a code comment or docstring in that context, as allylint's
# code extractors would present it in the whole file.
CONTEXT_BY_GROUNDTRUTH_KIND = {"comment": "comment", "docstring": "docstring"}


# --- the labeled suite -----------------------------------------------------------


@dataclass(frozen=True)
class Case:
    index: int
    category: str
    context: str
    text: str
    flag: tuple[str, ...]

    @property
    def filename(self) -> str:
        return FILENAME_BY_CONTEXT[self.context]

    def flag_spans(self) -> list[tuple[int, int]]:
        """Where each flag substring is, in order; raises ValueError for a missing one."""
        spans = []
        position = 0
        for substring in self.flag:
            whole_word = re.compile(r"(?<!\w)" + re.escape(substring) + r"(?!\w)")
            found = whole_word.search(self.text, position)
            start = found.start() if found else self.text.find(substring, position)
            if start == -1:
                raise ValueError(f"case {self.index}: {substring!r} is not in its text")
            spans.append((start, start + len(substring)))
            position = start + len(substring)
        return spans


def load_cases(path: Path = CASES_FILE) -> list[Case]:
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    cases = []
    for index, entry in enumerate(raw):
        if entry["context"] not in FILENAME_BY_CONTEXT:
            raise ValueError(f"case {index}: unknown context {entry['context']!r}")
        cases.append(
            Case(
                index=index,
                category=entry["category"],
                context=entry["context"],
                text=entry["text"],
                flag=tuple(entry.get("flag") or ()),
            )
        )
    return cases


def split_of(case: Case) -> str:
    """The half of the held-out suite a case belongs to, fixed by its text."""
    digest = hashlib.sha256(case.text.encode("utf-8")).digest()
    return SPLITS[digest[0] % 2]


def load_heldout(split: str | None = None, folder: Path = HELDOUT_DIR) -> list[Case]:
    """The cases of one held-out round (a folder), one file per category; ``split``
    keeps one half."""
    cases: list[Case] = []
    for path in sorted(folder.glob("*.yaml")):
        cases.extend(load_cases(path))
    cases = [replace(case, index=index) for index, case in enumerate(cases)]
    if split is None:
        return cases
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose from {', '.join(SPLITS)}")
    return [case for case in cases if split_of(case) == split]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Tally:
    tp: int = 0  # findings on a flagged substring
    fp: int = 0  # findings anywhere else
    positives: int = 0  # flagged substrings
    recalled: int = 0  # flagged substrings some finding overlaps

    @property
    def precision(self) -> float:
        found = self.tp + self.fp
        return self.tp / found if found else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.positives if self.positives else 1.0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.positives += other.positives
        self.recalled += other.recalled


@dataclass
class CaseResult:
    case: Case
    findings: list[Finding]
    tally: Tally
    false_positives: list[Finding] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)


def score_case(case: Case, lint: Lint = _default_lint) -> CaseResult:
    findings = lint(case.text, case.filename, None)
    spans = case.flag_spans()
    tally = Tally(positives=len(spans))
    result = CaseResult(case, findings, tally)
    for finding in findings:
        if any(_overlaps((finding.start, finding.end), span) for span in spans):
            tally.tp += 1
        else:
            tally.fp += 1
            result.false_positives.append(finding)
    for substring, span in zip(case.flag, spans, strict=True):
        if any(_overlaps((f.start, f.end), span) for f in findings):
            tally.recalled += 1
        else:
            result.missed.append(substring)
    return result


@dataclass
class SuiteReport:
    results: list[CaseResult]
    by_category: dict[str, Tally]
    overall: Tally

    def failures(self) -> list[str]:
        """Targets that are not met, as sentences; empty when all are."""
        problems = []
        gated = [("overall", self.overall)] + [
            (name, tally)
            for name, tally in self.by_category.items()
            if tally.positives >= MIN_POSITIVES_PER_CATEGORY
        ]
        for name, tally in gated:
            if tally.precision < MIN_PRECISION:
                problems.append(f"{name}: precision {tally.precision:.3f} < {MIN_PRECISION}")
            if tally.recall < MIN_RECALL:
                problems.append(f"{name}: recall {tally.recall:.3f} < {MIN_RECALL}")
        return problems

    def table(self) -> str:
        return format_table(self.by_category, self.overall)

    def details(self) -> str:
        """Every false positive and every miss, one line each."""
        lines = []
        for result in self.results:
            case = result.case
            where = f"case {case.index} ({case.category}/{case.context})"
            for finding in result.false_positives:
                lines.append(
                    f"FP   {where}: {finding.rule_id} on {finding.text!r}: {_one_line(case.text)}"
                )
            for substring in result.missed:
                lines.append(f"MISS {where}: {substring!r}: {_one_line(case.text)}")
        return "\n".join(lines)


def _one_line(text: str, limit: int = 140) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def run_suite(cases: Iterable[Case] | None = None, lint: Lint = _default_lint) -> SuiteReport:
    results = [score_case(case, lint) for case in (cases if cases is not None else load_cases())]
    by_category: dict[str, Tally] = {}
    overall = Tally()
    for result in results:
        by_category.setdefault(result.case.category, Tally()).add(result.tally)
        overall.add(result.tally)
    return SuiteReport(results, dict(sorted(by_category.items())), overall)


def format_table(by_category: dict[str, Tally], overall: Tally) -> str:
    header = f"{'category':<22} {'positives':>9} {'TP':>5} {'FP':>4} {'precision':>9} {'recall':>7}"
    lines = [header, "-" * len(header)]
    for name, tally in [*by_category.items(), ("overall", overall)]:
        if name == "overall":
            lines.append("-" * len(header))
        lines.append(
            f"{name:<22} {tally.positives:>9} {tally.tp:>5} {tally.fp:>4} "
            f"{tally.precision:>9.3f} {tally.recall:>7.3f}"
        )
    return "\n".join(lines)


# --- the ground truth from history ----------------------------------------------


def _word_spans(line: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Whole-word, case-insensitive occurrences of ``terms`` in ``line``."""
    spans: list[tuple[int, int]] = []
    for term in terms:
        pattern = re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)
        spans.extend(m.span() for m in pattern.finditer(line))
    return spans


@dataclass
class PairResult:
    pair: dict
    before: list[Finding]
    after: list[Finding]
    recalled: bool
    false_alarms: list[Finding]


@dataclass
class GroundTruthReport:
    results: list[PairResult]

    @property
    def recall(self) -> float:
        return sum(r.recalled for r in self.results) / len(self.results)

    @property
    def after_false_alarm_rate(self) -> float:
        return sum(bool(r.false_alarms) for r in self.results) / len(self.results)

    def summary(self) -> str:
        pairs = len(self.results)
        recalled = sum(r.recalled for r in self.results)
        alarms = sum(bool(r.false_alarms) for r in self.results)
        return (
            f"ground truth: {pairs} pairs; recall on before {recalled}/{pairs} = {self.recall:.3f} "
            f"(target >= {MIN_GROUNDTRUTH_RECALL}); false alarms on after {alarms}/{pairs} = "
            f"{self.after_false_alarm_rate:.3f} (target <= {MAX_AFTER_FALSE_ALARMS})"
        )

    def details(self) -> str:
        lines = []
        for r in self.results:
            pair = r.pair
            where = f"{pair['repo']} {pair['commit'][:10]} {pair['file']}"
            if not r.recalled:
                got = ", ".join(f"{f.rule_id}:{f.text!r}" for f in r.before) or "nothing"
                lines.append(
                    f"MISS  {where}: removed {pair['terms_removed']}, found {got}: "
                    f"{_one_line(pair['before'], 200)}"
                )
            for finding in r.false_alarms:
                lines.append(
                    f"ALARM {where}: {finding.rule_id} on {finding.text!r}: "
                    f"{_one_line(pair['after'], 200)}"
                )
        return "\n".join(lines)


def load_groundtruth(path: Path = GROUNDTRUTH_FILE) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def run_groundtruth(
    pairs: Iterable[dict] | None = None, lint: Lint = _default_lint
) -> GroundTruthReport:
    results = []
    for pair in pairs if pairs is not None else load_groundtruth():
        context = CONTEXT_BY_GROUNDTRUTH_KIND.get(pair.get("kind", "doc"))
        before = lint(pair["before"], "line.txt", context)
        after = lint(pair["after"], "line.txt", context)
        removed = _word_spans(pair["before"], pair["terms_removed"])
        recalled = any(_overlaps((f.start, f.end), span) for f in before for span in removed)
        kept = _word_spans(pair["after"], pair.get("residual_terms") or [])
        false_alarms = [
            f for f in after if not any(_overlaps((f.start, f.end), span) for span in kept)
        ]
        results.append(PairResult(pair, before, after, recalled, false_alarms))
    return GroundTruthReport(results)
