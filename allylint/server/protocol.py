"""``allylint server``: the Language Server Protocol over stdio, on pygls.

Documents are checked when opened and saved, and 300 ms after the last change
(see ``documents``). Diagnostics carry the rule id as ``code`` and a link to its
documentation. A configuration or rule file that cannot be used is reported
as a diagnostic on that file and once in ``window/showMessage``; the last good
configuration stays in force. A failure while checking one document is logged
and shown, and the server goes on serving.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from allylint import __version__
from allylint.server.actions import KINDS, code_actions
from allylint.server.diagnostics import Checked, checked, problem_diagnostic
from allylint.server.documents import DocumentChecks, Snapshot
from allylint.server.hover import hover
from allylint.server.linting import configures
from allylint.server.positions import UTF16
from allylint.server.results import LintResult, Problem
from allylint.server.worker import Checker, CheckFailed

CHANGE_DELAY = 0.3  # seconds of quiet after a change before the document is checked
log = logging.getLogger(__name__)
_WATCHED = ("**/.allylint.yaml", "**/.allylint.yml", "**/pyproject.toml", "**/*.{yaml,yml}")


def _path(uri: str) -> Path | None:
    fs_path = to_fs_path(uri)
    return Path(fs_path).absolute() if fs_path else None


def _same_file(one: Path | None, other: Path | None) -> bool:
    """Configuration files are found through resolved paths; editors may name them
    through a symbolic link (macOS's /tmp, a linked checkout)."""
    return one is not None and other is not None and one.resolve() == other.resolve()


class AllylintServer(LanguageServer):
    def __init__(self, checker: Checker) -> None:
        super().__init__("allylint", __version__)
        self.checker = checker
        self.root: Path | None = None  # where untitled documents find their configuration
        self.checks: DocumentChecks[Checked] = DocumentChecks(
            self._snapshot, self._check, self._published
        )
        self._problems: dict[Path | None, tuple[Problem, ...]] = {}
        self._watched: dict[Path | None, tuple[Path, ...]] = {}
        self._failed = False  # an unexpected error was shown once already
        self._skipped: set[tuple[str, str]] = set()  # documents logged as not checked, and why

    # -- documents ------------------------------------------------------------

    def open_uris(self) -> list[str]:
        return list(self.workspace.text_documents)

    def _snapshot(self, uri: str, generation: int) -> Snapshot | None:
        document = self.workspace.text_documents.get(unquote(uri))
        if document is None:
            return None
        return Snapshot(
            uri=document.uri,
            version=document.version or 0,
            generation=generation,
            text=document.source,
            language_id=document.language_id,
        )

    def _check(self, snapshot: Snapshot) -> Checked:
        """In the thread that waits on the checking process: lint there, and turn the
        findings into diagnostics here, off the event loop."""
        agreed = self.workspace.position_encoding  # a PositionEncodingKind or a string
        encoding = str(getattr(agreed, "value", agreed) or UTF16)
        path = _path(snapshot.uri)
        try:
            result = self.checker.lint(snapshot.text, path, snapshot.language_id, self.root)
        except CheckFailed as error:  # a bug in some extractor must not stop the server
            log.error("checking %s failed: %s", snapshot.uri, error)
            return checked(snapshot.text, LintResult(skipped="failed"), encoding, str(error))
        return checked(snapshot.text, result, encoding)

    def _published(self, snapshot: Snapshot, done: Checked) -> None:
        """On the event loop, for each check whose document has not changed since."""
        if done.failure is not None:
            self._report_failure(f"allylint could not check {snapshot.uri}", done.failure)
        elif done.result.skipped and (snapshot.uri, done.result.skipped) not in self._skipped:
            self._skipped.add((snapshot.uri, done.result.skipped))
            self.window_log_message(
                types.LogMessageParams(
                    type=types.MessageType.Log,
                    message=f"allylint: not checking {snapshot.uri}: {done.result.skipped}",
                )
            )
        self._note_configuration(done.result)
        self.publish(snapshot.uri)

    def _report_failure(self, message: str, details: str) -> None:
        """Log every failure; show the first one (more would pester on every keystroke)."""
        self.window_log_message(
            types.LogMessageParams(type=types.MessageType.Error, message=f"{message}\n{details}")
        )
        if not self._failed:
            self._failed = True
            self.window_show_message(
                types.ShowMessageParams(
                    type=types.MessageType.Error, message=f"{message}; see the server log."
                )
            )

    # -- diagnostics ----------------------------------------------------------

    def _uri_of(self, path: Path) -> str:
        """The URI the client uses for ``path`` when it has it open, else a file URI."""
        for uri in self.open_uris():
            if _same_file(_path(uri), path):
                return uri
        return from_fs_path(str(path.absolute())) or path.absolute().as_uri()

    def _note_configuration(self, result: LintResult) -> None:
        """Keep what configured the document: the files to watch, and the problems,
        new ones shown; re-publish the files whose problems changed. A configuration
        that no open document uses any more (deleted, say) takes its problems along."""
        before = self._problems.get(result.configuration, ())
        self._problems[result.configuration] = result.problems
        self._watched[result.configuration] = result.watched
        for problem in result.problems:
            if problem not in before:
                self.window_show_message(
                    types.ShowMessageParams(
                        type=types.MessageType.Error,
                        message=f"allylint: {problem.message}; "
                        "the last good configuration stays in use.",
                    )
                )
        changed = (
            {p.path for p in (*before, *result.problems)} if before != result.problems else set()
        )
        in_use = {result.configuration}
        for uri in self.open_uris():
            kept = self.checks.latest(uri)
            if kept is not None:
                in_use.add(kept.result.configuration)
        for configuration in [c for c in self._problems if c not in in_use]:
            changed |= {problem.path for problem in self._problems.pop(configuration)}
            self._watched.pop(configuration, None)
        for path in changed:
            self.publish(self._uri_of(path))

    def publish(self, uri: str) -> None:
        """A document's findings, and the problems of the configuration file it is."""
        kept = self.checks.latest(uri)
        diagnostics = list(kept.diagnostics) if kept is not None else []
        path = _path(uri)
        for problems in self._problems.values():
            diagnostics += [problem_diagnostic(p) for p in problems if _same_file(p.path, path)]
        document = self.workspace.text_documents.get(unquote(uri))
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                diagnostics=diagnostics,
                version=document.version if document is not None else None,
            )
        )

    def configuration_changed(self, path: Path) -> bool:
        """Check every open document again if ``path`` configures some of them."""
        if not configures(path, [p for paths in self._watched.values() for p in paths]):
            return False
        self.checks.recheck_all(self.open_uris())
        return True


