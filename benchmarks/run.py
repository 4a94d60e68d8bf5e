"""Benchmark allylint end to end, as users run it (the real command in a subprocess).

    python benchmarks/run.py [--corpus DIR] [--jobs N] [--alex] [--only NAME ...]

Scenarios: the documentation corpus (../shared/corpus/docs, 44 MB), the code
corpus (../shared/corpus/code/sqlalchemy, 8 MB of Python), one clean file and
one file with findings (as a pre-commit hook runs them), a linearity check
(one big file against the same text split over many files), and ``workers``:
``-j 1`` against the default number of workers on a 3 MB Markdown tree and on
the docs corpus, which is how the default (allylint/run/workers.py) was chosen.
For each: wall seconds, MB/s, CPU seconds (user and system, all processes),
peak RSS of the whole process tree, and findings. With
``--alex``, when node and npm are available, alex 11 is installed into a
temporary folder and timed on a sample of the same Markdown files.

A benchmark, not a test: it asserts nothing. Results vary with machine load.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "corpus"
ALLYLINT = [sys.executable, "-m", "allylint"]


@dataclass
class Measurement:
    name: str
    megabytes: float
    seconds: float
    peak_mb: float
    findings: int | None
    cpu_seconds: float = 0.0

    def line(self) -> str:
        rate = self.megabytes / self.seconds if self.seconds else 0.0
        found = "-" if self.findings is None else str(self.findings)
        return (
            f"{self.name:<34} {self.megabytes:8.2f} MB {self.seconds:8.2f} s "
            f"{rate:8.2f} MB/s  cpu {self.cpu_seconds:6.2f} s  peak {self.peak_mb:6.0f} MB  "
            f"findings {found}"
        )


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(
                int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")
            )
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                stack.extend(int(child) for child in children)
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run_measured(command: list[str], cwd: Path | None = None) -> tuple[float, float, str, float]:
    """Wall seconds, peak tree RSS in MB, stdout and CPU seconds of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
        peak = 0
        while process.poll() is None:
            peak = max(peak, _tree_rss_kb(process.pid))
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        out.seek(0)
        return seconds, peak / 1024, out.read().decode("utf-8", "replace"), cpu


def size_mb(paths: list[Path]) -> float:
    total = 0
    for path in paths:
        if path.is_dir():
            total += sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        else:
            total += path.stat().st_size
    return total / 1e6


def allylint(
    name: str, paths: list[Path], jobs: int | None, cache: bool = False, cwd: Path | None = None
) -> Measurement:
    command = [
        *ALLYLINT,
        "check",
        "--format",
        "json",
        "--fail-on",
        "never",
        *(["--jobs", str(jobs)] if jobs else []),
        *([] if cache else ["--no-cache"]),
        *map(str, paths),
    ]
    seconds, peak, out, cpu = run_measured(command, cwd)
    return Measurement(name, size_mb(paths), seconds, peak, len(json.loads(out or "[]")), cpu)


