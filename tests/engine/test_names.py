"""Names of software, products and works are not findings; the same words used are."""

import subprocess
import sys

import pytest

from allylint.api import lint_text


def rules_in(text: str) -> list[str]:
    return [finding.rule_id for finding in lint_text(text, "page.md")]


@pytest.mark.parametrize(
    "text",
    [
        "Waitress is a pure Python WSGI server.",
        "Deploy with Waitress behind a proxy.",
        "Convert the files with the LAME encoder.",
        "Run Foreman to start every process in the Procfile.",
        "The Middleman tool builds the site.",
        "We lock the rack with Master Lock\u00ae padlocks.",
        "Tag it with :policeman: in the channel.",
        # At a sentence's start a name needs a cue its capital cannot give: a version,
        # a product's noun, or the name written so inside a sentence of the passage.
        "Waitress 3.0 serves the app.",
        "Sanity Studio edits the content. We host it on Sanity.",
        # A title the sentence opens with and says is a work or a product.
        "Psycho is a 1960 thriller film by Alfred Hitchcock.",
        "Dumb and Dumber is a comedy movie from the nineties.",
        "Blacklist was an American television series.",
        "Crazy Horse is a band from Los Angeles.",
        # ... or with an apposition naming the work, or with its author.
        "Going Postal, Terry Pratchett's 2004 novel, is the sample book.",
        "Crazy Rich Asians, the 2018 film, opens the playlist.",
        "White Trash: The 400-Year Untold History of Class in America, by Nancy Isenberg, "
        "is on the reading list.",
        # The title after the noun of a work, a place, a title said to be a name, and
        # the title of an entry in a reference list.
        "Her 1998 book The Crazy Years is on the reading list.",
        "The sampler plays the album Master of Reality twice.",
        "The route passes Cripple Creek before the pass.",
        "The ferry leaves the town of Oriental at noon.",
        "## Manned Spacecraft Center Archive",
        "Psycho Pass is the name of the anime in the test fixture.",
        "- Doe, Jane. Insane Ideas: A History of Asylums. Penguin, 2011.",
        # A quoted title after the noun of a work, its comma and all; a title after its
        # author's possessive, with the capital of its article.
        'Cite Prensky\'s 2001 essay "Digital Natives, Digital Immigrants" in the intro.',
        "Book club: Dostoevsky's The Idiot",
        "We read Kesey's The Crazy Ones in March.",
        "## Ackerley's Hindoo Holiday (1932): A Reading Guide",
        # A sequel's or an edition's numeral ends a name, in a Title Case heading too.
        "## Crusader Kings III Mod Support",
        # A law's, a body's or a program's name, with a "for the ..." after its noun.
        "The National Coalition for the Homeless published its report.",
        "Congress passed the Education for All Handicapped Children Act in 1975.",
        "## Section 202 Supportive Housing for the Elderly: Who Qualifies",
        "The club reads Lee's Crazy Summer (2011) next.",
        "1. Roe, R. (2019). Lame duck sessions in state legislatures. Journal of Politics.",
        # A forge handle and a package's scope.
        "Thanks to @crazy-dev for the patch.",
        "Bump @sanity/client from 6.1.0 to 6.2.0 in the lockfile.",
        # A locale's tag, and the surname He before a given name.
        "Add he-IL and he_IL translations for the settings screen.",
        "- Reviewed by He Wei and Sofia Lindqvist",
        # A quoted title cited with its year.
        "Cite Brewer and Nash, 'The Chinese Wall Security Policy' (1989), in the docs.",
    ],
)
def test_names_are_not_findings(text):
    assert rules_in(text) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("The waitress brought the bill.", "gendered-job-titles"),
        # A capital after "of" that names no place: "the city of" takes a name.
        ("Add Oriental fonts for users in the city of Leeds.", "oriental"),
        # One capitalized word after "of": a Title Case heading capitalizes the rest.
        ("## How the City of Leeds Fights Crazy Ads", "crazy"),
        ("Lame excuses slow the review.", "lame"),
        ("Ask the foreman of the crew.", "gendered-job-titles"),
        ("The policeman: a job title.", "gendered-job-titles"),
        # A sentence's first word has its capital from its place, not from a name.
        ("Sanity of the time is the concern of the signer.", "sane"),
        # Said to be something other than a work: the word used, or talked about.
        ("Psycho is a label we should stop using for users.", "psycho"),
        ("The crazy plan was a film crew's idea.", "crazy"),
        # "Is a" with the noun of a work inside a longer description: the word used.
        ("Whitelisting is a game of whack-a-mole.", "whitelist"),
        # An apposition that names no work, and "by" before no author.
        ("Crazy, the way the cache evicts entries, is the bug.", "crazy"),
        ("White trash, by any measure, is a slur to keep out of examples.", "trailer-trash"),
        ("Blacklisting is a brand new feature in this release.", "blacklist"),
        # A book's noun without a title after it, a lake's noun with no name before it,
        # and a line with a comma and no year: the words used.
        ("The book was crazy good.", "crazy"),
        ("The slave lake replica lags behind.", "slave"),
        ("Hello, World. The whitelist is read first.", "whitelist"),
        # A possessive before an article in lowercase names no title.
        ("Dana's the idiot-proof setup script is gone.", "idiot"),
        # The domain of an address is no handle.
        ("Mail ops@example.org about the crazy retry storm.", "crazy"),
    ],
)
def test_the_same_words_used_are_findings(text, rule):
    assert rules_in(text) == [rule]


