"""What each installed distribution costs on disk, in a virtual environment.

    python3 -m venv /tmp/allylint-size && /tmp/allylint-size/bin/pip install .
    python benchmarks/install_size.py /tmp/allylint-size

Sizes are the files each distribution's RECORD lists (byte-compiled files
included once Python has written them), in MiB as ``du -m`` counts, largest
first, and the whole environment as ``du -sm`` counts it (disk blocks, so a little
more). The tables in docs/install-size.md were made this way.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from importlib import metadata
from pathlib import Path

_MIB = 1024 * 1024


def site_packages(venv: Path) -> Path:
    found = sorted(venv.glob("lib/python3*/site-packages")) or sorted(
        venv.glob("Lib/site-packages")
    )
    if not found:
        raise SystemExit(f"{venv}: no site-packages folder; is it a virtual environment?")
    return found[0]


def distribution_sizes(site: Path) -> dict[str, int]:
    sizes = {}
    for distribution in metadata.distributions(path=[str(site)]):
        total = 0
        for file in distribution.files or ():
            path = Path(str(distribution.locate_file(file)))
            if path.is_file():
                total += path.stat().st_size
        sizes[distribution.metadata["Name"]] = total
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("venv", type=Path, help="the virtual environment to measure")
    parser.add_argument("--top", type=int, default=15, help="how many distributions to list")
    args = parser.parse_args()
    sizes = distribution_sizes(site_packages(args.venv))
    du = subprocess.run(["du", "-sk", str(args.venv)], capture_output=True, text=True, check=True)
    print("| distribution | MiB |")
    print("|---|---:|")
    for name, size in sorted(sizes.items(), key=lambda item: -item[1])[: args.top]:
        print(f"| {name} | {size / _MIB:.1f} |")
    rest = sorted(sizes.values(), reverse=True)[args.top :]
    print(f"| {len(rest)} others | {sum(rest) / _MIB:.1f} |")
    print(f"| all distributions | {sum(sizes.values()) / _MIB:.1f} |")
    print(f"\nthe environment (du -sm): {int(du.stdout.split()[0]) * 1024 / _MIB:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
