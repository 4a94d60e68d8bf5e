"""``--format html``: one self-contained page for reading an audit of a docs tree.

The page needs nothing but itself: styles, charts (inline SVG) and the filter
script are inline, and it loads nothing from the network. It shows the totals,
findings by category and by rule, the files ordered by their number of
findings, and every finding with its line in context, the matched words
marked, what to write instead and why. Filters by category, severity and rule
run in the page.

It is an accessibility tool's report, so it is built to be read with a keyboard
and a screen reader: landmarks and a skip link, one heading per section and
file, tables with captions and header scopes, labelled controls, a live count
of the findings shown, visible focus, contrast of at least 4.5:1, and severity
written out, never told by colour alone. Long reports stay fast: in a large
one the files off screen are not laid out until scrolled to, and filtering
touches each finding once.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from pathlib import Path

from allylint.discovery.sources import read_source
from allylint.findings.model import Finding
from allylint.formats.segments import LineIndex
from allylint.report.common import CollectingReporter, Summary, plural
from allylint.report.describe import quoted_list
from allylint.version import __version__

_CONTEXT_CHARS = 160  # of a long line, the characters shown on each side of the words
_CHART_BARS = 15  # rules shown in the chart; the others are summed in one bar
# Above this many findings, files off screen are not laid out until scrolled to.
_LARGE = 1000
_LARGE_CLASS = ' class="large"'
_SEVERITIES = ("error", "warning", "info")
_SEVERITY_NOUNS = {
    "error": ("error", "errors"),
    "warning": ("warning", "warnings"),
    "info": ("info", "info"),
}


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


class _Sources:
    """The files' lines, read once per file, for showing each finding in context."""

    def __init__(self) -> None:
        self.indexes: dict[str, LineIndex | None] = {}

    def lines(self, path: str) -> LineIndex | None:
        if path not in self.indexes:
            source, _notice = read_source(Path(path), path)
            self.indexes[path] = LineIndex(source.text) if source is not None else None
        return self.indexes[path]


def _context(finding: Finding, lines: LineIndex | None) -> str:
    """The finding's line as HTML, the matched words in a <mark>."""
    if lines is None or finding.line > len(lines.line_starts):
        return f"<mark>{_escape(finding.text)}</mark>"
    line = lines.line_text(finding.line)
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(line)
    if line[start:end] != finding.text[: end - start]:  # the file changed since the check
        return f"<mark>{_escape(finding.text)}</mark>"
    left = max(0, start - _CONTEXT_CHARS)
    right = min(len(line), end + _CONTEXT_CHARS)
    before = ("…" if left else "") + line[left:start]
    after = line[end:right] + ("…" if right < len(line) else "")
    return f"{_escape(before)}<mark>{_escape(line[start:end])}</mark>{_escape(after)}"


def _place(finding: Finding) -> tuple[str, int, int, str]:
    return (finding.path, finding.line, finding.column, finding.rule_id)


def _bar_chart(chart_id: str, title: str, counts: list[tuple[str, int]]) -> str:
    """A horizontal bar chart as inline SVG, every bar labelled with its name and count."""
    if not counts:
        return ""
    row, label_width, bar_width = 28, 230, 330
    height = row * len(counts) + 8
    largest = max(count for _, count in counts)
    description = "; ".join(f"{name}: {count}" for name, count in counts)
    parts = [
        f'<figure class="chart"><figcaption id="{chart_id}-title">{_escape(title)}</figcaption>'
        f'<svg role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {label_width + bar_width + 70} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet">'
        f'<desc id="{chart_id}-desc">{_escape(description)}</desc>'
    ]
    for index, (name, count) in enumerate(counts):
        y = index * row + 4
        width = max(2, round(bar_width * count / largest))
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 18}" text-anchor="end">{_escape(name)}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{width}" height="{row - 10}" rx="3"/>'
            f'<text x="{label_width + width + 6}" y="{y + 18}">{count}</text>'
        )
    parts.append("</svg></figure>")
    return "".join(parts)


def _options(counts: Counter[str], order: list[str] | None = None) -> str:
    names = order if order is not None else sorted(counts)
    return "".join(
        f'<option value="{_escape(name)}">{_escape(name)} ({counts[name]})</option>'
        for name in names
        if counts[name]
    )


