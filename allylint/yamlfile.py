"""Load YAML while remembering the line of every mapping key, for precise errors."""

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


class _LineLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = bounded_repr(key)  # a key can be a list of aliases: never render it whole
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class YamlFileError(ValueError):
    """A YAML file could not be read or parsed; the message names the file and line."""

    def __init__(self, name: str, line: int | None, problem: str) -> None:
        super().__init__(f"{name}:{line}: {problem}" if line else f"{name}: {problem}")
        self.line = line
        self.problem = problem


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
        return yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        raise YamlFileError(name, line, f"invalid YAML: {problem}") from error
    except RecursionError as error:
        raise YamlFileError(name, None, "invalid YAML: nested too deeply") from error
    except (ValueError, OverflowError) as error:  # an integer of more than 4,300 digits
        raise YamlFileError(name, None, f"invalid YAML value: {error}") from error
