"""reST's directive vocabulary: which directives hold prose and which do not."""

from allylint.formats.rst_markup import (
    ADMONITIONS,
    BODY_DIRECTIVES,
    OBJECT_DIRECTIVES,
    OPAQUE_DIRECTIVES,
    PROSE_DIRECTIVES,
    VERSION_DIRECTIVES,
)


def test_code_directives_are_opaque_and_not_prose():
    for name in ("code-block", "literalinclude", "toctree", "doctest", "automodule"):
        assert name in OPAQUE_DIRECTIVES
        assert name not in PROSE_DIRECTIVES and name not in BODY_DIRECTIVES


def test_version_notes_are_body_and_prose():
    assert {"versionadded", "deprecated"} <= VERSION_DIRECTIVES
    assert VERSION_DIRECTIVES <= BODY_DIRECTIVES and VERSION_DIRECTIVES <= PROSE_DIRECTIVES


def test_admonitions_are_prose_in_docstrings():
    assert {"note", "warning", "admonition"} <= ADMONITIONS <= PROSE_DIRECTIVES


def test_object_directives_include_domain_names():
    expected = {"function", "py:function", "cpp:enum-class", "rst:directive:option"}
    assert expected <= OBJECT_DIRECTIVES
    assert "py:code-block" not in OBJECT_DIRECTIVES


def test_no_opaque_directive_holds_prose_in_a_body_or_a_docstring():
    assert not OPAQUE_DIRECTIVES & (BODY_DIRECTIVES | PROSE_DIRECTIVES)
    assert all(name == name.lower() and " " not in name for name in OPAQUE_DIRECTIVES)
