"""Parsing reStructuredText with docutils, leaving docutils' process-wide state alone.

docutils keeps its directives and roles in module-level registries: Sphinx fills
them for the length of a build, docutils' own lookups cache what they find there,
``.. role::`` and ``.. default-role::`` write a document's roles into them, and
nested parses share a class-level cache of state machines. A parse here uses
none of that, so that allylint inside another program (a Sphinx build, an editor
server) leaves that program's docutils exactly as it was, and reads a document
the same whatever that program registered:

- directives are looked up in allylint's own table (Sphinx's and common
  extensions' directives, see ``rst_markup``), then in docutils' standard set,
  by state classes that are docutils' with that one lookup replaced;
- roles are looked up in the document's own roles (from ``.. role::``), then in
  docutils' standard set; unknown ones (Sphinx's ``:class:``, ``:ref:``, ...)
  read as literals rather than errors;
- nothing of a document reaches the next parse (the state machines kept for
  it are allylint's own, and are reset; the last document stays in memory until
  then, as with docutils' own cache of nested machines), and nothing is reported
  or halts a parse.
"""

from __future__ import annotations

import copy
import functools
import importlib
import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from allylint.formats.rst_markup import (
    BODY_DIRECTIVES,
    OBJECT_DIRECTIVES,
    OPAQUE_DIRECTIVES,
    TITLED_REFERENCES,
    VERSION_DIRECTIVES,
)

# A role's explicit title and target: "Title <target>".
_EXPLICIT_TITLE = re.compile(r"(.*?\S)\s*<([^<>]+)>\s*", re.DOTALL)


if TYPE_CHECKING:
    from docutils import nodes

# Longer lines are pathological input: docutils reports them and parses nothing, so
# such a document is not given to it (see LineTooLong).
_LINE_LENGTH_LIMIT = 1_000_000


class LineTooLong(ValueError):
    """A line longer than docutils reads; the reader checks the file as plain text."""


@dataclass(frozen=True)
class _Parts:
    states: tuple[type, ...]
    make_inliner: Any
    settings: Any
    # State machines between parses. Building one compiles every state's transitions,
    # which cost as much as parsing a page; a parse takes one off the list (so that
    # threads never share one) and puts it back when the parse has ended normally.
    idle_machines: list[Any] = field(default_factory=list)


