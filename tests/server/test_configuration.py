"""The workspace configuration in the server: found like the CLI finds it, reloaded
when it changes, and reported, not fatal, when it is broken."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from lsprotocol import types

from tests.server.conftest import Editor, running_editor

pytestmark = pytest.mark.asyncio(loop_scope="session")

RULE_FILE = """\
rules:
  - id: no-foobar
    category: team
    severity: error
    match: [foobar]
    alternatives: [placeholder]
    message: Say what the value stands for.
    learn: [why-words-matter]
"""


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _touch_later(path: Path, text: str) -> None:
    """Rewrite a file so that its modification time surely differs from before."""
    _write(path, text)
    later = path.stat().st_mtime_ns + 2_000_000_000
    os.utime(path, ns=(later, later))


def _codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return [str(d.code) for d in diagnostics]


async def test_the_configuration_the_cli_would_use(editor: Editor) -> None:
    _write(
        editor.root / ".allylint.yaml",
        """\
        ignore: [sanity-check]
        severity: {whitelist: error}
        allow: [Blacklist Records]
        exclude: [vendor/]
        extend-rules: [team-rules.yaml]
        """,
    )
    _write(editor.root / "team-rules.yaml", RULE_FILE)
    text = "The whitelist, a sanity check, Blacklist Records and foobar.\n"
    diagnostics = await editor.diagnostics(editor.open("docs/guide.md", text))
    assert _codes(diagnostics) == ["whitelist", "no-foobar"]
    assert diagnostics[0].severity == types.DiagnosticSeverity.Error
    custom = diagnostics[1].code_description
    assert custom is not None and custom.href == (editor.root / "team-rules.yaml").as_uri()
    assert await editor.diagnostics(editor.open("vendor/lib.md", text)) == []


async def test_per_file_ignores(editor: Editor) -> None:
    _write(editor.root / ".allylint.yaml", 'per-file-ignores:\n  "legacy/**": [tech-metaphors]\n')
    text = "The whitelist is crazy.\n"
    assert _codes(await editor.diagnostics(editor.open("legacy/old.md", text))) == ["crazy"]
    assert _codes(await editor.diagnostics(editor.open("new.md", text))) == ["whitelist", "crazy"]


async def test_a_directive_naming_no_rule_is_a_diagnostic(editor: Editor) -> None:
    text = "<!-- allylint: disable-next-line whitelsit -->\nThe whitelist.\n"
    uri = editor.open("notes.md", text)
    problem, finding = await editor.diagnostics(uri)
    assert (problem.code, finding.code) == ("unknown-suppression", "whitelist")
    assert problem.range.start == types.Position(0, 5)
    assert problem.code_description is not None
    assert problem.code_description.href.endswith("docs/suppressions.md")
    assert await editor.actions(uri, problem, only=[types.CodeActionKind.QuickFix]) == []


async def test_pyproject_configuration(editor: Editor) -> None:
    _write(editor.root / "pyproject.toml", '[tool.allylint]\nselect = ["sanity-check"]\n')
    uri = editor.open("notes.md", "The whitelist and a sanity check.\n")
    assert _codes(await editor.diagnostics(uri)) == ["sanity-check"]


async def test_suppression_comments_work_as_in_the_cli(editor: Editor) -> None:
    text = (
        "<!-- allylint: disable-next-line whitelist -- the vendor's term -->\n"
        "The whitelist.\n\nA sanity check. <!-- allylint: disable-line -->\n\nThe blacklist.\n"
    )
    assert _codes(await editor.diagnostics(editor.open("notes.md", text))) == ["blacklist"]


async def test_a_changed_configuration_file_is_reloaded(editor: Editor) -> None:
    uri = editor.open("notes.md", "The whitelist.\n")
    assert _codes(await editor.diagnostics(uri)) == ["whitelist"]
    config = _write(editor.root / ".allylint.yaml", "ignore: [whitelist]\n")
    editor.files_changed(config)
    await editor.wait_for(lambda: (p := editor.latest(uri)) and not p.diagnostics)
    _touch_later(config, "ignore: []\n")
    editor.files_changed(config)
    await editor.wait_for(lambda: (p := editor.latest(uri)) and p.diagnostics)
    assert any(r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in editor.registrations)


async def test_a_changed_rule_file_is_reloaded(editor: Editor) -> None:
    _write(editor.root / ".allylint.yaml", "extend-rules: [rules/]\n")
    rules = _write(editor.root / "rules" / "team.yaml", RULE_FILE)
    uri = editor.open("notes.md", "A foobar and a barbaz.\n")
    assert _codes(await editor.diagnostics(uri)) == ["no-foobar"]
    _touch_later(rules, RULE_FILE.replace("[foobar]", "[barbaz]"))
    editor.files_changed(rules)
    barbaz = types.Range(types.Position(0, 15), types.Position(0, 21))
    await editor.wait_for(
        lambda: (p := editor.latest(uri)) and [d.range for d in p.diagnostics] == [barbaz]
    )


async def test_a_broken_configuration_is_reported_and_the_last_good_one_kept(
    editor: Editor,
) -> None:
    config = _write(editor.root / ".allylint.yaml", "ignore: [whitelist]\n")
    uri = editor.open("notes.md", "The whitelist and a sanity check.\n")
    assert _codes(await editor.diagnostics(uri)) == ["sanity-check"]

    _touch_later(config, "ignore: [whitelist]\nfail-on: warning\nignroe: [sanity-check]\n")
    editor.files_changed(config)
    problems = await editor.wait_for(
        lambda: (p := editor.latest(config.as_uri())) and p.diagnostics
    )
    (problem,) = problems
    assert problem.range.start == types.Position(2, 0)
    assert "unknown key" in problem.message and "ignroe" in problem.message
    assert problem.severity == types.DiagnosticSeverity.Error and problem.source == "allylint"
    message = await editor.wait_for(
        lambda: [m for m in editor.client.messages if str(config) in m.message]
    )
    assert message[0].type == types.MessageType.Error
    # The document is checked again, with the last good configuration.
    assert _codes(await editor.diagnostics(uri)) == ["sanity-check"]

    _touch_later(config, "ignore: [sanity-check]\n")
    editor.files_changed(config)
    await editor.wait_for(
        lambda: (p := editor.latest(uri)) and _codes(p.diagnostics) == ["whitelist"]
    )
    assert list(editor.latest(config.as_uri()).diagnostics) == []  # type: ignore[union-attr]


async def test_the_problems_of_a_deleted_configuration_go_with_it(editor: Editor) -> None:
    config = _write(editor.root / ".allylint.yaml", "ignroe: [whitelist]\n")
    uri = editor.open("notes.md", "The whitelist.\n")
    assert _codes(await editor.diagnostics(uri)) == ["whitelist"]
    await editor.wait_for(lambda: (p := editor.latest(config.as_uri())) and p.diagnostics)
    config.unlink()
    editor.files_changed(config)
    await editor.wait_for(lambda: (p := editor.latest(config.as_uri())) and not p.diagnostics)


async def test_a_broken_rule_file_is_reported_on_that_file(editor: Editor) -> None:
    _write(editor.root / ".allylint.yaml", "extend-rules: [team.yaml]\n")
    rules = _write(editor.root / "team.yaml", RULE_FILE.replace("severity: error", "severity: bad"))
    uri = editor.open("notes.md", "The whitelist and foobar.\n")
    # Never a good configuration here: the built-in defaults stay in force.
    assert _codes(await editor.diagnostics(uri)) == ["whitelist"]
    (problem,) = await editor.wait_for(
        lambda: (p := editor.latest(rules.as_uri())) and p.diagnostics
    )
    assert problem.range.start.line == 3  # "severity: bad", on line 4
    assert "rule 'no-foobar', key 'severity'" in problem.message


async def test_a_configuration_that_is_open_gets_both_kinds_of_diagnostics(
    editor: Editor,
) -> None:
    """The YAML file is a document too: its comments are checked, and its problems shown."""
    config = editor.open(".allylint.yaml", "# hosts on the whitelist\nselect: [nonsense]\n")
    diagnostics = await editor.wait_for(
        lambda: (p := editor.latest(config)) and len(p.diagnostics) == 2 and p.diagnostics
    )
    assert [d.code for d in diagnostics] == ["whitelist", None]
    assert "unknown rule id or category 'nonsense'" in diagnostics[1].message


async def test_saving_a_configuration_reloads_it_without_file_watching(tmp_path: Path) -> None:
    """Neovim 0.7 cannot watch files for the server; saving the file is enough."""
    from pytest_lsp import client_capabilities

    async with running_editor(tmp_path, client_capabilities("neovim@v0.7.0")) as editor:
        uri = editor.open("notes.md", "The whitelist.\n")
        assert _codes(await editor.diagnostics(uri)) == ["whitelist"]
        assert editor.registrations == []
        config = editor.open(".allylint.yaml", "ignore: []\n")
        await editor.diagnostics(config)
        editor.texts[config] = "ignore: [whitelist]\n"
        editor.save(config)
        await editor.wait_for(lambda: (p := editor.latest(uri)) and not p.diagnostics)