def alex(sample: list[Path]) -> Measurement | None:
    if not (shutil.which("node") and shutil.which("npm")):
        print("alex: node/npm not available; skipped", file=sys.stderr)
        return None
    folder = Path(tempfile.mkdtemp(prefix="alex-bench-"))
    install = subprocess.run(
        ["npm", "install", "--silent", "--no-audit", "--no-fund", "alex@11"],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    binary = folder / "node_modules" / ".bin" / "alex"
    if install.returncode != 0 or not binary.exists():
        print(f"alex: npm install failed; skipped\n{install.stderr[-500:]}", file=sys.stderr)
        return None
    command = [str(binary), "--quiet", *map(str, sample)]
    seconds, peak, _, cpu = run_measured(command)
    report = subprocess.run([str(binary), *map(str, sample)], capture_output=True, text=True)
    warnings = sum(1 for line in report.stderr.splitlines() if "warning" in line)
    return Measurement(
        "alex 11 (same Markdown sample)", size_mb(sample), seconds, peak, warnings, cpu
    )


def markdown_sample(corpus: Path, megabytes: float) -> list[Path]:
    chosen, total = [], 0
    for path in sorted(corpus.rglob("*.md")):
        chosen.append(path)
        total += path.stat().st_size
        if total >= megabytes * 1e6:
            break
    return chosen


def linearity(corpus: Path, jobs: int | None) -> list[Measurement]:
    """One big file against the same text split into many files."""
    folder = Path(tempfile.mkdtemp(prefix="allylint-linear-"))
    parts = folder / "parts"
    parts.mkdir()
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(corpus.rglob("*.md"))][
        :400
    ]
    for index, text in enumerate(texts):
        (parts / f"{index:04}.md").write_text(text, encoding="utf-8")
    big = folder / "big.md"
    big.write_text("\n\n".join(texts), encoding="utf-8")
    results = [
        allylint("one big file", [big], jobs),
        allylint(f"same text in {len(texts)} files, -j 1", [parts], 1),
    ]
    shutil.rmtree(folder, ignore_errors=True)
    return results


def workers(docs: Path) -> list[Measurement]:
    """``-j 1`` against allylint's default number of workers, on 3 MB and on 44 MB."""
    sample = markdown_sample(docs, 3.0)
    return [
        allylint("3 MB of Markdown, -j 1", sample, 1),
        allylint("3 MB of Markdown, default workers", sample, None),
        allylint("docs corpus, -j 1", [docs], 1),
        allylint("docs corpus, default workers", [docs], None),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED)
    parser.add_argument("--jobs", type=int, default=None, help="default: allylint's own")
    parser.add_argument("--alex", action="store_true", help="also time alex (needs npm)")
    parser.add_argument(
        "--only",
        nargs="*",
        default=None,
        choices=["docs", "code", "hook", "linear", "cache", "workers"],
    )
    args = parser.parse_args()
    docs, code = args.corpus / "docs", args.corpus / "code" / "sqlalchemy"
    if not docs.is_dir():
        print(f"corpus not found: {docs}", file=sys.stderr)
        return 2
    wanted = set(args.only or ["docs", "code", "hook", "linear", "cache", "workers"])
    results: list[Measurement] = []
    if "docs" in wanted:
        results.append(allylint("docs corpus", [docs], args.jobs))
        results.append(allylint("docs corpus, -j 1", [docs], 1))
    if "code" in wanted and code.is_dir():
        results.append(allylint("code corpus (sqlalchemy)", [code], args.jobs))
    if "cache" in wanted:
        with tempfile.TemporaryDirectory() as home:
            allylint(
                "docs corpus, filling the cache", [docs], args.jobs, cache=True, cwd=Path(home)
            )
            results.append(
                allylint("docs corpus, warm cache", [docs], args.jobs, cache=True, cwd=Path(home))
            )
    if "hook" in wanted:
        with tempfile.TemporaryDirectory() as folder:
            clean = Path(folder) / "clean.md"
            clean.write_text("# Notes\n\nA short page about queues and caches.\n")
            dirty = Path(folder) / "dirty.md"
            dirty.write_text("# Notes\n\nAdd the runner to the whitelist first.\n")
            results.append(allylint("one clean file (hook)", [clean], None))
            results.append(allylint("one file with findings (hook)", [dirty], None))
    if "workers" in wanted:
        results.extend(workers(docs))
    if "linear" in wanted:
        results.extend(linearity(docs, args.jobs))
    if args.alex:
        sample = markdown_sample(docs, 2.0)
        results.append(allylint("allylint (same Markdown sample)", sample, args.jobs))
        measured = alex(sample)
        if measured is not None:
            results.append(measured)
            ours = results[-2]
            print(
                f"alex / allylint wall-time ratio on the sample: "
                f"{measured.seconds / ours.seconds:.1f}x"
            )
    print(f"cores {os.cpu_count()}, python {sys.version.split()[0]}")
    for measurement in results:
        print(measurement.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
