"""The mention detector, directly on hand-built Docs."""

from __future__ import annotations

import pytest

from allylint.conditions import lexicons
from allylint.conditions.mentions import MentionCues, quoted_alone
from tests.conditions.contexts import context_for

pytestmark = pytest.mark.usefixtures("untagged")


def is_mention(text: str, term: str) -> bool:
    return lexicons.cues(MentionCues).is_mention(context_for(text, term))


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
