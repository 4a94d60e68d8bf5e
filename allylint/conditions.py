"""Context conditions that rule files attach to a match.

A rule's ``exceptions`` (any one holding suppresses a match) and ``requires``
(all must hold for a finding) are lists of conditions. A condition is a YAML
mapping of one or more of the keys below; all keys of one condition must hold.
Each key is a small predicate over the matched tokens in their spaCy ``Doc``:

``preceded_by`` / ``followed_by`` (list of words or phrases)
    The words right before / after the match. A word matches a token's
    lowercase text or its lemma; a hyphen joining the words is skipped, so
    ``preceded_by: [double]`` covers "double-blind".
``near`` (``{words: [...], within: N}``)
    One of the words or phrases within N words either side, in the sentence.
``sentence_has`` (list of words or phrases)
    One of them anywhere in the match's sentence.
``sentence_start`` (bool)
    The match is (or is not) the first word of its sentence.
``capitalized`` (bool)
    The match starts with a capital letter.
``proper_noun`` (bool)
    The match is part of a name or title: tagged PROPN or inside a named
    entity where a trained pipeline runs, otherwise capitalized in mid-sentence
    or next to another capitalized word, in a sentence that is not Title Case.
``in_quotes`` (bool)
    The match stands inside double quotation marks.
``pos`` (list of universal POS tags)
    The part of speech of the match's last token. With a trained pipeline its
    tagger decides; without one a verb is recognised by its surroundings (after
    "to", a modal or a subject pronoun, or an imperative at sentence start
    followed by a determiner) and other tags never hold.
``antecedent`` (``{nouns, determiners, pronouns, blockers, sentences}``)
    For pronoun rules: looking back from the match through the same and the
    previous sentence(s), the nearest candidate referent is a generic one (a
    determiner such as "each" or "a" followed within three words by one of
    ``nouns`` in the singular, or one of ``pronouns`` such as "someone"),
    with no name, capitalized proper noun or gendered word (``blockers``)
    standing closer to the match.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is imported only once some text needs it
    from spacy.tokens import Doc, Span, Token

_MODALS = frozenset(
    [
        "to",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "please",
        "let",
        "lets",
        "i",
        "we",
        "you",
        "they",
        "not",
        "never",
        "always",
        "also",
    ]
)
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "your",
        "our",
        "my",
        "their",
        "its",
        "each",
        "every",
    ]
)
_QUOTES_OPEN = {"\u201c": "\u201d"}
_JOINERS = frozenset({"-", "\u2010", "\u2011", "/"})


class ConditionError(ValueError):
    """A condition in a rule file is malformed; ``key`` names the offending key."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class MatchContext:
    """What a condition can look at: the matched tokens and their document."""

    doc: Doc
    span: Span
    tagged: bool

    @property
    def sent(self) -> Span:
        return self.span.sent


def _normalize_word(word: str) -> str:
    return word.lower().replace("\u2019", "'")


def token_forms(token: Token) -> tuple[str, str]:
    """The lowercase text and lowercase lemma of a token."""
    return _normalize_word(token.text), _normalize_word(token.lemma_)


def _is_word(token: Token) -> bool:
    return not (token.is_space or token.text in _JOINERS)


def _words_before(span: Span, limit: int) -> list[Token]:
    """Up to ``limit`` tokens before ``span`` in its sentence, nearest last, skipping joiners."""
    sent_start = span.sent.start
    found: list[Token] = []
    index = span.start - 1
    while index >= sent_start and len(found) < limit:
        token = span.doc[index]
        if _is_word(token):
            found.append(token)
        index -= 1
    found.reverse()
    return found


def _words_after(span: Span, limit: int) -> list[Token]:
    sent_end = span.sent.end
    found: list[Token] = []
    index = span.end
    while index < sent_end and len(found) < limit:
        token = span.doc[index]
        if _is_word(token):
            found.append(token)
        index += 1
    return found


def _token_is(token: Token, word: str) -> bool:
    return word in token_forms(token)


def _sequence_is(tokens: Sequence[Token], words: Sequence[str]) -> bool:
    return len(tokens) == len(words) and all(
        _token_is(token, word) for token, word in zip(tokens, words, strict=True)
    )


@dataclass(frozen=True)
class _Phrases:
    """A list of words or phrases, each held as its lowercase words."""

    phrases: tuple[tuple[str, ...], ...]
    longest: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "longest", max(len(p) for p in self.phrases))

    def ends(self, tokens: Sequence[Token]) -> bool:
        return any(_sequence_is(tokens[len(tokens) - len(p) :], p) for p in self.phrases)

    def starts(self, tokens: Sequence[Token]) -> bool:
        return any(_sequence_is(tokens[: len(p)], p) for p in self.phrases)

    def occurs_in(self, tokens: Sequence[Token]) -> bool:
        words = [t for t in tokens if _is_word(t)]
        return any(self.starts(words[i:]) for i in range(len(words)))


