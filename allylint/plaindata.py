"""Rebuild a frozen dataclass from the plain dict ``dataclasses.asdict`` made of it.

Stage objects (findings, file results, notices, edits) are written with
``dataclasses.asdict`` and ``json``; this is the way back, for every one of
them, led by the field types: nested dataclasses, ``tuple[X, ...]`` and
``X | None``, and the scalars ``str``, ``int``, ``float`` and ``bool``, whose
types are checked. Missing or unknown fields and values of the wrong type raise
TypeError, so a damaged record is noticed rather than half-read.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar, cast

T = TypeVar("T")
_Convert = Callable[[Any], Any]


def from_plain(cls: type[T], data: Any) -> T:
    convert = _converter(cast(Any, cls))  # a class is hashable, whatever mypy makes of type[T]
    return cast(T, convert(data))


def _keep(value: Any) -> Any:
    return value


# A cache hit reads thousands of records: each type's converter is built once.
@functools.cache
def _converter(hint: Any) -> _Convert:
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _dataclass_converter(hint)
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(hint) if option is not type(None)]
        if len(options) != 1:
            return _keep
        convert = _converter(options[0])
        return lambda value: None if value is None else convert(value)
    if origin is tuple:
        return _tuple_converter(typing.get_args(hint))
    if hint in _SCALARS:
        return _scalar_converter(hint)
    return _keep


# A record read back must hold what its fields say: a cached line number that is a
# string, or a bool where an int belongs, would fail far from where it was read.
_SCALARS = {str: (str,), int: (int,), float: (int, float), bool: (bool,)}


def _scalar_converter(hint: type) -> _Convert:
    accepted = _SCALARS[hint]

    def convert(value: Any) -> Any:
        if not isinstance(value, accepted) or (hint is not bool and isinstance(value, bool)):
            raise TypeError(f"expected {hint.__name__}, not {type(value).__name__}")
        return value

    return convert


def _dataclass_converter(cls: type) -> _Convert:
    hints = typing.get_type_hints(cls)
    fields = {field.name: _converter(hints[field.name]) for field in dataclasses.fields(cls)}

    def convert(data: Any) -> Any:
        if not isinstance(data, dict):
            raise TypeError(
                f"{cls.__name__} needs a mapping of its fields, not {type(data).__name__}"
            )
        unknown = data.keys() - fields.keys()
        if unknown:
            raise TypeError(f"{cls.__name__} has no field(s) {sorted(unknown)}")
        return cls(**{name: fields[name](value) for name, value in data.items()})

    return convert


def _tuple_converter(item_types: tuple[Any, ...]) -> _Convert:
    def sequence(value: Any) -> list[Any] | tuple[Any, ...]:
        if not isinstance(value, (list, tuple)):
            raise TypeError(f"expected a list, not {type(value).__name__}")
        return value

    if len(item_types) == 2 and item_types[1] is Ellipsis:
        item = _converter(item_types[0])
        return lambda value: tuple(item(entry) for entry in sequence(value))
    items = [_converter(kind) for kind in item_types]
    return lambda value: tuple(
        convert(entry) for convert, entry in zip(items, sequence(value), strict=True)
    )
