"""Benchmark: replay hand judgments of a real corpus against the current code.

    python benchmarks/judged.py docs/accuracy/judged/docs.yaml [--corpus-root DIR]

A judgments file (docs/accuracy/judged/*.yaml) names its ``corpus`` (a folder
under the corpus root) and holds ``sample``, a seeded random sample of the
findings of one run, each with path, line, column, term and verdict tp or fp,
and ``silent``, a census of lines with a candidate word and no finding, each
with path, line, term and verdict missed or ok (paths relative to the corpus).

This runs ``allylint check --no-cache --format json`` on the same corpus
(``--corpus-root``, default ../shared/corpus next to this repository, joined
with the file's ``corpus``) and reports how many judged true
positives are still reported, how many judged false positives are gone, how
many sample findings no longer exist, the precision of the sample today and how
many silent lines judged missed are now reported. A benchmark, not a test: it
gates nothing, and says how far a change moved the judged figures.

A sample finding is still reported when a finding today has the same path, line
and column and the same matched text (case aside): rule ids may be renamed
without changing what is found. A silent line is now reported when a finding on
that line matches its term (one text holds the other, case aside).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DEFAULT_CORPUS_ROOT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
SAMPLE_VERDICTS = ("tp", "fp")
SILENT_VERDICTS = ("missed", "ok")


class JudgmentsError(Exception):
    """A judgments file that cannot be read; the message names file, line and key."""


@dataclass(frozen=True)
class Judged:
    path: str
    line: int
    column: int | None  # silent lines have none
    term: str
    verdict: str


@dataclass(frozen=True)
class Judgments:
    corpus: str
    sample: list[Judged]
    silent: list[Judged]


@dataclass(frozen=True)
class Found:
    path: str
    line: int
    column: int
    text: str


@dataclass(frozen=True)
class Replay:
    tp_judged: int
    tp_kept: int
    fp_judged: int
    fp_gone: int
    sample_gone: int
    missed_judged: int
    missed_now_reported: int
    findings_today: int

    @property
    def precision_today(self) -> float | None:
        """Share of true positives among the judged findings still reported."""
        kept = self.tp_kept + (self.fp_judged - self.fp_gone)
        return self.tp_kept / kept if kept else None


def _entry(
    item: Any, line: int, where: str, verdicts: tuple[str, ...], with_column: bool
) -> Judged:
    if not isinstance(item, dict):
        raise JudgmentsError(f"line {line}: {where}: expected a mapping")
    keys = ("path", "line", "term", "verdict") + (("column",) if with_column else ())
    for key in keys:
        if key not in item:
            raise JudgmentsError(f"line {line}: {where}: missing key '{key}'")
    for key in ("line", "column") if with_column else ("line",):
        if not isinstance(item[key], int) or isinstance(item[key], bool) or item[key] < 1:
            raise JudgmentsError(f"line {line}: {where}: key '{key}' must be a positive integer")
    if item["verdict"] not in verdicts:
        raise JudgmentsError(
            f"line {line}: {where}: key 'verdict' must be one of {', '.join(verdicts)},"
            f" not {item['verdict']!r}"
        )
    return Judged(
        path=str(item["path"]),
        line=item["line"],
        column=item["column"] if with_column else None,
        term=str(item["term"]),
        verdict=item["verdict"],
    )


def load_judgments(file: Path) -> Judgments:
    """Read and check a judgments file; errors name the file, the line and the key."""
    try:
        text = file.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except (OSError, yaml.YAMLError) as error:
        raise JudgmentsError(f"{file}: {error}") from None
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        raise JudgmentsError(f"{file}: line 1: expected a mapping with keys corpus, sample, silent")
    # The composed nodes give each entry's line; the loaded data gives its values.
    lines = {
        key.value: [item.start_mark.line + 1 for item in value.value]
        for key, value in root.value
        if isinstance(value, yaml.SequenceNode)
    }
    try:
        if not isinstance(data.get("corpus"), str) or not data["corpus"]:
            raise JudgmentsError("line 1: key 'corpus' must name a folder under the corpus root")
        entries: dict[str, list[Judged]] = {}
        for key, verdicts, with_column in (
            ("sample", SAMPLE_VERDICTS, True),
            ("silent", SILENT_VERDICTS, False),
        ):
            items = data.get(key)
            if items is None:
                items = []
            if not isinstance(items, list):
                raise JudgmentsError(f"line 1: key '{key}' must be a list")
            entries[key] = [
                _entry(item, line, f"{key}[{index}]", verdicts, with_column)
                for index, (item, line) in enumerate(zip(items, lines.get(key, []), strict=True))
            ]
    except JudgmentsError as error:
        raise JudgmentsError(f"{file}: {error}") from None
    return Judgments(corpus=data["corpus"], sample=entries["sample"], silent=entries["silent"])


def run_allylint(corpus: Path) -> list[Found]:
    """The findings of ``allylint check --no-cache --format json`` on the corpus."""
    completed = subprocess.run(
        [sys.executable, "-m", "allylint", "check", "--no-cache", "--format", "json", str(corpus)],
        capture_output=True,
        text=True,
        check=False,
    )
    # allylint exits 1 when it reports findings; anything else is a failure.
    if completed.returncode not in (0, 1):
        raise RuntimeError(f"allylint failed ({completed.returncode}): {completed.stderr.strip()}")
    return [
        Found(
            path=Path(os.path.relpath(item["path"], corpus)).as_posix(),
            line=item["line"],
            column=item["column"],
            text=item["text"],
        )
        for item in json.loads(completed.stdout)
    ]


def _matches(term: str, text: str) -> bool:
    term, text = term.casefold(), text.casefold()
    return term in text or text in term


def replay(judgments: Judgments, findings: list[Found]) -> Replay:
    """Compare today's findings with the judged sample and silent lines."""
    reported = {(f.path, f.line, f.column, f.text.casefold()) for f in findings}
    by_line: dict[tuple[str, int], list[str]] = {}
    for finding in findings:
        by_line.setdefault((finding.path, finding.line), []).append(finding.text)

    def still_reported(judged: Judged) -> bool:
        return (judged.path, judged.line, judged.column, judged.term.casefold()) in reported

    tp = [j for j in judgments.sample if j.verdict == "tp"]
    fp = [j for j in judgments.sample if j.verdict == "fp"]
    missed = [j for j in judgments.silent if j.verdict == "missed"]
    return Replay(
        tp_judged=len(tp),
        tp_kept=sum(still_reported(j) for j in tp),
        fp_judged=len(fp),
        fp_gone=sum(not still_reported(j) for j in fp),
        sample_gone=sum(not still_reported(j) for j in judgments.sample),
        missed_judged=len(missed),
        missed_now_reported=sum(
            any(_matches(j.term, text) for text in by_line.get((j.path, j.line), []))
            for j in missed
        ),
        findings_today=len(findings),
    )


