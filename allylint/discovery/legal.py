"""Licence texts and legal notices, told by their content.

A project cannot change the wording of a licence it uses, so a licence text or
a legal notice found in a folder is not checked (a file named on the command
line always is). The name does not decide: a documentation page called
``license.md`` or ``Copyright.md`` is checked like any other page, and a licence
text under any name is skipped. What decides is the opening of the document's
prose (a licence header in a comment above a page does not make the page a
licence, and source code is never one):

- a clause that only licences say (the lexicon ``licence-openings``:
  "Permission is hereby granted", "Redistribution and use in source and binary
  forms", ...) in its first lines; or
- a few lines that are nearly all copyright statements ("Copyright 2019 ...")
  and attributions and SPDX tags (the lexicon ``notice-words``), as in a NOTICE
  file or a REUSE ``.license`` file.
"""

from __future__ import annotations

import functools
import re

from allylint.conditions import lexicons

OPENING = 1200  # characters of a text's opening searched for a licence's clauses
_NOTICE_LINES = 12  # lines of a short text that may make it a notice
_NOTICE_SHARE = 0.6  # share of those lines that must be notice lines
_MARKUP = re.compile(r"[#=*_`>|~\-\u2500-\u257f]+|<!--|-->|^\s*(?://|/\*|\*|;)", re.MULTILINE)
_SPACE = re.compile(r"\s+")
# A copyright statement: "Copyright 2019 Kenneth Reitz", "(c) 2020-2024 ...", "© 2021 ...".
_COPYRIGHT_LINE = re.compile(r"^\W*(?:copyright\b|\(c\)|\u00a9)[^\n]*\b(?:1[89]|2\d)\d\d\b", re.I)


@functools.cache
def _openings() -> re.Pattern[str]:
    phrases = sorted(lexicons.words("licence-openings"), key=len, reverse=True)
    return re.compile("|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases))


def _normalized(text: str) -> str:
    """Lowercase, straight quotes, heading and comment markup gone, one space between words."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').lower()
    return _SPACE.sub(" ", _MARKUP.sub(" ", text))


def _is_notice(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or len(lines) > _NOTICE_LINES:
        return False
    words = lexicons.words("notice-words")
    noticed = sum(
        1
        for line in lines
        if _COPYRIGHT_LINE.match(line) or any(word in line.lower() for word in words)
    )
    # The product's name may head a notice ("Requests", then its copyright line).
    return noticed >= 1 and noticed >= _NOTICE_SHARE * (len(lines) - 1)


def is_legal_text(text: str) -> bool:
    """Is ``text``, a document's prose from its start, a licence text or a legal notice?"""
    text = text.lstrip("\ufeff")
    if _openings().search(_normalized(text[: OPENING * 2])[:OPENING]):
        return True
    return _is_notice(text)
