"""Lexicons: the named word lists that steer conditions, read from data files.

The files live in ``rules/lexicons/`` (shipped with the rules). Each is a
mapping with the single key ``lexicons``, a mapping of lexicon names to lists
of words or phrases::

    lexicons:
      # Modal auxiliaries: a verb follows them ("you can whitelist ...").
      modal-auxiliaries: [can, could, will, would, shall, should, may, might, must]

The conditions' own mechanism takes its words from here by name, and a rule
file names a lexicon with ``{lexicon: NAME}`` wherever a condition takes a
list of words (see docs/rules.md). Every problem in a lexicon file is a
LexiconError naming the file, line and lexicon.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from allylint.engine.spelling import fold
from allylint.resources import builtin_lexicons_dir
from allylint.yamlfile import LineDict, YamlFileError, load_yaml

T = TypeVar("T")

_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class LexiconError(ValueError):
    """A lexicon file is invalid, or a lexicon is missing; names file, line and lexicon."""

    def __init__(self, path: Path, line: int | None, name: str | None, problem: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        subject = f"lexicon '{name}'" if name else "lexicon file"
        super().__init__(f"{where}: {subject}: {problem}")
        self.path = path
        self.line = line
        self.name = name
        self.problem = problem


@dataclass(frozen=True)
class Lexicon:
    """A named list of words or phrases, folded for comparison (lowercase, plain
    apostrophes and hyphens), in the order the file lists them."""

    name: str
    words: tuple[str, ...]
    path: Path
    line: int

    @property
    def word_set(self) -> frozenset[str]:
        return frozenset(self.words)


def _read_file(path: Path) -> list[Lexicon]:
    try:
        document = load_yaml(path)
    except YamlFileError as error:
        raise LexiconError(path, error.line, None, error.problem) from error
    if not isinstance(document, LineDict) or set(document) != {"lexicons"}:
        line = getattr(document, "line", None)
        raise LexiconError(
            path, line, None, "a lexicon file is a mapping with the single key 'lexicons'"
        )
    entries = document["lexicons"]
    if not isinstance(entries, LineDict) or not entries:
        raise LexiconError(
            path, document.line_of("lexicons"), None, "'lexicons' maps lexicon names to word lists"
        )
    found = []
    for name, words in entries.items():
        line = entries.line_of(name)
        if not _NAME.match(name):
            raise LexiconError(path, line, name, "the name is not lowercase-hyphenated")
        if (
            not isinstance(words, list)
            or not words
            or not all(isinstance(word, str) and word.strip() for word in words)
        ):
            raise LexiconError(path, line, name, "must be a non-empty list of words or phrases")
        folded = tuple(" ".join(fold(word).split()) for word in words)
        found.append(Lexicon(name, tuple(dict.fromkeys(folded)), path, line))
    return found


def load_lexicons(directory: Path) -> dict[str, Lexicon]:
    """Every lexicon of the ``.yaml`` files in ``directory``; names are unique across them."""
    try:
        files = sorted(p for p in directory.iterdir() if p.suffix in {".yaml", ".yml"})
    except OSError as error:
        raise LexiconError(directory, None, None, f"cannot read the folder: {error}") from error
    lexicons: dict[str, Lexicon] = {}
    for path in files:
        for lexicon in _read_file(path):
            first = lexicons.get(lexicon.name)
            if first is not None:
                raise LexiconError(
                    path,
                    lexicon.line,
                    lexicon.name,
                    f"defined twice, first at {first.path}:{first.line}",
                )
            lexicons[lexicon.name] = lexicon
    return lexicons


@functools.cache
def builtin_lexicons() -> Mapping[str, Lexicon]:
    """The lexicons that ship with allylint, read once per process."""
    return load_lexicons(builtin_lexicons_dir())


def lexicon(name: str) -> Lexicon:
    """The built-in lexicon ``name``, which allylint's own conditions need."""
    found = builtin_lexicons().get(name)
    if found is None:
        raise LexiconError(builtin_lexicons_dir(), None, name, "missing; allylint needs it")
    return found


def words(name: str) -> frozenset[str]:
    """The words of the built-in lexicon ``name``, as a set."""
    return lexicon(name).word_set


def from_lexicons(*names: str) -> Any:
    """A field of a cues dataclass (see ``cues``): the words of the lexicons ``names``."""
    return dataclasses.field(metadata={"lexicons": names})


@functools.cache
def cues(kind: type[T]) -> T:
    """The dataclass ``kind`` with each field holding the words of the lexicons it
    names (``from_lexicons``); one instance per process."""
    values = {
        field.name: frozenset().union(*(words(name) for name in field.metadata["lexicons"]))
        for field in dataclasses.fields(kind)  # type: ignore[arg-type]
        if "lexicons" in field.metadata
    }
    return kind(**values)
