"""What an input format is: the registry's entries are well-formed ``InputFormat``s."""

import importlib

import pytest

from allylint.formats.model import (
    HTML_COMMENT_OPENERS,
    SOURCE_COMMENT_OPENERS,
    CodeLanguage,
    InputFormat,
)
from allylint.formats.registry import FORMATS

ENTRIES = {entry.name: entry for entry in FORMATS}


def resolve(reference):
    module, function = reference.split(":")
    return getattr(importlib.import_module(module), function)


def test_defaults():
    entry = InputFormat(name="x", extractor="allylint.formats.plaintext:extract")
    assert entry.comment_openers == SOURCE_COMMENT_OPENERS
    assert (entry.suffixes, entry.code, entry.bare_directives) == ((), None, False)
    assert CodeLanguage(grammar=None, pygments="text").comment_nodes == ("comment",)
    assert HTML_COMMENT_OPENERS == ("<!--",)
    with pytest.raises(AttributeError):
        entry.name = "y"  # frozen


@pytest.mark.parametrize("entry", list(ENTRIES.values()), ids=list(ENTRIES))
def test_every_registry_reference_names_a_real_function(entry):
    assert isinstance(entry, InputFormat)
    for reference in (entry.extractor, entry.raw_view, entry.block_finder, entry.block_context):
        if reference is not None:
            assert callable(resolve(reference)), reference
    assert all(suffix.startswith(".") for suffix in entry.suffixes)