def initialize(ls: AllylintServer, params: types.InitializeParams) -> None:
    folders = params.workspace_folders or []
    root = _path(folders[0].uri) if folders else None
    if root is None and params.root_uri:
        root = _path(params.root_uri)
    ls.root = root


async def initialized(ls: AllylintServer, params: types.InitializedParams) -> None:
    capabilities = ls.client_capabilities
    if get_capability(capabilities, "workspace.did_change_watched_files.dynamic_registration"):
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=pattern) for pattern in _WATCHED]
        )
        registration = types.Registration(
            id="allylint-configuration",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options,
        )
        try:
            await ls.client_register_capability_async(
                types.RegistrationParams(registrations=[registration])
            )
        except Exception as error:  # the client said no: saving a file still reloads
            log.warning("the client did not register file watching: %s", error)


def did_open(ls: AllylintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.checks.schedule(params.text_document.uri)


def did_change(ls: AllylintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.checks.schedule(params.text_document.uri, CHANGE_DELAY)


def did_save(ls: AllylintServer, params: types.DidSaveTextDocumentParams) -> None:
    path = _path(params.text_document.uri)
    if path is None or not ls.configuration_changed(path):
        ls.checks.schedule(params.text_document.uri)


def did_close(ls: AllylintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.checks.forget(params.text_document.uri)
    ls.publish(params.text_document.uri)


def did_change_watched_files(ls: AllylintServer, params: types.DidChangeWatchedFilesParams) -> None:
    for change in params.changes:
        path = _path(change.uri)
        if path is not None and ls.configuration_changed(path):
            return


async def code_action(
    ls: AllylintServer, params: types.CodeActionParams
) -> list[types.CodeAction] | None:
    uri = params.text_document.uri
    done = await ls.checks.current(uri)
    document = ls.workspace.text_documents.get(unquote(uri))
    if done is None or document is None:
        return None
    versioned = get_capability(
        ls.client_capabilities, "workspace.workspace_edit.document_changes", False
    )
    return code_actions(uri, document.version or 0, done, params, versioned)


async def text_document_hover(ls: AllylintServer, params: types.HoverParams) -> types.Hover | None:
    done = await ls.checks.current(params.text_document.uri)
    return hover(done, params.position) if done is not None else None


def shutdown(ls: AllylintServer, params: None) -> None:
    ls.checks.close()
    ls.checker.close()


def serve(checker: Checker) -> None:
    """Serve one client over stdio, checking in ``checker``'s process."""
    logging.basicConfig(level=logging.WARNING, format="allylint server: %(message)s")
    server = AllylintServer(checker)
    server.feature(types.INITIALIZE)(initialize)
    server.feature(types.INITIALIZED)(initialized)
    server.feature(types.TEXT_DOCUMENT_DID_OPEN)(did_open)
    server.feature(types.TEXT_DOCUMENT_DID_CHANGE)(did_change)
    server.feature(types.TEXT_DOCUMENT_DID_SAVE)(did_save)
    server.feature(types.TEXT_DOCUMENT_DID_CLOSE)(did_close)
    server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)(did_change_watched_files)
    server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=KINDS)
    )(code_action)
    server.feature(types.TEXT_DOCUMENT_HOVER)(text_document_hover)
    server.feature(types.SHUTDOWN)(shutdown)
    server.start_io()
