"""An editor session with the real server: diagnostics, quick fixes, hover, exit."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsprotocol import types

from tests.server.conftest import Editor, running_editor, utf16_offset

pytestmark = pytest.mark.asyncio(loop_scope="session")

# An emoji (two UTF-16 code units) and CJK (one each) before the finding.
MARKDOWN = "# Hosts 😀\n\n主机 😀 must be on the whitelist first.\n"


def _covered(text: str, diagnostic: types.Diagnostic) -> str:
    start, end = diagnostic.range.start, diagnostic.range.end
    return text[utf16_offset(text, start) : utf16_offset(text, end)]


async def test_editor_session(editor: Editor) -> None:
    uri = editor.open("guide.md", MARKDOWN, "markdown")
    (diagnostic,) = await editor.diagnostics(uri)
    # "主机 😀 must be on the " is 2 + 1 + 2 + 16 UTF-16 code units.
    assert diagnostic.range == types.Range(types.Position(2, 21), types.Position(2, 30))
    assert _covered(MARKDOWN, diagnostic) == "whitelist"
    assert diagnostic.code == "whitelist"
    assert diagnostic.source == "allylint"
    assert diagnostic.severity == types.DiagnosticSeverity.Warning
    assert diagnostic.code_description is not None
    assert diagnostic.code_description.href.endswith("docs/categories/tech-metaphors.md#whitelist")

    actions = await editor.actions(uri, diagnostic)
    (preferred,) = [action for action in actions if action.is_preferred]
    assert preferred.kind == types.CodeActionKind.QuickFix
    assert list(preferred.diagnostics or ()) == [diagnostic]
    fixed = editor.edited(uri, preferred)
    assert fixed == MARKDOWN.replace("whitelist", "allowlist")

    hover = await editor.hover(uri, 2, 28)
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert "**allowlist**" in hover.contents.value
    assert hover.range == diagnostic.range

    editor.change(uri, fixed)
    assert await editor.diagnostics(uri) == []

    python = editor.open(
        "hosts.py", 'HELP = "add it to the whitelist"  # the whitelist of hosts\n', "python"
    )
    (in_comment,) = await editor.diagnostics(python)
    comment = editor.texts[python].index("# the whitelist")
    assert in_comment.range.start == types.Position(0, comment + len("# the "))
    assert _covered(editor.texts[python], in_comment) == "whitelist"


async def test_shutdown_and_exit_end_the_process(tmp_path: Path) -> None:
    async with running_editor(tmp_path, types.ClientCapabilities()) as editor:
        uri = editor.open("notes.md", "A sanity check.\n")
        assert len(await editor.diagnostics(uri)) == 1
        server = editor.client._server
        assert server is not None
        await editor.client.shutdown_async(None)
        editor.client.exit(None)
        assert await asyncio.wait_for(server.wait(), 30) == 0
