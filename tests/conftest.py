from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

import pytest

from allylint.api import default_engine, lint_text
from allylint.findings.model import Finding
from allylint.report.common import Summary
from allylint.report.registry import Reporter
from allylint.rules.model import Rule

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when that folder is absent (a user's clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


def flagged(text: str, filename: str = "doc.md") -> list[tuple[str, str]]:
    """(rule id, matched text) for each finding in ``text``."""
    return [(f.rule_id, f.text) for f in lint_text(text, filename)]


def findings(text: str, filename: str = "doc.md") -> list[Finding]:
    return lint_text(text, filename)


def reported(
    make: Callable[[TextIO], Reporter], found: Iterable[Finding], summary: Summary | None = None
) -> str:
    """What a reporter made by ``make`` writes for ``found``, as a check run feeds it."""
    stream = io.StringIO()
    reporter = make(stream)
    for finding in found:
        reporter.finding(finding)
    reporter.finish(summary or Summary())
    return stream.getvalue()


@pytest.fixture(scope="session")
def engine():
    return default_engine()


# Rules whose behaviour extractor and reporter tests rely on; assertions filter on
# them so that new rules in the pack do not break format tests.
STABLE_RULES = {"whitelist", "blacklist", "slave", "sanity-check", "crazy", "man-hours"}


def stable_findings(path: Path) -> list[tuple[str, int, int, str]]:
    """(rule, line, column, text) of the stable rules' findings in a file."""
    from allylint import lint_paths

    return [
        (f.rule_id, f.line, f.column, f.text)
        for f in lint_paths([path])
        if f.rule_id in STABLE_RULES
    ]


def finding_of(
    rule: Rule, path: str, line: int, column: int, end_line: int, end_column: int, text: str
) -> Finding:
    """A finding of ``rule`` at a place, for reporter tests (offsets are not reported)."""
    return Finding.of_rule(
        rule,
        path=path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start=0,
        end=len(text),
        text=text,
    )


def write_file(tmp_path: Path, name: str, content: str, newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(content.replace("\n", newline).encode("utf-8"))
    return path


def docs_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, guide: str, **extra: str) -> Path:
    """A folder with docs/guide.md, docs/clean.md and ``extra`` files, as the cwd."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "guide.md").write_text(guide, encoding="utf-8")
    (docs / "clean.md").write_text("Nothing to see here.\n", encoding="utf-8")
    for name, text in extra.items():
        (docs / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


CANDIDATE_FILLER = "Filler paragraph of plain words here."


def documents_of_blocks(blocks: list[str]):
    """Documents of up to six of ``blocks`` (with the word "whitelist" kept or replaced),
    each followed by some filler paragraphs: for fuzzing the block finders."""
    from hypothesis import strategies as st

    part = st.tuples(st.sampled_from(blocks), st.booleans(), st.integers(0, 6))
    return st.lists(part, min_size=1, max_size=6).map(_document_of_blocks)


def _document_of_blocks(parts: list[tuple[str, bool, int]]) -> str:
    pieces = []
    for block, keep_term, fillers in parts:
        pieces.append(block if keep_term else block.replace("whitelist", "widget"))
        pieces.extend([CANDIDATE_FILLER] * fillers)
    return "\n\n".join(pieces) + "\n"


def assert_candidate_blocks_find_the_same(text: str, fmt: str) -> None:
    """Parsing only the blocks that hold a candidate finds what the whole document does."""
    from allylint.formats.reader import extract, extract_near, raw_view

    engine = default_engine()
    positions = engine.candidate_positions(raw_view(text, fmt))

    def found(segments):
        return sorted((m.start, m.end) for m in engine.match_segments(segments))

    near = found(extract_near(text, fmt, positions)) if positions else []
    assert near == found(extract(text, fmt))
