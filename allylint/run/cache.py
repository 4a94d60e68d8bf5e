"""A cache of per-file results, keyed by content: in ``.allylint_cache/`` beside the
configuration, or the folder of ``--cache-dir`` (``ALLYLINT_CACHE_DIR``).

An entry's key covers the allylint version, the spaCy pipeline in use, the
engine's rules, allowed phrases and languages and the check options (as data: a change to
any of them is a new key), the file's name and its bytes, so an unchanged
file under unchanged settings costs a hash and a read. Entries are the JSON of
the ``FileResult`` dataclass with the SHA-256 of the file's bytes, written
atomically.

A repository can carry a ``.allylint_cache/`` of its own making, so nothing in
it is trusted: no symbolic link in it (the cache folder itself included) is ever
followed, writing or reading; an
entry is used only if it is for these bytes and every finding in it is one the
engine's rules could make at that place in the text, else it is dropped and the
file checked again; a cache that git tracks came with the checkout and is not
used at all; and fixes are never taken from the cache (``--fix`` and ``--diff``
check every file afresh).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from allylint.discovery.sources import MAX_FILE_BYTES, Notice, decode
from allylint.engine.nlp import installed_trained_pipeline
from allylint.fileio import read_in_tree, write_in_tree
from allylint.findings.model import FileResult, Finding
from allylint.formats.segments import LineIndex
from allylint.plaindata import from_plain
from allylint.printable import escape, file_name
from allylint.version import __version__

if TYPE_CHECKING:
    from allylint.api import CheckOptions
    from allylint.engine.core import Engine
    from allylint.rules.model import Alternative, Rule

CACHE_DIR = ".allylint_cache"
_README = "Cache of allylint results; safe to delete. Disable with --no-cache.\n"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# " + _README
_MAX_REPLACEMENT_GROWTH = 4  # a fix's replacement is at most this many times its span, + 16
_FINGERPRINT = re.compile(r"[0-9a-f]{32}")
_CONTEXT = re.compile(r"[a-z][a-z_]{0,31}")


def settings_digest(engine: Engine, options: CheckOptions) -> str:
    """What, besides a file's bytes, decides its findings, as a stable digest."""
    data = {
        "version": __version__,
        "pipeline": installed_trained_pipeline(),
        "rules": dataclasses.asdict(engine.rules),
        "allow": engine.allow,
        "languages": engine.languages,
        "names": engine.names,
        "options": dataclasses.asdict(options),
    }
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def tracked_by_git(directory: Path) -> bool:
    """Does git track anything in the cache folder (so it came with the checkout)?"""
    if not os.path.lexists(directory):
        return False
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--", directory.name],
            cwd=directory.parent,
            capture_output=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return False  # no git: nothing to tell
    return listed.returncode == 0 and bool(listed.stdout)


def open_cache(
    directory: Path, engine: Engine, options: CheckOptions
) -> tuple[ResultCache | None, Notice | None]:
    """The cache in ``directory``, or None with the notice why it is not used."""
    if tracked_by_git(directory):
        return None, Notice(
            file_name(directory.name),
            "not used: git tracks files in it, so it came with the repository "
            "(remove it from the repository to cache results again)",
        )
    return ResultCache(directory, engine, options), None


def _texts(alternatives: Iterable[Alternative]) -> tuple[str, ...]:
    return tuple(alternative.text for alternative in alternatives)


