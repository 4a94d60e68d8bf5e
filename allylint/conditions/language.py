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
``sentence_end`` (bool)
    The match is (or is not) the last word of its sentence ("... on the master.").
``capitalized`` (bool)
    The match starts with a capital letter.
``proper_noun`` (bool)
    The match is part of a name or title: tagged PROPN or inside a named
    entity where a trained pipeline runs, otherwise capitalized in mid-sentence
    or next to another capitalized word, in a sentence that is not Title Case.
``in_quotes`` (bool)
    The match stands inside double quotation marks.
``in_compound`` (bool)
    The term stands in a hyphenated or underscored name with at least two more
    parts (test-cluster-master-error, capz-windows-master): a name, not prose.
    One more part is an ordinary compound (multi-master, rule-sanity-checking).
``mention`` (bool)
    The term is talked about, not used: quotation marks enclose exactly it
    ("the "whitelist" option", 'dummy'), or "the word", "the term", "terms like"
    names it.
``pos`` (list of universal POS tags)
    The part of speech of the match's last token. With a trained pipeline its
    tagger decides; without one a verb is recognised by its surroundings (after
    "to", a modal or a subject pronoun, or an imperative at sentence start
    followed by a determiner) and other tags never hold.
``matched`` (list of words or phrases)
    The matched text itself is one of these (lowercase; joining hyphens,
    spaces and line breaks count as one space), so that one condition can
    single out some of a rule's terms or inflections.
``any`` (list of conditions)
    At least one of the listed conditions holds: a way to say "or" inside
    ``requires``.
``not`` (a condition)
    The condition does not hold (quote the key in YAML: ``"not":``).
``antecedent`` (``{nouns, determiners, pronouns, blockers, sentences}``)
    For pronoun rules: looking back from the match through the same and the
    previous sentence(s), the nearest candidate referent is a generic one (a
    determiner such as "each" or "a" followed within three words by one of
    ``nouns`` in the singular, or one of ``pronouns`` such as "someone"),
    with no name, capitalized proper noun or gendered word (``blockers``)
    standing closer to the match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from allylint.engine.nlp import is_english_word

if TYPE_CHECKING:  # spaCy is imported only once some text needs it
    from spacy.tokens import Doc, Span, Token

# Modal auxiliaries; after them (and after "to", "let", a subject pronoun) comes a verb.
_MODAL_AUXILIARIES = frozenset(
    ["can", "could", "will", "would", "shall", "should", "may", "might", "must"]
)
_MODALS = _MODAL_AUXILIARIES | frozenset(
    ["to", "please", "let", "lets", "i", "we", "you", "they", "not", "never", "always", "also"]
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
    segment_kind: str = "prose"  # the kind of text: "paragraph", "comment", "docstring", ...
    # The file's text and where this document (window) starts in it: what stands
    # before the window, for conditions that look further back than their sentence.
    source: str = ""
    source_offset: int = 0
    # Where in ``doc.text`` the matched term stands; ``span`` covers whole tokens and
    # can be longer ("slave.jar" for "slave"). Negative: the span's own bounds.
    start_char: int = -1
    end_char: int = -1

    @property
    def term_bounds(self) -> tuple[int, int]:
        if self.start_char < 0:
            return self.span.start_char, self.span.end_char
        return self.start_char, self.end_char

    def text_before(self, limit: int) -> str:
        """Up to ``limit`` characters of the file before this document."""
        return self.source[max(0, self.source_offset - limit) : self.source_offset]

    @property
    def sent(self) -> Span:
        return sentence_of(self.span[0])


def _normalize_word(word: str) -> str:
    return word.lower().replace("\u2019", "'")


def token_forms(token: Token) -> tuple[str, str]:
    """The lowercase text and lowercase lemma of a token."""
    return _normalize_word(token.text), _normalize_word(token.lemma_)


def _is_word(token: Token) -> bool:
    return not (token.is_space or token.text in _JOINERS)


# Sentences are found by walking to the nearest sentence starts: spaCy's
# ``span.sent`` scans the document from its beginning on every call.


def sentence_of(token: Token) -> Span:
    """The sentence ``token`` stands in."""
    doc = token.doc
    start = token.i
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    end = token.i + 1
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    return doc[start:end]


def _words_before(span: Span, limit: int) -> list[Token]:
    """Up to ``limit`` tokens before ``span`` in its sentence, nearest last, skipping joiners."""
    doc = span.doc
    found: list[Token] = []
    if span.start >= len(doc) or doc[span.start].is_sent_start:
        return found
    index = span.start - 1
    while index >= 0 and len(found) < limit:
        token = doc[index]
        if _is_word(token):
            found.append(token)
        if token.is_sent_start:
            break
        index -= 1
    found.reverse()
    return found


def _words_after(span: Span, limit: int) -> list[Token]:
    doc = span.doc
    found: list[Token] = []
    index = span.end
    while index < len(doc) and len(found) < limit:
        token = doc[index]
        if token.is_sent_start:
            break  # the next sentence
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
    # The phrases by their first word: a sentence is scanned once, not once per phrase.
    by_first_word: dict[str, tuple[tuple[str, ...], ...]] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "longest", max(len(p) for p in self.phrases))
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.phrases:
            by_first.setdefault(phrase[0], []).append(phrase)
        object.__setattr__(
            self, "by_first_word", {word: tuple(found) for word, found in by_first.items()}
        )

    def ends(self, tokens: Sequence[Token]) -> bool:
        return any(_sequence_is(tokens[len(tokens) - len(p) :], p) for p in self.phrases)

    def starts(self, tokens: Sequence[Token]) -> bool:
        return any(_sequence_is(tokens[: len(p)], p) for p in self.phrases)

    def occurs_in(self, tokens: Sequence[Token]) -> bool:
        forms = [token_forms(t) for t in tokens if _is_word(t)]
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


