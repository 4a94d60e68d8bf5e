"""Checking many files: in this process, or in worker processes for large scans.

A worker is given the engine, the check options and the result cache, checks
the files it is sent and sends back their ``FileResult``s; nothing else is
shared. Where the platform forks (Linux, macOS) a worker starts with a copy of
the parent's engine; where it spawns them (Windows) the engine travels as the
plain data it is built from (the rule set, the allowed phrases and the languages) and each
worker compiles it. Before any worker starts, this process takes what the result
cache holds, so that a run where every file is unchanged starts no worker and
never loads spaCy. Results are yielded in the order of the files, so the output
is the same as a single-process run.
"""

from __future__ import annotations

import os
import queue
import signal
import traceback
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from allylint.api import CheckOptions, cached_result, check_file
from allylint.discovery.walk import FileToCheck
from allylint.engine.core import Engine
from allylint.findings.model import FileResult
from allylint.run.cache import ResultCache

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

# Below this much work, starting processes costs more than it saves.
_MIN_FILES_FOR_WORKERS = 8
_MIN_BYTES_FOR_WORKERS = 2_000_000
# With the default (-j 0) a worker is started for every this many bytes, up to one
# per core: on two cores one process beat two workers on a 3 MB tree, and two
# workers beat one on the 44 MB docs corpus (benchmarks/run.py --only workers).
BYTES_PER_WORKER = 8_000_000
_CHUNK = 4  # files per task: fewer round trips, and still a balanced load
_POLL_SECONDS = 1.0  # how often a waiting parent checks that its workers still run


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class WorkerError(RuntimeError):
    """A worker process failed or stopped before sending its results."""


@dataclass(frozen=True)
class _Job:
    """What every worker is given; pickled when workers are spawned."""

    engine: Engine
    options: CheckOptions
    cache: ResultCache | None
    keep_source: bool


def _serve(job: _Job, tasks: Any, results: Any) -> None:
    """A worker's life: check chunks of files until told to stop.

    The parent handles Ctrl-C and stops its workers, so a worker ignores it and
    dies at once when terminated; it also ends when its parent is gone (killed
    before it could stop them), rather than writing to a pipe nobody reads."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parent = os.getppid()
    while True:
        try:
            task = tasks.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            if os.getppid() != parent:
                return
            continue
        if task is None:
            return
        index, files = task
        try:
            checked = [
                check_file(job.engine, file, job.options, job.cache, job.keep_source)
                for file in files
            ]
        except Exception:  # sent to the parent, which raises it
            results.put((index, [], traceback.format_exc()))
            return
        results.put((index, checked, None))


def worker_count(files: Sequence[FileToCheck], jobs: int) -> int:
    """How many processes check ``files``; 1 means this one.

    ``jobs`` (``-j N``) is the most to use; 0 chooses from the amount of work: a
    worker for every ``BYTES_PER_WORKER`` bytes, up to one per core."""
    if jobs == 1 or len(files) < _MIN_FILES_FOR_WORKERS:
        return 1
    limit = jobs or default_jobs()
    per_worker = _MIN_BYTES_FOR_WORKERS if jobs else BYTES_PER_WORKER
    enough = per_worker * limit  # no need to stat more files than that
    total = 0
    for file in files:
        try:
            total += file.path.stat().st_size
        except OSError:
            continue
        if total >= enough:
            break
    if jobs:
        return jobs if total >= per_worker else 1
    return max(1, min(limit, total // per_worker))


def _default_start_method() -> str:
    import multiprocessing

    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _next_result(results: Any, workers: Sequence[BaseProcess]) -> tuple[int, list[FileResult]]:
    while True:
        try:
            index, checked, failure = results.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            codes = [worker.exitcode for worker in workers]
            if any(codes) or None not in codes:
                code = next((code for code in codes if code), 0)
                raise WorkerError(
                    f"a worker process stopped unexpectedly (exit code {code})"
                ) from None
            continue
        if failure is not None:
            raise WorkerError(f"a worker process failed:\n{failure}")
        return index, checked


def _in_workers(
    context: BaseContext, job: _Job, files: Sequence[FileToCheck], jobs: int
) -> Iterator[FileResult]:
    chunks = [files[start : start + _CHUNK] for start in range(0, len(files), _CHUNK)]
    tasks, results = context.Queue(), context.Queue()
    workers = [
        context.Process(target=_serve, args=(job, tasks, results), daemon=True)  # type: ignore[attr-defined]
        for _ in range(min(jobs, len(chunks)))
    ]
    for worker in workers:
        worker.start()
    # Tasks are queued after the workers start: forking while the queue's feeder
    # thread runs would copy a process in the middle of a write.
    for task in enumerate(chunks):
        tasks.put(task)
    for _ in workers:
        tasks.put(None)
    arrived: dict[int, list[FileResult]] = {}
    finished = False
    try:
        for index in range(len(chunks)):
            while index not in arrived:
                done, checked = _next_result(results, workers)
                arrived[done] = checked
            yield from arrived.pop(index)
        finished = True
    finally:
        if not finished:  # stopped early or failed: the rest of the work is not wanted
            tasks.cancel_join_thread()
            for worker in workers:
                worker.terminate()
        for worker in workers:
            worker.join()


def check_many(
    engine: Engine,
    files: Sequence[FileToCheck],
    options: CheckOptions,
    jobs: int = 0,
    cache: ResultCache | None = None,
    keep_source: bool = False,
    start_method: str | None = None,
) -> Iterator[FileResult]:
    """Results for ``files``, in order, using up to ``jobs`` processes (0: as many as
    the amount of work is worth, see ``worker_count``). ``start_method`` ("fork" or
    "spawn") overrides the platform's choice."""
    workers = worker_count(files, jobs)
    if workers == 1:
        for file in files:
            yield check_file(engine, file, options, cache, keep_source)
        return
    if cache is None:
        yield from _in_new_workers(engine, files, options, workers, None, keep_source, start_method)
        return
    # What the cache answers needs no worker: with every file unchanged, no process
    # is started and spaCy is not loaded. The files left decide how many workers.
    hits = {index: cached_result(file, cache, keep_source) for index, file in enumerate(files)}
    left = [file for index, file in enumerate(files) if hits[index] is None]
    workers = worker_count(left, jobs)
    fresh: Generator[FileResult, None, None] = (
        (check_file(engine, file, options, cache, keep_source) for file in left)
        if workers == 1
        else _in_new_workers(engine, left, options, workers, cache, keep_source, start_method)
    )
    try:
        for index in range(len(files)):
            hit = hits[index]
            yield hit if hit is not None else next(fresh)
    finally:
        fresh.close()  # stopped early: the workers' remaining work is not wanted


def _in_new_workers(
    engine: Engine,
    files: Sequence[FileToCheck],
    options: CheckOptions,
    workers: int,
    cache: ResultCache | None,
    keep_source: bool,
    start_method: str | None,
) -> Generator[FileResult, None, None]:
    import multiprocessing

    method = start_method or _default_start_method()
    if method == "fork":
        # Loaded once here, spaCy is inherited by every forked worker instead of
        # being loaded again in each of them.
        from allylint.engine.nlp import get_pipeline

        get_pipeline()
    context = multiprocessing.get_context(method)
    job = _Job(engine, options, cache, keep_source)
    yield from _in_workers(context, job, files, workers)
