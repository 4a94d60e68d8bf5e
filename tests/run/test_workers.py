"""Worker processes, forked or spawned, give the same results as one process."""

import json
import pickle
import subprocess
import sys

import pytest
from click.testing import CliRunner

from allylint.api import CheckOptions, check_files, default_engine, engine_for
from allylint.cli.main import main
from allylint.config.loader import Config
from allylint.config.settings import resolve
from allylint.discovery.walk import FileToCheck, discover
from allylint.run import workers
from allylint.run.cache import CACHE_DIR, ResultCache
from allylint.run.workers import WorkerError, check_many


def make_tree(root, files=12, paragraphs=900):
    text = "A plain paragraph about queues and caches.\n\n" * paragraphs
    for index in range(files):
        extra = "The whitelist and a slave.\n\nEach user sets his password.\n"
        (root / f"doc{index:02}.md").write_text(text + extra * (index % 3))
    (root / "binary.md").write_bytes(b"\x00\x01")


def summary(results):
    return [
        (
            r.path,
            [(f.line, f.column, f.rule_id, f.severity, f.fingerprint, f.fix) for f in r.findings],
            [str(n) for n in r.notices],
        )
        for r in results
    ]


def use_workers_for_small_trees(monkeypatch, files):
    """The tree is small; lower the size below which one process does the work."""
    monkeypatch.setattr(workers, "_MIN_BYTES_FOR_WORKERS", 0)
    assert workers.worker_count(files, 2) == 2


