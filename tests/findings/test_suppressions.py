import pytest

from allylint.api import check_text, default_engine


def rules_found(text: str, filename: str = "doc.md") -> list[tuple[int, str]]:
    return [
        (f.line, f.rule_id)
        for f in check_text(default_engine(), text, filename, _fmt(filename)).findings
    ]


def _fmt(filename: str) -> str:
    from allylint.formats.registry import format_for

    return format_for(filename) or "text"


@pytest.mark.parametrize(
    ("text", "filename"),
    [
        ("<!-- allylint: disable-next-line whitelist -->\nAdd it to the whitelist.\n", "a.md"),
        ("<!-- allylint: disable-next-line -->\n\nAdd it to the whitelist.\n", "a.md"),
        ("Add it to the whitelist. <!-- allylint: disable-line whitelist -->\n", "a.md"),
        (".. allylint: disable-next-line whitelist\n\nAdd it to the whitelist.\n", "a.rst"),
        ("hosts = []  # allylint: disable-line -- legacy API name\n# the whitelist\n", "a.txt"),
    ],
)
def test_line_directives_in_each_syntax(text, filename):
    found = rules_found(text, filename)
    assert ("whitelist" not in {rule for _, rule in found}) == ("the whitelist\n" not in text)


def test_disable_line_applies_only_to_its_line():
    text = "# allylint: disable-line\nthe whitelist\n"
    assert rules_found(text, "a.txt") == [(2, "whitelist")]


def test_block_disable_and_enable_with_rule_names_and_categories():
    text = (
        "<!-- allylint: disable whitelist -->\n"
        "The whitelist and the slave.\n"
        "<!-- allylint: enable whitelist -->\n"
        "The whitelist again.\n"
        "<!-- allylint: disable tech-metaphors -->\n"
        "The blacklist and the slave.\n"
    )
    assert rules_found(text) == [(2, "slave"), (4, "whitelist")]


def test_a_directive_is_never_flagged_itself():
    assert rules_found("<!-- allylint: disable-next-line whitelist blacklist -->\nok\n") == []


def test_unknown_rule_in_directive_is_a_finding_at_the_directive():
    result = check_text(
        default_engine(),
        "<!-- allylint: disable-next-line whitelst -->\nthe whitelist\n",
        "a.md",
        "markdown",
    )
    assert [(f.rule_id, f.line) for f in result.findings] == [
        ("unknown-suppression", 1),
        ("whitelist", 2),
    ]
    problem = result.findings[0]
    assert problem.category == "suppressions"
    assert problem.severity == "warning"
    assert problem.text == "allylint: disable-next-line whitelst -->"[: len(problem.text)]
    assert "'whitelst' is no rule id or category" in problem.message
    assert problem.fingerprint
    assert result.notices == ()


def test_a_directive_in_a_file_without_candidates_is_checked_too():
    result = check_text(
        default_engine(), "<!-- allylint: disable nosuchrule -->\nAll fine.\n", "a.md", "markdown"
    )
    assert [f.rule_id for f in result.findings] == ["unknown-suppression"]


def test_unused_directives_are_findings_on_request():
    from allylint.api import CheckOptions
    from allylint.findings.suppressions import DIRECTIVE_RULES

    text = "<!-- allylint: disable-next-line -->\nnothing here\nthe whitelist\n"
    result = check_text(
        default_engine(), text, "a.md", "markdown", CheckOptions(directive_rules=DIRECTIVE_RULES)
    )
    assert [(f.rule_id, f.line) for f in result.findings] == [
        ("unused-suppression", 1),
        ("whitelist", 3),
    ]
    plain = check_text(default_engine(), text, "a.md", "markdown")
    assert [f.rule_id for f in plain.findings] == ["whitelist"]


@pytest.mark.parametrize(
    ("filename", "text"),
    [
        ("hosts.py", "# allylint: disable-next-line whitelist\n# the whitelist of hosts\nx = 1\n"),
        ("hosts.py", "x = 1  # the whitelist of hosts  # allylint: disable-line\n"),
        ("hosts.js", "// allylint: disable-next-line\n// the whitelist of hosts\nlet x;\n"),
        (
            "hosts.go",
            "/* allylint: disable */\n// the whitelist of hosts\n/* allylint: enable */\n",
        ),
        ("page.html", "<!-- allylint: disable-next-line -->\n<p>The whitelist.</p>\n"),
        ("hosts.yaml", "# allylint: disable-next-line whitelist\n# the whitelist\nx: 1\n"),
    ],
)
def test_directives_in_code_and_html_comment_syntax(filename, text):
    assert "whitelist" not in {rule for _, rule in rules_found(text, filename)}
    unsuppressed = text.replace("allylint:", "note:")
    assert "whitelist" in {rule for _, rule in rules_found(unsuppressed, filename)}


def test_directives_shown_in_prose_code_spans_or_examples_do_nothing():
    text = (
        "Write `allylint: disable-next-line` to suppress.\n\n"
        "```\n# allylint: disable\n```\n\n"
        "The whitelist stays flagged.\n"
    )
    result = check_text(default_engine(), text, "a.md", "markdown")
    assert [f.rule_id for f in result.findings] == ["whitelist"]
    assert result.notices == ()
