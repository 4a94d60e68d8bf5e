"""The prefilter: one compiled pass over lowercased text for every surface form.

Every term of every rule is expanded to its surface forms (inflections of the
chosen word, and the words of a phrase joined by a space, a hyphen, a line
break or nothing) and all of them are compiled into a single trie-shaped
regular expression. Running it over a segment's lowercased text finds every
candidate; text without one never reaches spaCy.

The expression is run by RE2 (``google-re2``) over the text's UTF-8 bytes: its
DFA reads the docs corpus at a dozen times the speed of Python's backtracking
``re``, whatever the number of terms, in time linear in the text. The
candidates are exactly those of the same expression in ``re``, whose word
characters (``str.isalnum``, of Python's Unicode version) decide where a word
ends: RE2 takes any character outside ASCII for a possible word end, and a
match that touches one is checked in ``re``.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import re2

from allylint.engine.spelling import JOINER_CLASS, fold, joined_key, without_joiners
from allylint.rules.inflect import word_choices
from allylint.rules.model import Rule, Term

_JOIN = "\x00"  # stands for a joiner or nothing inside the trie
# A compact class keeps the compiled expression small (it is built on every start);
# a match that spans a blank line is dropped afterwards.
_JOIN_PATTERN = JOINER_CLASS + "{0,6}"
# The same joiner for RE2, whose \s is ASCII only: every character str.isspace()
# accepts, as Python's \s does, and the hyphen.
SPACE_CHARACTERS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)
_RE2_JOIN_PATTERN = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in SPACE_CHARACTERS) + "\\-]{0,6}"
# Folded text is lowercase. Any character outside ASCII may end a word for RE2; Python,
# which knows its own Unicode version's word characters, checks those matches.
_RE2_NOT_WORD = "[^a-z0-9_]"
# The DFA of every term needs more than RE2's default 8 MiB of state cache, without
# which it falls back to a slow NFA; 64 MiB is twice what the docs corpus uses.
_RE2_MEMORY = 64 << 20
_BLANK_LINE = re.compile(r"(?:\r\n|\n|\r(?!\n))[ \t]*(?:\r\n|\n|\r(?!\n))")
_END = ""

# Where a candidate sits inside a URL, a path or inline code it is not prose.
_URL_START = re.compile(r"www\.|\(?<?https?:")
_EMAIL_HOST = re.compile(r"@\w+\.\w")
_LOOKBACK = 2000  # characters before a candidate searched for its line start
_NON_SPACE = re.compile(r"\S*")
_TAG = re.compile(r"</?[a-z][a-z0-9]*[^<>]*>")
# An emoji shortcode names a picture, not a person: ":policeman:", ":older_man:".
_EMOJI_SHORTCODE = re.compile(r"\(?:[a-z0-9_+\-]+:[.,;:!?)]*")
_OPTION_OR_EVENT = re.compile(r"(?:--|\+)[a-z]")
_PATH_EXTENSION = re.compile(r"\w\.[a-z][a-z0-9]{0,4}(?:$|[)\]>,;:'\"])")


def surface_forms(term: Term) -> set[tuple[str, ...]]:
    """Word sequences the term can take (before joining)."""
    return set(itertools.product(*word_choices(term.words, term.inflect)))


@dataclass(frozen=True)
class Candidate:
    """A place where a rule's term occurs; conditions have not been checked yet."""

    start: int
    end: int
    rule: Rule
    term: Term
    in_path: bool = False  # inside a file name or path: renaming it is the fix


Trie = dict[str, "Trie"]


def _render(node: Trie, joiner: str) -> str:
    branches = []
    optional = False
    for unit in sorted(node):
        if unit == _END:
            optional = True
            continue
        head = joiner if unit == _JOIN else re.escape(unit)
        branches.append(head + _render(node[unit], joiner))
    if not branches:
        return ""
    if len(branches) == 1 and not optional:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if optional else body


def trie_pattern(phrases: Iterable[Sequence[str]], joiner: str = _JOIN_PATTERN) -> str:
    """One pattern for every phrase (a sequence of words, with ``joiner`` between them),
    shaped as a trie: phrases that share a beginning share a branch, so that matching
    costs the same however many phrases there are."""
    trie: Trie = {}
    for words in phrases:
        node = trie
        for unit in _JOIN.join(words):
            node = node.setdefault(unit, {})
        node[_END] = {}
    return _render(trie, joiner) if trie else r"(?!x)x"


# Why a candidate is not prose: inside code or a URL, or inside a file name or path.
CODE = "code"
PATH = "path"

