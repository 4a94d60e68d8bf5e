"""The mention detector, directly on hand-built Docs."""

from __future__ import annotations

import dataclasses
import re

import pytest

from allylint.api import lint_text
from allylint.conditions import lexicons
from allylint.conditions.marks import quoted_alone
from allylint.conditions.mentions import MentionCues
from tests.conditions.contexts import context_for

pytestmark = pytest.mark.usefixtures("untagged")


def rules_found(text: str) -> list[str]:
    """The rules of the findings in ``text``, checked whole as a Markdown page."""
    return [finding.rule_id for finding in lint_text(text, "notes.md")]


def is_mention(text: str, term: str, alternatives: tuple[str, ...] = ()) -> bool:
    context = dataclasses.replace(context_for(text, term), alternatives=alternatives)
    return lexicons.cues(MentionCues).is_mention(context)


@pytest.mark.parametrize(
    ("text", "term", "alternatives"),
    [
        ("Use allowlist, not whitelist.", "whitelist", ("allowlist",)),
        ("Write chair rather than chairman.", "chairman", ("chair", "chairperson")),
        ("Rename the branch from master to main.", "master", ("primary", "main")),
        ("Replace whitelist/blacklist with allowlist/denylist", "whitelist", ("allowlist",)),
        ("Avoid chairman; write chair.", "chairman", ("chair",)),
        # A hyphenated alternative is read as its tokens spell it.
        ("Replace man-hours with person-hours in estimates.", "man-hours", ("person-hours",)),
        ("Prefer the primary over the master node.", "master", ("primary",)),
        # The recommendation after the term, with "instead".
        (
            "The guide lists *whitelist* and suggests *allowlist* instead.",
            "whitelist",
            ("allowlist",),
        ),
    ],
)
def test_a_term_beside_what_to_write_instead_is_a_mention(text, term, alternatives):
    assert is_mention(text, term, alternatives)


