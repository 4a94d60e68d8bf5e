"""The antecedent resolver, directly on hand-built Docs, with the built-in
generic-pronoun rule's own antecedent condition."""

from __future__ import annotations

import pytest

from allylint.api import lint_text
from allylint.resources import builtin_rules_dir
from allylint.yamlfile import load_yaml
from tests.conditions.contexts import holds
from tests.conftest import flagged

pytestmark = pytest.mark.usefixtures("untagged")


def _builtin_antecedent() -> dict:
    for rule in load_yaml(builtin_rules_dir() / "gender.yaml")["rules"]:
        if rule["id"] == "generic-pronoun":
            return dict(rule["requires"][0]["antecedent"])
    raise AssertionError("the generic-pronoun rule has no antecedent condition")


BUILTIN = _builtin_antecedent()


def generic(text: str, pronoun: str, occurrence: int = 0, **options) -> bool:
    spec = {**BUILTIN, **options}
    return holds({"antecedent": spec}, text, pronoun, occurrence=occurrence, context="paragraph")


@pytest.mark.parametrize(
    ("text", "pronoun"),
    [
        ("Each user must change his password.", "his"),
        ("If a developer breaks the build, he should fix it.", "he"),
        ("When someone joins, give her access.", "her"),
        ("Any reviewer may add his name.", "his"),
        ("An author can withdraw his PEP.", "his"),  # a particular noun, indefinite
        ("If the victim uses Google Mail, the attacker can read his mail.", "his"),
        ("A user logged in as root can change his password.", "his"),  # a participle
    ],
)
def test_generic_antecedents(text, pronoun):
    assert generic(text, pronoun)


@pytest.mark.parametrize(
    ("text", "pronoun"),
    [
        ("Guido van Rossum explained his reasoning.", "his"),
        ("Julia, the operator of the cluster, wants her logs in one place.", "her"),
        ("Carol is an engineer, and her team audits images.", "her"),
        ("Dan's team supports his company's cluster.", "his"),
        ("The PEP was withdrawn by the author. He writes:", "He"),  # the author: one
        ("A core developer expressed his support.", "his"),  # one past event
        ("Ask the woman at the desk; she knows.", "she"),  # a gendered word
        ("Ask Mr. Smith whether he agrees.", "he"),
        ("Candidate 4471 said he can start in March.", "he"),  # numbered: one of them
        ("Ask user #12 whether she still sees the error.", "she"),
        ("A housewife orders groceries from her phone.", "her"),  # a gendered word
    ],
)
def test_particular_antecedents(text, pronoun):
    assert not generic(text, pronoun)


def test_a_predicate_noun_describes_a_referent_and_is_skipped():
    text = "Dan works here. He signs in as a viewer and checks his alerts."
    assert not generic(text, "his", isolated=0)


def test_an_earlier_pronoun_shares_the_referent():
    text = "Each user gets a key. His key is long. It is what he needs."
    assert generic(text, "he")
    assert not generic(text, "he", coreferents=[], isolated=0)  # "His" is no referent


def test_the_window_spans_the_sentences_asked_for():
    text = "Each user needs a key. It is loaded before he logs in."
    assert generic(text, "he")
    assert not generic(text, "he", sentences=1, isolated=0)


def test_a_handle_or_a_name_before_an_unresolved_pronoun_is_its_referent():
    comment = {"unresolved": ["comment"], "isolated": 0}
    in_comment = {"context": "comment"}
    spec = {**BUILTIN, **comment}
    assert holds({"antecedent": spec}, "so he can merge it later", "he", **in_comment)
    assert not holds({"antecedent": spec}, "ask @nrc, so he can merge it later", "he", **in_comment)
    assert not holds({"antecedent": spec}, "thanks to jdoe, he can merge it", "he", **in_comment)
    # In a paragraph the same pronoun is not generic: it continues a story.
    assert not holds({"antecedent": spec}, "so he can merge it later", "he", context="paragraph")


def test_isolated_pronouns_look_at_the_file_before_the_document():
    spec = {**BUILTIN, "isolated": 12}
    text = "again, he may volunteer to maintain it"
    assert holds({"antecedent": spec}, text, "he", context="paragraph")
    for before in ("Thanks go to Ann Lee.\n\n", "Reviewed by @nrc.\n\n", "A woman came.\n\n"):
        assert not holds({"antecedent": spec}, text, "he", context="paragraph", before=before)
    far = "Thanks go to Ann Lee.\n\n" + "More words here. " * 40 + "\n\n"
    assert holds({"antecedent": spec}, text, "he", context="paragraph", before=far)


