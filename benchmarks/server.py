"""Benchmark ``allylint server`` as an editor uses it (the real server in a subprocess).

    python benchmarks/server.py [--runs N] [--edits N]

For a 1,000-line Markdown file (this repository's README and guides, concatenated,
which hold some 60 findings):

- first diagnostics: from starting the server process (the editor opens the file
  right after ``initialize``) to its first ``publishDiagnostics``;
- after an edit: from a ``didChange`` to the diagnostics of that version, which
  includes the 300 ms the server waits for typing to pause, and the same less
  that pause (the re-check itself);
- after a save: from ``didSave`` (checked at once) to the diagnostics.

And for a 5 MB Markdown file: the time to its diagnostics, and how long a hover
on another document takes to be answered while the large one is being checked.

A benchmark, not a test: it asserts nothing. Results vary with machine load;
each figure is the median over the runs (and, for edits, over the edits).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
DOCS = HERE.parent / "docs"
SERVER = [sys.executable, "-m", "allylint", "server"]
CHANGE_DELAY = 0.3  # the server's pause after a change, allylint.server.protocol.CHANGE_DELAY
LINES = 1000


def thousand_lines() -> str:
    """1,000 lines of real Markdown: the README and the guides in docs/, repeated as
    needed (not the rule and topic pages, which quote every rule's terms)."""
    guides = sorted(
        page
        for page in DOCS.rglob("*.md")
        if not {"categories", "topics", "accuracy"} & set(page.relative_to(DOCS).parts)
    )
    pages = [p.read_text(encoding="utf-8") for p in [HERE.parent / "README.md", *guides]]
    lines: list[str] = []
    while len(lines) < LINES:
        for page in pages:
            lines.extend(page.splitlines())
    return "\n".join(lines[:LINES]) + "\n"


def large_text(megabytes: float = 5.0) -> str:
    paragraph = "Hosts and services talk over the network; each is checked in turn.\n\n"
    return paragraph * int(megabytes * 1_000_000 / len(paragraph)) + "The whitelist.\n"


@dataclass
class Session:
    client: LanguageClient
    root: Path
    arrivals: list[tuple[str, int | None, float]] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def diagnostics(self, uri: str, version: int, since: float) -> float:
        """Wait for diagnostics of ``uri`` at ``version`` published after ``since``."""
        while True:
            for published_uri, published_version, when in self.arrivals:
                if (published_uri, published_version) == (uri, version) and when > since:
                    return when - since
            self.arrived.clear()
            await asyncio.wait_for(self.arrived.wait(), 120)

    def open(self, name: str, text: str) -> str:
        uri = (self.root / name).as_uri()
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
            )
        )
        return uri

    def change(self, uri: str, version: int, text: str) -> None:
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )


async def start(root: Path) -> Session:
    client = LanguageClient("allylint-benchmark", "1")
    session = Session(client, root)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        session.arrivals.append((params.uri, params.version, time.perf_counter()))
        session.arrived.set()

    await client.start_io(*SERVER, cwd=root)
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root.as_uri())
    )
    client.initialized(types.InitializedParams())
    return session


async def stop(session: Session) -> None:
    await session.client.shutdown_async(None)
    session.client.exit(None)
    await session.client.stop()


async def one_run(root: Path, edits: int) -> dict[str, list[float]]:
    text = thousand_lines()
    (root / "guide.md").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    session = await start(root)
    uri = session.open("guide.md", text)
    figures: dict[str, list[float]] = {"first": [await session.diagnostics(uri, 1, started)]}
    lines = text.splitlines(keepends=True)
    figures["edit"], figures["save"] = [], []
    version = 1
    for edit in range(edits):
        # Typing a word into a line in the middle of the document.
        at = (edit * 97) % len(lines)
        lines[at] = lines[at].rstrip("\n") + " whitelist\n"
        version += 1
        sent = time.perf_counter()
        session.change(uri, version, "".join(lines))
        figures["edit"].append(await session.diagnostics(uri, version, sent))
        sent = time.perf_counter()
        session.client.text_document_did_save(
            types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri=uri))
        )
        figures["save"].append(await session.diagnostics(uri, version, sent))
    opened = time.perf_counter()
    large = session.open("large.md", large_text())
    await session.client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri=uri), types.Position(0, 0))
    )
    figures["hover during large"] = [time.perf_counter() - opened]
    figures["large"] = [await session.diagnostics(large, 1, opened)]
    await stop(session)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    collected: dict[str, list[float]] = {}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            figures = asyncio.run(one_run(Path(folder), args.edits))
        for name, values in figures.items():
            collected.setdefault(name, []).extend(values)
    median = {name: statistics.median(values) for name, values in collected.items()}
    print(f"{LINES}-line Markdown file, median of {args.runs} runs:")
    print(f"  first diagnostics after starting the server   {median['first']:6.2f} s")
    print(f"  diagnostics after an edit (with the pause)    {median['edit'] * 1000:6.0f} ms")
    print(
        f"  the re-check itself (less {CHANGE_DELAY * 1000:.0f} ms)            "
        f"{(median['edit'] - CHANGE_DELAY) * 1000:6.0f} ms"
    )
    print(f"  diagnostics after a save                      {median['save'] * 1000:6.0f} ms")
    print("5 MB Markdown file:")
    print(f"  diagnostics after opening                     {median['large']:6.2f} s")
    print(
        f"  a hover elsewhere while it is checked         "
        f"{median['hover during large'] * 1000:6.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
