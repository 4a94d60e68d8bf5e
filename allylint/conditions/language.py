"""Context conditions that rule files attach to a match.

A rule's ``exceptions`` (any one holding suppresses a match) and ``requires``
(all must hold for a finding) are lists of conditions. A condition is a YAML
mapping of one or more of the keys below; all keys of one condition must hold.
Each key is a small predicate over the matched tokens in their spaCy ``Doc``
(``_PREDICATES`` below maps each key to the function that builds it). What each
key means is written once, for rule authors, in docs/rules.md ("Conditions"), and
in the JSON Schema for rule files (allylint/schemas/rules.json) that editors show.

Wherever a key takes a list of words, the list may name a lexicon
(``{lexicon: NAME}``, see ``allylint.conditions.lexicons``) or include one.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from allylint.conditions import lexicons
from allylint.conditions.antecedents import antecedent_condition
from allylint.conditions.context import (
    MatchContext,
    alone,
    first_word_index,
    is_word,
    last_word_index,
    sentence_of,
    text_forms,
    token_forms,
    token_is,
    word_forms,
    words_after,
    words_before,
)
from allylint.conditions.marks import QUOTES, italic_title
from allylint.conditions.mentions import MentionCues
from allylint.conditions.names import (
    NameCues,
    acronym_in_sentence,
    capitalized_elsewhere,
    capitalized_word,
    is_acronym,
    is_title_case,
    is_version,
    looks_like_name,
    quoted_title,
)
from allylint.conditions.values import ConditionError, boolean, check_keys, phrases, whole_number
from allylint.engine.spelling import joined_key
from allylint.printable import bounded_repr

if TYPE_CHECKING:  # spaCy is imported only once some text needs it
    from spacy.tokens import Doc, Span, Token

__all__ = ["CONDITION_KEYS", "Condition", "ConditionError", "MatchContext", "compile_condition"]

_QUOTES_OPEN = {"\u201c": "\u201d"}
_ARTICLES = frozenset({"the", "a", "an"})


def _sequence_is(tokens: Sequence[Token], words: Sequence[str]) -> bool:
    return len(tokens) == len(words) and all(
        token_is(token, word) for token, word in zip(tokens, words, strict=True)
    )


@dataclass(frozen=True)
class _Phrases:
    """A list of words or phrases, each held as its folded words."""

    phrases: tuple[tuple[str, ...], ...]
    longest: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "longest", max(len(p) for p in self.phrases))

    # The phrases by their first and by their last word: a token's two forms pick the
    # few phrases it can begin or end, so that a lexicon of hundreds of words costs
    # two lookups, and a sentence is scanned once, not once per phrase. Built on first
    # use: the rule loader compiles every condition only to validate it.
    @functools.cached_property
    def by_first_word(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        return _by_word(self.phrases, 0)

    @functools.cached_property
    def by_last_word(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        return _by_word(self.phrases, -1)

    def ends(self, tokens: Sequence[Token]) -> bool:
        if not tokens:
            return False
        return any(
            _sequence_is(tokens[len(tokens) - len(p) :], p)
            for p in _indexed(self.by_last_word, tokens[-1])
        )

    def starts(self, tokens: Sequence[Token]) -> bool:
        if not tokens:
            return False
        return any(
            _sequence_is(tokens[: len(p)], p) for p in _indexed(self.by_first_word, tokens[0])
        )

    def occurs_in(self, tokens: Sequence[Token]) -> bool:
        return self.occurs_in_forms([token_forms(t) for t in tokens if is_word(t)])

    def occurs_outside(self, doc: Doc, start: int, end: int, span: Span) -> bool:
        """One of the phrases in the words of doc[start:end] but the span's: what is
        left on either side is read as one run, as if the span were not there."""
        indices, forms = word_forms(doc)
        cuts = [bisect_left(indices, i) for i in (start, span.start, span.end, end)]
        return self.occurs_in_forms(forms[cuts[0] : cuts[1]] + forms[cuts[2] : cuts[3]])

    def occurs_in_forms(self, forms: Sequence[tuple[str, str]]) -> bool:
        for index, (text, lemma) in enumerate(forms):
            found = self.by_first_word.get(text, ())
            if lemma != text:
                found += self.by_first_word.get(lemma, ())
            for phrase in found:
                if index + len(phrase) <= len(forms) and all(
                    word in forms[index + offset] for offset, word in enumerate(phrase) if offset
                ):
                    return True
        return False


def _by_word(
    phrases: Sequence[tuple[str, ...]], position: int
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The phrases by their word at ``position`` (0: the first, -1: the last)."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        found.setdefault(phrase[position], []).append(phrase)
    return {word: tuple(listed) for word, listed in found.items()}


def _indexed(
    index: dict[str, tuple[tuple[str, ...], ...]], token: Token
) -> tuple[tuple[str, ...], ...]:
    """The phrases of ``index`` filed under the token's text or its lemma."""
    text, lemma = token_forms(token)
    found = index.get(text, ())
    return found + index.get(lemma, ()) if lemma != text else found


