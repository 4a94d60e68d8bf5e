import random
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from allylint.engine.prefilter import Prefilter, surface_forms
from allylint.engine.spelling import fold
from allylint.rules.loader import load_rules
from allylint.rules.model import Alternative, Rule, Term

_PREFILTER = Prefilter(load_rules())


def candidates(text: str) -> list[str]:
    prefilter = _PREFILTER
    return [text[c.start : c.end] for c in prefilter.candidates(text)]


def test_fold_case_keeps_offsets():
    text = "İstanbul WHITE\u2011LIST don\u2019t"
    folded = fold(text)
    assert len(folded) == len(text)
    assert "white-list" in folded
    assert "don't" in folded


def test_surface_forms_inflect_the_last_word_by_default():
    forms = surface_forms(Term("sanity check"))
    assert ("sanity", "checks") in forms
    assert ("sanity", "checked") in forms
    assert ("sanities", "check") not in forms


def test_surface_forms_inflect_first_word_on_request():
    forms = surface_forms(Term("turn a blind eye", inflect="first"))
    assert ("turned", "a", "blind", "eye") in forms


def test_phrases_join_with_space_hyphen_nothing_and_line_breaks():
    text = "man hours, man-hours, manhours, man-\nhours and man\r\nhours"
    assert candidates(text) == ["man hours", "man-hours", "manhours", "man-\nhours", "man\r\nhours"]


def test_no_match_inside_words_or_identifiers():
    assert candidates("masterpiece whitelist_hosts masterNode unwhitelisted") == []


def in_path(text: str) -> list[tuple[str, bool]]:
    prefilter = Prefilter(load_rules())
    return [(text[c.start : c.end], c.in_path) for c in prefilter.candidates(text)]


def test_urls_and_inline_code_are_not_prose():
    text = (
        "see https://github.com/a/b/blob/master/x.md and `git checkout master` and "
        "`slave.jar` and www.master.io and github.com/acme/whitelist.txt"
    )
    assert candidates(text) == []


def test_paths_hold_candidates_only_for_rules_that_ask():
    # "master" in a branch path stays out; whitelist and slave have in_paths: true.
    text = "refs/heads/master and /srv/whitelist and whitelist.txt and ~/bin/slave.jar"
    assert in_path(text) == [("whitelist", True), ("whitelist", True), ("slave", True)]


def test_urls_without_a_scheme_are_code_and_folder_suffixes_are_not_hosts():
    assert in_path("get example.com/whitelist.txt or example.org:8080/slave.jar") == []
    assert in_path("edit conf.d/lists/blacklist.conf") == [("blacklist", True)]


def test_slashed_alternatives_in_prose_are_prose():
    # A sentence's full stop is not a file extension.
    assert in_path("requested by slaves/CLI/maven/whatever.") == [("slaves", False)]
    assert in_path("sent by slave/CLI/etc).") == [("slave", False)]


def test_prose_slashes_still_match():
    assert candidates("a master/slave pair and his/her") == ["master/slave", "his/her"]


def test_qualified_names_and_calls_are_code():
    assert candidates("set checksrc.whitelist and Foo::master and call whitelist() now") == []
    assert candidates("one or more blacklist(s)") == ["blacklist"]


def test_phrases_do_not_join_across_paragraphs():
    assert candidates("It took a man\n\nhours later it was done") == []


def test_assigned_values_are_code():
    assert candidates("support TERM=dumb and --mode=master") == []
    assert candidates("floor(link_status{role=\"slave\"}) < 1 and x='master'") == []
    assert candidates("the value = whitelist") == ["whitelist"]
    assert candidates('the value "slave" is gone') == ["slave"]


def test_command_line_options_and_signed_event_names_are_code():
    assert candidates("run it with the --cluster-slave option") == []
    assert candidates("the +slave-reconf-sent event and +slave") == []
    # A sign that is no part of a name: still prose.
    assert set(candidates("C++ slave threads, a +1 for the master")) == {"slave", "master"}