_JOINED = re.compile(r"[\s\-\u2010\u2011]+")


def _joined_form(text: str) -> str:
    """Lowercase with joining spaces, hyphens and line breaks removed: "Man-Hours" -> manhours."""
    return _JOINED.sub("", _normalize_word(text))


def _matched(key: str, value: Any) -> Predicate:
    phrases = _phrases(key, value)
    forms = frozenset(_joined_form(" ".join(p)) for p in phrases.phrases)
    return lambda ctx: _joined_form(ctx.span.text) in forms


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


def _last_word_index(sent: Span) -> int:
    for token in reversed(sent):
        if token.is_alpha or token.like_num:
            return token.i
    return sent.end - 1


def _sentence_end(key: str, value: Any) -> Predicate:
    expected = _boolean(key, value)
    return lambda ctx: (_last_word_index(ctx.sent) == ctx.span.end - 1) == expected


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


def _is_acronym(text: str) -> bool:
    """PIN, API, GPUs: capitals (with an optional plural s), not a name."""
    letters = text[:-1] if text.endswith("s") else text
    return len(letters) > 1 and letters.isalpha() and letters.isupper()


def looks_like_name(token: Token, tagged: bool) -> bool:
    """A capitalized word that names someone or something, judged without or with a tagger."""
    if tagged:
        return token.pos_ == "PROPN" or token.ent_type_ in {"PERSON", "ORG", "WORK_OF_ART"}
    if not _capitalized_word(token) or _is_acronym(token.text):
        return False  # acronyms such as PIN or GPUs are not people
    if token.i == _first_word_index(sentence_of(token)):
        return False
    return not _is_title_case(sentence_of(token))


def _proper_noun(key: str, value: Any) -> Predicate:
    expected = _boolean(key, value)

    def holds(ctx: MatchContext) -> bool:
        span = ctx.span
        if ctx.tagged:
            return any(looks_like_name(t, True) for t in span) == expected
        first = span[0]
        if not _capitalized_word(first) or _is_title_case(ctx.sent):
            return not expected
        if _is_acronym(first.text):
            return not expected  # SHOUTING or a constant (BLACKLIST), not a title
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
    if token.i == _first_word_index(sentence_of(token)):
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


