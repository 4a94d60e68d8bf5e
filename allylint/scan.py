"""Scanning many files: the result cache and parallel worker processes.

Workers are forked from the process that built the engine, so they share its
compiled rules and prefilter instead of rebuilding them; results come back in
the order of the files, so output is the same as a single-process run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any

from allylint.api import CheckOptions, FileResult, check_file
from allylint.cache import ResultCache
from allylint.discovery import FileToCheck
from allylint.engine import Engine
from allylint.wire import result_from_wire, result_to_wire

# Below this much work a pool costs more than it saves.
_MIN_FILES_FOR_WORKERS = 8
_MIN_BYTES_FOR_WORKERS = 2_000_000
_CHUNK = 4


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# Set in the parent right before forking; workers read them.
_WORKER_STATE: dict[str, Any] = {}


def _work(file: FileToCheck) -> list[Any]:
    state = _WORKER_STATE
    result = check_file(
        state["engine"], file, state["options"], state["cache"], state["keep_source"]
    )
    return result_to_wire(result, keep_source=state["keep_source"])


def _worth_workers(files: Sequence[FileToCheck], jobs: int) -> bool:
    if jobs <= 1 or len(files) < _MIN_FILES_FOR_WORKERS:
        return False
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    total = 0
    for file in files:
        try:
            total += file.path.stat().st_size
        except OSError:
            continue
        if total >= _MIN_BYTES_FOR_WORKERS:
            return True
    return False


def check_many(
    engine: Engine,
    files: Sequence[FileToCheck],
    options: CheckOptions,
    jobs: int = 1,
    cache: ResultCache | None = None,
    keep_source: bool = False,
) -> Iterator[FileResult]:
    """Results for ``files``, in order, using up to ``jobs`` processes."""
    if not _worth_workers(files, jobs):
        for file in files:
            yield check_file(engine, file, options, cache, keep_source)
        return
    _WORKER_STATE.update(engine=engine, options=options, cache=cache, keep_source=keep_source)
    rules = {rule.id: rule for rule in engine.rules}
    import multiprocessing

    context = multiprocessing.get_context("fork")
    try:
        with context.Pool(min(jobs, len(files))) as pool:
            for wire in pool.imap(_work, files, chunksize=_CHUNK):
                yield result_from_wire(wire, rules)
    finally:
        _WORKER_STATE.clear()
