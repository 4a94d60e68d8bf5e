"""Explanations: a rule's explanation and the allyship topics, for a terminal or a pipe.

Every explanation is first written as Markdown (``rule_markdown``,
``topic_markdown``, ``topics_markdown``). On a pipe that Markdown is printed as
it is, so it can be pasted into a review comment or saved as a file. On a
terminal ``render_markdown`` lays it out: text wrapped to the terminal's width,
lists with hanging indents and, when colour is allowed, bold and underlined
headings and ``**bold**`` text.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import click

from allylint.report.common import plural
from allylint.report.topics import Topic, ordered_topics, topics_for_rule
from allylint.rules.model import Alternative, Rule

MAX_WIDTH = 100  # wider lines are hard to read, even on a wide terminal
MIN_WIDTH = 40
RULES_HEADING = "Rules in this category"


# ---------------------------------------------------------------------------
# Output settings


@dataclass(frozen=True)
class Layout:
    """How to print: ``width`` None means "a pipe: print the Markdown as it is"."""

    width: int | None
    color: bool


def layout_for(stream: Any, no_color: bool = False) -> Layout:
    """A terminal gets wrapped, laid-out text (styled unless NO_COLOR); a pipe gets Markdown."""
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return Layout(width=None, color=False)
    columns = shutil.get_terminal_size((80, 24)).columns
    width = max(MIN_WIDTH, min(MAX_WIDTH, columns - 1))
    return Layout(width=width, color=not (no_color or os.environ.get("NO_COLOR")))


def render(markdown: str, layout: Layout) -> str:
    if layout.width is None:
        return markdown
    return render_markdown(markdown, width=layout.width, color=layout.color)


def echo_markdown(markdown: str, no_color: bool = False) -> None:
    """Print an explanation to standard output, laid out for what it is connected to."""
    click.echo(render(markdown, layout_for(sys.stdout, no_color)), nl=False)


# ---------------------------------------------------------------------------
# Describing a rule (shared with scripts/build_docs.py)


def describe_matches(rule: Rule) -> str:
    """What the rule looks for, with how the terms may vary."""
    phrases = ", ".join(term.phrase for term in rule.terms)
    notes = []
    if any(term.inflect != "none" for term in rule.terms):
        notes.append("in any inflection")
    if any(len(term.words) > 1 for term in rule.terms):
        notes.append("written apart, hyphenated or closed up")
    if any(term.case == "exact" for term in rule.terms):
        notes.append("only in the case shown")
    return phrases + (f" ({'; '.join(notes)})" if notes else "")


def alternative_item(alternative: Alternative) -> str:
    """One Markdown list item: the alternative, and when to prefer it."""
    when = f": {alternative.when}" if alternative.when else ""
    return f"- **{alternative.text}**{when}"


def fix_summary(rule: Rule) -> str | None:
    """The rule's safe replacement(s) in Markdown, or None when a person must choose."""
    pairs = [(term.phrase, getattr(term, "fix", None) or rule.fix) for term in rule.terms]
    replacements = {fix for _, fix in pairs}
    if replacements == {None}:
        return None
    if len(replacements) == 1:
        return f"**{pairs[0][1]}**"
    summary = "; ".join(f"**{fix}** for {phrase}" for phrase, fix in pairs if fix)
    return summary + ("; none for the other terms" if None in replacements else "")


def fix_is_conditional(rule: Rule) -> bool:
    return bool(getattr(rule, "fix_when", ()))


def fix_sentence(rule: Rule) -> str:
    summary = fix_summary(rule)
    if summary is None:
        return "None: the right word depends on what the sentence means, so a person chooses."
    adapts = "allylint adapts it to the original's inflection and capitals."
    if fix_is_conditional(rule):
        return (
            f"{summary}, only where the context shows it is right; elsewhere a person "
            f"chooses. Where it applies, {adapts}"
        )
    return f"{summary}. It fits every sentence this rule reports, so it is safe to apply; {adapts}"