_WORD = re.compile(r"[^\W\d_][\w']*")
# A capitalized word inside a sentence, in raw text: after a lowercase word, a digit
# or a comma ("... by Guido", "... in the Internet Explorer browser", "Łukasz").
_MID_SENTENCE_CAPITAL = re.compile(r"([^\W_]|[,;])[ \t]+([^\W\d_])([^\W\d_])")
_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z][\w-]*")  # @nrc: a person on a forge
_GENDERED_PRONOUNS = frozenset(["he", "him", "his", "himself", "she", "her", "hers", "herself"])
# Determiners after which a noun means any member of its class, not one known person.
_INDEFINITE = frozenset(
    ["a", "an", "any", "each", "every", "no", "another", "some", "whichever", "whatever"]
)
# What may stand between a name and a noun phrase describing it: "Julia, the operator",
# "Carol is a security engineer", "Guido was the one".
_APPOSITION_LINKS = frozenset(
    [",", "is", "was", "are", "were", "as", "became", "becomes", "remains", "remained", "(", "-"]
)
# Words that introduce a predicate noun phrase: "as a viewer", "is a developer".
_PREDICATE_LINKS = frozenset(
    [
        "as",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "being",
        "become",
        "becomes",
        "became",
        "remains",
        "remained",
    ]
)
_SUBORDINATORS = frozenset(
    [
        "if",
        "when",
        "whenever",
        "because",
        "although",
        "though",
        "while",
        "since",
        "after",
        "before",
        "unless",
        "once",
        "until",
        "as",
        "where",
        "whereas",
    ]
)
# Verbs that follow a sentence-initial name ("Guido asked", "Carol is"), where an
# imperative ("Send the user ...") takes an object instead.
_SUBJECT_VERBS = frozenset(
    [
        "is",
        "was",
        "has",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "should",
        "said",
        "says",
        "wrote",
        "writes",
        "thinks",
        "thought",
        "knows",
        "knew",
        "wants",
        "wanted",
        "asks",
        "asked",
        "notes",
        "noted",
        "argues",
        "argued",
        "prefers",
        "preferred",
        "likes",
        "liked",
        "believes",
        "believed",
        "suggests",
        "suggested",
        "proposes",
        "proposed",
        "decides",
        "decided",
        "mentions",
        "mentioned",
        "explains",
        "explained",
        "points",
        "pointed",
    ]
)


# Words before a person's user name: "thanks to jdoe", "reported by jdoe".
_BEFORE_USER_NAMES = frozenset(["by", "to", "thanks", "from", "cc", "ping", "ask", "asked"])


def _unknown_lowercase_word(token: Token) -> bool:
    """A lowercase word of three or more letters outside the English vocabulary."""
    text = token.text
    return (
        len(text) >= 3
        and token.is_alpha
        and text.islower()
        and not token.is_stop
        and not is_english_word(text)
    )


def _user_name(token: Token) -> bool:
    """A lowercase word outside the English vocabulary after "thanks to" or "by":
    a user name. (Before "is" it is as likely an identifier: "someoption is".)"""
    if not _unknown_lowercase_word(token):
        return False
    before = _words_before(token.doc[token.i : token.i + 1], 1)
    return bool(before) and _normalize_word(before[0].text) in _BEFORE_USER_NAMES


# The same in raw text: "thanks to jdoe", "reported by @jdoe".
_USER_NAME_IN_TEXT = re.compile(
    r"\b(?:" + "|".join(sorted(_BEFORE_USER_NAMES)) + r")[ \t]+@?([a-z][a-z0-9_-]{2,})\b"
)


# Past-tense verbs that narrate: "She was the host", "he said", "he realised".
_PAST_TENSE = frozenset(
    [
        "was",
        "were",
        "had",
        "did",
        "said",
        "told",
        "wrote",
        "went",
        "came",
        "got",
        "took",
        "gave",
        "knew",
        "thought",
        "felt",
        "found",
        "became",
        "began",
        "left",
        "saw",
        "met",
        "made",
    ]
)


def _tells_past_events(span: Span) -> bool:
    """Does the pronoun's clause tell of the past, which is about someone in
    particular ("He was wearing a black hat", "his talk was long", "he realised")?
    Generic statements are in the present. Only the few words after the pronoun
    count: elsewhere in the sentence "left" may be a pane."""
    for position, token in enumerate(_words_after(span, 3)):
        if not token.is_alpha:
            return False  # the clause ends
        word = _normalize_word(token.text)
        if word in _PAST_TENSE or (position == 0 and word.endswith("ed")):
            return True
    return False


