"""Benchmark: scan the shared documentation corpus and print throughput.

    python benchmarks/run.py [PATH]

Defaults to ../shared/corpus/docs next to this repository. Prints files, MB,
seconds, MB/s, findings and peak memory. A benchmark, not a test: nothing is
asserted.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from allylint.api import check_files, default_engine
from allylint.discovery import discover

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "docs"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    if not args.path.exists():
        print(f"corpus not found: {args.path}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    engine = default_engine()
    files = list(discover([args.path]))
    size = sum(f.path.stat().st_size for f in files)
    findings = 0
    for result in check_files(engine, files):
        findings += len(result.findings)
    seconds = time.perf_counter() - started
    megabytes = size / 1e6
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"files {len(files)}  MB {megabytes:.1f}  seconds {seconds:.2f}  "
        f"MB/s {megabytes / seconds:.2f}  findings {findings}  peak RSS {peak:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
