"""Baselines: record today's findings so that only new ones are reported.

A baseline file is JSON: ``{"version": 1, "findings": [{"fingerprint", "rule",
"path", "text"}, ...]}``. Fingerprints are built from the rule, the file and the
normalized text of the finding's line, so they survive lines moving.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from allylint.findings.model import Finding

VERSION = 1


class BaselineError(ValueError):
    pass


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
    entries = [
        {"fingerprint": f.fingerprint, "rule": f.rule_id, "path": f.path, "text": f.text}
        for f in findings
    ]
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(
        json.dumps({"version": VERSION, "findings": entries}, indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    temporary.replace(path)
    return len(entries)


def load_baseline(path: Path) -> Counter[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"{path}: cannot read baseline: {error}") from error
    if (
        not isinstance(data, dict)
        or data.get("version") != VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise BaselineError(f"{path}: not an allylint baseline (version {VERSION})")
    try:
        return Counter(str(entry["fingerprint"]) for entry in data["findings"])
    except (TypeError, KeyError) as error:
        raise BaselineError(f"{path}: a baseline entry lacks its fingerprint") from error


class BaselineFilter:
    """Lets through only findings the baseline does not account for."""

    def __init__(self, known: Counter[str]) -> None:
        self.remaining = Counter(known)

    def is_new(self, finding: Finding) -> bool:
        if self.remaining[finding.fingerprint] > 0:
            self.remaining[finding.fingerprint] -= 1
            return False
        return True
