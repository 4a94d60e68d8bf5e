"""Word gates: the words a rule's requirements cannot hold without.

Many rules match a common word and require company for it: "face" only after a
judging adjective (``preceded_by: [big, ugly, ...]``), "slim" only where hiring
words stand in the paragraph (``paragraph_has``). Such a requirement holds only
where one of its words, in some inflection, is written near the candidate. A
file whose every candidate lacks the words its rule requires can have no finding,
so it is neither parsed nor run through spaCy.

A gate only says where a requirement *might* hold: the conditions still decide on
the parsed text. So gates change how much is read, never what is found. They are
derived from the requirements as the rule files wrote them, and are kept only
where that is sure:

- ``preceded_by``, ``followed_by``, ``near``, ``sentence_has`` and
  ``paragraph_has`` need every word of one of their phrases, each as written or as
  a form the lemma table reads as it (the lookup lemmatizer's forms, which is why
  gates are off when a trained pipeline, with lemmas of its own, is installed);
- ``matched`` and ``group`` are decided on the candidate's own text and term;
- ``any`` needs one of its conditions, a condition with several keys all of them;
- ``not`` is negated where its condition is decided on the candidate's text;
- anything else (part of speech, antecedents, capitals, quotation) makes no gate.

A word with other characters than letters ("alzheimer's", "22") needs its runs of
letters and digits only, as markup may write the rest otherwise; a phrase of
punctuation alone makes no gate.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from allylint.conditions.values import phrases
from allylint.engine.spelling import joined_key
from allylint.rules.model import ConditionSpec, Rule

# How far either side of a candidate, in the raw text, the words of a gate are looked
# for. A window holds at most 400 characters of prose either side (engine/core.py) and
# never crosses a paragraph break; markup (link targets, emphasis, tags) can take
# more room than the words, and an extractor may join blocks that a blank line parts
# in the file. So the words of a sentence or paragraph are looked for in the raw
# blocks around the candidate's, one more after it and two more before it (where a
# heading or a docstring's summary line sets the scene for a later paragraph), at
# most REACH characters away, and the words next to it within NEXT_TO characters.
REACH = 3000
NEXT_TO = 400
BLOCKS_BEFORE = 2  # blocks before the candidate's own that a passage reaches back
# The words right before or after a candidate (``preceded_by``, ``followed_by``) are
# looked for within ADJACENT characters where nothing but words, plain punctuation
# and white space stands there, and there the word next to the candidate must be
# one of theirs; anything else (a link, a tag, emphasis, a comment marker, a table
# bar) may hide more text between them, and then NEXT_TO applies.
ADJACENT = 80
_PLAIN_GAP = re.compile(r"(?:[^\W_]|[\s.,;:!?'\"-])*")
# Between a candidate and its neighbour: what the conditions skip (white space and
# joining hyphens), and the marks that every format keeps as a token of their own, so
# that where one stands next to the candidate, it is the neighbour ("ugly (in").
_SKIPPED = frozenset(" \t\r\n-")
_KEPT_MARKS = frozenset(",.;:!?()")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")

_PASSAGE_KEYS = ("sentence_has", "paragraph_has")
_PLAIN_WORD = re.compile(r"[a-z]+")
_RUN = re.compile(r"[a-z0-9]+")  # what markup cannot spell otherwise: letters, digits


@functools.cache
def _forms_by_lemma() -> dict[str, tuple[str, ...]]:
    from allylint.engine.nlp import lemma_table

    found: dict[str, list[str]] = {}
    for form, lemma in lemma_table().items():
        found.setdefault(lemma, []).append(form)
    return {lemma: tuple(forms) for lemma, forms in found.items()}


def _surface_forms(word: str) -> tuple[str, ...]:
    """Every written form that reads as the plain ``word`` (itself, or a form whose
    lemma it is), the shortest of those that contain others."""
    forms = {word, *_forms_by_lemma().get(word, ())}
    # A form that contains another is found wherever that one is: the shorter suffices.
    shortest: list[str] = []
    for form in sorted(forms, key=len):
        if not any(short in form for short in shortest):
            shortest.append(form)
    return tuple(shortest)


def _word_needs(word: str) -> list[tuple[str, ...]]:
    """What must be written for a token to read as ``word``: a plain word in one of
    its forms; a word with other characters ("alzheimer's", "e-mail", "4") each run of
    its letters or digits as it is, since markup may spell the rest otherwise (an
    entity for the apostrophe); punctuation nothing."""
    if _PLAIN_WORD.fullmatch(word):
        return [_surface_forms(word)]
    return [(run,) for run in _RUN.findall(word)]


def _phrase_needs(key: str, value: Any) -> tuple[tuple[tuple[str, ...], ...], ...] | None:
    """For each phrase, what must be written for it (one of the forms of each need);
    None when some phrase needs nothing that can be looked for."""
    found = []
    for phrase in phrases(key, value):
        needs = [need for word in phrase for need in _word_needs(word)]
        if not needs:
            return None
        found.append(tuple(needs))
    return tuple(found)


class RawText:
    """A file's text as the prefilter read it (its format's raw view, folded), with
    where its blank lines are, found on first use."""

    def __init__(self, folded: str) -> None:
        self.folded = folded
        self._break_starts: list[int] | None = None
        self._break_ends: list[int] = []

    def passage(self, start: int, end: int) -> tuple[int, int]:
        """The raw blocks around [start, end), two more before and one more after,
        cut to REACH."""
        if self._break_starts is None:
            breaks = [m.span() for m in _BLANK_LINE.finditer(self.folded)]
            self._break_starts = [break_start for break_start, _ in breaks]
            self._break_ends = [break_end for _, break_end in breaks]
        starts, ends = self._break_starts, self._break_ends
        before = bisect_right(ends, start) - 1 - BLOCKS_BEFORE  # the break before them
        low = ends[before] if before >= 0 else 0
        after = bisect_left(starts, end) + 1  # past the next block
        high = starts[after] if after < len(starts) else len(self.folded)
        return max(low, start - REACH), min(high, end + REACH)

    def before(self, start: int) -> tuple[tuple[int, int], int | None]:
        """Where the words right before ``start`` stand, and, where the text next to
        it is plain, where the nearest word ends (white space and hyphens aside)."""
        low = max(0, start - ADJACENT)
        nearest = start
        while nearest > low and self.folded[nearest - 1] in _SKIPPED:
            nearest -= 1
        plain = _PLAIN_GAP.fullmatch(self.folded, low, start) is not None
        reach = (low, start) if plain else (max(0, start - NEXT_TO), start)
        known = plain or (nearest > 0 and self.folded[nearest - 1] in _KEPT_MARKS)
        return reach, nearest if known else None

    def after(self, end: int) -> tuple[tuple[int, int], int | None]:
        """Where the words right after ``end`` stand, and, where the text next to it is
        plain, where the nearest word starts (white space and hyphens aside)."""
        high = min(len(self.folded), end + ADJACENT)
        nearest = end
        while nearest < high and self.folded[nearest] in _SKIPPED:
            nearest += 1
        plain = _PLAIN_GAP.fullmatch(self.folded, end, high) is not None
        reach = (end, high) if plain else (end, end + NEXT_TO)
        known = plain or (nearest < len(self.folded) and self.folded[nearest] in _KEPT_MARKS)
        return reach, nearest if known else None


class Matched(NamedTuple):
    """What a candidate matched: its text as a joined key and its term's group ("" for
    none)."""

    key: str
    group: str = ""


# A gate: (what the candidate matched, the file's text, where the candidate starts and
# ends) -> might the requirement hold?
Gate = Callable[[Matched, RawText, int, int], bool]


@dataclass(frozen=True)
class _Gate:
    """A gate, and whether it is ``exact``: decided on the candidate's own text, so
    that it holds exactly when the condition does and can be negated."""

    passes: Gate
    exact: bool


def _words_gate(key: str, value: Any) -> _Gate | None:
    """Every word of one of the phrases, each in some form, within reach."""
    found = _phrase_needs(key, value)
    if found is None:
        return None

    def passes(matched: Matched, text: RawText, start: int, end: int) -> bool:
        if key in _PASSAGE_KEYS:
            low, high = text.passage(start, end)
        else:
            low, high = max(0, start - NEXT_TO), end + NEXT_TO
        return any(_all_within(words, text.folded, low, high) for words in found)

    return _Gate(passes, exact=False)


def _all_within(needs: tuple[tuple[str, ...], ...], folded: str, low: int, high: int) -> bool:
    return all(any(folded.find(form, low, high) != -1 for form in forms) for forms in needs)


def _next_word_gate(key: str, value: Any) -> _Gate | None:
    """``preceded_by`` and ``followed_by``: where plain text stands next to the
    candidate, the word next to it is one of the phrases' nearest words, as written
    or in a form whose lemma it is; every phrase's words stand within reach."""
    found = _phrase_needs(key, value)
    if found is None:
        return None
    after = key == "followed_by"
    # Each phrase's word next to the candidate, in every form.
    nearest = [_all_forms(phrase[0] if after else phrase[-1]) for phrase in phrases(key, value)]

    def passes(matched: Matched, text: RawText, start: int, end: int) -> bool:
        (low, high), edge = text.after(end) if after else text.before(start)
        folded = text.folded
        for words, forms in zip(found, nearest, strict=True):
            if edge is not None:
                if after and not any(folded.startswith(form, edge) for form in forms):
                    continue
                if not after and not any(folded.endswith(form, 0, edge) for form in forms):
                    continue
            if _all_within(words, folded, low, high):
                return True
        return False

    return _Gate(passes, exact=False)


