"""Accuracy of the built-in rule pack: labeled suite, maintainers' ground truth, real docs.

    python benchmarks/accuracy.py [--verbose] [--sample N --seed S [--sample-file PATH]]

(a) precision and recall per category on tests/accuracy/cases.yaml (the old suite,
    now a regression set: the rules were written from it) and on the held-out suite
    in tests/accuracy/heldout/ (written from public style guides before the rules)
    and its second to eighth rounds in tests/accuracy/heldout2/ to heldout8/
    (written later, each by another writer, the same way), each for all its cases
    and each of its halves; and the development cases of tests/accuracy/families/
    (term families written before their rules), one line per family;
    ``--verbose`` lists the misses of the dev halves only, so that the test halves
    stay unseen;
(b) on ../shared/corpus/groundtruth_strict.jsonl (lines maintainers rewrote for
    inclusive wording): recall on the lines before the rewrite and the rate of
    false alarms on the lines after it, each line linted as the kind of text the
    corpus records (documentation as plain text, comments and docstrings as such);
(c) the pack run over ../shared/corpus/docs: findings per MB and per rule, and with
    --sample a random sample of findings, with a few lines of context each, written
    to a file for judging by hand (see docs/accuracy/).

A benchmark, not a test: it prints and asserts nothing (the targets are checked by
tests/accuracy/test_accuracy.py). Parts whose corpus is missing are skipped.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

from allylint.api import check_files, default_engine  # noqa: E402
from allylint.discovery.walk import discover  # noqa: E402
from allylint.findings.model import Finding  # noqa: E402
from tests.accuracy import scoring  # noqa: E402

CONTEXT_LINES = 2  # lines of context shown before and after a sampled finding


def labeled_suite(verbose: bool) -> None:
    report = scoring.run_suite()
    print("== (a) labeled suite: tests/accuracy/cases.yaml")
    print(report.table())
    problems = report.failures()
    print("targets: " + ("met" if not problems else "MISSED: " + "; ".join(problems)))
    if verbose and report.details():
        print(report.details())
    print()


def heldout_suite(folder: Path, verbose: bool) -> None:
    print(f"== (a) held-out suite: {folder.relative_to(REPO)}/")
    for split in (None, *scoring.SPLITS):
        cases = scoring.load_heldout(split, folder)
        report = scoring.run_suite(cases)
        print(f"-- {split or 'all'} ({len(cases)} cases)")
        print(report.table())
        if verbose and split == "dev" and report.details():
            print(report.details())
    print()


def families(verbose: bool) -> None:
    print(f"== (a) term families (development cases): {scoring.FAMILIES_DIR.relative_to(REPO)}/")
    for path in sorted(scoring.FAMILIES_DIR.glob("*.yaml")):
        report = scoring.run_family(path)
        overall = report.overall
        note = ""
        if path.stem in scoring.FAMILIES_NOT_COVERED:
            note = "  (not covered yet)"
        elif path.stem in scoring.FAMILY_FLOORS:
            precision, recall = scoring.FAMILY_FLOORS[path.stem]
            note = f"  (partly covered; floor {precision:.2f} / {recall:.2f})"
        print(
            f"{path.stem:24} positives {overall.positives:3}  precision {overall.precision:.3f}"
            f"  recall {overall.recall:.3f}{note}"
        )
        if verbose and report.details():
            print(report.details())
    print()


def groundtruth(path: Path, verbose: bool) -> None:
    print(f"== (b) ground truth: {path}")
    if not path.exists():
        print("skipped: file not found\n")
        return
    report = scoring.run_groundtruth(scoring.load_groundtruth(path))
    print(report.summary())
    missed = collections.Counter(
        term.lower()
        for result in report.results
        if not result.recalled
        for term in sorted(set(result.pair["terms_removed"]))
    )
    print("missed pairs by removed term: " + ", ".join(f"{t} {n}" for t, n in missed.most_common()))
    if verbose and report.details():
        print(report.details())
    print()


def _context(path: Path, finding: Finding, cache: dict[Path, list[str]]) -> str:
    if path not in cache:
        cache[path] = path.read_text(encoding="utf-8", errors="replace").splitlines()
    lines = cache[path]
    first = max(0, finding.line - 1 - CONTEXT_LINES)
    last = min(len(lines), finding.line + CONTEXT_LINES)
    shown = []
    for number in range(first, last):
        marker = ">" if number == finding.line - 1 else " "
        shown.append(f"    {marker} {number + 1:5d} | {lines[number]}")
    return "\n".join(shown)


def docs_corpus(path: Path, sample: int, seed: int, sample_file: Path, verbose: bool) -> None:
    print(f"== (c) documentation corpus: {path}")
    if not path.exists():
        print("skipped: folder not found\n")
        return
    engine = default_engine()
    files = list(discover([path]))
    size = sum(f.path.stat().st_size for f in files)
    started = time.perf_counter()
    found: list[tuple[Path, Finding]] = []
    for file, result in zip(files, check_files(engine, files), strict=True):
        found.extend((file.path, finding) for finding in result.findings)
    seconds = time.perf_counter() - started
    megabytes = size / 1e6
    print(
        f"{len(files)} files, {megabytes:.1f} MB, {seconds:.1f} s: {len(found)} findings, "
        f"{len(found) / megabytes:.2f} findings per MB"
    )
    by_rule = collections.Counter(finding.rule_id for _, finding in found)
    print("by rule: " + ", ".join(f"{rule} {count}" for rule, count in by_rule.most_common()))
    by_category = collections.Counter(finding.category for _, finding in found)
    print(
        "by category: "
        + ", ".join(f"{category} {count}" for category, count in by_category.most_common())
    )
    if verbose:
        for _, finding in found:
            where = f"{finding.path}:{finding.line}:{finding.column}"
            print(f"  {where}: {finding.rule_id} {finding.text!r}")
    if sample:
        chosen = random.Random(seed).sample(found, min(sample, len(found)))
        chosen.sort(key=lambda item: (item[1].path, item[1].line, item[1].column))
        cache: dict[Path, list[str]] = {}
        blocks = [
            f"# {len(chosen)} findings sampled with seed {seed} from {len(found)} findings "
            f"in {path}\n# judge each one in context: TP or FP, with a short reason\n"
        ]
        for index, (file_path, finding) in enumerate(chosen, 1):
            blocks.append(
                f"[{index}] {finding.path}:{finding.line}:{finding.column}  "
                f"{finding.rule_id}  {finding.text!r}\n{_context(file_path, finding, cache)}\n"
            )
        sample_file.parent.mkdir(parents=True, exist_ok=True)
        sample_file.write_text("\n".join(blocks), encoding="utf-8")
        print(f"wrote a sample of {len(chosen)} findings (seed {seed}) to {sample_file}")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print misses and false alarms")
    parser.add_argument("--groundtruth", type=Path, default=scoring.GROUNDTRUTH_FILE)
    parser.add_argument("--docs", type=Path, default=scoring.DOCS_CORPUS)
    parser.add_argument("--sample", type=int, default=0, help="sample N docs findings")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random sample")
    parser.add_argument(
        "--sample-file",
        type=Path,
        default=None,
        help="where to write the sample (default: docs-sample-<seed>.txt in the current folder)",
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=[
            "suite",
            *(folder.name for folder in scoring.HELDOUT_ROUNDS),
            "families",
            "groundtruth",
            "docs",
        ],
    )
    args = parser.parse_args()
    if "suite" not in args.skip:
        labeled_suite(args.verbose)
    for folder in scoring.HELDOUT_ROUNDS:
        if folder.name not in args.skip:
            heldout_suite(folder, args.verbose)
    if "families" not in args.skip:
        families(args.verbose)
    if "groundtruth" not in args.skip:
        groundtruth(args.groundtruth, args.verbose)
    if "docs" not in args.skip:
        sample_file = args.sample_file or Path(f"docs-sample-{args.seed}.txt")
        docs_corpus(args.docs, args.sample, args.seed, sample_file, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
