import pytest

from allylint.api import lint_text
from allylint.conditions.language import ConditionError
from allylint.engine.core import Engine
from allylint.rules.model import Alternative, Rule, RuleSet, Term
from tests.conftest import flagged


@pytest.mark.parametrize(
    "word",
    [
        "whitelist",
        "whitelists",
        "whitelisted",
        "whitelisting",
        "Whitelist",
        "WHITELIST",
        "white-listed",
        "white list",
        "White-Listing",
    ],
)
def test_every_inflection_and_spelling_of_one_entry(word):
    assert flagged(f"The hosts were checked against the {word} yesterday.") == [("whitelist", word)]


@pytest.mark.parametrize("phrase", ["man hours", "man-hours", "manhours", "man-\nhours"])
def test_phrases_with_flexible_joining(phrase):
    assert flagged(f"It took 300 {phrase} to migrate.") == [("man-hours", phrase)]


@pytest.mark.parametrize(
    "text",
    [
        "She holds a master's degree in physics and a replication server.",
        "He earned a Master of Science before running the database server.",
        "You will master the basics of the replication server quickly.",
        "Master the basics of the node API first.",
        "This masterpiece of a database server is fast.",
        "We watched The Blacklist last night.",
        "The museum documents the transatlantic slave trade.",
        "Guido van Rossum explained his reasoning in the PEP.",
        "Ada Lovelace published her notes in 1843.",
        'As the docs say, "every user owns his data".',
        "See the man page for details.",
    ],
)
def test_context_exceptions(text):
    assert flagged(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The master node schedules pods.", [("master", "master")]),
        ("Each user must change his password.", [("generic-pronoun", "his")]),
        ("If a developer breaks the build, he fixes it.", [("generic-pronoun", "he")]),
        ("When someone joins, give her access.", [("generic-pronoun", "her")]),
        ("The user can change his or her settings.", [("he-or-she", "his or her")]),
        ("Hey guys, the release is out.", [("you-guys", "Hey guys")]),
        ("Configure master-slave replication.", [("master-slave", "master-slave")]),
    ],
)
def test_context_dependent_matches(text, expected):
    assert flagged(text) == expected


def test_overlapping_matches_keep_the_longest():
    assert flagged("Ask the admin whether s/he approves.") == [("he-or-she", "s/he")]


def test_offsets_map_to_line_and_column_with_tabs_and_crlf():
    text = "Intro line\r\n\tSecond line has a whitelist.\r\nThird\r\n"
    [finding] = lint_text(text, "notes.txt")
    assert (finding.line, finding.column) == (2, 20)
    assert (finding.end_line, finding.end_column) == (2, 29)
    assert text[finding.start : finding.end] == "whitelist"


def test_offsets_count_characters_not_bytes():
    text = "Ünïcödé — 日本語のテキスト whitelist here"
    [finding] = lint_text(text, "notes.txt")
    assert finding.column == text.index("whitelist") + 1
    assert finding.text == "whitelist"


def test_phrase_across_a_line_break_reports_both_lines():
    text = "It took three man-\nhours."
    [finding] = lint_text(text, "notes.txt")
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 15, 2, 6)


def test_text_without_candidates_never_needs_spacy(engine):
    assert not engine.might_match("A plain sentence about caches and queues.\n" * 1000)


def test_many_candidates_on_one_long_line():
    # Quadratic behaviour made this take minutes; benchmarks/run.py measures speed.
    text = "the whitelist, " * 4000
    assert len(lint_text(text, "long.txt")) == 4000


def frob_rule(**conditions) -> Rule:
    return Rule(
        id="frob",
        category="custom",
        severity="warning",
        terms=(Term("frob"),),
        alternatives=(Alternative("tweak"),),
        message="A made-up rule.",
        learn=("custom",),
        fix="tweak",
        **conditions,
    )


def test_the_engine_compiles_the_conditions_rules_hold_as_data():
    rules = RuleSet(
        (
            frob_rule(
                exceptions=({"followed_by": ["records"]},),
                fix_when=({"preceded_by": ["the"]},),
            ),
        )
    )
    text = "Frob records stay. The frob goes. A frob stays unfixed."
    found = [(f.text, f.fix is not None) for f in lint_text(text, "a.txt", rules=rules)]
    assert found == [("frob", True), ("frob", False)]


