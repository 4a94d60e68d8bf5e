"""reStructuredText's markup vocabulary: which directives hold prose, and which do not.

Shared by the reST extractor (``rst``), which parses documents, and by the
comment and docstring reader (``prose_lines``), which meets reST inside
docstrings line by line. Directive names, not English: the vocabulary of a
markup, kept with the format.
"""

from __future__ import annotations


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# docutils' admonitions: their content is prose.
ADMONITIONS = _names("attention caution danger error hint important note tip warning admonition")
# Sphinx's version notes: the first argument is a version number, the rest prose.
VERSION_DIRECTIVES = _names("versionadded versionchanged versionremoved deprecated")

# Sphinx (and common extension) directives whose content is not prose.
OPAQUE_DIRECTIVES = _names(
    """
toctree automodule autoclass autoexception autofunction autodata automethod autoattribute
autoproperty autodecorator autonewtypedata autosummary autoprogram autoflask click
literalinclude code-block sourcecode highlight index tabularcolumns productionlist graphviz
graph digraph inheritance-diagram plot doctest testcode testoutput testsetup testcleanup
ipython jupyter-execute jupyter-kernel mermaid uml currentmodule sectionauthor moduleauthor
codeauthor default-domain py:currentmodule py:module c:namespace cpp:namespace
cpp:namespace-push cpp:namespace-pop program literalinclude-diff bibliography code-tab
"""
)
# Sphinx (and common extension) directives whose content is prose, parsed as body elements.
BODY_DIRECTIVES = VERSION_DIRECTIVES | _names(
    """
glossary hlist only todo tab tabs group-tab card grid grid-item grid-item-card
tab-set tab-item dropdown seealso centered
"""
)
# Object descriptions: the signature is code, the content prose.
_OBJECT_DIRECTIVES = _names(
    """
function method attribute data exception decorator decoratormethod module object describe
envvar option cmdoption confval staticmethod classmethod property type
"""
)
_DOMAIN_OBJECTS = {
    "py": "function method attribute data exception decorator decoratormethod class module "
    "staticmethod classmethod property type",
    "c": "function member macro struct union enum enumerator type var",
    "cpp": "function member var class struct union enum enum-class enum-struct enumerator type "
    "concept alias",
    "js": "function method class data attribute module",
    "rst": "directive directive:option role",
    "std": "option envvar program",
}
OBJECT_DIRECTIVES = _OBJECT_DIRECTIVES | {
    f"{domain}:{name}" for domain, names in _DOMAIN_OBJECTS.items() for name in names.split()
}

# In comments and docstrings, where reST is read line by line, the directives whose
# text is prose; the lines of any other directive are code or markup.
PROSE_DIRECTIVES = ADMONITIONS | VERSION_DIRECTIVES | _names("seealso topic sidebar rubric todo")

# Sphinx's cross-references that show their target's title: a title written in the
# role ("Deploy in a DMZ <guide/dmz>") is prose where it stands, a bare label is not.
TITLED_REFERENCES = _names("ref doc numref")
