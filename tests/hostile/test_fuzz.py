"""Property-based fuzzing of everything allylint reads from a repository.

Every reader, the configuration, rule files, baselines and cache entries get
generated input built from the constructs that broke 0.2.0 (markup openers that
never close, aliases, deep nesting, huge numbers, control characters, bytes that
are not UTF-8). The property is always the same: a result, or the component's
own error with a message, never another exception.

The normal test run uses the ``allylint-quick`` profile (a few seconds in all);
``ALLYLINT_FUZZ_PROFILE=allylint-nightly python -m pytest tests/hostile/test_fuzz.py``
runs each property on many more examples (see docs/security.md).
"""

from __future__ import annotations

import json
import os
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allylint.api import CheckOptions, check_file, default_engine, lint_text
from allylint.config.loader import ConfigError, load_config_file
from allylint.discovery.changes import parse_diff
from allylint.discovery.sources import decode, encode
from allylint.discovery.walk import FileToCheck
from allylint.findings.baseline import BaselineError, load_baseline
from allylint.formats.html_tokens import tokens
from allylint.formats.reader import extract
from allylint.formats.registry import FORMATS
from allylint.printable import bounded_repr, escape, file_name
from allylint.rules.loader import RuleError, load_rule_file
from allylint.run.cache import CACHE_DIR, ResultCache

_COMMON = {"deadline": None, "suppress_health_check": list(HealthCheck), "derandomize": False}
settings.register_profile("allylint-quick", max_examples=20, **_COMMON)
settings.register_profile("allylint-nightly", max_examples=3000, **_COMMON)
fuzz = settings.get_profile(os.environ.get("ALLYLINT_FUZZ_PROFILE", "allylint-quick"))

# Pieces of markup in every format allylint reads, and the words its rules look for.
_PIECES = [
    *"<>&`*_[]()#!-=|:.\"'\\/\n\r\t ",
    "<!--", "-->", "<a ", "<a href='", "</", "<script>", "<![CDATA[", "<?", "&amp;", "&#",
    "```", "~~~", "    ", "> ", "- ", "1. ", "**", "](", "[x]: ", "<!-- allylint: disable -->",
    ".. ", "::", ".. code-block::", "``", "`_", "|", "+--+", "===", "\n\n",
    "#", "//", "/*", "*/", '"""', "'''", "# allylint: disable-line", "\\u2028", "\x1b[31m",
    "whitelist", "blacklist", "master", "slave", "sanity check", "crazy", "he", "his",
    "man-hours", "Each user", "\x00", "\ufeff", "\u00e9", "\U0001f600",
]  # fmt: skip
markup = st.lists(st.sampled_from(_PIECES) | st.text(max_size=8), max_size=60).map("".join)
_READERS = [entry.name for entry in FORMATS]


@fuzz
@given(text=markup, fmt=st.sampled_from(_READERS))
def test_every_reader_maps_its_segments_into_the_text(text, fmt):
    for segment in extract(text, fmt):
        for position, offset in segment.runs:
            assert 0 <= position <= len(segment.text)
            assert 0 <= offset <= len(text)


@fuzz
@given(text=markup, fmt=st.sampled_from(["markdown", "rst", "html", "text", "python"]))
def test_checking_any_text_gives_findings_inside_it(text, fmt):
    name = {"markdown": "a.md", "rst": "a.rst", "html": "a.html", "python": "a.py"}.get(fmt, "a")
    for finding in lint_text(text, name, input_format=fmt):
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text


@fuzz
@given(text=markup)
def test_html_tokens_stay_in_order_inside_the_text(text):
    last = -1
    for token in tokens(text):
        assert last < token.offset < len(text)
        assert text.startswith(token.raw, token.offset)
        last = token.offset


@fuzz
@given(data=st.binary(max_size=200) | markup.map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_any_bytes_decode_and_encode_back_to_themselves(data):
    for prefix in (b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"):
        source, _ = decode(prefix + data, "a.txt")
        assert encode(source, source.text) == prefix + data


@fuzz
@given(text=st.text())
def test_escaped_text_holds_nothing_that_breaks_a_line_or_a_terminal(text):
    for shown in (escape(text), file_name(text)):
        for char in shown:
            assert unicodedata.category(char) not in ("Cc", "Zl", "Zp", "Cs"), repr(char)
            assert not "\u202a" <= char <= "\u202e" and not "\u2066" <= char <= "\u2069"
        shown.encode("utf-8")


class _Digits(str):
    """An integer too long for Python to print (over 4,300 digits), written as digits."""


# Values as YAML and JSON hold them, with the shapes that broke 0.2.0.
_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(4301, 6000).map(lambda size: _Digits("9" * size))
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["whitelist", "all", "last", "warning", "x" * 2000, "\n::error::x"])
)
values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
_RULE_KEYS = [
    *("id", "category", "severity", "match", "alternatives", "message", "learn", "fix"),
    *("exceptions", "requires", "fix_when", "enabled", "in_paths", "examples", "sources"),
]
_CONFIG_KEYS = [
    *("select", "ignore", "severity", "allow", "exclude", "extend-rules", "fail-on", "format")
]


