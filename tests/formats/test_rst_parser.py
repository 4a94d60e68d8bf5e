"""Parsing reST with private directive and role lookups: docutils' registries stay as they were."""

import copy

import pytest
from docutils import nodes
from docutils.parsers.rst import directives, roles, states

from allylint.formats.rst_parser import LineTooLong, parse

DOCUMENT = """\
Title
=====

.. role:: custom(emphasis)

.. default-role:: literal

A paragraph with :custom:`marked` words, `default` text and :ref:`a-target`.

.. code-block:: python

   whitelist = []

.. note:: Use the allowlist.

.. versionadded:: 1.2
   Added the allowlist.

.. py:function:: frob(whitelist)

   Describes frobbing.

.. some-unknown-directive:: argument

   Hidden body.
"""


def registries():
    return (
        copy.copy(directives._directives),
        copy.copy(directives._directive_registry),
        copy.copy(roles._roles),
        copy.copy(roles._role_registry),
        roles.DEFAULT_INTERPRETED_ROLE,
        states.Body.explicit.constructs[:],
        [copy.copy(state.patterns) for state in states.state_classes],
    )


def text_of(document, kind):
    return [node.astext() for node in document.findall(kind)]


def test_parsing_leaves_docutils_registries_unchanged():
    before = registries()
    parse(DOCUMENT)
    parse(DOCUMENT)
    assert registries() == before


def test_a_document_role_is_its_own_and_unknown_roles_are_literals():
    document = parse(DOCUMENT)
    assert "marked" in text_of(document, nodes.emphasis)
    literals = text_of(document, nodes.literal)
    assert "default" in literals and "a-target" in literals
    # The only problem noted in the doctree is the unknown directive; unknown roles are none.
    problems = [message.astext() for message in document.findall(nodes.system_message)]
    assert len(problems) == 1 and "some-unknown-directive" in problems[0]
    # The role defined in one document is unknown in the next.
    later = parse("Some :custom:`word`.\n")
    assert text_of(later, nodes.literal) == ["word"]
    assert not text_of(later, nodes.emphasis)


def test_code_directives_parse_to_nothing_and_prose_directives_to_paragraphs():
    document = parse(DOCUMENT)
    paragraphs = text_of(document, nodes.paragraph)
    assert "Use the allowlist." in paragraphs
    assert "Added the allowlist." in paragraphs
    assert "Describes frobbing." in paragraphs
    everything = document.astext()
    assert "whitelist = []" not in everything
    assert "frob(whitelist)" not in everything
    assert "1.2" not in paragraphs


def test_unknown_directives_and_errors_are_not_reported(capsys):
    document = parse(DOCUMENT + "\nBad `interpreted\n\n.. image::\n")
    assert capsys.readouterr() == ("", "")
    assert "Hidden body." not in text_of(document, nodes.paragraph)


def test_an_overlong_line_is_not_given_to_docutils():
    # docutils would report it and parse nothing; the reader checks such a file as text.
    with pytest.raises(LineTooLong):
        parse("x" * 1_000_001 + "\n")


OTHER = """\
Other
-----

* a list with ``code``
* and a :custom:`role` this document never defined

Term
   Definition with a footnote [#]_.

.. [#] The note.
"""


def test_a_parse_reads_the_same_after_any_other_parse():
    # State machines are reused between parses: nothing of one document (its roles,
    # its titles, its observers) may reach the next.
    first, other = parse(DOCUMENT).pformat(), parse(OTHER).pformat()
    assert parse(DOCUMENT).pformat() == first
    assert parse(OTHER).pformat() == other
    parse(DOCUMENT)
    assert "<emphasis" not in parse(OTHER).pformat()  # DOCUMENT's role is not OTHER's
    with pytest.raises(LineTooLong):
        parse("x" * 1_000_001)
    assert parse(OTHER).pformat() == other


def test_parses_in_threads_do_not_share_a_state_machine():
    from concurrent.futures import ThreadPoolExecutor

    documents = [DOCUMENT, OTHER] * 20
    expected = [parse(text).pformat() for text in documents]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(lambda text: parse(text).pformat(), documents)) == expected
