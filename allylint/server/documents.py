"""When documents are checked: debounced, off the event loop, newest version wins.

Checks are handed, one at a time, to a worker thread (which waits on the
checking process, see ``worker``), so the event loop keeps reading messages
while a 5 MB document is checked. Each check is of a snapshot of a document:
its text at one version. A result is kept and published only if the document
still has that version when the check ends; otherwise a newer check is already
scheduled and the result is dropped. Checks that were queued for an old
version are skipped when their turn comes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

Result = TypeVar("Result")


@dataclass(frozen=True)
class Snapshot:
    """A document as it was at one version, under one configuration generation."""

    uri: str
    version: int
    generation: int
    text: str = field(compare=False)
    language_id: str | None = field(compare=False)


class DocumentChecks(Generic[Result]):
    """Schedules checks of open documents and keeps the result of each one's newest version.

    ``snapshot(uri, generation)`` reads a document from the workspace (None once it
    is closed); ``check(snapshot)`` runs in the worker thread; ``publish(snapshot,
    result)`` runs on the event loop for every result that is still current.
    """

    def __init__(
        self,
        snapshot: Callable[[str, int], Snapshot | None],
        check: Callable[[Snapshot], Result],
        publish: Callable[[Snapshot, Result], None],
    ) -> None:
        self._snapshot = snapshot
        self._check = check
        self._publish = publish
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="allylint-check")
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._running: dict[str, tuple[Snapshot, asyncio.Future[Result | None]]] = {}
        # The newest snapshot of each document sent to the worker, read there too.
        self._wanted: dict[str, Snapshot] = {}
        self._results: dict[str, tuple[Snapshot, Result]] = {}
        # Bumped when the configuration changes: every result is stale though no
        # document changed.
        self.generation = 0

    def _is_current(self, snapshot: Snapshot) -> bool:
        now = self._snapshot(snapshot.uri, self.generation)
        return (
            now is not None
            and now.version == snapshot.version
            and snapshot.generation == self.generation
        )

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """Check ``uri`` after ``delay`` seconds, replacing a check not yet started."""
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        loop = asyncio.get_running_loop()
        if delay <= 0:
            self._start(uri)
        else:
            self._timers[uri] = loop.call_later(delay, self._start, uri)

    def recheck_all(self, uris: list[str]) -> None:
        """The configuration changed: check every open document again, now."""
        self.generation += 1
        for uri in uris:
            self.schedule(uri)

    def _start(self, uri: str) -> asyncio.Future[Result | None] | None:
        self._timers.pop(uri, None)
        snapshot = self._snapshot(uri, self.generation)
        if snapshot is None:
            return None
        running = self._running.get(uri)
        if running is not None and running[0] == snapshot:
            return running[1]
        self._wanted[uri] = snapshot
        future = asyncio.get_running_loop().run_in_executor(self._executor, self._run, snapshot)
        self._running[uri] = (snapshot, future)
        future.add_done_callback(lambda done: self._finished(snapshot, done))
        return future

    def _run(self, snapshot: Snapshot) -> Result | None:
        """In the worker thread: skip a snapshot that a newer version replaced meanwhile."""
        if self._wanted.get(snapshot.uri) != snapshot:
            return None
        return self._check(snapshot)

    def _finished(self, snapshot: Snapshot, future: asyncio.Future[Result | None]) -> None:
        if self._running.get(snapshot.uri, (None,))[0] == snapshot:
            del self._running[snapshot.uri]
        if future.cancelled():
            return
        error = future.exception()
        if error is not None:
            log.error("checking %s failed", snapshot.uri, exc_info=error)
            return
        result = future.result()
        if result is None or not self._is_current(snapshot):
            return  # stale: a newer version is (or will be) checked
        self._results[snapshot.uri] = (snapshot, result)
        self._publish(snapshot, result)

    async def current(self, uri: str) -> Result | None:
        """The result for the document as it is now, checking it first if need be."""
        for _ in range(3):  # the document may change while it is checked; try again
            kept = self._results.get(uri)
            if kept is not None and self._is_current(kept[0]):
                return kept[1]
            timer = self._timers.pop(uri, None)
            if timer is not None:
                timer.cancel()
            future = self._start(uri)
            if future is None:
                return None
            await asyncio.wait([future])  # a failed check is logged, not raised here
        kept = self._results.get(uri)
        return kept[1] if kept is not None and self._is_current(kept[0]) else None

    def latest(self, uri: str) -> Result | None:
        """The newest result kept for ``uri``, current or not."""
        kept = self._results.get(uri)
        return kept[1] if kept is not None else None

    def forget(self, uri: str) -> None:
        """The document was closed."""
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self._results.pop(uri, None)
        self._wanted.pop(uri, None)

    def close(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        self._executor.shutdown(wait=False, cancel_futures=True)