def rule_status(rule: Rule) -> str:
    state = " It is off by default: it reports only when selected." if not rule.enabled else ""
    article = "An" if rule.severity[:1] in "aeiou" else "A"
    return f"{article} **{rule.severity}** of the **{rule.category}** category.{state}"


def context_sentence(rule: Rule) -> str:
    if rule.requires or rule.exceptions:
        return " It reads the context, so some uses are not reported (see the examples)."
    return ""


# ---------------------------------------------------------------------------
# The Markdown of each explanation


def rule_markdown(rule: Rule, topics: dict[str, Topic]) -> str:
    """``allylint explain RULE-ID``: the rule, why, what instead, sources, fix, topics."""
    lines = [
        f"# {rule.id}",
        "",
        f"{rule_status(rule)} Matches: {describe_matches(rule)}.{context_sentence(rule)}",
        "",
        "## Why it matters",
        "",
        rule.message,
        "",
        "## What to write instead",
        "",
        "Best first; pick the one that says what you mean.",
        "",
        *(alternative_item(alternative) for alternative in rule.alternatives),
        "",
    ]
    if rule.sources:
        lines += [
            "## Guidance this rule follows",
            "",
            *(f"- {source}" for source in rule.sources),
            "",
        ]
    lines += ["## Safe fix", "", fix_sentence(rule), ""]
    if rule.examples_flag or rule.examples_pass:
        lines += ["## Examples", ""]
        lines += [f"- Flagged: {text}" for text in rule.examples_flag[:3]]
        lines += [f"- Not flagged: {text}" for text in rule.examples_pass[:3]]
        lines += [""]
    lines += ["## Learn more", ""]
    for topic_id in topics_for_rule(rule.learn, topics):
        topic = topics.get(topic_id)
        if topic is None:
            lines.append(f"- `{topic_id}` (this topic is not installed)")
            continue
        lines.append(f"- **{topic.title}** (`allylint learn {topic.id}`): {topic.summary}")
    return "\n".join(lines).rstrip() + "\n"


def rules_linking(topic: Topic, rules: Iterable[Rule]) -> list[Rule]:
    return [rule for rule in rules if topic.id in rule.learn]


