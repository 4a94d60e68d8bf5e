"""Reading documents: no format changes the process-wide state of the library it uses."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys

from allylint.formats.reader import extract
from allylint.formats.registry import FORMATS

# The modules whose state other programs in the same process (Sphinx, an editor
# server, a Markdown renderer) rely on.
LIBRARY_MODULES = [
    "docutils.frontend",
    "docutils.languages",
    "docutils.nodes",
    "docutils.parsers.rst.directives",
    "docutils.parsers.rst.languages",
    "docutils.parsers.rst.roles",
    "docutils.parsers.rst.states",
    "html.parser",
    "markdown_it.main",
    "markdown_it.parser_block",
    "markdown_it.parser_core",
    "markdown_it.parser_inline",
    "markdown_it.presets",
    "markdown_it.presets.commonmark",
    "mdit_py_plugins.front_matter.index",
    "pygments.lexer",
    "pygments.lexers",
    "pygments.token",
    "tree_sitter",
]
# What Python itself or a library records when code is first imported or run, the
# same for any caller: loaded submodules and lexer classes, warning registries.
_IMPORT_BOOKKEEPING = {"__warningregistry__", "__slotnames__", "_lexer_cache"}

DOCUMENTS = {
    "markdown": "---\ntitle: x\n---\n\n# The *whitelist*\n\nSee [the list][wl].\n\n[wl]: http://x\n",
    "rst": (
        ".. note:: The whitelist.\n\n.. toctree::\n\n   other\n\n.. role:: custom(emphasis)\n\n"
        ".. default-role:: literal\n\n:ref:`x`, `y`, :custom:`z` and :pep:`8`.\n\n"
        ".. |sub| replace:: text\n\n- item\n\n  nested paragraph\n\nQuoted::\n\n> literal\n"
    ),
    "html": "<p>The <b>white</b>list &amp; <code>x</code></p><img alt='slave'>",
    "asciidoc": "= Title\n\n.A *whitelist*\n[source]\n----\nx\n----\n\n|===\n| a | b\n|===\n",
    "text": "The whitelist.\n",
    "commit": "Subject\n\nBody text.\n# a comment\n",
}
SOURCE = "#!/bin/sh\n# The whitelist.\n/* block */ -- line\nx = 1\n"


def _state() -> dict[str, object]:
    """Each module's globals (containers by content, the rest by identity) and the
    container attributes of the classes it defines."""
    state: dict[str, object] = {}
    for name in LIBRARY_MODULES:
        module = importlib.import_module(name)
        for key, value in vars(module).items():
            if key in _IMPORT_BOOKKEEPING or inspect.ismodule(value):
                continue
            if isinstance(value, dict | list | set):
                state[f"{name}.{key}"] = repr(value)
            elif inspect.isclass(value) and value.__module__ == name:
                for attribute, member in vars(value).items():
                    if attribute not in _IMPORT_BOOKKEEPING and isinstance(
                        member, dict | list | set
                    ):
                        state[f"{name}.{key}.{attribute}"] = repr(member)
            else:
                state[f"{name}.{key}"] = id(value)
    return state


def test_reading_every_format_leaves_its_libraries_as_they_were():
    before = _state()
    for entry in FORMATS:
        assert isinstance(extract(DOCUMENTS.get(entry.name, SOURCE), entry.name), list)
    after = _state()
    changed = [key for key in before.keys() | after.keys() if before.get(key) != after.get(key)]
    assert sorted(changed) == []


def test_a_markdown_run_never_loads_the_other_formats_libraries(tmp_path):
    (tmp_path / "guide.md").write_text("# Guide\n\nAdd it to the whitelist.\n", encoding="utf-8")
    program = (
        "import sys\n"
        "from allylint import lint_paths\n"
        f"assert [f.rule_id for f in lint_paths([{str(tmp_path)!r}])] == ['whitelist']\n"
        "print(sorted(m for m in ('docutils', 'tree_sitter') if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
