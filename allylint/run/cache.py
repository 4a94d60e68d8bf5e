"""A cache of per-file results in ``.allylint_cache/``, keyed by content.

An entry's key covers the allylint version, the rule set (rule files and the
configuration applied to them), the spaCy pipeline in use, the file's name and
its bytes, so an unchanged file under unchanged settings costs a hash and a
read. Entries are JSON written atomically; a damaged entry is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from allylint import __version__
from allylint.engine.core import Engine
from allylint.engine.nlp import installed_trained_pipeline

CACHE_DIR = ".allylint_cache"
_README = "Cache of allylint results; safe to delete. Disable with --no-cache.\n"


def engine_digest(engine: Engine) -> str:
    """What, besides a file's bytes, decides its findings."""
    digest = hashlib.sha256()
    digest.update(__version__.encode())
    digest.update(str(installed_trained_pipeline()).encode())
    for path in sorted({str(rule.path) for rule in engine.rules}):
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            digest.update(path.encode())
    for rule in engine.rules:
        digest.update(f"{rule.id}|{rule.severity}|{rule.enabled}\n".encode())
    digest.update(repr(engine.allowed.pattern if engine.allowed else None).encode())
    return digest.hexdigest()


class ResultCache:
    def __init__(self, root: Path, engine: Engine, options_key: str) -> None:
        self.directory = root / CACHE_DIR / __version__
        self.salt = f"{engine_digest(engine)}|{options_key}".encode()

    def key(self, display: str, data: bytes) -> str:
        digest = hashlib.sha256(self.salt)
        digest.update(display.encode("utf-8", "surrogateescape"))
        digest.update(b"\x00")
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any | None:
        try:
            return json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: Any) -> None:
        path = self._path(key)
        try:
            if not self.directory.exists():
                self._create()
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(value, handle, ensure_ascii=False)
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
