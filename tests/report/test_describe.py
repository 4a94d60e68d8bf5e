"""One description of a rule: every piece for every built-in rule, terms with their own
alternatives, the wording of a finding, the hover, and ``allylint explain`` through
the real command line."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from click.testing import CliRunner

from allylint.api import lint_text
from allylint.cli.main import main
from allylint.report.describe import (
    Source,
    describe,
    finding_alternatives,
    headline,
    hover_markdown,
    plain_message,
    text_entry,
    topic_uri,
)
from allylint.report.topics import load_topics
from allylint.rules.loader import load_rules
from allylint.rules.model import Alternative, Rule, Term

RULES = list(load_rules())
TOPICS = load_topics()
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def flat(text: str) -> str:
    return " ".join(ANSI.sub("", text).split())


@pytest.fixture
def runner():
    return CliRunner()


def chair_rule() -> Rule:
    """A rule of many terms, two with their own alternatives and one with its own severity."""
    return Rule(
        id="chairman",
        category="gender",
        severity="warning",
        terms=(
            Term("chairman", alternatives=(Alternative("chair"), Alternative("chairperson"))),
            Term(
                "stewardess",
                alternatives=(Alternative("flight attendant", "on an aircraft"),),
                severity="error",
            ),
            Term("foreman"),
        ),
        alternatives=(Alternative("supervisor", "for someone who leads a team"),),
        message="Gendered job titles assume who does the job.",
        learn=("gender",),
        sources=("Conscious Style Guide: https://consciousstyleguide.org/", "APA Style"),
    )


# --- every piece, for every built-in rule -------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_builtin_rule_yields_every_piece(rule):
    description = describe(rule, TOPICS)
    assert description.why == rule.message
    for term in rule.terms:
        assert term.phrase in description.terms and term.phrase in description.matches
    assert description.alternatives == rule.alternatives
    assert description.short_description.startswith("Prefer ")
    first = rule.alternatives or rule.alternatives_for(rule.terms[0])
    assert f'"{first[0].text}"' in description.short_description
    items = description.alternative_items()
    for alternative in rule.alternatives:
        assert any(item.startswith(f"- **{alternative.text}**") for item in items)
    assert [source.text for source in description.sources] == list(rule.sources)
    assert description.fix_sentence and description.fix_brief
    assert (description.fix is None) == all(rule.fix_for(term) is None for term in rule.terms)
    topic_ids = [topic.id for topic in description.topics]
    assert topic_ids[: len(set(rule.learn))] == list(dict.fromkeys(rule.learn))
    assert any(TOPICS[topic_id].kind == "foundation" for topic_id in topic_ids)
    assert all(topic.summary == TOPICS[topic.id].summary for topic in description.topics)
    markdown = description.markdown()
    assert markdown.startswith(f"# {rule.id}\n")
    assert len(description.examples) <= 6
    for example in description.examples:
        assert example in markdown
    text, page = description.help_text(), description.help_markdown()
    for topic_id in rule.learn:
        assert topic_uri(topic_id) in text and f"]({topic_uri(topic_id)})" in page
    assert f"allylint explain {rule.id}" in text and f"allylint explain {rule.id}" in page


def test_a_multi_term_rule_gives_each_term_its_own_alternatives():
    description = describe(chair_rule(), TOPICS)
    choices = {choice.phrase: choice for choice in description.term_choices}
    assert set(choices) == {"chairman", "stewardess"}  # foreman takes the rule's
    assert [a.text for a in choices["chairman"].alternatives] == ["chair", "chairperson"]
    assert choices["stewardess"].severity == "error"
    items = description.alternative_items()
    assert items == [
        "- **supervisor**: for someone who leads a team",
        "- For **chairman**:",
        "  - **chair**",
        "  - **chairperson**",
        "- For **stewardess** (error):",
        "  - **flight attendant**: on an aircraft",
    ]
    assert "  - flight attendant: on an aircraft" in description.help_text()
    assert "Some terms are reported as error." in description.status
    assert [a.text for a in description.every_alternative] == [
        "supervisor",
        "chair",
        "chairperson",
        "flight attendant",
    ]


def test_a_rule_whose_terms_all_have_their_own_alternatives():
    rule = chair_rule()
    rule = replace(rule, alternatives=(), terms=rule.terms[:2])
    description = describe(rule, TOPICS)
    assert description.short_description == (
        'Prefer "chair" to "chairman" and "flight attendant" to "stewardess".'
    )
    assert description.alternative_items()[0] == "- For **chairman**:"


def test_sources_keep_their_address_when_the_rule_file_gives_one():
    assert Source.parse("Conscious Style Guide: https://consciousstyleguide.org/") == Source(
        "Conscious Style Guide", "https://consciousstyleguide.org/"
    )
    assert Source.parse("APA Style, bias-free language") == Source("APA Style, bias-free language")
    description = describe(chair_rule(), TOPICS)
    markdown = description.markdown()
    assert "- [Conscious Style Guide](https://consciousstyleguide.org/)" in markdown
    assert "- APA Style\n" in markdown
    assert "Conscious Style Guide: https://consciousstyleguide.org/; APA Style." in (
        description.help_text()
    )


# --- a finding's wording and hover -----------------------------------------------


def _finding(text: str, rule_id: str):
    return next(f for f in lint_text(text, "guide.md") if f.rule_id == rule_id)


def test_a_finding_reads_the_same_in_every_short_form():
    finding = _finding("Add the host to the whitelist.\n", "whitelist")
    line = headline(finding)
    assert line == '"whitelist", consider "allowlist", "allow list" or "permit list"'
    assert plain_message(finding) == (
        f"{line}. {finding.message} Learn more: allylint explain whitelist"
    )
    assert text_entry(finding) == (
        f"guide.md:1:21: whitelist warning: {line}\n"
        f"    why: {finding.message} Learn more: allylint explain whitelist\n"
    )
    marked = text_entry(finding, lambda text, part: f"<{part}>{text}</{part}>")
    assert marked.startswith("<location>guide.md:1:21:</location> whitelist <severity>warning")
    assert '<matched>"whitelist"</matched>, consider' in marked


def test_a_finding_in_an_identifier_says_so_everywhere():
    finding = replace(
        _finding("Add the host to the whitelist.\n", "whitelist"), context="identifier"
    )
    assert headline(finding).startswith('"whitelist" in an identifier, consider')
    assert '"whitelist" in an identifier' in plain_message(finding)


def test_hover_gives_the_alternatives_of_the_matched_term_with_their_when_notes():
    finding = _finding("Add the host to the whitelist.\n", "whitelist")
    rule = next(rule for rule in RULES if rule.id == "whitelist")
    hover = hover_markdown(finding, rule, TOPICS)
    assert hover.startswith("**allylint** `whitelist` (warning, tech-metaphors)\n")
    assert finding.message in hover
    assert "- **permit list**: for network and firewall rules" in hover
    assert f"]({topic_uri('tech-metaphors')}) (`allylint learn tech-metaphors`)" in hover
    assert "`allylint explain whitelist`." in hover

    chair = chair_rule()
    stewardess = replace(finding, rule_id="chairman", alternatives=("flight attendant",))
    assert finding_alternatives(stewardess, chair) == (
        Alternative("flight attendant", "on an aircraft"),
    )
    assert "- **flight attendant**: on an aircraft" in hover_markdown(stewardess, chair, TOPICS)
    assert "supervisor" not in hover_markdown(stewardess, chair, TOPICS)


# --- allylint explain, through the command line ----------------------------------


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


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_explain_every_rule(runner, rule):
    result = runner.invoke(main, ["explain", rule.id])
    assert result.exit_code == 0, result.output
    assert result.output == describe(rule, TOPICS).markdown()
    text = flat(result.output)
    assert rule.category in text and rule.severity in text
    assert flat(rule.message) in text
    for alternative in rule.alternatives:
        if alternative.when:
            assert f"{alternative.text}**: {flat(alternative.when)}" in text
    for source in rule.sources:
        assert Source.parse(source).markdown in text
    assert f"allylint learn {rule.category}" in text
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


def test_rules_lists_each_rules_terms_as_described(runner):
    result = runner.invoke(main, ["rules", "--all"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    for rule in RULES:
        assert any(line.split()[0] == rule.id and describe(rule).terms in line for line in lines), (
            rule.id
        )


def test_the_builtin_pack_names_each_terms_own_alternatives_and_severity():
    titles = describe(_builtin("gendered-job-titles"), TOPICS)
    items = titles.alternative_items()
    assert items[items.index("- For **waitress**:") + 1] == "  - **server**"
    assert items[items.index("- For **stewardess**:") + 1] == "  - **flight attendant**"
    lunatic = describe(_builtin("lunatic"), TOPICS)
    assert "Some terms are reported as info." in lunatic.status
    assert "- For **hysterical** (info):" in lunatic.alternative_items()


def _builtin(rule_id: str) -> Rule:
    rule = load_rules().get(rule_id)
    assert rule is not None
    return rule
