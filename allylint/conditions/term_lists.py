"""Lists of terms in a row: words talked about, or a noun phrase in use.

Three or more terms with only separators between them usually name words
("whitelist, blacklist, master"; "master, slave and whitelist are gone"). A list
that is coordinated ("and" or "or" among its joiners) and used as a noun phrase
says something with them: after a word that opens a noun phrase ("for an authoress,
poetess or comedienne") or before its head noun ("add cameraman, doorman and hostess
roles").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from allylint.conditions import lexicons
from allylint.conditions.wording import words_before_in

_MIN_LIST = 3  # terms in a row that make a list of words, not prose
_COORDINATED = re.compile(r"[\s,](?:and|or)\s", re.IGNORECASE)
_HEAD_AFTER = re.compile(r"[ \t]+([^\W\d_]+)")  # the next word, with nothing but spaces between


@dataclass(frozen=True)
class ListCues:
    openers: frozenset[str] = lexicons.from_lexicons("list-openers")
    # Words after a list that are no head noun of it: verbs, function words, and the
    # nouns and predicates that talk about words ("... terms", "... are gone").
    non_heads: frozenset[str] = lexicons.from_lexicons(
        "list-non-heads", "mention-nouns", "nouns-for-words", "mention-predicates"
    )

    def used(self, text: str, start: int, end: int) -> bool:
        """Is the list of terms in ``text[start:end]`` a noun phrase in use?"""
        if "/" in text[start:end] or not _COORDINATED.search(text, start, end):
            return False
        before = words_before_in(text, start, 2)
        if before and (before[-1] in self.openers or " ".join(before) in self.openers):
            return True
        # A head noun follows the list directly: "(see below)" or ": these are old" is
        # no head.
        head = _HEAD_AFTER.match(text, end)
        return head is not None and head.group(1).lower() not in self.non_heads


def names_words(size: int, text: str, start: int, end: int) -> bool:
    """Do the ``size`` terms listed in ``text[start:end]`` name words, not used?"""
    return size >= _MIN_LIST and not lexicons.cues(ListCues).used(text, start, end)