def _phrases(key: str, value: Any) -> _Phrases:
    if isinstance(value, str):
        value = [value]
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        raise ConditionError(key, f"'{key}' takes a non-empty list of words or phrases")
    return _Phrases(tuple(tuple(_normalize_word(v).split()) for v in value))


def _boolean(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConditionError(key, f"'{key}' takes true or false, not {value!r}")
    return value


def _check_keys(key: str, value: Mapping[str, Any], allowed: set[str], required: set[str]) -> None:
    unknown = set(value) - allowed
    if unknown:
        raise ConditionError(
            key, f"'{key}' has unknown key(s) {sorted(unknown)}; expected {sorted(allowed)}"
        )
    missing = required - set(value)
    if missing:
        raise ConditionError(key, f"'{key}' needs {sorted(missing)}")


# --- predicates -----------------------------------------------------------------

Predicate = Callable[[MatchContext], bool]


def _preceded_by(key: str, value: Any) -> Predicate:
    phrases = _phrases(key, value)
    return lambda ctx: phrases.ends(_words_before(ctx.span, phrases.longest))


def _followed_by(key: str, value: Any) -> Predicate:
    phrases = _phrases(key, value)
    return lambda ctx: phrases.starts(_words_after(ctx.span, phrases.longest))


def _near(key: str, value: Any) -> Predicate:
    if not isinstance(value, dict):
        raise ConditionError(key, "'near' takes a mapping with 'words' and 'within'")
    _check_keys(key, value, {"words", "within"}, {"words", "within"})
    phrases = _phrases(key, value["words"])
    within = value["within"]
    if not isinstance(within, int) or isinstance(within, bool) or within < 1:
        raise ConditionError(key, "'near.within' takes a positive whole number of words")

    def holds(ctx: MatchContext) -> bool:
        reach = within + phrases.longest - 1
        return phrases.occurs_in(_words_before(ctx.span, reach)) or phrases.occurs_in(
            _words_after(ctx.span, reach)
        )

    return holds


def _sentence_has(key: str, value: Any) -> Predicate:
    phrases = _phrases(key, value)

    def holds(ctx: MatchContext) -> bool:
        sent = ctx.sent
        outside = [t for t in sent if t.i < ctx.span.start or t.i >= ctx.span.end]
        return phrases.occurs_in(outside)

    return holds


def _first_word_index(sent: Span) -> int:
    for token in sent:
        if token.is_alpha or token.like_num:
            return token.i
    return sent.start


def _sentence_start(key: str, value: Any) -> Predicate:
    expected = _boolean(key, value)
    return lambda ctx: (_first_word_index(ctx.sent) == ctx.span.start) == expected


def _capitalized(key: str, value: Any) -> Predicate:
    expected = _boolean(key, value)
    return lambda ctx: ctx.span.text[:1].isupper() == expected


def _is_title_case(sent: Span) -> bool:
    """Headings such as "Configure The Build Master" capitalize every word.

    A sentence that ends like prose ("Crazy Horse led the Lakota at the Little
    Bighorn.") is not a heading, however many names it holds.
    """
    last = sent[-1] if len(sent) else None
    if last is not None and last.text in {".", "!", "?"}:
        return False
    long_words = [t for t in sent if t.is_alpha and len(t) > 3]
    if len(long_words) < 2:
        return False
    capitalized = sum(1 for t in long_words if t.text[0].isupper())
    return capitalized / len(long_words) >= 0.6


def _capitalized_word(token: Token) -> bool:
    return token.is_alpha and token.text[0].isupper() and token.text.lower() != "i"


def looks_like_name(token: Token, tagged: bool) -> bool:
    """A capitalized word that names someone or something, judged without or with a tagger."""
    if tagged:
        return token.pos_ == "PROPN" or token.ent_type_ in {"PERSON", "ORG", "WORK_OF_ART"}
    if not _capitalized_word(token):
        return False
    if token.i == _first_word_index(token.sent):
        return False
    return not _is_title_case(token.sent)


def _proper_noun(key: str, value: Any) -> Predicate:
    expected = _boolean(key, value)

    def holds(ctx: MatchContext) -> bool:
        span = ctx.span
        if ctx.tagged:
            return any(looks_like_name(t, True) for t in span) == expected
        if not _capitalized_word(span[0]) or _is_title_case(ctx.sent):
            return not expected
        if span.start != _first_word_index(ctx.sent):
            return expected
        # Sentence-initial: a name only when a capitalized word continues it ("Blacklist Records").
        after = _words_after(span, 1)
        return bool(after and _capitalized_word(after[0])) == expected

    return holds


def _in_quotes(key: str, value: Any) -> Predicate:
    expected = _boolean(key, value)

    def holds(ctx: MatchContext) -> bool:
        before = ctx.doc.text[ctx.sent.start_char : ctx.span.start_char]
        inside = before.count('"') % 2 == 1
        for opening, closing in _QUOTES_OPEN.items():
            if before.rfind(opening) > before.rfind(closing):
                inside = True
        return inside == expected

    return holds


def guess_is_verb(token: Token) -> bool:
    """Tell a verb from its neighbours when no tagger ran."""
    before = _words_before(token.doc[token.i : token.i + 1], 1)
    if before and token_forms(before[0])[0] in _MODALS:
        return True
    if token.i == _first_word_index(token.sent):
        after = _words_after(token.doc[token.i : token.i + 1], 1)
        return bool(after and token_forms(after[0])[0] in _DETERMINERS)
    return False


def _pos(key: str, value: Any) -> Predicate:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConditionError(key, "'pos' takes a list of universal POS tags such as [VERB]")
    tags = frozenset(v.upper() for v in value)

    def holds(ctx: MatchContext) -> bool:
        token = ctx.span[-1]
        if ctx.tagged:
            return token.pos_ in tags
        return "VERB" in tags and guess_is_verb(token)

    return holds


@dataclass(frozen=True)
class _Antecedent:
    nouns: frozenset[str]
    determiners: frozenset[str]
    pronouns: frozenset[str]
    blockers: frozenset[str]
    sentences: int

    def _sentences_back(self, ctx: MatchContext) -> Iterator[Token]:
        """Tokens before the match, nearest first, through ``sentences`` sentences."""
        doc = ctx.doc
        start = ctx.sent.start
        for _ in range(self.sentences - 1):
            if start == 0:
                break
            start = doc[start - 1].sent.start
        for index in range(ctx.span.start - 1, start - 1, -1):
            yield doc[index]

    def _has_determiner(self, noun: Token) -> bool:
        for token in _words_before(noun.doc[noun.i : noun.i + 1], 3):
            if token_forms(token)[0] in self.determiners:
                return True
        return False

    def holds(self, ctx: MatchContext) -> bool:
        for token in self._sentences_back(ctx):
            lower, lemma = token_forms(token)
            if lower in self.blockers or lemma in self.blockers:
                return False
            if lower in self.pronouns:
                return True
            if lower in self.nouns and self._has_determiner(token):
                return True
            if looks_like_name(token, ctx.tagged):
                return False
        return False


def _word_set(key: str, value: Any) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConditionError(key, f"'{key}' takes a list of words")
    return frozenset(_normalize_word(v) for v in value)


def _antecedent(key: str, value: Any) -> Predicate:
    if not isinstance(value, dict):
        raise ConditionError(key, "'antecedent' takes a mapping")
    allowed = {"nouns", "determiners", "pronouns", "blockers", "sentences"}
    _check_keys(key, value, allowed, {"nouns", "determiners"})
    sentences = value.get("sentences", 2)
    if not isinstance(sentences, int) or isinstance(sentences, bool) or sentences < 1:
        raise ConditionError(key, "'antecedent.sentences' takes a positive whole number")
    finder = _Antecedent(
        nouns=_word_set("antecedent.nouns", value["nouns"]),
        determiners=_word_set("antecedent.determiners", value["determiners"]),
        pronouns=_word_set("antecedent.pronouns", value.get("pronouns", [])),
        blockers=_word_set("antecedent.blockers", value.get("blockers", [])),
        sentences=sentences,
    )
    return finder.holds


_PREDICATES: dict[str, Callable[[str, Any], Predicate]] = {
    "preceded_by": _preceded_by,
    "followed_by": _followed_by,
    "near": _near,
    "sentence_has": _sentence_has,
    "sentence_start": _sentence_start,
    "capitalized": _capitalized,
    "proper_noun": _proper_noun,
    "in_quotes": _in_quotes,
    "pos": _pos,
    "antecedent": _antecedent,
}

CONDITION_KEYS = tuple(_PREDICATES)


@dataclass(frozen=True)
class Condition:
    """One condition: every one of its predicates must hold."""

    source: Mapping[str, Any]
    predicates: tuple[Predicate, ...]

    def holds(self, ctx: MatchContext) -> bool:
        return all(predicate(ctx) for predicate in self.predicates)


def compile_condition(mapping: Any) -> Condition:
    if not isinstance(mapping, dict) or not mapping:
        raise ConditionError(
            "condition", f"a condition is a mapping of one or more of {list(CONDITION_KEYS)}"
        )
    predicates = []
    for key, value in mapping.items():
        if key not in _PREDICATES:
            raise ConditionError(
                str(key), f"unknown condition '{key}'; expected one of {list(CONDITION_KEYS)}"
            )
        predicates.append(_PREDICATES[key](key, value))
    return Condition(source=dict(mapping), predicates=tuple(predicates))