def test_the_default_number_of_workers_follows_the_amount_of_work(tmp_path, monkeypatch):
    make_tree(tmp_path)
    files = list(discover([tmp_path]))
    total = sum(file.path.stat().st_size for file in files)
    assert workers.worker_count(files, 0) == 1  # a small tree: this process
    monkeypatch.setattr(workers, "default_jobs", lambda: 4)
    monkeypatch.setattr(workers, "BYTES_PER_WORKER", total // 3)
    assert workers.worker_count(files, 0) == 3  # a worker per BYTES_PER_WORKER
    monkeypatch.setattr(workers, "BYTES_PER_WORKER", 1)
    assert workers.worker_count(files, 0) == 4  # at most one per core
    assert workers.worker_count(files, 1) == 1
    assert workers.worker_count(files[:3], 0) == 1  # too few files


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_workers_give_the_same_results_in_the_same_order(tmp_path, monkeypatch, start_method):
    make_tree(tmp_path)
    files = list(discover([tmp_path]))
    use_workers_for_small_trees(monkeypatch, files)
    engine = default_engine()
    serial = summary(check_files(engine, files))
    parallel = summary(check_many(engine, files, CheckOptions(), jobs=2, start_method=start_method))
    assert parallel == serial
    assert sum(len(findings) for _, findings, _ in serial) == 36


def test_spawned_workers_use_the_configured_rules(tmp_path, monkeypatch):
    # Where the platform cannot fork (Windows), workers are spawned: they receive
    # the configured rules and allowed phrases as data and build the same engine.
    make_tree(tmp_path)
    files = list(discover([tmp_path]))
    use_workers_for_small_trees(monkeypatch, files)
    config = Config(ignore=("slave",), allow=("whitelist",), severity={"generic-pronoun": "info"})
    engine = engine_for(resolve(config))
    serial = summary(check_files(engine, files))
    spawned = summary(check_many(engine, files, CheckOptions(), jobs=2, start_method="spawn"))
    assert spawned == serial
    found = [finding for _, findings, _ in serial for finding in findings]
    assert len(found) == 12  # the pronouns only
    assert {severity for _, _, _, severity, _, _ in found} == {"info"}


def test_results_keep_their_source_for_fixes(tmp_path, monkeypatch):
    make_tree(tmp_path, files=8, paragraphs=2)
    files = list(discover([tmp_path]))
    use_workers_for_small_trees(monkeypatch, files)
    results = list(check_many(default_engine(), files, CheckOptions(), jobs=2, keep_source=True))
    assert [r.source.text if r.source else None for r in results] == [
        file.path.read_text() if file.path.name != "binary.md" else None for file in files
    ]


def test_a_failing_worker_is_an_error_in_the_parent(tmp_path, monkeypatch):
    make_tree(tmp_path, files=8, paragraphs=2)
    broken = FileToCheck(tmp_path / "doc01.md", "doc01.md", "no-such-format")
    files = [*discover([tmp_path]), broken]
    use_workers_for_small_trees(monkeypatch, files)
    with pytest.raises(WorkerError, match="a worker process failed"):
        list(check_many(default_engine(), files, CheckOptions(), jobs=2))


def test_stopping_early_ends_the_workers(tmp_path, monkeypatch):
    make_tree(tmp_path, files=40, paragraphs=2)
    files = list(discover([tmp_path]))
    use_workers_for_small_trees(monkeypatch, files)
    results = check_many(default_engine(), files, CheckOptions(), jobs=2)
    assert next(results).path.endswith("binary.md")
    results.close()  # the remaining work is dropped; nothing hangs


def cached_tree(root, monkeypatch):
    """A tree large enough for workers, its files, an engine and a result cache."""
    make_tree(root)
    files = list(discover([root]))
    use_workers_for_small_trees(monkeypatch, files)
    engine = default_engine()
    return files, engine, ResultCache(root / CACHE_DIR, engine, CheckOptions())


def test_workers_share_the_cache(tmp_path, monkeypatch):
    files, engine, cache = cached_tree(tmp_path, monkeypatch)
    first = summary(check_many(engine, files, CheckOptions(), jobs=2, cache=cache))
    assert len(list((tmp_path / CACHE_DIR).rglob("*.json"))) == 12
    assert summary(check_many(engine, files, CheckOptions(), jobs=2, cache=cache)) == first


_WARM_RUN = """
import sys
from pathlib import Path
from allylint.api import CheckOptions, default_engine
from allylint.discovery.walk import discover
from allylint.run import workers
from allylint.run.cache import CACHE_DIR, ResultCache

root = Path(sys.argv[1])
workers._MIN_BYTES_FOR_WORKERS = 0
engine = default_engine()
cache = ResultCache(root / CACHE_DIR, engine, CheckOptions())
files = list(discover([root]))
changed = sys.argv[2:]
for name in changed:
    (root / name).write_text("Each user sets his password.\\n")
results = workers.check_many(engine, files, CheckOptions(), jobs=2, cache=cache)
print([len(result.findings) for result in results])
# Workers fork from a process that has loaded spaCy: without it, none started.
print("spacy" in sys.modules)
"""


def test_what_the_cache_holds_is_answered_without_workers_or_spacy(tmp_path, monkeypatch):
    # With every file unchanged, a run with workers starts none and never loads spaCy;
    # a changed file is checked afresh, by this process when it is the only one.
    files, engine, cache = cached_tree(tmp_path, monkeypatch)
    expected = [len(r.findings) for r in check_many(engine, files, CheckOptions(), 2, cache)]

    def run(*changed):
        command = [sys.executable, "-c", _WARM_RUN, str(tmp_path), *changed]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout

    assert run() == f"{expected}\nFalse\n"

    def after_changing(*names):
        return [
            1 if file.path.name in names else n for file, n in zip(files, expected, strict=True)
        ]

    assert run("doc00.md") == f"{after_changing('doc00.md')}\nTrue\n"
    # Enough changed files for workers: their results fall in place among the cached.
    names = ["doc00.md", "doc02.md", "doc04.md"] + [f"doc{i:02}.md" for i in range(1, 12, 2)]
    assert run(*names) == f"{after_changing(*names)}\nTrue\n"


def test_spawned_workers_receive_the_engine_as_plain_data():
    engine = engine_for(resolve(Config(severity={"crazy": "error"}, allow=("Blacklist Records",))))
    maker, data = engine.__reduce__()
    assert (maker, data) == (
        type(engine),
        (engine.rules, engine.allow, engine.languages, engine.names),
    )
    copy = pickle.loads(pickle.dumps(engine))
    assert (copy.rules, copy.allow, copy.languages, copy.names) == (
        engine.rules,
        engine.allow,
        engine.languages,
        engine.names,
    )
    assert copy is not engine and copy.prefilter.pattern.pattern == engine.prefilter.pattern.pattern


def test_cli_jobs_and_no_cache_give_identical_output(tmp_path, monkeypatch):
    make_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    single = runner.invoke(main, ["check", ".", "-j", "1", "--no-cache", "--format", "json"])
    multi = runner.invoke(main, ["check", ".", "-j", "2", "--format", "json"])
    cached = runner.invoke(main, ["check", ".", "-j", "2", "--format", "json"])
    assert single.stdout == multi.stdout == cached.stdout
    assert len(json.loads(single.stdout)) == 36
    assert (tmp_path / CACHE_DIR).is_dir()
