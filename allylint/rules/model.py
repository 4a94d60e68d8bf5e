"""Rules as data: what a rule file says, in frozen dataclasses of plain values.

A rule keeps its conditions (``exceptions``, ``requires``, ``fix_when``) as the
mappings its file wrote; the loader (``rules/loader.py``) checks that they
compile, and the engine compiles them for its own use. So a rule set can be
compared, pickled for worker processes and digested for the result cache like
any other value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SEVERITIES = ("error", "warning", "info")

# A condition as its rule file wrote it: {"preceded_by": ["a"], "pos": "VERB"}.
ConditionSpec = Mapping[str, Any]


@dataclass(frozen=True)
class Term:
    """One thing a rule matches: a word or phrase and how it may vary.

    A term of a rule with many words may say what to write instead of it (``use``,
    read into ``alternatives``) and how severe it is; empty or None, the rule's own
    apply. ``group`` names a set of the rule's terms that its conditions can single
    out (``group: [stated-outright]``), so that no condition lists terms again.
    """

    phrase: str
    inflect: str = "last"
    case: str = "any"
    fix: str | None = None
    alternatives: tuple[Alternative, ...] = ()
    severity: str | None = None
    group: str | None = None

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.phrase.lower().split())


@dataclass(frozen=True)
class Alternative:
    text: str
    when: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: str
    terms: tuple[Term, ...]
    alternatives: tuple[Alternative, ...]
    message: str
    learn: tuple[str, ...]
    sources: tuple[str, ...] = ()
    fix: str | None = None
    # Conditions are mappings, which cannot be hashed; a rule's hash leaves them out
    # (rules that differ only there are still unequal).
    fix_when: tuple[ConditionSpec, ...] = field(default=(), hash=False)
    exceptions: tuple[ConditionSpec, ...] = field(default=(), hash=False)
    requires: tuple[ConditionSpec, ...] = field(default=(), hash=False)
    enabled: bool = True
    in_paths: bool = False
    # Everyday words, loaded only where the conditions hold: where they are not, they
    # are no terms of a list of loaded terms (engine/core.py).
    ordinary_words: bool = False
    examples_flag: tuple[str, ...] = ()
    examples_pass: tuple[str, ...] = ()
    path: Path = field(default=Path("<memory>"), compare=False)
    line: int = field(default=0, compare=False)

    @property
    def topic(self) -> str:
        """The rule's main explanatory topic (its category topic); "" for the codes of
        findings about suppression directives, which link to no topic."""
        return self.learn[0] if self.learn else ""

    def fix_for(self, term: Term) -> str | None:
        """The safe replacement for a match of ``term``, if the rule has one."""
        return term.fix or self.fix

    def alternatives_for(self, term: Term) -> tuple[Alternative, ...]:
        """What to write instead of a match of ``term``: its own ``use``, or the rule's."""
        return term.alternatives or self.alternatives

    def severity_for(self, term: Term) -> str:
        """How severe a match of ``term`` is: its own severity, or the rule's."""
        return term.severity or self.severity


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    # The severities a check reports (its profile's): a match of another severity, as
    # configured, is no finding. It is settled after matching, so that which of two
    # overlapping terms a text matches does not depend on the profile.
    reported: tuple[str, ...] = SEVERITIES

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(rule.category for rule in self.rules))

    @property
    def names(self) -> frozenset[str]:
        """Every rule id and category: what a selection or a suppression may name."""
        return frozenset(rule.id for rule in self.rules) | frozenset(self.categories)

    @property
    def active(self) -> tuple[Rule, ...]:
        """The rules that are on (by default, or as configured)."""
        return tuple(rule for rule in self.rules if rule.enabled)
