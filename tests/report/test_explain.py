"""``allylint explain`` and ``allylint learn``, through the real command line, and the renderer."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

import allylint.report.explain as explain_module
from allylint.cli.main import main
from allylint.report.explain import Layout, layout_for, render_markdown, topic_markdown
from allylint.report.topics import load_topics, ordered_topics
from allylint.rules.loader import load_rules

RULES = list(load_rules())
TOPICS = load_topics()
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def terminal(monkeypatch):
    """Make the commands believe standard output is a 72-column colour terminal."""
    monkeypatch.setattr(
        explain_module, "layout_for", lambda stream, no_color=False: Layout(72, True)
    )


def flat(text: str) -> str:
    return " ".join(ANSI.sub("", text).split())


def rule_file(tmp_path, **extra):
    lines = [
        "rules:",
        "  - id: frobnicate",
        "    category: gender",
        "    severity: info",
        "    match: [frobnicate]",
        "    alternatives: [adjust]",
        "    message: Frobnicate is jargon.",
        "    learn: [gender]",
    ]
    lines += [f"    {key}: {value}" for key, value in extra.items()]
    path = tmp_path / "team.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- explain ----------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_explain_every_rule(runner, rule):
    result = runner.invoke(main, ["explain", rule.id])
    assert result.exit_code == 0, result.output
    text = flat(result.output)
    assert f"# {rule.id}" in result.output
    assert rule.category in text and rule.severity in text
    assert flat(rule.message) in text
    for alternative in rule.alternatives:
        assert alternative.text in text
        if alternative.when:
            assert f"{alternative.text}**: {flat(alternative.when)}" in text
    for source in rule.sources:
        assert source in text
    for term in rule.terms:
        assert term.phrase in text
    assert f"allylint learn {rule.category}" in text
    assert any(f"allylint learn {t.id}" in text for t in TOPICS.values() if t.kind == "foundation")
    assert not ANSI.search(result.output), "no styles on a pipe"


def test_explain_sections_come_in_order_brief_first(runner):
    text = runner.invoke(main, ["explain", "whitelist"]).output
    order = [
        "# whitelist",
        "## Why it matters",
        "## What to write instead",
        "## Guidance this rule follows",
        "## Safe fix",
        "## Learn more",
    ]
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert "**allowlist**. It fits every sentence" in text
    assert "**permit list**: for network and firewall rules" in text
    assert "Loaded technical metaphors" in text and "Why words matter" in text


def test_explain_a_rule_without_a_fix_says_a_person_chooses(runner):
    text = runner.invoke(main, ["explain", "generic-pronoun"]).output
    assert "None: the right word depends on what the sentence means" in text
    assert "Not flagged: Guido van Rossum" in text


def test_explain_a_teams_rule_off_by_default_without_a_foundation(runner, tmp_path):
    path = rule_file(tmp_path, enabled="false")
    result = runner.invoke(main, ["explain", "frobnicate", "--rules", str(path)])
    assert result.exit_code == 0, result.output
    assert "It is off by default" in result.output
    # its learn list names no foundation, so the default one is shown
    assert "allylint learn gender" in result.output
    assert "allylint learn why-words-matter" in result.output


def test_explain_a_rule_whose_topic_is_not_installed(runner, tmp_path):
    path = rule_file(tmp_path)
    path.write_text(path.read_text().replace("[gender]", "[house-style]"))
    result = runner.invoke(main, ["explain", "frobnicate", "--rules", str(path)])
    assert result.exit_code == 0
    assert "`house-style` (this topic is not installed)" in result.output


def test_explain_unknown_rule_suggests_close_ids(runner):
    result = runner.invoke(main, ["explain", "blacklst"])
    assert result.exit_code == 2
    assert "Did you mean: blacklist" in result.output


def test_explain_a_topic_id_points_to_learn(runner):
    result = runner.invoke(main, ["explain", "why-words-matter"])
    assert result.exit_code == 2
    assert "allylint learn why-words-matter" in result.output


def test_explain_on_a_terminal_is_styled_and_wrapped(runner, terminal):
    result = runner.invoke(main, ["explain", "master"], color=True)
    assert result.exit_code == 0
    assert "\x1b[1m" in result.output  # bold
    plain = ANSI.sub("", result.output)
    assert "## " not in plain and "**" not in plain
    assert all(len(line) <= 72 for line in plain.splitlines())
    assert "\u2022 primary" in plain
    assert "allylint learn tech-metaphors" in plain  # a command is never split


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
    else:
        assert "## Where this applies" in text


@pytest.mark.parametrize("topic_id", sorted(TOPICS))
def test_learn_prints_every_topic_on_a_terminal(runner, terminal, topic_id):
    topic = TOPICS[topic_id]
    result = runner.invoke(main, ["learn", topic_id], color=True)
    assert result.exit_code == 0, result.output
    plain = ANSI.sub("", result.output)
    assert plain.startswith(f"{topic.title}\n")
    assert click.style(topic.title, bold=True, underline=True) in result.output
    assert "**" not in plain and "\n## " not in plain and "`" not in plain
    assert "\u2022 " in plain
    assert all(len(line) <= 72 for line in plain.splitlines())
    assert flat(topic.summary) in flat(plain)


def test_learn_unknown_topic_suggests_close_ids(runner):
    result = runner.invoke(main, ["learn", "genderr"])
    assert result.exit_code == 2
    assert "unknown topic 'genderr'" in result.output
    assert "Did you mean: gender" in result.output


def test_learn_a_rule_id_points_to_explain(runner):
    result = runner.invoke(main, ["learn", "whitelist"])
    assert result.exit_code == 2
    assert "allylint explain whitelist" in result.output


def test_learn_nothing_close_points_to_the_list(runner):
    result = runner.invoke(main, ["learn", "zzzz"])
    assert result.exit_code == 2
    assert "See: allylint learn" in result.output


# --- layout and renderer ------------------------------------------------------


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_layout_styles_only_a_terminal_without_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    assert layout_for(_Stream(False)) == Layout(width=None, color=False)
    assert layout_for(_Stream(True)) == Layout(width=100, color=True)  # capped for reading
    assert layout_for(_Stream(True), no_color=True) == Layout(width=100, color=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "60")
    assert layout_for(_Stream(True)) == Layout(width=59, color=False)


def test_no_color_flag_is_accepted(runner):
    for args in (["learn", "--no-color"], ["explain", "slave", "--no-color"]):
        assert runner.invoke(main, args).exit_code == 0


SAMPLE = """# Title