@functools.cache
def _parts() -> _Parts:
    """allylint's directives, state classes and inliner, and the parse settings."""
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Directive, Parser, directives, languages, roles, states

    english = languages.get_language("en")

    class _AnyOption(dict[str, Any]):
        def __missing__(self, key: str) -> Any:
            return directives.unchanged

    class _Opaque(Directive):
        """A directive whose content is not prose: it parses to nothing."""

        has_content = True
        optional_arguments = 1
        final_argument_whitespace = True
        option_spec: ClassVar[dict[str, Any]] = _AnyOption()

        def run(self) -> list[nodes.Node]:
            return []

    class _Body(_Opaque):
        """A directive whose argument and content are prose."""

        def run(self) -> list[nodes.Node]:
            container = nodes.container()
            container.line = self.lineno
            argument = self.arguments[0] if self.arguments else ""
            if self.name in VERSION_DIRECTIVES:
                parts = argument.split(None, 1)  # the version number, then prose
                argument = parts[1] if len(parts) > 1 else ""
            if argument.strip() and self.name not in {"only", "tab"}:
                inline, _messages = self.state.inline_text(argument.strip(), self.lineno)
                paragraph = nodes.paragraph(argument, "", *inline)
                paragraph.line = self.lineno
                container += paragraph
            if self.content:
                self.state.nested_parse(self.content, self.content_offset, container)
            return [container]

    class _Object(_Opaque):
        """An object description: the signature is not checked, the content is prose."""

        def run(self) -> list[nodes.Node]:
            container = nodes.container()
            if self.content:
                self.state.nested_parse(self.content, self.content_offset, container)
            return [container]

    # docutils' Role: "new-name(base-name)" on the first line.
    name_pattern = states.Inliner.simplename
    role_arguments = re.compile(rf"({name_pattern})\s*(\(\s*({name_pattern})\s*\)\s*)?$")

    class _Role(Directive):
        """``.. role::``, defining a role for this document only."""

        has_content = True

        def run(self) -> list[nodes.Node]:
            match = role_arguments.match(self.content[0]) if self.content else None
            if match is None or self.content_offset > self.lineno:
                return []
            inliner: _Inliner = self.state.inliner
            base = inliner.find_role(match.group(3)) if match.group(3) else None
            if match.group(3) and base is None:
                return []
            name = match.group(1)
            options = {"class": directives.class_option(name)}
            role = roles.CustomRole(name, base or roles.generic_custom_role, options, [])
            inliner.document_roles[name.lower()] = role
            return []

    class _DefaultRole(Directive):
        """``.. default-role::``, setting the default role for this document only."""

        optional_arguments = 1

        def run(self) -> list[nodes.Node]:
            inliner: _Inliner = self.state.inliner
            if not self.arguments:
                inliner.document_roles.pop("", None)
                return []
            role = inliner.find_role(self.arguments[0])
            if role is not None:
                inliner.document_roles[""] = role
            return []

    own_directives: dict[str, type[Directive]] = {
        **dict.fromkeys(OPAQUE_DIRECTIVES, _Opaque),
        **dict.fromkeys(BODY_DIRECTIVES, _Body),
        **dict.fromkeys(OBJECT_DIRECTIVES, _Object),
        "role": _Role,
        "default-role": _DefaultRole,
    }

    def find_directive(name: str, language: Any) -> type[Directive] | None:
        """Like ``directives.directive``, without its process-wide registry and cache."""
        normalized = name.lower()
        own = own_directives.get(normalized)
        if own is not None:
            return own
        canonical = (
            getattr(language, "directives", {}).get(normalized)
            or english.directives.get(normalized)
            or normalized
        )
        module_and_class = directives._directive_registry.get(canonical)
        if module_and_class is None:
            return None
        module = importlib.import_module(f"docutils.parsers.rst.directives.{module_and_class[0]}")
        found: type[Directive] | None = getattr(module, module_and_class[1], None)
        return found

    class _Inliner(states.Inliner):
        """Roles from the document's own, then docutils' standard set; unknown roles
        become literals, not errors."""

        def __init__(self) -> None:
            super().__init__()
            self.document_roles: dict[str, Any] = {}

        def find_role(self, name: str) -> Any:
            normalized = name.lower()
            if normalized in self.document_roles:
                return self.document_roles[normalized]
            canonical = (
                (
                    getattr(self.language, "roles", {}).get(normalized)
                    or english.roles.get(normalized)
                    or normalized
                )
                if normalized
                else roles.DEFAULT_INTERPRETED_ROLE
            )
            return roles._role_registry.get(canonical)

        def interpreted(self, rawsource: str, text: str, role: str, lineno: int) -> Any:
            role_function = self.find_role(role)
            if role_function is None:
                # Sphinx's cross-references with a title of their own ("Deploy in a
                # DMZ <guide/dmz>") show the title, which is prose; the target, and a
                # bare label, are not.
                titled = _EXPLICIT_TITLE.fullmatch(text)
                if role.lower() in TITLED_REFERENCES and titled is not None:
                    return [nodes.inline(rawsource, titled.group(1))], []
                return [nodes.literal(rawsource, text)], []
            return role_function(role, rawsource, text, lineno, self)

    # Inliner.init_customizations() formats its patterns with vars(type(self)).
    for name, value in vars(states.Inliner).items():
        if not name.startswith("__") and name not in vars(_Inliner):
            setattr(_Inliner, name, value)

    # docutils' explicit-markup constructs call Body.directive itself, not a method
    # looked up on the state: the table is remade with this module's lookup.
    explicit = copy.copy(states.Body.explicit)

    def directive(self: Any, match: re.Match[str], **option_presets: Any) -> Any:
        type_name = match.group(1)
        directive_class = find_directive(type_name, self.memo.language)
        if directive_class is None:
            return self.unknown_directive(type_name)
        return self.run_directive(directive_class, match, type_name, option_presets)

    explicit.constructs = [
        (directive if method is states.Body.directive else method, pattern)
        for method, pattern in states.Body.explicit.constructs
    ]

    class _OwnLookups:
        """Mixed into each of docutils' state classes: this module's directive lookup,
        and nested parses with these state classes and their own machine cache."""

        nested_sm_cache: ClassVar[list[Any]] = []

        def __init__(self, state_machine: Any, debug: bool = False) -> None:
            super().__init__(state_machine, debug)  # type: ignore[call-arg]
            self.nested_sm_kwargs = {"state_classes": own_states, "initial_state": "Body"}

        def nested_parse(self, *args: Any, **kwargs: Any) -> Any:
            # Some constructs (quoted literal blocks) name docutils' states themselves.
            machine_kwargs = kwargs.get("state_machine_kwargs")
            if machine_kwargs is not None:
                classes = tuple(own(state) for state in machine_kwargs["state_classes"])
                kwargs["state_machine_kwargs"] = {**machine_kwargs, "state_classes": classes}
            return super().nested_parse(*args, **kwargs)  # type: ignore[misc]

    _OwnLookups.directive = directive  # type: ignore[attr-defined]
    _OwnLookups.explicit = explicit  # type: ignore[attr-defined]

    @functools.cache
    def own(state: Any) -> Any:
        """docutils' state class with this module's lookups. The same name: state
        machines find their states by name. Its own copy of the patterns, which docutils
        compiles in place on first use."""
        if issubclass(state, _OwnLookups):
            return state
        return type(state.__name__, (_OwnLookups, state), {"patterns": dict(state.patterns)})

    own_states = tuple(own(state) for state in states.state_classes)

    settings = get_default_settings(Parser)
    settings.report_level = 5  # nothing is reported ...
    settings.halt_level = 5  # ... and nothing stops the parse
    settings.warning_stream = io.StringIO()
    settings.file_insertion_enabled = False
    settings.raw_enabled = False
    settings.syntax_highlight = "none"
    settings.line_length_limit = _LINE_LENGTH_LIMIT
    settings.pep_references = False
    settings.rfc_references = False
    return _Parts(own_states, _Inliner, settings)


