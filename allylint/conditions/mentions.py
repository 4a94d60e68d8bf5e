"""The ``mention`` condition: is a term talked about rather than used?

Writers mark a word they talk about: they name it as a word ("the word crazy",
"terms like whitelist and blacklist"), list it among others ("whitelist/blacklist,
master/slave, sanity check"), map it to its replacement ("whitelist -> allowlist",
"rename the chairman field to chair", "a replica (formerly slave)"), or set it in
quotation marks or emphasis with a cue that the word itself is meant: another marked
word beside it ('"master", "slave"'), a verb of renaming before it ('rename
"whitelist" to ...'), a setting's name after it (the "blacklist" option), the start
of its sentence for a quoted word ('"Gypsy" is an exonym'), a predicate about the
word ('**Lame** is ...', '**lame** for weak'), or nothing else around it (a table
cell or list item that is only the word). A marked word with no cue is usually scare
quotes or stress ('a "dumb" server', 'this is *crazy*'): still a use. The engine
hands over the list of terms a match stands in (``MatchContext.list_bounds``), so a
whole list is judged as one. The cue words come from ``rules/lexicons/mentions.yaml``."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from allylint.conditions import lexicons
from allylint.conditions.context import (
    MatchContext,
    is_word,
    token_forms,
    word_forms,
    words_after,
    words_before,
)
from allylint.conditions.marks import (
    CLOSING_QUOTES,
    OPENING_QUOTES,
    QUOTES,
    emphasis_bounds,
    emphasized_entry,
    quoted_alone,
    quoted_passage,
)
from allylint.conditions.term_lists import names_words
from allylint.conditions.wording import (
    WORD,
    ends_with_one_of,
    phrase_ends,
    phrase_starts,
    sentence_start,
    starts_with_one_of,
    tokens_are,
    tokens_end_with,
    tokens_hold,
    tokens_spell,
    without_ending,
    words_after_in,
    words_before_in,
)
from allylint.engine.spelling import fold, joined_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_REACH = 40  # characters either side of the quoted word where cues are looked for
_WORD_NEXT = re.compile(r"[ \t]*[^\W\d_]")  # a word right after, in the same clause
_MARKS = frozenset([*QUOTES, *CLOSING_QUOTES, "*", "_"])  # skipped around named words
_LIST_ITEM_WORDS = 3  # the longest list item walked over ("white trash", "old fogey")
_LIST_ITEMS = 6  # the most list items walked over
_ARROW_AFTER = re.compile(r"[\s\"'\u201d\u2019*_)\]]*(?:->|=>|\u2192|\u21d2|\u27f6)")
_ARROW_BEFORE = re.compile(r"(?:->|=>|\u2192|\u21d2|\u27f6)[\s\"'\u201c\u2018*_(\[]*$")
# What may open a sentence or list item before a word it talks about: bullets, numbers,
# and an article ('The "cakewalk" was a dance').
_BULLET = re.compile(r"[\s\-*+\u2022>|#\d.)]*(?:(?:the|a|an)\s+)?", re.IGNORECASE)
_GLOSS_WORDS = 3  # the longest alternative read before "for" in a gloss
_WORD_OR_JOINER = re.compile(r"[a-z]+(?:\.[a-z]\.)?|[,/]")  # words, with a list's joiners
_LIST_JOINER_AFTER = re.compile(r"[\s\"'*_\u201d\u2019]*(?:[,/]|(?:and|or)\b)")
_RENAMING_REACH = 4  # words before a term where a verb of renaming renames it
_INTRODUCTION_WORDS = 6  # words before a colon where a noun for words introduces a list


@dataclass(frozen=True)
class MentionCues:
    """The words around a term that make it a mention, from the lexicons."""

    nouns: frozenset[str] = lexicons.from_lexicons("mention-nouns")
    determiners: frozenset[str] = lexicons.from_lexicons("mention-determiners")
    links: frozenset[str] = lexicons.from_lexicons("mention-links")
    cues_before: frozenset[str] = lexicons.from_lexicons("mention-cues-before")
    quoted_gloss_cues: frozenset[str] = lexicons.from_lexicons("quoted-gloss-cues")
    reporting_verbs: frozenset[str] = lexicons.from_lexicons("reporting-verbs")
    saying_verbs: frozenset[str] = lexicons.from_lexicons("saying-verbs")
    clause_openers: frozenset[str] = lexicons.from_lexicons("clause-openers")
    idiom_openers: frozenset[str] = lexicons.from_lexicons("word-idiom-openers")
    quotation_verbs: frozenset[str] = lexicons.from_lexicons("quotation-verbs")
    reporting_fillers: frozenset[str] = lexicons.from_lexicons("reporting-fillers")
    title_verbs: frozenset[str] = lexicons.from_lexicons("title-verbs")
    pointers: frozenset[str] = lexicons.from_lexicons("pointing-determiners")
    word_nouns: frozenset[str] = lexicons.from_lexicons("nouns-for-words")
    named_things_after: frozenset[str] = lexicons.from_lexicons("named-things-after")
    between_quoted_words: frozenset[str] = lexicons.from_lexicons("between-quoted-words")
    list_joiners: frozenset[str] = lexicons.from_lexicons("mention-list-joiners")
    former_names: frozenset[str] = lexicons.from_lexicons("former-name-cues")
    alternative_cues_before: frozenset[str] = lexicons.from_lexicons("alternative-cues-before")
    change_verbs: frozenset[str] = lexicons.from_lexicons("change-verbs")
    alternative_joiners: frozenset[str] = lexicons.from_lexicons("alternative-joiners")
    avoid_cues: frozenset[str] = lexicons.from_lexicons("avoid-cues")
    gloss_joiners: frozenset[str] = lexicons.from_lexicons("gloss-joiners")
    wording_nouns: frozenset[str] = lexicons.from_lexicons("wording-nouns")
    predicates: frozenset[str] = lexicons.from_lexicons("mention-predicates")
    renaming_verbs: frozenset[str] = lexicons.from_lexicons("renaming-verbs")
    renaming_links: frozenset[str] = lexicons.from_lexicons("renaming-links")
    alias_before: frozenset[str] = lexicons.from_lexicons("alias-cues-before")
    alias_after: frozenset[str] = lexicons.from_lexicons("alias-cues-after")
    old_wording_cues: frozenset[str] = lexicons.from_lexicons("old-wording-cues")
    old_wording_nouns: frozenset[str] = lexicons.from_lexicons("old-wording-nouns")
    rewording_verbs: frozenset[str] = lexicons.from_lexicons("rewording-verbs")

    def offers_alternative(self, ctx: MatchContext) -> bool:
        """The sentence gives what to write instead of the term or its list, beside it:
        "use allowlist, not whitelist", "chair rather than chairman", "rename master to main"."""
        # Closed up as the tokens spell them: "person-hours" is "person", "-", "hours".
        offered = [joined_key(a) for a in ctx.alternatives if len(a.split()) <= 3]
        if not offered:
            return False
        span, opening = ctx.span, min(ctx.list_bounds[0], ctx.span.start_char)
        before = [t for t in ctx.sent if t.idx < opening and is_word(t)]  # before its list
        after = [t for t in ctx.sent if t.i >= span.end and is_word(t)]
        cue_end = len(before)
        while cue_end and fold(before[cue_end - 1].text) in self.determiners:
            cue_end -= 1  # "over the master"
        if tokens_end_with(before[:cue_end], self.alternative_cues_before) and tokens_spell(
            before, offered
        ):
            return True
        # A gloss: the alternative right before "for" and the term ("chair for chairman").
        if before and fold(before[-1].text) in self.gloss_joiners:
            gloss = before[:-1]
            if any(tokens_are(gloss[-words:], offered) for words in range(1, _GLOSS_WORDS + 1)):
                return True
        if any(word in self.change_verbs for t in before[-4:] for word in token_forms(t)):
            for index, token in enumerate(after):
                if fold(token.text) in self.alternative_joiners and tokens_spell(
                    after[index + 1 :], offered
                ):
                    return True
        # A recommendation after the term: "lists *evangelist* and suggests *advocate*
        # instead", "whitelist: write allowlist instead" (emphasis marks aside).
        words = [t for t in after if t.text.strip("*_`")]
        for index, token in enumerate(words):
            if fold(token.text) == "instead" and any(
                tokens_are(words[first:index], offered)
                for first in range(max(0, index - _GLOSS_WORDS), index)
            ):
                return True
        return tokens_hold(before[-4:], self.avoid_cues) and tokens_spell(before + after, offered)

    @functools.cached_property
    def _former_name_phrases(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(phrase.split()) for phrase in self.former_names)

    def given_as_former_name(self, span: Span) -> bool:
        """ "formerly called slave", "primary (also known as master)"."""
        longest = max(len(phrase) for phrase in self._former_name_phrases)
        words = tuple(fold(t.text) for t in words_before(span, longest + 1) if t.text not in QUOTES)
        return any(words[len(words) - len(p) :] == p for p in self._former_name_phrases)

    def renamed_setting(self, span: Span) -> bool:
        """The name of a setting or a thing being renamed or dropped, quoted or not:
        "Rename the peanut-gallery channel", "deprecate the whitelist option"."""
        before = [fold(t.text) for t in words_before(span, 2)]
        if before and before[-1] in self.determiners:
            before.pop()
        after = words_after(span, 1)
        return (
            bool(before)
            and before[-1] in self.cues_before
            and bool(after)
            and fold(after[0].text) in self.named_things_after
        )

    def _before_list_item(self, words: list[str]) -> list[str]:
        """``words`` (nearest last, ending with a list joiner) without the joiners and
        the list item before them, of up to a few words: for "words like hick, white
        trash or" that is "words like hick,"."""
        while words and words[-1] in self.list_joiners:
            words = words[:-1]
        stops = self.list_joiners | self.links | self.nouns
        for _ in range(_LIST_ITEM_WORDS):
            if not words or words[-1] in stops:
                break
            words = words[:-1]
        return words

    def listed_as_words(self, span: Span) -> bool:
        """ "... names hick, yokel and redneck as words to avoid": the term, alone or
        in a list, is followed by "as" and a noun for words."""
        words = [fold(t.text) for t in words_after(span, 4 * _LIST_ITEMS) if t.text not in _MARKS]
        index = 0
        for _ in range(_LIST_ITEMS):
            if index < len(words) and words[index] == "as":
                return any(word in self.nouns for word in words[index + 1 : index + 3])
            if index >= len(words) or words[index] not in self.list_joiners:
                return False
            while index < len(words) and words[index] in self.list_joiners:
                index += 1
            for _ in range(_LIST_ITEM_WORDS):
                if index >= len(words) or words[index] in self.list_joiners | {"as"}:
                    break
                index += 1
        return False

    def renamed(self, text: str, start: int, end: int) -> bool:
        """ "Rename the hobo allocator", "rename [the] chairman [field] to chair",
        "Replace crazy wording in the docs": the sentence changes the term itself. A
        verb of renaming counts before the term, not before "to" on the way ("was
        renamed to main, and the slave ...")."""
        if any(word in self.wording_nouns for word in words_after_in(text, end, 1)):
            return True
        before = words_before_in(text, start, _RENAMING_REACH)
        verb = max((i for i, word in enumerate(before) if word in self.renaming_verbs), default=-1)
        return verb >= 0 and not any(word in self.renaming_links for word in before[verb + 1 :])

    def talks_about_words(self, doc: Doc, pointing: bool = False) -> bool:
        """Does the paragraph talk about wording ("the word is gone")? Then a term quoted
        in it is talked about too; ``pointing``: "that phrase", "a phrase", not "the title"."""
        forms = [lower for lower, _ in word_forms(doc)[1]]
        return any(form in self.wording_nouns for form in forms) or any(
            form in self.nouns
            and index
            and forms[index - 1] in self.determiners
            and (not pointing or forms[index - 1] in self.pointers or form in self.word_nouns)
            for index, form in enumerate(forms)
        )

    def tells_old_wording(self, doc: Doc) -> bool:
        """Does the paragraph tell how a text used to read and that it was changed ("The
        old form listed ... We changed it to ...")?"""
        forms = [lower for lower, _ in word_forms(doc)[1]]
        old_text = any(
            form in self.old_wording_cues
            and any(noun in self.old_wording_nouns for noun in forms[index + 1 : index + 3])
            for index, form in enumerate(forms)
        )
        phrases = [phrase.split() for phrase in self.rewording_verbs] if old_text else []
        return any(
            forms[index : index + len(phrase)] == phrase
            for index in range(len(forms))
            for phrase in phrases
        )

    @functools.cached_property
    def _beside(self) -> str:
        """Another quoted word right before or after the quoted one, with a word that
        pairs them: '"master", "slave"', '"X" to "Y"', '"Y" instead of "X"'."""
        between = sorted(self.between_quoted_words, key=lambda word: (-len(word), word))
        return r"[\s,;/]*(?:(?:" + "|".join(re.escape(word) for word in between) + r")\s*)?"

    @functools.cached_property
    def quoted_before(self) -> re.Pattern[str]:
        return re.compile(f"[{CLOSING_QUOTES}]" + self._beside + "$")

    @functools.cached_property
    def quoted_after(self) -> re.Pattern[str]:
        return re.compile(self._beside + f"[{OPENING_QUOTES}]" + r"\w")

    def named_as_a_word(self, text: str, start: int) -> bool:
        """ "the word crazy", "the term "sanity check"", "terms like whitelist", and a
        later item of such a list: "words such as lame and dumb", "words like hick,
        white trash or yokel"."""
        sentence = text[sentence_start(text, start) : start].lower()
        words = _WORD_OR_JOINER.findall(sentence)[-4 * _LIST_ITEMS :]
        listed = False
        for _ in range(_LIST_ITEMS):
            if len(words) <= 2 or words[-1] not in self.list_joiners:
                break
            words = self._before_list_item(words)
            listed = True
        linked = False
        while words and words[-1] in self.links:
            words.pop()
            linked = True
        if not words or words[-1] not in self.nouns:
            return False
        if listed:  # "the word list and whitelist" lists nothing: a list needs "like"
            return linked
        return linked or (len(words) > 1 and words[-2] in self.determiners)

    def introduced_as_words(self, text: str, start: int, end: int, listed: bool) -> bool:
        """ "Words to avoid: geezer, old fogey, little old lady": the term is an item of
        a list after a colon, where a noun for words stands in the last few words
        before the colon. (One item alone is a value, "Title: Chairman", unless the
        introduction says to avoid it: "Words to avoid: blast radius".)"""
        head = text[sentence_start(text, start) : start]
        colon = head.rfind(":")
        if colon == -1:
            return False
        items = _WORD_OR_JOINER.findall(head[colon + 1 :].lower())
        if len(items) > _LIST_ITEMS * (_LIST_ITEM_WORDS + 1):
            return False
        # Every item before the term is short: "add the address to the whitelist" after
        # a colon is a sentence, not a list.
        current: list[str] = []  # the words of the item being read
        for word in items:
            current = [] if word in self.list_joiners else [*current, word]
            if len(current) > _LIST_ITEM_WORDS:
                return False
        # "Words to avoid in job ads:": the noun for words may open a longer introduction.
        introduction = _WORD_OR_JOINER.findall(head[:colon].lower())[-_INTRODUCTION_WORDS:]
        nouns = [i for i, word in enumerate(introduction) if word in self.nouns]
        # "In other words:" and "in a word:" introduce a rewording, not words.
        if not nouns or (nouns[0] and introduction[nouns[0] - 1] in self.idiom_openers):
            return False
        return (
            listed
            or any(item in self.list_joiners for item in items)
            or _LIST_JOINER_AFTER.match(text, end) is not None
            or any(word in self.avoid_cues for word in introduction)
        )

    def mapped(self, text: str, start: int, end: int, alternatives: frozenset[str]) -> bool:
        """Mapped to or from another name: "whitelist -> allowlist", "instead of
        whitelist", "formerly slave", "slave (deprecated)", "a primary (master) shard"."""
        # An arrow to or from what the rule offers instead ("whitelist -> allowlist");
        # "Master -> Replica" is a direction between two things.
        arrow = _ARROW_AFTER.match(text, end)
        if arrow and starts_with_one_of(text[arrow.end() :], alternatives):
            return True
        arrow_before = _ARROW_BEFORE.search(text, max(0, start - 40), start)
        if arrow_before and ends_with_one_of(text[: arrow_before.start()], alternatives):
            return True
        before = words_before_in(text, start, 5)
        # "also known as a DMZ", "sometimes called a DMZ"; "rather than a whitelist
        # approach" and "previously a master" use the word.
        if len(before) > 1 and before[-1] in self.determiners and before[-2] in ("as", "called"):
            before = before[:-1]
        after = words_after_in(text, end, 3)
        if phrase_ends(before, self.alias_before) or phrase_starts(after, self.alias_after):
            return True
        # An alias in brackets right after what the rule offers instead: "a primary
        # (master) shard"; "Number of (master) shards" qualifies, it glosses nothing.
        return (
            text[start - 1 : start] == "("
            and text.startswith(")", end)
            and ends_with_one_of(text[: start - 1].rstrip(), alternatives)
        )

    def _beside_another_quotation(self, text: str, opening: int, closing: int) -> bool:
        """One of a list of quoted examples: '("even your grandma could do it", "OK
        boomer")'. ``opening`` and ``closing`` are the bounds inside the marks."""
        before = text[max(0, opening - 1 - _REACH) : opening - 1]
        return bool(self.quoted_before.search(before) or self.quoted_after.match(text, closing + 1))

    def _quoted_with_cue(self, text: str, start: int, end: int) -> bool:
        before = text[max(0, start - _REACH) : start - 1]
        after = text[end + 1 : end + _REACH + 1]
        if self.quoted_before.search(before) or self.quoted_after.match(after):
            return True
        words_before_quote = WORD.findall(before.lower())[-3:]
        words_after_quote = WORD.findall(after.lower())[:3]
        # A quoted noun phrase with no article before it that a predicate follows is
        # the word itself: 'Measuring work in "man-hours" assumes ...'.
        predicate_follows = bool(
            words_after_quote
            and words_after_quote[0] in self.predicates
            and not (words_before_quote and words_before_quote[-1] in self.determiners)
        )
        # Quoted after a verb of saying and ending its clause, the word is someone
        # else's: 'the old docs said "whitelist".' ('People say "crazy" things' uses it.)
        said = bool(words_before_quote and words_before_quote[-1] in self.reporting_verbs) and (
            not words_after_quote
            or not _WORD_NEXT.match(after)
            or words_after_quote[0] in self.clause_openers
        )
        return (
            predicate_follows
            or said
            or any(word in self.cues_before | self.quoted_gloss_cues for word in words_before_quote)
            or bool(words_after_quote and words_after_quote[0] in self.named_things_after)
            or any(word in self.nouns for word in words_after_quote)
        )

    def said_bare(self, text: str, start: int, end: int) -> bool:
        """A word right after a verb of saying that ends its clause is the word said,
        quoted or not: "where older pages said evangelist." ("said the evangelist"
        names who spoke, and "says crazy things" uses the word)."""
        before = text[max(0, start - _REACH) : start]
        if not before.endswith(" "):
            return False
        words = words_before_in(text, start, 1)
        if (
            not words
            or words[0] not in self.saying_verbs
            or not before.rstrip().lower().endswith(words[0])
        ):
            return False
        rest = text[end : end + _REACH].lstrip(" \t\"'\u201d\u2019*_")
        if not rest or rest[0] in ".!?\n":
            return True
        following = words_after_in(text, end, 1)
        return rest[0] in ",;:" and bool(following) and following[0] in self.clause_openers

    def reported(self, text: str, opening: int) -> bool:
        """A quotation after a verb of saying and a colon or comma ("in full", "us" may
        stand between), or after "titled" or "reads", is someone else's words."""
        before = text[max(0, opening - _REACH) : opening].rstrip()
        words, marked = WORD.findall(before.lower()), before.endswith((":", ","))
        words = without_ending(words, self.reporting_fillers) if marked else words
        verbs = self.reporting_verbs | self.quotation_verbs if marked else self.title_verbs
        return bool(words) and words[-1] in verbs

    def _about_the_word(self, text: str, start: int, end: int) -> bool:
        """A marked word that stands alone in its passage (a table cell, a list item),
        that opens its sentence or list item followed by a predicate about it
        ('"Gypsy" is an outside name'), or that a gloss follows ('**dumb** for stupid')."""
        after = words_after_in(text, end, 1)
        if after == ["for"]:
            return True  # a gloss, anywhere: "**dumb** for stupid"
        if not _BULLET.fullmatch(text, sentence_start(text, start), start):
            return False
        rest = text[end:].strip(" \t\"'\u201d\u2019*_")
        return not rest or rest[0] in ":(\u2014-,;" or bool(after and after[0] in self.predicates)

    def is_mention(self, ctx: MatchContext) -> bool:
        """Is the term talked about rather than used?"""
        if names_words(ctx.list_size, ctx.text, *ctx.list_bounds):
            return True
        if (
            self.listed_as_words(ctx.span)
            or self.given_as_former_name(ctx.span)
            or self.renamed_setting(ctx.span)
            or self.offers_alternative(ctx)
        ):
            return True
        text = ctx.text
        start, end = ctx.list_bounds
        alternatives = frozenset(a.lower() for a in ctx.alternatives)
        if (
            self.named_as_a_word(text, start)
            or self.introduced_as_words(text, start, end, ctx.list_size > 1)
            or self.renamed(text, start, end)
            or self.said_bare(text, start, end)
            or any(
                # The list and the term alone: "Transgendered -> transgender" is a list
                # of two terms when the alternative is a term too.
                self.mapped(text, *bounds, alternatives)
                for bounds in {(start, end), ctx.term_bounds}
            )
        ):
            return True
        # The old wording of a changed text, quoted or with its replacement later on.
        later = text[end:].lower()
        if (
            quoted_alone(text, *ctx.term_bounds) is not None
            or any(a in later for a in alternatives if len(a) > 3)
        ) and self.tells_old_wording(ctx.doc):
            return True
        # A pair of terms that names its kind: "he/him pronouns", "whitelist/blacklist terms".
        following = words_after_in(text, end, 1)
        if ctx.list_size > 1 and following and following[0] in self.nouns:
            return True
        for bounds in {ctx.term_bounds, (start, end)}:
            quoted = quoted_alone(text, *bounds)
            if quoted is None:
                continue
            opening, closing = quoted
            if self.talks_about_words(ctx.doc):
                return True
            if ctx.quoted_in_sentence > 1 or self._quoted_with_cue(text, opening, closing):
                return True
            # A quoted word alone in brackets glosses the words before it: "the mail
            # technique ("greylisting")".
            if text[opening - 2 : opening - 1] == "(" and text[closing + 1 : closing + 2] == ")":
                return True
            # A sentence does not open with scare quotes: '"Gypsy" is an exonym'.
            if _BULLET.fullmatch(text, sentence_start(text, opening - 1), opening - 1):
                return True
            if self._about_the_word(text, opening - 1, closing + 1):
                return True
        passage = quoted_passage(text, start, end)
        if passage is not None and (
            self.named_as_a_word(text, passage[0] - 1)
            or self.reported(text, passage[0] - 1)
            or self.talks_about_words(ctx.doc, pointing=True)
            or self._beside_another_quotation(text, *passage)
            or (
                _BULLET.fullmatch(text, sentence_start(text, passage[0] - 1), passage[0] - 1)
                and not text[passage[1] + 1 :].strip(" \t\n.,;:")
            )
        ):
            return True  # 'the phrase "a ghetto fix"', a table cell '"a whitelist"'
        emphasis = emphasis_bounds(ctx)
        if emphasis is None:
            return False
        if emphasized_entry(ctx.source, *emphasis):
            return True
        # Emphasis has no marks in the prose: the words around it are the cues.
        words_before = words_before_in(text, start, 3)
        return self._about_the_word(text, start, end) or any(
            word in self.cues_before | self.quoted_gloss_cues for word in words_before
        )
