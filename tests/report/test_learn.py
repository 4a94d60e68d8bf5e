"""``allylint learn``: the list of topics and each topic with its rules, through the
real command line."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from allylint.cli.main import main
from allylint.report.describe import describe
from allylint.report.learn import topic_markdown
from allylint.report.topics import load_topics, ordered_topics
from allylint.rules.loader import load_rules

RULES = list(load_rules())
TOPICS = load_topics()
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def runner():
    return CliRunner()


def flat(text: str) -> str:
    return " ".join(ANSI.sub("", text).split())


# --- learn ------------------------------------------------------------------


def test_learn_lists_every_topic_foundations_first(runner):
    result = runner.invoke(main, ["learn"])
    assert result.exit_code == 0
    text = result.output
    assert text.index("## Foundations") < text.index("## Categories")
    positions = [text.index(f"`{topic.id}`") for topic in ordered_topics(TOPICS)]
    assert positions == sorted(positions)
    for topic in TOPICS.values():
        assert topic.title in text and topic.summary in flat(text)
    assert "`tech-metaphors` (" in text and " rules)" in text
    assert "allylint learn TOPIC" in text


@pytest.mark.parametrize("topic_id", sorted(TOPICS))
def test_learn_prints_every_topic_on_a_pipe(runner, topic_id):
    topic = TOPICS[topic_id]
    result = runner.invoke(main, ["learn", topic_id])
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith(f"# {topic.title}\n\n*{topic.summary}*\n")
    assert "**In brief:**" in text  # Markdown as written
    assert not ANSI.search(text)
    if topic.kind == "category":
        assert text.count("## Rules in this category") == 1
        assert "../categories/" not in text  # the docs link is replaced by the live list
        for rule in RULES:
            if rule.category == topic_id:
                assert f"`{rule.id}` ({rule.severity}" in text
                assert describe(rule).terms in text
    else:
        assert "## Where this applies" in text


def test_topic_markdown_of_a_foundation_counts_the_rules_linking_it():
    text = topic_markdown(TOPICS["why-words-matter"], RULES)
    count = sum("why-words-matter" in rule.learn for rule in RULES)
    assert f"{count} rules link to this topic" in text


def test_a_category_lists_its_rules_as_described():
    text = topic_markdown(TOPICS["tech-metaphors"], RULES)
    for rule in RULES:
        if rule.category == "tech-metaphors":
            assert f"`{rule.id}` ({rule.severity}" in text and describe(rule).terms in text
