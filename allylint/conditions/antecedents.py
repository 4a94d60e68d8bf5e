"""The ``antecedent`` condition: is a pronoun's nearest referent a generic one?

Looking back from the pronoun through its sentence and the one(s) before, the
nearest candidate referent decides: a determiner followed within three words
by a role noun ("each user", "the developer") or a generic pronoun
("someone") is generic; a name, a capitalized word, an @handle or a gendered
word ("woman", "Mr.") is particular. The rule file supplies the nouns,
determiners and pronouns; the words that tell how a clause is built
(appositions, copulas, subordinators, past tenses) come from the lexicons in
``rules/lexicons/``.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from allylint.conditions import lexicons
from allylint.conditions.context import (
    REFERENTS,
    MatchContext,
    alone,
    first_word_index,
    once_per_doc,
    sentence_of,
    token_forms,
    words_after,
    words_before,
)
from allylint.conditions.names import (
    HANDLE,
    NameCues,
    capital_inside_sentence,
    capitalized_word,
    is_version,
    looks_like_name,
)
from allylint.conditions.referents import Referents
from allylint.conditions.values import ConditionError, check_keys, whole_number, word_set
from allylint.engine.nlp import is_english_word
from allylint.engine.spelling import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

EVERY_CONTEXT = "*"
_WORD = re.compile(r"[^\W\d_][\w']*")
_COREFERENCE_DEPTH = 8  # earlier pronouns followed back to find the referent
_SUBJECT_REACH = 4  # words between a verb's subject and its object pronoun, at most


@dataclass(frozen=True)
class ClauseCues:
    """The words that tell how a clause is built, from the lexicons."""

    apposition_links: frozenset[str] = lexicons.from_lexicons("apposition-links")
    predicate_links: frozenset[str] = lexicons.from_lexicons("predicate-links")
    subordinators: frozenset[str] = lexicons.from_lexicons("subordinators")
    past_tense: frozenset[str] = lexicons.from_lexicons("past-tense-verbs")
    after_participles: frozenset[str] = lexicons.from_lexicons("after-participles")
    modal_verbs: frozenset[str] = lexicons.from_lexicons("modal-auxiliaries", "modal-like-verbs")
    event_determiners: frozenset[str] = lexicons.from_lexicons("event-determiners")
    prepositions: frozenset[str] = lexicons.from_lexicons("referent-prepositions")
    things: frozenset[str] = lexicons.from_lexicons("agent-nouns-of-things")
    object_pronouns: frozenset[str] = lexicons.from_lexicons("object-pronouns")
    object_or_possessive: frozenset[str] = lexicons.from_lexicons("object-or-possessive-pronouns")
    determiners: frozenset[str] = lexicons.from_lexicons("determiners")
    all_prepositions: frozenset[str] = lexicons.from_lexicons("prepositions")
    clause_breaks: frozenset[str] = lexicons.from_lexicons("clause-breaks")
    participle_auxiliaries: frozenset[str] = lexicons.from_lexicons("participle-auxiliaries")
    comparison_words: frozenset[str] = lexicons.from_lexicons("comparison-words")
    narrators: frozenset[str] = lexicons.from_lexicons("narrator-pronouns")
    saying_verbs: frozenset[str] = lexicons.from_lexicons("saying-verbs")
    tool_verbs: frozenset[str] = lexicons.from_lexicons("tool-verbs")
    relative_pronouns: frozenset[str] = lexicons.from_lexicons("relative-pronouns")

    @functools.cached_property
    def _objects(self) -> frozenset[str]:
        """Pronouns that may be a verb's or a preposition's object: "him", "her"."""
        return self.object_pronouns | self.object_or_possessive

    @functools.cached_property
    def _after_an_object(self) -> frozenset[str]:
        """Words after "her" that make it an object: an article or a preposition."""
        return self.determiners | self.prepositions

    def subject_of_its_verb(self, noun: Token, pronoun: Token) -> bool:
        """Is ``noun`` the subject of the clause in which ``pronoun`` is the object of
        a verb? Then it is not the pronoun's referent: "The maintainer on duty then
        assigns him a mentor" means someone else."""
        word = fold(pronoun.text)
        if word in self.object_or_possessive:
            after = words_after(alone(pronoun), 1)
            if after and after[0].is_alpha and fold(after[0].text) not in self._after_an_object:
                return False  # "signs her name": the possessive
        elif word not in self.object_pronouns:
            return False
        before = words_before(alone(pronoun), 1)
        if not before or not before[0].is_alpha or fold(before[0].text) in self.all_prepositions:
            return False
        doc = noun.doc
        if sentence_of(noun).start != sentence_of(pronoun).start:
            return False
        # The verb's own subject stands a few words before it, with no other clause or
        # infinitive between: in "the designer drew the villain to make players fear
        # him", the designer is the subject of "drew", not of "fear".
        between = [t for t in doc[noun.i + 1 : pronoun.i] if t.is_alpha]
        if len(between) > _SUBJECT_REACH:
            return False
        return not any(fold(t.text) in self.clause_breaks for t in doc[noun.i + 1 : pronoun.i])

    def names_a_tool(self, name: Token) -> bool:
        """Is a capitalized word the object of a verb that takes tools ("has run
        Kubernetes", "writes clean Go", "has used modern C++")? Then it names a product,
        not whom a later pronoun means. Up to two lowercase words may stand between, but
        no preposition: "writes to Dana" names a person."""
        before = words_before(alone(name), 3)
        for token in reversed(before):
            word = fold(token.text)
            if word in self.tool_verbs:
                return True
            if not (token.is_alpha and token.text.islower()) or word in self.all_prepositions:
                return False
        return False

    def object_of_a_preposition(self, determiner: Token) -> bool:
        """ "If Bob works from a different host, he ...": a noun after a preposition
        is where someone acts, seldom whom a later pronoun means."""
        before = words_before(alone(determiner), 1)
        return bool(before) and fold(before[0].text) in self.prepositions

    def agent_noun(self, word: str, lemma: str) -> bool:
        """A role noun the lists do not name, by its form: an English word for one who
        does something (integrator, marketer, publicist, geriatrician), ending in -er,
        -or, -ist or -ician,
        its own lemma (not a comparative: "better" is "good", "higher" "high"), that
        is not a machine or a thing (server, compiler, monitor)."""
        return (
            len(word) >= 6
            and word.endswith(("er", "or", "ist", "ician"))
            and lemma == word
            and word not in self.things
            and is_english_word(word)
        )

    def tells_past_events(self, span: Span) -> bool:
        """Does the pronoun's clause tell of the past, which is about someone in
        particular ("He was wearing a black hat", "his talk was long", "he realised")?
        Generic statements are in the present. Only the verb just before the pronoun
        ("told him", "asked her") and the few words after it count: elsewhere in the
        sentence "left" may be a pane. A pronoun in an opening phrase looks ahead to the
        clause after the comma: "In her keynote, the panelist recalled ..."."""
        if self._past_verb_before(span):
            return True
        for position, token in enumerate(words_after(span, 3)):
            if not token.is_alpha:
                return token.text == "," and self._opening_phrase(span) and self._past_clause(token)
            word = fold(token.text)
            if word in self.past_tense or (position == 0 and word.endswith("ed")):
                return True
        return False

    def _opening_phrase(self, span: Span) -> bool:
        first = span.doc[first_word_index(sentence_of(span[0]))]
        return first.i < span.start and fold(first.text) in self.all_prepositions

    def _past_clause(self, comma: Token) -> bool:
        """Does the clause after ``comma`` open with its subject and a simple past
        ("the panelist recalled"), not a participle before a noun ("a dedicated mentor")?"""
        words = [fold(t.text) for t in words_after(alone(comma), 4)]
        pairs = itertools.pairwise(words)  # (the word before, the word)
        return any(self._past_form(word) and prior not in self.determiners for prior, word in pairs)

    def _past_form(self, word: str) -> bool:
        return word in self.past_tense or word.endswith("ed")

    def _tells_a_fact(self, subject: Token, determiner: Token, pronoun: Token) -> bool:
        """Does the clause of a past event tell a fact, not a hypothesis ("if we hired
        a developer", a subordinator before the ``determiner``), with no modal between
        the ``subject`` and the ``pronoun`` ("a user who joined should ...")?"""
        doc = subject.doc
        if any(fold(t.text) in self.modal_verbs for t in doc[subject.i + 1 : pronoun.i]):
            return False
        clause = doc[sentence_of(subject).start : determiner.i]
        return not any(fold(t.text) in self.subordinators for t in clause)

    def _past_verb_before(self, span: Span) -> bool:
        """Is the word before ``span`` a verb in the simple past ("told him", "we
        dropped his", "hired a"), not a participle after an auxiliary ("has
        changed his")?"""
        before = words_before(span, 2)
        if not before or not before[-1].is_alpha:
            return False
        verb = fold(before[-1].text)
        if verb in self.participle_auxiliaries or not self._past_form(verb):
            return False
        return len(before) < 2 or fold(before[0].text) not in self.participle_auxiliaries

    def comparison(self, pronoun: Token) -> bool:
        """ "A fatso like him", "taller than her": an object pronoun compared with is
        someone in particular."""
        if fold(pronoun.text) not in self._objects:
            return False
        before = words_before(alone(pronoun), 1)
        return bool(before) and fold(before[0].text) in self.comparison_words

    def narrated_object(self, determiner: Token, pronoun: Token) -> bool:
        """ "We hired a consultant. Her report ...", "..., wrote the geriatrician in her
        column": a role noun that the writer (or someone the writer names) acted on in
        the simple past, or who said something, is one particular person, unless the
        clause is a hypothesis ("if we hired a developer") or a modal follows ("we
        hired a developer who should ...")."""
        before = words_before(alone(determiner), 2)
        if len(before) < 2 or not self._past_verb_before(alone(determiner)):
            return False
        subject, verb = fold(before[0].text), fold(before[1].text)
        if subject not in self.narrators and not (
            verb in self.saying_verbs and not before[0].is_alpha
        ):
            return False
        return self._tells_a_fact(determiner, determiner, pronoun)

    def tells_of_one_event(self, noun: Token, determiner: Token, pronoun: Token) -> bool:
        """ "A core developer expressed his support", "a manager who said she": a noun
        doing something in the past is one particular person, unless the clause is a
        hypothesis ("if a user deleted his account"), the verb is a participle ("a user
        logged in as root can ...") or a modal follows ("a user who joined should ...")."""
        if fold(determiner.text) not in self.event_determiners:
            return False
        after = words_after(alone(noun), 3)
        if after and fold(after[0].text) in self.relative_pronouns:
            # Only what the noun said ("a manager who said she"): a main clause may follow.
            after = after[1:]
            if not after or fold(after[0].text) not in self.saying_verbs:
                return False
        if not after or not after[0].is_alpha:
            return False
        if not self._past_form(fold(after[0].text)):
            return False
        if len(after) > 1 and fold(after[1].text) in self.after_participles:
            return False
        return self._tells_a_fact(noun, determiner, pronoun)


