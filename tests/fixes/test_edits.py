"""Safe fixes: forms, file round trips, the command line, and a property test."""

import codecs
import stat

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allylint.api import lint_text
from allylint.cli.main import main
from allylint.fixes.edits import Edit, apply_edits, edit_for, replacement_for
from allylint.rules.model import Term


@pytest.mark.parametrize(
    ("original", "term", "fix", "expected"),
    [
        ("whitelist", "whitelist", "allowlist", "allowlist"),
        ("Whitelist", "whitelist", "allowlist", "Allowlist"),
        ("WHITELIST", "whitelist", "allowlist", "ALLOWLIST"),
        ("whiteList", "whitelist", "allowlist", "allowList"),
        ("whitelisted", "whitelist", "allowlist", "allowlisted"),
        ("whitelisting", "whitelist", "allowlist", "allowlisting"),
        ("white-listed", "white list", "allowlist", "allow-listed"),
        ("white list", "white list", "allowlist", "allow list"),
        ("blacklisted", "blacklist", "denylist", "denylisted"),
        ("slaves", "slave", "replica", "replicas"),
        ("Slave", "slave", "replica", "Replica"),
        ("sanity check", "sanity check", "confidence check", "confidence check"),
        ("sanity-checked", "sanity check", "confidence check", "confidence-checked"),
        ("man-hours", "man hour", "person-hour", "person-hours"),
        ("man hours", "man hour", "person-hour", "person hours"),
        ("manhours", "man hour", "person-hour", "person-hours"),
        ("Man-Hours", "man hour", "person-hour", "Person-Hours"),
        ("man-\nhours", "man hour", "person-hour", "person-\nhours"),
    ],
)
def test_replacement_keeps_the_original_form(original, term, fix, expected):
    assert replacement_for(original, Term(term), fix) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Add it to a whitelist.", "Add it to an allowlist."),
        ("A whitelist is kept.", "An allowlist is kept."),
        ("Use a blacklist here.", "Use a denylist here."),
        ("an slave node", "a replica node"),
    ],
)
def test_articles_follow_the_replacement(text, expected):
    [finding] = lint_text(text, "a.txt")
    assert finding.fix is not None
    assert apply_edits(text, [finding.fix])[0] == expected


def test_rules_without_a_fix_are_never_rewritten():
    [finding] = lint_text("This config is crazy.", "a.txt")
    assert finding.fix is None


def test_edits_apply_in_order_and_skip_overlaps():
    edits = [Edit(0, 3, "XYZ"), Edit(2, 5, "no"), Edit(6, 7, "!")]
    assert apply_edits("abcdefg", edits) == ("XYZdef!", 2)


def test_no_fix_inside_code_spans_urls_or_suppressions(tmp_path):
    path = tmp_path / "a.md"
    original = (
        "Run `whitelist` at https://x.io/a/whitelist/b\n\n"
        "<!-- allylint: disable-next-line -->\nthe whitelist\n"
    )
    path.write_text(original)
    result = CliRunner().invoke(main, ["check", "--fix", str(path)])
    assert result.exit_code == 0
    assert path.read_text() == original


def run_fix(path, *extra):
    return CliRunner().invoke(main, ["check", "--fix", *extra, str(path)])


