"""Names of software, products and works, and phrases a project allows: where a
candidate stands inside one, it names a thing and is no finding.

A known name counts written with its capital ("Waitress"; "the waitress" is a
person) or in its capitals ("LAME"; "Lame" is the word). So do a command written
in capitals ("SENTINEL MASTER"), a capitalized word inside a sentence that the
noun of a product follows ("the Foreman tool"), a title that opens a sentence
which says what work or product it is ("Deranged is a 1974 horror film"), and a
word with a registered or trade mark after it ("Master Lock®"), a forge handle or
a package scope ("@crazy-dev", "@sanity/client"), a quoted title with its year
("'The Chinese Wall Security Policy' (1989)"), a language tag ("he-IL") and the
surname He before a given name ("He Wei"). So do the
capitalized title after the noun of a work ("the novella The Final Solution"), a
place ("Lesser Slave Lake", "the town of Oriental"), a title a sentence says is a
name ("Beach Body is the name of a company") and the title of a work in a reference
list ("Isenberg, Nancy. White Trash: The 400-Year Untold History. Viking, 2016.").
The names and nouns are lexicons (``software-names``, ``software-names-in-capitals``,
``product-nouns``, ``work-nouns``, ``titled-work-nouns``, ``place-nouns``,
``place-nouns-before``, ``institution-nouns``); a project adds its own with ``allow``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from allylint.conditions import lexicons
from allylint.engine.nlp import is_english_word
from allylint.engine.prefilter import trie_pattern

_ALLOW_JOINER = r"[\s\-]*"
_ALLOW_WORD_BREAK = re.compile(r"[\s\-]+")
TRADE_MARK = re.compile(r"\s?[\u00ae\u2122]")
# At a word's start only: started at every capital of a long hyphenated run ("A-A-A-"),
# the expression read the rest of the run each time, in quadratic time.
_COMMAND_NAME = re.compile(r"(?<![\w-])[A-Z][A-Z0-9_-]+(?:[ \t]+[A-Z][A-Z0-9_-]+)+\b")
# Anchored at a word's start, so that a run of capitals and hyphens is tried once.
_CAPITALIZED_THEN_WORD = re.compile(r"(?<![\w-])([A-Z][\w-]*)\s+([a-z]+)\b")
_SENTENCE_BEFORE = re.compile(r"(?:^|[.!?:]\s+|\n\s*)$")
_SENTENCE_BEFORE_REACH = 200  # characters looked back for a sentence's start: linear time
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
# A forge handle or a package scope is someone's or something's name: "@crazy-dev",
# "@sanity/client" (not the domain of an address, "ops@sanity.io").
_HANDLE_OR_SCOPE = re.compile(r"(?<![\w.])@[A-Za-z][\w-]*(?:/[\w.-]+)?")
# A quoted title with its year after it is a work cited: "Brewer and Nash, 'The
# Chinese Wall Security Policy' (1989)". Small words may stay in lowercase.
_QUOTED_TITLE_YEAR = re.compile(
    r"['\u2018\"\u201c]([A-Z][\w'-]*(?:[ \t]+(?:[A-Z][\w'-]*|of|the|and|for|in|on|a|an|to|with)"
    r"){1,12})['\u2019\"\u201d][ \t]*\((?:1[6-9]|20)\d\d\)"
)
# A language tag names a locale: "he-IL", "en_US" (Hebrew in Israel, not a pronoun).
_LANGUAGE_TAG = re.compile(r"(?<![\w-])[a-z]{2,3}[-_][A-Z]{2}(?![\w-])")
# "He" before a capitalized word outside the vocabulary is a surname with a given name
# ("He Wei", "He Kaiming"); "His Keys" in a heading is the pronoun.
_SURNAME_HE = re.compile(r"(?<![\w-])He[ \t]+([A-Z][a-z]+)\b")
_VERSION = re.compile(r"\s+v?\d+(?:\.\d+)+\b")
# A work or product numbered as a sequel or an edition: "Crusader Kings III", "Master
# of Orion II" (not "I", a pronoun, nor "V" or "X" alone, which are letters as often).
# Any capitalized run before such a numeral counts, so "Master Nodes Part II" in a
# heading is a name too: a numbered part is a title's.
_NUMBERED_TITLE = re.compile(
    r"(?<![\w'-])[A-Z][\w'-]*(?:[ \t]+(?:(?:of|the|and)[ \t]+)?[A-Z][\w'-]*){0,4}"
    r"[ \t]+(?:II|III|IV|VI|VII|VIII|IX|XI|XII)\b"
)


def allow_pattern(allow: Sequence[str]) -> re.Pattern[str] | None:
    """Phrases accepted project-wide (product names, say), matched like rule phrases:
    written apart, hyphenated or closed up. Words are split at spaces and hyphens alike,
    so that no joiner can be read two ways (a phrase "- - x" against a run of hyphens
    took time to the power of the joiners), and the phrases share one trie."""
    phrases = [
        tuple(word.lower() for word in _ALLOW_WORD_BREAK.split(phrase) if word) for phrase in allow
    ]
    phrases = [words for words in phrases if words]
    if not phrases:
        return None
    body = trie_pattern(phrases, _ALLOW_JOINER)
    return re.compile(r"(?<!\w)(?:" + body + r")(?!\w)", re.IGNORECASE)


def _defined_title_pattern(works: Iterable[str]) -> re.Pattern[str]:
    """A title that a sentence opens with and defines as a work or a product: "Deranged
    is a 1974 horror film", "Thugs of Hindostan is a 2018 Hindi film"."""
    return re.compile(
        # At a word's start only: a long run of capitals must not restart at each one.
        r"(?<![\w'-])([A-Z][\w'-]*(?:[ \t]+(?:of|the|and|in|on|a|[A-Z][\w'-]*)){0,6})"
        # What kind of work it is, in the words right after the article: "a 1974
        # horror film", not "a strong word for a show".
        # "is a ...", or an apposition: ", Terry Pratchett's 2004 novel", ", a 1974 film".
        r"(?:[ \t]+(?:is|was)[ \t]+(?:a|an)[ \t]+"
        r"|,[ \t]+(?:(?:a|an|the)[ \t]+|(?:[A-Z][\w-]*[ \t]+){0,2}[A-Z][\w-]*['\u2019]s[ \t]+))"
        r"(?:(?!(?:for|of|to|with|that|which|who|in|on|by|as|from|about)\b)[\w'-]+[ \t]+){0,4}?"
        r"(?:" + "|".join(sorted(map(re.escape, works))) + r")\b"
        # The kind ends the description: "a 1974 horror film.", "a band from Los
        # Angeles", not "a game of whack-a-mole" or "a company policy".
        r"(?=[ \t]*(?:[.,;:!?)\]]|$|\n|(?:by|from|in|released|directed|written|starring)\b))"
    )


