"""Rebuild a frozen dataclass from the plain dict ``dataclasses.asdict`` made of it.

Stage objects (findings, file results, notices, edits) are written with
``dataclasses.asdict`` and ``json``; this is the way back, for every one of
them, led by the field types: nested dataclasses, ``tuple[X, ...]`` and
``X | None``. Missing or unknown fields raise TypeError, so a damaged record is
noticed rather than half-read.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any, TypeVar

T = TypeVar("T")


def from_plain(cls: type[T], data: Any) -> T:
    if not isinstance(data, dict):
        raise TypeError(f"{cls.__name__} needs a mapping of its fields, not {type(data).__name__}")
    types_of = _field_types(cls)  # type: ignore[arg-type]
    unknown = set(data) - set(types_of)
    if unknown:
        raise TypeError(f"{cls.__name__} has no field(s) {sorted(unknown)}")
    return cls(**{name: _value(types_of[name], value) for name, value in data.items()})


@functools.cache
def _field_types(cls: type) -> dict[str, Any]:
    """A dataclass's field types, resolved once (annotations are strings until then)."""
    hints = typing.get_type_hints(cls)
    return {field.name: hints[field.name] for field in dataclasses.fields(cls)}


def _value(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        options = [option for option in typing.get_args(hint) if option is not type(None)]
        return _value(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise TypeError(f"expected a list for {hint}, not {type(value).__name__}")
        item_types = typing.get_args(hint)
        if len(item_types) == 2 and item_types[1] is Ellipsis:
            return tuple(_value(item_types[0], item) for item in value)
        return tuple(_value(kind, item) for kind, item in zip(item_types, value, strict=True))
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return from_plain(hint, value)
    return value
