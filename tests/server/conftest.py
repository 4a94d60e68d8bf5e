"""An editor-like client for the language server tests.

Each test starts a real ``allylint server`` process in its own folder and talks
to it over stdio with pytest-lsp's client, announcing the capabilities of a
real editor (VS Code unless a test says otherwise).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import re
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest
import pytest_asyncio
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER = [sys.executable, "-m", "allylint", "server", "--stdio"]
TIMEOUT = 60.0  # seconds; generous, for a loaded two-core machine


@dataclass(frozen=True)
class Published:
    uri: str
    version: int | None
    diagnostics: Sequence[types.Diagnostic]


def utf16_offset(text: str, position: types.Position) -> int:
    """The offset of an LSP position (UTF-16 code units), computed the plain way."""
    lines = text.splitlines(keepends=True)
    offset = sum(len(line) for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for index, character in enumerate(line.rstrip("\r\n")):
        if units >= position.character:
            return offset + index
        units += 2 if ord(character) > 0xFFFF else 1
    return offset + len(line.rstrip("\r\n"))


def apply_text_edits(text: str, edits: Sequence[types.TextEdit]) -> str:
    """Apply edits as an editor does: all ranges refer to the text before any edit."""
    spans = sorted(
        ((utf16_offset(text, e.range.start), utf16_offset(text, e.range.end), e.new_text))
        for e in edits
    )
    for start, end, new_text in reversed(spans):
        text = text[:start] + new_text + text[end:]
    return text


@dataclass
class Editor:
    """Drives one server the way an editor does: open, change, save, ask."""

    client: LanguageClient
    root: Path
    published: list[Published] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)
    registrations: list[types.Registration] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    def uri(self, name: str) -> str:
        return (self.root / name).as_uri()

    def open(self, name: str, text: str | None = None, language_id: str = "") -> str:
        """Open a file of the folder (writing ``text`` to it first, if given)."""
        path = self.root / name
        if text is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
        text = path.read_bytes().decode("utf-8")
        uri = path.as_uri()
        self.texts[uri], self.versions[uri] = text, 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id=language_id, version=1, text=text)
            )
        )
        return uri

    def change(self, uri: str, text: str) -> int:
        """Replace the whole text (what an edit boils down to), as a new version."""
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=uri, version=self.versions[uri]
                ),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        return self.versions[uri]

    def save(self, uri: str) -> None:
        Path(unquote(urlparse(uri).path)).write_text(self.texts[uri], "utf-8", newline="")
        self.client.text_document_did_save(
            types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri=uri))
        )

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri=uri))
        )

    def files_changed(self, *paths: Path) -> None:
        self.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[
                    types.FileEvent(uri=path.as_uri(), type=types.FileChangeType.Changed)
                    for path in paths
                ]
            )
        )

    async def wait_for(self, condition: Callable[[], Any]) -> Any:
        """Wait until ``condition()`` returns something true, as notifications arrive."""
        async with asyncio.timeout(TIMEOUT):
            while not (value := condition()):
                self.arrived.clear()
                await self.arrived.wait()
        return value

    def latest(self, uri: str, version: int | None = None) -> Published | None:
        for published in reversed(self.published):
            if published.uri == uri:
                if version is None or published.version == version:
                    return published
                return None
        return None

    async def diagnostics(self, uri: str, version: int | None = None) -> list[types.Diagnostic]:
        """The diagnostics published for ``uri`` at ``version`` (default: its current one)."""
        wanted = version if version is not None else self.versions.get(uri)
        published = await self.wait_for(lambda: self.latest(uri, wanted))
        return list(published.diagnostics)

    async def actions(
        self, uri: str, diagnostic: types.Diagnostic, only: list[str] | None = None
    ) -> list[types.CodeAction]:
        result = await self.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=diagnostic.range,
                context=types.CodeActionContext(diagnostics=[diagnostic], only=only),
            )
        )
        return [action for action in result or [] if isinstance(action, types.CodeAction)]

    def edited(self, uri: str, action: types.CodeAction) -> str:
        """The document's text with the action's edit applied (checking its version)."""
        assert action.edit is not None
        if action.edit.document_changes:
            (change,) = action.edit.document_changes
            assert isinstance(change, types.TextDocumentEdit)
            assert change.text_document.uri == uri
            assert change.text_document.version == self.versions[uri]
            edits = [e for e in change.edits if isinstance(e, types.TextEdit)]
        else:
            assert action.edit.changes is not None
            edits = list(action.edit.changes[uri])
        return apply_text_edits(self.texts[uri], edits)

    async def hover(self, uri: str, line: int, character: int) -> types.Hover | None:
        return await self.client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=line, character=character),
            )
        )


@contextlib.asynccontextmanager
async def running_editor(
    root: Path, capabilities: types.ClientCapabilities | None = None
) -> AsyncIterator[Editor]:
    """A server started in ``root``, driven by a client with an editor's capabilities
    (VS Code's unless told otherwise); shut down and exited at the end."""
    client = LanguageClient(converter_factory=default_converter)
    editor = Editor(client, root)

    def publish_diagnostics(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        editor.published.append(Published(params.uri, params.version, params.diagnostics))
        editor.arrived.set()

    def show_message(client: LanguageClient, params: types.ShowMessageParams) -> None:
        client.messages.append(params)
        editor.arrived.set()

    def register_capability(client: LanguageClient, params: types.RegistrationParams) -> None:
        editor.registrations.extend(params.registrations)

    features = {
        **DEFAULT_CLIENT_FEATURES,
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish_diagnostics,
        types.WINDOW_SHOW_MESSAGE: show_message,
        types.CLIENT_REGISTER_CAPABILITY: register_capability,
    }
    register_lsp_features(client, features)
    await client.start_io(*SERVER, cwd=root)
    try:
        await client.initialize_session(
            types.InitializeParams(
                capabilities=capabilities or client_capabilities("visual-studio-code"),
                root_uri=root.as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
            )
        )
        yield editor
        if not client.stopped:  # a test may have ended the session itself
            await client.shutdown_session()
    finally:
        server = client._server
        if server is not None and server.returncode is None:
            server.terminate()  # a failed test: the server would wait for us forever
        await client.stop()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def server_session(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Editor]:
    """One server for the server tests (starting one costs a second or two)."""
    async with running_editor(tmp_path_factory.mktemp("workspace").resolve()) as editor:
        yield editor


@pytest.fixture
def editor(server_session: Editor, request: pytest.FixtureRequest) -> Editor:
    """The shared server, with a folder of the test's own: configurations found in
    one test's folder do not reach another's."""
    folder = server_session.root / re.sub(r"\W+", "-", request.node.name)
    folder.mkdir()
    return dataclasses.replace(server_session, root=folder)