def test_terms_of_different_rules_may_overlap(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "rules:\n"
        + "".join(
            f"  - {{id: {rule_id}, category: class, severity: info, match: [{term!r}],"
            " alternatives: [x], message: m, learn: [class]}\n"
            for rule_id, term in [("the-poor", "the poor"), ("poor-mans", "poor man's")]
        ),
        encoding="utf-8",
    )
    prefilter = Prefilter(load_rules([rules]))
    text = "Keep the poor man's lock file."
    found = [(c.rule.id, text[c.start : c.end]) for c in prefilter.candidates(text)]
    assert found == [("the-poor", "the poor"), ("poor-mans", "poor man's")]


# Pieces of text where RE2 and Python's re could see words differently: letters,
# digits and marks outside ASCII, characters unassigned in older Unicode versions,
# every kind of white space, lone surrogates, and terms and their inflections.
_PIECES = [
    "whitelist",
    "white",
    "list",
    "master",
    "slave",
    "man",
    "hours",
    "the poor",
    "poor man's",
    "he",
    "(s)he",
    "sanity",
    "checks",
    "-",
    " ",
    "\n",
    "\n\n",
    "\u3000",
    "\u2028",
    "\x85",
    "\x1c",
    "_",
    "e",
    "9",
    "\u00e9",
    "\u0301",
    "\u0663",
    "\u4e00",
    "\U0001123f",
    "\ud800",
    "\u0130",
    ".",
    "/",
    "`",
    "'",
    "\u2019",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
@settings(max_examples=400, deadline=None)
def test_candidates_are_those_pythons_re_finds(text):
    prefilter = _PREFILTER
    lowered = fold(text)
    expected = [
        (m.start(1) - 1, m.end(1) - 1) for m in prefilter._exact_pattern.finditer(" " + lowered)
    ]
    assert list(prefilter._matches(lowered)) == expected


def test_a_word_character_outside_ascii_ends_no_word_and_starts_none():
    assert candidates("éwhitelist whiteliste\u0301 whitelist\u4e00 whitelist") == ["whitelist"]
    # RE2 knows letters that Python's Unicode version does not: Python has the last word.
    assert candidates("\U0001123fwhitelist") == ["whitelist"]
    # "man hours" runs on into a word, and Python takes the shorter term, as RE2 would
    # not have.
    # Two rules match the bare "man" there (generic-man and manned), at one place.
    assert candidates("whitelist\u00e9s man\u00e9hours man hours\u00e9") == ["man", "man"]


def test_offsets_are_characters_after_text_outside_ascii():
    text = "Gr\u00fc\u00dfe \U0001f600 und whitelist, \u4e2d\u6587 master/slave \ud800 sanity check"
    found = [(c.start, c.end) for c in Prefilter(load_rules()).candidates(text)]
    assert [text[start:end] for start, end in found] == [
        "whitelist",
        "master/slave",
        "sanity check",
    ]


def _rule_of(phrases: list[str]) -> Rule:
    return Rule(
        id="many",
        category="custom",
        severity="warning",
        terms=tuple(Term(phrase) for phrase in phrases),
        alternatives=(Alternative("x"),),
        message="Made up.",
        learn=("custom",),
    )


def test_no_active_rule_finds_no_candidate():
    assert list(Prefilter([]).candidates("the whitelist and the master")) == []


def test_more_terms_than_re2_compiles_are_read_by_pythons_re():
    letters = random.Random(1)
    words = ["".join(letters.choices(string.ascii_lowercase, k=9)) for _ in range(60000)]
    phrases = [f"{first} {second}" for first, second in zip(words[::2], words[1::2], strict=True)]
    prefilter = Prefilter([_rule_of([*phrases, "frob"])])
    assert prefilter.pattern is None
    text = f"Please frob it, then {phrases[7]}."
    assert [text[c.start : c.end] for c in prefilter.candidates(text)] == ["frob", phrases[7]]


def test_a_lone_surrogate_is_no_character_of_a_term():
    prefilter = Prefilter([_rule_of(["wtf", "wtf?"])])
    text = "wtf\udc80 is"
    assert [(c.start, c.end) for c in prefilter.candidates(text)] == [(0, 3)]