class ResultCache:
    def __init__(self, directory: Path, engine: Engine, options: CheckOptions) -> None:
        """A cache in ``directory`` (entries go in a folder per allylint version). The
        folder is reached from its parent: if it is a symbolic link, nothing is cached."""
        self.root = directory.parent
        self.folder = directory.name
        self.directory = directory / __version__
        self.salt = settings_digest(engine, options).encode()
        self.rules: dict[str, Rule] = {rule.id: rule for rule in engine.rules}
        self.directive_rules: dict[str, Rule] = {rule.id: rule for rule in options.directive_rules}

    def key(self, display: str, data: bytes) -> str:
        digest = hashlib.sha256(self.salt)
        digest.update(display.encode("utf-8", "surrogateescape"))
        digest.update(b"\x00")
        digest.update(data)
        return digest.hexdigest()

    def _parts(self, key: str) -> list[str]:
        return [self.folder, __version__, key[:2], f"{key}.json"]

    def get(self, key: str, data: bytes, display: str) -> FileResult | None:
        """The stored result for ``data`` shown as ``display``, if there is a sound one."""
        try:
            entry = json.loads(read_in_tree(self.root, self._parts(key), MAX_FILE_BYTES))
            if entry["sha256"] != hashlib.sha256(data).hexdigest():
                return None
            result = from_plain(FileResult, entry["result"])
        except (OSError, ValueError, TypeError, KeyError, RecursionError):
            return None  # damaged: the file is checked again and the entry replaced
        return result if self._sound(result, data, display) else None

    def _sound(self, result: FileResult, data: bytes, display: str) -> bool:
        """Could the engine have made this result for these bytes?"""
        if result.path != display or result.source is not None:
            return False
        if not result.findings:
            return True
        text = decode(data, display)[0].text
        lines = LineIndex(text)
        return all(self._sound_finding(finding, lines, display) for finding in result.findings)

    def _sound_finding(self, finding: Finding, lines: LineIndex, display: str) -> bool:
        text = lines.text
        if finding.path != display or not self._worded_by_its_rule(finding):
            return False
        if not _FINGERPRINT.fullmatch(finding.fingerprint):
            return False
        if not _CONTEXT.fullmatch(finding.context):
            return False
        if not 0 <= finding.start < finding.end <= len(text):
            return False
        if text[finding.start : finding.end] != finding.text:
            return False
        where = (*lines.position(finding.start), *lines.position(finding.end))
        if where != (finding.line, finding.column, finding.end_line, finding.end_column):
            return False
        fix = finding.fix
        return fix is None or (
            0 <= fix.start <= finding.start
            and fix.end == finding.end
            and len(fix.replacement) <= _MAX_REPLACEMENT_GROWTH * (fix.end - fix.start) + 16
            and all(char in "\t\n\r" or escape(char) == char for char in fix.replacement)
        )

    def _worded_by_its_rule(self, finding: Finding) -> bool:
        """Category, topic, message, severity and alternatives are the rule's (or, for a
        term with its own, the term's); a finding about a suppression directive says
        what the directive names before its code's message."""
        rule = self.rules.get(finding.rule_id)
        if rule is None:
            directive = self.directive_rules.get(finding.rule_id)
            return (
                directive is not None
                and (finding.category, finding.topic, finding.severity, finding.alternatives)
                == (directive.category, directive.topic, directive.severity, ())
                and finding.message.endswith(directive.message)
                and escape(finding.message) == finding.message
            )
        wordings = {(rule.severity, _texts(rule.alternatives))} | {
            (rule.severity_for(term), _texts(rule.alternatives_for(term))) for term in rule.terms
        }
        return (finding.category, finding.topic, finding.message) == (
            rule.category,
            rule.topic,
            rule.message,
        ) and (finding.severity, finding.alternatives) in wordings

    def put(self, key: str, data: bytes, result: FileResult) -> None:
        """Store ``result`` for ``data``, without its source text (the bytes give it back)."""
        entry: dict[str, Any] = {
            "sha256": hashlib.sha256(data).hexdigest(),
            "result": dataclasses.asdict(dataclasses.replace(result, source=None)),
        }
        try:
            if not os.path.isdir(self.directory):
                self._create()
            text = json.dumps(entry)  # ASCII: any string can be written
            write_in_tree(self.root, self._parts(key), text.encode("ascii"))
        except OSError:
            return  # a read-only checkout, or links planted in the cache: not cached

    def _create(self) -> None:
        write_in_tree(self.root, [self.folder, ".gitignore"], b"*\n")
        write_in_tree(self.root, [self.folder, "CACHEDIR.TAG"], _TAG.encode("utf-8"))
