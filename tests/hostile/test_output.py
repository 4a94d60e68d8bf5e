"""Wrong output and injection: names and rule text cannot start a workflow command or
restyle a terminal, --changed-since and --diff hold whatever git's configuration and
the files' bytes, and nothing is dropped without a notice."""

from __future__ import annotations

import json
import os

import pytest

from allylint.report.registry import FORMATS
from tests.hostile.conftest import WHITELIST, allylint, allylint_process, git, no_workflow_command

INJECTING_NAME = "a\n::error file=x.md,line=1::pwned.md"


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_newline_in_a_file_name_never_starts_a_workflow_command(tree, output_format):
    (tree / INJECTING_NAME).write_text(WHITELIST)
    os.mkfifo(tree / "b\n::warning::pipe.md")  # named in a notice on standard error
    # The text format through a real process: what a CI log shows is its streams.
    run_in = allylint_process if output_format == "text" else allylint
    run = run_in(tree, "check", "--no-cache", "--format", output_format, ".")
    assert run.returncode == 1
    if output_format == "github":
        [command] = [line for line in run.stdout.splitlines() if line]
        assert command.startswith("::warning file=a\\n%3A%3Aerror file=x.md%2C")
        run = type(run)(run.returncode, "", run.stderr, b"")
    no_workflow_command(run)
    if output_format in ("text", "junit", "checkstyle"):
        assert "a\\n::error file=x.md,line=1::pwned.md" in run.stdout


def test_ansi_escapes_are_stripped_from_names(tree):
    (tree / "red\x1b[31m\x1b]0;title\x07.md").write_text(WHITELIST)
    run = allylint(tree, "check", "--no-cache", ".")
    assert "\x1b" not in run.stdout + run.stderr
    assert "red.md:1:" in run.stdout


def test_rule_text_never_starts_a_workflow_command(tree):
    rules = tree / "team.yaml"
    rules.write_text(
        "rules:\n"
        "  - id: team-term\n"
        "    category: team\n"
        "    severity: warning\n"
        "    match: [whitelist]\n"
        '    alternatives: ["allowlist\\n::error::pwned", {use: "x\\r\\n::error::y"}]\n'
        '    message: "Say it\\n::error::another way. \\u001b[2J"\n'
        "    learn: [team]\n"
    )
    (tree / "a.md").write_text(WHITELIST)
    for output_format in ("text", "junit", "checkstyle"):
        run = allylint(tree, "check", "--no-cache", "--rules", rules, "-f", output_format, "a.md")
        no_workflow_command(run)
        assert "\x1b" not in run.stdout


GIT_SETTINGS = [
    ("diff.noprefix", "true"),
    ("diff.mnemonicPrefix", "true"),
    ("diff.relative", "true"),
    ("color.diff", "always"),
    ("diff.external", "false"),  # a program that prints nothing
    ("diff.shift.textconv", "sed 1d"),  # every line one up, for the files .gitattributes names
]


@pytest.mark.parametrize(("setting", "value"), GIT_SETTINGS, ids=[s for s, _ in GIT_SETTINGS])
def test_changed_since_holds_whatever_gits_configuration(tree, setting, value):
    docs = tree / "docs"
    docs.mkdir()
    (tree / ".gitattributes").write_text("*.md diff=shift\n")
    (docs / "plain.md").write_text("clean\n")
    (docs / 'tab\tand "quote".md').write_text("clean\n")
    (docs / "lines.md").write_text("++ b/plain.md\n")
    git(tree, "add", ".")
    git(tree, "commit", "-qm", "start")
    (docs / "plain.md").write_text("clean\n" + WHITELIST)
    (docs / 'tab\tand "quote".md').write_text("clean\n" + WHITELIST)
    (docs / "lines.md").write_text("++ b/plain.md\n+++ b/plain.md\n")
    git(tree, "config", setting, value)
    # From the folder: where diff.relative makes git print names relative to it.
    run = allylint(docs, "check", "--no-cache", "--changed-since", "HEAD", ".")
    assert "plain.md:2:" in run.stdout
    assert 'tab\\tand "quote".md:2:' in run.stdout


def test_a_ref_is_never_an_option_to_git(tree):
    (tree / "a.md").write_text(WHITELIST)
    git(tree, "add", ".")
    git(tree, "commit", "-qm", "start")
    run = allylint(tree, "check", "--no-cache", "--changed-since=--output=written.txt", ".")
    assert run.returncode == 2
    assert not (tree / "written.txt").exists()


def test_an_empty_ref_is_an_error(tree):
    run = allylint(tree, "check", "--no-cache", "--changed-since", "", ".")
    assert run.returncode == 2
    assert "the ref is empty" in run.stderr


@pytest.mark.parametrize(
    "content",
    [
        b"one\rthe whitelist\rthree\r",
        b"first\nthe whitelist",
        b"\xef\xbb\xbfthe whitelist\r\n",
        b"caf\xe9, the whitelist\n",
    ],
    ids=["cr-only", "no-final-newline", "bom", "latin-1"],
)
def test_diff_output_applies_with_git_apply(tree, content):
    path = tree / "a.txt"
    path.write_bytes(content)
    git(tree, "add", ".")
    git(tree, "commit", "-qm", "start")
    run = allylint(tree, "check", "--no-cache", "--diff", "a.txt")
    (tree / "fix.patch").write_bytes(run.stdout_bytes)
    git(tree, "apply", "fix.patch")
    assert path.read_bytes() == content.replace(b"whitelist", b"allowlist")


def test_text_after_an_unclosed_html_comment_is_not_flagged(tree):
    (tree / "page.html").write_text("<p>Fine.</p>\n<!-- a note\n<p>the whitelist</p>\n")
    run = allylint(tree, "check", "--no-cache", "page.html")
    assert run.returncode == 0


