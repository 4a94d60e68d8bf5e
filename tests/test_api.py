"""The Python API: lint_text, and check_text's options."""

from __future__ import annotations

from allylint.api import lint_text


def test_kind_reads_text_taken_out_of_its_file_as_that_kind():
    line = "He does not have to check for the attribute first."
    # Plain text that opens with "He" tells of someone named elsewhere; a comment
    # speaks of the caller or the user, so there the pronoun is generic.
    assert lint_text(line, "line.txt") == []
    findings = lint_text(line, "line.txt", kind="comment")
    assert [(f.text, f.context) for f in findings] == [("He", "comment")]


def test_without_kind_the_format_decides():
    text = "# so he does not have to check for the attribute first.\n"
    assert [f.context for f in lint_text(text, "t.py")] == ["comment"]
    assert [f.text for f in lint_text("He does not have to check it.", "t.txt")] == []


def test_terms_in_file_names_are_reported_but_never_fixed():
    findings = lint_text("Run java -jar ~/bin/slave.jar on each machine.", "t.md")
    assert [(f.rule_id, f.text, f.fix) for f in findings] == [("slave", "slave", None)]
    prose = lint_text("Each slave replicates from the primary.", "t.md")
    assert prose[0].fix is not None
