"""Hand-built match contexts: a Doc from the project's pipeline and a term in it."""

from __future__ import annotations

import re

from allylint.conditions.context import MatchContext
from allylint.conditions.language import Condition, compile_condition
from allylint.engine.nlp import get_pipeline


def context_for(
    text: str, term: str, occurrence: int = 0, context: str = "prose", before: str = ""
) -> MatchContext:
    """The context of the ``occurrence``-th word ``term`` in ``text``, as the engine builds
    it; ``before`` is the file's text before ``text``."""
    pipeline = get_pipeline()
    doc = pipeline.nlp(text)
    found = list(re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text))
    start, end = found[occurrence].span()
    span = doc.char_span(start, end, alignment_mode="expand")
    assert span is not None, f"{term!r} is not on token boundaries in {text!r}"
    return MatchContext(
        doc=doc,
        span=span,
        tagged=pipeline.tagged,
        context=context,
        source=before + text,
        source_offset=len(before),
        start_char=start,
        end_char=end,
    )


def holds(condition: dict, text: str, term: str, **where) -> bool:
    """Does ``condition`` (as a rule file writes it) hold for ``term`` in ``text``?"""
    compiled: Condition = compile_condition(condition)
    return compiled.holds(context_for(text, term, **where))
