"""The language gate: is the passage around a candidate in a language we check?

The rules are English, and a word of another language can look like a rule
term: Turkish "her" means "each", Spanish "he" is "I have". Translated pages,
and passages left in another language inside an English page, are skipped.

Cheap first. Only passages around a candidate are judged, and most are settled
without a model: text whose words include enough of the common English function
words (the lexicon ``english-function-words``) is English, and so is text written
in ASCII letters with none of the common function words of the other languages
(``other-language-function-words``): code, names and fragments. The rest goes to
py3langid, a maintained fork of langid.py that ships its model (97 languages,
naive Bayes over byte n-grams): on sentences around rule terms in translated
and English documentation it was as accurate as any candidate library measured,
needs nothing but numpy (which spaCy already brings) and never downloads
anything (docs/accuracy/README.md has the comparison). Its model is loaded the
first time a passage needs it. It tells apart the languages documentation is
commonly written in (the lexicon ``detected-languages``, plus the configured
ones), and a passage counts as another language only when the model gives
the checked languages less than ``CHECKED_DOUBT`` of its probability: code and
fragments otherwise read as Esperanto or Dutch.

A sentence of fewer than ``MIN_WORDS`` words (a heading, a table cell) tells
too little, so its paragraph decides, and when that is short too, the
document's prose does.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from allylint.conditions import lexicons
from allylint.engine.nlp import is_english_word

ENGLISH = "en"
MIN_WORDS = 8  # words a passage needs before its language is judged
MIN_SHORT_WORDS = 4  # words a text needs to be judged alone when nothing longer is around
# Below this probability of the checked languages together, a passage is in another one.
CHECKED_DOUBT = 0.1
_MAX_PASSAGE = 600  # characters of a passage the model reads
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
# Markdown attribute lists and template tags ("{ #install }", "{{< relref >}}")
# are markup left in prose; their words would read as English.
_BRACED = re.compile(r"\{[^{}\n]*\}")
_SENTENCE_END = re.compile(r"[.!?;:](?=\s)|\n\s*\n")
_SENTENCE_REACH = 2000  # characters either side where a sentence's ends are looked for
_FUNCTION_WORDS_NEEDED = 2  # distinct function words that settle a passage as English
_FUNCTION_WORD_SHARE = 0.15  # and their share of its words
# ASCII text is English without the model when at least half its distinct lowercase
# words are English ("Bitte trage alle Adressen in die Whitelist" has three of ten).
_ENGLISH_SHARE_DENOMINATOR = 2
# Code in a passage: URLs, addresses and identifiers ("ci-kubernetes-e2e-gce").
_CODE_TOKEN = re.compile(r"\S*[@/\\_\d]\S*|\S*\w-\w\S*")


@functools.cache
def _identifier(languages: frozenset[str]) -> Any:
    """py3langid's identifier with its shipped model, loaded on first use, telling
    apart the documentation languages and ``languages``."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = set(identifier.nb_classes)
    identifier.set_languages(sorted((lexicons.words("detected-languages") | languages) & known))
    return identifier


def detect(text: str, languages: frozenset[str] = frozenset({ENGLISH})) -> str:
    """The ISO 639-1 code of the language of ``text`` when it is none of
    ``languages`` beyond doubt (``CHECKED_DOUBT``), else ""."""
    ranked = _identifier(languages).rank(text[:_MAX_PASSAGE])
    if sum(probability for code, probability in ranked if code in languages) >= CHECKED_DOUBT:
        return ""
    return str(ranked[0][0])


def words_of(text: str) -> list[str]:
    return _WORD.findall(_BRACED.sub(" ", text))


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence of ``text`` that holds ``text[start:end]`` starts and ends,
    by punctuation, looked for within _SENTENCE_REACH characters either side: text of
    one endless sentence costs linear time, not quadratic."""
    low, high = max(0, start - _SENTENCE_REACH), min(len(text), end + _SENTENCE_REACH)
    before = [m.end() for m in _SENTENCE_END.finditer(text, low, start)]
    after = _SENTENCE_END.search(text, end, high)
    return before[-1] if before else low, after.start() if after else high


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``text[start:end]``."""
    first, last = sentence_bounds(text, start, end)
    return text[first:last]


