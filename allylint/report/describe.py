"""One description of a rule, for every output.

A rule is plain data; ``RuleDescription`` turns it into the pieces that the
outputs show: what it matches, why it matters, what to write instead (for the
rule and for each term with choices of its own), the guidance it follows, the
safe fix, examples and the topics to read. ``allylint explain``, ``allylint
rules``, the generated docs (scripts/build_docs.py), SARIF's rule descriptors
and the language server's hover all read them from here.

A finding is self-contained, so its one-line wording (``headline``,
``text_entry``, ``plain_message``) needs no rule; the text, GitHub, checkstyle,
JUnit and SARIF reporters all use it. The file's name, the matched words and the
rule's text in it are escaped (``printable.escape``): they come from the
repository and could otherwise break the line, restyle a terminal or start a CI
workflow command. ``hover_markdown`` adds the rule's
when-notes for the finding's own alternatives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote

from allylint.findings.model import Finding
from allylint.printable import escape
from allylint.report.topics import Topic, topics_for_rule
from allylint.rules.model import Alternative, Rule

TOPIC_URI = "https://github.com/allylint/allylint/blob/main/docs/topics/{topic}.md"


def topic_uri(topic: str) -> str:
    """Where a topic is published, for outputs read away from a terminal."""
    return TOPIC_URI.format(topic=quote(topic))


def quoted_list(words: Iterable[str], limit: int = 3) -> str:
    """``"a", "b" or "c"``: the first ``limit`` words, quoted (and escaped, since a team's
    rule file can hold anything), in reading order."""
    quoted = [f'"{escape(word)}"' for word in list(words)[:limit]]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


# ---------------------------------------------------------------------------
# The pieces of a rule's description


_SOURCE_URL = re.compile(r"^(?P<name>.+?):?\s+(?P<url>https?://\S+)$")


@dataclass(frozen=True)
class Source:
    """A piece of guidance a rule follows; rule files write ``"Name: https://..."``
    when the address is known."""

    name: str
    url: str | None = None

    @classmethod
    def parse(cls, text: str) -> Source:
        match = _SOURCE_URL.match(text.strip())
        if match is None:
            return cls(text.strip())
        return cls(match["name"].strip(), match["url"])

    @property
    def text(self) -> str:
        return f"{self.name}: {self.url}" if self.url else self.name

    @property
    def markdown(self) -> str:
        return f"[{self.name}]({self.url})" if self.url else self.name


@dataclass(frozen=True)
class TopicLink:
    """A topic shown with a rule; ``summary`` is None when the topic is not installed."""

    id: str
    title: str
    summary: str | None

    @property
    def url(self) -> str:
        return topic_uri(self.id)

    @property
    def command(self) -> str:
        return f"allylint learn {self.id}"


@dataclass(frozen=True)
class TermChoice:
    """A term whose alternatives or severity are its own rather than the rule's."""

    phrase: str
    alternatives: tuple[Alternative, ...]
    severity: str


def _every_alternative(rule: Rule) -> tuple[Alternative, ...]:
    found: dict[str, Alternative] = {}
    for alternative in (*rule.alternatives, *(a for t in rule.terms for a in t.alternatives)):
        found.setdefault(alternative.text, alternative)
    return tuple(found.values())


def alternative_item(alternative: Alternative) -> str:
    """One Markdown list item: the alternative, and when to prefer it."""
    when = f": {alternative.when}" if alternative.when else ""
    return f"- **{alternative.text}**{when}"


def _alternative_line(alternative: Alternative) -> str:
    when = f": {alternative.when}" if alternative.when else ""
    return f"- {alternative.text}{when}"


