"""The rule engine: prefilter, then spaCy, then rule conditions.

For each segment the prefilter finds candidate terms. Only a window of text
around each candidate (its paragraph, at most a few hundred characters either
side) is run through spaCy, in one batch per file. Each candidate's rule then
checks its conditions on the tokens, and overlapping matches are resolved in
favour of the longest. Rules hold their conditions as data; the engine compiles
them once, when it is built, and keeps the compiled form to itself.
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from allylint.conditions.language import Condition, MatchContext, compile_condition
from allylint.conditions.marks import quoted_alone
from allylint.engine.gates import BLOCKS_BEFORE, Gate, Matched, RawText, rule_gate
from allylint.engine.languages import ENGLISH, LanguageGate, sentence_around, sentence_bounds
from allylint.engine.names import TRADE_MARK, NameFinder, allow_pattern
from allylint.engine.nlp import installed_trained_pipeline
from allylint.engine.prefilter import Candidate, Prefilter
from allylint.engine.spelling import fold, joined_key
from allylint.formats.chunks import merged_spans
from allylint.formats.segments import Segment
from allylint.rules.model import ConditionSpec, Rule, RuleSet, Term

_MAX_CONTEXT = 400  # characters of context either side of a candidate
_MAX_WINDOW = 1600  # characters of text one spaCy document may hold
_DOCUMENT_SAMPLE = 3000  # characters of a document's prose that judge its language
_PARAGRAPH_BREAK = re.compile(r"(?:\r?\n|\r)[ \t]*(?:\r?\n|\r)")
# What may stand between two terms of one list ("whitelist/blacklist, master/slave and
# sanity check"): a comma, slash, "or", "and", an arrow ("master -> slave" is a
# direction between two terms, not a renaming), and the quotation marks, emphasis
# and brackets around the terms.
_MARKS = r"[\s\"'\u201c\u201d\u2018\u2019*_()\[\]]*"
_LIST_SEPARATOR = re.compile(
    _MARKS
    + r"(?:,|/|;|&|->|\u2192|\bor\b|\band\b|\bnor\b)?"
    + _MARKS
    + r"(?:\b(?:or|and)\b"
    + _MARKS
    + ")?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Match:
    """A rule that holds at a span of the file's text (half-open offsets).

    ``fixable`` says whether the rule's safe fix applies here (its ``fix_when``
    conditions hold); ``term`` is the rule term that matched; ``context`` is where
    it stands: its segment's context ("paragraph", "comment", "identifier", ...),
    or "path" inside a file name or path.
    """

    start: int
    end: int
    rule: Rule
    term: Term
    fixable: bool = False
    context: str = "prose"


@dataclass
class _Window:
    segment: Segment
    start: int
    end: int
    candidates: list[Candidate] = field(default_factory=list)


def _window_bounds(
    text: str, break_starts: Sequence[int], break_ends: Sequence[int], start: int, end: int
) -> tuple[int, int]:
    """The paragraph around [start, end), cut to at most _MAX_CONTEXT characters each side."""
    index = bisect_right(break_ends, start) - 1
    paragraph_start = break_ends[index] if index >= 0 else 0
    index = bisect_left(break_starts, end)
    paragraph_end = break_starts[index] if index < len(break_starts) else len(text)

    window_start = max(paragraph_start, start - _MAX_CONTEXT)
    if window_start > paragraph_start:  # cut at a word boundary
        space = text.find(" ", window_start, start)
        window_start = space + 1 if space != -1 else window_start
    window_end = min(paragraph_end, end + _MAX_CONTEXT)
    if window_end < paragraph_end:
        space = text.rfind(" ", end, window_end)
        window_end = space if space != -1 else window_end
    return window_start, window_end


def _windows(segment: Segment, candidates: list[Candidate]) -> list[_Window]:
    breaks = [m.span() for m in _PARAGRAPH_BREAK.finditer(segment.text)]
    break_starts = [start for start, _ in breaks]
    break_ends = [end for _, end in breaks]
    windows: list[_Window] = []
    for candidate in candidates:
        start, end = _window_bounds(
            segment.text, break_starts, break_ends, candidate.start, candidate.end
        )
        # Neighbouring candidates share a window, but a window never grows past
        # _MAX_WINDOW: a long run of candidates must cost linear, not quadratic, time.
        if (
            windows
            and start <= windows[-1].end
            and windows[-1].segment is segment
            and max(windows[-1].end, end) - windows[-1].start <= _MAX_WINDOW
        ):
            last = windows[-1]
            last.end = max(last.end, end)
            last.candidates.append(candidate)
        else:
            windows.append(_Window(segment, start, end, [candidate]))
    return windows


@dataclass(frozen=True)
class _TermList:
    """Candidates with only list separators between them, in window coordinates."""

    start: int
    end: int
    size: int  # terms in the list: different places, not rules matching one place


def _term_lists(window: _Window) -> dict[int, _TermList]:
    """The list of terms each candidate of a window stands in, by candidate start."""
    text = window.segment.text
    places = sorted({(c.start, c.end) for c in window.candidates})
    groups: list[list[tuple[int, int]]] = []
    for start, end in places:
        if groups:
            last_end = groups[-1][-1][1]
            # Words apart by white space alone are one phrase, not a list: "her fat
            # thighs" names no words, where "fat, thighs" or '"fat" "thighs"' might.
            gap = text[last_end:start]
            if start < last_end or (gap.strip() and _LIST_SEPARATOR.fullmatch(gap)):
                groups[-1].append((start, end))
                continue
        groups.append([(start, end)])
    lists: dict[int, _TermList] = {}
    for group in groups:
        found = _TermList(group[0][0], max(end for _, end in group), len(group))
        for start, _ in group:
            lists[start] = found
    return lists


def _quoted_per_sentence(window: _Window) -> dict[int, int]:
    """For each candidate of a window (by start), how many quotations of its sentence
    hold a term alone or in a short phrase: two or more are words talked about
    ('"Trailer trash" and "white trash" sneer at poor people'). One quotation repeated
    counts twice only when the two stand a few words apart, as examples do ('"dumb"
    terminal, "dumb" pipe'): quoted again far on, it is one thing in scare quotes ('a
    new "dummy" Service ... resolution of the "dummy" Service')."""
    text = window.segment.text[window.start : window.end]
    places = sorted({(c.start - window.start, c.end - window.start) for c in window.candidates})
    quoted: dict[tuple[int, int], list[tuple[int, int]]] = {}
    sentence_of: dict[int, tuple[int, int]] = {}
    for start, end in places:
        sentence = sentence_bounds(text, start, end)
        sentence_of[start + window.start] = sentence
        marks = quoted_alone(text, start, end)
        if marks is not None:
            quoted.setdefault(sentence, []).append(marks)
    counts = {sentence: _quoted_words(text, found) for sentence, found in quoted.items()}
    return {start: counts.get(sentence, 0) for start, sentence in sentence_of.items()}


def _quoted_words(text: str, places: list[tuple[int, int]]) -> int:
    """Different quotations among the quoted places (bounds inside the marks: '"master
    database"' and '"master user"' differ), a repeated one counted again where it
    follows its last place within _EXAMPLE_GAP words."""
    last: dict[str, int] = {}
    count = 0
    for start, end in places:
        quotation = text[start:end].lower()
        previous = last.get(quotation)
        if previous is None or len(_WORD_IN_GAP.findall(text, previous, start)) <= _EXAMPLE_GAP:
            count += 1
        last[quotation] = end
    return count


_HEADING_CONTEXTS = frozenset({"title", "heading"})
_HEADING_REACH = 400  # characters of a heading that join the paragraph below it


def _headings(segments: Sequence[Segment], source: str) -> dict[int, str]:
    """For each segment (by id) right below a heading, with only white space between
    them in the file, the heading's text: a commit message's subject above its body,
    a section's title above its first paragraph, and a docstring's summary line above
    the next two of its paragraphs ("Check an applicant against the weight standard.")."""
    found: dict[int, str] = {}
    paragraphs_below: dict[int, int] = {}  # docstring paragraphs: how far below the summary
    ordered = sorted(segments, key=lambda s: s.to_file_offset(0))
    for above, below in itertools.pairwise(ordered):
        if not above.text or not below.text:
            continue
        gap = source[above.to_file_offset(len(above.text) - 1) + 1 : below.to_file_offset(0)]
        if above.context == below.context == "docstring" and not gap.strip():
            # As far down as the word gates read back for it (gates.BLOCKS_BEFORE).
            distance = paragraphs_below.get(id(above), 0) + 1
            if distance <= BLOCKS_BEFORE:
                found[id(below)] = found.get(id(above), above.text[-_HEADING_REACH:])
                paragraphs_below[id(below)] = distance
        elif above.context not in _HEADING_CONTEXTS or below.context in _HEADING_CONTEXTS:
            continue
        elif not gap.strip(" \t\r\n#=-~*^`"):
            found[id(below)] = above.text[-_HEADING_REACH:]
    return found


def _longest_first(matches: list[Match]) -> list[Match]:
    """Drop matches that overlap a longer (or earlier, equally long) one."""
    kept: list[Match] = []  # sorted by start, never overlapping
    starts: list[int] = []
    for match in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        index = bisect_left(starts, match.start)
        if index > 0 and kept[index - 1].end > match.start:
            continue
        if index < len(kept) and kept[index].start < match.end:
            continue
        kept.insert(index, match)
        starts.insert(index, match.start)
    return kept


def _inside_span(
    spans: Sequence[tuple[int, int]], starts: Sequence[int], start: int, end: int
) -> bool:
    index = bisect_right(starts, start) - 1
    return index >= 0 and end <= spans[index][1]


_WORD_IN_GAP = re.compile(r"[A-Za-z]+")
_EXAMPLE_GAP = 3  # words between two quotations of one word that make them examples


def _compiled(specs: Iterable[ConditionSpec]) -> tuple[Condition, ...]:
    return tuple(compile_condition(spec) for spec in specs)


@dataclass(frozen=True)
class _RuleConditions:
    """A rule's conditions, compiled. ``checks`` are its exceptions and requirements,
    each with the answer that makes the match no finding, the costly ones last:
    conditions have no side effects, so their order changes only the time taken."""

    checks: tuple[tuple[Condition, bool], ...]
    fix_when: tuple[Condition, ...]

    @classmethod
    def of(cls, rule: Rule) -> _RuleConditions:
        checks = [(condition, True) for condition in _compiled(rule.exceptions)]
        checks += [(condition, False) for condition in _compiled(rule.requires)]
        checks.sort(key=lambda check: check[0].costly)
        return cls(tuple(checks), _compiled(rule.fix_when))

    def suppress(self, context: MatchContext) -> bool:
        """An exception holds, or a requirement does not: the match is no finding."""
        return any(
            condition.holds(context) is suppressing for condition, suppressing in self.checks
        )

    def allow_fix(self, context: MatchContext) -> bool:
        return all(condition.holds(context) for condition in self.fix_when)


class Engine:
    """Checks segments of text against a rule set, accepting the ``allow``ed phrases,
    in passages of the ``languages`` checked."""

    def __init__(
        self,
        rules: RuleSet,
        allow: Sequence[str] = (),
        languages: Sequence[str] = (ENGLISH,),
        names: Sequence[str] = (),
    ) -> None:
        self.rules = rules
        self.allow = tuple(allow)
        self.languages = tuple(languages)
        self.names = tuple(names)
        self._name_finder = NameFinder(self.names)
        self.prefilter = Prefilter(rules.active)
        self.allowed = allow_pattern(self.allow)
        self.rule_names = rules.names
        self._conditions = {rule.id: _RuleConditions.of(rule) for rule in rules.active}

    def __reduce__(
        self,
    ) -> tuple[type[Engine], tuple[RuleSet, tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
        """Pickled as the data it is built from: a spawned worker process receives the
        rules, allowed phrases, languages and names and compiles them itself."""
        return Engine, (self.rules, self.allow, self.languages, self.names)

    def _candidates(self, segment: Segment) -> list[Candidate]:
        text = segment.text
        found = sorted(self.prefilter.candidates(text), key=lambda c: c.start)
        if not found:
            return found
        spans = self._name_finder.spans(text, prose=segment.context != "identifier")
        if self.allowed is not None:
            spans += [m.span() for m in self.allowed.finditer(text)]
        # Spans may overlap (a name inside an allowed phrase): merged, the one that
        # starts last before a candidate is the only one that can hold it.
        spans = merged_spans(spans)
        starts = [start for start, _ in spans]
        return [
            c
            for c in found
            if not _inside_span(spans, starts, c.start, c.end) and not TRADE_MARK.match(text, c.end)
        ]

    def might_match(self, text: str) -> bool:
        return self.prefilter.has_candidate(text)

    def candidate_positions(self, view: str) -> list[int]:
        """Where candidate terms stand in a file's raw text, given as its format's raw
        view shows it (markup that would hide a word blanked out, offsets kept); what
        ``Prefilter.candidates`` skips is left out."""
        # Candidates whose rule requires words that are nowhere near cannot be findings:
        # the file's text around them need not be parsed (see engine/gates.py).
        return [c.start for c in self._may_hold(view, list(self.prefilter.candidates(view)))]

    @functools.cached_property
    def _gates(self) -> dict[str, Gate]:
        """The rules' word gates, worked out when a first candidate needs them (a clean
        file, as a hook sees most, needs none). A trained pipeline lemmatizes by its
        own lights, which the gates cannot foresee: then there are none."""
        if installed_trained_pipeline() is not None:
            return {}
        gates = {rule.id: rule_gate(rule) for rule in self.rules.active}
        return {rule_id: gate for rule_id, gate in gates.items() if gate is not None}

    def _may_hold(self, text: str, candidates: list[Candidate], offset: int = 0) -> list[Candidate]:
        """The candidates whose rule's word gate lets them through in ``text``, where
        they stand ``offset`` characters further on than their own offsets say."""
        if not candidates or not self._gates:
            return candidates
        raw = RawText(fold(text))
        kept = []
        for c in candidates:
            gate = self._gates.get(c.rule.id)
            start, end = c.start + offset, c.end + offset
            matched = Matched(joined_key(raw.folded[start:end]), c.term.group or "")
            if gate is None or gate(matched, raw, start, end):
                kept.append(c)
        return kept

    def _in_checked_languages(
        self, windows: list[_Window], segments: Sequence[Segment], skipped: Counter[str] | None
    ) -> list[_Window]:
        """The windows with only the candidates whose passage is in a checked language."""

        def document() -> str:
            sample, length = [], 0
            for segment in segments:
                sample.append(segment.text)
                length += len(segment.text)
                if length >= _DOCUMENT_SAMPLE:
                    break
            return " ".join(sample)[:_DOCUMENT_SAMPLE]

        gate = LanguageGate(frozenset(self.languages), document)
        kept = []
        for window in windows:
            paragraph = window.segment.text[window.start : window.end]
            window.candidates = [
                c
                for c in window.candidates
                if gate.admits(
                    sentence_around(paragraph, c.start - window.start, c.end - window.start),
                    paragraph,
                )
            ]
            if window.candidates:
                kept.append(window)
        if skipped is not None:
            skipped.update(gate.skipped)
        return kept

    def match_segments(
        self,
        segments: Iterable[Segment],
        source: str = "",
        skipped: Counter[str] | None = None,
    ) -> list[Match]:
        """Matches in ``segments``, taken from the file text ``source`` (which some
        conditions read beyond their window). Candidates in a passage of a language
        not checked are left out, and counted by language into ``skipped``."""
        segments = list(segments)
        windows: list[_Window] = []
        headings = _headings(segments, source)
        for segment in segments:
            candidates = self._candidates(segment)
            # Gated in the segment's own text too (with the heading above it): a window
            # whose every candidate is refuted there is worth neither a language guess
            # nor spaCy ("Author: Christian R. Reis"). The others keep the refuted
            # candidates that are loaded terms, which tell the lists of terms that make
            # a mention ("suffers from and handicapped"); everyday words refuted there
            # are no such terms ("Christian, Jewish, Mohammedan" lists one).
            heading = headings.get(id(segment), "")
            text = heading + "\n\n" + segment.text if heading else segment.text
            offset = len(text) - len(segment.text)
            live = {id(c) for c in self._may_hold(text, candidates, offset)}
            if live:
                listed = [c for c in candidates if id(c) in live or not c.rule.ordinary_words]
                windows.extend(
                    window
                    for window in _windows(segment, listed)
                    if any(id(c) in live for c in window.candidates)
                )
        windows = self._in_checked_languages(windows, segments, skipped)
        if not windows:
            return []

        from allylint.engine.nlp import get_pipeline

        pipeline = get_pipeline()
        texts = [w.segment.text[w.start : w.end] for w in windows]
        matches: list[Match] = []
        for window, doc in zip(windows, pipeline.nlp.pipe(texts, batch_size=64), strict=True):
            term_lists = _term_lists(window)
            quoted = _quoted_per_sentence(window)
            for candidate in window.candidates:
                term_list = term_lists[candidate.start]
                file_start, file_end = window.segment.to_file_span(term_list.start, term_list.end)
                span = doc.char_span(
                    candidate.start - window.start,
                    candidate.end - window.start,
                    alignment_mode="expand",
                )
                if span is None or not len(span):
                    continue
                seen = MatchContext(
                    doc=doc,
                    span=span,
                    tagged=pipeline.tagged,
                    context=window.segment.context,
                    source=source,
                    source_offset=window.segment.to_file_offset(window.start),
                    start_char=candidate.start - window.start,
                    end_char=candidate.end - window.start,
                    alternatives=tuple(
                        a.text for a in candidate.rule.alternatives_for(candidate.term)
                    ),
                    list_start=term_list.start - window.start,
                    list_end=term_list.end - window.start,
                    list_size=term_list.size,
                    quoted_in_sentence=quoted[candidate.start],
                    heading=headings.get(id(window.segment), "") if window.start == 0 else "",
                    term_group=candidate.term.group or "",
                    file_start=file_start,
                    file_end=file_end,
                )
                rule = candidate.rule
                conditions = self._conditions[rule.id]
                if conditions.suppress(seen):
                    continue
                start, end = window.segment.to_file_span(candidate.start, candidate.end)
                # Identifiers are code and file names name files: reported, never
                # rewritten.
                fixable = (
                    window.segment.context != "identifier"
                    and not candidate.in_path
                    and rule.fix_for(candidate.term) is not None
                    and conditions.allow_fix(seen)
                )
                context = "path" if candidate.in_path else window.segment.context
                matches.append(Match(start, end, rule, candidate.term, fixable, context))
        reported = self.rules.reported
        return [m for m in _longest_first(matches) if m.rule.severity_for(m.term) in reported]