def test_allow_takes_names_that_match_only_as_written(tmp_path):
    (tmp_path / "page.md").write_text(
        "We ship the Chairman plugin for moderators.\n\nThe chairman opens the meeting.\n"
    )
    (tmp_path / ".allylint.yaml").write_text("allow: [{name: Chairman}]\n")
    result = subprocess.run(
        [sys.executable, "-m", "allylint", "check", "--no-cache", "page.md"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.stdout.count("gendered-job-titles warning") == 1
    assert "page.md:3:5:" in result.stdout


def test_a_bad_allow_entry_names_the_key(tmp_path):
    (tmp_path / ".allylint.yaml").write_text("allow: [{product: Waitress}]\n")
    (tmp_path / "a.md").write_text("text\n")
    result = subprocess.run(
        [sys.executable, "-m", "allylint", "check", "a.md"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "key 'allow[0].product': unknown key; expected one of name" in result.stderr


def test_the_same_page_as_html_and_as_text_gets_the_same_pronoun_findings():
    sentences = [
        "This page explains the release process.",
        "A maintainer tags the release.",
        "Then he pushes the tag and announces it.",
    ]
    html = (
        '<html><head><meta name="Generator" content="Docutils 0.20"><title>Release</title>'
        '</head><body><div class="Section">'
        + "".join(f"<p>{sentence}</p>\n" for sentence in sentences)
        + "</div></body></html>\n"
    )
    text = "Release\n\n" + "\n\n".join(sentences) + "\n"
    from_html = [(f.rule_id, f.text) for f in lint_text(html, "release.html")]
    from_text = [(f.rule_id, f.text) for f in lint_text(text, "release.txt")]
    assert from_html == from_text == [("generic-pronoun", "he")]


@pytest.mark.parametrize(
    "text",
    [
        # A command written in capitals, and a path inside a template tag.
        "* **SENTINEL MASTER** shows the state of a monitored instance.",
        'See the [CIDR allow list]({{< relref "/operate/rc/security/cidr-whitelist" >}}).',
    ],
)
def test_commands_in_capitals_and_template_tags_are_not_prose(text):
    assert rules_in(text) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Move the payment hosts into the DMZ VLAN.", "dmz"),
        ("The MASTER VM boots before the workers.", "master"),
    ],
)
def test_acronyms_side_by_side_are_no_command(text, rule):
    assert rules_in(text) == [rule]


def test_a_software_name_before_a_word_for_people_is_the_word():
    # Black, the formatter, is a name; "a Black customer" names a person's race.
    assert rules_in("Format the module with Black before the review.") == []
    assert rules_in("The crash was reported by a Black customer in Ohio.") == [
        "needless-race-mention"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "## Basket Case (Green Day, 1994) Added to the Track List",
        "## Gentleman's Agreement (1947): Notes on the Restoration",
        "- Tar Baby by Toni Morrison: discussion questions",
    ],
)
def test_a_work_credited_with_its_year_or_author_is_a_name(text):
    assert rules_in(text) == []


def test_by_and_two_words_credit_no_one():
    assert rules_in("## How Our CI Got Raped by Flaky Tests") == ["sexual-violence-metaphor"]
