"""What a condition sees: the match in its spaCy ``Doc``, and ways to walk it.

Facts worked out once per document are kept in spaCy extension attributes of
the ``Doc`` (``doc._.allylint_sentence_starts``, ...), registered on first use.
Registration leaves alone any extension another program registered: a name
already taken with another meaning is an error, never overwritten.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from allylint.engine.spelling import fold, fold_typography, is_joiner

if TYPE_CHECKING:  # spaCy is imported only once some text needs it
    from spacy.tokens import Doc, Span, Token

T = TypeVar("T")

# The Doc extensions allylint keeps its per-document facts in, each None until set.
SENTENCE_STARTS = "allylint_sentence_starts"  # the index of each sentence's first token
REFERENTS = "allylint_referents"  # antecedent finder -> where possible referents stand
TEXT = "allylint_text"  # the document's text: spaCy's Doc.text joins every token anew
WORD_FORMS = "allylint_word_forms"  # each word's index and forms, for the word-list conditions
DOC_EXTENSIONS = (SENTENCE_STARTS, REFERENTS, TEXT, WORD_FORMS)
_UNSET = (None, None, None, None)  # spaCy's (default, method, getter, setter) of ours


class ExtensionClash(RuntimeError):
    """Another program registered one of allylint's Doc extensions differently."""


@functools.cache
def register_extensions() -> None:
    """Register allylint's Doc extensions once per process; idempotent."""
    from spacy.tokens import Doc

    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
        elif Doc.get_extension(name) != _UNSET:
            raise ExtensionClash(f"spaCy's Doc._.{name} is registered with another meaning")


def once_per_doc(doc: Doc, name: str, compute: Callable[[], T]) -> T:
    """The Doc extension ``name`` of ``doc``, computed and kept on first use."""
    try:
        value = getattr(doc._, name)
    except AttributeError:  # not registered yet
        register_extensions()
        value = None
    if value is None:
        value = compute()
        setattr(doc._, name, value)
    return value


# Sentences end at their punctuation (blank lines, which markup adds freely, do not count).
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
_PROSE_REACH = 8000  # characters of the file before a window read for earlier sentences
# Markup left out of the prose before a window: elements that make blocks end a
# line, as they do on the page; other tags, entities and template braces are gaps.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|title|head|body|html|li|ul|ol|dl|dt|dd|table|tr|td|th|br|hr|pre"
    r"|blockquote|section|article|header|footer|nav|aside|main|meta|link)\b[^<>]*>",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"<[^<>]*>|&#?\w+;|\{[^{}\n]*\}")


@dataclass(frozen=True)
class MatchContext:
    """What a condition can look at: the matched tokens and their document."""

    doc: Doc
    span: Span
    tagged: bool
    context: str = "prose"  # where the text stands: "paragraph", "comment", "docstring", ...
    # The file's text and where this document (window) starts in it: what stands
    # before the window, for conditions that look further back than their sentence.
    source: str = ""
    source_offset: int = 0
    # Where in ``doc.text`` the matched term stands; ``span`` covers whole tokens and
    # can be longer ("slave.jar" for "slave"). Negative: the span's own bounds.
    start_char: int = -1
    end_char: int = -1
    # What the rule offers instead of the matched term: a sentence that names one of
    # them beside the term may be talking about the term (see conditions.mentions).
    alternatives: tuple[str, ...] = ()
    # The list of rule terms the match stands in ("whitelist/blacklist, master/slave,
    # sanity check": terms with only separators between them), in ``doc.text``; its
    # number of terms; and where the list stands in ``source``. Negative: the term alone.
    list_start: int = -1
    list_end: int = -1
    list_size: int = 1
    # How many candidate terms of the match's sentence stand quoted on their own.
    quoted_in_sentence: int = 0
    # The heading right above the window's paragraph (a commit message's subject above
    # its body, a section title above its first paragraph): part of its passage.
    heading: str = ""
    # The ``group`` of the rule term that matched ("" for none).
    term_group: str = ""
    file_start: int = -1
    file_end: int = -1

    @property
    def term_bounds(self) -> tuple[int, int]:
        if self.start_char < 0:
            return self.span.start_char, self.span.end_char
        return self.start_char, self.end_char

    @property
    def list_bounds(self) -> tuple[int, int]:
        """Where the list of terms the match stands in is, in ``doc.text`` (the term's
        own bounds when it stands alone)."""
        if self.list_start < 0:
            return self.term_bounds
        return self.list_start, self.list_end

    @functools.cached_property
    def prose_before(self) -> str:
        """The file's text before this document, as far as a few thousand characters
        reach, with markup tags, entities and template braces left out: what a pronoun
        may refer back to, the same for a page in HTML and in plain text."""
        text = self.source[max(0, self.source_offset - _PROSE_REACH) : self.source_offset]
        return _MARKUP.sub(" ", _BLOCK_TAG.sub("\n", text))

    @functools.cached_property
    def sent(self) -> Span:
        return sentence_of(self.span[0])

    @property
    def text(self) -> str:
        """The document's text, worked out once per document."""
        return doc_text(self.doc)


