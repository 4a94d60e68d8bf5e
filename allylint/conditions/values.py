"""Reading the values of condition keys in rule files.

Every problem is a ConditionError naming the offending key; the rule loader
adds the file, line and rule. Where a condition takes a list of words, the
list may name a lexicon (``{lexicon: company-suffixes}``) or include one among
its words (``[{lexicon: determiners}, given, typical]``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from allylint.conditions.lexicons import builtin_lexicons
from allylint.engine.spelling import fold
from allylint.printable import bounded_repr


class ConditionError(ValueError):
    """A condition in a rule file is malformed; ``key`` names the offending key."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def _lexicon_words(key: str, reference: Mapping[str, Any]) -> tuple[str, ...]:
    name = reference.get("lexicon")
    if set(reference) != {"lexicon"} or not isinstance(name, str):
        raise ConditionError(
            key, f"'{key}' names a lexicon as {{lexicon: NAME}}, not {bounded_repr(reference)}"
        )
    lexicons = builtin_lexicons()
    if name not in lexicons:
        raise ConditionError(
            key,
            f"'{key}' names an unknown lexicon {bounded_repr(name)}; "
            f"expected one of {sorted(lexicons)}",
        )
    return lexicons[name].words


def word_list(key: str, value: Any, *, allow_empty: bool = False) -> tuple[str, ...] | None:
    """The words or phrases of ``value``, folded, with lexicon references expanded;
    None when ``value`` is not a list of words."""
    if isinstance(value, str | Mapping):
        value = [value]
    if not isinstance(value, list):
        return None
    found: list[str] = []
    for entry in value:
        if isinstance(entry, Mapping):
            found.extend(_lexicon_words(key, entry))
        elif isinstance(entry, str) and entry.strip():
            found.append(fold(entry))
        else:
            return None
    if not found and not allow_empty:
        return None
    return tuple(found)


def _booleans_hint(value: Any) -> str:
    """Why a list of words may hold a true or false: YAML reads bare yes, no, on and
    off as booleans."""
    if not isinstance(value, list):
        return ""
    if any(isinstance(entry, bool) for entry in value):
        return '; YAML reads bare yes, no, on, off, true and false as booleans: quote them ("on")'
    if any(isinstance(entry, int | float) for entry in value):
        return '; YAML reads bare numbers as numbers: quote them ("1945")'
    return ""


def phrases(key: str, value: Any) -> tuple[tuple[str, ...], ...]:
    """A non-empty list of words or phrases, each as its folded words."""
    found = word_list(key, value)
    if found is None:
        raise ConditionError(
            key, f"'{key}' takes a non-empty list of words or phrases{_booleans_hint(value)}"
        )
    return tuple(tuple(phrase.split()) for phrase in found)


def word_set(key: str, value: Any) -> frozenset[str]:
    """A list of words, possibly empty, as a set of folded words."""
    found = word_list(key, value, allow_empty=True)
    if found is None or isinstance(value, str):
        raise ConditionError(key, f"'{key}' takes a list of words{_booleans_hint(value)}")
    return frozenset(found)


def boolean(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConditionError(key, f"'{key}' takes true or false, not {bounded_repr(value)}")
    return value


def whole_number(key: str, value: Any, minimum: int, what: str) -> int:
    """A whole number of at least ``minimum``; ``what`` says what it takes."""
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ConditionError(key, f"'{key}' takes {what}")
    return value


def check_keys(key: str, value: Mapping[str, Any], allowed: set[str], required: set[str]) -> None:
    unknown = set(value) - allowed
    if unknown:
        raise ConditionError(
            key,
            f"'{key}' has unknown key(s) {bounded_repr(sorted(map(str, unknown)))}; "
            f"expected {sorted(allowed)}",
        )
    missing = required - set(value)
    if missing:
        raise ConditionError(key, f"'{key}' needs {sorted(missing)}")