A paragraph with **bold words** and `a command here` and *emphasis* and a
[link](../x.md) that goes on long enough to need wrapping at a narrow width.

## Section

- **First** item, long enough to wrap onto a second line at forty columns wide.
- Second item
  continued here.
  - nested item

1. Numbered item that also needs to wrap because it is long.

> A quoted line.

```
code  stays   as is
```

| a | b |
|---|---|
"""


def test_render_without_colour_keeps_markers_and_wraps():
    text = render_markdown(SAMPLE, width=40, color=False)
    assert not ANSI.search(text)
    assert "# Title" in text and "## Section" in text and "**bold words**" in text
    lines = text.splitlines()
    assert all(len(line) <= 40 for line in lines if "code  stays" not in line)
    assert "  - **First** item, long enough to wrap" in text
    assert "    onto" in text or "    a second" in text  # hanging indent
    assert "  - Second item continued here." in text
    assert "    - nested item" in text
    assert "  1. Numbered item" in text
    assert "    code  stays   as is" in text
    assert "| a | b |" in text
    assert "> A quoted line." in text
    assert "\n\n\n" not in text


def test_render_with_colour_styles_headings_and_bold():
    text = render_markdown(SAMPLE, width=40, color=True)
    plain = ANSI.sub("", text)
    assert click.style("Title", bold=True, underline=True) in text
    assert click.style("bold words", bold=True) in text
    assert "**" not in plain and "# " not in plain
    assert "\u2022 " in plain and "link" in plain and "../x.md" not in plain
    assert all(len(line) <= 40 for line in plain.splitlines() if "code  stays" not in line)
    assert "a command here" in plain.splitlines()[2] or any(
        "a command here" in line for line in plain.splitlines()
    )


def test_render_never_breaks_a_code_span():
    text = render_markdown("x " * 30 + "`allylint learn why-words-matter` end", width=40)
    assert any("`allylint learn why-words-matter`" in line for line in text.splitlines())


def test_topic_markdown_of_a_foundation_counts_the_rules_linking_it():
    text = topic_markdown(TOPICS["why-words-matter"], RULES)
    count = sum("why-words-matter" in rule.learn for rule in RULES)
    assert f"{count} rules link to this topic" in text
