"""How allylint's safe fixes compare with the rewrites real maintainers made.

    python benchmarks/fix_accuracy.py [--groundtruth FILE] [--verbose]

For every pair of ../shared/corpus/groundtruth_strict.jsonl whose ``before``
line gets at least one safe fix, the fixed line is compared with the
maintainers' ``after``:

- equal: the fixed line is the maintainers' line, byte for byte;
- acceptable: the lines differ only in the words allylint replaced (the
  maintainers chose another of the rule's alternatives, "agent" for "replica"
  say), and the fixed line has no finding left on the terms they removed;
- other: the maintainers rewrote more than the term (or something else).

A benchmark script, not a test.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

from allylint.api import lint_text
from allylint.fixes.edits import apply_edits

DEFAULT = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "corpus"
    / ("groundtruth_strict.jsonl")
)
_WORD = re.compile(r"\w+|[^\w\s]")


def _words_outside(fixed: str, replaced: list[tuple[int, int]]) -> list[str]:
    """The fixed line's words, with those inside replaced spans marked."""
    return [
        ("\0" if any(s <= m.start() < e for s, e in replaced) else m.group())
        for m in _WORD.finditer(fixed)
    ]


def classify(before: str, after: str, removed: list[str]) -> tuple[str, str] | None:
    findings = lint_text(before, "line.txt")
    edits = [f.fix for f in findings if f.fix]
    if not edits:
        return None
    fixed, _ = apply_edits(before, edits)
    if fixed == after:
        return "equal", fixed
    # Where the replacements landed in the fixed line.
    replaced, shift = [], 0
    for edit in sorted(edits, key=lambda e: e.start):
        start = edit.start + shift
        replaced.append((start, start + len(edit.replacement)))
        shift += len(edit.replacement) - (edit.end - edit.start)
    ours = _words_outside(fixed, replaced)
    theirs = [m.group() for m in _WORD.finditer(after)]
    matcher = difflib.SequenceMatcher(a=ours, b=theirs, autojunk=False)
    only_replaced = all(
        tag == "equal" or all(word == "\0" for word in ours[i1:i2])
        for tag, i1, i2, _, _ in matcher.get_opcodes()
    )
    still = {f.text.lower() for f in lint_text(fixed, "line.txt")}
    if only_replaced and not any(term.lower() in still for term in removed):
        return "acceptable", fixed
    return "other", fixed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groundtruth", type=Path, default=DEFAULT)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    if not args.groundtruth.exists():
        print(f"not found: {args.groundtruth}", file=sys.stderr)
        return 2
    counts = {"equal": 0, "acceptable": 0, "other": 0}
    pairs = 0
    for line in args.groundtruth.read_text(encoding="utf-8").splitlines():
        pair = json.loads(line)
        pairs += 1
        verdict = classify(pair["before"], pair["after"], pair["terms_removed"])
        if verdict is None:
            continue
        kind, fixed = verdict
        counts[kind] += 1
        if args.verbose and kind != "equal":
            print(
                f"{kind.upper():<10} before: {pair['before'].strip()[:110]}\n"
                f"{'':<10} ours:   {fixed.strip()[:110]}\n"
                f"{'':<10} theirs: {pair['after'].strip()[:110]}"
            )
    fixed_pairs = sum(counts.values())
    print(f"pairs {pairs}; with a safe fix {fixed_pairs}")
    for kind, count in counts.items():
        share = count / fixed_pairs if fixed_pairs else 0.0
        print(f"  {kind:<11} {count:5}  {share:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
