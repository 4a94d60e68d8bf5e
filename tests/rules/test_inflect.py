import pytest

from allylint.rules.inflect import inflections, transfer_inflection


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("whitelist", {"whitelist", "whitelists", "whitelisted", "whitelisting"}),
        ("grandfather", {"grandfathers", "grandfathered", "grandfathering"}),
        ("man", {"men", "manned", "manning"}),
        ("chairman", {"chairmen"}),
        ("cripple", {"cripples", "crippled", "crippling"}),
        ("redline", {"redlines", "redlined", "redlining"}),
        ("dummy", {"dummies"}),
        ("match", {"matches", "matched", "matching"}),
    ],
)
def test_inflections_include_regular_forms(word, expected):
    assert expected <= inflections(word)


def test_non_alphabetic_terms_do_not_inflect():
    assert inflections("s/he") == {"s/he"}


@pytest.mark.parametrize(
    ("original", "base", "replacement", "expected"),
    [
        ("whitelisted", "whitelist", "allowlist", "allowlisted"),
        ("whitelisting", "whitelist", "allowlist", "allowlisting"),
        ("slaves", "slave", "replica", "replicas"),
        ("whitelist", "whitelist", "allowlist", "allowlist"),
    ],
)
def test_transfer_inflection(original, base, replacement, expected):
    assert transfer_inflection(original, base, replacement) == expected