def format_replay(name: str, result: Replay) -> str:
    precision = result.precision_today
    shown = "n/a (no judged finding is still reported)" if precision is None else f"{precision:.3f}"
    sample = result.tp_judged + result.fp_judged
    return "\n".join(
        [
            f"{name}: {result.findings_today} findings today",
            f"judged tp still reported: {result.tp_kept}/{result.tp_judged}",
            f"judged fp gone: {result.fp_gone}/{result.fp_judged}",
            f"sample findings no longer reported: {result.sample_gone}/{sample}",
            f"precision of the sample today: {shown}",
            f"silent lines judged missed now reported: "
            f"{result.missed_now_reported}/{result.missed_judged}",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("judgments", type=Path, help="a file in docs/accuracy/judged/")
    parser.add_argument(
        "--corpus-root",
        type=Path,
        default=DEFAULT_CORPUS_ROOT,
        help="the folder that holds the judged corpus (default: ../shared/corpus)",
    )
    args = parser.parse_args()
    try:
        judgments = load_judgments(args.judgments)
    except JudgmentsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    corpus = args.corpus_root / judgments.corpus
    if not corpus.is_dir():
        print(f"error: corpus not found: {corpus}", file=sys.stderr)
        return 2
    print(format_replay(judgments.corpus, replay(judgments, run_allylint(corpus))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
