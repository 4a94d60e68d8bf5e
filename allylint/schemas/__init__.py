"""The published JSON Schemas of rule files (``rules.json``), of the configuration
(``config.json``) and of the lexicon files rules read (``lexicons.json``), and
validation against them.

The schemas are the one description of what these files may hold: editors read
them to complete and check a file as it is typed (docs/schemas.md), and the
loaders validate every document against them with ``jsonschema`` before reading
it, so a value of the wrong type, an unknown key, a missing one or a value
outside its choices is reported the same way in the editor and on the command
line. What a schema cannot say (that a lexicon or a rule id exists, that a
pattern compiles, that a path is there) the loaders check by hand.

A problem is told at the line of the key or list item it is about, with the key
as a path (``match[2].inflect``) and the value shown bounded: never a whole
value, which a hostile file can make enormous.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from allylint.printable import bounded_repr
from allylint.yamlfile import LineDict, LineList

if TYPE_CHECKING:  # jsonschema is imported only when a document is validated
    from jsonschema import ValidationError

SCHEMAS = ("rules", "config", "lexicons")
# A document with more problems than this is reported by the first of these.
_MAX_ERRORS = 1000
_KINDS = {
    "string": "a string",
    "array": "a list",
    "object": "a mapping",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
}


def schema_text(name: str) -> str:
    """The schema ``name`` (one of SCHEMAS) as published: JSON text."""
    return resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8")


@functools.cache
def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text(name))
    return loaded


@functools.cache
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_resolved(schema(name)))


def _resolved(document: dict[str, Any]) -> dict[str, Any]:
    """The schema with each ``{"$ref": "#/$defs/NAME", ...}`` replaced by the definition
    itself (the keys beside the reference kept around it): the same schema, which
    jsonschema validates three times faster than by looking up references as it
    goes. A recursive definition (a condition inside ``not``) becomes a cycle."""
    definitions: dict[str, dict[str, Any]] = {}

    def resolve(value: Any) -> Any:
        if isinstance(value, list):
            return [resolve(item) for item in value]
        if not isinstance(value, dict):
            return value
        reference = value.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/$defs/"):
            target = definition(reference.removeprefix("#/$defs/"))
            # Descriptions are for editors; other keys beside the reference apply too.
            beside = {
                key: resolve(item)
                for key, item in value.items()
                if key not in ("$ref", "description")
            }
            return {**beside, "allOf": [target]} if beside else target
        return {key: resolve(item) for key, item in value.items() if key != "$defs"}

    def definition(name: str) -> dict[str, Any]:
        if name not in definitions:
            definitions[name] = {}  # filled below; a reference to it from inside it shares it
            definitions[name].update(resolve(document["$defs"][name]))
        return definitions[name]

    return {key: resolve(item) for key, item in document.items() if key != "$defs"}


@dataclass(frozen=True)
class SchemaProblem:
    """Where a document breaks its schema and what is wrong there."""

    path: tuple[str | int, ...]  # the keys and list indexes from the document's top
    line: int | None  # of the key or item ``path`` ends at, when the document has lines
    message: str

    @property
    def key(self) -> str:
        return key_path(self.path)


def key_path(path: Sequence[str | int]) -> str:
    """``('match', 2, 'inflect')`` as ``match[2].inflect``, every key bounded."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + bounded_repr(part)[1:-1]
    return text


def first_problem(document: Any, name: str) -> SchemaProblem | None:
    """The first problem (by line) of ``document`` against the schema ``name``, or None."""
    errors = list(itertools.islice(_validator(name).iter_errors(document), _MAX_ERRORS))
    if not errors:
        return None
    leaves = [leaf for error in errors for leaf in _leaves(error)]
    # The first by line; on one line, what is there (an unknown key) before what is not.
    first = min(
        leaves,
        key=lambda leaf: (_problem(document, leaf).line or 0, leaf.validator == "required"),
    )
    return _problem(document, first)