@dataclass(frozen=True)
class Antecedent:
    """The antecedent condition of one rule, as its file gives it."""

    nouns: frozenset[str]
    determiners: frozenset[str]  # every determiner before a generic role noun
    indefinite: frozenset[str]  # those after which a ``particular`` noun is generic too
    pronouns: frozenset[str]
    blockers: frozenset[str]
    particular: frozenset[str]
    coreferents: frozenset[str]  # earlier words that share the pronoun's referent
    sentences: int
    # Kinds of segment in which a pronoun with no referent in reach counts as generic.
    unresolved: frozenset[str] = frozenset()
    # Kinds of segment in which the nouns in ``particular`` are roles like the others:
    # code speaks of "the owner" of any repository, a PEP of its one author.
    roles_in: frozenset[str] = frozenset()
    # Sentences of the document's prose before a pronoun's passage, in any context,
    # that must hold no possible referent for it to count as generic (0: never).
    # Sentences of prose, not characters of the file, so that markup (the same page
    # as HTML and as text) changes nothing.
    isolated: int = 0
    clauses: ClauseCues = field(default_factory=lambda: lexicons.cues(ClauseCues), compare=False)
    names: NameCues = field(default_factory=lambda: lexicons.cues(NameCues), compare=False)

    def _window_start(self, doc: Doc, index: int) -> int:
        start = sentence_of(doc[index]).start
        for _ in range(self.sentences - 1):
            if start == 0:
                break
            start = sentence_of(doc[start - 1]).start
        return start

    def _determiner(self, noun: Token) -> Token | None:
        before = words_before(alone(noun), 3)
        if before and fold(before[-1].text) in self.clauses.modal_verbs:
            return None  # "our next hire will lead": a verb
        for token in reversed(before):
            if token_forms(token)[0] in self.determiners:
                return token
        return None

    def _predicative(self, determiner: Token) -> bool:
        before = words_before(alone(determiner), 1)
        return bool(before) and fold(before[0].text) in self.clauses.predicate_links

    def _is_name(self, token: Token, tagged: bool) -> bool:
        if token_forms(token)[0] in self.nouns or token_forms(token)[0] in self.pronouns:
            return False
        # A name with a version number after it is a program's ("Python 3.10"): not
        # whom a pronoun means.
        after = words_after(alone(token), 1)
        if after and is_version(after[0].text):
            return False
        return looks_like_name(token, tagged) or (
            not tagged and self.names.sentence_initial_name(token)
        )

    def _describes_a_name(self, noun: Token, determiner: Token, tagged: bool) -> bool:
        """Is the noun phrase about a named person rather than anyone in the role?"""
        doc = noun.doc
        # A possessor with a capital: "Dan's team", "this PEP's author".
        before_noun = words_before(alone(noun), 2)
        if (
            len(before_noun) == 2
            and fold(before_noun[1].text) == "'s"
            and capitalized_word(before_noun[0])
        ):
            return True
        # Apposition or a copula: "Julia, the operator", "Carol is a security engineer".
        before = words_before(alone(determiner), 2)
        link = fold(before[-1].text) if before else ""
        if link in self.clauses.apposition_links:
            before = before[:-1]
        if before and self._is_name(before[-1], tagged):
            # "If the victim uses Google Mail, the attacker ...": a comma that closes a
            # subordinate clause is not an apposition.
            clause = doc[sentence_of(noun).start : before[-1].i]
            subordinators = self.clauses.subordinators
            if link != "," or not any(fold(t.text) in subordinators for t in clause):
                return True
        # A named subject: "Guido asked for a volunteer to implement his syntax."
        first = doc[first_word_index(sentence_of(noun))]
        return first.i < determiner.i and not tagged and self.names.sentence_initial_name(first)

    def _resolve(self, doc: Doc, index: int, ctx: MatchContext, depth: int) -> bool | int:
        """True for a generic referent, False for a particular one; with none in reach,
        the index of the pronoun whose referent is to be judged without one: this
        pronoun's, or the earliest of the pronouns before it that share its referent."""
        tagged = ctx.tagged
        particular = self.particular if ctx.context not in self.roles_in else frozenset()
        for position in range(index - 1, self._window_start(doc, index) - 1, -1):
            token = doc[position]
            lower, lemma = token_forms(token)
            if lower in self.coreferents and depth < _COREFERENCE_DEPTH:
                # An earlier "his" or "she" most likely has the same referent.
                return self._resolve(doc, position, ctx, depth + 1)
            if lower in self.blockers or lemma in self.blockers:
                return False
            if lower in self.pronouns:
                return True
            if lower in self.nouns or self.clauses.agent_noun(lower, lemma):
                if _numbered(token):
                    return False  # "candidate 4471 said he can start": one known person
                determiner = self._determiner(token)
                if determiner is not None and self._predicative(determiner):
                    continue  # "he works as a viewer": describes a referent, is not one
                if determiner is not None and self.clauses.object_of_a_preposition(determiner):
                    continue
                if determiner is not None and self.clauses.subject_of_its_verb(token, doc[index]):
                    continue  # "the maintainer assigns him": someone else
                if determiner is not None:
                    if lower in particular and token_forms(determiner)[0] not in self.indefinite:
                        return False
                    if self.clauses.tells_of_one_event(
                        token, determiner, doc[index]
                    ) or self.clauses.narrated_object(determiner, doc[index]):
                        return False
                    return not self._describes_a_name(token, determiner, tagged)
            if self._is_name(token, tagged):
                if self.clauses.subject_of_its_verb(token, doc[index]):
                    continue  # "Dana assigns him a mentor": someone else
                if self.clauses.names_a_tool(token):
                    continue  # "the candidate has run Kubernetes, and he": a product
                return False
        return index

    def could_be_referent(self, token: Token, tagged: bool) -> bool:
        """A name, a gendered word, a capitalized word inside a sentence or a user name."""
        return (
            token_forms(token)[0] in self.blockers
            or self._is_name(token, tagged)
            or (capitalized_word(token) and token.i != first_word_index(sentence_of(token)))
            or self.names.user_name(token)
        )

    def _referents(self, ctx: MatchContext) -> Referents:
        """Where possible referents stand in the document and before it, worked out
        once per document and rule: a text dense with pronouns costs linear time."""
        found: dict[Antecedent, Referents] = once_per_doc(ctx.doc, REFERENTS, dict)
        referents = found.get(self)
        if referents is None:
            referents = found[self] = Referents(self, ctx)
        return referents

    def named_in(self, text: str) -> bool:
        """Does a possible referent stand in raw file text (markup and all)?"""
        words = {m.group().lower() for m in _WORD.finditer(text)}
        if any(word in self.blockers or word + "." in self.blockers for word in words):
            return True
        if HANDLE.search(text) is not None:
            return True
        return capital_inside_sentence(text) or self.names.user_name_in(text)

    def holds(self, ctx: MatchContext) -> bool:
        if self.clauses.comparison(ctx.doc[ctx.span.start]):
            return False
        resolved = self._resolve(ctx.doc, ctx.span.start, ctx, 0)
        if isinstance(resolved, bool):
            return resolved
        # Nothing in reach: the first pronoun of the chain ("She finished her degree")
        # is judged, so that the pronouns sharing a referent share the verdict. In
        # comments and docstrings it is generic unless a name stands earlier in the
        # comment; elsewhere only when nothing in the file before it could be its
        # referent either (a one-line text, say).
        first = ctx.doc[resolved]
        if ctx.context in self.unresolved or EVERY_CONTEXT in self.unresolved:
            # A name in an earlier paragraph of the same docstring counts too.
            return not (
                self._referents(ctx).named_before(first)
                or (ctx.context == "docstring" and self.named_in(_docstring_before(ctx)))
            )
        if self.isolated:
            # A text that opens with "He" or "She" tells of someone it names elsewhere.
            return not (
                first.i == first_word_index(sentence_of(first))
                or self.clauses.tells_past_events(alone(first))
                or self._referents(ctx).named_before(first)
                or self._referents(ctx).named_in_text_before(ctx)
            )
        return False