@pytest.mark.parametrize(
    ("text", "term", "alternatives"),
    [
        ("The replica set replaces the slave nodes.", "slave", ("replica",)),  # no "to"
        ("Each user must say his name, not their ID.", "his", ("they", "their")),
        ("Use allowlist, not whitelist.", "whitelist", ()),  # the rule offers nothing
        ("Move the whitelist to the config folder.", "whitelist", ("allowlist",)),
        # "instead" that is no recommendation of the alternative.
        (
            "The whitelist is checked first; the allowlist is read instead.",
            "whitelist",
            ("allowlist",),
        ),
    ],
)
def test_the_alternative_elsewhere_or_after_does_not_make_a_mention(text, term, alternatives):
    assert not is_mention(text, term, alternatives)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ('Rename the "whitelist" option to "allowlist".', "whitelist"),
        ('Use "allowlist" instead of "whitelist".', "whitelist"),
        ("Use \u2018allowlist\u2019, not \u2018whitelist\u2019.", "whitelist"),
        ('It reports the roles "master", "slave" and "witness".', "slave"),
        ('Avoid "crazy" in error messages.', "crazy"),
        ('Remove tolerations for the "master" taint.', "master"),
        ('("insane" was the word Guido used).', "insane"),
        ("Avoid the word crazy in error messages.", "crazy"),
        ('The term "sanity check" says little.', "sanity check"),
        ("Terms like whitelist say little.", "whitelist"),
        ("Words such as crazy hurt.", "crazy"),
        ("Words such as lame and dumb turn up in reviews.", "dumb"),
        ("Avoid titles like chairman, foreman or salesman.", "salesman"),
        ("In Redis 5 the replica role was formerly called slave.", "slave"),
        ("The primary (also known as master) shard takes writes.", "master"),
        ('The channel formerly called "peanut-gallery" is now #feedback.', "peanut-gallery"),
        ("Rename the peanut-gallery channel to feedback.", "peanut-gallery"),
        ("Deprecate the whitelist option in 3.0.", "whitelist"),
        # Later items of a list of named words, before or after the naming phrase.
        ("Words like hick or yokel read as sneers.", "yokel"),
        ("Skip words like hick, white trash or yokel.", "yokel"),
        ("The glossary names geezer, old fogey and codger as words to avoid.", "geezer"),
        ("The glossary marks yokel as a term to avoid.", "yokel"),
        # A quoted short phrase, a quoted kind of phrase, a paragraph about wording.
        ('The review struck "rock star" and "young blood wanted" from the ad.', "young blood"),
        ('Slides quoted the "OK boomer" slogan for a laugh.', "OK boomer"),
        ('We had called the hack "kosher"; the word is gone now.', "kosher"),
        ('The guide was reworded. It used to call the queue "crazy".', "crazy"),
        # Renamed in place.
        ("Rename the hobo allocator to roaming allocator", "hobo"),
        ("Replace crazy wording in the docs", "crazy"),
        # The word said, unquoted, where it ends the clause.
        ("Job titles say advocate where older pages said evangelist.", "evangelist"),
        ("See the notes for why we no longer write DMZ.", "DMZ"),
        ('He was quoted as saying, "my title was software evangelist."', "evangelist"),
        # One item after a colon that says to avoid it.
        ("Words to avoid: blast radius", "blast radius"),
        # A gloss with an article after its cue; a quoted literal value or title.
        ("The perimeter network (also known as a DMZ) hosts the web servers.", "DMZ"),
        ("Legacy rows may still contain the string 'Evangelist'.", "Evangelist"),
        ('Control 5.3 is titled "Segregation of duties".', "Segregation"),
    ],
)
def test_talked_about_words_are_mentions(text, term):
    assert is_mention(text, term)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ('It acts as a "dumb" HTTP server.', "dumb"),  # scare quotes
        ('People say "crazy" things.', "crazy"),
        ('Requests from "blacklisted" addresses are dropped.', "blacklisted"),
        ("Short term: white lists with overrides", "white lists"),  # "term" names nothing
        ("The users' whitelist is stored here.", "whitelist"),  # an apostrophe, no quote
        ('Copy the "slave.jar" file.', "slave"),  # a quoted file name, not a word
        ("Add the host to the whitelist.", "whitelist"),
        ("Update the word list and whitelist.", "whitelist"),  # a list needs "like"
        ("The old node was called the master for years.", "master"),  # not a former name
        ("Replace the slave nodes with replicas.", "slave"),  # nodes, not a setting's name
        # Replacing a thing is not renaming it: the cache is still called ghetto.
        ("Replace the ghetto cache with Redis", "ghetto"),
        ("The ghetto fix, the redneck fix and the hack all stay.", "redneck"),
        ('It acts as a "dumb proxy server with caching" here.', "dumb"),  # a long quotation
        # A verb of saying before the term that does not end its clause, or a speaker.
        ("The vendor says master nodes need more memory.", "master"),
        ('"Put it in the DMZ," said the admin.', "admin"),
        ("The changes were quoted blacklist.", "blacklist"),  # "quoted" describes
        # An article after "rather than" or "previously" is the term in use.
        ("Use labels rather than a whitelist approach.", "whitelist"),
        ("What was previously a master is now a replica.", "master"),
        # One item after a colon is a value: "Title: Chairman".
        ("Title: Chairman", "Chairman"),
    ],
)
def test_used_words_are_not_mentions(text, term):
    assert not is_mention(text, term)


def test_quoted_alone_finds_the_marks_around_one_word():
    text = 'say "white/black-list" or "the whitelist"'
    start = text.index("white/")
    assert quoted_alone(text, start, start + 5) == (start, start + len("white/black-list"))
    inner = text.index("whitelist")
    assert quoted_alone(text, inner, inner + len("whitelist")) is None  # two words quoted


