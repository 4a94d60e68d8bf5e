"""Regular English inflection for rule terms.

spaCy's lookup lemmatizer does not know coinages such as "whitelist", and a
trained lemmatizer gets them wrong ("whitelisted" -> "whiteliste"), so the
engine generates the inflected surface forms of every rule term itself, from
the base form written in the rule file, using English spelling rules.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

_VOWELS = "aeiou"
_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def _ends_consonant_y(word: str) -> bool:
    return len(word) > 1 and word.endswith("y") and word[-2] not in _VOWELS


def _doubles_final_consonant(word: str) -> bool:
    """True for one-syllable consonant-vowel-consonant words: man -> manned, stop -> stopped."""
    if len(word) < 3 or not word.isalpha():
        return False
    last, middle, before = word[-1], word[-2], word[-3]
    is_cvc = last not in _VOWELS + "wxy" and middle in _VOWELS and before not in _VOWELS
    return is_cvc and len(_VOWEL_GROUP.findall(word)) == 1


def plural(word: str) -> set[str]:
    """Noun plural (and verb third person singular)."""
    if word.endswith("man") and len(word) > 3:
        return {word[:-3] + "men"}
    if word == "man":
        return {"men"}
    if _ends_consonant_y(word):
        return {word[:-1] + "ies"}
    if word.endswith(_SIBILANT_ENDINGS):
        return {word + "es"}
    return {word + "s"}


def past(word: str) -> set[str]:
    if word.endswith("e"):
        return {word + "d"}
    if _ends_consonant_y(word):
        return {word[:-1] + "ied"}
    if _doubles_final_consonant(word):
        return {word + word[-1] + "ed"}
    return {word + "ed"}


def gerund(word: str) -> set[str]:
    if word.endswith("ie"):
        return {word[:-2] + "ying"}
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")) and len(word) > 2:
        return {word[:-1] + "ing"}
    if _doubles_final_consonant(word):
        return {word + word[-1] + "ing"}
    return {word + "ing"}


def inflections(word: str) -> set[str]:
    """The base form plus its regular plural, past and gerund forms.

    Only alphabetic words inflect; punctuation-bearing terms such as "s/he" do not.
    """
    if not word.isalpha():
        return {word}
    return {word} | plural(word) | past(word) | gerund(word)


def word_choices(words: Sequence[str], mode: str) -> list[set[str]]:
    """The forms each word of a term may take when the term inflects as ``mode``:
    its ``last`` word, its ``first``, ``all`` of them or ``none``."""
    last = len(words) - 1
    return [
        inflections(word)
        if mode == "all" or (mode == "last" and index == last) or (mode == "first" and index == 0)
        else {word}
        for index, word in enumerate(words)
    ]


def form_count(words: Sequence[str], mode: str) -> int:
    """How many word sequences ``word_choices`` allows, without listing them."""
    return math.prod(len(choice) for choice in word_choices(words, mode))


def transfer_inflection(original: str, base: str, replacement: str) -> str:
    """Inflect ``replacement`` the way ``original`` inflects ``base``.

    ``transfer_inflection("whitelisted", "whitelist", "allowlist") == "allowlisted"``.
    Falls back to the replacement's base form when the original is not a regular
    inflection of ``base``.
    """
    if original == base:
        return replacement
    for make in (plural, past, gerund):
        if original in make(base):
            return sorted(make(replacement))[0]
    return replacement