def topic_markdown(topic: Topic, rules: Sequence[Rule] = ()) -> str:
    """``allylint learn TOPIC``: the topic, then the rules that link to it."""
    body = _without_last_section(topic.body, RULES_HEADING)  # replaced by the live list
    lines = [f"# {topic.title}", "", f"*{topic.summary}*", "", body.rstrip(), ""]
    linked = rules_linking(topic, rules)
    if topic.kind == "category":
        own = [rule for rule in rules if rule.category == topic.id]
        lines += [f"## {RULES_HEADING}", ""]
        if own:
            for rule in own:
                off = ", off by default" if not rule.enabled else ""
                terms = ", ".join(term.phrase for term in rule.terms)
                lines.append(f"- `{rule.id}` ({rule.severity}{off}): {terms}")
            lines.append("")
        else:
            lines += ["allylint has no built-in rules in this category yet.", ""]
        others = [rule.id for rule in linked if rule.category != topic.id]
        if others:
            lines += [f"Rules of other categories that link here: {', '.join(others)}.", ""]
        lines += [
            "Explain one with `allylint explain RULE-ID`; list all topics with `allylint learn`.",
            "",
        ]
    else:
        lines += ["## Where this applies", ""]
        if linked:
            categories = ", ".join(dict.fromkeys(rule.category for rule in linked))
            count = plural(len(linked), "rule links", "rules link")
            lines += [f"{count} to this topic, in the categories {categories}.", ""]
        lines += [
            "List all topics with `allylint learn`; explain a rule with "
            "`allylint explain RULE-ID`.",
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"


def topics_markdown(topics: dict[str, Topic], rules: Sequence[Rule] = ()) -> str:
    """``allylint learn``: every topic, foundations first, with its summary."""
    lines = [
        "# Learn",
        "",
        "Every allylint finding links to a topic here: the category it belongs to and "
        "a foundation that explains the thinking behind it. Read one with "
        "`allylint learn TOPIC`.",
        "",
    ]
    heading = {"foundation": "Foundations", "category": "Categories"}
    current = None
    for topic in ordered_topics(topics):
        if topic.kind != current:
            current = topic.kind
            lines += [f"## {heading.get(topic.kind, topic.kind)}", ""]
        count = ""
        if topic.kind == "category":
            number = sum(1 for rule in rules if rule.category == topic.id)
            count = f" ({number} rule{'s' if number != 1 else ''})"
        lines.append(f"- `{topic.id}`{count}: **{topic.title}.** {topic.summary}")
    return "\n".join(lines).rstrip() + "\n"


def _without_last_section(body: str, heading: str) -> str:
    """``body`` without its last section when that section is titled ``heading``.

    A category topic may end with a "Rules in this category" section pointing
    to the generated docs page; in the terminal the live list replaces it.
    """
    sections = list(re.finditer(r"^#{2,6}\s+(.+?)\s*$", body, flags=re.MULTILINE))
    if sections and sections[-1][1] == heading:
        return body[: sections[-1].start()]
    return body


# ---------------------------------------------------------------------------
# Laying Markdown out on a terminal

_INLINE = re.compile(
    r"\*\*(?P<bold>.+?)\*\*"
    r"|`(?P<code>[^`]+)`"
    r"|\[(?P<link>[^\]]+)\]\((?P<url>[^)\s]+)\)"
    r"|(?<![\w*])\*(?P<em>[^*\s](?:[^*]*[^*\s])?)\*(?![\w*])"
)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")

_Word = list[tuple[str, dict[str, Any]]]  # a word: pieces of text, each with its style


def _spans(text: str, color: bool) -> list[tuple[str, dict[str, Any]]]:
    """Split inline Markdown into (text, style) pieces; without colour keep the markup.

    Code spans carry ``keep``: they are never broken across lines, so a command
    such as ``allylint learn gender`` can be copied whole.
    """
    pieces: list[tuple[str, dict[str, Any]]] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            pieces.append((text[position : match.start()], {}))
        position = match.end()
        if match["code"] is not None:
            pieces.append((match["code"] if color else match[0], {"keep": True, "fg": "cyan"}))
        elif not color:
            pieces.append((match[0], {}))
        elif match["bold"] is not None:
            pieces.append((match["bold"], {"bold": True}))
        elif match["link"] is not None:
            pieces.append((match["link"], {"underline": True}))
            if re.match(r"^[a-z]+://", match["url"]):
                pieces.append((f" ({match['url']})", {"dim": True}))
        else:
            pieces.append((match["em"], {"italic": True}))
    if position < len(text):
        pieces.append((text[position:], {}))
    return pieces


def _words(pieces: list[tuple[str, dict[str, Any]]]) -> list[_Word]:
    """Break styled pieces into words (a word may mix styles, as in '**lame**,')."""
    words: list[_Word] = []
    current: _Word = []
    for text, style in pieces:
        chunks = [text] if style.get("keep") else re.split(r"\s+", text)
        for index, chunk in enumerate(chunks):
            if index > 0 and current:
                words.append(current)
                current = []
            if chunk:
                current.append((chunk, style))
    if current:
        words.append(current)
    return words


def _visible_style(style: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in style.items() if key != "keep"}


def _paint(pieces: list[tuple[str, dict[str, Any]]], color: bool) -> str:
    """Join pieces of a line, styling each run of equally styled text once."""
    if not color:
        return "".join(text for text, _ in pieces)
    runs: list[tuple[str, dict[str, Any]]] = []
    for text, style in pieces:
        style = _visible_style(style)
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + text, style)
        else:
            runs.append((text, style))
    return "".join(click.style(text, **style) if style else text for text, style in runs)