def mention_in(text: str, term: str, **where) -> bool:
    return lexicons.cues(MentionCues).is_mention(context_for(text, term, **where))


@pytest.mark.parametrize(
    ("text", "term", "terms"),
    [
        # A banner listing loaded terms, and a table cell of them.
        (
            "It finds whitelist/blacklist, master/slave, sanity check and more.",
            "master",
            ("whitelist", "blacklist", "master", "slave", "sanity check"),
        ),
        ("lame, dumb, crippled", "dumb", ("lame", "dumb", "crippled")),
        # Two terms in a list named as words.
        (
            "We are replacing the terms whitelist and blacklist.",
            "blacklist",
            ("whitelist", "blacklist"),
        ),
        ("The words master and slave no longer appear in the API.", "slave", ("master", "slave")),
        # Two quoted terms side by side.
        ('Matches: "senile", "senility"', "senility", ("senile", "senility")),
    ],
)
def test_lists_of_terms_are_mentions(text, term, terms):
    assert mention_in(text, term, terms=terms)


@pytest.mark.parametrize(
    ("text", "term", "terms"),
    [
        # Two terms used together are a use, however they are joined.
        (
            "Configure the whitelist and blacklist of hosts.",
            "blacklist",
            ("whitelist", "blacklist"),
        ),
        ("Set up master/slave replication first.", "slave", ("master", "slave")),
        ("The data flows master -> slave over the link.", "slave", ("master", "slave")),
    ],
)
def test_two_terms_used_together_are_not_mentions(text, term, terms):
    assert not mention_in(text, term, terms=terms)


@pytest.mark.parametrize(
    ("text", "term", "alternatives"),
    [
        ("Rename chairman field to chair.", "chairman", ("chair",)),
        ("Renamed the whitelist setting to allowlist in 2.0.", "whitelist", ("allowlist",)),
        ("whitelist -> allowlist", "whitelist", ("allowlist",)),
        (
            "allowlist \u2190 is the new name; whitelist \u2192 allowlist",
            "whitelist",
            ("allowlist",),
        ),
        ("A replica (formerly slave) shard is promoted.", "slave", ("replica",)),
        ("The primary (also known as master) shard answers.", "master", ("primary",)),
        ("Upgrade the primary (master) node first.", "master", ("primary",)),
        ("Use allowlist instead of whitelist.", "whitelist", ("allowlist",)),
        ("Since 5.0 slave is deprecated in favour of replica.", "slave", ("replica",)),
    ],
)
def test_names_mapped_to_their_replacement_are_mentions(text, term, alternatives):
    assert mention_in(text, term, alternatives=alternatives)


@pytest.mark.parametrize(
    ("text", "term", "alternatives"),
    [
        ("Master -> Replica transfer of the snapshot.", "Master", ("primary",)),
        ("Number of (master) shards: two.", "master", ("primary",)),
        ("The master is no longer reachable.", "master", ("primary",)),
        # Replacing a thing is not renaming a word.
        ("Replace the hard-coded blacklist with a config file.", "blacklist", ("denylist",)),
        ("The configuration was changed to relaunch the slave.", "slave", ("replica",)),
    ],
)
def test_other_arrows_brackets_and_replacements_are_uses(text, term, alternatives):
    assert not mention_in(text, term, alternatives=alternatives)


@pytest.mark.parametrize(
    ("text", "markup", "term"),
    [
        (
            "Gypsy is an outside name for Romani people.",
            "- **Gypsy** is an outside name for Romani people.",
            "Gypsy",
        ),
        ("Lame for weak, dumb for stupid.", "- **Lame** for weak, *dumb* for stupid.", "dumb"),
        ("crazy", "| <em>crazy</em> |", "crazy"),
    ],
)
def test_emphasized_words_with_a_cue_are_mentions(text, markup, term):
    assert mention_in(text, term, markup=markup)


