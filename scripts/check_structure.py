"""Check the package's structure: import cycles, module size, word lists in Python.

    python scripts/check_structure.py [--package DIR]

Three measurements, each with its limit:

- import cycles between allylint modules, counting every import (at module level or
  inside functions) except those under ``if TYPE_CHECKING:``: none allowed;
- the largest module, in lines: at most 500;
- collection literals (list, tuple, set, ``frozenset([...])``) of eight or
  more plain English words: at most six such literals and 100 words in all. Word
  lists that steer rules belong in data files next to the rules; what may stay in
  Python is markup vocabulary (HTML tags, reST directives).

Exit 0 when every limit holds, 1 otherwise; the report goes to standard output.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

MAX_MODULE_LINES = 500
MAX_WORD_LISTS = 6
MAX_LISTED_WORDS = 100
MIN_WORDS_IN_LIST = 8

_PLAIN_WORD = re.compile(r"^[a-z]+(?:[-'][a-z]+)*$")


@dataclass
class Report:
    cycles: list[list[str]] = field(default_factory=list)
    largest: tuple[str, int] = ("", 0)
    word_lists: list[tuple[str, int, int]] = field(default_factory=list)  # module, line, words

    @property
    def listed_words(self) -> int:
        return sum(words for _, _, words in self.word_lists)

    def problems(self) -> list[str]:
        found = [f"import cycle: {' -> '.join(cycle)}" for cycle in self.cycles]
        if self.largest[1] > MAX_MODULE_LINES:
            found.append(f"{self.largest[0]} has {self.largest[1]} lines (> {MAX_MODULE_LINES})")
        if len(self.word_lists) > MAX_WORD_LISTS:
            lists = len(self.word_lists)
            found.append(f"{lists} English word lists in Python (> {MAX_WORD_LISTS})")
        if self.listed_words > MAX_LISTED_WORDS:
            found.append(f"{self.listed_words} listed words in Python (> {MAX_LISTED_WORDS})")
        return found


def module_name(package: Path, path: Path) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.Module, name: str, is_package: bool) -> set[str]:
    """Modules imported anywhere in the tree, outside ``if TYPE_CHECKING:`` blocks."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _word_count(node: ast.AST) -> int:
    """How many plain English words a collection literal lists (0 if it is not one)."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {"frozenset", "set", "tuple"}:
        return _word_count(node.args[0]) if node.args else 0
    if not isinstance(node, ast.List | ast.Tuple | ast.Set):
        return 0
    elements = node.elts
    words = [
        element.value
        for element in elements
        if isinstance(element, ast.Constant)
        and isinstance(element.value, str)
        and _PLAIN_WORD.match(element.value)
    ]
    if len(words) < MIN_WORDS_IN_LIST or len(words) < len(elements) / 2:
        return 0
    return len(words)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph[node]:
                components.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            connect(node)
    return components


def measure(package: Path) -> Report:
    report = Report()
    modules: dict[str, tuple[Path, ast.Module]] = {}
    for path in sorted(package.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = module_name(package, path)
        tree = ast.parse(source, filename=str(path))
        modules[name] = (path, tree)
        lines = source.count("\n") + 1
        if lines > report.largest[1]:
            report.largest = (str(path.relative_to(package.parent)), lines)
        wrapped = {
            id(node.args[0])
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and node.args and _word_count(node)
        }
        for node in ast.walk(tree):
            words = 0 if id(node) in wrapped else _word_count(node)
            if words:
                report.word_lists.append((name, getattr(node, "lineno", 0), words))
    graph: dict[str, set[str]] = {}
    for name, (path, tree) in modules.items():
        imported = _imports(tree, name, path.name == "__init__.py")
        # "from allylint.formats import code" imports the package and the submodule.
        graph[name] = {target for target in imported if target in modules and target != name}
    report.cycles = _cycles(graph)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, default=Path(__file__).parents[1] / "allylint")
    args = parser.parse_args(argv)
    report = measure(args.package.resolve())
    print(f"import cycles: {len(report.cycles)}")
    for cycle in report.cycles:
        print(f"  {' -> '.join(cycle)}")
    print(f"largest module: {report.largest[0]} ({report.largest[1]} lines)")
    print(f"English word lists in Python: {len(report.word_lists)}, {report.listed_words} words")
    for module, line, words in report.word_lists:
        print(f"  {module}:{line}: {words} words")
    problems = report.problems()
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