class HtmlReporter(CollectingReporter):
    def finish(self, summary: Summary) -> None:
        self.stream.write(render(self.findings, summary))


def _summary_sentence(summary: Summary, files_with_findings: int) -> str:
    checked = f"Checked {plural(summary.files, 'file')}"
    if not summary.total:
        return f"{checked}: no findings."
    severities = ", ".join(
        plural(summary.by_severity[s], *_SEVERITY_NOUNS[s])
        for s in _SEVERITIES
        if summary.by_severity[s]
    )
    return (
        f"{checked}: {plural(summary.total, 'finding')} ({severities}) "
        f"in {plural(files_with_findings, 'file')}."
    )


def _totals(summary: Summary, files_with_findings: int) -> str:
    items = [
        ("Files checked", summary.files),
        ("Files with findings", files_with_findings),
        ("Findings", summary.total),
        *((_SEVERITY_NOUNS[s][1].capitalize(), summary.by_severity[s]) for s in _SEVERITIES),
    ]
    cells = "".join(f"<div><dt>{name}</dt><dd>{count}</dd></div>" for name, count in items)
    return (
        '<section aria-labelledby="totals-heading"><h2 id="totals-heading">Totals</h2>'
        f'<dl class="totals">{cells}</dl></section>'
    )


def _files_table(by_file: dict[str, list[Finding]], anchors: dict[str, str]) -> str:
    rows = []
    for path, findings in by_file.items():
        severities = Counter(f.severity for f in findings)
        cells = "".join(f'<td class="number">{severities[s]}</td>' for s in _SEVERITIES)
        rows.append(
            f'<tr><th scope="row"><a href="#{anchors[path]}">{_escape(path)}</a></th>'
            f'<td class="number">{len(findings)}</td>{cells}</tr>'
        )
    headers = "".join(
        f'<th scope="col" class="number">{_SEVERITY_NOUNS[s][1].capitalize()}</th>'
        for s in _SEVERITIES
    )
    return (
        '<section aria-labelledby="files-heading"><h2 id="files-heading">Files</h2>'
        '<div class="scroll" tabindex="0" role="region" aria-labelledby="files-caption">'
        '<table><caption id="files-caption">Files with findings, most findings first</caption>'
        '<thead><tr><th scope="col">File</th><th scope="col" class="number">Findings</th>'
        f"{headers}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _filters(findings: list[Finding]) -> str:
    categories = Counter(f.category for f in findings)
    severities = Counter(f.severity for f in findings)
    rules = Counter(f.rule_id for f in findings)
    controls = [
        ("category", "Category", _options(categories)),
        ("severity", "Severity", _options(severities, list(_SEVERITIES))),
        ("rule", "Rule", _options(rules)),
    ]
    selects = "".join(
        f'<div class="control"><label for="filter-{key}">{label}</label>'
        f'<select id="filter-{key}" data-filter="{key}"><option value="">All</option>'
        f"{options}</select></div>"
        for key, label, options in controls
    )
    return (
        '<form id="filters" class="filters" role="search" aria-label="Filter findings" hidden>'
        f'{selects}<div class="control"><button type="reset">Show all</button></div></form>'
        f'<p id="shown" role="status" aria-live="polite">'
        f"Showing all {plural(len(findings), 'finding')}.</p>"
    )


def _finding_item(finding: Finding, lines: LineIndex | None) -> str:
    alternatives = quoted_list(finding.alternatives, limit=4)
    where = f"Line {finding.line}, column {finding.column}"
    if finding.in_identifier:
        where += ", in an identifier"
    elif finding.in_path:
        where += ", in a file name or path"
    return (
        f'<li class="finding" data-category="{_escape(finding.category)}" '
        f'data-severity="{finding.severity}" data-rule="{_escape(finding.rule_id)}">'
        f'<p class="meta"><span class="severity {finding.severity}">{finding.severity}</span> '
        f'<span class="where">{where}</span> '
        f'<span class="rule">rule <code>{_escape(finding.rule_id)}</code> in '
        f"{_escape(finding.category)}</span></p>"
        f'<pre class="context"><span class="line-number" aria-hidden="true">{finding.line}</span>'
        f"<code>{_context(finding, lines)}</code></pre>"
        # A finding about a suppression directive has no alternatives.
        + (f'<p class="suggestion">Consider {_escape(alternatives)}.</p>' if alternatives else "")
        + f'<p class="why">{_escape(finding.message)} '
        f'<span class="learn">Learn more: <code>allylint explain {_escape(finding.rule_id)}</code>'
        "</span></p></li>"
    )


def render(findings: list[Finding], summary: Summary) -> str:
    """The whole page for ``findings`` (in any order) and the check's ``summary``."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in sorted(findings, key=_place):
        by_file[finding.path].append(finding)
    by_file = dict(
        sorted(by_file.items(), key=lambda item: (-len(item[1]), item[0]))  # most first
    )
    anchors = {path: f"file-{number}" for number, path in enumerate(by_file, 1)}
    sentence = _summary_sentence(summary, len(by_file))
    categories = Counter(f.category for f in findings).most_common()
    rules = Counter(f.rule_id for f in findings).most_common()
    if len(rules) > _CHART_BARS:
        others = sum(count for _, count in rules[_CHART_BARS - 1 :])
        left = len(rules) - _CHART_BARS + 1
        rules = [*rules[: _CHART_BARS - 1], (f"{left} other rules", others)]
    sources = _Sources()
    sections = []
    for path, file_findings in by_file.items():
        lines = sources.lines(path)
        items = "".join(_finding_item(f, lines) for f in file_findings)
        anchor = anchors[path]
        sections.append(
            f'<section class="file" id="{anchor}" aria-labelledby="{anchor}-heading">'
            f'<h3 id="{anchor}-heading">{_escape(path)} '
            f'<span class="count">({plural(len(file_findings), "finding")})</span></h3>'
            f'<ol class="findings">{items}</ol></section>'
        )
    body = [
        '<a class="skip" href="#findings-heading">Skip to the findings</a>',
        f'<header><h1>allylint report</h1><p class="summary">{_escape(sentence)}</p></header>',
        "<main>",
        _totals(summary, len(by_file)),
    ]
    if findings:
        body += [
            '<section aria-labelledby="charts-heading">'
            '<h2 id="charts-heading">Findings by category and by rule</h2><div class="charts">'
            f"{_bar_chart('by-category', 'Findings by category', categories)}"
            f"{_bar_chart('by-rule', 'Findings by rule', rules)}</div></section>",
            _files_table(by_file, anchors),
            '<section aria-labelledby="findings-heading">'
            '<h2 id="findings-heading" tabindex="-1">Findings</h2>',
            _filters(findings),
            *sections,
            "</section>",
        ]
    body += [
        "</main>",
        f"<footer><p>Made by allylint {_escape(__version__)}. Every rule is explained by "
        "<code>allylint explain RULE</code>.</p></footer>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light dark">'
        f"<title>allylint report: {_escape(sentence)}</title><style>{_STYLE}</style></head>"
        f"<body{_LARGE_CLASS if len(findings) > _LARGE else ''}>{''.join(body)}"
        f"<script>{_SCRIPT}</script></body></html>\n"
    )


_STYLE = """
:root { --text: #1b1b1f; --muted: #4a4a55; --back: #ffffff; --panel: #f3f4f7;
  --line: #c6c8d1; --accent: #1a4fd6; --mark: #ffe08a; --bar: #2f5fb3;
  --error-text: #8a1111; --error-back: #fde7e7; --warning-text: #6b4300;
  --warning-back: #fff2cc; --info-text: #0b4f6c; --info-back: #e1f2fa; }
@media (prefers-color-scheme: dark) {
  :root { --text: #ececf1; --muted: #b9bac6; --back: #17181c; --panel: #23252b;
    --line: #4a4d57; --accent: #8fb0ff; --mark: #6b5300; --bar: #8fb0ff;
    --error-text: #ffb4b4; --error-back: #4a1414; --warning-text: #ffd98a;
    --warning-back: #4a3500; --info-text: #9edcf5; --info-back: #0e3a4d; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 0 1.25rem 3rem; color: var(--text);
  background: var(--back); font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 1.8rem; margin: 1.5rem 0 0.25rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 0.75rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; overflow-wrap: anywhere; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999rem; }
.skip:focus { position: static; display: inline-block; margin-top: 0.5rem; }
.summary, .count, .why, .learn { color: var(--muted); }
.totals { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 0; }
.totals div { background: var(--panel); border: 1px solid var(--line); border-radius: 6px;
  padding: 0.5rem 1rem; min-width: 9rem; }
.totals dt { font-size: 0.9rem; color: var(--muted); }
.totals dd { margin: 0; font-size: 1.6rem; font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(26rem, 1fr)); gap: 1.5rem; }
.chart { margin: 0; }
.chart figcaption { font-weight: 600; margin-bottom: 0.25rem; }
.chart svg { max-width: 40rem; font-size: 13px; }
.chart text { fill: var(--text); }
.chart rect { fill: var(--bar); }
.scroll { overflow-x: auto; max-height: 28rem; overflow-y: auto; border: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 600; padding: 0.5rem; }
th, td { padding: 0.3rem 0.6rem; border-top: 1px solid var(--line); text-align: left; }
thead th { position: sticky; top: 0; background: var(--panel); }
tbody th { font-weight: normal; overflow-wrap: anywhere; }
.number { text-align: right; font-variant-numeric: tabular-nums; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; background: var(--panel);
  border: 1px solid var(--line); border-radius: 6px; padding: 0.75rem 1rem; }
.control label { display: block; font-weight: 600; font-size: 0.9rem; }
select, button { font: inherit; color: var(--text); background: var(--back);
  border: 1px solid var(--muted); border-radius: 4px; padding: 0.3rem 0.5rem; max-width: 20rem; }
button { cursor: pointer; }
.large .file { content-visibility: auto; contain-intrinsic-size: auto 40rem; }
.findings { list-style: none; padding: 0; margin: 0; }
.finding { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.9rem;
  margin: 0 0 0.6rem; }
.finding p { margin: 0.3rem 0; }
.meta { display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; align-items: baseline; }
.severity { font-weight: 700; font-size: 0.85rem; padding: 0 0.45rem; border-radius: 4px;
  border: 1px solid currentColor; text-transform: uppercase; letter-spacing: 0.03em; }
.severity.error { color: var(--error-text); background: var(--error-back); }
.severity.warning { color: var(--warning-text); background: var(--warning-back); }
.severity.info { color: var(--info-text); background: var(--info-back); }
.context { background: var(--panel); border-radius: 4px; padding: 0.4rem 0.6rem; margin: 0.4rem 0;
  white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.92rem; }
.line-number { color: var(--muted); margin-right: 0.8rem; user-select: none; }
mark { background: var(--mark); color: var(--text); font-weight: 700;
  text-decoration: underline 2px; text-underline-offset: 3px; }
.suggestion { font-weight: 600; }
[hidden] { display: none !important; }
footer { margin-top: 3rem; color: var(--muted); font-size: 0.9rem; }
"""

# Filtering sets one attribute per finding and per file section: linear in the findings.
_SCRIPT = """
(function () {
  var form = document.getElementById("filters");
  var shown = document.getElementById("shown");
  if (!form) { return; }
  form.hidden = false;
  var selects = form.querySelectorAll("select");
  var findings = document.querySelectorAll(".finding");
  var files = document.querySelectorAll("section.file");
  function apply() {
    var wanted = {};
    selects.forEach(function (select) { wanted[select.dataset.filter] = select.value; });
    var count = 0;
    findings.forEach(function (item) {
      var visible = (!wanted.category || item.dataset.category === wanted.category) &&
        (!wanted.severity || item.dataset.severity === wanted.severity) &&
        (!wanted.rule || item.dataset.rule === wanted.rule);
      item.hidden = !visible;
      if (visible) { count += 1; }
    });
    files.forEach(function (file) {
      file.hidden = !file.querySelector(".finding:not([hidden])");
    });
    var all = !wanted.category && !wanted.severity && !wanted.rule;
    var total = findings.length + (findings.length === 1 ? " finding" : " findings");
    shown.textContent = all ? "Showing all " + total + "." :
      "Showing " + count + " of " + total + ".";
  }
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
})();
"""
