"""Scheduling checks: debouncing, the worker thread, and dropping stale results."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field

import pytest

from allylint.server.documents import DocumentChecks, Snapshot

pytestmark = pytest.mark.asyncio


@dataclass
class Workspace:
    """Documents by URI (text and version), and a record of checks and publications."""

    texts: dict[str, tuple[str, int]] = field(default_factory=dict)
    checked: list[tuple[str, int]] = field(default_factory=list)
    published: list[tuple[str, int, str]] = field(default_factory=list)
    threads: set[str] = field(default_factory=set)
    release: threading.Event = field(default_factory=threading.Event)

    def snapshot(self, uri: str, generation: int) -> Snapshot | None:
        if uri not in self.texts:
            return None
        text, version = self.texts[uri]
        return Snapshot(uri, version, generation, text, None)

    def check(self, snapshot: Snapshot) -> str:
        self.threads.add(threading.current_thread().name)
        self.checked.append((snapshot.uri, snapshot.version))
        self.release.wait(10)
        return snapshot.text.upper()

    def publish(self, snapshot: Snapshot, result: str) -> None:
        self.published.append((snapshot.uri, snapshot.version, result))

    def edit(self, uri: str, text: str) -> None:
        version = self.texts[uri][1] + 1 if uri in self.texts else 1
        self.texts[uri] = (text, version)


@pytest.fixture
def workspace() -> Workspace:
    return Workspace()


def _checks(workspace: Workspace) -> DocumentChecks[str]:
    return DocumentChecks(workspace.snapshot, workspace.check, workspace.publish)


async def test_changes_in_quick_succession_are_checked_once(workspace: Workspace) -> None:
    checks = _checks(workspace)
    workspace.release.set()
    for text in ("a", "ab", "abc"):
        workspace.edit("doc", text)
        checks.schedule("doc", 0.05)
    assert await checks.current("doc") == "ABC"
    assert workspace.checked == [("doc", 3)]
    assert workspace.published == [("doc", 3, "ABC")]
    assert workspace.threads == {"allylint-check_0"}
    checks.close()


async def test_a_result_for_an_old_version_is_dropped(workspace: Workspace) -> None:
    checks = _checks(workspace)
    workspace.edit("doc", "old")
    checks.schedule("doc")
    while not workspace.checked:  # the first check is running, held in the worker
        await asyncio.sleep(0.01)
    workspace.edit("doc", "new")
    checks.schedule("doc")
    workspace.release.set()
    assert await checks.current("doc") == "NEW"
    assert workspace.checked == [("doc", 1), ("doc", 2)]
    assert workspace.published == [("doc", 2, "NEW")]
    checks.close()


async def test_queued_checks_of_replaced_versions_are_skipped(workspace: Workspace) -> None:
    checks = _checks(workspace)
    workspace.edit("busy", "x")
    checks.schedule("busy")
    while not workspace.checked:
        await asyncio.sleep(0.01)
    for text in ("1", "12", "123"):  # each queued behind the busy check
        workspace.edit("doc", text)
        checks.schedule("doc")
    workspace.release.set()
    assert await checks.current("doc") == "123"
    assert workspace.checked == [("busy", 1), ("doc", 3)]
    checks.close()


async def test_a_configuration_change_checks_open_documents_again(workspace: Workspace) -> None:
    checks = _checks(workspace)
    workspace.release.set()
    workspace.edit("doc", "text")
    assert await checks.current("doc") == "TEXT"
    checks.recheck_all(["doc"])
    assert await checks.current("doc") == "TEXT"
    assert workspace.checked == [("doc", 1), ("doc", 1)]
    checks.forget("doc")
    del workspace.texts["doc"]
    assert await checks.current("doc") is None
    checks.close()
