"""benchmarks/judged.py on a tiny made-up corpus, through real allylint."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "judged.py"

TEXT = """\
Add the host to the whitelist.

The blacklist of hosts is here.

Run a sanity check first.

The code is lame.

Fill it with a placeholder value.
"""

JUDGMENTS = """\
corpus: tiny
commit: 0000000
command: allylint check --no-cache --format json ../shared/corpus/tiny
seed: 1
findings: 3
sample:  # rule, category and reason left out: the replay does not read them
  - {path: a.md, line: 1, column: 21, term: whitelist, verdict: tp}
  - {path: a.md, line: 3, column: 5, term: blacklist, verdict: fp}
  - {path: a.md, line: 9, column: 15, term: dummy, verdict: fp}
silent:
  - {path: a.md, line: 7, term: lame, verdict: missed, reason: "ableist"}
  - {path: a.md, line: 5, term: sanity, verdict: ok, reason: "made up"}
"""


def _run(judgments: str, root: Path) -> subprocess.CompletedProcess[str]:
    file = root / "tiny.yaml"
    file.write_text(judgments, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(file), "--corpus-root", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_replay_counts_kept_gone_and_now_reported(tmp_path: Path) -> None:
    (tmp_path / "tiny").mkdir()
    (tmp_path / "tiny" / "a.md").write_text(TEXT, encoding="utf-8")
    completed = _run(JUDGMENTS, tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == [
        "tiny: 4 findings today",
        "judged tp still reported: 1/1",
        "judged fp gone: 1/2",
        "sample findings no longer reported: 1/3",
        "precision of the sample today: 0.500",
        "silent lines judged missed now reported: 1/1",
    ]


def test_bad_verdict_names_file_line_and_key(tmp_path: Path) -> None:
    (tmp_path / "tiny").mkdir()
    completed = _run(JUDGMENTS.replace("verdict: missed", "verdict: maybe"), tmp_path)
    assert completed.returncode == 2
    assert "tiny.yaml: line 11: silent[0]: key 'verdict' must be one of missed, ok" in (
        completed.stderr
    )
    assert "Traceback" not in completed.stderr


def test_missing_key_names_file_line_and_key(tmp_path: Path) -> None:
    (tmp_path / "tiny").mkdir()
    completed = _run(JUDGMENTS.replace("column: 5, ", ""), tmp_path)
    assert completed.returncode == 2
    assert "tiny.yaml: line 8: sample[1]: missing key 'column'" in completed.stderr
