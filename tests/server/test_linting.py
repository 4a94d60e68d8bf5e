"""The server's adapter to allylint: configurations per folder, fixes, directives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from allylint.server.linting import Linter, configures
from allylint.server.results import LintResult, Replacement


def _apply(text: str, replacements: tuple[Replacement, ...]) -> str:
    for replacement in sorted(replacements, key=lambda r: r.start, reverse=True):
        text = text[: replacement.start] + replacement.new_text + text[replacement.end :]
    return text


def _suppressed(linter: Linter, path: Path, text: str) -> tuple[str, LintResult]:
    """The text with the suppression directive for its one finding, and its new check."""
    (found,) = linter.lint(text, path).findings
    (fix,) = [fix for fix in found.quick_fixes if fix.title.startswith("Suppress")]
    edited = _apply(text, fix.replacements)
    return edited, linter.lint(edited, path)


@pytest.fixture
def linter(tmp_path: Path) -> Linter:
    return Linter(tmp_path)


def test_markdown_hard_breaks_stay_at_the_end_of_the_line(linter: Linter, tmp_path: Path) -> None:
    edited, after = _suppressed(linter, tmp_path / "a.md", "The whitelist \\\nnext line\n")
    assert edited == "The whitelist <!-- allylint: disable-line whitelist --> \\\nnext line\n"
    assert after.findings == ()


def test_directive_lines_keep_the_documents_line_breaks(linter: Linter, tmp_path: Path) -> None:
    edited, after = _suppressed(linter, tmp_path / "a.txt", "Intro.\r\n\r\n\tThe whitelist.\r\n")
    assert edited == "Intro.\r\n\r\n\tallylint: disable-next-line whitelist\r\n\tThe whitelist.\r\n"
    assert after.findings == ()


def test_rst_paragraph_at_the_end_of_a_file_without_a_line_break(
    linter: Linter, tmp_path: Path
) -> None:
    edited, after = _suppressed(linter, tmp_path / "a.rst", "Intro.\n\n   The whitelist.")
    assert edited == (
        "Intro.\n\n   .. allylint: disable whitelist\n\n   The whitelist."
        "\n\n   .. allylint: enable whitelist\n"
    )
    assert after.findings == ()


def test_no_comment_on_a_continued_line(linter: Linter, tmp_path: Path) -> None:
    text = "#define HOSTS /* the whitelist */ \\\n    0\n"
    (found,) = linter.lint(text, tmp_path / "a.c").findings
    titles = [fix.title for fix in found.quick_fixes]
    assert titles == [
        'Replace with "allowlist"',
        'Replace with "allow list" (when the words read better apart, as in prose)',
        'Replace with "permit list" (for network and firewall rules)',
    ]


def test_a_configuration_is_loaded_once_and_again_when_it_changes(
    linter: Linter, tmp_path: Path
) -> None:
    config = tmp_path / ".allylint.yaml"
    config.write_text("ignore: [whitelist]\n", encoding="utf-8")
    document = tmp_path / "docs" / "a.md"
    assert linter.lint("The whitelist.\n", document).findings == ()
    first = linter._configuration(config).checker
    assert linter._configuration(config).checker is first
    config.write_text("ignore: [sanity-check]\n", encoding="utf-8")
    later = config.stat().st_mtime_ns + 2_000_000_000
    os.utime(config, ns=(later, later))
    assert [f.rule_id for f in linter.lint("The whitelist.\n", document).findings] == ["whitelist"]
    assert linter._configuration(config).checker is not first


def test_a_broken_configuration_keeps_the_last_good_one(linter: Linter, tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.allylint]\nignore = ["whitelist"]\n', encoding="utf-8")
    document = tmp_path / "a.md"
    assert linter.lint("The whitelist.\n", document).findings == ()
    config.write_text('[tool.allylint]\nignore = ["whitelist"\n', encoding="utf-8")
    later = config.stat().st_mtime_ns + 2_000_000_000
    os.utime(config, ns=(later, later))
    result = linter.lint("The whitelist.\n", document)
    assert result.findings == ()
    (problem,) = result.problems
    assert problem.path == config and "cannot read" in problem.message
    assert result.configuration == config


def test_which_files_configure_documents(linter: Linter, tmp_path: Path) -> None:
    rules = tmp_path / "team"
    rules.mkdir()
    (rules / "team.yaml").write_text(
        "rules:\n  - id: no-foobar\n    category: team\n    severity: info\n"
        "    match: [foobar]\n    alternatives: [placeholder]\n    message: Say what.\n"
        "    learn: [why-words-matter]\n",
        encoding="utf-8",
    )
    (tmp_path / ".allylint.yml").write_text("extend-rules: [team]\n", encoding="utf-8")
    result = linter.lint("A foobar.\n", tmp_path / "a.md")
    (found,) = result.findings
    assert found.documentation == (rules / "team.yaml").as_uri()
    assert "**placeholder**" in result.descriptions[found.description]
    assert configures(rules / "team.yaml", result.watched)
    assert configures(rules / "new.yaml", result.watched)
    assert configures(tmp_path / "elsewhere" / "pyproject.toml", result.watched)
    assert not configures(tmp_path / "docs" / "mkdocs.yaml", result.watched)


@pytest.mark.parametrize(
    ("name", "language_id", "fmt"),
    [
        ("guide.md", None, "markdown"),
        ("guide.md", "plaintext", "markdown"),  # the name decides first
        ("CHANGES", "plaintext", "text"),
        ("deploy", "shellscript", "shell"),
        ("Component.tsx", None, "tsx"),
        ("untitled-1", "restructuredtext", "rst"),
        ("data.json", "json", None),
        ("notes", None, None),
    ],
)
def test_formats_by_name_then_by_language(
    name: str, language_id: str | None, fmt: str | None
) -> None:
    assert Linter.format_of(Path(name), language_id) == fmt
