"""The spaCy pipeline, built once per process and only when some text needs it.

By default this is a blank English pipeline (tokenizer, a lookup lemmatizer fed
by spaCy's English lemma table and the rule-based sentencizer): everything installs
from the package registries and nothing is downloaded at run time. When a
trained English pipeline is installed (``en_core_web_sm`` and friends, or the
package named by ``ALLYLINT_SPACY_MODEL``), it is used instead, and rule
conditions on part of speech and named entities use its tagger and parser.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import logging
import os
import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

MODEL_ENV = "ALLYLINT_SPACY_MODEL"
_TRAINED_PIPELINES = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")
_LEMMATIZER = "allylint_lemmatizer"
LEMMA_TABLE = "en_lemma_lookup.json.gz"


@dataclass(frozen=True)
class Pipeline:
    nlp: Language
    tagged: bool
    name: str


@functools.cache
def _lemma_table() -> tuple[dict[str, str], frozenset[str]]:
    """spaCy's English lemma lookup table (inflected form to lemma), and its lemmas.

    The table ships in allylint's package data (data/NOTICE.txt says where it comes
    from and its licences): it is the one table allylint uses of the 99 MB
    ``spacy-lookups-data`` package."""
    data = resources.files("allylint.engine").joinpath("data", LEMMA_TABLE).read_bytes()
    table: dict[str, str] = json.loads(gzip.decompress(data))
    return table, frozenset(table.values())


def lemma_table() -> dict[str, str]:
    """Inflected form to lemma, as the blank pipeline's lemmatizer reads words."""
    return _lemma_table()[0]


def is_english_word(word: str) -> bool:
    """Is the lowercase ``word`` in the lookup tables' English vocabulary (an inflected
    form or a lemma)? A word that is not ("pnkfelix", "jdoe") may be a user name."""
    table, lemmas = _lemma_table()
    return word in table or word in lemmas


def _register_lemmatizer() -> None:
    from spacy.language import Language

    if Language.has_factory(_LEMMATIZER):
        return

    @Language.factory(_LEMMATIZER)
    def make_lemmatizer(nlp: Language, name: str) -> object:
        table, _ = _lemma_table()

        def lemmatize(doc: Doc) -> Doc:
            # spaCy's lookup table is case-sensitive; rule words are compared in lowercase.
            for token in doc:
                lower = token.lower_
                token.lemma_ = table.get(lower, lower)
            return doc

        return lemmatize


# A git revision's operators after a branch name ("master^", "main~2") are no part of
# the word: split off, the branch name is a token of its own, as rules expect.
_REVISION_SUFFIXES = (r"\^+$", r"~\d*$")
# spaCy splits a hyphen between digits ("21-35") but not an en or em dash, which
# typeset text uses for ranges ("aged 20\u201328"): split, each bound is a number token.
_RANGE_DASH_INFIXES = (r"(?<=[0-9])[\u2013\u2014](?=[0-9])",)


def _customize_tokenizer(nlp: Language) -> None:
    from spacy.util import compile_infix_regex, compile_suffix_regex

    tokenizer = cast("Tokenizer", nlp.tokenizer)
    suffixes = [*(nlp.Defaults.suffixes or ()), *_REVISION_SUFFIXES]
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    infixes = [*(nlp.Defaults.infixes or ()), *_RANGE_DASH_INFIXES]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


_ABBREVIATION_JOINER = "allylint_abbreviations"
ABBREVIATIONS = "abbreviations.txt"


@functools.cache
def _abbreviation_before_number() -> re.Pattern[str]:
    """An abbreviation's full stop with a number after it ("max. 28", "fig. 3")."""
    text = resources.files("allylint.engine").joinpath("data", ABBREVIATIONS).read_text("utf-8")
    lines = (line.strip() for line in text.splitlines())
    words = sorted(line for line in lines if line and not line.startswith("#"))
    return re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, words)) + r")\.\s*(?=\d)", re.I)


def _register_abbreviation_joiner() -> None:
    from spacy.language import Language

    if Language.has_factory(_ABBREVIATION_JOINER):
        return

    @Language.factory(_ABBREVIATION_JOINER)
    def make_joiner(nlp: Language, name: str) -> object:
        pattern = _abbreviation_before_number()

        def join(doc: Doc) -> Doc:
            # The sentencizer ends a sentence at every full stop; after "max." a
            # number goes on with the same sentence. (A lowercase word may not: short
            # comments and commit bodies often open their sentences in lowercase.)
            # Found in the text, since making a Token of every word is slow.
            for match in pattern.finditer(doc.text):
                number = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
                if number is not None and number[0].idx == match.end():
                    number[0].is_sent_start = False
            return doc

        return join


def _blank_pipeline() -> Pipeline:
    import spacy

    _register_lemmatizer()
    _register_abbreviation_joiner()
    nlp = spacy.blank("en")
    _customize_tokenizer(nlp)
    nlp.add_pipe(_LEMMATIZER)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(_ABBREVIATION_JOINER)
    return Pipeline(nlp=nlp, tagged=False, name="blank English (lookup lemmas, sentencizer)")


def _trained_pipeline(name: str) -> Pipeline | None:
    import spacy

    try:
        nlp = spacy.load(name, exclude=["textcat"])
    except (OSError, ImportError, ValueError) as error:
        log.warning("could not load spaCy pipeline %s (%s); using the blank pipeline", name, error)
        return None
    _customize_tokenizer(nlp)
    return Pipeline(
        nlp=nlp, tagged=nlp.has_pipe("tagger") or nlp.has_pipe("morphologizer"), name=name
    )


def installed_trained_pipeline() -> str | None:
    """The trained pipeline to use, if any, found without importing spaCy."""
    requested = os.environ.get(MODEL_ENV, "").strip()
    if requested:
        return None if requested == "blank" else requested
    for name in _TRAINED_PIPELINES:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


@functools.cache
def get_pipeline() -> Pipeline:
    """The process-wide pipeline; the first call imports spaCy and builds it."""
    name = installed_trained_pipeline()
    if name:
        trained = _trained_pipeline(name)
        if trained is not None:
            return trained
    return _blank_pipeline()