def test_isolated_pronouns_opening_a_text_or_telling_of_the_past_are_particular():
    spec = {**BUILTIN, "isolated": 12}
    assert not holds({"antecedent": spec}, "She holds a degree.", "She", context="paragraph")
    assert not holds({"antecedent": spec}, "by then he realised it", "he", context="paragraph")
    assert not holds({"antecedent": spec}, "and so he was the host", "he", context="paragraph")


@pytest.mark.parametrize(
    ("text", "term", "generic"),
    [
        # Role nouns the list does not name, known by their form.
        ("Alice wrote the patch. An integrator pulls it into his tree.", "his", True),
        # "your maintainer" is whoever maintains the reader's project.
        ("When your maintainer is away, he cannot merge.", "he", True),
        # A pronoun that opens a sentence still resolves to its referent.
        ("A coworker asks for a review. Then she pushes the tag.", "she", True),
        # A noun after a preposition is where someone acts, not who.
        ("If Bob later works from a different host, he must copy the key.", "he", False),
        ("Bob restarted the server before he left.", "he", False),
        # A word shaped like an agent noun that names a thing is no referent.
        ("Ida Wells wrote in Memphis. The newspaper demo indexes her pamphlet.", "her", False),
    ],
)
def test_the_nearest_plausible_antecedent_decides(text, term, generic):
    assert holds({"antecedent": {**BUILTIN, "isolated": 12}}, text, term) == generic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # With nobody in reach, the first pronoun of a chain is judged, and the later
        # ones that share its referent share its verdict.
        ("She moved the docs to Sphinx and her build script still runs.", []),
        ("His tests pass, but he has not rebased yet.", []),
        # A generic referent carries through the chain too.
        (
            "Each reviewer signs his name, and then he merges.",
            [("generic-pronoun", "his"), ("generic-pronoun", "he")],
        ),
        # A program's name with its version is no one a pronoun can mean.
        (
            "The operator should upgrade Kubernetes 1.29 before he drains the node.",
            [("generic-pronoun", "he")],
        ),
        # A past-tense verb just before a pronoun with nobody in reach: someone in
        # particular.
        ("The release slipped, so we told him the date moved.", []),
    ],
)
def test_pronouns_that_share_a_referent_share_the_verdict(text, expected):
    assert [(rule, found) for rule, found in flagged(text) if rule == "generic-pronoun"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A noun doing something in the past, with an irregular past tense, is someone
        # in particular; the same sentence in the present is about anyone in the role.
        ("The new maintainer built the release tooling, and he documented it.", []),
        ("An intern drew the icons before she left.", []),
        ("Each maintainer builds the release, and he documents it.", [("generic-pronoun", "he")]),
        # ... in a relative clause too: "a manager who said she".
        ("The speaker recalled a manager who said she was too young.", []),
        ("A manager who says she is too busy should delegate.", [("generic-pronoun", "she")]),
        # A pronoun in a phrase that opens the sentence, before the clause it refers to.
        ("In her keynote, the panelist recalled the first release.", []),
        ("In his first week, a new hire reads the onboarding guide.", [("generic-pronoun", "his")]),
        # A participle before the subject is no past event, nor a relative clause's
        # past verb before the main clause.
        ("In his first week, a dedicated mentor helps every hire.", [("generic-pronoun", "his")]),
        ("A user who forgot his password should reset it.", [("generic-pronoun", "his")]),
    ],
)
def test_a_referent_told_of_in_the_past_is_particular(text, expected):
    assert [(rule, found) for rule, found in flagged(text) if rule == "generic-pronoun"] == expected


@pytest.mark.parametrize(
    ("text", "pronoun", "expected"),
    [
        # The object of a verb is never the subject of its own clause: "him" is the
        # new contributor, not Dana.
        (
            "When a contributor opens a pull request, Guido van Rossum assigns him a mentor.",
            "him",
            True,
        ),
        (
            "When a contributor opens a pull request, Guido van Rossum assigns her a mentor.",
            "her",
            True,
        ),
        # After a preposition, or across a clause break, the subject may be meant.
        (
            "When a contributor opens a pull request, Guido van Rossum takes it with him.",
            "him",
            False,
        ),
        (
            "When a contributor opens a pull request, Guido van Rossum says that it suits him.",
            "him",
            False,
        ),
        # A possessive may be the subject's own.
        ("When a contributor opens a pull request, Guido van Rossum signs her name.", "her", False),
    ],
)
def test_an_object_pronoun_skips_the_subject_of_its_verb(text, pronoun, expected):
    assert generic(text, pronoun) is expected