def _all_forms(word: str) -> tuple[str, ...]:
    """A word's written forms next to a candidate in plain text: a plain word as itself
    or any form whose lemma it is, any other ("'s", "e-mail") as written."""
    if not _PLAIN_WORD.fullmatch(word):
        return (word,)
    return (word, *_forms_by_lemma().get(word, ()))


def _matched_gate(key: str, value: Any) -> _Gate:
    keys = frozenset(joined_key(" ".join(phrase)) for phrase in phrases(key, value))
    return _Gate(lambda matched, text, start, end: matched.key in keys, exact=True)


def _group_gate(value: Any) -> _Gate:
    names = frozenset(value)  # a list of names: checked when the rule was compiled
    return _Gate(lambda matched, text, start, end: matched.group in names, exact=True)


def _any_gate(value: Any) -> _Gate | None:
    """One of the conditions must hold: each needs a gate, or any might."""
    if not isinstance(value, list) or not value:
        return None
    gates = [condition_gate(spec) for spec in value]
    known = [gate for gate in gates if gate is not None]
    if len(known) < len(gates):
        return None
    return _Gate(
        lambda matched, text, start, end: any(
            gate.passes(matched, text, start, end) for gate in known
        ),
        exact=all(gate.exact for gate in known),
    )


def _not_gate(value: Any) -> _Gate | None:
    """Only an exact gate can be negated: a necessary one may pass where its condition
    fails."""
    gate = condition_gate(value)
    if gate is None or not gate.exact:
        return None
    inner = gate.passes
    return _Gate(lambda matched, text, start, end: not inner(matched, text, start, end), True)


