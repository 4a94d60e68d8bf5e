"""Scanning many files: the result cache and parallel worker processes.

Where the platform can fork (Linux, macOS), workers are forked from the process
that built the engine, so they share its compiled rules and prefilter. Elsewhere
(Windows) they are spawned and each builds the same engine from an
``EngineRecipe``: the rule files and the configuration. Results come back in the
order of the files, so output is the same as a single-process run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allylint.api import CheckOptions, FileResult, check_file
from allylint.config.loader import Config, configure_rules
from allylint.discovery.walk import FileToCheck
from allylint.engine.core import Engine
from allylint.rules.model import RuleSet, load_rules
from allylint.run.cache import ResultCache
from allylint.run.wire import result_from_wire, result_to_wire

# Below this much work a pool costs more than it saves.
_MIN_FILES_FOR_WORKERS = 8
_MIN_BYTES_FOR_WORKERS = 2_000_000
_CHUNK = 4


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class EngineRecipe:
    """What a spawned worker needs to build the engine its parent built: compiled
    rules cannot be pickled, so it loads the same rule files and configures them."""

    rule_files: tuple[Path, ...]
    config: Config

    @classmethod
    def for_rules(cls, rules: RuleSet, config: Config) -> EngineRecipe:
        return cls(tuple(dict.fromkeys(rule.path for rule in rules)), config)

    def build(self) -> Engine:
        return configured_engine(load_rules(self.rule_files), self.config)


def configured_engine(rules: RuleSet, config: Config) -> Engine:
    """The engine for ``rules`` with the configuration's selection, severities and
    allowed phrases. Raises ConfigError for unknown rule names."""
    return Engine(configure_rules(rules, config), allow=config.allow)


# Set in the parent right before forking, or by each spawned worker on start-up.
_WORKER_STATE: dict[str, Any] = {}


def _start_spawned_worker(
    recipe: EngineRecipe, options: CheckOptions, cache: ResultCache | None, keep_source: bool
) -> None:
    _WORKER_STATE.update(
        engine=recipe.build(), options=options, cache=cache, keep_source=keep_source
    )


def _work(file: FileToCheck) -> list[Any]:
    state = _WORKER_STATE
    result = check_file(
        state["engine"], file, state["options"], state["cache"], state["keep_source"]
    )
    return result_to_wire(result, keep_source=state["keep_source"])


def _start_method(recipe: EngineRecipe | None) -> str | None:
    """Fork where the platform can; else spawn, given a recipe for the engine."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn" if recipe is not None else None


def _worth_workers(files: Sequence[FileToCheck], jobs: int) -> bool:
    if jobs <= 1 or len(files) < _MIN_FILES_FOR_WORKERS:
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
    recipe: EngineRecipe | None = None,
    start_method: str | None = None,
) -> Iterator[FileResult]:
    """Results for ``files``, in order, using up to ``jobs`` processes.

    ``recipe`` lets workers be spawned where the platform cannot fork;
    ``start_method`` overrides the choice ("fork" or "spawn")."""
    method = start_method or _start_method(recipe)
    if method is None or not _worth_workers(files, jobs):
        for file in files:
            yield check_file(engine, file, options, cache, keep_source)
        return
    import multiprocessing

    context = multiprocessing.get_context(method)
    processes = min(jobs, len(files))
    if method == "fork":
        _WORKER_STATE.update(engine=engine, options=options, cache=cache, keep_source=keep_source)
        pool = context.Pool(processes)
    else:
        if recipe is None:
            raise ValueError("spawned workers need an EngineRecipe")
        pool = context.Pool(processes, _start_spawned_worker, (recipe, options, cache, keep_source))
    rules = {rule.id: rule for rule in engine.rules}
    try:
        with pool:
            for wire in pool.imap(_work, files, chunksize=_CHUNK):
                yield result_from_wire(wire, rules)
    finally:
        _WORKER_STATE.clear()
