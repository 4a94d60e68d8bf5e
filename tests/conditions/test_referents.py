"""Where a pronoun rule's possible referents stand in a document."""

from __future__ import annotations

import pytest

from allylint.conditions.antecedents import Antecedent
from allylint.conditions.referents import Referents
from tests.conditions.contexts import context_for

pytestmark = pytest.mark.usefixtures("untagged")

FINDER = Antecedent(
    nouns=frozenset({"user"}),
    determiners=frozenset({"the"}),
    indefinite=frozenset({"a"}),
    pronouns=frozenset({"someone"}),
    blockers=frozenset({"woman"}),
    particular=frozenset(),
    coreferents=frozenset({"he", "she", "her", "herself"}),
    sentences=2,
)


def named_before(text: str, pronoun: str) -> bool:
    ctx = context_for(text, pronoun)
    return Referents(FINDER, ctx).named_before(ctx.span[0])


@pytest.mark.parametrize(
    ("text", "pronoun", "named"),
    [
        # A capitalized word inside a sentence, and an @handle.
        ("Ask Dana whether she can review it.", "she", True),
        ("Thanks to @dana for the patch; her fix is merged.", "her", True),
        # A sentence opening with a name outside the vocabulary and a verb in -s: for
        # a later sentence, and for its own when no role noun stands between.
        ("Priya maintains the parser. Send her the input.", "her", True),
        ("Oluwaseun calls herself the release captain.", "herself", True),
        ("Webpack bundles it for the user, and he opens it.", "he", False),
        # Nothing before the pronoun could be its referent.
        ("When he logs in, the page reloads.", "he", False),
    ],
)
def test_named_before(text, pronoun, named):
    assert named_before(text, pronoun) is named