# After a past participle, words that show it is not the clause's verb ("a user
# logged in as root", "a developer based in the EU").
_AFTER_PARTICIPLES = frozenset(
    [
        "in",
        "as",
        "to",
        "at",
        "by",
        "for",
        "with",
        "on",
        "from",
        "into",
        "of",
        "about",
        "under",
        "out",
        "up",
        "over",
        "through",
    ]
)
_MODAL_VERBS = _MODAL_AUXILIARIES | frozenset(["need", "needs", "cannot"])


def _tells_of_one_event(noun: Token, determiner: Token, pronoun: Token) -> bool:
    """ "A core developer expressed his support": an indefinite noun doing something
    in the past is one particular person, unless the clause is a hypothesis ("if a
    user deleted his account"), the verb is a participle ("a user logged in as root
    can ...") or a modal follows ("a user who joined should ...")."""
    if _normalize_word(determiner.text) not in {"a", "an", "one", "some"}:
        return False
    after = _words_after(noun.doc[noun.i : noun.i + 1], 2)
    if not after or not after[0].is_alpha:
        return False
    verb = _normalize_word(after[0].text)
    if not (verb.endswith("ed") or verb in _PAST_TENSE):
        return False
    if len(after) > 1 and _normalize_word(after[1].text) in _AFTER_PARTICIPLES:
        return False
    doc = noun.doc
    if any(_normalize_word(t.text) in _MODAL_VERBS for t in doc[noun.i + 1 : pronoun.i]):
        return False
    clause = doc[sentence_of(noun).start : determiner.i]
    return not any(_normalize_word(t.text) in _SUBORDINATORS for t in clause)


def _sentence_initial_name(token: Token) -> bool:
    """A first word of a sentence that reads as a person's name.

    Without a tagger a sentence-initial word cannot be told from an ordinary word
    by its capital alone, so the word after it decides: another capitalized word
    ("Ada Lovelace"), a possessive ("Dan's team"), an appositive comma ("Julia, the
    operator") or a verb of saying or being ("Guido asked", "Carol is").
    """
    # The cheap tests first: finding the sentence is the costly one.
    if not token.is_alpha or token.is_stop or _is_acronym(token.text):
        return False
    if not (_capitalized_word(token) or _unknown_lowercase_word(token)):
        return False
    if token.i != _first_word_index(sentence_of(token)):
        return False
    after = _words_after(token.doc[token.i : token.i + 1], 1)
    if not after:
        return False
    follower = after[0]
    lower = _normalize_word(follower.text)
    if not _capitalized_word(token):
        # A sentence starts in lowercase with a user name ("pnkfelix is inclined",
        # "nikomatsakis can commit"), an identifier or a careless ordinary word
        # ("config is loaded"): only a word outside the vocabulary may be a name.
        return _unknown_lowercase_word(token) and (lower == "'s" or lower in _SUBJECT_VERBS)
    return (
        _capitalized_word(follower)
        or lower in {"'s", ","}
        or lower in _SUBJECT_VERBS
        or (lower.endswith("ed") and follower.is_alpha)
    )


