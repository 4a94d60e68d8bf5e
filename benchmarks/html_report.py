"""Benchmark: the HTML report at scale, in headless Chromium.

    python benchmarks/html_report.py [--findings 10000] [--axe PATH/axe.min.js]

Writes a docs tree whose lines each hold five findings, checks it, renders the
page (``allylint.report.html``) for ``--findings`` of them and prints its size
and the time to render it in Python; then, with Chromium installed, the time for
headless Chromium to load it (script run, DOM serialised) against an empty page,
and the time the filter script takes to apply a rule filter and to clear it.
With ``--axe`` (the ``axe.min.js`` of the axe-core npm package) the page is also
audited by axe-core in light and dark mode and its violations printed. A
benchmark, not a test.
"""

from __future__ import annotations

import argparse
import dataclasses
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from allylint import lint_text
from allylint.report.common import Summary
from allylint.report.html import render

_LINE = "Add the host to the whitelist, each user and his blacklist; a sanity check is crazy.\n"
_LINES_PER_FILE = 10
_TIMING = """<script>
var select = document.getElementById('filter-rule');
var started = performance.now();
select.value = 'whitelist'; select.form.dispatchEvent(new Event('change'));
var filtered = performance.now();
select.value = ''; select.form.dispatchEvent(new Event('change'));
var cleared = performance.now();
document.body.setAttribute('data-timing', JSON.stringify(
  {filter_ms: filtered - started, clear_ms: cleared - filtered, loaded_ms: cleared}));
</script></body>"""
_AXE = """<script>%s</script><script>
axe.run(document, {resultTypes: ['violations']}).then(function (result) {
  var out = document.createElement('pre'); out.id = 'axe-result';
  out.textContent = JSON.stringify(result.violations.map(function (v) {
    return {id: v.id, impact: v.impact, nodes: v.nodes.length}; }));
  document.body.appendChild(out);
});</script></body>"""


def _chromium() -> str | None:
    return next(
        (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))),
        None,
    )


def _dump(browser: str, page: Path, *flags: str) -> tuple[str, float]:
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", *flags, "--dump-dom"]
    started = time.perf_counter()
    result = subprocess.run(
        [*command, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return result.stdout, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--findings", type=int, default=10_000)
    parser.add_argument("--axe", type=Path, help="axe.min.js, to audit the page with axe-core")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="allylint-html-"))
    per_line = lint_text(_LINE, "page.md")
    findings = []
    number = 0
    while len(findings) < args.findings:
        path = folder / f"page{number}.md"
        path.write_text(_LINE * _LINES_PER_FILE, encoding="utf-8")
        number += 1
        for line in range(1, _LINES_PER_FILE + 1):
            findings += [
                dataclasses.replace(f, path=str(path), line=line, end_line=line) for f in per_line
            ]
    findings = findings[: args.findings]
    summary = Summary(files=number)
    for finding in findings:
        summary.add(finding)
    started = time.perf_counter()
    page = render(findings, summary)
    rendered = time.perf_counter() - started
    report = folder / "report.html"
    report.write_text(page, encoding="utf-8")
    print(f"{len(findings):,} findings in {number} files: {len(page.encode()):,} bytes, ", end="")
    print(f"rendered in {rendered:.2f} s")
    browser = _chromium()
    if browser is None:
        print("no Chromium installed: browser timings skipped")
        return 0
    empty = folder / "empty.html"
    empty.write_text("<!DOCTYPE html><title>x</title><p>x</p>", encoding="utf-8")
    _, baseline = _dump(browser, empty)
    _, loading = _dump(browser, report)
    print(f"headless Chromium: {loading:.1f} s for the report, {baseline:.1f} s for an empty page")
    timed = folder / "timed.html"
    timed.write_text(page.replace("</body>", _TIMING), encoding="utf-8")
    dom, _ = _dump(browser, timed)
    timing = re.search(r'data-timing="([^"]*)"', dom)
    if timing:
        values = json.loads(html.unescape(timing.group(1)))
        print(
            f"in the page: loaded and scripted {values['loaded_ms']:.0f} ms; a rule filter "
            f"{values['filter_ms']:.0f} ms, clearing it {values['clear_ms']:.0f} ms"
        )
    if args.axe:
        audited = folder / "axe.html"
        audited.write_text(page.replace("</body>", _AXE % args.axe.read_text()), encoding="utf-8")
        for mode, flags in (
            ("light", ()),
            ("dark", ("--force-dark-mode", "--blink-settings=preferredColorScheme=0")),
        ):
            dom, _ = _dump(browser, audited, "--virtual-time-budget=60000", *flags)
            found = re.search(r'<pre id="axe-result">(.*?)</pre>', dom, re.S)
            violations = html.unescape(found.group(1)) if found else "no result"
            print(f"axe-core, {mode} mode: violations {violations}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
