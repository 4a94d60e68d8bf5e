"""The allyship topics as ``allylint learn`` prints them: every topic, or one with
the rules that link to it (each described by ``report/describe.py``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from allylint.report.common import plural
from allylint.report.describe import describe
from allylint.report.topics import Topic, ordered_topics
from allylint.rules.model import Rule

RULES_HEADING = "Rules in this category"


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
                terms = describe(rule).terms
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
            count = f" ({plural(number, 'rule')})"
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
