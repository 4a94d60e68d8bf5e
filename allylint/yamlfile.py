"""Load YAML while remembering the line of every mapping key and list item, for precise errors.

A key written twice in one mapping is an error (YAML says keys are unique; PyYAML
would keep the last value silently), and so is a document whose aliases expand
it far beyond what it spells out (a "billion laughs"), which no validator or
error message could walk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from allylint.fileio import error_reason, read_file
from allylint.printable import bounded_repr

MAX_YAML_BYTES = 4 * 1024 * 1024  # config and rule files; the largest built-in one is 25 KB
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict[str, Any]):
    """A mapping that knows the 1-based line of itself and of each of its keys."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A list that knows the 1-based line of itself and of each of its items."""

    line: int
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class _LineLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    pass


class DuplicateKeyError(yaml.constructor.ConstructorError):
    """A mapping names the same key twice."""

    def __init__(self, key: str, first_line: int, mark: yaml.Mark) -> None:
        super().__init__(problem=f"duplicate key, first at line {first_line}", problem_mark=mark)
        self.key = key


_MERGE_TAG = "tag:yaml.org,2002:merge"


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    # Keys merged in with '<<' may be overridden; keys the mapping itself writes twice
    # are a mistake.
    own = {id(key) for key, _ in node.value if key.tag != _MERGE_TAG}
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    own_lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = bounded_repr(key)  # a key can be a list of aliases: never render it whole
        line = key_node.start_mark.line + 1
        if id(key_node) in own:
            if key in own_lines:
                raise DuplicateKeyError(key, own_lines[key], key_node.start_mark)
            own_lines[key] = line
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


def _construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LineList:
    items = LineList(loader.construct_object(child, deep=True) for child in node.value)
    items.line = node.start_mark.line + 1
    items.item_lines = [child.start_mark.line + 1 for child in node.value]
    return items


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)

# How many values a document may hold once its aliases are expanded, beyond what
# it writes out: far above any real configuration or rule file, far below what
# makes walking it slow.
MAX_EXPANDED_VALUES = 100_000


class YamlFileError(ValueError):
    """A YAML file could not be read or parsed; the message names the file and line."""

    def __init__(self, name: str, line: int | None, problem: str, key: str | None = None) -> None:
        where = f"{name}:{line}" if line else name
        key_part = f" key '{key}':" if key else ""
        super().__init__(f"{where}:{key_part} {problem}")
        self.line = line
        self.problem = problem
        self.key = key


def load_yaml(path: Path) -> Any:
    """Parse a YAML file: a regular file of at most MAX_YAML_BYTES."""
    try:
        text = read_file(path, MAX_YAML_BYTES).decode("utf-8")
    except OSError as error:
        raise YamlFileError(str(path), None, f"cannot read: {error_reason(error)}") from error
    except UnicodeDecodeError as error:
        raise YamlFileError(str(path), None, f"cannot read: not UTF-8 ({error})") from error
    return parse_yaml(text, str(path))


def parse_yaml(text: str, name: str) -> Any:
    try:
        document = yaml.load(text, Loader=_LineLoader)
    except DuplicateKeyError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise YamlFileError(
            name, line, str(error.problem), bounded_repr(error.key)[1:-1]
        ) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        raise YamlFileError(name, line, f"invalid YAML: {problem}") from error
    except RecursionError as error:
        raise YamlFileError(name, None, "invalid YAML: nested too deeply") from error
    except (ValueError, OverflowError) as error:  # an integer of more than 4,300 digits
        raise YamlFileError(name, None, f"invalid YAML value: {error}") from error
    try:
        expanded = _expanded_size(document)
    except RecursionError as error:
        raise YamlFileError(name, None, "invalid YAML: nested too deeply") from error
    if expanded > MAX_EXPANDED_VALUES:
        raise YamlFileError(
            name,
            None,
            f"invalid YAML: its aliases expand it to more than {MAX_EXPANDED_VALUES:,} values",
        )
    return document


def _expanded_size(document: Any) -> int:
    """How many values ``document`` holds with every alias expanded (a shared value
    counts as often as it is reached), counted in one pass over its distinct values,
    only as far as the limit. (PyYAML refuses a value that contains itself.)"""
    sizes: dict[int, int] = {}

    def size(value: Any) -> int:
        if not isinstance(value, (dict, list)):
            return 1
        known = sizes.get(id(value))
        if known is not None:
            return known
        children = [*value.keys(), *value.values()] if isinstance(value, dict) else value
        total = 1
        for child in children:
            total += size(child)
            if total > MAX_EXPANDED_VALUES:
                break
        sizes[id(value)] = total
        return total

    return size(document)