def _phrases(key: str, value: Any) -> _Phrases:
    return _Phrases(phrases(key, value))


# --- predicates -----------------------------------------------------------------

Predicate = Callable[[MatchContext], bool]


def _preceded_by(key: str, value: Any) -> Predicate:
    words = _phrases(key, value)
    return lambda ctx: words.ends(words_before(ctx.span, words.longest))


def _followed_by(key: str, value: Any) -> Predicate:
    words = _phrases(key, value)
    return lambda ctx: words.starts(words_after(ctx.span, words.longest))


def _near(key: str, value: Any) -> Predicate:
    if not isinstance(value, dict):
        raise ConditionError(key, "'near' takes a mapping with 'words' and 'within'")
    check_keys(key, value, {"words", "within"}, {"words", "within"})
    words = _phrases(key, value["words"])
    within = whole_number("near.within", value["within"], 1, "a positive whole number of words")

    def holds(ctx: MatchContext) -> bool:
        reach = within + words.longest - 1
        return words.occurs_in(words_before(ctx.span, reach)) or words.occurs_in(
            words_after(ctx.span, reach)
        )

    return holds


def _matched(key: str, value: Any) -> Predicate:
    forms = frozenset(joined_key(" ".join(p)) for p in _phrases(key, value).phrases)
    return lambda ctx: joined_key(ctx.span.text) in forms


def _group(key: str, value: Any) -> Predicate:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConditionError(key, "expected a list of group names")
    names = frozenset(value)
    return lambda ctx: ctx.term_group in names


def _sentence_has(key: str, value: Any) -> Predicate:
    words = _phrases(key, value)

    def holds(ctx: MatchContext) -> bool:
        return words.occurs_outside(ctx.doc, ctx.sent.start, ctx.sent.end, ctx.span)

    return holds


def _paragraph_has(key: str, value: Any) -> Predicate:
    """Words anywhere in the match's paragraph (its window, a few hundred characters
    either side) or in the heading right above it: where an earlier sentence sets the
    scene ("The archive holds census records from 1850. The slave schedules ..."), or
    a commit message's subject ("Update careers page copy") its body."""
    words = _phrases(key, value)

    def holds(ctx: MatchContext) -> bool:
        if words.occurs_outside(ctx.doc, 0, len(ctx.doc), ctx.span):
            return True
        return bool(ctx.heading) and words.occurs_in_forms(text_forms(ctx.heading))

    return holds


def _sentence_start(key: str, value: Any) -> Predicate:
    expected = boolean(key, value)
    return lambda ctx: (first_word_index(ctx.sent) == ctx.span.start) == expected


def _sentence_end(key: str, value: Any) -> Predicate:
    expected = boolean(key, value)
    return lambda ctx: (last_word_index(ctx.sent) == ctx.span.end - 1) == expected


def _capitalized(key: str, value: Any) -> Predicate:
    expected = boolean(key, value)
    return lambda ctx: ctx.span.text[:1].isupper() == expected


def _in_capitals(key: str, value: Any) -> Predicate:
    expected = boolean(key, value)
    return lambda ctx: acronym_in_sentence(ctx.span, ctx.sent) == expected


