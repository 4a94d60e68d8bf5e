"""reStructuredText: prose is checked, code, roles, targets and Sphinx machinery are not."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allylint.api import lint_text
from allylint.formats.reader import extract
from allylint.formats.rst import _LINK_REFERENCE, _TITLED_ROLE, raw_view
from tests.conftest import stable_findings, write_file


def check(tmp_path: Path, content: str, *, newline: str = "\n", name: str = "doc.rst"):
    return stable_findings(write_file(tmp_path, name, content, newline))


def where(content: str, word: str, occurrence: int = 1) -> tuple[int, int]:
    offset = -1
    for _ in range(occurrence):
        offset = content.index(word, offset + 1)
    return content.count("\n", 0, offset) + 1, offset - (content.rfind("\n", 0, offset) + 1) + 1


DOCUMENT = """\
=================
The crazy project
=================

Section on the whitelist
------------------------

A paragraph about the whitelist, with ``whitelist`` code, a `whitelist`
default-role reference, :code:`slave` and :file:`slave.conf` roles, :ref:`slave-setup`,
:class:`Whitelist`, :pep:`8`, http://example.com/blob/slave/x and a
`link to the slave docs <https://example.com/slave>`_.

- a list item about the blacklist
- second item

  * nested sanity check

#. enumerated man-hours

Term with slave
   A definition about the whitelist.

.. note:: A note: the slave is retired.

.. warning::

   Do a sanity check first.

::

   whitelist = literal_block()

.. code-block:: python

   slave = 1

.. code:: shell

   echo slave

.. sourcecode:: c

   int slave;

.. literalinclude:: slave.py

.. toctree::
   :maxdepth: 2

   slave

.. automodule:: whitelist
   :members:

.. autoclass:: Slave

.. versionadded:: 1.2
   The whitelist option.

.. deprecated:: 2.0 Use the allowlist, not the blacklist.

.. seealso:: The crazy guide.

.. py:function:: whitelist(slave)

   Check the whitelist.

.. _slave-setup: https://example.com/slave

.. |slave| replace:: the slave thing

.. This comment mentions the whitelist.