def test_costly_conditions_are_asked_last_with_the_same_answers():
    # A mention written first (as rule files do) is still asked after the cheap ones.
    rules = RuleSet(
        (
            frob_rule(
                exceptions=({"mention": True}, {"followed_by": ["records"]}),
                requires=({"sentence_has": ["we", "you"]},),
            ),
        )
    )
    conditions = Engine(rules)._conditions["frob"]
    assert [(check.source, suppressing) for check, suppressing in conditions.checks] == [
        ({"followed_by": ["records"]}, True),
        ({"sentence_has": ["we", "you"]}, False),
        ({"mention": True}, True),
    ]
    text = "We frob records. You frob the queue. The word 'frob' is what we avoid. They frob it."
    # Only "You frob the queue": records follow the first, a mention is the third, and
    # the last sentence has neither "we" nor "you".
    assert [f.column for f in lint_text(text, "a.txt", rules=rules)] == [22]


def test_a_condition_that_does_not_compile_stops_the_engine():
    with pytest.raises(ConditionError, match="unknown condition 'followed_by_word'"):
        Engine(RuleSet((frob_rule(requires=({"followed_by_word": ["x"]},)),)))


def test_terms_apart_by_white_space_alone_are_a_phrase_not_a_list():
    # "her", "flabby" and "arms" are three candidates in a row: a phrase in use. With a
    # separator between them, three terms are a list of words talked about. ("her"
    # shares the referent of "She", someone in particular.)
    assert flagged("She hides her flabby arms.") == [
        ("fat-insults", "flabby"),
        ("body-part-insults", "arms"),
    ]
    assert flagged("It flags lame, dumb, crippled and more.") == []


def test_everyday_words_refuted_in_place_make_no_list_of_loaded_terms():
    # The names of faiths are findings only in a job post (ordinary_words): beside
    # them, "Mohammedan" is the one loaded term of the list, and is reported.
    assert flagged("- Religion dropdown: Christian, Jewish, Mohammedan, Hindu, Other") == [
        ("outdated-religious-names", "Mohammedan")
    ]


def test_loaded_terms_refuted_in_place_still_make_a_list():
    # "suffers from" needs a condition after it to be a finding, but it is a loaded
    # phrase: the three make a list of words talked about.
    text = "The guide covers terms including wheelchair-bound, suffers from and handicapped."
    assert flagged(text) == []


def test_a_commit_subject_is_part_of_the_passage_of_the_body_below_it():
    # The subject says it is a job post; the body's "young professionals" is an ask.
    text = "Update careers page copy\n\nThe blurb invites young professionals to apply.\n"
    assert flagged(text, "COMMIT_EDITMSG") == [("young-candidates", "young professionals")]
    # Without the subject, nothing in the body says who is hiring.
    assert (
        flagged(
            "Update landing page copy\n\nThe blurb thanks young professionals.\n", "COMMIT_EDITMSG"
        )
        == []
    )


def test_a_heading_joins_only_the_paragraph_right_below_it():
    below = "## Careers\n\nWe thank young professionals for coming.\n"
    further = "## Careers\n\nOur office is in Leeds.\n\nWe thank young professionals for coming.\n"
    assert flagged(below) == [("young-candidates", "young professionals")]
    assert flagged(further) == []


def test_a_docstrings_summary_line_is_part_of_the_passage_of_each_later_paragraph():
    screen = (
        "def weight_ok(applicant):\n"
        '    """Check an applicant against the weight standard.\n\n'
        "    Returns a flag.\n\n"
        '    The standard is at most 75 kg.\n    """\n'
    )
    assert flagged(screen, "screen.py") == [("size-requirements", "kg")]
    # The summary says it is a parcel; and another function's docstring is no summary.
    parcel = screen.replace("an applicant", "a parcel")
    assert flagged(parcel, "screen.py") == []
    two = (
        'def screen():\n    """Check an applicant."""\n\n'
        'def weigh():\n    """Weigh it.\n\n    The standard is at most 75 kg.\n    """\n'
    )
    assert flagged(two, "screen.py") == []
    # No further down than the word gates read back: two paragraphs.
    third = screen.replace("Returns a flag.\n\n", "Returns a flag.\n\n    It is pure.\n\n")
    assert flagged(third, "screen.py") == []
