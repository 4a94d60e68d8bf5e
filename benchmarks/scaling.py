"""How checking time grows with the hostile shapes of issue #18, at four sizes each.

    python benchmarks/scaling.py [--scale 1.0] [--repeat 3]

For every construct that took superlinear time in 0.2.0 (candidates not
separated by spaces, many suppression directives with many findings, a long
``allow:`` list with many candidates, an allowed phrase of hyphens against a run
of hyphens, HTML with many unclosed ``<!--``, ``<a`` or quoted attributes), a
document is built at four sizes, each doubling the last, and checked in this
process with a warm engine (the best of ``--repeat`` runs, in CPU seconds, so
that other work on the machine counts as little as it can). The exponent is the
slope of log(time) against log(size): 1 is linear, 2 quadratic. Every exponent
must be at most 1.1; the command exits 1 when one is not.

A benchmark, not a test: results vary with machine load, so the test suite only
bounds the same shapes generously (tests/hostile/test_hangs.py).
"""

from __future__ import annotations

import argparse
import gc
import math
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from allylint.api import CheckOptions, check_text, default_engine
from allylint.engine.core import Engine
from allylint.rules.loader import builtin_rules

MAX_EXPONENT = 1.1


@dataclass(frozen=True)
class Construct:
    name: str
    input_format: str
    base: int  # the smallest size; the others are 2, 4 and 8 times it
    document: Callable[[int], str]
    allow: Callable[[int], tuple[str, ...]] = lambda size: ()


def _directives(size: int) -> str:
    return "".join(
        f"The whitelist {n}. <!-- allylint: disable-line blacklist -->\n\n" for n in range(size)
    )


CONSTRUCTS = (
    Construct("candidates without spaces", "text", 1000, lambda n: "whitelist," * n),
    Construct("suppression directives and findings", "markdown", 2000, _directives),
    Construct(
        "allow list and candidates",
        "text",
        1000,
        lambda n: "the whitelist " * n,
        lambda n: tuple(f"Product{k} whitelist" for k in range(n)),
    ),
    Construct(
        "allowed hyphens against hyphens",
        "text",
        200_000,
        lambda n: "the whitelist " + "-" * n,
        lambda n: ("- - - - x",),
    ),
    # Big enough that a run takes tenths of a second, not milliseconds lost in noise.
    Construct("HTML unclosed comments", "html", 80_000, lambda n: "<p>whitelist</p>" + "<!--" * n),
    Construct("HTML unclosed tags", "html", 80_000, lambda n: "<p>whitelist</p>" + "<a " * n),
    Construct("HTML unclosed quotes", "html", 80_000, lambda n: "<p>whitelist</p>" + '<a b="' * n),
)


def _seconds(engine: Engine, construct: Construct, size: int, repeat: int) -> float:
    text = construct.document(size)
    best = math.inf
    for _ in range(repeat):
        gc.collect()  # no collection of an earlier run's garbage in this one's time
        started = time.process_time()
        check_text(engine, text, "doc", construct.input_format, CheckOptions())
        best = min(best, time.process_time() - started)
    return best


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """The least-squares slope of log(seconds) against log(size)."""
    xs = [math.log(size) for size in sizes]
    ys = [math.log(max(value, 1e-6)) for value in seconds]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return covariance / sum((x - mean_x) ** 2 for x in xs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best counts")
    args = parser.parse_args(argv)
    rules = builtin_rules()
    default = default_engine()
    default.match_segments([], "")  # load what a first check loads
    check_text(default, "the whitelist", "doc", "text")
    worst = 0.0
    print(f"{'construct':<38} {'sizes':<38} {'CPU seconds':<32} exponent")
    for construct in CONSTRUCTS:
        base = max(1, round(construct.base * args.scale))
        sizes = [base * factor for factor in (1, 2, 4, 8)]
        seconds = []
        for size in sizes:
            allow = construct.allow(size)
            engine = Engine(rules, allow=allow) if allow else default
            seconds.append(_seconds(engine, construct, size, args.repeat))
        slope = exponent(sizes, seconds)
        worst = max(worst, slope)
        shown_sizes = ", ".join(f"{size:,}" for size in sizes)
        shown_seconds = ", ".join(f"{value:.3f}" for value in seconds)
        verdict = "ok" if slope <= MAX_EXPONENT else f"OVER {MAX_EXPONENT}"
        print(f"{construct.name:<38} {shown_sizes:<38} {shown_seconds:<32} {slope:.2f} {verdict}")
    print(f"largest exponent: {worst:.2f} (at most {MAX_EXPONENT})")
    return 0 if worst <= MAX_EXPONENT else 1


if __name__ == "__main__":
    sys.exit(main())