# A title in capitals: capitalized words, with the short words titles keep in
# lowercase between them (never at its end), at most a dozen words.
_TITLE = (
    r"(?:(?:The|A|An)[ \t]+)?[A-Z][\w'-]*"
    r"(?:(?:[ \t]+(?:of|the|and|in|on|a|an|for|to|from|with|or))*[ \t]+[A-Z][\w'-]*){0,12}"
)
# At a word's start only, as every expression here that begins with a capital: a
# long run of capitals must not restart at each one.
_NAMED_AS_SUCH = re.compile(
    r"(?<![\w'-])(" + _TITLE + r")[ \t]+(?:is|was)[ \t]+the[ \t]+name[ \t]+of\b"
)
# A title with its author: "White Trash: The 400-Year Untold History of Class in
# America, by Nancy Isenberg" (a subtitle's words may open with a digit).
_AUTHORED_TITLE = re.compile(
    r"(?<![\w'-])(" + _TITLE + r"(?::[ \t]+" + _TITLE.replace("[A-Z]", "[A-Z0-9]") + r")?)"
    r",[ \t]+by[ \t]+[A-Z][\w'-]*[ \t]+(?:[A-Z]\.[ \t]+)?[A-Z][\w'-]*"
)
# A work named at a line's start (after its author's name, maybe) with its credit: its
# year, maybe with its maker, or its author: "Basket Case (Green Day, 1994) Added to
# the Track List", "Gentleman's Agreement (1947): Notes", "Tar Baby by Toni Morrison:
# Discussion Questions", "Toni Morrison, Tar Baby (1981), paperback".
_CREDITED_TITLE = re.compile(
    r"^[ \t]*(?:[-*+#>]+[ \t]+)?(?:[A-Z][\w'-]*[ \t]+[A-Z][\w'-]*,[ \t]+)?"
    r"(" + _TITLE + r"(?::[ \t]+" + _TITLE + r")?)"
    r"(?=[ \t]+\([^()\n]{0,40}\b(?:1[5-9]|20)\d\d\)"
    r"|[ \t]+by[ \t]+(?P<author>[A-Z][\w'-]*[ \t]+(?:[A-Z]\.[ \t]+)?[A-Z][\w'-]*))",
    re.MULTILINE,
)
# An entry of a reference list: "Surname, Given." or "Surname, G. (2016).", the
# title up to the next full stop, and a year somewhere on the line.
_REFERENCE_ENTRY = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+|\d+\.[ \t]+)?[A-Z][\w'-]+,[ \t]+[A-Z][^.\n]{0,40}?\.[ \t]+"
    r"(?:\((?:1[5-9]|20)\d\d[a-z]?\)\.[ \t]+)?([^.\n]{3,300})\.(?=[^\n]*\b(?:1[5-9]|20)\d\d\b)",
    re.MULTILINE,
)


