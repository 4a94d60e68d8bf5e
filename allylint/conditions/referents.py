"""Where the possible referents of a pronoun rule stand in one document, worked out
once per document and rule (``Antecedent`` in ``antecedents.py`` asks), so that a
text dense with pronouns costs linear time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allylint.conditions.context import MatchContext, last_sentences, sentence_of, token_forms
from allylint.conditions.names import HANDLE

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allylint.conditions.antecedents import Antecedent


class Referents:
    """Where the first possible referent of one rule stands in one document."""

    def __init__(self, finder: Antecedent, ctx: MatchContext) -> None:
        doc = ctx.doc
        handle = HANDLE.search(ctx.text)
        self.first_token = next(
            (t.i for t in doc if finder.could_be_referent(t, ctx.tagged)), len(doc)
        )
        self.first_handle = handle.start() if handle else len(ctx.text)
        subject = next((t for t in doc if finder.names.sentence_initial_subject(t)), None)
        self.first_subject = subject.i if subject else len(doc)
        self.first_subject_sentence_end = sentence_of(subject).end if subject else len(doc)
        self._doc = doc
        self._finder = finder
        self._in_text_before: bool | None = None

    def named_before(self, token: Token) -> bool:
        """Does a possible referent (or an @handle) stand before ``token``, or someone
        named at the start of a sentence: an earlier one, or this one with no role noun
        between ("Dana calls herself", not "Webpack bundles it for the user, and he")?"""
        if self.first_token < token.i or self.first_handle < token.idx:
            return True
        if self.first_subject >= token.i:
            return False
        return self.first_subject_sentence_end <= token.i or not any(
            token_forms(t)[0] in self._finder.nouns
            for t in self._doc[self.first_subject + 1 : token.i]
        )

    def named_in_text_before(self, ctx: MatchContext) -> bool:
        """The same question for the raw file text before the document: its pronouns
        share that text."""
        if self._in_text_before is None:
            before = last_sentences(ctx.prose_before, self._finder.isolated)
            self._in_text_before = self._finder.named_in(before)
        return self._in_text_before