.. [#] A footnote about the blacklist.

| line block with whitelist
| second line

>>> print("whitelist")
whitelist

=========  ==================
Column     Meaning
=========  ==================
hosts      the whitelist
slave_x    ``slave``
=========  ==================

+------------+----------------------+
| left cell  | the blacklist        |
| continued  | and a sanity check   |
+------------+----------------------+
"""

# Link text is prose, as in Markdown; everything else named "whitelist", "slave" ... in
# DOCUMENT outside these lines is code, a role, a target, a comment or a Sphinx directive.
EXPECTED = [
    ("crazy", 2, 5, "crazy"),
    ("whitelist", 5, 16, "whitelist"),
    ("whitelist", 8, 23, "whitelist"),
    ("slave", 11, 14, "slave"),
    ("blacklist", 13, 25, "blacklist"),
    ("sanity-check", 16, 12, "sanity check"),
    ("man-hours", 18, 15, "man-hours"),
    ("slave", 20, 11, "slave"),
    ("whitelist", 21, 27, "whitelist"),
    ("slave", 23, 23, "slave"),
    ("sanity-check", 27, 9, "sanity check"),
    ("whitelist", 58, 8, "whitelist"),
    ("blacklist", 60, 48, "blacklist"),
    ("crazy", 62, 18, "crazy"),
    ("whitelist", 66, 14, "whitelist"),
    ("blacklist", 74, 29, "blacklist"),
    ("whitelist", 76, 19, "whitelist"),
    ("whitelist", 85, 16, "whitelist"),
    ("blacklist", 90, 20, "blacklist"),
    ("sanity-check", 91, 22, "sanity check"),
]


def test_prose_is_checked_and_markup_code_and_sphinx_are_not(tmp_path, capfd):
    assert check(tmp_path, DOCUMENT) == EXPECTED
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def test_each_finding_is_where_its_text_is():
    lines = DOCUMENT.splitlines()
    for _, line, column, text in EXPECTED:
        assert lines[line - 1][column - 1 :].startswith(text)


def test_segment_contexts():
    contexts = {s.context for s in extract(DOCUMENT, "rst")}
    assert {
        "title",
        "paragraph",
        "list_item",
        "admonition",
        "term",
        "line",
        "table_cell",
    } <= contexts


def test_titles_with_overlines_and_escapes_keep_positions(tmp_path):
    content = "#####\nTitle\n#####\n\nAn \\*escaped\\* word and the whitelist.\n"
    assert check(tmp_path, content) == [("whitelist", 5, 29, "whitelist")]
    [_, paragraph] = extract(content, "rst")
    assert paragraph.text == "An *escaped* word and the whitelist."


def test_tabs_crlf_and_multibyte_characters(tmp_path):
    content = "Café 漢字 😀 and the whitelist.\n\n-\tTabbed item, a slave\n\tcontinued.\n"
    expected = [("whitelist", 1, 19, "whitelist"), ("slave", 3, 18, "slave")]
    assert check(tmp_path, content) == expected
    assert check(tmp_path, content, newline="\r\n") == expected


def test_sphinx_roles_and_unknown_directives_make_no_noise(tmp_path, capfd, caplog):
    content = (
        ".. unknown-directive:: whitelist\n   :option: slave\n\n   slave body\n\n"
        "Text with :unknownrole:`whitelist` and :py:meth:`slave` roles.\n\n"
        ".. only:: html\n\n   The slave in html only.\n"
    )
    with caplog.at_level(logging.WARNING):
        found = check(tmp_path, content)
    assert found == [("slave", *where(content, "slave", 4), "slave")]
    assert capfd.readouterr().err == ""
    assert caplog.records == []


@pytest.mark.parametrize(
    "content",
    [
        "Title\n==\n\nShort underline and the whitelist.\n",
        "*unclosed emphasis and the whitelist\n",
        "``unclosed literal whitelist\n",
        "+----+\n| broken | table whitelist\n+--\n",
        ".. code-block::\n",
        ".. image::\n\nthe whitelist\n",
        "`unclosed link <http://x\n\nthe whitelist\n",
        "- item\n continuation with whitelist\n  - weird\n",
        "\n\n\n",
        "",
        "Title\n=====\n\nSubtitle\n=====\n\n====\nOver\n==\n",
        ".. [1] footnote\n.. [1] duplicate the whitelist\n",
        "| the whitelist\n|\n",
        "\x00\x01 binary-ish whitelist\n",
    ],
)
def test_invalid_rst_gives_findings_or_nothing_but_never_crashes(tmp_path, capfd, content):
    found = check(tmp_path, content)
    assert all(text.lower() == "whitelist" for _, _, _, text in found)
    for _, line, column, _ in found:
        assert content.splitlines()[line - 1][column - 1 :].startswith("whitelist")
    assert capfd.readouterr().err == ""


def test_long_lines_and_a_larger_file(tmp_path):
    started = time.process_time()
    long_line = "word " * 20_000 + "whitelist\n"
    assert check(tmp_path, long_line) == [("whitelist", 1, 100_001, "whitelist")]
    paragraph = "Some text about replicas and their hosts, with ``code`` in it.\n\n"
    body = paragraph * (2_000_000 // len(paragraph))
    assert check(tmp_path, body + "The whitelist.\n", name="big.rst") == [
        ("whitelist", body.count("\n") + 1, 5, "whitelist")
    ]
    assert time.process_time() - started < 20


def test_a_document_docutils_cannot_parse_is_checked_as_plain_text(caplog):
    text = "".join(" " * i + "- item on the whitelist\n\n" for i in range(0, 1200, 2))
    with caplog.at_level(logging.WARNING, logger="allylint.formats.rst"):
        segments = extract(text, "rst")
    assert [s.context for s in segments] == ["prose"]
    assert "checking it as plain text" in caplog.text


def test_quoted_literal_block_after_double_colon_is_not_prose(tmp_path):
    filler = "".join(f"Paragraph {i} about queues.\n\n" for i in range(40))
    content = (
        "Intro text::\n\n> The slave process\n> is quoted literal.\n\n"
        + filler
        + ("The whitelist here.\n")
    )
    assert check(tmp_path, content) == [("whitelist", 86, 5, "whitelist")]


def test_link_reference_text_is_prose_for_the_raw_prefilter():
    # The block scan parses only blocks whose raw text holds a candidate; the
    # backticks of a link reference must not hide its text as inline code.
    text = "`whitelist <https://example.com/a>`_ docs\n\n" + "Plain filler text.\n\n" * 20
    assert [(f.line, f.text) for f in lint_text(text, "x.rst")] == [(1, "whitelist")]
    assert lint_text("``whitelist`` is code\n", "x.rst") == []


# --- no process-wide side effects ---------------------------------------------------------------

# reST that a Sphinx project may hold: Sphinx's own directives and roles, directives
# of extensions the project does not load, a custom role and a default role.
SPHINX_DOCUMENT = """\
Guide
=====

.. toctree::

   other

.. role:: term-of-art(emphasis)

.. default-role:: literal

Add the host to the whitelist, as :term-of-art:`allowlist` says and `code` shows.

.. versionadded:: 1.0
   The whitelist option.

.. mermaid::

   graph TD; A-->B

.. tab:: First tab

   Tab text about the whitelist.

.. autoclass:: package.Whitelist

.. code-block:: python

   hosts = whitelist()

See :ref:`other` and :py:class:`Whitelist`.
"""
OTHER_DOCUMENT = "Other\n=====\n\nThe other page.\n"


def _docutils_registries() -> dict[str, object]:
    """Docutils' process-wide registries and caches that a parse could change."""
    from docutils.parsers.rst import directives, roles, states

    return {
        "directives": dict(directives._directives),
        "directive registry": dict(directives._directive_registry),
        "roles": dict(roles._roles),
        "role registry": dict(roles._role_registry),
        "nested state machines": [id(machine) for machine in states.RSTState.nested_sm_cache],
    }


def _sphinx_build(source: Path, out: Path) -> dict[str, str]:
    """Build the project with sphinx-build's own entry point, in this process; the
    built pages and the warnings, by file name."""
    from sphinx.cmd.build import build_main

    warnings = out.parent / f"{out.name}-warnings.txt"
    status = build_main(["-q", "-E", "-b", "pseudoxml", "-w", str(warnings), str(source), str(out)])
    assert status == 0
    built = {path.name: path.read_text(encoding="utf-8") for path in out.glob("*.pseudoxml")}
    return {**built, "warnings": warnings.read_text(encoding="utf-8")}


def test_a_sphinx_build_is_the_same_before_and_after_an_allylint_run(tmp_path):
    pytest.importorskip("sphinx")
    source = tmp_path / "source"
    source.mkdir()
    (source / "conf.py").write_text("keep_warnings = True\n", encoding="utf-8")
    (source / "index.rst").write_text(SPHINX_DOCUMENT, encoding="utf-8")
    (source / "other.rst").write_text(OTHER_DOCUMENT, encoding="utf-8")

    before = _sphinx_build(source, tmp_path / "before")
    assert "Unknown directive type" in before["warnings"]  # mermaid, tab, autoclass
    registries = _docutils_registries()
    found = [(f.line, f.text) for f in lint_text(SPHINX_DOCUMENT, "index.rst")]
    assert found == [(12, "whitelist"), (15, "whitelist"), (23, "whitelist")]
    assert _docutils_registries() == registries
    after = _sphinx_build(source, tmp_path / "after")
    assert after == before


def test_directives_and_roles_registered_by_others_do_not_change_what_is_read():
    from docutils.parsers.rst import Directive, directives, roles

    class Failing(Directive):
        has_content = True

        def run(self):
            raise RuntimeError("needs a Sphinx environment")

    def failing_role(*args, **kwargs):
        raise RuntimeError("needs a Sphinx environment")

    expected = [(s.context, s.text) for s in extract(SPHINX_DOCUMENT, "rst")]
    saved = dict(directives._directives), dict(roles._roles)
    # As Sphinx does during a build: its directives and roles, in docutils' registries.
    for name in ("toctree", "versionadded", "tab", "code-block"):
        directives.register_directive(name, Failing)
    for name in ("ref", "term-of-art", ""):
        roles.register_local_role(name, failing_role)
    try:
        assert [(s.context, s.text) for s in extract(SPHINX_DOCUMENT, "rst")] == expected
    finally:
        directives._directives.clear()
        directives._directives.update(saved[0])
        roles._roles.clear()
        roles._roles.update(saved[1])
    assert any("Tab text about the whitelist" in text for _, text in expected)


@given(
    st.text(alphabet="`_ a\n\r:<>x-", max_size=40)
    | st.from_regex(r"[a :`<>_\n]*:ref:`[a <>]*`[a _\n]*", fullmatch=True)
)
def test_raw_view_reads_lines_as_the_whole_text_would(text):
    # raw_view searches only the lines that could hold a reference; none spans a
    # line, so the view is the one the expressions give over the whole text.
    whole = _LINK_REFERENCE.sub(lambda m: f" {m.group(1)} ", text)
    whole = _TITLED_ROLE.sub(
        lambda m: " " * (len(m.group(1)) + 3) + m.group(2) + " " * (len(m.group(3)) + 1), whole
    )
    assert raw_view(text) == whole
    assert len(raw_view(text)) == len(text)


def test_titled_cross_references_are_prose_and_their_targets_are_not():
    text = "- :ref:`Whitelist the proxy <faq:whitelist the proxy>`\n- :ref:`faq:whitelist`\n"
    view = raw_view(text)
    assert view.splitlines()[0] == "-       Whitelist the proxy" + " " * 27
    assert view.splitlines()[1] == "- :ref:`faq:whitelist`"
    assert [finding.text for finding in lint_text(text, "page.rst")] == ["Whitelist"]


def test_raw_view_unwraps_references_on_their_own_lines_only():
    text = "See `the whitelist <https://x>`_ here.\nA ``literal``_ stays.\n`one`__\n"
    view = raw_view(text)
    assert view.splitlines()[0] == "See  the whitelist <https://x> _ here."
    assert view.splitlines()[1] == "A ``literal``_ stays."
    assert view.splitlines()[2] == " one __"