def _titled_work_pattern(nouns: Iterable[str]) -> re.Pattern[str]:
    """The title after the noun of a work, quoted or not: "the 1894 book The Mohammedan
    Dynasties", 'Prensky's 2001 essay "Digital Natives, Digital Immigrants"' (a title's
    comma and the capitalized words after it belong to it)."""
    words = "|".join(sorted(map(re.escape, nouns)))
    title = _TITLE + r"(?:,[ \t]+" + _TITLE + r")*"
    return re.compile(r"(?<![\w-])(?:" + words + r")[ \t]+[\"\u201c]?(" + title + r")")


# A title after its author's possessive, with its capitalized article or its year:
# "Dostoevsky's The Idiot" (in mid-sentence an article has a capital only as a title's
# first word), "Ackerley's Hindoo Holiday (1932)".
_YEAR_AFTER = r"(?=[ \t]*\((?:1[5-9]|20)\d\d\))"
_AUTHORS_TITLE = re.compile(
    r"(?<![\w-])[A-Z][\w-]*['\u2019]s[ \t]+"
    rf"((?:The|A|An)[ \t]+{_TITLE}|{_TITLE}{_YEAR_AFTER})"
)


def _place_pattern(places: Iterable[str], before: Iterable[str]) -> re.Pattern[str]:
    """A place's name: capitalized words and then a place's noun, "Lesser Slave Lake",
    or capitalized words after a place's noun and "of", "the town of Oriental"."""
    words = "|".join(sorted(re.escape(place.capitalize()) for place in places))
    nouns = "|".join(sorted(map(re.escape, before))) or "(?!)"  # no nouns: nothing
    # One capitalized word after "of": a Title Case heading capitalizes what follows too.
    return re.compile(
        r"(?<![\w-])(?:[A-Z][\w'-]*[ \t]+){1,3}(?:" + words + r")\b"
        r"|(?<![\w-])(?i:" + nouns + r")[ \t]+of[ \t]+[A-Z][\w'-]*"
    )


def _institution_pattern(nouns: Iterable[str]) -> re.Pattern[str]:
    """A law's, a body's or a program's name: capitalized words (with "for", "of",
    "the" and "and" between) up to one of the ``nouns``, and a "for the ..." (or "on
    ...") of capitalized words after it ("Supportive Housing for the Elderly", "the
    National Center on Birth Defects")."""
    words = "|".join(sorted(re.escape(noun.capitalize()) for noun in nouns)) or "(?!)"
    return re.compile(
        r"(?<![\w'-])(?:[A-Z][\w'-]*[ \t]+(?:(?:for|of|the|and)[ \t]+){0,2}){1,5}"
        r"(?:" + words + r")\b"
        r"(?:[ \t]+(?:for|of|on)[ \t]+(?:the[ \t]+)?[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*){0,3})?"
    )


def _command_words(run: str) -> bool:
    """A command's words are mostly English words in capitals ("CLUSTER SLAVES",
    "SLAVEOF NO ONE"); acronyms side by side are a thing's abbreviations, with the
    term one of them ("the DMZ VLAN", "a MASTER VM")."""
    words = run.split()
    english = sum(is_english_word(word.lower()) for word in words)
    return english > len(words) - english


def _credit_names(match: re.Match[str]) -> bool:
    """A year always credits a work; "by" and two capitalized words do when they are a
    name ("by Toni Morrison"), not words ("How Our CI Got Raped by Flaky Tests")."""
    author = match.group("author")
    return author is None or not all(is_english_word(word.lower()) for word in author.split())