@dataclass(frozen=True)
class _Antecedent:
    nouns: frozenset[str]
    determiners: frozenset[str]
    pronouns: frozenset[str]
    blockers: frozenset[str]
    particular: frozenset[str]
    sentences: int
    # Kinds of segment in which a pronoun with no referent in reach counts as generic.
    unresolved: frozenset[str] = frozenset()
    # Characters of the file before a pronoun, in any kind of text, that must hold no
    # possible referent for it to count as generic (0: never).
    isolated: int = 0

    def _window_start(self, doc: Doc, index: int) -> int:
        start = sentence_of(doc[index]).start
        for _ in range(self.sentences - 1):
            if start == 0:
                break
            start = sentence_of(doc[start - 1]).start
        return start

    def _determiner(self, noun: Token) -> Token | None:
        for token in reversed(_words_before(noun.doc[noun.i : noun.i + 1], 3)):
            if token_forms(token)[0] in self.determiners:
                return token
        return None

    @staticmethod
    def _predicative(determiner: Token) -> bool:
        before = _words_before(determiner.doc[determiner.i : determiner.i + 1], 1)
        return bool(before) and _normalize_word(before[0].text) in _PREDICATE_LINKS

    def _is_name(self, token: Token, tagged: bool) -> bool:
        if token_forms(token)[0] in self.nouns or token_forms(token)[0] in self.pronouns:
            return False
        return looks_like_name(token, tagged) or (not tagged and _sentence_initial_name(token))

    def _describes_a_name(self, noun: Token, determiner: Token, tagged: bool) -> bool:
        """Is the noun phrase about a named person rather than anyone in the role?"""
        doc = noun.doc
        # A possessor with a capital: "Dan's team", "this PEP's author".
        before_noun = _words_before(doc[noun.i : noun.i + 1], 2)
        if (
            len(before_noun) == 2
            and _normalize_word(before_noun[1].text) == "'s"
            and _capitalized_word(before_noun[0])
        ):
            return True
        # Apposition or a copula: "Julia, the operator", "Carol is a security engineer".
        before = _words_before(doc[determiner.i : determiner.i + 1], 2)
        link = _normalize_word(before[-1].text) if before else ""
        if link in _APPOSITION_LINKS:
            before = before[:-1]
        if before and self._is_name(before[-1], tagged):
            # "If the victim uses Google Mail, the attacker ...": a comma that closes a
            # subordinate clause is not an apposition.
            clause = doc[sentence_of(noun).start : before[-1].i]
            if link != "," or not any(_normalize_word(t.text) in _SUBORDINATORS for t in clause):
                return True
        # A named subject: "Guido asked for a volunteer to implement his syntax."
        first = doc[_first_word_index(sentence_of(noun))]
        return first.i < determiner.i and not tagged and _sentence_initial_name(first)

    def _resolve(self, doc: Doc, index: int, tagged: bool, depth: int) -> bool | None:
        """True for a generic referent, False for a particular one, None for none in reach."""
        for position in range(index - 1, self._window_start(doc, index) - 1, -1):
            token = doc[position]
            lower, lemma = token_forms(token)
            if lower in _GENDERED_PRONOUNS and depth < 8:
                # An earlier "his" or "she" most likely has the same referent.
                return self._resolve(doc, position, tagged, depth + 1)
            if lower in self.blockers or lemma in self.blockers:
                return False
            if lower in self.pronouns:
                return True
            if lower in self.nouns:
                determiner = self._determiner(token)
                if determiner is not None and self._predicative(determiner):
                    continue  # "he works as a viewer": describes a referent, is not one
                if determiner is not None:
                    if lower in self.particular and (token_forms(determiner)[0] not in _INDEFINITE):
                        return False
                    if _tells_of_one_event(token, determiner, doc[index]):
                        return False
                    return not self._describes_a_name(token, determiner, tagged)
            if self._is_name(token, tagged):
                return False
        return None

    def _could_be_referent(self, token: Token, tagged: bool) -> bool:
        """A name, a gendered word, a capitalized word inside a sentence or a user name."""
        return (
            token_forms(token)[0] in self.blockers
            or self._is_name(token, tagged)
            or (_capitalized_word(token) and token.i != _first_word_index(sentence_of(token)))
            or _user_name(token)
        )

    def _named_before(self, doc: Doc, index: int, tagged: bool) -> bool:
        """Does a possible referent (or an @handle) stand before token ``index``?

        Where the first one stands is worked out once per document and rule, so that
        a text dense with pronouns costs linear time."""
        key = f"allylint-first-referent-{id(self)}"
        if key not in doc.user_data:
            handle = _HANDLE.search(doc.text)
            first_token = next((t.i for t in doc if self._could_be_referent(t, tagged)), len(doc))
            doc.user_data[key] = (first_token, handle.start() if handle else len(doc.text))
        first_token, first_handle = doc.user_data[key]
        return first_token < index or first_handle < doc[index].idx

    def _named_in_text_before(self, ctx: MatchContext) -> bool:
        """The same question for the raw file text before the document, once per
        document: its pronouns share that text."""
        key = f"allylint-named-before-document-{id(self)}"
        if key not in ctx.doc.user_data:
            ctx.doc.user_data[key] = self._named_in(ctx.text_before(self.isolated))
        return bool(ctx.doc.user_data[key])

    def _named_in(self, text: str) -> bool:
        """Does a possible referent stand in raw file text (markup and all)?"""
        words = {m.group().lower() for m in _WORD.finditer(text)}
        if any(word in self.blockers or word + "." in self.blockers for word in words):
            return True
        if _HANDLE.search(text) is not None:
            return True
        if any(
            not match.group(1).isupper() and match.group(2).isupper() and match.group(3).islower()
            for match in _MID_SENTENCE_CAPITAL.finditer(text)
        ):
            return True
        return any(
            not is_english_word(match.group(1)) for match in _USER_NAME_IN_TEXT.finditer(text)
        )

    def holds(self, ctx: MatchContext) -> bool:
        resolved = self._resolve(ctx.doc, ctx.span.start, ctx.tagged, 0)
        if resolved is not None:
            return resolved
        # Nothing in reach. In comments and docstrings the pronoun is generic unless a
        # name stands earlier in the comment; elsewhere only when nothing in the file
        # before it could be its referent either (a one-line text, say).
        if ctx.segment_kind in self.unresolved or EVERY_KIND in self.unresolved:
            return not self._named_before(ctx.doc, ctx.span.start, ctx.tagged)
        if self.isolated:
            # A text that opens with "He" or "She" tells of someone it names elsewhere.
            return not (
                ctx.span.start == _first_word_index(ctx.sent)
                or _tells_past_events(ctx.span)
                or self._named_before(ctx.doc, ctx.span.start, ctx.tagged)
                or self._named_in_text_before(ctx)
            )
        return False


