"""Condition keys of rule files: each through a small rule of its own (regression
cases, end to end) and each predicate directly on a hand-built Doc."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from allylint.api import lint_text
from allylint.conditions.language import CONDITION_KEYS, ConditionError, compile_condition
from allylint.rules.loader import RuleError, load_rules
from tests.conditions.contexts import holds


def rules_with(tmp_path: Path, match: list, **conditions) -> object:
    rule = {
        "id": "sample",
        "category": "tech-metaphors",
        "severity": "warning",
        "match": match,
        "alternatives": ["x"],
        "message": "A sample rule.",
        "learn": ["tech-metaphors"],
        **conditions,
    }
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump({"rules": [rule]}, sort_keys=False), encoding="utf-8")
    return load_rules([path])


def found(text: str, rules) -> list[str]:
    return [f.text for f in lint_text(text, "t.txt", rules=rules)]


def test_matched_singles_out_some_forms(tmp_path):
    rules = rules_with(
        tmp_path,
        ["grandfather", "grandfathered"],
        requires=[{"matched": ["grandfathered", "man hours"]}],
    )
    assert found("Old plans are grandfathered.", rules) == ["grandfathered"]
    assert found("My grandfather wrote Fortran.", rules) == []


def test_matched_ignores_case_and_joiners(tmp_path):
    rules = rules_with(tmp_path, ["man hour"], requires=[{"matched": ["man hours"]}])
    assert found("It took 40 Man-Hours and one man hour.", rules) == ["Man-Hours"]


def test_group_singles_out_the_terms_of_a_group_in_every_form(tmp_path):
    rules = rules_with(
        tmp_path,
        ["male", {"phrase": "prefer a man", "inflect": "first", "group": "stated-outright"}],
        requires=[{"any": [{"group": ["stated-outright"]}, {"followed_by": ["applicants"]}]}],
    )
    assert found("She prefers a man for the role.", rules) == ["prefers a man"]
    assert found("Only male applicants.", rules) == ["male"]
    assert found("The male connector fits.", rules) == []


def test_a_group_no_term_is_in_is_a_rule_error(tmp_path):
    with pytest.raises(RuleError, match="no term of this rule is in group 'stated-outrigt'"):
        rules_with(
            tmp_path,
            [{"phrase": "men wanted", "group": "stated-outright"}],
            exceptions=[{"not": {"group": ["stated-outrigt"]}}],
        )


def test_any_holds_when_one_condition_holds(tmp_path):
    rules = rules_with(
        tmp_path,
        [{"phrase": "guys", "inflect": "none"}],
        requires=[{"any": [{"preceded_by": ["hey"]}, {"preceded_by": [","]}]}],
    )
    assert found("Hey guys, the build is green.", rules) == ["guys"]
    assert found("Thanks, guys.", rules) == ["guys"]
    assert found("The two guys who wrote it left.", rules) == []


def test_not_negates_a_condition(tmp_path):
    rules = rules_with(tmp_path, ["whitelist"], requires=[{"not": {"preceded_by": ["old"]}}])
    assert found("Use the whitelist.", rules) == ["whitelist"]
    assert found("Drop the old whitelist.", rules) == []


def test_sentence_end(tmp_path):
    rules = rules_with(
        tmp_path, [{"phrase": "master", "inflect": "none"}], requires=[{"sentence_end": True}]
    )
    assert found("The file is stored on the master.", rules) == ["master"]
    assert found("The master stores the file", rules) == []
    assert found("Files stay on the master", rules) == ["master"]


def test_paragraph_has_reads_the_sentences_around_the_match(tmp_path):
    rules = rules_with(tmp_path, ["ghetto"], exceptions=[{"paragraph_has": ["occupied"]}])
    assert found("The city was occupied in 1940. The ghetto held many people.", rules) == []
    assert found("The admin panel is ghetto. It works, though.", rules) == ["ghetto"]
    # Another paragraph is another context.
    assert found("The city was occupied.\n\nThe ghetto fix stays.", rules) == ["ghetto"]


@pytest.mark.parametrize(
    "condition",
    [
        {"any": []},
        {"any": [{"nonsense": 1}]},
        {"not": {"nope": True}},
        {"sentence_end": "yes"},
        {"group": "stated-outright"},
    ],
)
def test_malformed_conditions_are_rule_errors(tmp_path, condition):
    with pytest.raises(RuleError):
        rules_with(tmp_path, ["whitelist"], requires=[condition])


PRONOUNS = [{"phrase": word, "inflect": "none"} for word in ("he", "his", "him", "she", "her")]


def pronoun_rules(tmp_path, **extra):
    antecedent = {
        "indefinite": ["a", "an", "each", "every"],
        "determiners": ["the"],
        "coreferents": {"lexicon": "gendered-pronouns"},
        "nouns": [
            "user",
            "developer",
            "author",
            "viewer",
            "engineer",
            "operator",
            "volunteer",
            "attacker",
        ],
        "pronouns": ["someone"],
        **extra,
    }
    return rules_with(tmp_path, PRONOUNS, requires=[{"antecedent": antecedent}])


@pytest.mark.parametrize(
    "text",
    [
        "Each user must change his password.",
        "If the user forgets his PIN, he can ask for a new one.",
        "If the user is a developer, he can turn on debug logging.",
        "The developer checks the GPUs before he starts the job.",
        "When someone joins, give her access.",
    ],
)
def test_antecedent_finds_generic_referents(tmp_path, text):
    assert found(text, pronoun_rules(tmp_path))


@pytest.mark.parametrize(
    "text",
    [
        # apposition and copula with a name
        "Julia, the operator of the cluster, wants her logs in one place.",
        "Carol is an engineer, and her team audits images.",
        # a sentence-initial name: possessive, verb of saying
        "Dan's team supports his company's cluster.",
        "Guido asked for a volunteer to implement his syntax.",
        # a capitalized possessor: one particular author
        "This PEP's author found a bug in his code.",
        # a predicate noun is not a referent: "He" goes back to Dan
        "Dan works here. He signs in as a viewer and checks his alerts.",
        # a comma that closes a clause is not an apposition, but a name stands closer
        "Ask Bob about it; he knows.",
        # an indefinite noun doing something in the past is one particular person
        "A core developer expressed his support for the change.",
    ],
)
def test_antecedent_leaves_named_people_alone(tmp_path, text):
    assert found(text, pronoun_rules(tmp_path)) == []


@pytest.mark.parametrize(
    "text",
    [
        "If a user deleted his account, restore it.",  # a hypothesis
        "A user interested in contributing should send his patches.",  # a participle
        "A user logged in as root can change his password.",
        "A user who joined should change his password.",  # a modal follows
        "Each user needs a key. It is loaded before he logs in.",
        "the left pane shows what he can change.",  # "left" is no past event here
    ],
)
def test_generic_referents_stay_generic(tmp_path, text):
    rules = pronoun_rules(tmp_path, isolated=12)
    assert found(text, rules) in (["his"], ["he"])


def test_lowercase_sentence_starts_are_names_only_outside_the_vocabulary(tmp_path):
    rules = pronoun_rules(tmp_path, unresolved=["comment"])
    assert found_in_comment("library is old, so he must free the buffer", rules) == ["he"]
    assert found_in_comment("jdoe is away, so he will merge it later", rules) == []


def test_comma_after_a_subordinate_clause_is_not_an_apposition(tmp_path):
    text = "If the victim uses Google Mail, the attacker can read his mail."
    assert found(text, pronoun_rules(tmp_path)) == ["his"]


def test_particular_nouns_need_an_indefinite_determiner(tmp_path):
    rules = pronoun_rules(tmp_path, particular=["author"])
    assert found("The PEP was withdrawn by the author. He writes:", rules) == []
    assert found("An author can withdraw his PEP.", rules) == ["his"]


def found_in_comment(text: str, rules) -> list[str]:
    return [f.text for f in lint_text(f"# {text}\n", "t.py", rules=rules)]


def test_unresolved_pronouns_are_generic_only_in_the_contexts_named(tmp_path):
    text = "so he does not have to check the attribute"
    rules = pronoun_rules(tmp_path, unresolved=["comment"])
    assert found_in_comment(text, pronoun_rules(tmp_path)) == []
    assert found_in_comment(text, rules) == ["he"]
    assert found(text, rules) == []  # plain text is not a comment
    # A name further back in the comment than the lookback still counts.
    named = "Guido wrote the draft. It was long. It was late. Later he cut it."
    assert found_in_comment(named, rules) == []


def test_isolated_pronouns_are_generic_when_nothing_before_could_be_their_referent(tmp_path):
    rules = pronoun_rules(tmp_path, isolated=12)
    assert found("again, he may volunteer to maintain the platform", rules) == ["he"]
    assert found("so that he can run his own server", rules) == ["he", "his"]
    # A name, a handle or a capitalized word in the text before is a possible referent.
    assert found("Thanks go to Ann Lee.\n\nagain, he may volunteer", rules) == []
    assert found("Reviewed by @nrc.\n\nagain, he may volunteer", rules) == []
    assert found("pnkfelix has thoughts on this, which he wrote down", rules) == []
    assert found("thanks to jdoe for his patch", rules) == []
    assert found("credit goes to @jdoe; his patch is in", rules) == []
    # An unknown word before "is" is as likely an identifier: no name.
    assert found("if someoption is false, he has to set it", rules) == ["he"]
    # Further back than ``isolated`` sentences, it is out of sight.
    far = "Thanks go to Ann Lee.\n\n" + "More words here. " * 40 + "\n\nagain, he may go"
    assert found(far, rules) == ["he"]
    # A text that opens with the pronoun, or tells of the past, is about someone.
    assert found("She holds a degree in physics.", rules) == []
    assert found("by then he realised it was too late", rules) == []
    assert found("and so he was the host that year", rules) == []


def test_antecedent_options_are_checked(tmp_path):
    with pytest.raises(RuleError, match="unresolved"):
        pronoun_rules(tmp_path, unresolved="comment")
    # true: every context
    assert found("so he does not have to check it", pronoun_rules(tmp_path, unresolved=True))
    with pytest.raises(RuleError, match="isolated"):
        pronoun_rules(tmp_path, isolated=-1)


def test_acronyms_are_not_proper_nouns(tmp_path):
    rules = rules_with(tmp_path, ["blacklist"], exceptions=[{"proper_noun": True}])
    assert found("Add BLACKLIST option for crawlers", rules) == ["BLACKLIST"]
    assert found("We watched The Blacklist last night.", rules) == []


def test_a_term_that_opens_with_an_article_is_named_by_the_word_after_it(tmp_path):
    rules = rules_with(tmp_path, ["the aged"], exceptions=[{"proper_noun": True}])
    assert found("Providers are listed by the Aged Care Quality Commission.", rules) == []
    assert found("The program serves the aged in rural towns.", rules) == ["the aged"]
    # At a sentence's start the capital is the sentence's: "The aged ..." is no name.
    assert found("The aged deserve better care.", rules) == ["The aged"]


@pytest.mark.parametrize(
    "text",
    [
        'Rename the "whitelist" option to "allowlist".',
        'Use "allowlist" instead of "whitelist".',
        "Use \u2018allowlist\u2019, not \u2018whitelist\u2019.",
        'Remove tolerations for the "master" taint.',
        '("insane" was the word Guido used).',
        "Avoid the word crazy in error messages.",
        "Terms like sanity check say little.",
        'It reports the roles "master", "slave" and "witness".',
    ],
)
def test_mentions_are_talked_about_words(tmp_path, text):
    # Every rule has the mention exception without listing it ...
    words = ["whitelist", "master", "slave", "insane", "crazy", "sanity check"]
    assert found(text, rules_with(tmp_path, words)) == []
    # ... unless it asks for mentions to be reported.
    assert found(text, rules_with(tmp_path, words, flag_mentions=True))


@pytest.mark.parametrize(
    "text",
    [
        'It acts as a "dumb" HTTP server.',  # scare quotes: still a use
        "The parser is intentionally 'dumb' on purpose.",
        "#### Short term: white lists with overrides",  # "term" is no mention here
        'Requests from "blacklisted" addresses are dropped.',  # no cue: scare quotes
        'People say "crazy" things.',
        "The users' whitelist is stored here.",  # an apostrophe opens no quote
        'Stream connected to the remote "slave.jar".',  # a quoted file name
    ],
)
def test_uses_are_not_mentions(tmp_path, text):
    rules = rules_with(
        tmp_path,
        ["dumb", "whitelist", "white list", "blacklist", "slave", "crazy"],
        in_paths=True,
    )
    assert found(text, rules)


def test_in_compound_finds_terms_inside_long_names(tmp_path):
    rules = rules_with(tmp_path, ["master"], exceptions=[{"in_compound": True}])
    assert found("modernize test-cluster-master-error today", rules) == []
    assert found("the gce_cos_master_default job", rules) == []
    assert found("a multi-master setup and the master node", rules) == ["master", "master"]
    sanity = rules_with(tmp_path, ["sanity check"], exceptions=[{"in_compound": True}])
    assert found("a bug in the rule-sanity-checking code", sanity) == ["sanity-checking"]
    assert found("merge pw/rebase-x-sanity-check later", sanity) == []
    assert found("merge pw/rebase-x-sanity check later", sanity) == []


# --- each predicate on a hand-built Doc --------------------------------------------

direct = pytest.mark.usefixtures("untagged")


@direct
@pytest.mark.parametrize(
    ("condition", "text", "term", "expected"),
    [
        ({"preceded_by": ["double"]}, "a double-blind study", "blind", True),
        ({"preceded_by": ["double"]}, "a blind study", "blind", False),
        ({"preceded_by": ["the old"]}, "Drop the old whitelist.", "whitelist", True),
        ({"preceded_by": ["old"]}, "Old. Whitelist here.", "Whitelist", False),  # sentence
        ({"followed_by": ["'s degree"]}, "a master's degree", "master", True),
        ({"followed_by": ["node"]}, "the master node", "master", True),
        ({"followed_by": ["node"]}, "the master. Node two", "master", False),
        ({"followed_by": {"lexicon": "named-things-after"}}, "the master branch", "master", True),
        ({"near": {"words": ["server"], "within": 2}}, "the master db server", "master", True),
        ({"near": {"words": ["server"], "within": 1}}, "the master db server", "master", False),
        ({"sentence_has": ["database"]}, "The master copy of the database.", "master", True),
        ({"sentence_has": ["database"]}, "The master copy. The database.", "master", False),
        ({"sentence_has": ["copy"]}, "Copies of the master are kept.", "master", True),  # lemma
        ({"paragraph_has": ["census"]}, "The census of 1850. The slave schedules.", "slave", True),
        ({"paragraph_has": ["census"]}, "The slave schedules.", "slave", False),
        ({"sentence_start": True}, "Master the basics.", "Master", True),
        ({"sentence_start": True}, "- Master the basics.", "Master", True),
        ({"sentence_start": False}, "Learn to master it.", "master", True),
        ({"sentence_end": True}, "It is stored on the master.", "master", True),
        ({"sentence_end": True}, "The master stores it.", "master", False),
        ({"capitalized": True}, "Whitelist it.", "Whitelist", True),
        ({"capitalized": True}, "The whitelist.", "whitelist", False),
        ({"in_capitals": True}, "HE = homomorphic encryption.", "HE", True),
        ({"in_capitals": True}, "HOW ADMINS ROTATE HIS KEYS", "HIS", False),  # all shouted
        ({"in_capitals": True}, "He signs it.", "He", False),
        ({"proper_noun": True}, "We watched The Blacklist last night.", "Blacklist", True),
        ({"proper_noun": True}, "Add BLACKLIST option for crawlers", "BLACKLIST", False),
        ({"proper_noun": True}, "Blacklist Records signed them.", "Blacklist", True),
        ({"proper_noun": True}, "Blacklist the host.", "Blacklist", False),
        ({"proper_noun": True}, "The top plan is now called Blacklist.", "Blacklist", False),
        ({"proper_noun": True}, "A band called Blacklist played.", "Blacklist", True),
        ({"proper_noun": True}, "Waitress 3.0 is supported.", "Waitress", True),
        ({"proper_noun": True}, "We moved to Sanity. Sanity stores drafts.", "Sanity", True),
        ({"proper_noun": True}, "Sanity matters. Keep your sanity.", "Sanity", False),
        ({"proper_noun": True}, "Configure The Build Master", "Master", False),  # a heading
        ({"in_quotes": True}, 'He wrote "move the whitelist" today.', "whitelist", True),
        ({"in_quotes": True}, "He wrote \u201cmove the whitelist\u201d.", "whitelist", True),
        ({"in_quotes": True}, 'He wrote "move" the whitelist.', "whitelist", False),
        ({"in_compound": True}, "run test-cluster-master-error now", "master", True),
        ({"in_compound": True}, "a multi-master setup", "master", False),
        ({"pos": ["VERB"]}, "You can blacklist the host.", "blacklist", True),
        ({"pos": ["VERB"]}, "Blacklist the host.", "Blacklist", True),
        ({"pos": ["VERB"]}, "The blacklist grows.", "blacklist", False),
        ({"pos": ["NOUN"]}, "The blacklist grows.", "blacklist", False),  # no tagger
        ({"matched": ["man hours"]}, "It took 40 Man-Hours.", "Man-Hours", True),
        ({"matched": ["man hours"]}, "It took one man hour.", "man hour", False),
        ({"matched": ["man hours"]}, "It took 40 man\u2011hours.", "man\u2011hours", True),
        ({"any": [{"preceded_by": ["hey"]}, {"sentence_end": True}]}, "Hey guys, hi", "guys", True),
        (
            {"any": [{"preceded_by": ["hey"]}, {"sentence_end": True}]},
            "Two guys left",
            "guys",
            False,
        ),
        ({"not": {"preceded_by": ["old"]}}, "Use the whitelist.", "whitelist", True),
        ({"not": {"preceded_by": ["old"]}}, "Drop the old whitelist.", "whitelist", False),
        ({"preceded_by": ["old"], "capitalized": True}, "the old Whitelist", "Whitelist", True),
        ({"preceded_by": ["old"], "capitalized": True}, "the old whitelist", "whitelist", False),
    ],
)
def test_predicate_on_a_hand_built_doc(condition, text, term, expected):
    assert holds(condition, text, term) is expected


@direct
def test_typographic_apostrophes_compare_as_plain_ones():
    assert holds({"followed_by": ["'s degree"]}, "a master\u2019s degree", "master")


@direct
def test_lexicon_words_and_own_words_mix_in_one_list():
    condition = {"preceded_by": [{"lexicon": "mention-nouns"}, "old"]}
    assert holds(condition, "the term whitelist", "whitelist")
    assert holds(condition, "the old whitelist", "whitelist")
    assert not holds(condition, "the new whitelist", "whitelist")


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"preceded_by": {"lexicon": "no-such-list"}}, "unknown lexicon 'no-such-list'"),
        ({"preceded_by": {"lexicon": "determiners", "extra": 1}}, "names a lexicon as"),
        ({"preceded_by": []}, "non-empty list of words"),
        ({"near": {"words": ["x"], "within": 0}}, "positive whole number of words"),
        ({"near": {"words": ["x"]}}, "needs ['within']"),
        ({"pos": 3}, "universal POS tags"),
        ({"antecedent": {"nouns": ["user"]}}, "needs 'determiners' or 'indefinite'"),
        ({"antecedent": {"nouns": ["user"], "determiners": "the"}}, "takes a list of words"),
        ({"whatever": True}, "unknown condition 'whatever'"),
    ],
)
def test_malformed_conditions_say_what_is_wrong(condition, message):
    with pytest.raises(ConditionError, match=re.escape(message)):
        compile_condition(condition)


def test_compile_condition_is_a_function_of_the_spec():
    spec = {"preceded_by": ["old"], "not": {"capitalized": True}}
    first, second = compile_condition(spec), compile_condition(spec)
    assert first.source == second.source == spec
    assert set(CONDITION_KEYS) >= set(spec)


@pytest.mark.parametrize(
    ("mapping", "costly"),
    [
        ({"mention": True}, True),
        ({"antecedent": {"nouns": ["user"], "indefinite": ["each"]}}, True),
        ({"any": [{"followed_by": ["x"]}, {"not": {"mention": True}}]}, True),
        ({"followed_by": ["x"], "sentence_has": ["y"]}, False),
        ({"not": {"preceded_by": ["z"]}}, False),
    ],
)
def test_conditions_that_read_beyond_the_sentence_are_costly(mapping, costly):
    assert compile_condition(mapping).costly is costly


def test_title_case_holds_in_a_heading_that_capitalizes_every_word(tmp_path):
    rules = rules_with(
        tmp_path,
        [{"phrase": "his", "inflect": "none"}],
        exceptions=[{"capitalized": True, "sentence_start": False, "title_case": False}],
    )
    assert found("Why Every Admin Should Rotate His Keys", rules) == ["His"]
    assert found("Why every admin should rotate His keys", rules) == []
    assert found("The Admin Rotated His Keys.", rules) == []