def _wrap(text: str, width: int, first: str, rest: str, color: bool) -> list[str]:
    """Wrap inline Markdown to ``width`` columns, measuring only the visible characters."""
    lines: list[str] = []
    line: list[tuple[str, dict[str, Any]]] = []
    used, prefix = len(click.unstyle(first)), first
    for word in _words(_spans(text, color)):
        size = sum(len(piece) for piece, _ in word)
        if line and used + 1 + size > width:
            lines.append(prefix + _paint(line, color))
            line, used, prefix = [], len(click.unstyle(rest)), rest
        if line:
            before, after = _visible_style(line[-1][1]), _visible_style(word[0][1])
            line.append((" ", before if before == after else {}))
            used += 1
        line.extend(word)
        used += size
    lines.append(prefix + _paint(line, color))
    return [entry.rstrip() for entry in lines]


def render_markdown(markdown: str, width: int = 80, color: bool = False) -> str:
    """Lay Markdown out for a terminal ``width`` columns wide.

    Paragraphs are wrapped, list items get hanging indents and blocks are
    separated by one blank line. With ``color`` headings are bold (and
    underlined), ``**bold**`` is bold, ``*emphasis*`` italic and ``code`` cyan;
    without it the Markdown markers stay, so the text keeps its meaning on a
    terminal without styles.
    """
    width = max(MIN_WIDTH, width)
    out: list[str] = []
    lines = markdown.splitlines()
    index = 0
    last = ""  # the kind of the previous block

    def start(kind: str) -> None:
        nonlocal last
        if out and not (kind == last == "item"):
            out.append("")
        last = kind

    def ends_paragraph(line: str) -> bool:
        return not line.strip() or any(pattern.match(line) for pattern in (_HEADING, _ITEM, _FENCE))

    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        if not stripped or (stripped.startswith("<!--") and stripped.endswith("-->")):
            index += 1
        elif _FENCE.match(line):
            start("code")
            index += 1
            while index < len(lines) and not _FENCE.match(lines[index]):
                out.append(("    " + lines[index]).rstrip())
                index += 1
            index += 1
        elif heading := _HEADING.match(line):
            start("heading")
            level, text = len(heading[1]), heading[2]
            if color:
                plain = re.sub(r"\*\*|`", "", text)
                out.append(click.style(plain, bold=True, underline=level <= 2))
            else:
                out.append(f"{heading[1]} {text}")
            index += 1
        elif item := _ITEM.match(line):
            start("item")
            depth = len(item[1].expandtabs(4)) // 2
            marker = "\u2022" if color and item[2] in "-*+" else item[2]
            text = item[3]
            index += 1
            while index < len(lines) and lines[index].startswith(" "):
                if ends_paragraph(lines[index]):
                    break
                text += " " + lines[index].strip()  # a continuation line of the item
                index += 1
            first = "  " * (depth + 1) + marker + " "
            out.extend(_wrap(text, width, first, " " * len(first), color))
        elif stripped.startswith("|"):
            start("table")
            while index < len(lines) and lines[index].strip().startswith("|"):
                out.append(lines[index].rstrip())
                index += 1
        elif stripped.startswith(">"):
            start("quote")
            quoted = []
            while index < len(lines) and lines[index].strip().startswith(">"):
                quoted.append(lines[index].strip()[1:].strip())
                index += 1
            bar = click.style("\u2502 ", dim=True) if color else "> "
            out.extend(_wrap(" ".join(quoted), width, bar, bar, color))
        else:
            start("paragraph")
            paragraph = [stripped]
            index += 1
            while index < len(lines) and not ends_paragraph(lines[index]):
                paragraph.append(lines[index].strip())
                index += 1
            out.extend(_wrap(" ".join(paragraph), width, "", "", color))
    return "\n".join(out) + "\n"
