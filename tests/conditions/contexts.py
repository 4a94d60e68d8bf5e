"""Hand-built match contexts: a Doc from the project's pipeline and a term in it."""

from __future__ import annotations

import re

from allylint.conditions.context import MatchContext
from allylint.conditions.language import Condition, compile_condition
from allylint.engine.nlp import get_pipeline


def context_for(
    text: str,
    term: str,
    occurrence: int = 0,
    context: str = "prose",
    before: str = "",
    *,
    terms: tuple[str, ...] = (),
    markup: str | None = None,
    alternatives: tuple[str, ...] = (),
) -> MatchContext:
    """The context of the ``occurrence``-th word ``term`` in ``text``, as the engine builds
    it; ``before`` is the file's text before ``text``. ``terms``, when given, is the list
    of terms the match stands in, as the engine finds it (``term`` among them);
    ``markup`` is the file's text when it is not ``text`` itself (emphasis marks and
    all), with the list of terms at the same occurrence; ``alternatives`` are what the
    rule offers instead."""
    pipeline = get_pipeline()
    doc = pipeline.nlp(text)
    found = list(re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text))
    start, end = found[occurrence].span()
    span = doc.char_span(start, end, alignment_mode="expand")
    assert span is not None, f"{term!r} is not on token boundaries in {text!r}"
    words = terms or (term,)
    list_start = text.index(words[0], max(0, start - 200)) if terms else start
    list_end = text.index(words[-1], list_start) + len(words[-1]) if terms else end
    source = markup if markup is not None else before + text
    file_start = source.index(text[list_start:list_end].split()[0]) if markup else list_start
    file_end = (
        source.index(words[-1], file_start) + len(words[-1]) if markup else list_end + len(before)
    )
    return MatchContext(
        doc=doc,
        span=span,
        tagged=pipeline.tagged,
        context=context,
        source=source,
        source_offset=len(before),
        start_char=start,
        end_char=end,
        list_start=list_start,
        list_end=list_end,
        list_size=len(words),
        file_start=file_start + (0 if markup else len(before)),
        file_end=file_end,
        alternatives=frozenset(alternatives),
    )


def holds(condition: dict, text: str, term: str, **where) -> bool:
    """Does ``condition`` (as a rule file writes it) hold for ``term`` in ``text``?"""
    compiled: Condition = compile_condition(condition)
    return compiled.holds(context_for(text, term, **where))
