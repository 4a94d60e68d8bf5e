"""The generated rule pages (docs/categories/*.md, docs/README.md) match the rules and topics."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from allylint.engine.prefilter import Prefilter
from allylint.report.registry import OUTPUT_FORMATS
from allylint.report.topics import load_topics
from allylint.rules.loader import load_rules

ROOT = Path(__file__).resolve().parent.parent


def _load_build_docs():
    spec = importlib.util.spec_from_file_location("build_docs", ROOT / "scripts" / "build_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_docs = _load_build_docs()


def test_generated_docs_are_current():
    outdated = [path.relative_to(ROOT).as_posix() for path in build_docs.stale(ROOT)]
    assert not outdated, (
        f"the generated docs are out of date: {', '.join(outdated)}. "
        f"Regenerate them with: {build_docs.REGENERATE}"
    )


def test_every_rule_is_on_its_category_page_linking_the_topic():
    pages = build_docs.generate(ROOT)
    rules = list(load_rules([ROOT / "rules"]))
    topics = load_topics(ROOT / "docs" / "topics")
    terms = Prefilter(rules)
    for rule in rules:
        page = pages[ROOT / "docs" / "categories" / f"{rule.category}.md"]
        assert f"\n## `{rule.id}`\n" in page
        assert f"](#{rule.id})" in page
        # The rule's own terms are quoted in its message: the page talks about them.
        assert build_docs._quoted_terms(rule.message, terms) in page
        for alternative in rule.alternatives:
            assert f"**{alternative.text}**" in page
        assert f"(../topics/{rule.category}.md)" in page
    index = pages[ROOT / "docs" / "README.md"]
    for topic in topics.values():
        assert f"(topics/{topic.id}.md)" in index
        if topic.kind == "category":
            assert f"(categories/{topic.id}.md)" in index
    for path, text in pages.items():
        if path.name != build_docs.OUTPUT_PAGE:
            assert text.startswith(build_docs.MARKER), path


def test_the_output_page_lists_every_output_format_of_the_registry():
    page = build_docs.generate(ROOT)[ROOT / "docs" / build_docs.OUTPUT_PAGE]
    table = page.split(build_docs.FORMATS_START)[1].split(build_docs.FORMATS_END)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows[1:]] == list(OUTPUT_FORMATS)
    for entry in OUTPUT_FORMATS.values():
        assert f"`{entry.media_type}`" in table


@pytest.fixture
def copy_of_sources(tmp_path):
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "docs" / "topics", tmp_path / "docs" / "topics")
    shutil.copy(ROOT / "docs" / "output.md", tmp_path / "docs" / "output.md")
    return tmp_path


def test_check_mode_fails_until_regenerated(copy_of_sources, capsys):
    root = copy_of_sources
    assert build_docs.main(["--check"], root=root) == 1
    assert "regenerate with: python scripts/build_docs.py" in capsys.readouterr().err
    assert build_docs.main([], root=root) == 0
    assert build_docs.main(["--check"], root=root) == 0

    rule_file = sorted((root / "rules").glob("*.yaml"))[0]
    text = rule_file.read_text(encoding="utf-8")
    rule_file.write_text(text.replace("severity: warning", "severity: info", 1), "utf-8")
    assert build_docs.main(["--check"], root=root) == 1
    assert build_docs.main([], root=root) == 0
    assert build_docs.main(["--check"], root=root) == 0


def test_pages_of_vanished_categories_are_removed(copy_of_sources):
    root = copy_of_sources
    build_docs.main([], root=root)
    old = root / "docs" / "categories" / "retired.md"
    old.write_text(build_docs.MARKER + "\n\n# Retired\n", encoding="utf-8")
    handwritten = root / "docs" / "categories" / "notes.md"
    handwritten.write_text("# Notes kept by hand\n", encoding="utf-8")
    assert old in build_docs.stale(root)
    build_docs.main([], root=root)
    assert not old.exists() and handwritten.exists()


def test_the_projects_own_readme_and_docs_report_nothing():
    # The docs write the words they discuss as mentions (quoted, listed, named as
    # words), and the mention detector recognises them: no exclusion is needed.
    from allylint.api import check_files, default_engine
    from allylint.discovery.walk import discover

    files = discover([ROOT / "README.md", ROOT / "docs"])
    found = [
        f"{finding.path}:{finding.line}: {finding.text}"
        for result in check_files(default_engine(), files)
        for finding in result.findings
    ]
    assert found == []
