"""Benchmark: the AsciiDoc reader's prose against what Asciidoctor renders as prose.

    python benchmarks/asciidoc_reader.py [PATH] [--verbose]

Defaults to ../shared/corpus/more-docs/asciidoctor next to this repository. For
each ``.adoc`` file, converts it with Asciidoctor (the ``asciidoctor`` command,
Debian package ``asciidoctor``; the benchmark stops with a message without it)
and compares the words (three letters or more) of the HTML outside ``pre``,
``code``, ``kbd`` and the footer with the words of the segments allylint's
reader checks. Words allylint checks that Asciidoctor does not render as prose
are where false positives could come from; rendered words allylint leaves out
are generated text (admonition labels, the targets shown for links without
text), passthroughs and keyboard macros, or missed prose. A benchmark, not a
test.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from allylint.formats import asciidoc

_SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DEFAULT_CORPUS = _SHARED / "corpus" / "more-docs" / "asciidoctor"
_NOT_PROSE = {"pre", "code", "script", "style", "kbd", "head"}
_WORD = re.compile(r"[a-z]{3,}")
_UNRESOLVED_ATTRIBUTE = re.compile(r"\{[\w-]+\}")


class _RenderedProse(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        footer = tag == "div" and dict(attrs).get("id") == "footer"
        nested = bool(self.skipping) and tag == self.skipping[-1]  # a div in the footer
        if tag in _NOT_PROSE or footer or nested:
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


def rendered_words(path: Path) -> Counter[str]:
    page = subprocess.run(
        ["asciidoctor", "-S", "secure", "-o", "-", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    parser = _RenderedProse()
    parser.feed(page)
    # Attributes the corpus defines elsewhere (Antora) are shown as {name}: not prose.
    return _words(_UNRESOLVED_ATTRIBUTE.sub(" ", " ".join(parser.parts)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--verbose", action="store_true", help="list the differing words")
    args = parser.parse_args()
    if shutil.which("asciidoctor") is None:
        print("asciidoctor is not installed (Debian: apt-get install asciidoctor)")
        return 1
    ours_total = theirs_total = 0
    extra: Counter[str] = Counter()
    missing: Counter[str] = Counter()
    files = sorted(args.path.rglob("*.adoc"))
    for path in files:
        ours = _words(" ".join(s.text for s in asciidoc.extract(path.read_text("utf-8"))))
        theirs = rendered_words(path)
        ours_total += ours.total()
        theirs_total += theirs.total()
        extra.update({f"{path.name}: {word}": n for word, n in (ours - theirs).items()})
        missing.update({f"{path.name}: {word}": n for word, n in (theirs - ours).items()})
    print(f"{len(files)} files; words checked by allylint: {ours_total:,}; ", end="")
    print(f"rendered as prose by Asciidoctor: {theirs_total:,}")
    share = extra.total() / ours_total
    print(f"checked but not rendered as prose: {extra.total():,} ({share:.2%})")
    print(
        f"rendered as prose but not checked: {missing.total():,} "
        f"({missing.total() / theirs_total:.2%})"
    )
    if args.verbose:
        print("checked, not rendered:", ", ".join(f"{w} {n}" for w, n in extra.most_common()))
        print("rendered, not checked:", ", ".join(f"{w} {n}" for w, n in missing.most_common(60)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
