"""The result cache: JSON of the results' dataclasses, keyed by the settings' data."""

import hashlib
import json
import subprocess
import sys

from allylint.api import CheckOptions, check_file, default_engine, engine_for
from allylint.config.loader import Config
from allylint.config.settings import resolve
from allylint.discovery.walk import discover
from allylint.run.cache import CACHE_DIR, ResultCache, settings_digest


def write_docs(root):
    (root / "a.md").write_text("The whitelist.\n\nEach user sets his password.\n")
    (root / "b.md").write_text("A crazy plan, with a slave node.\n")
    (root / "clean.md").write_text("Nothing to see here.\n")
    return list(discover([root]))


def test_a_cached_result_equals_the_fresh_one(tmp_path):
    files = write_docs(tmp_path)
    engine = default_engine()
    cache = ResultCache(tmp_path / CACHE_DIR, engine, CheckOptions())
    fresh = [check_file(engine, file, cache=cache, keep_source=False) for file in files]
    entries = sorted((tmp_path / CACHE_DIR).rglob("*.json"))
    assert len(entries) == 3
    cached = [check_file(engine, file, cache=cache, keep_source=False) for file in files]
    assert cached == fresh
    assert sum(len(result.findings) for result in cached) == 4
    # With keep_source the cached result gets its source back from the file's bytes.
    [again] = [check_file(engine, files[0], cache=cache, keep_source=True)]
    assert again.source is not None and again.source.text == files[0].path.read_text()
    assert (tmp_path / CACHE_DIR / ".gitignore").read_text() == "*\n"


def test_an_entry_is_the_json_of_the_file_result_with_the_files_digest(tmp_path):
    [file, *_] = write_docs(tmp_path)
    engine = default_engine()
    cache = ResultCache(tmp_path / CACHE_DIR, engine, CheckOptions())
    check_file(engine, file, cache=cache)
    [entry] = (tmp_path / CACHE_DIR).rglob("*.json")
    stored = json.loads(entry.read_text())
    assert stored["sha256"] == hashlib.sha256(file.path.read_bytes()).hexdigest()
    data = stored["result"]
    assert data["path"] == str(file.display)
    assert data["source"] is None
    assert [(f["rule_id"], f["fix"]) for f in data["findings"]] == [
        ("whitelist", {"start": 4, "end": 13, "replacement": "allowlist"}),
        ("generic-pronoun", None),
    ]


def test_a_damaged_entry_is_dropped_and_the_file_checked_again(tmp_path):
    files = write_docs(tmp_path)
    engine = default_engine()
    cache = ResultCache(tmp_path / CACHE_DIR, engine, CheckOptions())
    fresh = [check_file(engine, file, cache=cache) for file in files]
    entries = sorted((tmp_path / CACHE_DIR).rglob("*.json"))
    entries[0].write_text("{broken")
    entries[1].write_text('{"path": "a.md", "findings": [{"line": 1}]}')
    assert [check_file(engine, file, cache=cache) for file in files] == fresh
    for entry in entries[:2]:  # rewritten with the result of the new check
        assert json.loads(entry.read_text())["result"]["input_format"] == "markdown"


def test_keys_change_with_the_rules_the_options_and_the_file(tmp_path):
    engine = default_engine()
    cache = ResultCache(tmp_path / CACHE_DIR, engine, CheckOptions())
    key = cache.key("a.md", b"x")
    others = [
        ResultCache(tmp_path / CACHE_DIR, engine, CheckOptions(identifiers=True)),
        ResultCache(
            tmp_path, engine_for(resolve(Config(severity={"whitelist": "error"}))), CheckOptions()
        ),
        ResultCache(
            tmp_path / CACHE_DIR, engine_for(resolve(Config(ignore=("slave",)))), CheckOptions()
        ),
        ResultCache(
            tmp_path, engine_for(resolve(Config(allow=("Blacklist Records",)))), CheckOptions()
        ),
    ]
    assert len({key, *(other.key("a.md", b"x") for other in others)}) == 5
    assert key != cache.key("a.md", b"y")
    assert key != cache.key("b.md", b"x")
    assert key == ResultCache(tmp_path / CACHE_DIR, default_engine(), CheckOptions()).key(
        "a.md", b"x"
    )


def test_the_settings_digest_is_the_same_in_another_process():
    code = (
        "from allylint.api import CheckOptions, default_engine;"
        "from allylint.run.cache import settings_digest;"
        "print(settings_digest(default_engine(), CheckOptions(root='/r')))"
    )
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert other == settings_digest(default_engine(), CheckOptions(root="/r"))