def _numbered(noun: Token) -> bool:
    """A noun with its number after it is one of them: "candidate 4471", "user #12"."""
    after = noun.nbor(1) if noun.i + 1 < len(noun.doc) else None
    return after is not None and (after.like_num or after.text.startswith("#"))


def _docstring_before(ctx: MatchContext) -> str:
    """The earlier paragraphs of the docstring a document stands in: the file's text
    before it, back to the opening quotes."""
    before = ctx.prose_before
    opening = max(before.rfind('"""'), before.rfind("'''"))
    return before[opening + 3 :] if opening >= 0 else ""


def _contexts(key: str, value: Any) -> frozenset[str]:
    if value is True:  # every context
        return frozenset([EVERY_CONTEXT])
    if value is False:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConditionError(
            key,
            f"'{key}' takes true, false or a list of contexts, such as [comment, docstring]",
        )
    return frozenset(value)


def _words(name: str) -> Callable[[Any], frozenset[str]]:
    return lambda value: word_set(f"antecedent.{name}", value)


# The keys of an antecedent condition and how each is read.
_KEYS: dict[str, Callable[[Any], Any]] = {
    "nouns": _words("nouns"),
    "determiners": _words("determiners"),
    "indefinite": _words("indefinite"),
    "pronouns": _words("pronouns"),
    "blockers": _words("blockers"),
    "particular": _words("particular"),
    "coreferents": _words("coreferents"),
    "sentences": lambda value: whole_number(
        "antecedent.sentences", value, 1, "a positive whole number"
    ),
    "unresolved": lambda value: _contexts("antecedent.unresolved", value),
    "roles_in": lambda value: _contexts("antecedent.roles_in", value),
    "isolated": lambda value: whole_number(
        "antecedent.isolated", value, 0, "a whole number of sentences"
    ),
}
_DEFAULTS: dict[str, Any] = {"sentences": 2, "unresolved": [], "roles_in": [], "isolated": 0}


def antecedent_condition(key: str, value: Any) -> Callable[[MatchContext], bool]:
    """The predicate of an ``antecedent`` condition from its mapping in a rule file."""
    if not isinstance(value, dict):
        raise ConditionError(key, "'antecedent' takes a mapping")
    check_keys(key, value, set(_KEYS), {"nouns"})
    if "determiners" not in value and "indefinite" not in value:
        raise ConditionError(key, f"'{key}' needs 'determiners' or 'indefinite'")
    read = {name: parse(value.get(name, _DEFAULTS.get(name, []))) for name, parse in _KEYS.items()}
    read["determiners"] = read["determiners"] | read["indefinite"]
    return Antecedent(**read).holds