def _opens_sentence(text: str, start: int) -> bool:
    return _SENTENCE_BEFORE.search(text, max(0, start - _SENTENCE_BEFORE_REACH), start) is not None


def _word_after(text: str, end: int) -> str:
    found = _NEXT_WORD.match(text, end)
    return found.group(1).lower() if found else ""


class NameFinder:
    """Finds the spans of names in a segment's text, with the built-in lexicons and
    a project's own ``names``."""

    def __init__(self, names: Sequence[str] = ()) -> None:
        self._names = allow_pattern([*lexicons.words("software-names"), *names])
        self._place_names = allow_pattern(sorted(lexicons.words("place-names")))
        self._people = lexicons.words("people-nouns")
        self._in_capitals = allow_pattern(sorted(lexicons.words("software-names-in-capitals")))
        self._things = lexicons.words("product-nouns")
        self._defined_titles = _defined_title_pattern(self._things | lexicons.words("work-nouns"))
        self._work_titles = _titled_work_pattern(lexicons.words("titled-work-nouns"))
        self._places = _place_pattern(
            lexicons.words("place-nouns"), lexicons.words("place-nouns-before")
        )
        self._institutions = _institution_pattern(lexicons.words("institution-nouns"))

    def spans(self, text: str, prose: bool) -> list[tuple[int, int]]:
        """Where names stand in ``text``; ``prose`` is false for identifiers, where
        capitals and titles say nothing."""
        spans = []
        if self._names is not None:
            # Before a word for people the capital is a people's own ("a Black customer"),
            # not the formatter's.
            found = [
                m
                for m in self._names.finditer(text)
                if text[m.start()].isupper() and _word_after(text, m.end()) not in self._people
            ]
            # A sentence's first word has its capital from its place ("Sanity of the
            # time is the signer's concern"): a name there only when written so inside
            # a sentence too, or when a product's noun or a version follows
            # ("Waitress 3.0").
            inside = {m.group().lower() for m in found if not _opens_sentence(text, m.start())}
            spans = [
                m.span()
                for m in found
                if m.group().lower() in inside
                or not _opens_sentence(text, m.start())
                or _VERSION.match(text, m.end()) is not None
                or _word_after(text, m.end()) in self._things
            ]
        if self._place_names is not None:
            # A place's official name is one at a sentence's start too.
            spans += [
                m.span() for m in self._place_names.finditer(text) if text[m.start()].isupper()
            ]
        if self._in_capitals is not None:
            spans += [m.span() for m in self._in_capitals.finditer(text) if m.group().isupper()]
        spans += [m.span() for m in _HANDLE_OR_SCOPE.finditer(text)]
        spans += [m.span() for m in _LANGUAGE_TAG.finditer(text)]
        spans += [m.span(1) for m in _QUOTED_TITLE_YEAR.finditer(text)]
        spans += [
            m.span() for m in _SURNAME_HE.finditer(text) if not is_english_word(m.group(1).lower())
        ]
        for match in _CAPITALIZED_THEN_WORD.finditer(text):
            if match.group(2).lower() in self._things and not _opens_sentence(text, match.start()):
                spans.append(match.span(1))
        if prose:
            # Words in capitals side by side name a command: "SENTINEL MASTER",
            # "CLUSTER SLAVES". (An identifier split in words, MASTER_HOST, is checked.)
            spans += [m.span() for m in _COMMAND_NAME.finditer(text) if _command_words(m.group())]
            spans += [
                m.span(1)
                for pattern in (self._defined_titles, _NAMED_AS_SUCH, _AUTHORED_TITLE)
                for m in pattern.finditer(text)
                if _opens_sentence(text, m.start(1))
            ]
            spans += [m.span(1) for m in self._work_titles.finditer(text)]
            spans += [m.span(1) for m in _AUTHORS_TITLE.finditer(text)]
            spans += [m.span() for m in _NUMBERED_TITLE.finditer(text)]
            spans += [m.span() for m in self._places.finditer(text)]
            spans += [m.span() for m in self._institutions.finditer(text)]
            spans += [m.span(1) for m in _REFERENCE_ENTRY.finditer(text)]
            spans += [m.span(1) for m in _CREDITED_TITLE.finditer(text) if _credit_names(m)]
        return spans
