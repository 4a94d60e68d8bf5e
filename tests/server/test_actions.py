"""Code actions from the real server, applied the way an editor applies them."""

from __future__ import annotations

import itertools

import pytest
from lsprotocol import types

from tests.server.conftest import Editor

pytestmark = pytest.mark.asyncio(loop_scope="session")

_names = itertools.count()

# One finding each, in every kind of place a suppression directive must be written.
CASES = {
    "markdown": ("guide.md", "Put the hosts on the whitelist.  \nNext line.\n"),
    "markdown-in-table": ("table.md", "| list | use |\n|---|---|\n| whitelist | hosts |\n"),
    "rst": ("guide.rst", "Hosts\n=====\n\nAll hosts go on\nthe whitelist first.\n\nMore.\n"),
    "asciidoc": ("guide.adoc", "= Hosts\n\nAll hosts go on\nthe whitelist first.\n"),
    "html": ("page.html", "<p>Put the hosts on the whitelist.</p>\n"),
    "python-comment": ("hosts.py", "HOSTS = []  # the whitelist of hosts\n"),
    "python-docstring": (
        "module.py",
        'def hosts():\n    """Hosts.\n\n    The whitelist of hosts.\n    """\n',
    ),
    "c": ("hosts.c", "/* The whitelist\n * of hosts. */\nint hosts;\n"),
    "sql": ("hosts.sql", "-- the whitelist of hosts\nSELECT 1;\n"),
    "text": ("notes.txt", "Intro.\n\n  Put the hosts on the whitelist.\n"),
    "commit": ("COMMIT_EDITMSG", "Add hosts to the whitelist\n\nBody.\n"),
    "crlf": ("windows.md", "Intro.\r\n\r\nPut the hosts on the whitelist.\r\n"),
}


async def _open_as_new(editor: Editor, name: str, text: str) -> list[types.Diagnostic]:
    """Check ``text`` as a fresh file named like ``name``: did the edit do its job?"""
    folder = f"check-{next(_names)}"
    uri = editor.open(f"{folder}/{name}", text)
    return await editor.diagnostics(uri)


@pytest.mark.parametrize("case", sorted(CASES))
async def test_every_quick_fix_applies_cleanly(editor: Editor, case: str) -> None:
    name, text = CASES[case]
    uri = editor.open(name, text)
    (diagnostic,) = await editor.diagnostics(uri)
    actions = await editor.actions(uri, diagnostic, only=[types.CodeActionKind.QuickFix])
    titles = [action.title for action in actions]
    assert titles[0] == 'Replace with "allowlist"' and actions[0].is_preferred
    assert 'Replace with "allow list" (when the words read better apart, as in prose)' in titles
    assert any(title.startswith("Suppress whitelist") for title in titles)
    for action in actions:
        assert action.kind == types.CodeActionKind.QuickFix
        edited = editor.edited(uri, action)
        assert await _open_as_new(editor, name, edited) == [], (action.title, edited)


async def test_suppression_directives_in_each_syntax(editor: Editor) -> None:
    """What the suppress action writes, format by format."""
    written = {}
    cases = ("markdown", "rst", "asciidoc", "python-comment", "python-docstring", "c", "sql")
    for case in (*cases, "commit"):
        name, text = CASES[case]
        uri = editor.open(f"{case}/{name}", text)
        (diagnostic,) = await editor.diagnostics(uri)
        actions = await editor.actions(uri, diagnostic)
        (suppress,) = [a for a in actions if a.title.startswith("Suppress")]
        written[case] = editor.edited(uri, suppress)
    assert written["markdown"].startswith(
        "Put the hosts on the whitelist. <!-- allylint: disable-line whitelist -->  \n"
    )
    assert written["rst"] == (
        "Hosts\n=====\n\n.. allylint: disable whitelist\n\nAll hosts go on\n"
        "the whitelist first.\n\n.. allylint: enable whitelist\n\nMore.\n"
    )
    assert written["asciidoc"] == (
        "= Hosts\n\nAll hosts go on\n"
        "// allylint: disable-next-line whitelist\nthe whitelist first.\n"
    )
    assert written["python-comment"] == (
        "HOSTS = []  # the whitelist of hosts  # allylint: disable-line whitelist\n"
    )
    assert written["python-docstring"] == (
        "def hosts():\n    # allylint: disable whitelist\n"
        '    """Hosts.\n\n    The whitelist of hosts.\n    """\n'
        "    # allylint: enable whitelist\n"
    )
    assert written["c"].startswith("/* The whitelist  // allylint: disable-line whitelist\n")
    assert written["sql"].startswith("-- the whitelist of hosts  -- allylint: disable-line")
    assert written["commit"].startswith("# allylint: disable-next-line whitelist\nAdd hosts")


async def test_alternatives_follow_case_and_inflection(editor: Editor) -> None:
    uri = editor.open("notes.md", "Whitelisted hosts may connect.\n")
    (diagnostic,) = await editor.diagnostics(uri)
    titles = [action.title for action in await editor.actions(uri, diagnostic)]
    assert titles[:3] == [
        'Replace with "Allowlisted"',
        'Replace with "Allow listed" (when the words read better apart, as in prose)',
        'Replace with "Permit listed" (for network and firewall rules)',
    ]


async def test_alternatives_that_describe_are_not_offered_as_text(editor: Editor) -> None:
    """ "a person with ..." tells the writer what to do; it is not a replacement."""
    uri = editor.open("notes.md", "She suffers from epilepsy.\n")
    (diagnostic,) = await editor.diagnostics(uri)
    titles = [action.title for action in await editor.actions(uri, diagnostic)]
    assert not any("..." in title for title in titles)
    assert titles[-1] == "Suppress suffers-from on this line"


async def test_fix_all_applies_every_safe_fix(editor: Editor) -> None:
    text = (
        "Hosts on the whitelist.\n\nRun a sanity check.\n\nThe blacklisted hosts.\n\nHe is crazy.\n"
    )
    uri = editor.open("notes.md", text)
    diagnostics = await editor.diagnostics(uri)
    assert len(diagnostics) == 4
    (fix_all,) = await editor.actions(uri, diagnostics[0], only=[types.CodeActionKind.SourceFixAll])
    assert fix_all.kind == "source.fixAll.allylint"
    assert fix_all.title == "Fix all safe findings in this file (allylint)"
    fixed = editor.edited(uri, fix_all)
    assert fixed == (
        "Hosts on the allowlist.\n\nRun a confidence check.\n\nThe denylisted hosts.\n\n"
        "He is crazy.\n"
    )
    remaining = await _open_as_new(editor, "notes.md", fixed)
    assert [d.code for d in remaining] == ["crazy"]
    quick = await editor.actions(uri, diagnostics[0], only=[types.CodeActionKind.QuickFix])
    assert fix_all.title in [action.title for action in quick]


async def test_actions_follow_the_newest_text(editor: Editor) -> None:
    """Asked right after an edit, the server checks the new text before answering."""
    uri = editor.open("notes.md", "Hosts on the whitelist.\n")
    (diagnostic,) = await editor.diagnostics(uri)
    version = editor.change(uri, "More text first. Hosts on the whitelist.\n")
    moved = types.Diagnostic(
        range=types.Range(types.Position(0, 30), types.Position(0, 39)), message=""
    )
    (preferred, *_) = await editor.actions(uri, moved)
    assert preferred.edit is not None and preferred.edit.document_changes
    (change,) = preferred.edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    assert change.text_document.version == version
    assert editor.edited(uri, preferred) == "More text first. Hosts on the allowlist.\n"
    assert diagnostic.range.start.character == 13