@dataclass(frozen=True)
class RuleDescription:
    """Everything an output says about one rule (as loaded or as configured)."""

    rule: Rule
    topics: tuple[TopicLink, ...]

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def why(self) -> str:
        return self.rule.message

    @property
    def terms(self) -> str:
        """The terms as ``allylint rules`` and the category lists show them."""
        return ", ".join(term.phrase for term in self.rule.terms)

    @property
    def matches(self) -> str:
        """What the rule looks for, with how the terms may vary."""
        terms = self.rule.terms
        notes = []
        if any(term.inflect != "none" for term in terms):
            notes.append("in any inflection")
        if any(len(term.words) > 1 for term in terms):
            notes.append("written apart, hyphenated or closed up")
        if any(term.case == "exact" for term in terms):
            notes.append("only in the case shown")
        return self.terms + (f" ({'; '.join(notes)})" if notes else "")

    @property
    def alternatives(self) -> tuple[Alternative, ...]:
        """The rule's own alternatives, best first (empty when every term has its own)."""
        return self.rule.alternatives

    @property
    def every_alternative(self) -> tuple[Alternative, ...]:
        """The rule's alternatives, then each term's own, without repeats."""
        return _every_alternative(self.rule)

    @property
    def term_choices(self) -> tuple[TermChoice, ...]:
        """The terms with alternatives of their own or a severity other than the rule's."""
        rule = self.rule
        return tuple(
            TermChoice(term.phrase, rule.alternatives_for(term), rule.severity_for(term))
            for term in rule.terms
            if term.alternatives or rule.severity_for(term) != rule.severity
        )

    @property
    def sources(self) -> tuple[Source, ...]:
        return tuple(Source.parse(source) for source in self.rule.sources)

    @property
    def status(self) -> str:
        """Severity, category and whether the rule is on, as a Markdown sentence."""
        rule = self.rule
        article = "An" if rule.severity[:1] in "aeiou" else "A"
        others = sorted({choice.severity for choice in self.term_choices} - {rule.severity})
        differ = f" Some terms are reported as {' or '.join(others)}." if others else ""
        off = " It is off by default: it reports only when selected." if not rule.enabled else ""
        return f"{article} **{rule.severity}** of the **{rule.category}** category.{differ}{off}"

    @property
    def reads_context(self) -> bool:
        return bool(self.rule.requires or self.rule.exceptions)

    @property
    def fix(self) -> str | None:
        """The safe replacement(s) in Markdown, or None when a person must choose."""
        rule = self.rule
        pairs = [(term.phrase, rule.fix_for(term)) for term in rule.terms]
        replacements = {fix for _, fix in pairs}
        if replacements == {None}:
            return None
        if len(replacements) == 1:
            return f"**{pairs[0][1]}**"
        summary = "; ".join(f"**{fix}** for {phrase}" for phrase, fix in pairs if fix)
        return summary + ("; none for the other terms" if None in replacements else "")

    @property
    def fix_is_conditional(self) -> bool:
        return bool(self.rule.fix_when)

    @property
    def fix_sentence(self) -> str:
        summary = self.fix
        if summary is None:
            return "None: the right word depends on what the sentence means, so a person chooses."
        adapts = "allylint adapts it to the original's inflection and capitals."
        if self.fix_is_conditional:
            return (
                f"{summary}, only where the context shows it is right; elsewhere a person "
                f"chooses. Where it applies, {adapts}"
            )
        return (
            f"{summary}. It fits every sentence this rule reports, so it is safe to apply; {adapts}"
        )

    @property
    def fix_brief(self) -> str:
        """The fix in a few plain words, for a table cell."""
        summary = self.fix
        if summary is None:
            return "none"
        conditional = " (in some contexts)" if self.fix_is_conditional else ""
        return summary.replace("**", "") + conditional

    @property
    def short_description(self) -> str:
        """One sentence: what to prefer to what (for a code without terms, such as those
        of findings about suppression directives: its message's first sentence)."""
        if not self.rule.terms:
            return self.why.split(". ")[0].rstrip(".") + "."
        if not self.alternatives:  # every term has its own: "Prefer "chair" to "chairman" ..."
            pairs = [
                f'"{choice.alternatives[0].text}" to "{choice.phrase}"'
                for choice in self.term_choices[:2]
            ]
            return f"Prefer {' and '.join(pairs)}."
        terms = quoted_list((term.phrase for term in self.rule.terms), limit=2)
        alternatives = quoted_list((a.text for a in self.alternatives), limit=2)
        return f"Prefer {alternatives} to {terms}."

    def alternative_items(self) -> list[str]:
        """What to write instead as a Markdown list: the rule's alternatives, best first,
        then each term that has its own."""
        items = [alternative_item(alternative) for alternative in self.alternatives]
        for choice in self.term_choices:
            if not choice.alternatives:
                continue
            severity = f" ({choice.severity})" if choice.severity != self.rule.severity else ""
            items.append(f"- For **{choice.phrase}**{severity}:")
            items += ["  " + alternative_item(a) for a in choice.alternatives]
        return items

    def alternative_lines(self) -> list[str]:
        """``alternative_items`` in plain text."""
        lines = [_alternative_line(alternative) for alternative in self.alternatives]
        for choice in self.term_choices:
            if choice.alternatives:
                lines.append(f"- For {choice.phrase}:")
                lines += ["  " + _alternative_line(a) for a in choice.alternatives]
        return lines

    @property
    def examples(self) -> list[str]:
        """Up to three flagged and three passing examples, as Markdown list items."""
        rule = self.rule
        return [f"- Flagged: {text}" for text in rule.examples_flag[:3]] + [
            f"- Not flagged: {text}" for text in rule.examples_pass[:3]
        ]

    def markdown(self) -> str:
        """``allylint explain RULE-ID``: the rule, why, what instead, sources, fix, topics."""
        context = (
            " It reads the context, so some uses are not reported (see the examples)."
            if self.reads_context
            else ""
        )
        lines = [
            f"# {self.id}",
            "",
            f"{self.status} Matches: {self.matches}.{context}",
            "",
            "## Why it matters",
            "",
            self.why,
            "",
            "## What to write instead",
            "",
            "Best first; pick the one that says what you mean.",
            "",
            *self.alternative_items(),
            "",
        ]
        if self.sources:
            lines += [
                "## Guidance this rule follows",
                "",
                *(f"- {source.markdown}" for source in self.sources),
                "",
            ]
        lines += ["## Safe fix", "", self.fix_sentence, ""]
        if self.examples:
            lines += ["## Examples", "", *self.examples, ""]
        lines += ["## Learn more", ""]
        for topic in self.topics:
            if topic.summary is None:
                lines.append(f"- `{topic.id}` (this topic is not installed)")
            else:
                lines.append(f"- **{topic.title}** (`{topic.command}`): {topic.summary}")
        return "\n".join(lines).rstrip() + "\n"

    def help_text(self) -> str:
        """The rule's help as plain text (SARIF ``help.text``)."""
        lines = [self.why]
        if self.every_alternative:
            lines += ["", "What to write instead (best first):", *self.alternative_lines()]
        if self.sources:
            sources = "; ".join(source.text for source in self.sources)
            lines += ["", f"Guidance this rule follows: {sources}."]
        lines += ["", f"Learn more: run `allylint explain {self.id}` or read"]
        lines += [f"- {topic.title}: {topic.url}" for topic in self._learn_topics]
        return "\n".join(lines)

    def help_markdown(self) -> str:
        """The rule's help as Markdown for a page away from a terminal (SARIF
        ``help.markdown``): topics are links."""
        lines = [self.why]
        if self.every_alternative:
            lines += ["", "**What to write instead** (best first):", ""]
            lines += self.alternative_items()
        if self.sources:
            sources = "; ".join(source.markdown for source in self.sources)
            lines += ["", f"**Guidance this rule follows:** {sources}."]
        lines += ["", f"**Learn more:** run `allylint explain {self.id}` or read", ""]
        lines += [f"- [{topic.title}]({topic.url})" for topic in self._learn_topics]
        return "\n".join(lines)

    @property
    def _learn_topics(self) -> tuple[TopicLink, ...]:
        """The rule's own ``learn`` topics (without the foundation added for a terminal)."""
        return tuple(topic for topic in self.topics if topic.id in self.rule.learn)


