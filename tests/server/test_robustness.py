"""Large files, odd documents and odd requests: the server keeps serving."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import client_capabilities

from tests.server.conftest import Editor, running_editor

pytestmark = pytest.mark.asyncio(loop_scope="session")

PARAGRAPH = "Hosts and services talk over the network; each one is checked in turn.\n\n"


async def test_a_large_file_never_blocks_the_server(editor: Editor) -> None:
    small = editor.open("small.md", "The whitelist.\n")
    assert len(await editor.diagnostics(small)) == 1
    body = PARAGRAPH * (5_000_000 // len(PARAGRAPH))
    large = editor.open("large.md", body + "The whitelist.\n")
    newest = editor.change(large, "A sanity check.\n\n" + body + "The whitelist.\n")
    # While the 5 MB document is being checked, other requests are answered.
    hover = await editor.hover(small, 0, 6)
    assert hover is not None
    assert editor.latest(large) is None
    diagnostics = await editor.diagnostics(large, newest)
    assert [d.code for d in diagnostics] == ["sanity-check", "whitelist"]
    assert diagnostics[1].range.start.line == body.count("\n") + 2
    # The check of the first version was dropped when it finished: it was stale.
    assert [p.version for p in editor.published if p.uri == large] == [newest]


async def test_binary_and_unknown_documents_are_skipped(editor: Editor) -> None:
    binary = editor.open("blob.md", "whitelist\x00\x01\x02 whitelist\n", "markdown")
    unknown = editor.open("data.json", '{"list": "whitelist"}\n', "json")
    assert await editor.diagnostics(binary) == []
    assert await editor.diagnostics(unknown) == []
    logged = [m.message for m in editor.client.log_messages]
    assert f"allylint: not checking {binary}: binary content" in logged
    assert f"allylint: not checking {unknown}: not a format allylint reads" in logged


async def test_a_name_without_a_format_is_read_by_its_language(editor: Editor) -> None:
    plain = editor.open("NOTES", "Hosts on the whitelist.\n", "plaintext")
    script = editor.open("deploy", "#!/bin/sh\n# the whitelist of hosts\necho hi\n", "shellscript")
    assert [d.code for d in await editor.diagnostics(plain)] == ["whitelist"]
    assert [d.range.start.line for d in await editor.diagnostics(script)] == [1]


async def test_requests_about_unknown_documents_and_places(editor: Editor) -> None:
    missing = editor.uri("never-opened.md")
    assert await editor.hover(missing, 0, 0) is None
    nothing = types.Diagnostic(
        range=types.Range(types.Position(0, 0), types.Position(0, 0)), message=""
    )
    assert await editor.actions(missing, nothing) == []
    # A change to a document that was never opened is an error of the client's ...
    editor.versions[missing] = 1
    editor.change(missing, "The whitelist.\n")
    # ... after which the server still answers, also about places past the end.
    uri = editor.open("notes.md", "The whitelist.\n")
    assert len(await editor.diagnostics(uri)) == 1
    assert await editor.hover(uri, 40, 3) is None
    far = types.Diagnostic(
        range=types.Range(types.Position(99, 0), types.Position(120, 5)), message=""
    )
    assert await editor.actions(uri, far, only=[types.CodeActionKind.QuickFix]) == []


async def test_closing_a_document_clears_its_diagnostics(editor: Editor) -> None:
    uri = editor.open("notes.md", "The whitelist.\n")
    assert len(await editor.diagnostics(uri)) == 1
    editor.close(uri)
    await editor.wait_for(lambda: (p := editor.latest(uri)) and p.version is None)
    assert list(editor.latest(uri).diagnostics) == []  # type: ignore[union-attr]


async def test_positions_in_utf8_when_the_client_asks(tmp_path: Path) -> None:
    capabilities = client_capabilities("neovim@v0.10.0")
    capabilities.general = types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind.Utf8]
    )
    async with running_editor(tmp_path, capabilities) as editor:
        uri = editor.open("notes.md", "Ünïcödé 😀 whitelist.\n")
        (diagnostic,) = await editor.diagnostics(uri)
        start = len("Ünïcödé 😀 ".encode())
        assert diagnostic.range == types.Range(
            types.Position(0, start), types.Position(0, start + len("whitelist"))
        )


def _checking_process(server: int) -> int:
    """The server's child that checks documents (not multiprocessing's resource tracker)."""
    children = [
        int(child)
        for task in Path(f"/proc/{server}/task").iterdir()
        for child in (task / "children").read_text().split()
    ]
    (checker,) = [c for c in children if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]
    return checker


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux's /proc")
async def test_a_checking_process_that_dies_is_replaced(tmp_path: Path) -> None:
    async with running_editor(tmp_path) as editor:
        first = editor.open("first.md", "The whitelist.\n")
        assert len(await editor.diagnostics(first)) == 1
        server = editor.client._server
        assert server is not None
        os.kill(_checking_process(server.pid), signal.SIGKILL)
        failed = editor.open("second.md", "The whitelist.\n")
        assert await editor.diagnostics(failed) == []
        (message,) = await editor.wait_for(
            lambda: [m for m in editor.client.messages if "could not check" in m.message]
        )
        assert message.type == types.MessageType.Error
        third = editor.open("third.md", "The whitelist.\n")
        assert len(await editor.diagnostics(third)) == 1
