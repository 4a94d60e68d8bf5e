"""Parallel workers and the result cache give the same findings as a plain run."""

import json

from click.testing import CliRunner

from allylint.api import CheckOptions, check_files, default_engine
from allylint.cli.main import main
from allylint.discovery.walk import discover
from allylint.run import workers as scan
from allylint.run.cache import CACHE_DIR, ResultCache
from allylint.run.workers import check_many


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
            [(f.line, f.column, f.rule_id, f.fingerprint) for f in r.findings],
            [str(n) for n in r.notices],
        )
        for r in results
    ]


def use_workers_for_small_trees(monkeypatch, files):
    """The tree is small; lower the size below which one process does the work."""
    monkeypatch.setattr(scan, "_MIN_BYTES_FOR_WORKERS", 0)
    assert scan._worth_workers(files, 2)


def test_workers_give_the_same_results_in_the_same_order(tmp_path, monkeypatch):
    make_tree(tmp_path)
    files = list(discover([tmp_path]))
    use_workers_for_small_trees(monkeypatch, files)
    engine = default_engine()
    serial = summary(check_files(engine, files))
    parallel = summary(check_many(engine, files, CheckOptions(), jobs=2))
    assert parallel == serial
    assert sum(len(findings) for _, findings, _ in serial) == 36


def test_cache_round_trip_and_invalidation(tmp_path):
    make_tree(tmp_path, files=3, paragraphs=5)
    files = list(discover([tmp_path]))
    engine = default_engine()
    cache = ResultCache(tmp_path, engine, "options")
    first = summary(check_many(engine, files, CheckOptions(), cache=cache))
    entries = sorted((tmp_path / CACHE_DIR).rglob("*.json"))
    assert len(entries) == 3  # the binary file is not cached
    assert summary(check_many(engine, files, CheckOptions(), cache=cache)) == first
    # A damaged entry is ignored, not trusted.
    entries[0].write_text("{broken")
    assert summary(check_many(engine, files, CheckOptions(), cache=cache)) == first
    # Other options or other file contents mean other keys.
    other = ResultCache(tmp_path, engine, "other options")
    assert other.key("a.md", b"x") != cache.key("a.md", b"x")
    assert cache.key("a.md", b"x") != cache.key("a.md", b"y")
    assert (tmp_path / CACHE_DIR / ".gitignore").read_text() == "*\n"


def test_cached_entries_hold_findings_by_rule_id(tmp_path):
    (tmp_path / "a.md").write_text("the whitelist\n")
    engine = default_engine()
    cache = ResultCache(tmp_path, engine, "o")
    list(check_many(engine, list(discover([tmp_path / "a.md"])), CheckOptions(), cache=cache))
    [entry] = (tmp_path / CACHE_DIR).rglob("*.json")
    assert json.loads(entry.read_text())[2][0][8] == "whitelist"


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


def test_spawned_workers_build_the_same_engine_from_a_recipe(tmp_path, monkeypatch):
    # Where the platform cannot fork (Windows), workers are spawned and rebuild
    # the engine from the rule files and the configuration.
    from allylint.config.loader import Config
    from allylint.rules.model import load_rules
    from allylint.run.workers import EngineRecipe, configured_engine

    make_tree(tmp_path)
    files = list(discover([tmp_path]))
    use_workers_for_small_trees(monkeypatch, files)
    config = Config(ignore=("slave",), allow=("whitelist",))
    rules = load_rules()
    engine = configured_engine(rules, config)
    recipe = EngineRecipe.for_rules(rules, config)
    serial = summary(check_files(engine, files))
    spawned = summary(
        check_many(engine, files, CheckOptions(), jobs=2, recipe=recipe, start_method="spawn")
    )
    assert spawned == serial
    assert sum(len(findings) for _, findings, _ in serial) == 12  # the pronouns only