def test_fix_rewrites_in_place_and_reports_what_is_left(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Whitelist\n\nThe slaves are crazy; add them to a whitelist.\n")
    result = run_fix(path)
    assert path.read_text() == "# Allowlist\n\nThe replicas are crazy; add them to an allowlist.\n"
    assert result.exit_code == 1
    assert "notes.md:3:18: crazy" in result.stdout
    assert "applied 3 fixes in 1 file; 1 finding left for a human" in result.stderr


def test_fix_twice_changes_nothing_the_second_time(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Whitelisted hosts, SLAVE nodes and 40 man-hours of sanity checks.\n")
    run_fix(path)
    once = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    result = run_fix(path)
    assert path.read_bytes() == once
    assert path.stat().st_mtime_ns == mtime
    assert "applied 0 fixes" in result.stderr
    fixable = [f for f in lint_text(once.decode(), "a.md") if f.fix is not None]
    assert fixable == []


@pytest.mark.parametrize(
    ("encoding", "prefix", "newline"),
    [("utf-8", b"", b"\r\n"), ("utf-8", codecs.BOM_UTF8, b"\n"), ("latin-1", b"", b"\r\n")],
)
def test_bytes_round_trip(tmp_path, encoding, prefix, newline):
    body = newline.join(
        [
            "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u2014 the whitelist.".encode(encoding)
            if encoding == "utf-8"
            else "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 the whitelist.".encode(encoding),
            b"\tsecond line with a blacklist",
            b"",
        ]
    )
    path = tmp_path / "a.txt"
    path.write_bytes(prefix + body)
    run_fix(path)
    expected = prefix + body.replace(b"whitelist", b"allowlist").replace(b"blacklist", b"denylist")
    assert path.read_bytes() == expected


def test_permissions_are_kept(tmp_path):
    path = tmp_path / "run.txt"
    path.write_text("the whitelist\n")
    path.chmod(0o751)
    run_fix(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    assert path.read_text() == "the allowlist\n"
    assert [p.name for p in tmp_path.iterdir()] == ["run.txt"]


def test_diff_prints_and_writes_nothing(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("the whitelist\n")
    result = CliRunner().invoke(main, ["check", "--diff", str(path)])
    assert "-the whitelist\n+the allowlist\n" in result.stdout
    # The findings stand: nothing was fixed, so CI still fails.
    assert result.exit_code == 1
    assert "a.md:1:5: whitelist" in result.stderr  # stdout carries the diff
    assert "--fix would apply 1 fix in 1 file; nothing was written" in result.stderr
    assert path.read_text() == "the whitelist\n"


def test_fix_with_stdin_writes_the_fixed_text_to_stdout():
    result = CliRunner().invoke(
        main,
        ["check", "--fix", "--stdin", "--stdin-filename", "a.md"],
        input="The whitelist is crazy.\n",
    )
    assert result.stdout == "The allowlist is crazy.\n"
    assert "a.md:1:18: crazy" in result.stderr


WORDS = st.sampled_from(
    [
        "whitelist",
        "Whitelisted",
        "BLACKLIST",
        "slaves",
        "sanity check",
        "man-hours",
        "a",
        "an",
        "the",
        "host",
        "crazy",
        "`whitelist`",
        "https://x.io/a/slave/b",
        "caf\u00e9",
        "\t",
        "\n",
        "\r\n",
        ".",
        ",",
        "his",
        "each user",
        "white-listed",
        "dummy value",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, min_size=1, max_size=30))
def test_fixing_changes_no_byte_outside_the_fixed_spans(words):
    text = " ".join(words)
    findings = lint_text(text, "prop.md")
    edits = [f.fix for f in findings if f.fix]
    fixed, applied = apply_edits(text, edits)
    # Rebuild the expected text from the untouched pieces between edits.
    position, pieces = 0, []
    for edit in sorted(edits, key=lambda e: e.start):
        if edit.start < position:
            continue
        pieces.append(text[position : edit.start])
        assert edit_span_is_words(text[edit.start : edit.end])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    assert fixed == "".join(pieces)
    assert applied == len(pieces) // 2


def edit_span_is_words(span: str) -> bool:
    return all(c.isalpha() or c in " -\n\r\t'" for c in span)


def test_edit_for_leaves_a_correct_article_alone():
    text = "an whitelist"
    edit = edit_for(text, 3, 12, Term("whitelist"), "allowlist")
    assert edit == Edit(3, 12, "allowlist")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He or she can log in.", "They can log in."),
        ("Then he or she is done.", "Then he or she is done."),  # "they is" would be wrong
        ("The user can change his or her settings.", "The user can change their settings."),
        ("Ask whether s/he will approve.", "Ask whether they will approve."),
        ("Give it to him/her now.", "Give it to them now."),
        ("He/she did it himself/herself.", "They did it themselves."),
    ],
)
def test_he_or_she_becomes_they_only_where_the_verb_agrees(text, expected):
    findings = lint_text(text, "a.txt")
    assert findings
    assert apply_edits(text, [f.fix for f in findings if f.fix])[0] == expected


def test_fix_with_stdin_keeps_encoding_and_bom():
    data = b"\xef\xbb\xbfcaf\xe9 the whitelist\r\n"
    result = CliRunner().invoke(
        main, ["check", "--fix", "--stdin", "--stdin-filename", "a.txt"], input=data
    )
    assert result.stdout_bytes == b"\xef\xbb\xbfcaf\xe9 the allowlist\r\n"
    clean = b"caf\xe9 clean\n"
    result = CliRunner().invoke(main, ["check", "--fix", "--stdin"], input=clean)
    assert result.stdout_bytes == clean


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Add it to a\nwhitelist now.", "Add it to an\nallowlist now."),
        ("Plan A whitelist.", "Plan A allowlist."),
        ("- A whitelist item", "- An allowlist item"),
        ("Done. A whitelist.", "Done. An allowlist."),
    ],
)
def test_articles_across_line_breaks_and_labels(text, expected):
    findings = lint_text(text, "a.txt")
    assert apply_edits(text, [f.fix for f in findings if f.fix])[0] == expected


def test_fix_never_writes_through_symlinks_and_leaves_risky_files_alone(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("the whitelist\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    result = run_fix(link)
    assert link.is_symlink()
    assert real.read_text() == "the whitelist\n"
    assert "not fixed: it is a symbolic link" in result.stderr

    first = tmp_path / "first.md"
    first.write_text("the whitelist\n")
    (tmp_path / "second.md").hardlink_to(first)
    result = run_fix(first)
    assert first.read_text() == "the whitelist\n"
    assert "not fixed: it has 2 hard links" in result.stderr

    locked = tmp_path / "locked.md"
    locked.write_text("the whitelist\n")
    locked.chmod(0o444)
    result = run_fix(locked)
    assert locked.read_text() == "the whitelist\n"
    assert "not fixed: the file is read-only" in result.stderr
    assert result.exit_code == 1  # the finding is still there


def test_fix_never_overwrites_a_file_that_changed_meanwhile(tmp_path):
    from allylint.fixes.edits import rewrite

    path = tmp_path / "a.md"
    path.write_text("the whitelist\nmore\n")
    assert rewrite(path, b"the whitelist\n", b"the allowlist\n") is not None
    assert path.read_text() == "the whitelist\nmore\n"
