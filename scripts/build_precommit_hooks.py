#!/usr/bin/env python3
"""Write the pre-commit hook's file types from the input-format registry.

    python scripts/build_precommit_hooks.py           rewrite types_or in .pre-commit-hooks.yaml
    python scripts/build_precommit_hooks.py --check   exit 1 when it is out of date

The ``allylint`` hook hands pre-commit's ``types_or`` files to ``allylint check``:
the files of the formats allylint reads, as each registry entry's
``precommit_types`` (identify tags) name them. Only that list is rewritten; the
rest of the manifest (the licence ``exclude``, stages, the commit-msg hook) is
written by hand.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from allylint.formats.registry import precommit_types

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ".pre-commit-hooks.yaml"
REGENERATE = "python scripts/build_precommit_hooks.py"
_WIDTH = 99  # the longest line the list is wrapped to
_TYPES_OR = re.compile(r"^(?P<indent>[ \t]*)types_or:[ \t]*\[[^\]]*\]", re.MULTILINE)


def types_or_lines(indent: str, types: Sequence[str]) -> str:
    """``types_or: [...]`` as a YAML flow sequence, wrapped under its first item."""
    items = [f"{tag}," for tag in types[:-1]] + [f"{types[-1]}]"]
    head = f"{indent}types_or: ["
    lines = [head + items[0]]
    for item in items[1:]:
        if len(lines[-1]) + 1 + len(item) > _WIDTH:
            lines.append(" " * len(head) + item)
        else:
            lines[-1] += " " + item
    return "\n".join(lines)


def render(manifest: str) -> str:
    """The manifest with its ``types_or`` list made from the registry."""
    match = _TYPES_OR.search(manifest)
    if match is None:
        raise ValueError(f"{MANIFEST} has no types_or list")
    new = types_or_lines(match.group("indent"), precommit_types())
    return manifest[: match.start()] + new + manifest[match.end() :]


def main(argv: Sequence[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the list is stale")
    args = parser.parse_args(argv)
    path = root / MANIFEST
    current = path.read_text(encoding="utf-8")
    wanted = render(current)
    if wanted == current:
        return 0
    if args.check:
        print(f"{MANIFEST} is out of date; regenerate with: {REGENERATE}", file=sys.stderr)
        return 1
    path.write_text(wanted, encoding="utf-8")
    print(f"wrote {MANIFEST}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
