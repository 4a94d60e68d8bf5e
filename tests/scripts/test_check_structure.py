"""The package's structure stays within the limits scripts/check_structure.py sets."""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path
from types import ModuleType

from tests.conftest import ROOT


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_structure", ROOT / "scripts" / "check_structure.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while defining
    spec.loader.exec_module(module)
    return module


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "pkg"
    for name, source in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return package


def test_allylint_is_within_every_limit():
    report = _script().measure(ROOT / "allylint")
    assert report.problems() == []


def test_an_import_inside_a_function_closes_a_cycle(tmp_path):
    package = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from pkg import b\n",
            "b.py": "def later():\n    from pkg.a import thing\n",
        },
    )
    assert _script().measure(package).cycles == [["pkg.a", "pkg.b"]]


def test_type_checking_imports_do_not_count(tmp_path):
    package = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from pkg import b\n",
            "b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import a\n",
        },
    )
    assert _script().measure(package).cycles == []


def test_word_lists_are_counted_once_however_they_are_wrapped(tmp_path):
    words = ", ".join(f'"{chr(ord("a") + i) * 3}"' for i in range(8))  # "aaa", "bbb", ...
    package = _package(
        tmp_path,
        {
            "__init__.py": "",
            "lists.py": f"A = frozenset([{words}])\nB = ({words})\nC = ('.md', '.rst')\n",
        },
    )
    report = _script().measure(package)
    assert [words for _, _, words in report.word_lists] == [8, 8]


def test_a_long_module_is_reported(tmp_path):
    package = _package(tmp_path, {"__init__.py": "", "big.py": "x = 1\n" * 600})
    report = _script().measure(package)
    assert report.largest[1] > 500
    assert any("lines" in problem for problem in report.problems())