@pytest.mark.parametrize(
    ("text", "markup", "term"),
    [
        ("This is crazy fast.", "This is *crazy* fast.", "crazy"),
        ("Never use a dumb terminal.", "Never use a **dumb** terminal.", "dumb"),
    ],
)
def test_stress_is_not_a_mention(text, markup, term):
    assert not mention_in(text, term, markup=markup)


@pytest.mark.parametrize(
    "text",
    [
        '"Gypsy" is an exonym many Roma people hear as a slur.',
        'Placeholder value for "dummy value".',
        '"crazy"',
    ],
)
def test_quoted_words_that_open_a_sentence_fill_a_cell_or_follow_a_gloss_are_mentions(text):
    term = re.search(r'"([^"]+)"', text).group(1)
    assert mention_in(text, term)


def test_scare_quotes_inside_a_sentence_are_still_uses():
    assert not mention_in('The service runs on a "dumb" server.', "dumb")


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # One of a list of quoted examples, however long each is.
        ('Jokes ("even your grandma could do it", "OK boomer") about age.', "grandma"),
        ('Tests: "explain it to your grandpa", "granny mode", "a little old lady".', "granny"),
        ('Titles such as "senior moment" or "a little old lady" mock age.', "little old lady"),
        # A passage named by a noun for words: a verb, a joke, a claim.
        ('It is read as the verb "to master" here.', "master"),
        ('The joke "so easy your grandmother could do it" is ageist.', "grandmother"),
        # A quoted word alone in brackets glosses the words before it.
        ('for the mail technique ("greylisting")', "greylisting"),
    ],
)
def test_quoted_passages_in_lists_or_named_are_mentions(text, term):
    assert mention_in(text, term)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # A single quoted passage with no cue is a quotation used in the prose.
        ('He said "the master server is down" and left.', "master"),
        ('Our "dumb" server (the old one) is slow.', "dumb"),
    ],
)
def test_a_quoted_passage_alone_without_a_cue_is_a_use(text, term):
    assert not mention_in(text, term)


@pytest.mark.parametrize(
    ("text", "markup", "term"),
    [
        # A glossary entry: emphasized words open the line and an arrow or colon follows.
        (
            "geezer, old fogey, old fart \u2192 long-time users",
            "- **geezer, old fogey, old fart** \u2192 long-time users",
            "old fart",
        ),
        ("Senile: stale, degraded", "**Senile**: stale, degraded", "Senile"),
        # The entry may open a clause: "...; **X** -> Y".
        (
            "girls \u2192 women; lady developer, male nurse \u2192 the job title.",
            "**girls** \u2192 women; **lady developer, male nurse** \u2192 the job title.",
            "male nurse",
        ),
    ],
)
def test_emphasized_entries_of_a_glossary_are_mentions(text, markup, term):
    assert mention_in(text, term, markup=markup)


@pytest.mark.parametrize(
    ("text", "markup", "term"),
    [
        # Emphasis inside a sentence, or with no gloss after it, is stress.
        (
            "Do not ship crazy defaults: they hurt.",
            "Do not ship **crazy** defaults: they hurt.",
            "crazy",
        ),
        (
            "The dumb terminal \u2192 the server.",
            "The **dumb** terminal \u2192 the server.",
            "dumb",
        ),
    ],
)
def test_emphasis_that_is_no_glossary_entry_is_a_use(text, markup, term):
    assert not mention_in(text, term, markup=markup)


@pytest.mark.parametrize(
    ("text", "term", "alternatives"),
    [
        ("Job titles: chair for chairman, firefighter for fireman.", "fireman", ("firefighter",)),
        ("Use flight attendant for stewardess.", "stewardess", ("flight attendant",)),
        # The alternative is itself a term of the rule: the arrow still maps the term.
        ("Transgendered \u2192 transgender.", "Transgendered", ("transgender",)),
    ],
)
def test_glosses_and_arrows_to_the_alternative_are_mentions(text, term, alternatives):
    terms = ("Transgendered", "transgender") if term == "Transgendered" else ()
    assert mention_in(text, term, alternatives=alternatives, terms=terms)


