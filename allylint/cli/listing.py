"""``allylint rules``: one line per rule, with what the configuration makes of it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from allylint.report.describe import describe
from allylint.rules.model import SEVERITIES, Rule


def rule_lines(rules: Sequence[Rule], reported: Sequence[str], profile: str) -> Iterator[str]:
    """Id, category, severity and what each rule matches, in aligned columns, and
    whether it is off or the profile leaves its findings, or some of them, out."""
    id_width = max((len(rule.id) for rule in rules), default=2)
    category_width = max((len(rule.category) for rule in rules), default=8)
    for rule in rules:
        yield (
            f"{rule.id:<{id_width}}  {rule.category:<{category_width}}  {rule.severity:<7}  "
            f"{describe(rule).terms}{_state(rule, reported, profile)}"
        )


def _state(rule: Rule, reported: Sequence[str], profile: str) -> str:
    if not rule.enabled:
        return " (off)"
    left_out = sorted(
        {rule.severity_for(term) for term in rule.terms} - set(reported), key=SEVERITIES.index
    )
    if not left_out:
        return ""
    if all(rule.severity_for(term) in left_out for term in rule.terms):
        return f" (not reported: profile {profile})"
    return f" ({' and '.join(left_out)} terms not reported: profile {profile})"
