"""The Sphinx extension, tested with real ``sphinx-build`` runs on small projects."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integrations import INVALID_CONFIGURATION, assert_clear_configuration_error

pytest.importorskip("sphinx")

INDEX = """\
Demo
====

.. toctree::

   guide

Add the host to the whitelist before you start.

.. code-block:: python

   whitelist = ["a"]

.. versionadded:: 1.2
   The blacklist option is new.

.. note::

   Do a quick sanity check -- it's "crazy" otherwise.

.. include:: part.inc

See :ref:`whitelist-setup` and :doc:`guide`, and ``blacklist`` in code.
"""

GUIDE = """\
.. _whitelist-setup:

Guide
=====

.. todo:: Remove the blacklist here.

.. glossary::

   allowlist
      A list of allowed hosts.

.. py:function:: add(whitelist, slave=None)

   Adds a host.

.. productionlist::
   list: "whitelist" | "blacklist"

.. allylint: disable-next-line

Suppressed: the whitelist.
"""


def _project(tmp_path: Path, files: dict[str, str], conf: str = "") -> Path:
    source = tmp_path / "src"
    source.mkdir()
    extensions = '["allylint.sphinx", "sphinx.ext.todo"]'
    (source / "conf.py").write_text(f'project = "demo"\nextensions = {extensions}\n{conf}')
    for name, text in files.items():
        (source / name).write_text(text, encoding="utf-8")
    return source


def _build(source: Path, *options: str) -> subprocess.CompletedProcess[str]:
    # --no-color: Sphinx colours its warnings when it sees CI=true, as CI sets.
    command = [sys.executable, "-m", "sphinx", "--no-color", "-b", "html", "-q", "-E", *options]
    return subprocess.run(
        [*command, str(source), str(source.parent / "build")],
        capture_output=True,
        text=True,
        timeout=300,
    )


def _findings(stderr: str) -> list[tuple[str, int, str]]:
    """(file name, line, rule id) of each allylint warning."""
    pattern = re.compile(r"^(\S+):(\d+): WARNING: .* \[allylint\.([\w-]+)\]$", re.MULTILINE)
    return [(Path(m[1]).name, int(m[2]), m[3]) for m in pattern.finditer(stderr)]


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return _project(
        tmp_path,
        {
            "index.rst": INDEX,
            "guide.rst": GUIDE,
            "part.inc": "Included text mentions a slave node.\n",
        },
    )


EXPECTED = sorted(
    [
        ("guide.rst", 6, "blacklist"),
        ("index.rst", 8, "whitelist"),
        ("index.rst", 15, "blacklist"),
        ("index.rst", 19, "sanity-check"),
        ("index.rst", 19, "crazy"),
        ("part.inc", 1, "slave"),
    ]
)


def test_strict_build_fails_and_names_each_finding_at_its_file_and_line(demo):
    result = _build(demo, "-W", "--keep-going")
    assert result.returncode != 0
    assert sorted(_findings(result.stderr)) == EXPECTED
    assert (
        f'{demo / "index.rst"}:8: WARNING: "whitelist", consider "allowlist", "allow list" or '
        '"permit list" (column 21). Learn more: allylint explain whitelist' in result.stderr
    )


def test_without_w_the_build_succeeds_with_the_same_warnings_and_no_other(demo):
    result = _build(demo)
    assert result.returncode == 0, result.stderr
    assert sorted(_findings(result.stderr)) == EXPECTED
    # Sphinx's own directives and roles (toctree, glossary, todo, py:function,
    # productionlist, :ref:) and the literal and code block are not prose: no other warning at all.
    assert len(result.stderr.strip().splitlines()) == len(EXPECTED), result.stderr


def test_a_parallel_build_reports_the_same_findings(tmp_path):
    pages = {f"page{n}.rst": f"Page {n}\n======\n\nPage {n} has a whitelist.\n" for n in range(8)}
    toctree = "\n".join(f"   page{n}" for n in range(8))
    pages["index.rst"] = f"Index\n=====\n\n.. toctree::\n\n{toctree}\n"
    source = _project(tmp_path, pages)
    serial = _build(source)
    parallel = _build(source, "-j", "2")
    assert parallel.returncode == 0, parallel.stderr
    expected = sorted((f"page{n}.rst", 4, "whitelist") for n in range(8))
    assert sorted(_findings(serial.stderr)) == expected
    assert sorted(_findings(parallel.stderr)) == expected


def test_the_project_configuration_and_conf_py_options_are_honoured(demo):
    (demo.parent / ".allylint.yaml").write_text("ignore: [slave]\nseverity:\n  crazy: info\n")
    # Sphinx's own suppress_warnings silences a rule: the warning's subtype is its id.
    options = 'allylint_fail_on = "warning"\nsuppress_warnings = ["allylint.sanity-check"]\n'
    (demo / "conf.py").write_text((demo / "conf.py").read_text() + options, encoding="utf-8")
    result = _build(demo, "-W", "--keep-going")
    assert sorted(_findings(result.stderr)) == [
        ("guide.rst", 6, "blacklist"),
        ("index.rst", 8, "whitelist"),
        ("index.rst", 15, "blacklist"),
    ]

    # Below fail_on a finding is a note (printed without -q), never a warning.
    (demo / "conf.py").write_text(
        (demo / "conf.py").read_text() + 'allylint_fail_on = "never"\n', encoding="utf-8"
    )
    quiet = _build(demo, "-W")
    assert quiet.returncode == 0, quiet.stderr
    assert _findings(quiet.stderr) == []
    verbose = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-E", str(demo), str(demo.parent / "b")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert f'{demo / "index.rst"}:8: "whitelist", consider' in verbose.stdout


def test_an_explicit_configuration_file_relative_to_conf_py(demo):
    (demo / "lint.yaml").write_text("select: [slave]\n")
    (demo / "conf.py").write_text(
        (demo / "conf.py").read_text() + 'allylint_config = "lint.yaml"\n', encoding="utf-8"
    )
    result = _build(demo)
    assert _findings(result.stderr) == [("part.inc", 1, "slave")]


def test_an_invalid_configuration_stops_the_build_with_file_line_and_key(demo):
    (demo.parent / ".allylint.yaml").write_text(INVALID_CONFIGURATION)
    assert_clear_configuration_error(_build(demo))


def test_the_built_site_is_the_same_with_and_without_the_extension(demo, tmp_path):
    _build(demo)
    with_extension = (tmp_path / "build" / "index.html").read_text(encoding="utf-8")
    conf = (demo / "conf.py").read_text().replace('"allylint.sphinx", ', "")
    (demo / "conf.py").write_text(conf, encoding="utf-8")
    _build(demo)
    without = (tmp_path / "build" / "index.html").read_text(encoding="utf-8")
    assert with_extension == without