# example.com/..., a URL without its scheme: a top-level domain of letters, not a
# folder suffix such as conf.d/.
_HOST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?/")
_FILE_NAME_PART = re.compile(r"\w\.[a-z]")


def _urlish(word: str) -> bool:
    """A URL or an e-mail address: substring tests first, as words can be long."""
    return (
        "://" in word
        or _URL_START.match(word) is not None
        or ("@" in word and _EMAIL_HOST.search(word) is not None)
    )


def _non_space_run(text: str, start: int, end: int) -> int:
    """How many characters from ``start`` (up to ``end``) are not spaces."""
    run = _NON_SPACE.match(text, start, end)
    return run.end() - start if run else 0


def non_prose_kind(text: str, lowered: str, start: int, end: int) -> str | None:
    """Is the candidate inside code (inline code, a URL, an e-mail address, a
    qualified name or call) or inside a file name or path? None when it is prose."""
    # Look back a bounded stretch only: on a line of megabytes, every candidate must
    # not rescan the line from its start.
    horizon = max(0, start - _LOOKBACK)
    newline = lowered.rfind("\n", horizon, start)
    line_start = (
        max(newline, lowered.rfind("\r", max(newline + 1, horizon), start), horizon - 1) + 1
    )
    if lowered.count("`", line_start, start) % 2 == 1:
        return CODE
    # Inside a template tag ({{< relref "/security/cidr-whitelist" >}}, {% ... %}): code.
    opened = max(lowered.rfind("{{", line_start, start), lowered.rfind("{%", line_start, start))
    if (
        opened != -1
        and max(lowered.rfind("}}", opened, start), lowered.rfind("%}", opened, start)) == -1
    ):
        return CODE
    # The word around the candidate, as far as _LOOKBACK either way: in a run of
    # candidates without spaces ("whitelist,whitelist,..."), unbounded scans would
    # make the run cost quadratic time.
    word_start = start - _non_space_run(lowered[line_start:start][::-1], 0, start - line_start)
    word_end = end + _non_space_run(lowered, end, end + _LOOKBACK)
    # Markup tags and a comment marker written without a space ("//slave", "slaves.</i>")
    # are not part of a path.
    # In "[link text](https://...)" the text before "](" is prose, the rest a URL.
    link = lowered.find("](", word_start, word_end)
    if link != -1:
        word_start, word_end = (word_start, link) if end <= link else (link + 2, word_end)
    word = _TAG.sub("", lowered[word_start:word_end])
    if word.startswith("//") and "/" not in word[2:]:
        word = word[2:]
    if "`" in word or _urlish(word) or _EMOJI_SHORTCODE.fullmatch(word):
        return CODE
    if "\\" in word:  # C:\path\to or escaped markup
        return CODE
    # Attribute access and qualified names (settings.whitelist, Foo::master) and calls
    # (whitelist()) are code, though "blacklist(s)" is prose.
    qualifier = 3 if lowered.startswith("::", start - 2) else 2
    if start >= qualifier and lowered[start - 1] in ".:" and lowered[start - qualifier].isalnum():
        return CODE
    if lowered.startswith("(", end) and not lowered.startswith(("(s)", "(es)"), end):
        return CODE
    # A value assigned in code or a command line: TERM=dumb, --mode=master, and
    # quoted: role="slave".
    assigned = start - 1 if lowered[start - 1 : start] in {'"', "'"} else start
    if assigned >= 2 and lowered[assigned - 1] == "=" and lowered[assigned - 2].isalnum():
        return CODE
    bare = word.lstrip("\"'(<[*_")
    # A command-line option (--cluster-slave) or an event's name with its sign
    # (+slave-reconf-sent): names a program defines, written as it reads them.
    if _OPTION_OR_EVENT.match(bare):
        return CODE
    if _HOST.match(bare):
        return CODE
    if bare.startswith(("/", "~/", "./", "../")):
        return PATH
    # a/b/c is a path when it looks like one: lowercase, or with a file name in it;
    # "slaves/CLI/maven/whatever." in prose lists alternatives.
    if word.count("/") >= 2:
        original = _TAG.sub("", text[word_start:word_end])
        if original == original.lower() or _FILE_NAME_PART.search(word):
            return PATH
    tail = lowered[end:word_end]
    if _PATH_EXTENSION.match(lowered[end - 1 : end] + tail) and "." in tail[:1]:
        return PATH
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _re2_pattern(phrases: Sequence[tuple[str, ...]]) -> re2._Regexp | None:
    """The trie expression for RE2: a term between two characters that are not word
    characters (or the text's ends). The first is part of the match, so that the scan
    can skip to it, and each next search starts at the term, so that terms may
    overlap: "the poor" must not hide "poor man's" in "the poor man's". None when
    there are more terms than RE2 compiles within its memory (tens of thousands of
    phrases from ``extend-rules``)."""
    options = re2.Options()
    options.max_mem = _RE2_MEMORY
    options.log_errors = False
    body = trie_pattern(phrases, _RE2_JOIN_PATTERN) if phrases else "[^\\x00-\\x{10ffff}]"
    try:
        return re2.compile(f"{_RE2_NOT_WORD}({body})(?:{_RE2_NOT_WORD}|$)", options)
    except re2.error:
        return None