def test_the_alternative_for_a_person_is_no_gloss():
    # A determiner between "for" and the term: a chair bought for the chairman.
    assert not mention_in(
        "They bought a chair for the chairman.", "chairman", alternatives=("chair",)
    )


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        # One thing in scare quotes twice, sentences apart in the prose: still used.
        (
            'Some tools create a new "dummy" local Service for every import, so the '
            'records come from the DNS resolution of the "dummy" Service.\n',
            ["dummy-value", "dummy-value"],
        ),
        # Examples of one word, side by side: talked about.
        (
            '- **simple**: for a component that does the minimum ("dumb" terminal, "dumb" pipe)\n',
            [],
        ),
    ],
)
def test_one_word_quoted_twice_is_a_mention_only_as_examples(text, rules):
    from allylint.api import lint_text

    assert [f.rule_id for f in lint_text(text, "page.md")] == rules


@pytest.mark.parametrize(
    ("markup", "rules"),
    [
        # A reference of names a program defines: the name, its arguments, a gloss.
        ("* **no-good-slave** `<instance details>` -- There is no good replica.\n", []),
        ("* **selected-slave** `<instance details>` -- We found a replica.\n", []),
        # The same words opening a sentence of prose are used.
        ("**master-slave** replication is deprecated.\n", ["master-slave"]),
    ],
)
def test_emphasized_names_of_a_reference_are_mentions(markup, rules):
    from allylint.api import lint_text

    assert [f.rule_id for f in lint_text(markup, "page.md")] == rules


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A list after a colon that a noun for words introduces: each item is named.
        ("### Terms we retired: whitelist, blacklist and master/slave", []),
        ("Slurs we filter: retard, spaz.", []),
        # The noun for words may open a longer introduction.
        ("Words to avoid in job ads: chairman, salesman", []),
        # One item after such a colon is a value, and a colon with no noun for words
        # before it introduces prose.
        ("Title: Chairman of the board", ["gendered-job-titles"]),
        ("Known issue: the master restarts, and the replica follows.", ["master"]),
        # A rewording after a colon, and a sentence after one, use the words.
        ("In other words: add the address to the whitelist, then restart.", ["whitelist"]),
        ("In a word: the blacklist, not the allowlist, is read first.", ["blacklist"]),
        ("Terms of use: add the host to the whitelist, then restart.", ["whitelist"]),
    ],
)
def test_a_list_introduced_as_words_is_talked_about(text, expected):
    assert rules_found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Someone else's words, quoted as they were after a verb of saying.
        ('The 2019 README says: "Add your IP to the whitelist."', []),
        ('Last year\'s banner read, "Join the grammar nazis!"', []),
        ('The old notes said "blacklist" where we now say denylist.', []),
        # Words between the verb and the colon, and an inscription quoted as it reads.
        ('The 1950s ad reads, in full: "Wanted: a crazy salesman."', []),
        ('A tester told us, "the wizard drives me crazy."', []),
        ('The customer wrote, verbatim: "your pricing is insane".', []),
        ('The old sign reads "No crazy drivers" in red.', []),
        ("A tester told us the wizard is crazy.", ["crazy"]),
        ('The old whitepaper put it this way: "a crazy amount of nodes".', []),
        ("AP and GLAAD advise against 'transgendered'; write 'transgender'.", []),
        # A label given to people is a use; so is scare quoting after "read".
        ('The manager labeled them "crazy" in the review.', ["crazy"]),
        ('I read "crazy" reviews of the film.', ["crazy"]),
        # Quoted words paired by "never": the one to write and the one to avoid.
        ('Write "people experiencing homelessness"; never "the homeless".', []),
        # The same words said in our own voice are findings.
        ("The README says to add your IP to the whitelist.", ["whitelist"]),
        # Words of saying that are nouns too, and a quoted word after any other verb.
        ('The figures we showed were "insane".', ["insane"]),
        ('Set the state to "master" and wait for the replica.', ["master"]),
        ('Whatever the chart shows, "crazy" spikes at night are normal.', ["crazy"]),
    ],
)
def test_words_quoted_after_a_verb_of_saying_are_someone_elses(text, expected):
    assert rules_found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A gloss names the alternative right before "for": not any word before it.
        ("Write chair for chairman in the bylaws.", []),
        ("Budget phones are for low-class buyers.", ["low-class"]),
        # A noun for a word after a quoted one: the word is talked about.
        ('Many consider "Eskimo" an exonym today.', []),
    ],
)
def test_a_gloss_and_a_noun_for_words_after_the_quote(text, expected):
    assert rules_found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The old wording of a text that the paragraph says was changed: quoted, or
        # with what replaced it later on.
        ('The old form listed "Moslem" as a choice. We changed it to "Muslim".', []),
        ("Our old docs used master/slave for replication. This page now says primary/replica.", []),
        # An old text without a change, or a change that does not reach the word.
        ('The old form listed "crazy" deals.', ["crazy"]),
        ("The old docs were confusing, so we updated them. Configure the master node.", ["master"]),
        # An apposition calling it a term.
        ("Don't call a bad idea lame, a term many disabled readers find hurtful.", []),
    ],
)
def test_old_wording_and_an_apposition_calling_it_a_term(text, expected):
    assert rules_found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A title quoted after the verb that gives it, or after a noun for one.
        ('The library lends a 1952 booklet titled "Help for the Crippled Worker".', []),
        ('Each ledger page has a column headed "Insane" beside the admission date.', []),
        ('The scan keeps the heading "Lunatic Ward, East Wing" as printed.', []),
        # A newspaper's words, quoted after the verb that printed them.
        ('The paper printed "Admitted Homosexual Wins Seat" on its front page.', []),
        # A quoted passage in a paragraph that talks about its wording.
        ('The 1911 act paid for "crippled workers". We keep that phrase in the raw data.', []),
        # Quoted words of our own are still findings.
        ('The new build is "crippled by design" and slow.', ["cripple"]),
        ("The booklet helps the crippled worker find a job.", ["cripple"]),
    ],
)
def test_a_title_or_a_passage_whose_wording_is_discussed_is_quoted(text, expected):
    assert rules_found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A quoted compound that the term ends, with a cue: a verb of removing.
        ('Remove "grammar nazi" joke from the style guide', []),
        ('We dropped "rock-star crazy" from the ads.', []),
        # Scare quotes in our own voice, and a quoted clause, are uses.
        ('Our reviewers are "grammar nazis" about commas.', ["nazi-label"]),
        ('He said "the master server is down" and left.', ["master"]),
    ],
)
def test_a_quoted_compound_that_the_term_ends_is_quoted_alone(text, expected):
    assert rules_found(text) == expected


def test_a_quoted_compound_with_a_capital_is_a_label_in_use():
    assert rules_found('Open the "New slave" page to add a machine.') == ["slave"]


def test_an_alternative_before_a_list_of_terms_covers_every_term():
    assert rules_found("- Write *older adults*, not *the elderly* or *seniors*") == []
    assert rules_found("Write older adults, not the elderly or seniors.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A noun that names only words, or one pointed back to, makes a quoted passage
        # words talked about; "the title" or "a joke" elsewhere does not.
        ('Readers asked about a phrase. The FAQ said "this is crazy fast" for years.', []),
        (
            'The ad ran "we want crazy hustlers" in bold. The title of the shop was Bob\'s.',
            ["crazy"],
        ),
    ],
)
def test_a_quoted_passage_is_talked_about_only_when_words_are_named(text, expected):
    assert rules_found(text) == expected