def describe(rule: Rule, topics: Mapping[str, Topic] | None = None) -> RuleDescription:
    """The description of ``rule``, with its topics as installed (``topics``)."""
    topics = topics or {}
    links = []
    for topic_id in topics_for_rule(rule.learn, dict(topics)):
        topic = topics.get(topic_id)
        if topic is None:
            links.append(TopicLink(topic_id, topic_id, None))
        else:
            links.append(TopicLink(topic.id, topic.title, topic.summary))
    return RuleDescription(rule, tuple(links))


# ---------------------------------------------------------------------------
# The wording of a finding

Style = Callable[[str, str], str]
"""How an output marks up a part of a finding: ``style(text, part)`` with ``part``
one of ``location``, ``severity`` and ``matched``."""


def _unstyled(text: str, part: str) -> str:
    return text


def learn_more(rule_id: str) -> str:
    return f"Learn more: allylint explain {rule_id}"


def headline(finding: Finding, style: Style = _unstyled) -> str:
    """The matched words, where they stand if not in prose, and what to write instead."""
    matched = style(f'"{escape(" ".join(finding.text.split()))}"', "matched")
    if finding.in_identifier:
        matched += " in an identifier"
    elif finding.in_path:
        matched += " in a file name or path"
    if not finding.alternatives:  # a finding about a suppression directive
        return matched
    return f"{matched}, consider {quoted_list(finding.alternatives)}"


def plain_message(finding: Finding) -> str:
    """One finding as a short paragraph: the words, the alternatives, why, and how to learn."""
    return f"{headline(finding)}. {escape(finding.message)} {learn_more(finding.rule_id)}"


def location(finding: Finding) -> str:
    return f"{escape(finding.path)}:{finding.line}:{finding.column}"


def text_entry(finding: Finding, style: Style = _unstyled) -> str:
    """The finding as the text format prints it: where, what instead, then why."""
    where = style(f"{location(finding)}:", "location")
    severity = style(finding.severity, "severity")
    return (
        f"{where} {finding.rule_id} {severity}: {headline(finding, style)}\n"
        f"    why: {escape(finding.message)} {learn_more(finding.rule_id)}\n"
    )


def finding_alternatives(finding: Finding, rule: Rule) -> tuple[Alternative, ...]:
    """The finding's alternatives (its term's, or the rule's) with their when-notes."""
    known = {alternative.text: alternative for alternative in _every_alternative(rule)}
    return tuple(known.get(text, Alternative(text)) for text in finding.alternatives)


def hover_markdown(finding: Finding, rule: Rule, topics: Mapping[str, Topic]) -> str:
    """Markdown for an editor's hover on a finding: the rule, why, what to write
    instead of these words, and what to read."""
    description = describe(rule, topics)
    learn = [
        f"[{topic.title}]({topic.url}) (`{topic.command}`)"
        for topic in description.topics
        if topic.summary is not None
    ]
    return "\n".join(
        [
            f"**allylint** `{rule.id}` ({finding.severity}, {finding.category})",
            "",
            finding.message,
            "",
            "**What to write instead**, best first:",
            "",
            *(alternative_item(a) for a in finding_alternatives(finding, rule)),
            "",
            "**Learn more:** " + "; ".join([*learn, f"`allylint explain {rule.id}`"]) + ".",
        ]
    )