def parse(text: str) -> nodes.document:
    """The doctree of a reST document (no transforms applied)."""
    from docutils.parsers.rst.states import RSTStateMachine
    from docutils.statemachine import string2lines
    from docutils.utils import new_document

    parts = _parts()
    settings = copy.copy(parts.settings)
    settings.warning_stream = io.StringIO()
    document = new_document("<rst>", settings)
    lines = string2lines(text, tab_width=settings.tab_width, convert_whitespace=True)
    longest = max(map(len, lines), default=0)
    if longest > _LINE_LENGTH_LIMIT:
        raise LineTooLong(f"a line of {longest:,} characters is over docutils' limit")
    try:
        machine = parts.idle_machines.pop()
    except IndexError:
        machine = RSTStateMachine(state_classes=parts.states, initial_state="Body")
    # One inliner per document: it holds the document's roles and parse state.
    machine.run(lines, document, inliner=parts.make_inliner())
    # run() resets everything else it uses, but adds the document as an observer; the
    # machine and its states let go of the document, which nothing else here needs.
    machine.observers.clear()
    machine.document = machine.reporter = machine.input_lines = None
    for state in machine.states.values():
        state.memo = state.document = state.inliner = state.reporter = state.parent = None
    parts.idle_machines.append(machine)
    return document