def _is_word_character(character: str) -> bool:
    """What Python's ``\\w`` matches in str patterns."""
    return character.isalnum() or character == "_"


class Prefilter:
    """Finds rule candidates in text with one compiled regular expression."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._by_key: dict[str, list[tuple[Rule, Term]]] = {}
        phrases: list[tuple[str, ...]] = []
        for rule in rules:
            for term in rule.terms:
                for words in surface_forms(term):
                    key = joined_key("".join(words))
                    entries = self._by_key.setdefault(key, [])
                    if (rule, term) not in entries:
                        entries.append((rule, term))
                    phrases.append(words)
        self._phrases = tuple(sorted(set(phrases)))
        self.pattern = _re2_pattern(self._phrases)

    @functools.cached_property
    def _exact_pattern(self) -> re.Pattern[str]:
        """The expression in Python's ``re``, for the rare match whose end RE2 and
        ``re`` could see differently: compiled only when one is met."""
        return re.compile(r"\W(?=(" + trie_pattern(self._phrases) + r")(?!\w))")

    def _matches(self, lowered: str) -> Iterator[tuple[int, int]]:
        """Where a term stands in ``lowered``, at every word start in order (a term
        that ends inside a longer one included)."""
        spaced = " " + lowered  # the space stands for the text's start; offsets are one less
        if self.pattern is None:  # more terms than RE2 compiles: Python's re reads them
            for found in self._exact_pattern.finditer(spaced):
                yield found.start(1) - 1, found.end(1) - 1
            return
        try:
            data = spaced.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: U+FFFD, a character no term holds
            data = _SURROGATE.sub("\ufffd", spaced).encode("utf-8")
        same_offsets = len(data) == len(spaced)
        search = self.pattern.search
        at_byte, at_char = 0, 0  # the last byte offset turned into a character offset
        position = 0
        while (match := search(data, position)) is not None:
            byte_start, byte_end = match.span(1)
            position = byte_start
            if same_offsets:
                start, end = byte_start - 1, byte_end - 1
            else:
                at_char += len(data[at_byte:byte_start].decode("utf-8"))
                at_byte = byte_start
                start = at_char - 1
                end = start + len(data[byte_start:byte_end].decode("utf-8"))
            if start and _is_word_character(lowered[start - 1]):
                continue  # after a word character outside ASCII ("éwhitelist")
            if end < len(lowered) and _is_word_character(lowered[end]):
                exact = self._exact_pattern.match(spaced, start)
                if exact is None:
                    continue
                end = exact.end(1) - 1
            yield start, end

    def candidates(self, text: str) -> Iterator[Candidate]:
        lowered = fold(text)
        covered = 0  # where the longest match so far ends
        for start, end in self._matches(lowered):
            if end <= covered:
                continue  # inside a longer match ("slave" in "master/slave"): not a term here
            covered = end
            if _BLANK_LINE.search(lowered, start, end):
                continue
            where = non_prose_kind(text, lowered, start, end)
            if where == CODE:
                continue
            matched_rules: list[Rule] = []
            for rule, term in self._by_key.get(joined_key(lowered[start:end]), ()):
                if term.case == "exact" and not _case_matches(text[start:end], term):
                    continue
                # In a file name or path ("slave.jar") only rules that ask for it.
                if where == PATH and not rule.in_paths:
                    continue
                # One candidate per rule: "whitelist" and "white list" share a key.
                if any(known is rule for known in matched_rules):
                    continue
                matched_rules.append(rule)
                yield Candidate(start, end, rule, term, in_path=where == PATH)

    def has_candidate(self, text: str) -> bool:
        """A cheap test for whole files: is there any candidate (outside URLs and inline
        code, and outside paths unless a rule asks for them)?"""
        return next(self.candidates(text), None) is not None


def _case_matches(original: str, term: Term) -> bool:
    """For ``case: exact`` terms: the original is written as the phrase is (suffixes aside)."""
    written = without_joiners(term.phrase)
    found = without_joiners(original)
    return found[: len(written)] == written