def _word_set(key: str, value: Any) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConditionError(key, f"'{key}' takes a list of words")
    return frozenset(_normalize_word(v) for v in value)


def _count(key: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ConditionError(key, f"'{key}' takes a whole number of characters")
    return value


EVERY_KIND = "*"


def _segment_kinds(key: str, value: Any) -> frozenset[str]:
    if value is True:  # every kind of text
        return frozenset([EVERY_KIND])
    if value is False:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConditionError(
            key,
            f"'{key}' takes true, false or a list of kinds of text, such as [comment, docstring]",
        )
    return frozenset(value)


def _antecedent(key: str, value: Any) -> Predicate:
    if not isinstance(value, dict):
        raise ConditionError(key, "'antecedent' takes a mapping")
    allowed = {
        "nouns",
        "determiners",
        "pronouns",
        "blockers",
        "particular",
        "sentences",
        "unresolved",
        "isolated",
    }
    _check_keys(key, value, allowed, {"nouns", "determiners"})
    sentences = value.get("sentences", 2)
    if not isinstance(sentences, int) or isinstance(sentences, bool) or sentences < 1:
        raise ConditionError(key, "'antecedent.sentences' takes a positive whole number")
    finder = _Antecedent(
        nouns=_word_set("antecedent.nouns", value["nouns"]),
        determiners=_word_set("antecedent.determiners", value["determiners"]),
        pronouns=_word_set("antecedent.pronouns", value.get("pronouns", [])),
        blockers=_word_set("antecedent.blockers", value.get("blockers", [])),
        particular=_word_set("antecedent.particular", value.get("particular", [])),
        sentences=sentences,
        unresolved=_segment_kinds("antecedent.unresolved", value.get("unresolved", [])),
        isolated=_count("antecedent.isolated", value.get("isolated", 0)),
    )
    return finder.holds


# Quotation marks and the mark that closes each.
_MENTION_QUOTES = {'"': '"', "\u201c": "\u201d", "'": "'", "\u2018": "\u2019"}
# "the word crazy", "terms like whitelist", "the phrase sanity check".
_MENTION_NOUNS = frozenset(
    ["word", "words", "term", "terms", "phrase", "phrases", "expression", "expressions"]
)
_MENTION_DETERMINERS = frozenset(["the", "a", "this", "that", "these", "those", "such", "its"])
_MENTION_LINKS = frozenset(["like", "such", "as", "including"])
# What around a quoted word says it is talked about: "rename "master" to ...", "the
# "whitelist" option", ""insane" was the word".
_MENTION_CUES_BEFORE = frozenset(
    [
        "rename",
        "renamed",
        "renames",
        "renaming",
        "replace",
        "replaced",
        "replaces",
        "replacing",
        "instead",
        "rather",
        "called",
        "named",
        "avoid",
        "avoids",
        "avoided",
        "avoiding",
        "deprecate",
        "deprecated",
        "deprecates",
    ]
)
_NAMED_THINGS_AFTER = frozenset(
    [
        "option",
        "options",
        "setting",
        "settings",
        "flag",
        "flags",
        "parameter",
        "parameters",
        "field",
        "fields",
        "key",
        "keys",
        "keyword",
        "keywords",
        "label",
        "labels",
        "attribute",
        "attributes",
        "directive",
        "directives",
        "command",
        "commands",
        "column",
        "columns",
        "argument",
        "arguments",
        "property",
        "properties",
        "variable",
        "variables",
        "value",
        "values",
        "branch",
        "branches",
        "role",
        "roles",
        "tag",
        "tags",
        "taint",
        "taints",
    ]
)


# Another quoted word beside a quoted one: '"master", "slave"', '"X" to "Y"',
# '"Y" instead of "X"'.
_BESIDE = r"[\s,;/]*(?:(?:or|and|to|with|not|nor|vs\.?|->|\u2192|instead of|rather than)\s*)?"
_QUOTED_BEFORE = re.compile(r"[\"\u201d\u2019']" + _BESIDE + r"$")
_QUOTED_AFTER = re.compile(_BESIDE + r"[\"\u201c\u2018']\w")


def _in_quoted_word(char: str) -> bool:
    return char.isalnum() or char in "/-"


def _quoted_alone(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The quotation marks around text[start:end] when they enclose one word, the
    term or a slashed pair with it ("whitelist", "white/black-list"); else None."""
    while start > 0 and _in_quoted_word(text[start - 1]):
        start -= 1
    while end < len(text) and _in_quoted_word(text[end]):
        end += 1
    if start == 0 or end >= len(text):
        return None
    opening = text[start - 1]
    closing = _MENTION_QUOTES.get(opening)
    if closing is None or text[end] != closing:
        return None
    if opening == "'" and start > 1 and text[start - 2].isalnum():
        return None  # an apostrophe inside a word ("users'") opens nothing
    return start, end


def _named_as_a_word(span: Span) -> bool:
    """ "the word crazy", "the term "sanity check"", "terms like whitelist"."""
    quotes = {'"', "'", "\u201c", "\u2018"}
    words = [_normalize_word(t.text) for t in _words_before(span, 4) if t.text not in quotes]
    linked = False
    while words and words[-1] in _MENTION_LINKS:
        words.pop()
        linked = True
    if not words or words[-1] not in _MENTION_NOUNS:
        return False
    return linked or (len(words) > 1 and words[-2] in _MENTION_DETERMINERS)


def is_mention(ctx: MatchContext) -> bool:
    """Is the term talked about rather than used?

    Named as a word ("the word crazy"), or quoted on its own with a cue around it:
    another quoted word beside it ("master", "slave"), a verb of renaming before it
    ("rename "whitelist" to ..."), a setting's name after it (the "blacklist" option)
    or "word" after it (""insane" was the word"). A quoted word with no cue is
    usually scare quotes ('a "dumb" server'): still a use.
    """
    if _named_as_a_word(ctx.span):
        return True
    text = ctx.doc.text
    quoted = _quoted_alone(text, *ctx.term_bounds)
    if quoted is None:
        return False
    start, end = quoted
    before = text[max(0, start - 40) : start - 1]
    after = text[end + 1 : end + 41]
    if _QUOTED_BEFORE.search(before) or _QUOTED_AFTER.match(after):
        return True
    words_before = re.findall(r"[a-z]+", before.lower())[-3:]
    words_after = re.findall(r"[a-z]+", after.lower())[:3]
    return (
        any(word in _MENTION_CUES_BEFORE for word in words_before)
        or bool(words_after and words_after[0] in _NAMED_THINGS_AFTER)
        or any(word in _MENTION_NOUNS for word in words_after)
    )


def _mention(key: str, value: Any) -> Predicate:
    expected = _boolean(key, value)
    return lambda ctx: is_mention(ctx) == expected


_NAME_PARTS = re.compile(r"[-_]+")


def _in_compound(key: str, value: Any) -> Predicate:
    expected = _boolean(key, value)

    def holds(ctx: MatchContext) -> bool:
        text = ctx.doc.text
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
    "sentence_start": _sentence_start,
    "sentence_end": _sentence_end,
    "capitalized": _capitalized,
    "proper_noun": _proper_noun,
    "in_quotes": _in_quotes,
    "mention": _mention,
    "in_compound": _in_compound,
    "pos": _pos,
    "antecedent": _antecedent,
    "matched": _matched,
    "any": _any,
    "not": _not,
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