@pytest.mark.parametrize(
    ("match", "alternatives", "key"),
    [
        ("[whitelist]", "[{use: '   '}]", "alternatives[0].use"),
        ("[whitelist]", "['   ', allowlist]", "alternatives[0]"),
        ("[whitelist]", '[{use: "\\t\\n"}]', "alternatives[0].use"),
        ("[{phrase: whitelist, fix: '   '}]", "[allowlist]", "match[0].fix"),
    ],
    ids=["use", "string", "whitespace", "fix"],
)
def test_a_blank_alternative_is_rejected(tree, match, alternatives, key):
    rules = tree / "team.yaml"
    rules.write_text(
        "rules:\n  - id: team-term\n    category: team\n    severity: warning\n"
        f"    match: {match}\n    alternatives: {alternatives}\n    message: m\n"
        "    learn: [team]\n"
    )
    (tree / "a.md").write_text(WHITELIST)
    run = allylint(tree, "check", "--no-cache", "--rules", rules, ".")
    assert run.returncode == 2
    line = 5 if key.startswith("match") else 6
    assert f"team.yaml:{line}: rule 'team-term', key '{key}': " in run.stderr
    assert "must not be blank" in run.stderr


def test_an_unreadable_folder_or_file_is_a_notice_and_fails_the_run(tree):
    (tree / "locked").mkdir()
    (tree / "locked" / "a.md").write_text(WHITELIST)
    (tree / "unreadable.md").write_text(WHITELIST)
    (tree / "fine.md").write_text("Fine.\n")
    (tree / "locked").chmod(0)
    (tree / "unreadable.md").chmod(0)
    try:
        run = allylint_process(tree, "check", "--no-cache", ".", permissions_apply=True)
        unchecked = allylint_process(
            tree, "check", "--no-cache", "--exit-zero", ".", permissions_apply=True
        )
    finally:
        (tree / "locked").chmod(0o755)
    # A clean result would say more than was checked.
    assert run.returncode == 1, run.stdout
    assert "Checked 2 files: no findings." in run.stdout
    notices = [line for line in run.stderr.splitlines() if line.startswith("allylint:")]
    assert notices == [  # one notice for the folder, none for ignore files it may hold
        "allylint: locked: folder skipped: cannot read it (Permission denied)",
        "allylint: unreadable.md: skipped: cannot read (Permission denied)",
    ]
    assert unchecked.returncode == 0


def test_json_output_of_an_escaped_name_is_valid(tree):
    (tree / "new\nline.md").write_text(WHITELIST)
    run = allylint(tree, "check", "--no-cache", "--format", "json", ".")
    [finding] = json.loads(run.stdout)
    assert finding["path"] == "new\\nline.md"


EXAMPLES = {
    "inline.md": "Silence allylint with `<!-- allylint: disable -->`.\n\n",
    "fenced.md": "Example:\n\n```html\n<!-- allylint: disable -->\n```\n\n",
    "indented.md": "Example:\n\n    <!-- allylint: disable -->\n\n",
    "inline.rst": "Silence allylint with ``.. allylint: disable``.\n\n",
    "literal.rst": "Example::\n\n    .. allylint: disable\n\n",
    "code.rst": ".. code-block:: rst\n\n   .. allylint: disable\n\n",
    "docutils-code.rst": "Example:\n\n.. code:: rst\n\n   .. allylint: disable\n\n",
    "parsed.rst": "Example:\n\n.. parsed-literal::\n\n   .. allylint: disable\n\n",
    "inline.adoc": "Silence allylint with `// allylint: disable`\n\n",
    "listing.adoc": "Example:\n\n[source,asciidoc]\n----\n// allylint: disable\n----\n\n",
    "literal.adoc": "Example:\n\n....\n// allylint: disable\n....\n\n",
    "indented.adoc": "Example:\n\n  // allylint: disable\n\n",  # a literal paragraph
}


def test_a_directive_shown_as_an_example_does_not_silence_the_file(tree):
    for name, content in EXAMPLES.items():
        (tree / name).write_text(content + WHITELIST)
    run = allylint(tree, "check", "--no-cache", *EXAMPLES)
    assert run.returncode == 1
    for name, content in EXAMPLES.items():
        line = content.count("\n") + 1
        assert f"{name}:{line}:21: whitelist" in run.stdout, name


def test_a_directive_outside_an_example_still_silences(tree):
    real = {
        "a.md": "<!-- allylint: disable -->\n",
        "a.rst": ".. allylint: disable\n\n",
        "a.adoc": "// allylint: disable\n\n",
        "b.adoc": "----\nA listing.\n----\n\n// allylint: disable\n\n",
    }
    for name, content in real.items():
        (tree / name).write_text(content + WHITELIST)
    run = allylint(tree, "check", "--no-cache", *real)
    assert run.returncode == 0, run.stdout


def test_baseline_matching_does_not_depend_on_the_current_folder(tmp_path):
    # Neither a configuration nor a repository says where the project is.
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "a.md").write_text(WHITELIST)
    allylint(project, "check", "--no-cache", "--write-baseline", "b.json", "docs")
    run = allylint(project / "docs", "check", "--no-cache", "--baseline", "../b.json", ".")
    assert run.returncode == 0, run.stdout


def test_a_rest_line_over_a_million_characters_is_still_checked(tree):
    (tree / "long.rst").write_text("Words. " * 150_000 + "The whitelist.\n")
    run = allylint(tree, "check", "--no-cache", "-q", "long.rst")
    assert run.returncode == 1
    assert run.stdout.count("whitelist warning") == 1