def doc_text(doc: Doc) -> str:
    """``doc.text``, which spaCy builds from every token on each call, kept once built."""
    return once_per_doc(doc, TEXT, lambda: doc.text)


def last_sentences(text: str, count: int) -> str:
    """The last ``count`` sentences of ``text``, by their punctuation."""
    if count <= 0:
        return ""
    starts = [0, *(m.end() for m in _SENTENCE_END.finditer(text))]
    if len(starts) > 1 and not text[starts[-1] :].strip():
        starts.pop()  # the text ends with a full sentence
    return text[starts[-count] if count <= len(starts) else 0 :]


def token_forms(token: Token) -> tuple[str, str]:
    """The folded text and folded lemma of a token.

    spaCy keeps every token's lowercase form (``lower_``, ``str.lower`` of its
    text); only non-ASCII text has typography left to fold."""
    lower = token.lower_
    if not lower.isascii():
        lower = fold_typography(lower)
    lemma = token.lemma_
    return lower, lemma if lemma == lower else fold(lemma)


def word_forms(doc: Doc) -> tuple[list[int], list[tuple[str, str]]]:
    """The index of every word of ``doc`` (see ``is_word``) and its ``token_forms``,
    worked out once: the word-list conditions read a sentence or a whole window for
    each candidate, and a spaCy Token is costly to make."""

    def compute() -> tuple[list[int], list[tuple[str, str]]]:
        words = [token for token in doc if is_word(token)]
        return [token.i for token in words], [token_forms(token) for token in words]

    return once_per_doc(doc, WORD_FORMS, compute)


_TEXT_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def text_forms(text: str) -> list[tuple[str, str]]:
    """The folded words of plain text (not parsed by spaCy) with their lemmas from the
    lookup table, as ``token_forms`` gives them for tokens."""
    from allylint.engine.nlp import lemma_table

    table = lemma_table()
    words = _TEXT_WORD.findall(fold(text))
    return [(word, table.get(word, word)) for word in words]


def is_word(token: Token) -> bool:
    """Not white space and not a joiner between words (the hyphen of "double-blind")."""
    return token.is_alpha or not (token.is_space or is_joiner(token.text))


def _sentence_starts(doc: Doc) -> list[int]:
    starts = [token.i for token in doc if token.is_sent_start]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return starts


def sentence_of(token: Token) -> Span:
    """The sentence ``token`` stands in (spaCy's ``token.sent`` scans the document
    from its start on every call)."""
    doc = token.doc
    starts: list[int] = once_per_doc(doc, SENTENCE_STARTS, lambda: _sentence_starts(doc))
    index = bisect_right(starts, token.i)
    end = starts[index] if index < len(starts) else len(doc)
    return doc[starts[index - 1] : end]


def first_word_index(sent: Span) -> int:
    """The index of the first word (letters or a number) of a sentence."""
    for token in sent:
        if token.is_alpha or token.like_num:
            return token.i
    return sent.start


def last_word_index(sent: Span) -> int:
    for token in reversed(sent):
        if token.is_alpha or token.like_num:
            return token.i
    return sent.end - 1


def alone(token: Token) -> Span:
    """The span of just ``token``."""
    return token.doc[token.i : token.i + 1]


def words_before(span: Span, limit: int) -> list[Token]:
    """Up to ``limit`` words before ``span`` in its sentence, nearest last."""
    doc = span.doc
    found: list[Token] = []
    if span.start >= len(doc) or doc[span.start].is_sent_start:
        return found
    index = span.start - 1
    while index >= 0 and len(found) < limit:
        token = doc[index]
        if is_word(token):
            found.append(token)
        if token.is_sent_start:
            break
        index -= 1
    found.reverse()
    return found


def words_after(span: Span, limit: int) -> list[Token]:
    """Up to ``limit`` words after ``span`` in its sentence, nearest first."""
    doc = span.doc
    index = span.end
    found: list[Token] = []
    while index < len(doc) and len(found) < limit:
        token = doc[index]
        if token.is_sent_start:
            break  # the next sentence
        if is_word(token):
            found.append(token)
        index += 1
    return found


def token_is(token: Token, word: str) -> bool:
    """Is ``word`` (folded) the token's text or lemma?"""
    return word in token_forms(token)
