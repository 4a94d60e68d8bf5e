"""A cache of per-file results, keyed by content: in ``.allylint_cache/`` beside the
configuration, or the folder of ``--cache-dir`` (``ALLYLINT_CACHE_DIR``).

An entry's key covers the allylint version, the spaCy pipeline in use, the
engine's rules and allowed phrases and the check options (as data: a change to
any of them is a new key), the file's name and its bytes, so an unchanged
file under unchanged settings costs a hash and a read. Entries are the JSON of
the ``FileResult`` dataclass, written atomically; a damaged entry is dropped and
the file checked again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from allylint.engine.nlp import installed_trained_pipeline
from allylint.findings.model import FileResult
from allylint.plaindata import from_plain
from allylint.version import __version__

if TYPE_CHECKING:
    from allylint.api import CheckOptions
    from allylint.engine.core import Engine

CACHE_DIR = ".allylint_cache"
_README = "Cache of allylint results; safe to delete. Disable with --no-cache.\n"


def settings_digest(engine: Engine, options: CheckOptions) -> str:
    """What, besides a file's bytes, decides its findings, as a stable digest."""
    data = {
        "version": __version__,
        "pipeline": installed_trained_pipeline(),
        "rules": dataclasses.asdict(engine.rules),
        "allow": engine.allow,
        "options": dataclasses.asdict(options),
    }
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ResultCache:
    def __init__(self, directory: Path, engine: Engine, options: CheckOptions) -> None:
        """A cache in ``directory`` (entries go in a folder per allylint version)."""
        self.directory = directory / __version__
        self.salt = settings_digest(engine, options).encode()

    def key(self, display: str, data: bytes) -> str:
        digest = hashlib.sha256(self.salt)
        digest.update(display.encode("utf-8", "surrogateescape"))
        digest.update(b"\x00")
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> FileResult | None:
        path = self._path(key)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        try:
            return from_plain(FileResult, json.loads(text))
        except (ValueError, TypeError, KeyError):
            with contextlib.suppress(OSError):
                path.unlink()  # damaged: dropped, and the file is checked again
            return None

    def put(self, key: str, result: FileResult) -> None:
        """Store ``result`` without its source text, which the file's bytes give back."""
        path = self._path(key)
        try:
            if not self.directory.exists():
                self._create()
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(
                    dataclasses.asdict(dataclasses.replace(result, source=None)),
                    handle,
                    ensure_ascii=False,
                )
            os.replace(temporary, path)
        except OSError:
            return  # a read-only checkout still gets its results, just not cached

    def _create(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        top = self.directory.parent
        (top / ".gitignore").write_text("*\n", encoding="utf-8")
        (top / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# " + _README, encoding="utf-8"
        )