def _title_case(key: str, value: Any) -> Predicate:
    expected = boolean(key, value)
    return lambda ctx: is_title_case(ctx.sent) == expected


def _proper_noun(key: str, value: Any) -> Predicate:
    expected = boolean(key, value)

    def holds(ctx: MatchContext) -> bool:
        span = ctx.span
        if ctx.tagged:
            return any(looks_like_name(t, True) for t in span) == expected
        first = span[0]
        # A term that opens with an article is named by the word after it: "the Aged
        # Care Quality and Safety Commission", "the Homeless Fund".
        if first.lower_ in _ARTICLES and len(span) > 1 and first.i != first_word_index(ctx.sent):
            first = span[1]
        if capitalized_word(first) and italic_title(ctx):
            return expected  # the title of a work, set in italics: *Going Postal*
        if not capitalized_word(first) or is_title_case(ctx.sent):
            return not expected
        if is_acronym(first.text):
            return not expected  # SHOUTING or a constant (BLACKLIST), not a title
        # After a colon a capital may be the start of a clause ("Title: Chairman"), and
        # after an opening quotation mark the start of the words quoted ("the 'Repairman
        # wanted' ad").
        before = ctx.doc[span.start - 1] if span.start > ctx.sent.start else None
        # An opening mark touches the word it opens ("the users' Chairman" closes one).
        quoted = before is not None and before.text in QUOTES and not before.whitespace_
        opens_clause = quoted or (before is not None and before.text == ":")
        if span.start != first_word_index(ctx.sent) and not opens_clause:
            return (not lexicons.cues(NameCues).named_now(span)) == expected
        if quoted and quoted_title(span):
            return expected  # a quoted title: "Crazy", "Little Old Lady from Pasadena"
        # Sentence-initial: a name when a capitalized word or a version number continues
        # it ("Blacklist Records", "Waitress 3.0"), or when the paragraph writes the same
        # word capitalized inside a sentence ("... into Sanity. Sanity stores ...").
        # An acronym after one word is no such word: "Ghetto JSON parser" names nothing
        # ("Black Hat USA" does).
        after = words_after(span, 1)
        continued = bool(after) and (
            (capitalized_word(after[0]) and (len(span) > 1 or not is_acronym(after[0].text)))
            or is_version(after[0].text)
        )
        return (continued or capitalized_elsewhere(first)) == expected

    return holds


def _in_quotes(key: str, value: Any) -> Predicate:
    expected = boolean(key, value)

    def holds(ctx: MatchContext) -> bool:
        before = ctx.text[ctx.sent.start_char : ctx.span.start_char]
        inside = before.count('"') % 2 == 1
        for opening, closing in _QUOTES_OPEN.items():
            if before.rfind(opening) > before.rfind(closing):
                inside = True
        return inside == expected

    return holds


@dataclass(frozen=True)
class _VerbCues:
    """The words around a verb, from the lexicons: what comes before one ("to", a
    modal, a subject pronoun) and the determiners after an imperative."""

    before: frozenset[str] = lexicons.from_lexicons("modal-auxiliaries", "before-verbs")
    determiners: frozenset[str] = lexicons.from_lexicons("determiners")

    def guess_is_verb(self, token: Token) -> bool:
        """Tell a verb from its neighbours when no tagger ran."""
        before = words_before(alone(token), 1)
        if before and token_forms(before[0])[0] in self.before:
            return True
        if token.i == first_word_index(sentence_of(token)):
            after = words_after(alone(token), 1)
            return bool(after and token_forms(after[0])[0] in self.determiners)
        return False


def _pos(key: str, value: Any) -> Predicate:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConditionError(key, "'pos' takes a list of universal POS tags such as [VERB]")
    tags = frozenset(v.upper() for v in value)
    verbs = lexicons.cues(_VerbCues)

    def holds(ctx: MatchContext) -> bool:
        token = ctx.span[-1]
        if ctx.tagged:
            return token.pos_ in tags
        return "VERB" in tags and verbs.guess_is_verb(token)

    return holds