def condition_gate(spec: ConditionSpec) -> _Gate | None:
    """The gate of one condition: every key of it must hold. It is exact when every
    key's gate is; keys with no gate leave it necessary only."""
    if not isinstance(spec, Mapping) or not spec:
        return None
    gates: list[_Gate] = []
    ungated = False
    for key, value in spec.items():
        gate: _Gate | None = None
        if key in _PASSAGE_KEYS:
            gate = _words_gate(key, value)
        elif key in ("preceded_by", "followed_by"):
            gate = _next_word_gate(key, value)
        elif key == "near" and isinstance(value, Mapping) and "words" in value:
            gate = _words_gate(key, value["words"])
        elif key == "matched":
            gate = _matched_gate(key, value)
        elif key == "group":
            gate = _group_gate(value)
        elif key == "any":
            gate = _any_gate(value)
        elif key == "not":
            gate = _not_gate(value)
        if gate is None:
            ungated = True
        else:
            gates.append(gate)
    return _all_of(gates, exact=not ungated)


def _all_of(gates: Sequence[_Gate], exact: bool = False) -> _Gate | None:
    if not gates:
        return None
    exact = exact and all(gate.exact for gate in gates)
    if len(gates) == 1:
        return _Gate(gates[0].passes, exact)
    return _Gate(
        lambda matched, text, start, end: all(
            gate.passes(matched, text, start, end) for gate in gates
        ),
        exact,
    )


def rule_gate(rule: Rule) -> Gate | None:
    """The gate of a rule: all its requirements must hold (exceptions only take
    findings away, so they make no gate)."""
    gates = [gate for spec in rule.requires if (gate := condition_gate(spec)) is not None]
    found = _all_of(gates)
    return found.passes if found is not None else None
