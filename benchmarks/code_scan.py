"""Benchmark: check the comments and docstrings of a source tree and print what was found.

    python benchmarks/code_scan.py [PATH] [--quiet]

Defaults to ../shared/corpus/code/sqlalchemy next to this repository. Walks the
tree like ``allylint check`` does and prints each finding (unless --quiet), the
number of files and MB, then two timings (files already read, spaCy loaded):
checking as allylint does (a file without a candidate term is not parsed), with
the count of comment and docstring segments checked, and extracting every
file, with the count of segments there are. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

from allylint.api import default_engine
from allylint.discovery.sources import read_source
from allylint.discovery.walk import discover
from allylint.formats.reader import extract
from allylint.formats.segments import LineIndex, Segment

DEFAULT_CORPUS = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "code" / "sqlalchemy"
)


def _covers(segment: Segment, offset: int) -> bool:
    return segment.to_file_offset(0) <= offset <= segment.to_file_offset(len(segment.text) - 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--quiet", action="store_true", help="print totals only")
    args = parser.parse_args()
    if not args.path.exists():
        print(f"corpus not found: {args.path}", file=sys.stderr)
        return 2

    engine = default_engine()
    engine.might_match("warm up")
    files = list(discover([args.path]))
    sources = []
    for file in files:
        source, _notice = read_source(file.path, file.display)
        if source is not None:
            sources.append((file, source.text))
    megabytes = sum(len(text.encode("utf-8")) for _, text in sources) / 1e6
    formats = collections.Counter(file.input_format for file, _ in sources)

    # 1. What allylint does: files without a candidate term are not even parsed.
    started = time.perf_counter()
    checked: collections.Counter[str] = collections.Counter()
    by_rule: collections.Counter[str] = collections.Counter()
    lines_out = []
    for file, text in sources:
        if not engine.might_match(text):
            continue
        segments = extract(text, file.input_format)
        checked.update(segment.context for segment in segments)
        matches = engine.match_segments(segments, text)
        index = LineIndex(text)
        for match in matches:
            line, column = index.position(match.start)
            context = next((s.context for s in segments if _covers(s, match.start)), "?")
            by_rule[match.rule.id] += 1
            lines_out.append(
                f"{file.display}:{line}:{column}: {match.rule.id} [{context}] "
                f"{text[match.start : match.end]!r}: {index.line_text(line).strip()[:100]}"
            )
    check_seconds = time.perf_counter() - started

    # 2. Extraction alone, over every file, to count the segments there are.
    started = time.perf_counter()
    extracted: collections.Counter[str] = collections.Counter()
    for file, text in sources:
        extracted.update(segment.context for segment in extract(text, file.input_format))
    extract_seconds = time.perf_counter() - started

    if not args.quiet:
        print("\n".join(lines_out))
    print(
        f"files {len(sources)} ({', '.join(f'{k} {v}' for k, v in formats.most_common())})  "
        f"MB {megabytes:.2f}"
    )
    print(
        f"check (prefilter, then extract and match files with a candidate): "
        f"{check_seconds:.2f} s, {megabytes / check_seconds:.2f} MB/s; segments checked: "
        + (", ".join(f"{context} {count}" for context, count in checked.most_common()) or "none")
    )
    print(
        f"extraction of every file: {extract_seconds:.2f} s, "
        f"{megabytes / extract_seconds:.2f} MB/s; segments: "
        + ", ".join(f"{context} {count}" for context, count in extracted.most_common())
    )
    print(
        f"findings {sum(by_rule.values())}: "
        + ", ".join(f"{rule} {count}" for rule, count in by_rule.most_common())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