@pytest.mark.parametrize(
    ("text", "pronoun", "expected"),
    [
        # A capital after a verb that takes tools is a product, skipped on the way back.
        ("The ideal candidate has run Kubernetes in production, and he is on call.", "he", True),
        ("The ideal hire writes clean Go and his reviews are thorough.", "his", True),
        ("A developer who deploys Nomad keeps his jobs small.", "his", True),
        # A person after such a verb, or after a preposition, is still a referent.
        ("Each user who knows Alice can ask her for access.", "her", False),
        ("The reviewer writes to Dana and she replies.", "she", False),
        ("The maintainer pinged Dana and she fixed it.", "she", False),
    ],
)
def test_a_capital_after_a_verb_that_takes_tools_names_a_product(text, pronoun, expected):
    assert generic(text, pronoun) is expected


@pytest.mark.parametrize(
    ("text", "pronoun", "expected"),
    [
        # Someone the writer acted on in the simple past is one particular person ...
        ("We hired a contractor for the audit. Her notes are in the wiki.", "Her", False),
        (
            "I paired with a reviewer yesterday, and I thanked the reviewer for his time.",
            "his",
            False,
        ),
        ("The fix is obvious, wrote the statistician in his reply.", "his", False),
        # ... but not after an auxiliary, in a hypothesis, before a modal, or when a
        # program acted on a record of someone whose gender nobody knows.
        ("Once we have added a reviewer, he gets an email.", "he", True),
        ("If we invited a reviewer, he would get an email.", "he", True),
        ("We hired a contractor who should send his invoice monthly.", "his", True),
        ("The query found the first user and logged him in.", "him", True),
    ],
)
def test_a_referent_the_writer_acted_on_in_the_past_is_particular(text, pronoun, expected):
    assert generic(text, pronoun) is expected


@pytest.mark.parametrize(
    ("text", "pronoun", "expected"),
    [
        # Compared with: someone in particular.
        ("A beginner like him would never finish the tutorial.", "him", False),
        ("Nobody on the team types faster than her.", "her", False),
        # "Next": whoever comes.
        ("Our next hire will lead the team. He must know Kotlin.", "He", True),
        # -ician nouns are role nouns.
        ("Ask a technician whether he has the key.", "he", True),
        ("Ask a dietician whether she has the chart.", "she", True),
    ],
)
def test_comparisons_and_next_and_ician_nouns(text, pronoun, expected):
    assert generic(text, pronoun) is expected


def test_particular_nouns_are_roles_in_code():
    text = "Tell the repository owner that his token expires."
    assert generic(text, "his") is False
    assert holds({"antecedent": BUILTIN}, text, "his", context="docstring") is True


@pytest.mark.parametrize(
    ("text", "term", "generic"),
    [
        # A tool's name before a verb in -s is no person: the pronoun has no referent.
        ("Webpack bundles the code for the user, and he can then open it.", "he", True),
        # A name before a verb of saying is one.
        ("Priya said the parser is slow. Send her the failing input.", "her", False),
    ],
)
def test_a_name_opens_its_sentence_before_a_verb_of_saying(text, term, generic):
    assert holds({"antecedent": {**BUILTIN, "isolated": 12}}, text, term) == generic


@pytest.mark.parametrize(
    ("text", "term", "generic"),
    [
        # A word outside the vocabulary opening a sentence before a verb in -s is what
        # the sentence is about: a later sentence's pronoun may mean them.
        ("Priya maintains the parser. Send her the failing input.", "her", False),
        ("Tomasz reviews the migrations. Ask him before merging.", "him", False),
        # In its own sentence, with no role noun between, the subject is the referent.
        ("Oluwaseun calls herself the release captain.", "herself", False),
        # A verb joined by a hyphen, and a thing's -er noun before the pronoun.
        ("Dana colour-codes every sheet and tidies the drawer. She is picky.", "She", False),
        # With one between, the role noun beside the pronoun is likelier.
        ("Webpack bundles the code for the user, and he can then open it.", "he", True),
        # An English word opening the sentence is no name: "Caching speeds ...".
        ("Caching speeds up the page. Then he can log in.", "he", True),
    ],
)
def test_a_sentence_about_someone_named_at_its_start(text, term, generic):
    assert holds({"antecedent": {**BUILTIN, "isolated": 12}}, text, term) == generic


@pytest.mark.parametrize(
    "text",
    [
        "If the mare has foaled this season, record her weight.",
        "Each litter is filed under its dam, and the form asks for her earlier litters.",
    ],
)
def test_an_animal_of_known_sex_is_a_referent(text):
    pronoun = "her"
    assert generic(text, pronoun) is False


def test_a_name_in_an_earlier_paragraph_of_the_docstring_is_a_referent():
    named = 'def sign(r):\n    """Releases are signed by Marco.\n\n    Append his key."""\n'
    unnamed = 'def sign(r):\n    """Sign the release.\n\n    Append his key."""\n'
    assert [f.text for f in lint_text(named, "sign.py")] == []
    assert [f.text for f in lint_text(unnamed, "sign.py")] == ["his"]