def _mapping(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(keys) | st.text(max_size=6), values, max_size=8)


def _write(text: str | bytes, name: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="allylint-fuzz-"))
    path = folder / name
    path.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    return path


def _json(value: Any) -> str:
    """JSON text (which YAML reads too), with long integers written out."""
    if isinstance(value, _Digits):
        return str.__str__(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_json(item) for item in value) + "]"
    return json.dumps(value)


@fuzz
@given(rule=_mapping(_RULE_KEYS), raw=markup)
def test_any_rule_file_loads_or_is_a_rule_error(rule, raw):
    for text in (_json({"rules": [rule]}), raw, "rules:\n  - " + raw):
        try:
            load_rule_file(_write(text, "rules.yaml"))
        except RuleError as error:
            assert str(error)


@fuzz
@given(config=_mapping(_CONFIG_KEYS), raw=markup)
def test_any_configuration_loads_or_is_a_config_error(config, raw):
    pyproject = "[tool.allylint]\n" + raw if raw.strip() else "tool = 5\n"
    documents = [
        (_json(config), ".allylint.yaml"),
        (raw, ".allylint.yaml"),
        (pyproject, "pyproject.toml"),
        ("x = " + "[" * 5000, "pyproject.toml"),
    ]
    for text, name in documents:
        try:
            load_config_file(_write(text, name))
        except ConfigError as error:
            assert len(str(error)) < 2000


@fuzz
@given(baseline=values, raw=markup)
def test_any_baseline_loads_or_is_a_baseline_error(baseline, raw):
    documents = [
        _json({"version": 1, "findings": baseline}),
        _json(baseline),
        raw,
        "[" * 100_000,
        '{"version": 1, "findings": [{"fingerprint": ' + "9" * 5000 + "}]}",
    ]
    for text in documents:
        try:
            load_baseline(_write(text, "baseline.json"))
        except BaselineError as error:
            assert len(str(error)) < 2000


_FINDING_FIELDS = ["path", "line", "column", "end_line", "end_column", "start", "end", "text",
                   "rule_id", "category", "severity", "message", "alternatives", "topic",
                   "fingerprint", "fix", "context"]  # fmt: skip


@fuzz
@given(entry=values, field=st.sampled_from(_FINDING_FIELDS), replacement=values)
def test_a_damaged_cache_entry_is_dropped_and_the_file_checked_again(entry, field, replacement):
    engine = default_engine()
    folder = Path(tempfile.mkdtemp(prefix="allylint-fuzz-"))
    path = folder / "a.md"
    path.write_text("Add the host to the whitelist.\n")
    file = FileToCheck(path, "a.md", "markdown")
    cache = ResultCache(folder / CACHE_DIR, engine, CheckOptions())
    expected = check_file(engine, file, CheckOptions(), cache, keep_source=False)
    [stored] = (folder / CACHE_DIR).rglob("*.json")
    damaged = json.loads(stored.read_text())
    damaged["result"]["findings"][0][field] = replacement
    for value in (entry, {"sha256": damaged["sha256"], "result": entry}, damaged):
        stored.write_text(_json(value))
        result = check_file(engine, file, CheckOptions(), cache, keep_source=False)
        # What a cached entry says must be what the file holds: the rule, where, the
        # words, the rule's wording. The context's name, the fingerprint and a fix
        # (never applied from the cache) are only checked for their form.
        assert [_what_and_where(f) for f in result.findings] == [
            _what_and_where(f) for f in expected.findings
        ]


def _what_and_where(finding: Any) -> dict[str, Any]:
    shown = finding.to_dict()
    return {key: value for key, value in shown.items() if key not in ("context", "fix")}


_DIFF_PIECES = [
    *(b"diff --git ", b"a/x b/x", b'"a/\\303\\251" "b/\\303\\251"', b"\n", b"+++ ", b"b/x"),
    *(b"/dev/null", b"@@ -1 +2,3 @@", b"@@ ", b"+", b"\\", b'"', b"\xff"),
]
diffs = st.lists(st.sampled_from(_DIFF_PIECES) | st.binary(max_size=6), max_size=40)


@fuzz
@given(diff=diffs.map(b"".join))
def test_any_diff_parses(diff):
    for lines in parse_diff(diff).values():
        assert all(line >= 0 for line in lines)


@fuzz
@given(value=values)
def test_a_value_in_a_message_is_bounded(value):
    assert len(bounded_repr(value)) <= 120
