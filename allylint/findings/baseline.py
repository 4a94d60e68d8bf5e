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

from allylint.fileio import error_reason, read_file, write_file
from allylint.findings.model import Finding
from allylint.printable import bounded_repr

VERSION = 1


class BaselineError(ValueError):
    pass


MAX_BASELINE_BYTES = 256 * 1024 * 1024


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
    """Write the baseline atomically (see ``fileio.write_file``: a symbolic link, a
    folder or a device at ``path`` is refused). Raises OSError."""
    entries = [
        {"fingerprint": f.fingerprint, "rule": f.rule_id, "path": f.path, "text": f.text}
        for f in findings
    ]
    text = json.dumps({"version": VERSION, "findings": entries}, indent=1, ensure_ascii=False)
    write_file(path, (text + "\n").encode("utf-8", "backslashreplace"))
    return len(entries)


def load_baseline(path: Path) -> Counter[str]:
    """The fingerprints a baseline file records; BaselineError for anything else."""
    try:
        data = json.loads(read_file(path, MAX_BASELINE_BYTES).decode("utf-8"))
    except OSError as error:
        raise BaselineError(f"{path}: cannot read baseline: {error_reason(error)}") from error
    except RecursionError as error:
        raise BaselineError(f"{path}: not an allylint baseline: nested too deeply") from error
    except ValueError as error:  # not UTF-8, not JSON, an integer too long to read
        raise BaselineError(f"{path}: cannot read baseline: {error}") from error
    if (
        not isinstance(data, dict)
        or data.get("version") != VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise BaselineError(f"{path}: not an allylint baseline (version {VERSION})")
    fingerprints: Counter[str] = Counter()
    for number, entry in enumerate(data["findings"], 1):
        fingerprint = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fingerprint, str):
            raise BaselineError(
                f"{path}: baseline entry {number} has no fingerprint string: {bounded_repr(entry)}"
            )
        fingerprints[fingerprint] += 1
    return fingerprints


class BaselineFilter:
    """Lets through only findings the baseline does not account for."""

    def __init__(self, known: Counter[str]) -> None:
        self.remaining = Counter(known)

    def is_new(self, finding: Finding) -> bool:
        if self.remaining[finding.fingerprint] > 0:
            self.remaining[finding.fingerprint] -= 1
            return False
        return True