@dataclass(frozen=True)
class LanguageCues:
    """The words that settle a passage as English without the model."""

    english_function_words: frozenset[str] = lexicons.from_lexicons("english-function-words")
    other_language_function_words: frozenset[str] = lexicons.from_lexicons(
        "other-language-function-words"
    )

    def obviously_english(self, words: Sequence[str], text: str | None = None) -> bool:
        """Enough English function words among ``words`` (those of ``text``); or ASCII
        letters with no function word of another language, whose lowercase words are
        mostly English (names, and code such as URLs, addresses and identifiers, aside):
        what the model would not take for another language, so that most runs never
        load it."""
        lowered = [word.lower().replace("\u2019", "'") for word in words]
        found = {word for word in lowered if word in self.english_function_words}
        if len(found) >= _FUNCTION_WORDS_NEEDED:
            share = sum(1 for word in lowered if word in self.english_function_words)
            if share / len(lowered) >= _FUNCTION_WORD_SHARE:
                return True
        if not all(word.isascii() for word in lowered):
            return False
        if not self.other_language_function_words.isdisjoint(lowered):
            return False
        prose = words_of(_CODE_TOKEN.sub(" ", " ".join(words) if text is None else text))
        # Distinct words: a table's repeated units ("ns", "allocs") count once.
        common = {word for word in prose if word.islower()}
        english = sum(
            1 for word in common if word in self.english_function_words or is_english_word(word)
        )
        return english * _ENGLISH_SHARE_DENOMINATOR >= len(common)

    def maybe_foreign(self, words: Sequence[str]) -> bool:
        """Two function words of other languages and none of English among ``words``."""
        lowered = {word.lower().replace("\u2019", "'") for word in words}
        return len(
            lowered & self.other_language_function_words
        ) >= _FUNCTION_WORDS_NEEDED and lowered.isdisjoint(self.english_function_words)


@dataclass
class LanguageGate:
    """Decides, for passages of one document, whether each is in a checked language.

    ``document`` gives the document's prose when a passage is too short to judge
    alone; it is asked at most once. ``skipped`` counts the candidates left out,
    by language."""

    languages: frozenset[str]
    document: Callable[[], str]
    cues: LanguageCues = field(default_factory=lambda: lexicons.cues(LanguageCues))
    skipped: dict[str, int] = field(default_factory=dict)
    _document_language: str | None = None

    def _language(self, words: Sequence[str], text: str) -> str:
        if ENGLISH in self.languages and self.cues.obviously_english(words, text):
            return ENGLISH
        return detect(_BRACED.sub(" ", text), self.languages)

    def _of_document(self) -> str:
        if self._document_language is None:
            text = self.document()
            words = words_of(text)
            self._document_language = self._language(words, text) if len(words) >= MIN_WORDS else ""
        return self._document_language

    def language_of(self, sentence: str, paragraph: str) -> str:
        """The language of a candidate's sentence, judged from its paragraph or the
        document when the sentence is short; "" when nothing is long enough or the
        passage may be in a checked language."""
        for text in (sentence, paragraph):
            words = words_of(text)
            if len(words) >= MIN_WORDS:
                return self._language(words, text)
        language = self._of_document()
        if language:
            return language
        # A short text alone ("Remplacez la lame du rasoir chaque mois."): the model
        # judges it only when function words of another language, and none of
        # English, say it may be in one.
        words = words_of(paragraph)
        if len(words) >= MIN_SHORT_WORDS and self.cues.maybe_foreign(words):
            return self._language(words, paragraph)
        return ""

    def admits(self, sentence: str, paragraph: str) -> bool:
        """Is the candidate's passage in a checked language? Counts it if not."""
        language = self.language_of(sentence, paragraph)
        if not language or language in self.languages:
            return True
        self.skipped[language] = self.skipped.get(language, 0) + 1
        return False