def line_at(document: Any, path: Sequence[str | int]) -> int | None:
    """The line of the key or item at ``path``; as deep as the document has lines."""
    line = getattr(document, "line", None)
    value = document
    for part in path:
        in_mapping = isinstance(value, LineDict) and isinstance(part, str) and part in value
        in_list = isinstance(value, LineList) and isinstance(part, int) and part < len(value)
        if not (in_mapping or in_list):
            break
        line = value.line_of(part)
        value = value[part]
    return line


def _leaves(error: ValidationError) -> list[ValidationError]:
    """For a value that fits none of a choice of shapes (``anyOf``), the errors of the
    one shape whose type the value has, when there is exactly one such shape: a list
    given for a rule's terms is told what is wrong in each term, rather than that it
    is not a single term."""
    if error.validator != "anyOf" or not error.context:
        return [error]
    branches: dict[Any, list[ValidationError]] = {}
    for inner in error.context:
        branches.setdefault(inner.relative_schema_path[0], []).append(inner)
    fitting = [
        found
        for found in branches.values()
        if not any(inner.validator == "type" and not inner.path for inner in found)
    ]
    if len(fitting) != 1:
        return [error]
    return [leaf for inner in fitting[0] for leaf in _leaves(inner)]


def _problem(document: Any, error: ValidationError) -> SchemaProblem:
    path = tuple(error.absolute_path)
    instance = error.instance
    own = error.schema if isinstance(error.schema, dict) else {}
    custom = own.get("errorMessage")
    validator = error.validator
    if validator == "additionalProperties" and isinstance(instance, dict):
        known = list(own.get("properties", {}))
        unknown = next(key for key in instance if key not in known)
        return SchemaProblem(
            (*path, unknown), line_at(document, (*path, unknown)), _unknown_key(unknown, known)
        )
    if "propertyNames" in error.absolute_schema_path and isinstance(instance, str):
        # A bad key is reported at its own line, under its own name.
        key_at = (*path, instance)
        return SchemaProblem(key_at, line_at(document, key_at), _message(error, custom))
    if validator == "required" and isinstance(instance, dict):
        missing = next(key for key in error.validator_value if key not in instance)
        message = custom or "required key is missing"
        return SchemaProblem((*path, missing), line_at(document, path), message)
    return SchemaProblem(path, line_at(document, path), _message(error, custom))


def _unknown_key(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.7)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown key; {hint}expected one of {', '.join(known)}"


def _message(error: ValidationError, custom: str | None) -> str:
    instance = error.instance
    value = bounded_repr(instance)
    validator, expected = error.validator, error.validator_value
    if validator == "enum":
        return f"{value} is not one of {', '.join(map(str, expected))}"
    if validator == "pattern":
        return f"{value} {error.schema.get('patternErrorMessage', 'does not fit the pattern')}"
    if validator == "maxLength":
        return f"{len(instance):,} characters is over the limit of {expected}: {value}"
    if validator == "minItems":
        return custom or "expected a non-empty list"
    if validator == "minProperties":
        return custom or "expected a non-empty mapping"
    if validator == "minimum":
        return f"expected at least {expected}, got {value}"
    if validator == "propertyNames":
        return f"{_message(error.context[0], None)}" if error.context else f"bad key {value}"
    if validator == "type":
        kinds = [expected] if isinstance(expected, str) else expected
        wanted = custom or "expected " + " or ".join(_KINDS.get(kind, kind) for kind in kinds)
        return f"{wanted}, got {value}{_booleans_hint(instance, kinds)}"
    wanted = custom or f"expected {error.schema.get('description', 'another value')}"
    return f"{wanted}, got {value}{_booleans_hint(instance, ())}"


def _booleans_hint(value: Any, kinds: Sequence[str]) -> str:
    """Why a true or false stands where words belong: YAML reads bare yes, no, on and
    off as booleans."""
    if "boolean" in kinds:
        return ""
    if isinstance(value, bool) or (
        isinstance(value, list) and any(isinstance(entry, bool) for entry in value)
    ):
        return '; YAML reads bare yes, no, on, off, true and false as booleans: quote them ("on")'
    return ""