def _mention(key: str, value: Any) -> Predicate:
    expected = boolean(key, value)
    cues = lexicons.cues(MentionCues)
    return lambda ctx: cues.is_mention(ctx) == expected


_NAME_PARTS = re.compile(r"[-_]+")


def _in_compound(key: str, value: Any) -> Predicate:
    expected = boolean(key, value)

    def holds(ctx: MatchContext) -> bool:
        text = ctx.text
        term_start, term_end = ctx.term_bounds
        start, end = term_start, term_end
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_"):
            start -= 1
        while end < len(text) and (text[end].isalnum() or text[end] in "-_"):
            end += 1
        term_words = len(_NAME_PARTS.split(text[term_start:term_end].replace(" ", "-")))
        parts = [part for part in _NAME_PARTS.split(text[start:end].replace(" ", "-")) if part]
        # Two or more parts besides the term: a name (capz-windows-master), where one
        # is an ordinary compound (multi-master, rule-sanity-checking).
        return (len(parts) - term_words >= 2) == expected

    return holds


def _not(key: str, value: Any) -> Predicate:
    try:
        condition = compile_condition(value)
    except ConditionError as error:
        raise ConditionError(key, f"in 'not': {error}") from error
    return lambda ctx: not condition.holds(ctx)


def _any(key: str, value: Any) -> Predicate:
    if not isinstance(value, list) or not value:
        raise ConditionError(key, "'any' takes a non-empty list of conditions")
    conditions = []
    for entry in value:
        try:
            conditions.append(compile_condition(entry))
        except ConditionError as error:
            raise ConditionError(key, f"in 'any': {error}") from error
    return lambda ctx: any(condition.holds(ctx) for condition in conditions)


_PREDICATES: dict[str, Callable[[str, Any], Predicate]] = {
    "preceded_by": _preceded_by,
    "followed_by": _followed_by,
    "near": _near,
    "sentence_has": _sentence_has,
    "paragraph_has": _paragraph_has,
    "sentence_start": _sentence_start,
    "sentence_end": _sentence_end,
    "capitalized": _capitalized,
    "in_capitals": _in_capitals,
    "title_case": _title_case,
    "proper_noun": _proper_noun,
    "in_quotes": _in_quotes,
    "mention": _mention,
    "in_compound": _in_compound,
    "pos": _pos,
    "antecedent": antecedent_condition,
    "matched": _matched,
    "group": _group,
    "any": _any,
    "not": _not,
}

CONDITION_KEYS = tuple(_PREDICATES)


# Conditions that read beyond the sentence (a document's mentions of a word, a
# pronoun's antecedent) cost many times what the others do: a rule asks them last.
_COSTLY_KEYS = frozenset({"mention", "antecedent"})


def _is_costly(mapping: Mapping[str, Any]) -> bool:
    for key, value in mapping.items():
        if key in _COSTLY_KEYS:
            return True
        nested = value if key == "any" else [value] if key == "not" else []
        if any(isinstance(entry, dict) and _is_costly(entry) for entry in nested):
            return True
    return False


@dataclass(frozen=True)
class Condition:
    """One condition: every one of its predicates must hold."""

    source: Mapping[str, Any]
    predicates: tuple[Predicate, ...]

    def holds(self, ctx: MatchContext) -> bool:
        return all(predicate(ctx) for predicate in self.predicates)

    @property
    def costly(self) -> bool:
        return _is_costly(self.source)


def compile_condition(mapping: Any) -> Condition:
    """The condition a rule file's mapping describes; a ConditionError names the
    offending key, a LexiconError a broken lexicon file."""
    if not isinstance(mapping, dict) or not mapping:
        raise ConditionError(
            "condition", f"a condition is a mapping of one or more of {list(CONDITION_KEYS)}"
        )
    predicates = []
    for key, value in mapping.items():
        if key not in _PREDICATES:
            raise ConditionError(
                str(key),
                f"unknown condition {bounded_repr(key)}; expected one of {list(CONDITION_KEYS)}",
            )
        predicates.append(_PREDICATES[key](key, value))
    return Condition(source=dict(mapping), predicates=tuple(predicates))
